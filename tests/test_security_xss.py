"""XSS: a document whose text carries script, an event-handler image and javascript: links
is ingested and drafted; everywhere its text is shown (the reader, the bank, the review
queue, the item page, a quiz question, its feedback, the results, an exported Anki card) the
page stays inert.

Pages are parsed (tests/html_inert.py), not searched for substrings: a page fails when it
holds an inline script, an on… attribute or a script URL, and each page must also show
the payloads as text, so a payload silently dropped cannot pass for one made harmless.
Drafting skips most odd sentences, so one drafted item is also edited by an instructor to
carry every payload in its stem, a distractor and its explanation.
"""

from __future__ import annotations

import re

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Item
from quizapp.services import bank, quizzes
from tests.html_inert import script_problems, text_of
from tests.security_world import build_world, signed_in_client, token_for

SCRIPT = '<script>alert("cheka")</script>'
IMAGE = '"><img src=x onerror=alert("felix")>'
LINK = "<a href=\"javascript:alert('gpu')\">the GPU file</a>"
EVIL_TEXT = f"""Dzerzhinsky and the Cheka {SCRIPT}

The Cheka was established in December 1917 by the Soviet government in Petrograd, wrote the clerk {SCRIPT} in his diary. Felix Dzerzhinsky, a Polish intellectual {IMAGE}, led the Cheka until his death in 1926. In 1922 the Cheka was reorganized as the State Political Administration, see {LINK} for details.

Dzerzhinsky's successor, Vyacheslav Menzhinsky, was not originally part of Stalin's faction. In 1934 Genrikh Yagoda became head of the secret police, and 1,966 delegates attended the Seventeenth Congress in Moscow. Sergei Kirov was assassinated in Leningrad in December 1934 javascript:alert("kirov").
"""
EDITED_SCRIPT = '<script>alert("stem")</script>'
EDITED_IMAGE = '"><img src=x onerror=alert("distractor")>'
EDITED_LINK = "<a href=\"javascript:alert('explanation')\">why</a>"


@pytest.fixture
def evil(app, runner, tmp_path, monkeypatch):
    world = build_world(runner, tmp_path, monkeypatch, text=EVIL_TEXT)
    instructor = world.users["instructor"]
    edited = next(i for i in _items() if i.type == "multiple_choice")
    linked = [i for i in _items() if "javascript:" in i.current.stem and i is not edited]
    assert len(linked) >= 2, "drafting kept too few sentences with a javascript: link"
    current = edited.current
    bank.edit(
        edited,
        instructor,
        bank.ItemChanges(
            stem=f"{current.stem} {EDITED_SCRIPT}",
            answer=current.answer,
            distractors=[*current.distractors[:-1], EDITED_IMAGE],
            explanation=f"Read {EDITED_LINK} {EDITED_IMAGE}",
        ),
    )
    # One linked item goes into the quiz; the others stay drafts for the review queue.
    for item in linked:
        item.status = "draft"
    db.session.commit()
    for item in (edited, linked[0]):
        bank.approve(item, instructor, "approved for the XSS test")
    quiz = quizzes.create_quiz(instructor, quizzes.QuizSettings(title=f"Quiz {SCRIPT}"))
    quizzes.add_items(quiz, instructor, [edited, linked[0]])
    quizzes.publish(quiz, instructor)
    return {"world": world, "edited": edited, "linked": linked, "quiz": quiz}


def _items() -> list[Item]:
    return list(db.session.scalars(select(Item).order_by(Item.id)))


def assert_inert(page: str, url: str, shown: tuple[str, ...] = ()) -> None:
    problems = script_problems(page)
    assert not problems, f"{url} could run script: {problems}"
    text = text_of(page)
    for payload in shown:
        assert " ".join(payload.split()) in text, f"{url} does not show {payload!r} as text"


def test_the_reader_shows_the_payloads_as_text(app, evil):
    for role in ("anonymous", "instructor"):
        client = signed_in_client(app, role)
        page = client.get("/sources/history").get_data(as_text=True)
        assert_inert(page, f"/sources/history as {role}", (SCRIPT, IMAGE, LINK))


def test_the_bank_pages_show_the_payloads_as_text(app, evil):
    client = signed_in_client(app, "instructor")
    edited = evil["edited"]
    pages = {
        "/bank": (EDITED_SCRIPT,),
        f"/bank?q={edited.current.answer}": (EDITED_SCRIPT,),
        "/bank/review": tuple(i.current.stem for i in evil["linked"][1:]),
        f"/bank/items/{edited.uuid}": (EDITED_SCRIPT, EDITED_IMAGE, EDITED_LINK),
        f"/bank/items/{evil['linked'][0].uuid}": (LINK,),
        f"/bank/quizzes/{evil['quiz'].uuid}": (SCRIPT, EDITED_SCRIPT),
        "/bank/audit": (),
    }
    for url, shown in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.get_data(as_text=True), url, shown)


def test_a_quiz_its_feedback_and_results_stay_inert(app, evil):
    client = signed_in_client(app, "student")
    token = token_for(client)
    quiz = evil["quiz"]
    index = client.get("/study/").get_data(as_text=True)
    assert_inert(index, "/study/", (f"Quiz {SCRIPT}",))
    started = client.post(f"/study/quizzes/{quiz.uuid}/start", data={"csrf_token": token})
    assert started.status_code == 302
    attempt = re.search(r"/study/attempts/([\w-]+)/", started.headers["Location"]).group(1)
    shown_payloads = set()
    for position in range(1, len(quiz.items) + 1):
        url = f"/study/attempts/{attempt}/q/{position}"
        page = client.get(url).get_data(as_text=True)
        assert_inert(page, url)
        text = text_of(page)
        shown_payloads |= {p for p in (EDITED_SCRIPT, EDITED_IMAGE, LINK) if p in text}
        # A multiple-choice answer must be a shown choice: the payload distractor is one.
        given = EDITED_IMAGE if EDITED_IMAGE in text else f"{SCRIPT} {IMAGE}"
        answered = client.post(
            url, data={"csrf_token": token, "answer": given}, follow_redirects=True
        )
        assert answered.status_code == 200, url
        assert_inert(answered.get_data(as_text=True), f"feedback of {url}", (given,))
    assert shown_payloads == {EDITED_SCRIPT, EDITED_IMAGE, LINK}, shown_payloads
    submitted = client.post(
        f"/study/attempts/{attempt}/submit", data={"csrf_token": token}, follow_redirects=True
    )
    assert submitted.status_code == 200
    assert_inert(
        submitted.get_data(as_text=True),
        "results",
        (EDITED_SCRIPT, EDITED_LINK, EDITED_IMAGE, LINK),
    )
    assert_inert(client.get("/study/attempts").get_data(as_text=True), "/study/attempts")


def test_an_exported_anki_deck_keeps_the_payloads_inert(app, evil, tmp_path):
    client = signed_in_client(app, "instructor")
    response = client.get(f"/bank/export?quiz={evil['quiz'].uuid}&format=anki")
    assert response.status_code == 200, response.headers.get("Location")
    path = tmp_path / "quiz.apkg"
    path.write_bytes(response.data)
    folder = tmp_path / "anki"
    folder.mkdir()
    collection = Collection(str(folder / "collection.anki2"))
    try:
        options = ImportAnkiPackageOptions()
        collection.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(path), options=options)
        )
        cards = [collection.get_card(cid) for cid in collection.find_cards("")]
        assert cards, "the deck has no cards"
        shown = ""
        for card in cards:
            note = card.note()
            for name, value in note.items():
                assert not script_problems(value), f"field {name}: {script_problems(value)}"
            for side, html in (("front", card.question()), ("back", card.answer())):
                assert not script_problems(html), f"{side}: {script_problems(html)}"
                shown += " " + text_of(html)
    finally:
        collection.close()
    assert EDITED_SCRIPT in shown and "javascript:alert('gpu')" in shown, shown[:500]


@pytest.mark.parametrize(
    "page, expected",
    [
        ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", []),
        ("<script>alert(1)</script>", ["without a /static/ source", "inline script body"]),
        ('<script src="https://evil.example/x.js"></script>', ["without a /static/ source"]),
        ('<img src=x onerror="alert(1)">', ["event handler"]),
        ('<a href=" java\tscript:alert(1)">x</a>', ["script URL"]),
        ('<script src="/static/review.js"></script>', []),
    ],
)
def test_the_inertness_check_tells_script_from_text(page, expected):
    problems = script_problems(page)
    assert len(problems) == len(expected)
    for problem, words in zip(problems, expected, strict=True):
        assert words in problem
