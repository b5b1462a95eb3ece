"""Read Moodle XML back into items: the other half of the Moodle round trip.

Questions quizapp wrote come back as the type they left as (their `type:` tag says it),
with their uuid (idnumber), tags and citations (the `cite:` tags). Other Moodle
questions of the types quizapp knows are read as well; they arrive without citations,
so the checker will not call them supported until an instructor cites a sentence.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

from quizapp.export import ExportError
from quizapp.services.bank_import import ImportedCitation, ImportedItem, ImportedVersion

BACK = {"multichoice": "multiple_choice", "truefalse": "true_false", "shortanswer": "short_answer"}
TF_PREFIX = "True or false: "
_TAG = re.compile(r"<[^>]+>")
_EXPLANATION = re.compile(r'<div class="quizapp-explanation">(.*?)</div>', re.S)
_CITE = re.compile(r"cite:(?P<key>[^:]+):(?P<start>\d+)-(?P<end>\d+):(?P<role>.+)")


def read_moodle_xml(path: Path) -> tuple[list[ImportedItem], list[str]]:
    """The items of a Moodle XML file, and a note for every question left aside."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ExportError(f"{path}: not well-formed XML ({exc})") from exc
    except OSError as exc:
        raise ExportError(f"{path}: {exc.strerror}") from exc
    if root.tag != "quiz":
        raise ExportError(f"{path}: not Moodle XML (the root element is <{root.tag}>, not <quiz>)")
    items, notes = [], []
    for n, element in enumerate(root.findall("question"), start=1):
        moodle_type = element.get("type", "")
        if moodle_type == "category":
            continue
        item = _item(element, moodle_type)
        if item is None:
            notes.append(f"question {n}: the Moodle type {moodle_type!r} has no quizapp type")
        else:
            items.append(item)
    return items, notes


def _item(element: ET.Element, moodle_type: str) -> ImportedItem | None:
    tags = [t for t in _texts(element, "tags/tag") if not t.startswith("cite:")]
    cites = [t for t in _texts(element, "tags/tag") if t.startswith("cite:")]
    typed = next((t.removeprefix("type:") for t in tags if t.startswith("type:")), None)
    item_type = (
        typed or BACK.get(moodle_type) or ("matching" if moodle_type == "matching" else None)
    )
    if item_type is None:
        return None
    stem = _plain(_text(element, "questiontext"))
    version = ImportedVersion(
        number=1,
        stem=stem,
        answer="",
        explanation=_explanation(_text(element, "generalfeedback")),
        author="import:moodle-xml",
        citations=[_citation(c) for c in cites if _CITE.fullmatch(c)],
    )
    _fill(version, element, item_type)
    source = next((t.removeprefix("source:") for t in tags if t.startswith("source:")), None)
    return ImportedItem(
        type=item_type,
        versions=[version],
        uuid=(element.findtext("idnumber") or "").strip() or None,
        source=source,
        tags=tags,
    )


def _fill(version: ImportedVersion, element: ET.Element, item_type: str) -> None:
    answers = [
        (_plain(_text(a, ".")), float(a.get("fraction", "0"))) for a in element.findall("answer")
    ]
    right = [text for text, fraction in answers if fraction > 0]
    wrong = [text for text, fraction in answers if fraction <= 0]
    if item_type in ("matching", "chronology"):
        rows = [
            (_plain(_text(s, ".")), _plain(_text(s, "answer")))
            for s in element.findall("subquestion")
        ]
        _fill_rows(version, item_type, rows)
    elif item_type == "true_false":
        truth = bool(right) and right[0].lower() == "true"
        version.answer = "True" if truth else "False"
        statement = version.stem.removeprefix(TF_PREFIX)
        version.payload = {"statement": statement, "truth": truth}
    else:
        version.answer = right[0] if right else ""
        if item_type == "multiple_choice":
            version.distractors = wrong
        else:
            version.alternatives = right[1:]


def _fill_rows(version: ImportedVersion, item_type: str, rows: list[tuple[str, str]]) -> None:
    if item_type == "chronology":
        ordered = [left for left, right in sorted(rows, key=lambda r: _position(r[1]))]
        version.answer = " → ".join(ordered)
        version.payload = {"events": [{"text": t, "citation": n} for n, t in enumerate(ordered)]}
    else:
        version.answer = "; ".join(f"{left}: {right}" for left, right in rows)
        version.payload = {
            "pairs": [{"left": lf, "right": rt, "citation": n} for n, (lf, rt) in enumerate(rows)]
        }


def _position(text: str) -> int:
    return int(text) if text.isdigit() else 1 << 30


def _citation(tag: str) -> ImportedCitation:
    match = _CITE.fullmatch(tag)
    return ImportedCitation(
        sentence_key=match["key"],
        start=int(match["start"]),
        end=int(match["end"]),
        role=match["role"],
    )


def _explanation(feedback_html: str) -> str:
    match = _EXPLANATION.search(feedback_html)
    return _plain(match.group(1)) if match else ""


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    return "" if found is None else (found.findtext("text") or "")


def _texts(element: ET.Element, path: str) -> list[str]:
    return [(e.findtext("text") or "").strip() for e in element.findall(path)]


def _plain(html_text: str) -> str:
    """Moodle's HTML as text: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(unescape(_TAG.sub("", html_text)).split())
