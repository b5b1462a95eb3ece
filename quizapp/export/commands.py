"""The `quizapp export …` and `quizapp import …` commands.

Every export checks its target and its scope before doing any work, writes through a
temporary file (so a failure leaves no partial file), and says how many items it left
out and why.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from quizapp.export import ExportError
from quizapp.export.formats import FORMATS

OUT_HELP = "The file to write; its folder must exist."


@click.group("export", cls=AppGroup)
def export_group() -> None:
    """Export the question bank: Anki decks, Moodle XML, GIFT, JSON, CSV."""


@click.group("import", cls=AppGroup)
def import_group() -> None:
    """Import a bank exported by quizapp (JSON) or by Moodle (XML)."""


def scope_options(statuses: tuple[str, ...], default: str):
    """--source, --quiz, --tag, --status and --out, shared by every export."""

    def decorate(command):
        for option in reversed(
            [
                click.option("--source", default=None, help="Only items of this source slug."),
                click.option(
                    "--quiz", default=None, help="Only the items of this quiz (uuid or id)."
                ),
                click.option("--tag", default=None, help="Only items with this tag."),
                click.option(
                    "--status",
                    type=click.Choice(statuses),
                    default=default,
                    show_default=True,
                    help=_status_help(statuses),
                ),
                click.option(
                    "--out", required=True, type=click.Path(dir_okay=False), help=OUT_HELP
                ),
            ]
        ):
            command = option(command)
        return command

    return decorate


def _status_help(statuses: tuple[str, ...]) -> str:
    text = "approved: approved items the checker supports; all: supported drafts too"
    if "any" in statuses:
        text += "; any: every item, whatever its status and verdict"
    return text + "."


def _study_export(name: str, source, quiz, tag, status, out) -> None:
    """Select, build and write one of the formats in FORMATS; report what was left out."""
    from quizapp.export.files import check_writable, write_atomically
    from quizapp.export.gc_pause import paused_gc
    from quizapp.export.gift import gift_warnings
    from quizapp.export.selection import scope_query, select_items

    path = Path(out)
    try:
        check_writable(path)
        with paused_gc():
            selection = select_items(scope_query(source, quiz, tag), status)
            data = FORMATS[name].build(selection, current_app.config.get("PUBLIC_URL"))
            write_atomically(path, data)
    except ExportError as exc:
        raise click.ClickException(_hint(str(exc), status)) from exc
    if name == "gift":
        for warning in gift_warnings(selection):
            click.echo(f"warning: GIFT cannot carry everything: {warning}", err=True)
    kinds = Counter(item.type for item in selection.items)
    detail = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))
    click.echo(f"wrote {path}: {len(selection.items)} items ({detail})")
    click.echo(_hint(selection.left_out_message(), status))


def _hint(message: str, status: str) -> str:
    if status == "approved" and "drafts (not approved)" in message:
        return message + "; --status all exports supported drafts too"
    return message


@export_group.command("anki")
@scope_options(("approved", "all"), "approved")
def export_anki(source, quiz, tag, status, out) -> None:
    """Write an Anki deck (.apkg) of the supported items."""
    _study_export("anki", source, quiz, tag, status, out)


@export_group.command("moodle-xml")
@scope_options(("approved", "all"), "approved")
def export_moodle_xml(source, quiz, tag, status, out) -> None:
    """Write Moodle XML of the supported items (citations in the feedback and the tags)."""
    _study_export("moodle-xml", source, quiz, tag, status, out)


@export_group.command("gift")
@scope_options(("approved", "all"), "approved")
def export_gift(source, quiz, tag, status, out) -> None:
    """Write GIFT of the supported items, warning about what GIFT cannot carry."""
    _study_export("gift", source, quiz, tag, status, out)


@export_group.command("csv")
@scope_options(("approved", "all"), "approved")
def export_csv(source, quiz, tag, status, out) -> None:
    """Write a CSV of the supported items for spreadsheets."""
    _study_export("csv", source, quiz, tag, status, out)


@export_group.command("json")
@scope_options(("approved", "all", "any"), "any")
def export_json(source, quiz, tag, status, out) -> None:
    """Write the bank as JSON, lossless: every version, verdict, citation and tag.

    By default every item goes, whatever its status and verdict (--status any), so the
    bank can move to another installation whole.
    """
    from quizapp.export.bank_json import build_bank_json
    from quizapp.export.files import check_writable, write_atomically
    from quizapp.export.selection import scope_query, supported_ids

    path = Path(out)
    try:
        check_writable(path)
        scope = scope_query(source, quiz, tag)
        ids = scope if status == "any" else supported_ids(scope, status)
        data, count = build_bank_json(ids)
        write_atomically(path, data)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {path}: {count} items with all their versions")


@import_group.command("json")
@click.argument("file", type=click.Path(dir_okay=False))
def import_json(file: str) -> None:
    """Import a bank exported with `quizapp export json`; items already here are skipped."""
    from quizapp.export.bank_json import read_bank_json
    from quizapp.services.bank_import import import_items

    try:
        items = read_bank_json(Path(file))
    except ExportError as exc:
        raise click.ClickException(str(exc)) from exc
    _report(import_items(items, "json"))


@import_group.command("moodle-xml")
@click.argument("file", type=click.Path(dir_okay=False))
def import_moodle_xml(file: str) -> None:
    """Import Moodle XML (as `quizapp export moodle-xml` writes it) as draft items."""
    from quizapp.export.moodle_import import read_moodle_xml
    from quizapp.services.bank_import import import_items

    try:
        items, notes = read_moodle_xml(Path(file))
    except ExportError as exc:
        raise click.ClickException(str(exc)) from exc
    for note in notes:
        click.echo(f"warning: {note}", err=True)
    _report(import_items(items, "moodle-xml"))


def _report(report) -> None:
    for reason in report.skipped:
        click.echo(f"skipped {reason}", err=True)
    line = f"imported {report.added} items"
    if report.stale:
        line += f" ({report.stale} stale: a cited sentence is missing or changed here)"
    if report.skipped:
        line += f"; skipped {len(report.skipped)}"
    click.echo(line)
