"""`quizapp ingest` and `quizapp corpus stats`: texts into the corpus, and what it holds."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from quizapp.commands.progress import with_progress
from quizapp.ingest.collect import collect_sources
from quizapp.ingest.segment import ModelMissing


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
        finished = list(with_progress(outcomes, len(sources), "ingesting"))
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
