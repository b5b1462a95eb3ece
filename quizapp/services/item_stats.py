"""Item statistics from students' submitted attempts: how hard each item is and how well
it tells stronger students from weaker ones, per item and per cited passage.

Every question of a submitted student attempt is one observation: x, the credit the
item earned (0 when unanswered), and y, the rest of the attempt's score (its score less
x). The facility index is the mean of x (the share correct, partial credit counted). The
discrimination index is the correlation of x with y; an item students who do well
elsewhere get wrong more often than others (a negative index) is flagged for review.

Everything is summed in SQL, grouped by item or by cited passage, in a fixed number of
queries; only the correlation is finished in Python from the sums, which every database
computes alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import and_, case, distinct, func, select

from quizapp.extensions import db
from quizapp.models import (
    Attempt,
    AttemptQuestion,
    CitationRecord,
    Document,
    Item,
    ItemVersion,
    Passage,
    Response,
    Sentence,
    User,
)

WRONG_ANSWERS_SHOWN = 3
FEW = 5  # with fewer observations than this the indices are shown as tentative
SNIPPET_CHARS = 160


@dataclass(frozen=True)
class Indices:
    n: int
    facility: float
    discrimination: float | None  # None when x or y does not vary

    @property
    def flagged(self) -> bool:
        return self.discrimination is not None and self.discrimination < 0

    @property
    def tentative(self) -> bool:
        return self.n < FEW


@dataclass(frozen=True)
class ItemStat:
    uuid: str
    type: str
    stem: str
    indices: Indices
    correct: int
    wrong_answers: list[tuple[str, int]]


@dataclass(frozen=True)
class PassageStat:
    slug: str
    title: str
    key: str
    snippet: str
    items: int
    indices: Indices


def item_stats() -> list[ItemStat]:
    """Every item students have met, flagged ones first, then the hardest first."""
    obs = _observations().subquery()
    agg = (
        select(
            obs.c.item_id, func.sum(case((obs.c.x >= 1.0, 1), else_=0)).label("right"), *_sums(obs)
        )
        .group_by(obs.c.item_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Item.uuid, Item.type, ItemVersion.stem, agg)
        .join(Item, Item.id == agg.c.item_id)
        .join(
            ItemVersion,
            and_(ItemVersion.item_id == Item.id, ItemVersion.number == Item.current_version),
        )
    ).all()
    wrong = _wrong_answers()
    found = [
        ItemStat(uuid, kind, stem, _indices(*sums), int(right or 0), wrong.get(item_id, []))
        for uuid, kind, stem, item_id, right, *sums in rows
    ]
    return sorted(found, key=lambda s: (not s.indices.flagged, s.indices.facility, s.uuid))


def passage_stats() -> list[PassageStat]:
    """The same indices per cited passage, over the questions whose items cite it."""
    obs = _observations().subquery()
    cited = (
        select(obs.c.question_id, obs.c.item_id, obs.c.x, obs.c.y, Sentence.passage_id)
        .join(CitationRecord, CitationRecord.version_id == obs.c.version_id)
        .join(Sentence, Sentence.key == CitationRecord.sentence_key)
        .distinct()
        .subquery()
    )
    agg = (
        select(cited.c.passage_id, func.count(distinct(cited.c.item_id)), *_sums(cited))
        .group_by(cited.c.passage_id)
        .subquery()
    )
    length = Passage.end - Passage.start
    shown = case((length < SNIPPET_CHARS, length), else_=SNIPPET_CHARS)
    rows = db.session.execute(
        select(
            Document.slug,
            Document.title,
            Passage.key,
            func.substr(Document.text, Passage.start + 1, shown),
            *[c for c in agg.c if c.name != "passage_id"],
        )
        .join(Passage, Passage.id == agg.c.passage_id)
        .join(Document, Document.id == Passage.document_id)
    ).all()
    found = [
        PassageStat(slug, title, key, _snippet(text, SNIPPET_CHARS), items, _indices(*sums))
        for slug, title, key, text, items, *sums in rows
    ]
    return sorted(found, key=lambda s: (not s.indices.flagged, s.indices.facility, s.key))


def _observations():
    """One row per question of a submitted student attempt: x its credit, y the rest."""
    x = func.coalesce(Response.credit, 0.0)
    return (
        select(
            AttemptQuestion.id.label("question_id"),
            AttemptQuestion.item_id,
            AttemptQuestion.version_id,
            x.label("x"),
            (func.coalesce(Attempt.score, 0.0) - x).label("y"),
        )
        .join(Attempt, Attempt.id == AttemptQuestion.attempt_id)
        .join(User, User.id == Attempt.user_id)
        .outerjoin(Response, Response.question_id == AttemptQuestion.id)
        .where(Attempt.submitted_at.is_not(None), User.role == "student")
    )


def _sums(obs) -> list:
    return [
        func.count(),
        func.sum(obs.c.x),
        func.sum(obs.c.y),
        func.sum(obs.c.x * obs.c.x),
        func.sum(obs.c.y * obs.c.y),
        func.sum(obs.c.x * obs.c.y),
    ]


def _indices(n, sx, sy, sxx, syy, sxy) -> Indices:
    n = int(n or 0)
    sx, sy, sxx, syy, sxy = (float(v or 0.0) for v in (sx, sy, sxx, syy, sxy))
    var_x = n * sxx - sx * sx
    var_y = n * syy - sy * sy
    spread = var_x * var_y
    # rounding noise of floating sums must not turn "no spread" into a tiny correlation
    if n < 2 or var_x <= 1e-9 or var_y <= 1e-9:
        return Indices(n, sx / n if n else 0.0, None)
    return Indices(n, sx / n, (n * sxy - sx * sy) / math.sqrt(spread))


def _wrong_answers() -> dict[int, list[tuple[str, int]]]:
    """The most common wrong answers of each item, in one query (a ranked window)."""
    counted = (
        select(
            AttemptQuestion.item_id,
            Response.given,
            func.count().label("times"),
        )
        .join(AttemptQuestion, AttemptQuestion.id == Response.question_id)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(User, User.id == Attempt.user_id)
        .where(
            Attempt.submitted_at.is_not(None),
            User.role == "student",
            Response.correct.is_(False),
        )
        .group_by(AttemptQuestion.item_id, Response.given)
        .subquery()
    )
    rank = (
        func.row_number()
        .over(
            partition_by=counted.c.item_id,
            order_by=(counted.c.times.desc(), counted.c.given),
        )
        .label("rank")
    )
    ranked = select(counted, rank).subquery()
    rows = db.session.execute(
        select(ranked.c.item_id, ranked.c.given, ranked.c.times)
        .where(ranked.c.rank <= WRONG_ANSWERS_SHOWN)
        .order_by(ranked.c.item_id, ranked.c.rank)
    ).all()
    found: dict[int, list[tuple[str, int]]] = {}
    for item_id, given, times in rows:
        found.setdefault(item_id, []).append((given, int(times)))
    return found


def _snippet(text: str | None, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) < limit - 1 else text[: limit - 1].rsplit(" ", 1)[0] + "…"
