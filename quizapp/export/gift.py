"""GIFT, Moodle's plain-text question format, for the types it can express.

multiple_choice → `{=answer ~distractor}`, true_false → `{TRUE}`/`{FALSE}`,
short_answer → `{=answer =alternative}`, cloze → a missing-word question (the answer
braces stand where the blank was), matching → `{=left -> right}`, chronology →
matching of each event to its position. The explanation and the citation go to the
general feedback (`####`). What GIFT cannot carry is listed by `gift_warnings`.
"""

from __future__ import annotations

import re

from quizapp.export.citing import citations_text
from quizapp.export.export_items import ExportItem
from quizapp.export.item_parts import also_accepted, choices, events, pairs, split_blank
from quizapp.export.selection import Selection

_SPECIAL = re.compile(r"([~=#{}:\\])")
NAME_LENGTH = 60


def build_gift(selection: Selection, public_url: str | None = None) -> bytes:
    blocks = [question(item, public_url) for item in selection.items]
    return ("\n\n".join(blocks) + "\n").encode()


def gift_warnings(selection: Selection) -> list[str]:
    """What this selection loses in GIFT."""
    warnings = [
        "GIFT has no tags and no item ids: source, type, entity and topic tags are dropped, "
        "and importing the file again makes new items",
        "citations are carried only as text in the general feedback: their sentence keys, "
        "answer spans and links back to the items are lost",
    ]
    chronology = sum(1 for item in selection.items if item.type == "chronology")
    if chronology:
        warnings.append(
            f"{chronology} chronology item(s) are written as matching questions "
            "(each event to its position): GIFT has no ordering type"
        )
    return warnings


def question(item: ExportItem, public_url: str | None) -> str:
    """One GIFT question, preceded by a comment naming the item and its source."""
    version = item.version
    feedback = _feedback(item, public_url)
    head = f"// quizapp {item.type} {item.uuid}\n::{_escape(_name(version.stem))}::"
    if item.type == "cloze" and split_blank(version.stem):
        before, after, hint = split_blank(version.stem)
        accepted = " ".join(f"={_escape(a)}" for a in [version.answer, *also_accepted(version)])
        shown = f"({_escape(hint)}) " if hint else ""  # the hint stays visible beside the box
        return f"{head}{_escape(before)}{shown}{{{accepted}{feedback}}}{_escape(after)}"
    return f"{head}{_escape(version.stem)} {{{_answers(item)}{feedback}}}"


def _answers(item: ExportItem) -> str:
    version = item.version
    if item.type == "multiple_choice":
        options = choices(version, item.uuid)
        return "\n" + "".join(
            f"{'=' if c == version.answer else '~'}{_escape(c)}\n" for c in options
        )
    if item.type == "true_false":
        return "TRUE" if version.answer.strip().lower() == "true" else "FALSE"
    if item.type in ("matching", "chronology"):
        rows = (
            [(e, str(n)) for n, e in enumerate(events(version), start=1)]
            if item.type == "chronology"
            else pairs(version)
        )
        return "\n" + "".join(f"={_escape(left)} -> {_escape(right)}\n" for left, right in rows)
    return " ".join(f"={_escape(a)}" for a in [version.answer, *also_accepted(version)])


def _feedback(item: ExportItem, public_url: str | None) -> str:
    parts = [item.version.explanation or "", citations_text(item, public_url)]
    text = " · ".join(" ".join(p.split()) for p in parts if p.strip())
    return f"####{_escape(text)}" if text else ""


def _escape(text: str) -> str:
    """Backslash GIFT's special characters and keep the text on one line."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s*[\r\n]+\s*", " ", text))


def _name(stem: str) -> str:
    flat = " ".join(stem.split())
    return flat if len(flat) <= NAME_LENGTH else flat[: NAME_LENGTH - 1] + "…"
