"""Entity spans: the model's labels mapped to our types, glossary matches, merging, linking.

Per sentence, candidates come from three places: the glossary (names and aliases matched
in the text), the statistical model's stored entities, and rules (dates and numbers the
model missed). Overlaps are resolved by priority, glossary first. What a whole document
settles (each name's type, surnames, one entity per person) is tagging/linking.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizapp.tagging.dates import find_dates, has_month, normalise_date
from quizapp.tagging.numbers import find_numbers, number_value
from quizapp.tagging.phrases import defining_phrases, quoted_phrases

# spaCy's OntoNotes labels -> our types. NORP ("Soviet", "German", "Bolsheviks") is mostly
# adjectives of nationality; the political groups among them come from the glossary.
LABELS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
    "LAW": "term",
    "WORK_OF_ART": "term",
    "DATE": "date",
    "TIME": "date",
    "CARDINAL": "number",
    "QUANTITY": "number",
    "PERCENT": "number",
    "MONEY": "number",
}
NAMED = ("person", "organization", "place", "event", "term")
TITLES = re.compile(
    r"^(?:(?:Comrade|General|Marshal|Admiral|Colonel|Captain|Count|Baron|Prince|President|"
    r"Premier|Professor|Dr|Mr|Mrs|M|Mme|Citizen|Deputy|Tsar|Czar)\.?\s+)+"
)
# Capitalised common words the model takes for names on their own.
GENERIC = {
    "Congress",
    "State",
    "Party",
    "Palace",
    "Opposition",
    "International",
    "Committee",
    "Council",
    "Commission",
    "Army",
    "Navy",
    "Cabinet",
    "Directory",
    "Red",
    "White",
    "Reds",
    "Allied",
    "Government",
    "Revolution",
    "Constitution",
    "Etcetera",
    "Noise",
    "East",
    "West",
    "North",
    "South",
    "Sun",
    "Danger",
    "Tsar",
    "Czar",
    "Duce",
    "Führer",
}
# A length of time: "six days", "only forty-eight hours", "12 weeks".
_COUNT_WORD = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?)"
)
DURATION = re.compile(
    rf"(?:(?:only|some|about|nearly|almost|barely|over|just)\s+)?{_COUNT_WORD}"
    r"\s+(?:seconds|minutes|hours|days|weeks|months|years)",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_PARTICLES = {"de", "da", "von", "van", "la", "le", "y", "del", "di", "der"}


@dataclass
class Candidate:
    """A span that may become a mention; `priority` decides overlaps."""

    start: int
    end: int
    type: str
    source: str  # glossary | model | rule
    priority: int
    entity: str | None = None
    value: str | None = None
    name: str = ""  # the cleaned name used for linking


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article or quote, a trailing possessive or punctuation."""
    span = text[start:end]
    lead = re.match(r"^(?:[\"'“‘”’]+|[Tt]he\s+)+", span)
    if lead and lead.end() < len(span):
        start += lead.end()
    span = text[start:end]
    tail = re.search(r"(?:'s|’s|[\"'“”’‘,;:.])+$", span)
    if tail and tail.start() > 0 and not re.search(r"\b[A-Z]\.$", span[: tail.end()]):
        end = start + tail.start()
    return start, end


def clean_name(span: str, type_: str) -> str:
    """The form of a name used for linking and as a canonical name."""
    name = _POSSESSIVE.sub("", span.strip())
    name = re.sub(r"^(?:[Tt]he\s+)", "", name)
    if type_ == "person":
        name = TITLES.sub("", name)
    return re.sub(r"\s+", " ", name).strip(" \"'“”‘’,;:")


def plausible_name(name: str, type_: str) -> bool:
    """Whether a model entity looks like a name at all (capitalised, no digits for people)."""
    words = name.split()
    if not words or not words[0][:1].isupper() or name in GENERIC:
        return False
    if type_ == "person":
        if any(ch.isdigit() for ch in name):
            return False
        return all(w[:1].isupper() or w in _PARTICLES for w in words)
    return True


def model_candidates(text: str, analysis: dict) -> list[Candidate]:
    """The stored model entities of a sentence as candidates, trimmed and filtered."""
    found = []
    for start, end, label in analysis.get("entities", []):
        type_ = LABELS.get(label)
        if type_ is None and label == "NORP":
            type_ = "norp"  # kept only if the document shows it is someone's name
        if type_ is None:
            continue
        if type_ == "date" and text[start:end].isdigit() and counts_things(analysis, end):
            type_ = "number"
        found.extend(_model_candidate(text, start, end, type_))
    return found


def _model_candidate(text: str, start: int, end: int, type_: str) -> list[Candidate]:
    if type_ == "date":
        value = normalise_date(text[start:end])
        if value is None and DURATION.fullmatch(text[start:end]):
            value = number_value(text[start:end])  # "six days": a count of days
            return [Candidate(start, end, "number", "model", 2, value=value)] if value else []
        if value is None and not has_month(text[start:end]):
            return []  # "that day", "two years later": relative times
        return [Candidate(start, end, "date", "model", 4 if value else 0, value=value)]
    if type_ == "number":
        value = number_value(text[start:end])
        return [Candidate(start, end, "number", "model", 2, value=value)] if value else []
    start, end = trim_span(text, start, end)
    name = clean_name(text[start:end], type_)
    if not plausible_name(name, "person" if type_ == "person" else type_):
        return []
    return [Candidate(start, end, type_, "model", 4, name=name)]


def counts_things(analysis: dict, end: int) -> bool:
    """Whether the token after `end` is a plural noun: "1700 troops" is a number, not a year."""
    for row in analysis.get("tokens", []):
        if row[0] >= end:
            return row[5] in ("NNS", "NNPS") and row[0] - end <= 1
    return False


def rule_candidates(text: str, analysis: dict) -> list[Candidate]:
    """Dates and digit numbers found by pattern; quoted and defining phrases (phrases.py)."""
    dates = [
        Candidate(s, e, "date", "rule", 3, value=normalise_date(text[s:e]))
        for s, e in find_dates(text)
        if not (text[s:e].isdigit() and counts_things(analysis, e))
    ]
    numbers = [
        Candidate(s, e, "number", "rule", 1, value=number_value(text[s:e]))
        for s, e in find_numbers(text)
    ]
    quoted = [Candidate(s, e, "term", "quote", 0) for s, e in quoted_phrases(text, analysis)]
    phrases = [Candidate(s, e, "term", "phrase", 0) for s, e in defining_phrases(text, analysis)]
    return dates + numbers + quoted + phrases


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: higher priority first, then the longer, then the earlier."""
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-c.priority, c.start - c.end, c.start)):
        if cand.type == "norp" or cand.end <= cand.start:
            continue
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def extend_glossary_people(
    glossary_hits: list[Candidate], model: list[Candidate], analysis: dict
) -> None:
    """A glossary surname inside a model person span takes the given names before it
    ("Henrikh Yagoda"), but not a title or another word ("Comrade", "Eventually")."""
    names = {row[0] for row in analysis.get("tokens", []) if row[4] == "PROPN"}
    titles = {"Comrade", "Marshal", "General", "Admiral", "Count", "Citizen", "Tsar", "N."}
    starts = {row[0]: row[1] for row in analysis.get("tokens", [])}
    for hit in glossary_hits:
        for cand in model:
            if hit.type != "person" or cand.type != "person" or cand.end != hit.end:
                continue
            before = sorted(o for o in starts if cand.start <= o < hit.start)
            while before and (before[0] not in names or starts[before[0]] in titles):
                before.pop(0)
            if before and all(o in names for o in before):
                hit.start = before[0]
