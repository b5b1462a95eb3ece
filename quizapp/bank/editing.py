"""The item editor's plumbing: form <-> ItemChanges, version diffs, sentence search.

Everything the editor page shows is loaded here in a fixed number of queries, whatever
the size of the bank or the length of the item's history.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from sqlalchemy import and_, select
from sqlalchemy.orm import selectinload

from quizapp.bank import search
from quizapp.extensions import db
from quizapp.models import Document, Item, ItemVersion, Sentence, User
from quizapp.services.bank import ItemChanges

SEARCH_LIMIT = 20
DIFF_FIELDS = (
    ("stem", "Question"),
    ("answer", "Answer"),
    ("alternatives", "Accepted answers"),
    ("distractors", "Distractors"),
    ("explanation", "Explanation"),
    ("citation", "Cited sentence"),
)


@dataclass
class SentenceRow:
    """A sentence as the editor lists it: its text and where it comes from."""

    key: str
    text: str
    text_hash: str
    retired: bool
    slug: str
    title: str


@dataclass
class FieldDiff:
    label: str
    segments: list[tuple[str, str]]  # ("same" | "ins" | "del", text)


@dataclass
class VersionView:
    version: ItemVersion
    author: str
    diffs: list[FieldDiff] = field(default_factory=list)


# ---- form <-> changes ------------------------------------------------------------------


def lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def tag_list(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()]


def form_values(item: Item) -> dict:
    """The editor form's starting values: the item's current version."""
    version = item.current
    return {
        "stem": version.stem,
        "answer": version.answer,
        "alternatives": "\n".join(version.alternatives or []),
        "distractors": "\n".join(version.distractors or []),
        "explanation": version.explanation,
        "tags": ", ".join(t.tag for t in item.tags),
        "sentence_key": cited_key(version),
    }


def changes_from_form(form, item: Item) -> ItemChanges:
    """What the posted form says; the citation changes only if another sentence is chosen."""
    key = (form.sentence_key.data or "").strip() or None
    if key == cited_key(item.current):
        key = None
    return ItemChanges(
        stem=form.stem.data or "",
        answer=form.answer.data or "",
        alternatives=lines(form.alternatives.data),
        distractors=lines(form.distractors.data),
        explanation=form.explanation.data or "",
        tags=tag_list(form.tags.data),
        sentence_key=key,
    )


def cited_key(version: ItemVersion) -> str | None:
    return version.citations[0].sentence_key if version.citations else None


# ---- loading ---------------------------------------------------------------------------


def load_item(uuid: str) -> Item | None:
    """The item with its versions, their citations and its tags, in four queries."""
    return db.session.scalar(
        select(Item)
        .where(Item.uuid == uuid)
        .options(
            selectinload(Item.versions).selectinload(ItemVersion.citations),
            selectinload(Item.tags),
        )
        .execution_options(populate_existing=True)
    )


def sentence_rows(keys) -> dict[str, SentenceRow]:
    """The sentences named by `keys` with their documents, in one query."""
    wanted = sorted({k for k in keys if k})
    if not wanted:
        return {}
    rows = db.session.execute(
        select(Sentence, Document.slug, Document.title)
        .join(Document, Sentence.document_id == Document.id)
        .where(Sentence.key.in_(wanted))
    ).all()
    return {s.key: _row(s, slug, title) for s, slug, title in rows}


def search_sentences(query: str, limit: int = SEARCH_LIMIT) -> list[SentenceRow]:
    """Current sentences holding every word of `query` (case-insensitive, a word may be
    the start of one: search.py), in one query."""
    words = search.words(query)
    if not words:
        return []
    condition = and_(*(Sentence.id.in_(search.matching_ids("sentence", w)) for w in words))
    rows = db.session.execute(
        select(Sentence, Document.slug, Document.title)
        .join(Document, Sentence.document_id == Document.id)
        .where(condition, ~Sentence.retired)
        .order_by(Document.title, Sentence.start)
        .limit(limit)
    ).all()
    return [_row(s, slug, title) for s, slug, title in rows]


def _row(sentence: Sentence, slug: str, title: str) -> SentenceRow:
    return SentenceRow(
        sentence.key, sentence.text, sentence.text_hash, sentence.retired, slug, title
    )


def author_emails(versions: list[ItemVersion]) -> dict[int, str]:
    """The email of every user who made one of `versions`, in one query."""
    ids = {int(v.author[5:]) for v in versions if _user_id(v.author) is not None}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.email).where(User.id.in_(ids))).all())


def author_label(author: str, emails: dict[int, str]) -> str:
    user_id = _user_id(author)
    if user_id is not None:
        return emails.get(user_id, f"user {user_id} (deleted)")
    if author.startswith("generator:"):
        return f"generator {author[len('generator:') :]}"
    return author


def _user_id(author: str) -> int | None:
    if author.startswith("user:") and author[5:].isdigit():
        return int(author[5:])
    return None


# ---- citation in context ---------------------------------------------------------------


def cited_parts(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The sentence split around the answer's span (an empty or bad span marks nothing)."""
    if not (0 <= start < end <= len(text)):
        return text, "", ""
    return text[:start], text[start:end], text[end:]


# ---- history ---------------------------------------------------------------------------


def history(item: Item, emails: dict[int, str]) -> list[VersionView]:
    """Every version, newest first, each with its author and its diff against the one before."""
    views = []
    previous: ItemVersion | None = None
    for version in sorted(item.versions, key=lambda v: v.number):
        view = VersionView(version, author_label(version.author, emails))
        if previous is not None:
            view.diffs = version_diff(previous, version)
        views.append(view)
        previous = version
    return list(reversed(views))


def version_diff(old: ItemVersion, new: ItemVersion) -> list[FieldDiff]:
    """The fields that differ, each as word-level runs of kept, inserted and deleted text."""
    diffs = []
    for name, label in DIFF_FIELDS:
        before, after = _field_text(old, name), _field_text(new, name)
        if before != after:
            diffs.append(FieldDiff(label, text_diff(before, after)))
    return diffs


def text_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Word-level diff by difflib: [("same" | "del" | "ins", text)], whitespace kept."""
    a, b = _tokens(before), _tokens(after)
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("ins", "".join(b[j1:j2])))
    return segments


def _tokens(text: str) -> list[str]:
    """Words with the whitespace after them, so the runs join back into the text."""
    return re.findall(r"\s+|\S+\s*", text)


def _field_text(version: ItemVersion, name: str) -> str:
    if name == "citation":
        return cited_key(version) or ""
    value = getattr(version, name)
    if isinstance(value, list):
        return "\n".join(value)
    return value or ""
