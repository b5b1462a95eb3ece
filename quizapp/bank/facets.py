"""The bank pages' facets: for each filter (source, section, entity, tag, type, status,
verdict), its values with how many items the other filters leave for each, one GROUP BY
per facet (queries.filtered builds the filtered statement it groups).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, literal, select

from quizapp.bank.queries import Filters, filtered
from quizapp.extensions import db
from quizapp.models import (
    CitationRecord,
    Document,
    EntityRecord,
    Item,
    ItemTag,
    ItemVersion,
    Passage,
    Section,
    Sentence,
)

FACET_LIMIT = 30  # values listed for the open-ended facets (section, entity, tag)
GENERATED_TAG_PREFIXES = ("entity:", "source:", "type:")


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


def facets(filters: Filters, names: tuple[str, ...]) -> dict[str, list[FacetValue]]:
    """For each facet in `names`, its values and item counts under the other filters."""
    return {name: _FACETS[name](filters) for name in names}


def _grouped(
    filters: Filters, name: str, value, label=None, joins=(), where=(), top=False, many=False
):
    """Item counts per value. `many`: the joins may meet an item more than once in one group
    (two cited sentences of one section), so count distinct items; otherwise each item is
    one row per group and a plain count is much cheaper at 100,000 items."""
    label = value if label is None else label
    count = func.count(Item.id.distinct()) if many else func.count()
    statement = filtered(filters, value, label, count, skip=name)
    for target, on in joins:
        statement = statement.join(target, on)
    statement = statement.where(*where).group_by(value, label)
    if top:
        statement = statement.order_by(count.desc(), value)
        statement = statement.limit(FACET_LIMIT)
    else:
        statement = statement.order_by(value)
    return [FacetValue(str(v), str(lab or v), n) for v, lab, n in db.session.execute(statement)]


def _source_facet(filters: Filters) -> list[FacetValue]:
    joins = ((Document, Document.id == Item.document_id),)
    return _grouped(filters, "source", Document.slug, Document.title, joins)


def _section_facet(filters: Filters) -> list[FacetValue]:
    joins = (
        (CitationRecord, CitationRecord.version_id == ItemVersion.id),
        (Sentence, Sentence.key == CitationRecord.sentence_key),
        (Passage, Passage.id == Sentence.passage_id),
        (Section, Section.id == Passage.section_id),
    )
    return _grouped(filters, "section", Section.key, Section.title, joins, top=True, many=True)


def _entity_facet(filters: Filters) -> list[FacetValue]:
    """Count the "entity:<key>" tags first, then name the top ones (so the planner cannot
    drive the count from the entity table)."""
    count = func.count().label("n")  # an item holds a tag once (unique item_id, tag)
    counted = (
        filtered(filters, ItemTag.tag.label("tag"), count, skip="entity")
        .join(ItemTag, ItemTag.item_id == Item.id)
        .where(ItemTag.tag.startswith("entity:"))
        .group_by(ItemTag.tag)
        .order_by(count.desc(), ItemTag.tag)
        .limit(FACET_LIMIT)
        .subquery()
    )
    statement = (
        select(counted.c.tag, EntityRecord.canonical, counted.c.n)
        .outerjoin(EntityRecord, counted.c.tag == literal("entity:").concat(EntityRecord.key))
        .order_by(counted.c.n.desc(), counted.c.tag)
    )
    return [
        FacetValue(tag.removeprefix("entity:"), canonical or tag.removeprefix("entity:"), n)
        for tag, canonical, n in db.session.execute(statement)
    ]


def _tag_facet(filters: Filters) -> list[FacetValue]:
    joins = ((ItemTag, ItemTag.item_id == Item.id),)
    where = [~ItemTag.tag.startswith(p) for p in GENERATED_TAG_PREFIXES]
    return _grouped(filters, "tag", ItemTag.tag, None, joins, where, top=True)


_FACETS = {
    "type": lambda f: _grouped(f, "type", Item.type),
    "status": lambda f: _grouped(f, "status", Item.status),
    "verdict": lambda f: _grouped(f, "verdict", ItemVersion.verdict),
    "source": _source_facet,
    "section": _section_facet,
    "entity": _entity_facet,
    "tag": _tag_facet,
}
FACET_NAMES = tuple(_FACETS)
