"""Moodle XML: well-formed, the right question types, and a round trip back into quizapp."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from quizapp.extensions import db
from tests.export_helpers import bank_snapshot, export_bank, run, second_installation

MOODLE_TYPES = {
    "multiple_choice": "multichoice",
    "true_false": "truefalse",
    "short_answer": "shortanswer",
    "cloze": "shortanswer",
    "chronology": "matching",
}


def exported(runner, tmp_path):
    export_bank(runner, tmp_path)
    path = tmp_path / "bank.xml"
    run(runner, "export", "moodle-xml", "--status", "all", "--out", str(path))
    return path


def test_each_item_becomes_the_closest_moodle_question(app, runner, tmp_path):
    path = exported(runner, tmp_path)
    snapshot = {
        u: i for u, i in bank_snapshot().items() if i["versions"][-1]["verdict"] == "supported"
    }
    root = ET.parse(path).getroot()
    assert root.tag == "quiz"
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    assert len(questions) == len(snapshot)
    for question in questions:
        item = snapshot[question.findtext("idnumber")]
        version = item["versions"][-1]
        assert question.get("type") == MOODLE_TYPES[item["type"]]
        feedback = question.findtext("generalfeedback/text")
        key, _hash, start, end, _role = version["citations"][0]
        tags = [t.findtext("text") for t in question.findall("tags/tag")]
        assert f"cite:{key}:{start}-{end}:{version['citations'][0][4]}" in tags
        assert "<mark>" in feedback and "quizapp-quote" in feedback
        assert f"type:{item['type']}" in tags
        fractions = [a.get("fraction") for a in question.findall("answer")]
        if item["type"] == "multiple_choice":
            assert fractions.count("100") == 1
            assert len(fractions) == 1 + len(version["distractors"])
        if item["type"] == "true_false":
            right = [
                a.findtext("text") for a in question.findall("answer") if a.get("fraction") == "100"
            ]
            assert right == [version["answer"].lower()]
        if item["type"] == "chronology":
            assert len(question.findall("subquestion")) == len(version["payload"]["events"])


def test_round_trip_into_a_fresh_database_keeps_stems_answers_and_citations(app, runner, tmp_path):
    path = exported(runner, tmp_path)
    original = {
        u: i for u, i in bank_snapshot().items() if i["versions"][-1]["verdict"] == "supported"
    }
    target = second_installation(tmp_path, "moodle_target")
    with target.app_context():
        result = run(target.test_cli_runner(), "import", "moodle-xml", str(path))
        assert f"imported {len(original)} items" in result.output
        back = bank_snapshot()
        again = run(target.test_cli_runner(), "import", "moodle-xml", str(path))
        assert "imported 0 items" in again.output
        assert len(bank_snapshot()) == len(original)
        db.session.remove()
    assert set(back) == set(original)
    for uuid, item in original.items():
        came, went = back[uuid]["versions"][0], item["versions"][-1]
        assert back[uuid]["type"] == item["type"]
        assert came["stem"] == went["stem"]
        assert came["answer"] == went["answer"]
        assert sorted(came["alternatives"]) == sorted(went["alternatives"])
        assert sorted(came["distractors"]) == sorted(went["distractors"])
        assert came["citations"] == went["citations"]
        assert came["verdict"] == "supported", (came["stem"], came["answer"])
        assert back[uuid]["status"] == "draft"


def test_a_file_that_is_not_moodle_xml_is_refused(app, runner, tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text("<quiz><question type='multichoice'>")
    result = runner.invoke(args=["import", "moodle-xml", str(path)])
    assert result.exit_code != 0
    assert "not well-formed XML" in result.output
