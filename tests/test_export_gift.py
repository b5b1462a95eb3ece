"""GIFT, checked with pygiftparser (it parses every question type we write)."""

from __future__ import annotations

import re

from pygiftparser.answer import MatchingSet, SelectSet, ShortSet, TrueFalseSet
from pygiftparser.parser import parseFile

from quizapp.checking.blanks import find_blank, hint_of
from tests.export_helpers import bank_snapshot, export_bank, run

SETS = {
    "multiple_choice": SelectSet,
    "true_false": TrueFalseSet,
    "short_answer": ShortSet,
    "cloze": ShortSet,
    "chronology": MatchingSet,
}


def unescape(text: str) -> str:
    """pygiftparser leaves GIFT's backslash escapes in place."""
    return re.sub(r"\\(.)", r"\1", text).strip()


def test_every_item_parses_as_the_gift_question_of_its_type(app, runner, tmp_path):
    export_bank(runner, tmp_path)
    path = tmp_path / "bank.gift.txt"
    result = run(runner, "export", "gift", "--status", "all", "--out", str(path))
    assert "GIFT cannot carry everything" in result.output
    assert "GIFT has no tags" in result.output
    assert "chronology item(s) are written as matching" in result.output

    items = [i for i in bank_snapshot().values() if i["versions"][-1]["verdict"] == "supported"]
    with path.open(encoding="utf-8") as handle:
        questions = parseFile(handle)
    assert len(questions) == len(items)
    assert all(q.valid for q in questions)
    for item, question in zip(items, questions, strict=True):
        version = item["versions"][-1]
        assert isinstance(question.answers, SETS[item["type"]]), version["stem"]
        assert "“" in question.generalFeedback  # the cited sentence, quoted
        if item["type"] == "true_false":
            assert question.answers.answer is (version["answer"] == "True")
            assert unescape(question.text) == version["stem"]
            continue
        answers = question.answers.answers
        right = [unescape(a.answer) for a in answers if a.fraction == 100]
        if item["type"] == "chronology":
            assert [unescape(a.question) for a in answers] == [
                e["text"] for e in version["payload"]["events"]
            ]
            continue
        if item["type"] == "multiple_choice":
            assert right == [version["answer"]]
            assert sorted(unescape(a.answer) for a in answers if a.fraction == 0) == sorted(
                version["distractors"]
            )
            assert unescape(question.text) == version["stem"]
        else:
            assert right == [version["answer"], *version["alternatives"]]
        if item["type"] == "cloze":
            blank = find_blank(version["stem"])
            before, after = version["stem"][: blank.start()], version["stem"][blank.end() :]
            hint = hint_of(blank.group())
            shown = f"{before}({hint})" if hint else before  # the hint beside the box
            assert unescape(question.text) == shown.strip()
            assert after.strip() in unescape(question.tail)
