"""A small bank with one approved item of each type, and published quizzes over it."""

from __future__ import annotations

from flask import g
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import CitationRecord, Item, ItemVersion, Quiz, Sentence
from quizapp.services import quizzes
from quizapp.services.quizzes import QuizSettings
from tests.helpers import make_bank, sign_in

TYPES = ("cloze", "multiple_choice", "short_answer", "true_false", "chronology", "matching")
MATCHES = [
    ("Felix Dzerzhinsky", "led the Cheka until 1926", "Felix Dzerzhinsky, a Polish"),
    ("Genrikh Yagoda", "became head of the secret police", "In 1934 Genrikh Yagoda"),
    ("Sergei Kirov", "was assassinated in Leningrad", "Sergei Kirov was assassinated"),
]


def bank_with_every_type(runner, folder) -> dict[str, Item]:
    """Ingest the history text, draft every type, add a matching item; approve one of each."""
    make_bank(runner, folder, only=",".join(TYPES[:5]))
    chosen = {}
    for item in db.session.scalars(select(Item).order_by(Item.id)):
        if item.type not in chosen and item.current.verdict == "supported":
            if item.type == "cloze" and "Dzerzhinsky" not in item.current.answer:
                continue
            chosen[item.type] = item
    chosen["matching"] = add_matching_item()
    for item in chosen.values():
        item.status = "approved"
    db.session.commit()
    assert set(chosen) == set(TYPES), sorted(chosen)
    return chosen


def add_matching_item() -> Item:
    sentences = [
        db.session.scalar(select(Sentence).where(Sentence.text.startswith(start)))
        for _, _, start in MATCHES
    ]
    item = Item(type="matching", fingerprint="test-matching", document_id=sentences[0].document_id)
    version = ItemVersion(
        number=1,
        stem="Match each person with what the source says of them.",
        answer="; ".join(f"{left}: {right}" for left, right, _ in MATCHES),
        explanation="From the history of the Cheka.",
        payload={
            "pairs": [
                {"left": left, "right": right, "citation": n}
                for n, (left, right, _) in enumerate(MATCHES)
            ]
        },
        author="user:test",
        verdict="supported",
        citations=[
            CitationRecord(
                ordinal=n,
                sentence_key=s.key,
                sentence_hash=s.text_hash,
                start=0,
                end=len(s.text),
                role=f"pair:{n}",
            )
            for n, s in enumerate(sentences)
        ],
    )
    item.versions.append(version)
    db.session.add(item)
    db.session.commit()
    return item


def published_quiz(author, items: list[Item], title: str = "The Cheka", **settings) -> Quiz:
    """A published quiz of `items` in the order given, choices unshuffled unless asked."""
    options = {"shuffle_questions": False, "shuffle_choices": False, **settings}
    quiz = quizzes.create_quiz(author, QuizSettings(title=title, **options))
    quizzes.add_items(quiz, author, items)
    quizzes.publish(quiz, author)
    return quiz


class UserClient(FlaskClient):
    """A client that never sees another client's user: the tests' app context is shared by
    every request, and Flask-Login and Flask-WTF cache the user and the CSRF token in `g`."""

    def open(self, *args, **kwargs):
        g.pop("_login_user", None)
        g.pop("csrf_token", None)
        return super().open(*args, **kwargs)


def as_user(app, email: str) -> UserClient:
    """A client of its own, signed in as `email`."""
    client = UserClient(app, app.response_class, use_cookies=True)
    sign_in(client, email)
    return client
