"""The chosen items as CSV for spreadsheets: one row per item, lists joined with " | ".

UTF-8 with a byte-order mark, so that spreadsheet programs read the accents right.
"""

from __future__ import annotations

import csv
import io

from quizapp.export.citing import citations_text, reference
from quizapp.export.selection import Selection

COLUMNS = (
    "uuid",
    "type",
    "status",
    "source",
    "question",
    "answer",
    "alternatives",
    "distractors",
    "explanation",
    "citation",
    "reference",
    "sentence_keys",
    "tags",
)


def build_csv(selection: Selection, public_url: str | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for item in selection.items:
        version = item.version
        writer.writerow(
            (
                item.uuid,
                item.type,
                item.status,
                item.source.slug,
                version.stem,
                version.answer,
                " | ".join(version.alternatives or []),
                " | ".join(version.distractors or []),
                version.explanation or "",
                citations_text(item, public_url),
                " | ".join(reference(item, c) for c in item.citations),
                " | ".join(c.key for c in item.citations),
                " | ".join(item.tags),
            )
        )
    return buffer.getvalue().encode("utf-8-sig")
