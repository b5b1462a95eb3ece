"""The export commands' refusals (nothing written, a clear message) and reproducible files."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Item
from quizapp.services import bank, quizzes
from tests.export_helpers import export_bank, run
from tests.helpers import make_users

FORMATS = ("anki", "moodle-xml", "gift", "csv")


@pytest.fixture
def drafted(app, runner, tmp_path):
    export_bank(runner, tmp_path)
    return tmp_path


def refused(runner, *args: str) -> str:
    result = runner.invoke(args=list(args))
    assert result.exit_code != 0, result.output
    return result.output


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--source", "no-such-source"), "--source: no source called 'no-such-source'"),
        (("--tag", "no-such-tag"), "--tag: no item has the tag 'no-such-tag'"),
        (("--quiz", "no-such-quiz"), "--quiz: no quiz with the id 'no-such-quiz'"),
        ((), "nothing to export: every matching item was left out"),
    ],
)
def test_bad_scopes_are_refused_and_leave_the_old_file_alone(drafted, runner, options, message):
    path = drafted / "deck.apkg"
    path.write_bytes(b"the previous deck")
    output = refused(runner, "export", "anki", *options, "--out", str(path))
    assert message in output
    assert path.read_bytes() == b"the previous deck"
    assert [p.name for p in drafted.iterdir() if p.name.startswith(".deck.apkg")] == []


def test_an_empty_selection_names_why_items_were_left_out(drafted, runner):
    output = refused(runner, "export", "moodle-xml", "--out", str(drafted / "x.xml"))
    assert "drafts (not approved)" in output
    assert "--status all" in output
    assert not (drafted / "x.xml").exists()


@pytest.mark.parametrize("name", FORMATS)
def test_unwritable_targets_are_refused_before_any_work(drafted, runner, name):
    missing = drafted / "no-such-folder" / "out"
    assert "does not exist" in refused(
        runner, "export", name, "--status", "all", "--out", str(missing)
    )
    folder = drafted / "a-folder"
    folder.mkdir()
    result = runner.invoke(args=["export", name, "--status", "all", "--out", str(folder)])
    assert result.exit_code != 0
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("name", FORMATS)
def test_the_same_bank_gives_the_same_bytes(drafted, runner, name):
    first, second = drafted / f"one.{name}", drafted / f"two.{name}"
    run(runner, "export", name, "--status", "all", "--out", str(first))
    run(runner, "export", name, "--status", "all", "--out", str(second))
    assert first.read_bytes() == second.read_bytes()
    assert len(first.read_bytes()) > 100


def test_the_command_counts_what_it_left_out_and_why(drafted, runner):
    instructor = make_users()["instructor"]
    items = db.session.scalars(select(Item).order_by(Item.id)).all()
    supported = [i for i in items if i.current.verdict == "supported"]
    bank.approve(supported[0], instructor)
    bank.approve(supported[1], instructor)
    bank.reject(supported[2], instructor, "duplicate")
    result = run(runner, "export", "anki", "--out", str(drafted / "deck.apkg"))
    assert "wrote" in result.output and ": 2 items" in result.output
    assert "1 rejected" in result.output
    drafts = sum(1 for i in items if i.status == "draft" and i.current.verdict == "supported")
    assert f"{drafts} drafts (not approved)" in result.output
    result = run(
        runner,
        "export",
        "anki",
        "--tag",
        "type:cloze",
        "--status",
        "all",
        "--out",
        str(drafted / "cloze.apkg"),
    )
    clozes = [i for i in supported if i.type == "cloze" and i.status != "rejected"]
    assert f": {len(clozes)} items (cloze {len(clozes)})" in result.output


def test_a_quiz_exports_its_chosen_items_and_what_its_rules_may_draw(drafted, runner, app):
    instructor = make_users()["instructor"]
    supported = [
        i
        for i in db.session.scalars(select(Item).order_by(Item.id))
        if i.current.verdict == "supported"
    ]
    for item in supported:
        bank.approve(item, instructor)
    chosen = supported[0]
    quiz = quizzes.create_quiz(instructor, quizzes.QuizSettings("Week 2"))
    quizzes.add_items(quiz, instructor, [chosen])
    quizzes.add_rule(quiz, instructor, 1, item_type="true_false")
    path = drafted / "quiz.csv"
    run(runner, "export", "csv", "--quiz", quiz.uuid, "--out", str(path))
    exported = {line.split(",")[0] for line in path.read_text("utf-8-sig").splitlines()[1:]}
    true_false = {i.uuid for i in supported if i.type == "true_false"}
    assert exported == {chosen.uuid} | true_false
    by_id = drafted / "quiz-by-id.csv"
    run(runner, "export", "csv", "--quiz", str(quiz.id), "--out", str(by_id))
    assert by_id.read_bytes() == path.read_bytes()


def test_citations_link_to_the_reader_only_when_a_public_address_is_set(
    drafted, runner, app, monkeypatch
):
    plain, linked = drafted / "plain.csv", drafted / "linked.csv"
    run(runner, "export", "csv", "--status", "all", "--out", str(plain))
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://quiz.example.org/")
    run(runner, "export", "csv", "--status", "all", "--out", str(linked))
    assert "https://" not in plain.read_text("utf-8-sig")
    assert "<https://quiz.example.org/sources/history#s-" in linked.read_text("utf-8-sig")
