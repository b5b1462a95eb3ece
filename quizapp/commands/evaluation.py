"""`quizapp eval sentences|coverage|sample`: measure the corpus and the bank against a
gold file, or sample items for rating."""

from __future__ import annotations

import json

import click
from flask.cli import AppGroup


@click.group("eval", cls=AppGroup)
def eval_group() -> None:
    """Measure the corpus and the bank against a gold file."""


def gold_records(path: str) -> list[dict]:
    """The records of a gold or claims file; a bad line is a usage error naming it."""
    from quizapp.evaluation.gold import read_gold

    try:
        return read_gold(path)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc


@eval_group.command("sentences")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def eval_sentences_command(gold: str, as_json: bool) -> None:
    """Check that every gold sentence is one stored sentence."""
    from quizapp.evaluation.sentences import evaluate_sentences

    result = evaluate_sentences(gold_records(gold))
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


@eval_group.command("coverage")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def eval_coverage_command(gold: str, as_json: bool) -> None:
    """How many gold facts some item that is not rejected teaches, from their sentence."""
    from quizapp.evaluation.coverage import evaluate_coverage

    result = evaluate_coverage(gold_records(gold))
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
