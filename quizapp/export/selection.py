"""Choose the items an export carries, and count the ones it leaves out.

A scope (a source, a quiz, a tag, or the bank's filter) names candidate items; of those
only the ones whose current version the citation checker found `supported` leave
quizapp, and only approved ones unless `--status all` is asked for (rejected and retired
items never). The rest are counted by reason so the command can say what it left out.
`export_items` loads the chosen ones; the whole selection is three queries whatever the
size of the bank.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, true

from quizapp.export import ExportError
from quizapp.export.export_items import CURRENT, ExportItem, load_items, seconds
from quizapp.export.gc_pause import paused_gc
from quizapp.extensions import db
from quizapp.models import Document, Item, ItemTag, ItemVersion, Quiz, QuizItem
from quizapp.services.quizzes import rule_query

STATUS_CHOICES = ("approved", "all")


@dataclass
class Selection:
    """The chosen items, in a stable order, and what was left out and why."""

    items: list[ExportItem]
    left_out: Counter
    # The latest change among the chosen items: the build time of a reproducible export.
    timestamp: float

    def left_out_message(self) -> str:
        total = sum(self.left_out.values())
        if not total:
            return "nothing was left out"
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(self.left_out.items()))
        return f"left out {total} item{'' if total == 1 else 's'}: {reasons}"


# ---- scope -----------------------------------------------------------------------------


def scope_query(
    source: str | None = None, quiz: str | None = None, tag: str | None = None
) -> Select:
    """SELECT the ids of the items in every scope given; unknown names are an error."""
    query = select(Item.id)
    if source:
        document_id = db.session.scalar(select(Document.id).where(Document.slug == source))
        if document_id is None:
            known = ", ".join(db.session.scalars(select(Document.slug).order_by(Document.slug)))
            raise ExportError(f"--source: no source called {source!r} (known: {known or 'none'})")
        query = query.where(Item.document_id == document_id)
    if quiz:
        query = query.where(Item.id.in_(_quiz_items(_find_quiz(quiz))))
    if tag:
        if db.session.scalar(select(ItemTag.id).where(ItemTag.tag == tag).limit(1)) is None:
            raise ExportError(f"--tag: no item has the tag {tag!r}")
        query = query.where(Item.id.in_(select(ItemTag.item_id).where(ItemTag.tag == tag)))
    return query


def _find_quiz(name: str) -> Quiz:
    condition = Quiz.uuid == name
    if name.isdigit():
        condition = or_(condition, Quiz.id == int(name))
    quiz = db.session.scalar(select(Quiz).where(condition))
    if quiz is None:
        raise ExportError(f"--quiz: no quiz with the id {name!r}")
    return quiz


def _quiz_items(quiz: Quiz):
    """The quiz's chosen items and every item one of its rules may draw."""
    parts = [select(QuizItem.item_id).where(QuizItem.quiz_id == quiz.id)]
    parts += [rule_query(rule) for rule in quiz.rules]
    ids: set[int] = set()
    for part in parts:
        ids.update(db.session.scalars(part))
    return sorted(ids)


# ---- choosing ----------------------------------------------------------------------------


def select_items(scope: Select, status: str = "approved") -> Selection:
    """The supported items of `scope` (approved ones, or drafts too with status "all")."""
    allowed = _allowed(status)
    left_out, edited = _left_out(scope, allowed)
    with paused_gc():
        items, changed = load_items(_chosen(scope, status))
    if not items:
        raise ExportError(_empty_message(left_out))
    return Selection(items, left_out, max(changed, edited))


def supported_ids(scope: Select, status: str = "approved") -> Select:
    """SELECT the ids of the items of `scope` that `select_items` would choose."""
    return select(Item.id).join(ItemVersion, CURRENT).where(_chosen(scope, status))


def _allowed(status: str) -> tuple[str, ...]:
    if status not in STATUS_CHOICES:
        raise ExportError(f"--status: {status!r} is not one of {', '.join(STATUS_CHOICES)}")
    return ("approved",) if status == "approved" else ("approved", "draft")


def _chosen(scope: Select, status: str):
    allowed = _allowed(status)
    return and_(_in_scope(scope), ItemVersion.verdict == "supported", Item.status.in_(allowed))


def _in_scope(scope: Select) -> ColumnElement[bool]:
    """`Item.id IN (scope)`, or nothing to test when the scope is every item (which
    spares the database a list of every id)."""
    return true() if scope.compare(_EVERY_ITEM) else Item.id.in_(scope)


_EVERY_ITEM = select(Item.id)


def _left_out(scope: Select, allowed: tuple[str, ...]) -> tuple[Counter, float]:
    """The items of `scope` left out, counted by reason, and the latest time a chosen
    one was edited: one grouped query, since being chosen depends on nothing else than
    the status and the verdict it groups by."""
    counts: Counter = Counter()
    edited = 0.0
    statement = (
        select(Item.status, ItemVersion.verdict, func.count(), func.max(ItemVersion.created_at))
        .join(ItemVersion, CURRENT)
        .where(_in_scope(scope))
        .group_by(Item.status, ItemVersion.verdict)
    )
    for item_status, verdict, count, latest in db.session.execute(statement):
        if item_status in ("rejected", "retired"):
            counts[item_status] += count
        elif verdict != "supported":
            counts[f"{verdict} (not supported)"] += count
        elif item_status not in allowed:
            counts["drafts (not approved)"] += count
        else:
            edited = max(edited, seconds(latest))
    return counts, edited


def _empty_message(left_out: Counter) -> str:
    if not left_out:
        return "nothing to export: no item matches"
    reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(left_out.items()))
    return f"nothing to export: every matching item was left out ({reasons})"
