"""The `quizapp` command: Flask's CLI group with the corpus and evaluation commands.

`quizapp db …` comes from Flask-Migrate. Commands are registered on the app, so
`flask --app quizapp …` offers the same ones.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, FlaskGroup, with_appcontext

from quizapp.ingest.collect import collect_sources
from quizapp.ingest.segment import ModelMissing


def register_commands(app: Flask) -> None:
    app.cli.add_command(ingest_command)
    app.cli.add_command(corpus_group)
    app.cli.add_command(eval_group)
    app.cli.add_command(check_command)
    app.cli.add_command(generate_command)
    app.cli.add_command(bank_group)
    app.cli.add_command(serve_command)
    app.cli.add_command(users_group)
    app.cli.add_command(worker_command)

    from quizapp.export.commands import export_group, import_group

    app.cli.add_command(export_group)
    app.cli.add_command(import_group)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes analysing texts in parallel.",
)
@with_appcontext
def ingest_command(paths: tuple[str, ...], workers: int) -> None:
    """Ingest text files, or folders of them (with their manifest.toml)."""
    from quizapp.services.ingest_batch import ingest_many

    sources, errors = collect_sources(list(paths))
    for error in errors:
        click.echo(f"error: {error}", err=True)
    outcomes = ingest_many(
        sources, current_app.config["SPACY_MODEL"], current_app.config["MAX_SOURCE_BYTES"], workers
    )
    try:
        finished = list(_with_progress(outcomes, len(sources), "ingesting"))
    except ModelMissing as exc:
        raise click.ClickException(str(exc)) from exc
    failed = len(errors)
    for outcome in finished:
        if outcome.error is not None:
            failed += 1
            click.echo(f"error: {outcome.error}", err=True)
            continue
        for warning in outcome.report.warnings:
            click.echo(f"warning: {warning}", err=True)
        click.echo(_describe(outcome.report))
    if failed:
        raise click.ClickException(f"{failed} path(s) not ingested; see the errors above")


def _with_progress(items, length: int, label: str):
    """Yield `items`, drawing a progress bar on a terminal (and nothing elsewhere)."""
    if not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, length=length, label=label, file=sys.stderr) as bar:
        yield from bar


@contextmanager
def _stage_bar(label: str):
    """A progress bar on a terminal, advanced by (done, total) calls; silent elsewhere."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    with click.progressbar(length=100, label=label, file=sys.stderr) as bar:
        yield lambda done, total: bar.update(int(100 * done / max(total, 1)) - bar.pos)


def _describe(report) -> str:
    line = f"{report.slug}: {report.status}, {report.sentences} sentences"
    if report.status == "updated":
        line += f" ({report.added} new, {report.retired} retired)"
    if report.witness_of:
        line += f"; a second witness of {report.witness_of}"
    if report.merged:
        line += f"; {report.merged} sentences merged into clusters of earlier documents"
    return line


@click.group("corpus", cls=AppGroup)
def corpus_group() -> None:
    """Look at the ingested corpus."""


@corpus_group.command("stats")
def corpus_stats_command() -> None:
    """Print documents, sections, passages, sentences, footnotes and duplicate witnesses."""
    from quizapp.services.corpus import corpus_stats

    stats = corpus_stats()
    for name, value in vars(stats).items():
        click.echo(f"{name.replace('_', ' '):<20} {value}")


@click.group("eval", cls=AppGroup)
def eval_group() -> None:
    """Measure the corpus and the bank against a gold file."""


@eval_group.command("sentences")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def eval_sentences_command(gold: str, as_json: bool) -> None:
    """Check that every gold sentence is one stored sentence."""
    from quizapp.evaluation.sentences import evaluate_sentences, read_gold

    try:
        result = evaluate_sentences(read_gold(gold))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    click.echo(
        f"{result['exact']} of {result['total']} gold sentences stored exactly "
        f"(ratio {result['ratio']:.3f})"
    )
    for problem in result["problems"]:
        click.echo(f"  {problem['id']}: {problem['verdict']}")
        for text in problem["stored"]:
            click.echo(f"      stored: {text}")


def _create_app(*args, **kwargs) -> Flask:
    from quizapp import create_app

    return create_app()


main = FlaskGroup(
    name="quizapp", create_app=_create_app, help="quizapp: citation-checked quizzes and flashcards."
)


@click.command("check")
@click.option(
    "--claims",
    "claims_path",
    type=click.Path(exists=True, dir_okay=False),
    help="Judge the claims in this JSON Lines file instead of the bank.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@with_appcontext
def check_command(claims_path: str | None, as_json: bool) -> None:
    """Re-check every item's citation (or, with --claims, judge claims) and print verdicts."""
    if claims_path:
        _check_claims(claims_path, as_json)
        return
    from quizapp.services.verdicts import recheck_bank

    counts = recheck_bank()
    if as_json:
        click.echo(json.dumps(counts))
        return
    for verdict, count in sorted(counts.items()):
        click.echo(f"{verdict:<12} {count}")


def _check_claims(path: str, as_json: bool) -> None:
    from quizapp.evaluation.claims import check_claims
    from quizapp.evaluation.gold import read_gold

    try:
        claims = read_gold(path)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    result = check_claims(claims, current_app.config["SPACY_MODEL"])
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    click.echo(
        f"{result['supported']} of {result['total']} claims supported, "
        f"{result['unsupported']} unsupported"
    )
    for row in result["results"]:
        click.echo(f"  {row['id']}: {row['verdict']}: {'; '.join(row['reasons'])}")


@click.command("generate")
@click.option(
    "--source", "sources", multiple=True, help="Draft for this source slug only (repeatable)."
)
@click.option(
    "--only", default=None, help="Comma-separated generator names, e.g. cloze,multiple_choice."
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes drafting in parallel.",
)
@click.option("--force", is_flag=True, help="Run even when nothing changed since the last run.")
@click.option("--tag", default=None, help="Draft only from the passages tagged with this topic.")
@with_appcontext
def generate_command(
    sources: tuple[str, ...], only: str | None, workers: int, force: bool, tag: str | None
) -> None:
    """Draft quiz items from the corpus; prints what was added by type and source."""
    from quizapp.generators import UnknownGenerator
    from quizapp.services.pipeline import UnknownSource, generate
    from quizapp.tagging.glossary import GlossaryError

    names = [n.strip() for n in only.split(",") if n.strip()] if only else None
    with _stage_bar("generating") as advance:
        try:
            report = generate(
                list(sources) or None, names, workers, progress=advance, force=force, tag=tag
            )
        except (UnknownGenerator, UnknownSource, GlossaryError) as exc:
            raise click.ClickException(str(exc)) from exc
    if report.up_to_date:
        click.echo(
            "the bank is up to date with the corpus and glossary; nothing to draft "
            "(--force drafts anyway)"
        )
        return
    for slug, counts in report.added.items():
        detail = ", ".join(f"{t} {n}" for t, n in sorted(counts.items())) or "nothing new"
        click.echo(f"{slug}: {detail}")
    total = report.by_type()
    click.echo(
        f"added {sum(total.values())} items: "
        + (", ".join(f"{t} {n}" for t, n in sorted(total.items())) or "none")
    )


@click.group("bank", cls=AppGroup)
def bank_group() -> None:
    """Look at the question bank."""


@bank_group.command("stats")
def bank_stats_command() -> None:
    """Print the bank by type, status, source and verdict."""
    from quizapp.services.verdicts import bank_stats

    for facet, counts in bank_stats().items():
        click.echo(f"by {facet}:")
        for value, count in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
            click.echo(f"  {value!s:<36} {count}")


@eval_group.command("coverage")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def eval_coverage_command(gold: str, as_json: bool) -> None:
    """How many gold facts some item that is not rejected teaches, from their sentence."""
    from quizapp.evaluation.coverage import evaluate_coverage
    from quizapp.evaluation.gold import read_gold

    try:
        result = evaluate_coverage(read_gold(gold))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(result))
        return
    click.echo(
        f"{result['covered']} of {result['total']} gold facts covered "
        f"(recall {result['recall']:.3f})"
    )
    for kind, counts in result["by_answer_type"].items():
        click.echo(f"  {kind:<14} {counts.get('covered', 0)} of {counts['total']}")
    if result["misses"]:
        click.echo(f"  misses: {', '.join(result['misses'])}")


@eval_group.command("sample")
@click.argument("count", type=click.IntRange(1))
@click.option("--seed", default=0, show_default=True, type=int)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the Markdown here instead of printing it.",
)
def eval_sample_command(count: int, seed: int, out: str | None) -> None:
    """Write COUNT random items with their cited sentence in context, as Markdown."""
    from quizapp.evaluation.sample import sample_markdown

    text = sample_markdown(count, seed)
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            handle.write(text)
        click.echo(f"wrote {out}")
    else:
        click.echo(text)


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
    import shutil

    gunicorn = shutil.which("gunicorn") or str(Path(sys.executable).parent / "gunicorn")
    config = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"
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
