"""`quizapp eval sample`: a seeded random sample of items as Markdown, to rate by the rubric."""

from __future__ import annotations

import random

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Document, Footnote, Passage, Sentence
from quizapp.services.verdicts import current_versions


def sample_markdown(count: int, seed: int) -> str:
    """N items chosen with `seed`, each with its cited sentence in its passage."""
    versions = current_versions()
    chosen = random.Random(seed).sample(versions, min(count, len(versions)))
    parts = [
        f"# Sample of {len(chosen)} items (seed {seed})\n",
        "Rate each with ../shared/eval/RUBRIC.md: G I S A U W N D, P, and a verdict.\n",
        "A letter before a cloze's blank is the first letter of a word of the answer, as "
        "students are told.\n",
    ]
    for number, version in enumerate(chosen, start=1):
        parts.append(_item_markdown(number, version))
    return "\n".join(parts)


def _item_markdown(number: int, version) -> str:
    item = version.item
    lines = [
        f"## {number}. {item.type} · {version.verdict} · {item.uuid}",
        "",
        f"**Stem:** {version.stem}",
        "",
        f"**Answer:** {version.answer}",
    ]
    if version.alternatives:
        lines.append(f"**Also accepted:** {', '.join(version.alternatives)}")
    if version.distractors:
        lines.append(f"**Distractors:** {', '.join(version.distractors)}")
    for citation in version.citations:
        lines.extend(["", _citation_markdown(citation)])
    lines.append("")
    lines.append("Rating: G _ I _ S _ A _ U _ W _ N _ D _ · P _ · verdict _")
    return "\n".join(lines) + "\n"


def _citation_markdown(citation) -> str:
    row = db.session.execute(
        select(Sentence, Passage.start, Passage.end, Document, Footnote)
        .join(Passage, Sentence.passage_id == Passage.id)
        .join(Document, Sentence.document_id == Document.id)
        .outerjoin(Footnote, Sentence.footnote_id == Footnote.id)
        .where(Sentence.key == citation.sentence_key)
    ).first()
    if row is None:
        return f"> cited sentence {citation.sentence_key} is no longer in the corpus"
    sentence, start, end, document, footnote = row
    if footnote is not None:  # a footnote's sentence stands in the footnote, not the passage
        start, end = footnote.start, footnote.end
    text = sentence.text
    marked = (
        (
            text[: citation.start]
            + "**"
            + text[citation.start : citation.end]
            + "**"
            + text[citation.end :]
        )
        if citation.end > citation.start
        else text
    )
    passage = document.text[start:end].replace(text, f"[{marked}]")
    source = f"{document.title} — {document.author or 'unknown'} ({document.year or 'n.d.'})"
    return f"> {passage}\n>\n> — {source}, sentence `{sentence.key}` ({citation.role})"
