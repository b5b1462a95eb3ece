"""Client tests of the flashcard pages: every route and role, reveal without JavaScript,
rating with CSRF and a token, bad deck keys, bad ratings and forged cards."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import CardReview, CardState, CitationRecord, Item, ItemVersion, User
from quizapp.services import bank, card_reviews, flashcards
from tests.flashcard_helpers import approved_bank, published_quiz
from tests.helpers import counted_statements, sign_in

ALL_TYPES = "cloze,multiple_choice,short_answer,true_false,chronology,matching"


@pytest.fixture
def world(app, runner, tmp_path):
    return approved_bank(runner, tmp_path, only=ALL_TYPES)


def review_count(user=None) -> int:
    query = select(func.count()).select_from(CardReview)
    if user is not None:
        query = query.where(CardReview.user_id == user.id)
    return db.session.scalar(query)


def form_of(page: str) -> dict:
    """The rating form's hidden fields as the page carries them."""
    fields = dict(re.findall(r'name="(csrf_token|item|token)" type="hidden" value="([^"]*)"', page))
    assert set(fields) == {"csrf_token", "item", "token"}, "the rating form is incomplete"
    return fields


def test_visitors_are_sent_to_sign_in(client, world):
    for url in ("/study/cards/source-history", "/study/progress"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    response = client.post("/study/cards/source-history/review", data={"rating": "3"})
    assert response.status_code in (302, 400)
    assert review_count() == 0


@pytest.mark.parametrize("role", ["student", "instructor", "admin"])
def test_every_role_studies_its_own_cards(client, world, role):
    users, items = world
    user = users[role]
    sign_in(client, user.email)
    page = client.get("/study/cards/source-history").get_data(as_text=True)
    assert "Show the answer" in page
    fields = form_of(page)
    assert fields["item"] == items[0].uuid  # new cards in a stable order: the first item
    data = {**fields, "rating": "3"}
    response = client.post("/study/cards/source-history/review", data=data)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/study/cards/source-history")
    assert review_count(user) == 1 and review_count() == 1
    follow = client.get("/study/cards/source-history").get_data(as_text=True)
    assert "Rated Good: you will see this card again in 10 minutes." in follow
    assert form_of(follow)["item"] == items[1].uuid


def test_the_front_hides_the_answer_and_the_reveal_page_shows_citation(client, world):
    users, items = world
    sign_in(client, users["student"].email)
    item = items[0]
    version = item.current
    front = client.get("/study/cards/source-history").get_data(as_text=True)
    back_at = front.index('id="back"')
    assert re.search(r'id="back"[^>]*\shidden', front), "the back starts hidden"
    assert "reveal=1" in front and 'src="/static/cards.js"' in front
    assert "<script>" not in front
    url = f"/study/cards/source-history?item={item.uuid}&reveal=1"
    back = client.get(url).get_data(as_text=True)
    assert not re.search(r'id="back"[^>]*\shidden', back)
    assert back.index('id="back"') > 0 and back_at > 0
    key = version.citations[0].sentence_key
    assert f'href="/sources/history#s-{key}"' in back
    assert "<mark>" in back and "Where this comes from" in back
    for value, name in ((1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy")):
        assert f'name="rating" value="{value}"' in back and name in back


def test_each_type_shows_its_face(client, world):
    users, items = world
    sign_in(client, users["student"].email)
    kinds = {}
    for item in items:
        kinds.setdefault(item.type, item)
    assert {"cloze", "multiple_choice", "short_answer", "true_false"} <= set(kinds)
    for type_, item in kinds.items():
        version = item.current
        page = client.get(f"/study/cards/source-history?item={item.uuid}&reveal=1").get_data(
            as_text=True
        )
        if type_ == "cloze":
            assert "_____" in page and "Fill in the blank" in page
        if type_ == "multiple_choice":
            for choice in [version.answer, *version.distractors]:
                assert _escaped(choice) in page
            assert "(correct)" in page
        if type_ == "true_false":
            assert "True or false" in page and "<strong>" + version.answer in page
        if type_ == "chronology":
            for event in version.payload["events"]:
                assert _escaped(event["text"]) in page
            assert 'class="card-order"' in page
        if type_ == "matching":
            assert 'class="card-pairs"' in page
        if type_ not in ("chronology", "matching"):
            assert f"Answer: <strong>{_escaped(version.answer)}</strong>" in page


def _escaped(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_a_bad_deck_key_is_404_with_a_message(client, world):
    users, _ = world
    sign_in(client, users["student"].email)
    for key in ("history", "source-nowhere", "quiz-00000000-0000-0000-0000-000000000000"):
        response = client.get(f"/study/cards/{key}")
        assert response.status_code == 404
        assert "There is no flashcard deck" in response.get_data(as_text=True)


def test_an_unpublished_quiz_has_no_deck(client, world):
    from quizapp.services import quizzes

    users, items = world
    quiz = published_quiz(users["instructor"], "Soon", items[:2])
    sign_in(client, users["student"].email)
    assert client.get(f"/study/cards/quiz-{quiz.uuid}").status_code == 200
    quizzes.unpublish(quiz, users["instructor"])
    assert client.get(f"/study/cards/quiz-{quiz.uuid}").status_code == 404


@pytest.mark.parametrize("rating", ["0", "5", "-1", "good", ""])
def test_a_rating_out_of_range_is_400_and_records_nothing(client, world, rating):
    users, _ = world
    sign_in(client, users["student"].email)
    fields = form_of(client.get("/study/cards/source-history").get_data(as_text=True))
    response = client.post("/study/cards/source-history/review", data={**fields, "rating": rating})
    assert response.status_code == 400
    assert "The rating was not recorded" in response.get_data(as_text=True)
    assert review_count() == 0
    assert db.session.scalar(select(func.count()).select_from(CardState)) == 0


def test_a_rating_without_csrf_is_refused(client, world):
    users, _ = world
    sign_in(client, users["student"].email)
    fields = form_of(client.get("/study/cards/source-history").get_data(as_text=True))
    del fields["csrf_token"]
    response = client.post("/study/cards/source-history/review", data={**fields, "rating": "3"})
    assert response.status_code == 400
    assert review_count() == 0


def test_a_double_submitted_rating_counts_once(client, world):
    users, items = world
    sign_in(client, users["student"].email)
    fields = form_of(client.get("/study/cards/source-history").get_data(as_text=True))
    first = client.post("/study/cards/source-history/review", data={**fields, "rating": "1"})
    second = client.post("/study/cards/source-history/review", data={**fields, "rating": "1"})
    assert first.status_code == second.status_code == 303
    assert review_count() == 1


def test_a_forged_or_foreign_card_is_refused(client, world):
    users, items = world
    instructor = users["instructor"]
    other_quiz_item = [i for i in items if i.type == "cloze"][0]
    quiz = published_quiz(
        instructor, "Short answers", [i for i in items if i.type == "short_answer"][:2]
    )
    sign_in(client, users["student"].email)
    fields = form_of(client.get(f"/study/cards/quiz-{quiz.uuid}").get_data(as_text=True))
    url = f"/study/cards/quiz-{quiz.uuid}/review"
    for forged in ("not-a-uuid", other_quiz_item.uuid):
        response = client.post(url, data={**fields, "item": forged, "rating": "3"})
        assert response.status_code == 400
        assert "has no card" in response.get_data(as_text=True)
    bank.reject(items[0], instructor, "wrong")
    fields = form_of(client.get("/study/cards/source-history").get_data(as_text=True))
    response = client.post(
        "/study/cards/source-history/review", data={**fields, "item": items[0].uuid, "rating": "3"}
    )
    assert response.status_code == 400
    assert review_count() == 0
    assert (
        client.get(f"/study/cards/source-history?item={items[0].uuid}&reveal=1").status_code == 404
    )


def test_nothing_due_says_when_the_next_card_is(client, world, app):
    users, items = world
    student = users["student"]
    app.config["STUDY_NEW_CARDS_PER_DAY"] = 1
    try:
        sign_in(client, student.email)
        fields = form_of(client.get("/study/cards/source-history").get_data(as_text=True))
        client.post("/study/cards/source-history/review", data={**fields, "rating": "4"})
        page = client.get("/study/cards/source-history").get_data(as_text=True)
        assert "Nothing is due in this deck right now." in page
        assert "The next card is due in " in page and "days" in page
        assert "today's limit of new cards" in page
    finally:
        app.config.pop("STUDY_NEW_CARDS_PER_DAY")


def test_students_see_only_their_own_cards(client, world):
    users, items = world
    card_reviews.review(users["other_student"], items[0], 4, "other-student-1")
    sign_in(client, users["student"].email)
    page = client.get("/study/cards/source-history").get_data(as_text=True)
    # The other student's review does not move this student's first card.
    assert form_of(page)["item"] == items[0].uuid
    assert db.session.scalar(select(func.count()).select_from(Item)) >= len(items)


def test_pages_make_a_constant_number_of_statements(client, world):
    users, items = world
    student_id, item_ids = users["student"].id, [i.id for i in items]
    sign_in(client, users["student"].email)

    def measure() -> tuple[int, int, int]:
        with counted_statements(fresh=True) as page_statements:
            page = client.get("/study/cards/source-history").get_data(as_text=True)
        fields = form_of(page)
        with counted_statements(fresh=True) as post_statements:
            response = client.post(
                "/study/cards/source-history/review", data={**fields, "rating": "4"}
            )
        assert response.status_code == 303
        with counted_statements(fresh=True) as progress_statements:
            assert client.get("/study/progress").status_code == 200
        return len(page_statements), len(post_statements), len(progress_statements)

    first = measure()
    student = db.session.get(User, student_id)
    for n, item_id in enumerate(item_ids[1:12]):
        item = db.session.get(Item, item_id)
        card_reviews.review(student, item, 4, f"history-{n:04d}")
        card_reviews.review(
            student, item, 3, f"history-{n:04d}-b", at=flashcards.now() + timedelta(days=9)
        )
    later = measure()
    assert later == first, f"statements (card page, rating, progress): {first} then {later}"
    assert max(first) <= 20


def test_a_matching_card_lists_its_pairs(client, world):
    """The small text gives no matching item, so one is stored as the generator would."""
    users, items = world
    source = items[0]
    pairs = [("Felix Dzerzhinsky", "led the Cheka"), ("Genrikh Yagoda", "head of the police")]
    item = Item(
        type="matching",
        status="approved",
        fingerprint="test-matching-card",
        document_id=source.document_id,
    )
    item.versions.append(
        ItemVersion(
            number=1,
            stem="Match each person to their description.",
            answer="; ".join(f"{a}: {b}" for a, b in pairs),
            explanation="",
            payload={"pairs": [{"left": a, "right": b, "citation": 0} for a, b in pairs]},
            author="test",
            verdict="supported",
            citations=[
                CitationRecord(
                    ordinal=0,
                    sentence_key=c.sentence_key,
                    sentence_hash=c.sentence_hash,
                    start=c.start,
                    end=c.end,
                    role="pair:0",
                )
                for c in source.current.citations[:1]
            ],
        )
    )
    db.session.add(item)
    db.session.commit()
    sign_in(client, users["student"].email)
    front = client.get(f"/study/cards/source-history?item={item.uuid}").get_data(as_text=True)
    assert "Matching" in front and 'aria-label="Descriptions"' in front
    assert re.search(r'id="back"[^>]*\shidden', front)
    back = client.get(f"/study/cards/source-history?item={item.uuid}&reveal=1")
    page = back.get_data(as_text=True)
    for left, right in pairs:
        assert f'<th scope="row">{left}</th><td>{right}</td>' in page
    assert "Cited as pair:0." in page
