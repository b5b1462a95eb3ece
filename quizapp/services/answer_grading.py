"""Grading a student's answer with the corpus's names, and reading a stored grade back.

A typed answer is judged against the item's key and a lexicon of the corpus's entity
names (grading/), so that another name of the answer counts and a name of someone else
does not. The lexicon is built once per process and reused while the stored entities
stay the same (grading/lexicon_cache.py); an answer costs two small queries: the
entities' fingerprint, then the names the corpus links to the key's entities.
"""

from __future__ import annotations

from sqlalchemy import String, bindparam, cast, func, select

from quizapp.checking.normalize import normalize_answer
from quizapp.extensions import db
from quizapp.grading import Grade, Key, Lexicon, grade
from quizapp.grading.lexicon_cache import cached_lexicon
from quizapp.models import EntityRecord, ItemVersion, MentionRecord, Response

TYPED = ("cloze", "short_answer")  # only typed answers need the names
LINKED_NAMES = (
    select(EntityRecord.key, MentionRecord.text)
    .join(EntityRecord, EntityRecord.id == MentionRecord.entity_id)
    .where(EntityRecord.key.in_(bindparam("keys", expanding=True)))
    .distinct()
)


def grade_answer(version: ItemVersion, answer: dict) -> Grade:
    """The grade `answer` (structured, as recorded) earns against `version`'s key."""
    return grade(version.item_type, answer_key(version), answer, _lexicon(version))


def answer_key(version: ItemVersion) -> Key:
    return Key(version.answer, tuple(version.alternatives or ()), dict(version.payload or {}))


def stored_grade(response: Response) -> Grade:
    stored = response.grading or {}
    return Grade(
        bool(response.correct),
        float(response.credit),
        stored.get("reason", "right" if response.correct else "wrong"),
        stored.get("corrected"),
        stored.get("named"),
    )


def _lexicon(version: ItemVersion) -> Lexicon:
    """The corpus's entity names, with every name the corpus links to the key's entities.

    Two queries whatever the answer: the entities' fingerprint (the names themselves are
    built into a lexicon once per process and reused while it holds, see
    grading/lexicon_cache.py), then the texts of the mentions linked to the entities the
    key names. Only typed answers need names.
    """
    if version.item_type not in TYPED:
        return Lexicon()
    lexicon = cached_lexicon(entities_fingerprint(), _corpus_lexicon)
    keyed = {normalize_answer(f) for f in [version.answer, *(version.alternatives or [])]}
    own = sorted({k for form in keyed for k in lexicon.owners.get(form, ())})
    linked = db.session.execute(LINKED_NAMES, {"keys": own or [""]}).all()
    return lexicon.extended((key, [text]) for key, text in linked)


# How many entities there are, the highest id and the length of all their names: it
# changes when tagging adds an entity or gives one a longer or shorter name. Built once:
# composing the expression anew for every answer cost more than running it.
ENTITIES_FINGERPRINT = select(
    func.count(EntityRecord.id),
    func.max(EntityRecord.id),
    func.sum(
        func.length(EntityRecord.key)
        + func.length(EntityRecord.canonical)
        + func.coalesce(func.length(cast(EntityRecord.aliases, String)), 0)
    ),
)


def entities_fingerprint() -> tuple:
    return tuple(db.session.execute(ENTITIES_FINGERPRINT).one())


def _corpus_lexicon() -> Lexicon:
    """Every entity's canonical name and aliases, from the database."""
    entities = db.session.execute(
        select(EntityRecord.key, EntityRecord.canonical, EntityRecord.aliases)
    ).all()
    return Lexicon.build(
        (key, [canonical, *(aliases or [])]) for key, canonical, aliases in entities
    )
