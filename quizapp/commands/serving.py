"""`quizapp serve`, `quizapp worker` and `quizapp users`: running the app and its accounts."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext


@click.command("serve")
@click.option("--prod", is_flag=True, help="Serve with gunicorn and gunicorn.conf.py.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def serve_command(prod: bool, host: str, port: int) -> None:
    """Serve the app: Flask's server by default, gunicorn's workers with --prod."""
    if not prod:
        from quizapp import create_app

        create_app().run(host=host, port=port)
        return
    import os

    gunicorn = shutil.which("gunicorn") or str(Path(sys.executable).parent / "gunicorn")
    config = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
    os.environ.setdefault("QUIZAPP_BIND", f"{host}:{port}")
    os.execv(gunicorn, [gunicorn, "-c", str(config), "quizapp:create_app()"])


@click.group("users", cls=AppGroup)
def users_group() -> None:
    """Manage accounts."""


@users_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(["student", "instructor", "admin"]), required=True)
@click.option(
    "--password",
    default=None,
    help="At least 10 characters; one is generated and printed when omitted.",
)
def users_create_command(email: str, role: str, password: str | None) -> None:
    """Create an account."""
    from quizapp.services.users import AccountError, create_user

    try:
        user, chosen = create_user(email, role, password)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    line = f"created {user.role} {user.email}"
    click.echo(line if password else f"{line} with password {chosen}")


@users_group.command("demo")
def users_demo_command() -> None:
    """Make sure the demo instructor, student and quiz exist, and print how to sign in."""
    from quizapp.services.demo import ensure_demo_accounts, ensure_demo_quiz

    for email, role, password in ensure_demo_accounts(Path(current_app.instance_path)):
        click.echo(f"demo {role}: {email} / {password}")
    quiz = ensure_demo_quiz()
    if quiz is not None:
        click.echo(f"demo quiz: {quiz.title!r} ({len(quiz.items)} items), published")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the jobs waiting in the queue, then exit.")
@with_appcontext
def worker_command(burst: bool) -> None:
    """Serve the background job queue (needs QUIZAPP_REDIS_URL)."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException(
            "QUIZAPP_REDIS_URL is not set: without it jobs run on a thread inside the app "
            "and no worker is needed"
        )
    from redis import Redis
    from rq import Queue, Worker

    from quizapp.services.jobs import QUEUE

    connection = Redis.from_url(url)
    Worker([Queue(QUEUE, connection=connection)], connection=connection).work(burst=burst)
