"""Per document: each name the model found gets the type most of its mentions have
(`document_types`, `retype`), a surname used alone is tagged where the full name appears
elsewhere in the document (`surnames_of`, `surname_candidates`), and the names are linked
to one entity each: a surname joins the full name (`link_document`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from quizapp.tagging.entities import NAMED, Candidate
from quizapp.tagging.glossary import entity_key
from quizapp.tagging.types import Entity


def document_types(
    model: list[list[Candidate]], corpus: dict[str, Counter] | None = None
) -> dict[str, str]:
    """Per cleaned name, the type the evidence supports.

    The votes are the corpus's (evidence.add_votes: the model's labels and the words
    around each occurrence) when given, else the document's model labels. A name with
    as many person votes as any other is a person; so is a single word that is the last
    word of a multi-word person name in the document (the model often tags Russian
    surnames as places or organisations).
    """
    votes: dict[str, Counter] = {}
    surnames = set()
    for sentence in model:
        for cand in sentence:
            votes.setdefault(cand.name, Counter())[cand.type] += 1
            if cand.type == "person" and " " in cand.name:
                surnames.add(cand.name.split()[-1])
    types = {}
    for name, counter in votes.items():
        counter = (corpus or {}).get(name) or counter
        best, count = counter.most_common(1)[0]
        if counter["person"] and counter["person"] >= count:
            best = "person"
        if " " not in name and name in surnames:
            best = "person"
        types[name] = best
    return types


def surnames_of(model: list[list[Candidate]]) -> set[str]:
    """The last words of the multi-word person names of a document ("Pilsudski")."""
    return {
        c.name.split()[-1]
        for sentence in model
        for c in sentence
        if c.type == "person" and " " in c.name and c.name.split()[-1][:1].isupper()
    }


def surname_candidates(
    analysis: dict, surnames: set[str], taken: list[Candidate]
) -> list[Candidate]:
    """A known surname standing alone that nothing else tagged, as a person."""
    found = []
    for row in analysis.get("tokens", []):
        start, end = row[0], row[0] + len(row[1])
        if row[4] != "PROPN" or row[1] not in surnames:
            continue
        if any(c.start < end and start < c.end for c in taken):
            continue
        found.append(Candidate(start, end, "person", "model", 3, name=row[1]))
    return found


def retype(sentence: list[Candidate], types: dict[str, str]) -> None:
    for cand in sentence:
        if cand.source == "model" and cand.type in (*NAMED, "norp") and cand.name in types:
            new = types[cand.name]
            if new != cand.type and (new in ("person", "place") or cand.type != "person"):
                cand.type = new


def link_document(sentences: list[list[Candidate]], entities: dict[str, Entity]) -> None:
    """Give the model's named mentions entity keys, linking surnames to full names.

    `entities` (by key) gains Entity(source="model") records; glossary entities stay as
    they are, and a model name equal to a glossary form joins that glossary entity.
    """
    forms = {
        f: e.key
        for e in entities.values()
        if e.source == "glossary"
        for f in (e.canonical, *e.aliases)
    }
    full_names = Counter(
        c.name
        for s in sentences
        for c in s
        if c.source == "model" and c.type == "person" and " " in c.name
    )
    by_surname: dict[str, list[str]] = {}
    for name, _count in full_names.most_common():
        by_surname.setdefault(name.split()[-1], []).append(name)
    for sentence in sentences:
        for cand in sentence:
            if cand.source != "model" or cand.type not in NAMED:
                continue
            canonical = cand.name
            if cand.type == "person" and " " not in canonical and canonical in by_surname:
                canonical = by_surname[canonical][0]  # the most frequent full name
            if canonical in forms or cand.name in forms:
                cand.entity = forms.get(canonical) or forms[cand.name]
                continue
            cand.entity = entity_key(cand.type, canonical)
            _record(entities, cand.entity, canonical, cand.type, cand.name)


def _record(entities: dict[str, Entity], key: str, canonical: str, type_: str, form: str) -> None:
    entity = entities.get(key)
    if entity is None:
        entities[key] = Entity(key, canonical, type_, (), "", "model")
    elif entity.source == "model" and form != entity.canonical and form not in entity.aliases:
        entities[key] = replace(entity, aliases=tuple(sorted((*entity.aliases, form))))
    if form != canonical and entity is None:
        entities[key] = replace(entities[key], aliases=(form,))
