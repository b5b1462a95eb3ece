"""Moodle XML: each item as the closest Moodle question type, in one category per source.

multiple_choice → multichoice, true_false → truefalse, short_answer → shortanswer with
its alternatives, cloze → shortanswer (the stem keeps its blank), matching → matching,
chronology → matching of each event to its position. The explanation and the citation
go to the general feedback; the item's tags and one `cite:<key>:<start>-<end>:<role>`
tag per citation go to Moodle's tags, and the uuid to the idnumber, so that
`quizapp import moodle-xml` can bring the items back.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

from quizapp.export.citing import citations_html
from quizapp.export.export_items import ExportItem
from quizapp.export.item_parts import also_accepted, choices, events, pairs
from quizapp.export.selection import Selection

MOODLE_TYPES = {
    "multiple_choice": "multichoice",
    "true_false": "truefalse",
    "short_answer": "shortanswer",
    "cloze": "shortanswer",
    "matching": "matching",
    "chronology": "matching",
}
NAME_LENGTH = 80


def build_moodle_xml(selection: Selection, public_url: str | None = None) -> bytes:
    quiz = ET.Element("quiz")
    by_source: dict[str, list[ExportItem]] = {}
    for item in selection.items:
        by_source.setdefault(item.source.title, []).append(item)
    for title in sorted(by_source):
        quiz.append(_category(title))
        for item in by_source[title]:
            quiz.append(question(item, public_url))
    ET.indent(quiz)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, "unicode") + "\n"
    ).encode()


def _category(title: str) -> ET.Element:
    element = ET.Element("question", type="category")
    _text(ET.SubElement(element, "category"), f"$course$/quizapp/{title.replace('/', '-')}")
    return element


def question(item: ExportItem, public_url: str | None) -> ET.Element:
    """One <question> element for the item."""
    version = item.version
    element = ET.Element("question", type=MOODLE_TYPES.get(item.type, "shortanswer"))
    _text(ET.SubElement(element, "name"), _name(version.stem))
    _text(ET.SubElement(element, "questiontext", format="html"), escape(version.stem))
    _text(ET.SubElement(element, "generalfeedback", format="html"), _feedback(item, public_url))
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "penalty").text = "0.3333333"
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = item.uuid
    _ANSWERS.get(item.type, _short_answers)(element, item)
    _tags(element, item)
    return element


def _multichoice(element: ET.Element, item: ExportItem) -> None:
    ET.SubElement(element, "single").text = "true"
    ET.SubElement(element, "shuffleanswers").text = "true"
    ET.SubElement(element, "answernumbering").text = "abc"
    for choice in choices(item.version, item.uuid):
        _answer(element, escape(choice), 100 if choice == item.version.answer else 0, "html")


def _truefalse(element: ET.Element, item: ExportItem) -> None:
    truth = item.version.answer.strip().lower() == "true"
    _answer(element, "true", 100 if truth else 0)
    _answer(element, "false", 0 if truth else 100)


def _short_answers(element: ET.Element, item: ExportItem) -> None:
    ET.SubElement(element, "usecase").text = "0"
    for accepted in [item.version.answer, *also_accepted(item.version)]:
        _answer(element, accepted, 100)


def _matching(element: ET.Element, item: ExportItem) -> None:
    ET.SubElement(element, "shuffleanswers").text = "true"
    if item.type == "chronology":
        rows = [(event, str(n)) for n, event in enumerate(events(item.version), start=1)]
    else:
        rows = pairs(item.version)
    for left, right in rows:
        sub = ET.SubElement(element, "subquestion", format="html")
        _text(sub, escape(left))
        _text(ET.SubElement(sub, "answer"), right)


_ANSWERS = {
    "multiple_choice": _multichoice,
    "true_false": _truefalse,
    "matching": _matching,
    "chronology": _matching,
}


def _answer(element: ET.Element, text: str, fraction: int, text_format: str = "moodle_auto_format"):
    answer = ET.SubElement(element, "answer", fraction=str(fraction), format=text_format)
    _text(answer, text)
    _text(ET.SubElement(answer, "feedback", format="html"), "")


def _feedback(item: ExportItem, public_url: str | None) -> str:
    explanation = item.version.explanation or ""
    head = f'<div class="quizapp-explanation">{escape(explanation)}</div>' if explanation else ""
    return head + citations_html(item, public_url)


def _tags(element: ET.Element, item: ExportItem) -> None:
    tags = ET.SubElement(element, "tags")
    names = [*item.tags]
    names += [f"cite:{c.key}:{c.start}-{c.end}:{c.role}" for c in item.citations]
    for name in names:
        _text(ET.SubElement(tags, "tag"), name)


def _text(parent: ET.Element, value: str) -> None:
    ET.SubElement(parent, "text").text = value


def _name(stem: str) -> str:
    flat = " ".join(stem.split())
    return flat if len(flat) <= NAME_LENGTH else flat[: NAME_LENGTH - 1] + "…"
