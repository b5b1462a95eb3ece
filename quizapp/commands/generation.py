"""`quizapp generate`, `quizapp check` (the bank, or claims with --claims) and
`quizapp bank stats`."""

from __future__ import annotations

import json

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from quizapp.commands.evaluation import gold_records
from quizapp.commands.progress import stage_bar


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

    result = check_claims(gold_records(path), current_app.config["SPACY_MODEL"])
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
    with stage_bar("generating") as advance:
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
