"""The tagging stage: stored sentences and the glossary in, tagged sentences and entities out.

    result = tag_sentences(rows, load_glossary("corpus/glossary.yaml"))
    context = build_context(result)

No statistical model runs here: the model's entities come from each row's stored
analysis. Rows are one or more documents' sentences in reading order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby

from quizapp.generators.base import Context
from quizapp.tagging.antecedents import mark_antecedents
from quizapp.tagging.dates import normalise_date, year_of
from quizapp.tagging.entities import (
    Candidate,
    extend_glossary_people,
    model_candidates,
    resolve,
    rule_candidates,
)
from quizapp.tagging.evidence import add_votes, finish_votes
from quizapp.tagging.glossary import GlossaryMatcher
from quizapp.tagging.linking import (
    document_types,
    link_document,
    retype,
    surname_candidates,
    surnames_of,
)
from quizapp.tagging.quotes import mark_quotations
from quizapp.tagging.types import Entity, Mention, TaggedSentence, tokens_of


@dataclass
class SentenceRow:
    """A stored sentence with what TaggedSentence needs from its document and passage."""

    key: str
    text: str
    text_hash: str
    document: str  # slug
    document_title: str
    author: str | None
    year: int | None
    section: str
    passage_key: str
    passage_text: str
    kind: str  # body | caption | attribution | footnote
    ordinal: int
    cluster: str
    analysis: dict = field(default_factory=dict)


@dataclass
class TaggingResult:
    sentences: list[TaggedSentence]
    entities: dict[str, Entity]  # by key: the glossary's and those the model found


def tag_sentences(rows: list[SentenceRow], glossary: list[Entity]) -> TaggingResult:
    """Tag every row: mentions with their spans, entity links, quotation marks."""
    return tag_documents(lambda: _by_document(rows), glossary)


def tag_documents(
    documents: Callable[[], Iterable[list[SentenceRow]]], glossary: list[Entity]
) -> TaggingResult:
    """Tag documents one at a time: `documents()` yields each document's rows in reading
    order, and is called twice (the kinds the model's names take are voted on across the
    whole corpus first), so that no more than one document's rows are held at once."""
    matcher = GlossaryMatcher(glossary)
    entities = {e.key: e for e in glossary}
    votes: dict = {}
    for rows in documents():
        add_votes(votes, [r.analysis for r in rows], [_model(r) for r in rows])
    votes = finish_votes(votes)
    shared = SharedParts()
    tagged: list[TaggedSentence] = []
    for rows in documents():
        model = {row.key: _model(row) for row in rows}
        tagged.extend(_tag_document(rows, matcher, entities, model, votes, shared))
    return TaggingResult(tagged, entities)


def _by_document(rows: list[SentenceRow]) -> Iterator[list[SentenceRow]]:
    for _slug, group in groupby(rows, key=lambda r: r.document):
        yield list(group)


def _model(row: SentenceRow) -> list[Candidate]:
    return model_candidates(row.text, row.analysis)


class SharedParts:
    """Parts many tagged sentences hold alike, kept once: a second witness of a document
    shares its first witness's tokens and mentions, and sentences share the names of
    their section and passage, instead of each holding a copy."""

    def __init__(self) -> None:
        self._parts: dict[tuple, list] = {}
        self._names: dict[str, str] = {}

    def share(self, kind: str, text_hash: str, part: list) -> list:
        known = self._parts.setdefault((kind, text_hash), part)
        return known if known == part else part

    def name(self, text: str) -> str:
        return self._names.setdefault(text, text)


def _tag_document(
    rows: list[SentenceRow],
    matcher: GlossaryMatcher,
    entities: dict[str, Entity],
    found_by_key: dict[str, list[Candidate]],
    votes: dict,
    shared: SharedParts,
) -> list[TaggedSentence]:
    model = [found_by_key[row.key] for row in rows]
    types = document_types(model, votes)
    surnames = surnames_of(model)
    chosen = []
    for row, found in zip(rows, model, strict=True):
        retype(found, types)
        hits = [
            Candidate(s, e, matcher.type_of[key], "glossary", 5, entity=key)
            for s, e, key in matcher.find(row.text)
        ]
        extend_glossary_people(hits, found, row.analysis)
        found = found + surname_candidates(row.analysis, surnames, hits + found)
        chosen.append(resolve(hits + found + rule_candidates(row.text, row.analysis)))
    link_document(chosen, entities)
    _complete_dates(rows, chosen)
    sentences = [_sentence(row, cands, shared) for row, cands in zip(rows, chosen, strict=True)]
    _link_previous(sentences)
    mark_quotations(sentences)
    mark_antecedents(sentences)
    return sentences


def _complete_dates(rows: list[SentenceRow], chosen: list[list[Candidate]]) -> None:
    """Give a day or month written without a year ("October 26th") the passage's last year."""
    year, passage = None, None
    for row, cands in zip(rows, chosen, strict=True):
        if row.passage_key != passage:
            year, passage = None, row.passage_key
        for cand in cands:
            if cand.type != "date":
                continue
            if cand.value is None and year is not None:
                cand.value = normalise_date(row.text[cand.start : cand.end], year)
            year = year_of(cand.value) or year


def _sentence(row: SentenceRow, cands: list[Candidate], shared: SharedParts) -> TaggedSentence:
    mentions = [
        Mention(c.start, c.end, row.text[c.start : c.end], c.type, c.entity, c.value, c.source)
        for c in cands
    ]
    return TaggedSentence(
        key=row.key,
        text=row.text,
        text_hash=row.text_hash,
        document=row.document,
        document_title=row.document_title,
        author=row.author,
        year=row.year,
        section=shared.name(row.section),
        passage_key=shared.name(row.passage_key),
        passage_text=row.passage_text,
        kind=row.kind,
        ordinal=row.ordinal,
        cluster=shared.name(row.cluster),
        tokens=shared.share("tokens", row.text_hash, tokens_of(row.analysis)),
        mentions=shared.share("mentions", row.text_hash, mentions),
    )


def _link_previous(sentences: list[TaggedSentence]) -> None:
    for before, after in zip(sentences, sentences[1:], strict=False):
        if before.passage_key == after.passage_key and before.kind == after.kind:
            after.previous = before.text


def build_context(result: TaggingResult) -> Context:
    """Corpus-wide lookups for generators: entities, mentions by type, sentences by entity.

    A second witness of a sentence (one clustered with a sentence of an earlier document)
    states nothing its first does not: it is left out, so that a duplicate copy of an
    article neither counts its names twice nor grows the lookups."""
    by_type: dict[str, list] = {}
    by_entity: dict[str, list[TaggedSentence]] = {}
    years: list[int] = []
    keys = {s.key for s in result.sentences}
    for sentence in result.sentences:
        if sentence.cluster != sentence.key and sentence.cluster in keys:
            continue
        for mention in sentence.mentions:
            by_type.setdefault(mention.type, []).append((sentence, mention))
            if mention.entity:
                listed = by_entity.setdefault(mention.entity, [])
                if not listed or listed[-1] is not sentence:
                    listed.append(sentence)
            if mention.type == "date" and year_of(mention.value):
                years.append(year_of(mention.value))
    context = Context(entities=dict(result.entities), mentions_by_type=by_type)
    context.sentences_by_entity = by_entity
    context.before = sentences_before(result.sentences)
    if years:
        context.era = (min(years), max(years))
    return context


def sentences_before(sentences: list[TaggedSentence]) -> dict[str, TaggedSentence]:
    """Each sentence's predecessor in the same document and section (across paragraphs)."""
    return {
        after.key: before
        for before, after in zip(sentences, sentences[1:], strict=False)
        if (before.document, before.section) == (after.document, after.section)
        and before.ordinal == after.ordinal - 1
    }


def rows_from_prepared(
    prepared, slug: str, title: str = "", author: str | None = None, year: int | None = None
) -> list[SentenceRow]:
    """SentenceRows straight from ingest's PreparedDocument (no database), for tests and tools."""
    rows = []
    for record in prepared.sentences:
        passage = prepared.passages[record.passage]
        section = prepared.sections[passage.section].title if prepared.sections else ""
        rows.append(
            SentenceRow(
                key=record.key,
                text=record.text,
                text_hash=record.text_hash,
                document=slug,
                document_title=title or slug,
                author=author,
                year=year,
                section=section,
                passage_key=passage.key,
                passage_text=prepared.text[passage.start : passage.end],
                kind="footnote" if record.footnote is not None else passage.kind,
                ordinal=record.ordinal,
                cluster=record.key,
                analysis=record.analysis,
            )
        )
    return rows
