"""Routes of /bank/stale: items whose cited sentence changed or was retired by a re-ingest.

Each stale item is shown with the sentence as cited (the stored text, flagged when its
hash no longer matches the citation) and a proposed new sentence: the same key if the row
is still current, else the sentence now at the same place, else the most similar current
sentence of the document (rapidfuzz). The instructor re-cites, edits or retires it. The
page is built in a fixed number of queries whatever the size of the bank.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from rapidfuzz import fuzz, process
from sqlalchemy import and_, select
from sqlalchemy.orm import selectinload

from quizapp.auth.access import instructor_required
from quizapp.bank import bp
from quizapp.bank.editing import load_item
from quizapp.bank.item_forms import RecitForm, RetireForm
from quizapp.extensions import db
from quizapp.models import Document, Item, ItemVersion, Passage, Sentence
from quizapp.services import bank

SIMILAR_ENOUGH = 50.0  # rapidfuzz ratio (0-100) below which no replacement is proposed


@dataclass
class Replacement:
    key: str
    text: str
    how: str  # "same sentence" | "same place" | "most similar"


@dataclass
class StaleCitation:
    key: str
    role: str
    old_text: str | None  # None: no row has this key
    retired: bool = False
    hash_changed: bool = False
    slug: str = ""
    new: Replacement | None = None


@dataclass
class StaleEntry:
    item: Item
    version: ItemVersion
    citations: list[StaleCitation] = field(default_factory=list)

    @property
    def can_recite(self) -> bool:
        """Short items cite one sentence with the answer's span; only they re-cite here."""
        return len(self.citations) == 1 and self.citations[0].role == "answer"


@bp.get("/stale")
@instructor_required
def stale():
    return _render({})


@bp.post("/stale/<uuid>/recite")
@instructor_required
def recite(uuid: str):
    item = _item_or_404(uuid)
    form = RecitForm()
    if not form.validate_on_submit():
        flash("Choose the sentence to cite.")
        return redirect(url_for("bank.stale"))
    version = item.current
    changes = bank.ItemChanges(
        version.stem,
        version.answer,
        list(version.alternatives or []),
        list(version.distractors or []),
        version.explanation,
        [t.tag for t in item.tags],
        sentence_key=form.sentence_key.data,
    )
    try:
        new = bank.edit(item, current_user._get_current_object(), changes)
    except bank.BankError as error:
        db.session.rollback()
        flash(f"Not re-cited: {error}.")
    else:
        flash(f"Re-cited as version {new.number}; its verdict is {new.verdict}.")
    return redirect(url_for("bank.stale"))


@bp.post("/stale/<uuid>/retire")
@instructor_required
def retire(uuid: str):
    item = _item_or_404(uuid)
    form = RetireForm()
    if not form.validate_on_submit():
        return _render({uuid: "Give a reason to retire this item."}, status=422)
    bank.retire(item, current_user._get_current_object(), form.reason.data)
    flash("Retired.")
    return redirect(url_for("bank.stale"))


def _render(errors: dict[str, str], status: int = 200):
    typed = request.form.get("reason", "") if errors else ""
    return (
        render_template("bank/stale.html", entries=stale_entries(), errors=errors, typed=typed),
        status,
    )


def _item_or_404(uuid: str) -> Item:
    found = load_item(uuid)
    if found is None:
        abort(404, description="No item has that id.")
    return found


# ---- building the page -----------------------------------------------------------------


def stale_entries() -> list[StaleEntry]:
    """Every item in use whose current version is stale, with old and proposed sentences."""
    current = and_(Item.id == ItemVersion.item_id, Item.current_version == ItemVersion.number)
    versions = db.session.scalars(
        select(ItemVersion)
        .join(Item, current)
        .where(ItemVersion.verdict == "stale", Item.status != "retired")
        .options(selectinload(ItemVersion.citations), selectinload(ItemVersion.item))
        .order_by(Item.id)
    ).all()
    keys = {c.sentence_key for v in versions for c in v.citations}
    cited = {
        s.key: (s, ordinal, slug)
        for s, ordinal, slug in db.session.execute(
            select(Sentence, Passage.ordinal, Document.slug)
            .join(Passage, Sentence.passage_id == Passage.id)
            .join(Document, Sentence.document_id == Document.id)
            .where(Sentence.key.in_(keys or {""}))
        ).all()
    }
    documents = {v.item.document_id for v in versions}
    current_sentences = _current_sentences(documents)
    entries = []
    for version in versions:
        entry = StaleEntry(version.item, version)
        for citation in version.citations:
            entry.citations.append(
                _stale_citation(citation, cited.get(citation.sentence_key), current_sentences)
            )
        entries.append(entry)
    return entries


def _current_sentences(documents: set[int]) -> dict[int, list[tuple[Sentence, int]]]:
    """The current sentences of `documents` with their passages' ordinals, in one query."""
    by_document: dict[int, list[tuple[Sentence, int]]] = {}
    if not documents:
        return by_document
    rows = db.session.execute(
        select(Sentence, Passage.ordinal)
        .join(Passage, Sentence.passage_id == Passage.id)
        .where(Sentence.document_id.in_(documents), ~Sentence.retired)
        .order_by(Sentence.ordinal)
    ).all()
    for sentence, passage_ordinal in rows:
        by_document.setdefault(sentence.document_id, []).append((sentence, passage_ordinal))
    return by_document


def _stale_citation(citation, found, current_sentences) -> StaleCitation:
    if found is None:
        return StaleCitation(citation.sentence_key, citation.role, None)
    sentence, passage_ordinal, slug = found
    result = StaleCitation(
        citation.sentence_key,
        citation.role,
        sentence.text,
        retired=sentence.retired,
        hash_changed=sentence.text_hash != citation.sentence_hash,
        slug=slug,
    )
    if not sentence.retired:
        result.new = Replacement(sentence.key, sentence.text, "same sentence")
    else:
        candidates = current_sentences.get(sentence.document_id, [])
        result.new = replacement_for(sentence, passage_ordinal, candidates)
    return result


def replacement_for(
    old: Sentence, passage_ordinal: int, candidates: list[tuple[Sentence, int]]
) -> Replacement | None:
    """The sentence now at the old one's place if it is alike, else the most similar one."""
    for sentence, ordinal in candidates:
        if (ordinal, sentence.ordinal) == (passage_ordinal, old.ordinal):
            if fuzz.ratio(old.text, sentence.text) >= SIMILAR_ENOUGH:
                return Replacement(sentence.key, sentence.text, "same place")
            break
    texts = [sentence.text for sentence, _ in candidates]
    best = process.extractOne(old.text, texts, scorer=fuzz.ratio, score_cutoff=SIMILAR_ENOUGH)
    if best is None:
        return None
    sentence = candidates[best[2]][0]
    return Replacement(sentence.key, sentence.text, "most similar")
