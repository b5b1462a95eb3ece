"""The `quizapp export …` and `quizapp import …` commands (being built)."""

from __future__ import annotations

import click
from flask.cli import AppGroup


@click.group("export", cls=AppGroup)
def export_group() -> None:
    """Export the question bank: Anki decks, Moodle XML, GIFT, JSON, CSV."""


@click.group("import", cls=AppGroup)
def import_group() -> None:
    """Import a bank exported by quizapp (JSON) or by Moodle (XML)."""
