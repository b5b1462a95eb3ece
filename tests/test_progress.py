"""The progress page: mastery per source and section, answers per day, and its SVG charts
(present, titled, described, escaped), from quiz responses and flashcard reviews."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Attempt, AttemptQuestion, Item, Passage, Response, Section, Sentence
from quizapp.services import bank, card_reviews
from quizapp.services.progress import progress
from tests.flashcard_helpers import published_quiz
from tests.helpers import make_users, sign_in

TITLE = 'Cheka <script>alert("x")</script> & GPU'
TEXT = """The Founding of the Cheka

The Cheka was established in December 1917 by the Soviet government in Petrograd. Felix Dzerzhinsky, a Polish intellectual, led the Cheka until his death in 1926. In 1922 the Cheka was reorganized as the State Political Administration, or GPU.

The Years of Terror

Dzerzhinsky's successor, Vyacheslav Menzhinsky, was not originally part of Stalin's faction. In 1934 Genrikh Yagoda became head of the secret police, and 1,966 delegates attended the Seventeenth Congress in Moscow. Sergei Kirov was assassinated in Leningrad in December 1934.
"""


@pytest.fixture
def world(app, runner, tmp_path):
    (tmp_path / "cheka.txt").write_text(TEXT)
    (tmp_path / "manifest.toml").write_text(
        f'[[document]]\nslug = "cheka"\ntitle = \'{TITLE}\'\nfile = "cheka.txt"\n'
    )
    assert runner.invoke(args=["ingest", str(tmp_path)]).exit_code == 0
    result = runner.invoke(args=["generate", "--only", "cloze,short_answer"])
    assert result.exit_code == 0, result.output
    users = make_users()
    items = list(db.session.scalars(select(Item).order_by(Item.id)))
    bank.bulk_approve(items, users["instructor"])
    return users, [i for i in items if i.status == "approved"]


def words(page: str) -> str:
    return " ".join(page.split())


def section_of(item: Item) -> str:
    return db.session.scalar(
        select(Section.title)
        .join(Passage, Passage.section_id == Section.id)
        .join(Sentence, Sentence.passage_id == Passage.id)
        .where(Sentence.key == item.current.citations[0].sentence_key)
    )


def answer_in_quiz(user, quiz, answers: list[tuple[Item, bool, datetime]]) -> None:
    """Store an attempt with graded responses as the quiz pages would (rows only)."""
    attempt = Attempt(quiz_id=quiz.id, user_id=user.id, number=1, max_score=len(answers))
    db.session.add(attempt)
    db.session.flush()
    for position, (item, right, at) in enumerate(answers, start=1):
        question = AttemptQuestion(
            attempt_id=attempt.id,
            position=position,
            item_id=item.id,
            version_id=item.current.id,
        )
        db.session.add(question)
        db.session.flush()
        db.session.add(
            Response(
                question_id=question.id,
                attempt_id=attempt.id,
                answer={"text": "x"},
                given="x",
                correct=right,
                credit=1.0 if right else 0.0,
                answered_at=at,
            )
        )
    db.session.commit()


def studied(world):
    """A: right by card, then wrong in a quiz; B: forgotten card; C: right in a quiz."""
    users, items = world
    student = users["student"]
    by_section: dict[str, list[Item]] = {}
    for item in items:
        by_section.setdefault(section_of(item), []).append(item)
    first, second = sorted(by_section)[:2] if len(by_section) > 1 else (None, None)
    assert first and second, f"the text should give items in two sections: {by_section}"
    a, b = by_section[first][:2]
    c = by_section[second][0]
    today = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    yesterday = today - timedelta(days=1)
    card_reviews.review(student, a, 3, "progress-a-good", at=yesterday)
    card_reviews.review(student, b, 1, "progress-b-again", at=yesterday)
    quiz = published_quiz(users["instructor"], "Cheka quiz", [a, c])
    answer_in_quiz(student, quiz, [(a, False, today), (c, True, today)])
    # Another student's answers never show in this student's progress.
    card_reviews.review(users["other_student"], c, 4, "progress-other", at=today)
    return student, items, (a, b, c), (first, second), (yesterday, today)


def test_figures(world):
    student, items, (a, b, c), (first, second), (yesterday, today) = studied(world)
    figures = progress(student, at=today)
    assert (figures.answered, figures.correct) == (4, 2)
    assert (figures.quiz_answers, figures.card_reviews) == (2, 2)
    [source] = figures.sources
    assert source.title == TITLE and source.cards == len(items)
    assert (source.practised, source.mastered, source.answered, source.correct) == (3, 1, 4, 2)
    assert source.mastery == pytest.approx(1 / len(items))
    sections = {m.title: m for m in figures.sections}
    assert set(sections) == {first, second}
    assert (sections[first].practised, sections[first].mastered) == (2, 0)  # A lapsed in the quiz
    assert (sections[second].practised, sections[second].mastered) == (1, 1)
    assert sections[first].answered == 3 and sections[second].answered == 1
    assert sections[first].cards + sections[second].cards == len(items)
    days = [(d.day, d.answered, d.correct) for d in figures.days]
    assert len(days) == 7 and days[0][0] == today.date() - timedelta(days=6)
    assert days[-2:] == [(yesterday.date(), 2, 1), (today.date(), 2, 1)]
    assert all(n == right == 0 for _, n, right in days[:-2])
    # A day outside the window is left out; the window starts at its first active day.
    card_reviews.review(student, c, 3, "progress-old-1", at=today - timedelta(days=40))
    card_reviews.review(student, c, 3, "progress-old-2", at=today - timedelta(days=10))
    later = progress(student, at=today)
    assert later.answered == 6 and len(later.days) == 11 and later.days[0].answered == 1


def test_no_history_gives_empty_figures(world):
    users, items = world
    figures = progress(users["student"])
    assert figures.answered == 0 and figures.days == [] and figures.sections == []
    assert figures.sources[0].cards == len(items) and figures.sources[0].mastery == 0


def test_the_page_draws_escaped_svg_charts(client, world):
    student, items, *_ = studied(world)
    sign_in(client, student.email)
    response = client.get("/study/progress")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    svgs = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    assert len(svgs) == 3  # per day, per source, per section
    for svg in svgs:
        assert re.search(r"<title id=\"[\w-]+-title\">[^<]+</title>", svg)
        assert re.search(r"<desc id=\"[\w-]+-desc\">[^<]+</desc>", svg)
        assert 'role="img"' in svg
    assert "<script>alert" not in page
    assert "Cheka &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; GPU" in page
    sources_svg = next(s for s in svgs if "Mastery per source" in s)
    assert f"{round(100 / len(items))}%" in sources_svg
    assert "4 answers (2 in quizzes, 2 flashcard reviews), 2 right (50%)." in words(page)
    days_svg = next(s for s in svgs if "per day" in s)
    assert days_svg.count("<rect") >= 2 and "<polyline" in days_svg


def test_the_page_without_history_and_for_visitors(client, world):
    users, _ = world
    assert client.get("/study/progress").status_code == 302
    sign_in(client, users["instructor"].email)
    page = client.get("/study/progress").get_data(as_text=True)
    assert "You have not answered anything yet." in page and "<svg" not in page


def test_a_student_sees_only_their_own_progress(client, world):
    student, *_ = studied(world)
    users, _ = world
    sign_in(client, users["other_student"].email)
    page = client.get("/study/progress").get_data(as_text=True)
    assert "1 answer (0 in quizzes, 1 flashcard review), 1 right (100%)." in words(page)
