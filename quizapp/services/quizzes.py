"""Building quizzes: settings, chosen items, drawing rules, publishing, and drawing the items.

Students only ever see approved items: a rule draws among them, and publishing checks
that every chosen item is approved and every rule finds as many items as it asks for.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import and_, select

from quizapp.extensions import db
from quizapp.models import Document, Item, ItemTag, ItemVersion, Quiz, QuizItem, QuizRule
from quizapp.models.quiz import FEEDBACK
from quizapp.services.audit import record


class QuizError(ValueError):
    """A change the quiz builder refuses; `field` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class QuizSettings:
    title: str
    description: str = ""
    time_limit_minutes: int | None = None
    attempts_allowed: int | None = None
    shuffle_questions: bool = True
    shuffle_choices: bool = True
    feedback: str = "immediate"
    one_per_page: bool = True


def create_quiz(user, settings: QuizSettings) -> Quiz:
    quiz = Quiz(created_by=user.id)
    _apply(quiz, settings)
    db.session.add(quiz)
    db.session.flush()
    record(user, "create", "quiz", quiz.uuid, {}, _settings_of(quiz))
    db.session.commit()
    return quiz


def update_settings(quiz: Quiz, user, settings: QuizSettings) -> None:
    before = _settings_of(quiz)
    _apply(quiz, settings)
    record(user, "settings", "quiz", quiz.uuid, before, _settings_of(quiz))
    db.session.commit()


def add_items(quiz: Quiz, user, items: list[Item]) -> int:
    """Add the chosen items not in the quiz yet; return how many were added."""
    have = {qi.item_id for qi in quiz.items}
    added = [i for i in items if i.id not in have]
    start = len(quiz.items)
    quiz.items.extend(QuizItem(item_id=i.id, position=start + n) for n, i in enumerate(added))
    if added:
        record(user, "add_items", "quiz", quiz.uuid, {}, {"items": [i.uuid for i in added]})
    db.session.commit()
    return len(added)


def remove_item(quiz: Quiz, user, item: Item) -> None:
    quiz.items = [qi for qi in quiz.items if qi.item_id != item.id]
    record(user, "remove_item", "quiz", quiz.uuid, {"items": [item.uuid]}, {})
    db.session.commit()


def add_rule(
    quiz: Quiz,
    user,
    count: int,
    source: str | None = None,
    section: str | None = None,
    tag: str | None = None,
    item_type: str | None = None,
) -> QuizRule:
    if count < 1:
        raise QuizError("a rule draws at least one item", field="count")
    if not any((source, section, tag, item_type)):
        raise QuizError("a rule needs a source, section, tag or type", field="source")
    rule = QuizRule(
        count=count,
        source=source or None,
        section=section or None,
        tag=tag or None,
        item_type=item_type or None,
    )
    quiz.rules.append(rule)
    record(user, "add_rule", "quiz", quiz.uuid, {}, rule_summary(rule))
    db.session.commit()
    return rule


def remove_rule(quiz: Quiz, user, rule: QuizRule) -> None:
    quiz.rules = [r for r in quiz.rules if r.id != rule.id]
    record(user, "remove_rule", "quiz", quiz.uuid, rule_summary(rule), {})
    db.session.commit()


def publish(quiz: Quiz, user) -> None:
    problems = publishing_problems(quiz)
    if problems:
        raise QuizError("; ".join(problems))
    _set_published(quiz, user, True)


def unpublish(quiz: Quiz, user) -> None:
    _set_published(quiz, user, False)


def publishing_problems(quiz: Quiz) -> list[str]:
    """Why the quiz cannot be published yet (empty when it can)."""
    problems = []
    chosen = db.session.scalars(
        select(Item).where(Item.id.in_([qi.item_id for qi in quiz.items]))
    ).all()
    not_approved = [i for i in chosen if i.status != "approved"]
    if not_approved:
        problems.append(f"{len(not_approved)} chosen item(s) are not approved")
    for rule in quiz.rules:
        found = len(rule_candidates(rule, exclude={qi.item_id for qi in quiz.items}))
        if found < rule.count:
            problems.append(f"the rule {describe_rule(rule)} finds only {found} approved items")
    if not quiz.items and not quiz.rules:
        problems.append("the quiz has no items and no rules")
    return problems


def draw_items(quiz: Quiz, seed: int) -> list[Item]:
    """The quiz's items for one attempt: the chosen ones, then each rule's draw."""
    chosen = [db.session.get(Item, qi.item_id) for qi in quiz.items]
    taken = {i.id for i in chosen}
    rng = random.Random(seed)
    for rule in quiz.rules:
        pool = [i for i in rule_candidates(rule, exclude=taken)]
        picked = rng.sample(pool, min(rule.count, len(pool)))
        taken.update(i.id for i in picked)
        chosen.extend(picked)
    if quiz.shuffle_questions:
        rng.shuffle(chosen)
    return chosen


def rule_candidates(rule: QuizRule, exclude: set[int]) -> list[Item]:
    query = select(Item).where(Item.id.in_(rule_query(rule))).order_by(Item.id)
    return [i for i in db.session.scalars(query) if i.id not in exclude]


def rule_query(rule: QuizRule):
    """A SELECT of the ids of the approved items `rule` can draw (flashcard decks use it too)."""
    query = select(Item.id).where(Item.status == "approved")
    if rule.item_type:
        query = query.where(Item.type == rule.item_type)
    if rule.source:
        query = query.join(Document, Document.id == Item.document_id).where(
            Document.slug == rule.source
        )
    if rule.tag:
        query = query.where(Item.id.in_(select(ItemTag.item_id).where(ItemTag.tag == rule.tag)))
    if rule.section:
        query = query.where(Item.id.in_(_items_in_section(rule.section)))
    return query


def describe_rule(rule: QuizRule) -> str:
    parts = [f"{k} {v}" for k, v in rule_summary(rule).items() if v and k != "count"]
    return f"{rule.count} item(s) of " + ", ".join(parts)


def rule_summary(rule: QuizRule) -> dict:
    return {
        "count": rule.count,
        "source": rule.source,
        "section": rule.section,
        "tag": rule.tag,
        "type": rule.item_type,
    }


def _items_in_section(title: str):
    from quizapp.models import CitationRecord, Passage, Section, Sentence

    return (
        select(ItemVersion.item_id)
        .join(
            Item, and_(Item.id == ItemVersion.item_id, Item.current_version == ItemVersion.number)
        )
        .join(CitationRecord, CitationRecord.version_id == ItemVersion.id)
        .join(Sentence, Sentence.key == CitationRecord.sentence_key)
        .join(Passage, Passage.id == Sentence.passage_id)
        .join(Section, Section.id == Passage.section_id)
        .where(Section.title == title)
    )


def _apply(quiz: Quiz, settings: QuizSettings) -> None:
    if not settings.title.strip():
        raise QuizError("a quiz needs a title", field="title")
    if settings.feedback not in FEEDBACK:
        raise QuizError(f"feedback is one of {', '.join(FEEDBACK)}", field="feedback")
    for name in ("time_limit_minutes", "attempts_allowed"):
        value = getattr(settings, name)
        if value is not None and value < 1:
            raise QuizError("leave it empty for no limit, or give 1 or more", field=name)
    for name, value in vars(settings).items():
        setattr(quiz, name, value.strip() if isinstance(value, str) else value)


def _settings_of(quiz: Quiz) -> dict:
    return {name: getattr(quiz, name) for name in QuizSettings.__dataclass_fields__}


def _set_published(quiz: Quiz, user, published: bool) -> None:
    before = {"published": quiz.published}
    quiz.published = published
    record(
        user,
        "publish" if published else "unpublish",
        "quiz",
        quiz.uuid,
        before,
        {"published": published},
    )
    db.session.commit()
