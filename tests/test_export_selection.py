"""What the exports load of each chosen item: citations in order, each with its own
sentence, section and source, and the build time of a reproducible file."""

from __future__ import annotations

import hashlib
from datetime import UTC

from sqlalchemy import func, select

from quizapp.export.anki import note_for
from quizapp.export.selection import scope_query, select_items
from quizapp.extensions import db
from quizapp.models import (
    CitationRecord,
    Document,
    Item,
    ItemVersion,
    Passage,
    Section,
    Sentence,
)
from tests.export_helpers import export_bank

OTHER_TEXT = "The other book says 'Petrograd' & <more>."


def _other_source() -> Sentence:
    """A second document with one sentence, cited by no item yet."""
    document = Document(slug="other", title="Other <Book>", year=1950, checksum="1" * 64)
    db.session.add(document)
    db.session.flush()
    section = Section(document_id=document.id, key="s0", ordinal=0, title="Part & Two")
    db.session.add(section)
    db.session.flush()
    passage = Passage(
        document_id=document.id, section_id=section.id, key="p0", ordinal=0, start=0, end=0
    )
    db.session.add(passage)
    db.session.flush()
    sentence = Sentence(
        key="other/1",
        document_id=document.id,
        passage_id=passage.id,
        ordinal=0,
        start=0,
        end=len(OTHER_TEXT),
        text=OTHER_TEXT,
        text_hash=hashlib.sha256(OTHER_TEXT.encode()).hexdigest(),
        cluster="other/1",
    )
    db.session.add(sentence)
    db.session.flush()
    return sentence


def test_citations_come_in_order_with_their_own_sentence_and_source(app, runner, tmp_path):
    export_bank(runner, tmp_path)
    item = db.session.scalar(select(Item).where(Item.type == "cloze").order_by(Item.id))
    version = db.session.scalar(
        select(ItemVersion).where(
            ItemVersion.item_id == item.id, ItemVersion.number == item.current_version
        )
    )
    first_key = version.citations[0].sentence_key
    other = _other_source()
    quoted = OTHER_TEXT.index("'Petrograd'")
    # Added after the item's own citation but ordered before it, and one to a sentence the
    # corpus lacks after it: the rows' order is not the citations' order.
    for ordinal, key, start, end in ((-1, other.key, quoted, quoted + 11), (9, "gone", 0, 3)):
        db.session.add(
            CitationRecord(
                version_id=version.id,
                ordinal=ordinal,
                sentence_key=key,
                sentence_hash="0" * 64,
                start=start,
                end=end,
                role="context",
            )
        )
    db.session.commit()

    exported = {i.uuid: i for i in select_items(scope_query(), "all").items}[item.uuid]

    assert [c.key for c in exported.citations] == [other.key, first_key, "gone"]
    cited_other, own, gone = exported.citations
    assert (cited_other.text, cited_other.section) == (OTHER_TEXT, "Part & Two")
    assert cited_other.source.title == "Other <Book>"
    assert own.source.title == exported.source.title != "Other <Book>"
    assert (gone.text, gone.section, gone.source) == ("", "", None)
    citation_field = note_for(exported, "https://quiz.example.org").fields[2]
    assert citation_field.index("Other &lt;Book&gt; (1950), Part &amp; Two") < citation_field.index(
        exported.source.title
    )
    assert "<mark>&#x27;Petrograd&#x27;</mark> &amp; &lt;more&gt;." in citation_field
    assert "/sources/other#s-other%2F1" in citation_field


def test_the_build_time_is_the_latest_edit_or_source_change_among_chosen_items(
    app, runner, tmp_path
):
    export_bank(runner, tmp_path)
    selection = select_items(scope_query(), "approved" if _any_approved() else "all")
    chosen = {i.uuid for i in selection.items}
    latest = max(
        db.session.scalars(
            select(ItemVersion.created_at)
            .join(Item, Item.id == ItemVersion.item_id)
            .where(ItemVersion.number == Item.current_version, Item.uuid.in_(chosen))
        )
    )
    changed = db.session.scalar(select(func.max(Document.updated_at)))
    expected = max(_seconds(latest), _seconds(changed))
    assert selection.timestamp == expected

    # A later edit of an item the export leaves out does not change the build time.
    left_out = db.session.scalar(select(Item).where(Item.uuid.not_in(chosen)).limit(1))
    if left_out is None:  # every item chosen: reject one so it is left out
        left_out = db.session.scalar(select(Item).order_by(Item.id.desc()).limit(1))
        left_out.status = "rejected"
        db.session.commit()
        selection = select_items(scope_query(), "all")
        expected = selection.timestamp
    version = db.session.scalar(select(ItemVersion).where(ItemVersion.item_id == left_out.id))
    version.created_at = version.created_at.replace(year=2100)
    db.session.commit()
    assert select_items(scope_query(), "all").timestamp == expected


def _any_approved() -> bool:
    return db.session.scalar(select(Item.id).where(Item.status == "approved").limit(1)) is not None


def _seconds(moment) -> float:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()
