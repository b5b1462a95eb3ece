"""The `quizapp` command: Flask's CLI group, with the subcommands of `commands/` (one
module per area) and of `export/commands.py`.

`quizapp db …` comes from Flask-Migrate. Commands are registered on the app, so
`flask --app quizapp …` offers the same ones.
"""

from __future__ import annotations

from flask import Flask
from flask.cli import FlaskGroup

from quizapp.commands.corpus import corpus_group, ingest_command
from quizapp.commands.evaluation import eval_group
from quizapp.commands.generation import bank_group, check_command, generate_command
from quizapp.commands.serving import serve_command, users_group, worker_command


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


def _create_app(*args, **kwargs) -> Flask:
    from quizapp import create_app

    return create_app()


main = FlaskGroup(
    name="quizapp", create_app=_create_app, help="quizapp: citation-checked quizzes and flashcards."
)
