"""Plausible wrong answers of the answer's type and kind, drawn from the corpus.

`choose(sentence, span, context, n)` gives up to n distractors for an answer span:
people for people, a year for a year, a month and year for a month and year, a count
of the same form and magnitude. A distractor is never named in the cited sentence,
never an alias of the answer, and never co-occurs with the stem's other entities
under the same verb elsewhere (it might be another true answer). Choices are seeded
from the sentence key, so a run over the same corpus always picks the same ones.
The candidates come from candidate_pool.py; names are chosen in named_distractors.py,
whether one is of the answer's kind in name_kinds.py; dates and numbers here.
"""

from __future__ import annotations

import re

from quizapp.generators.affinity import affinity
from quizapp.generators.base import Context
from quizapp.generators.candidate_pool import (
    NAMED,
    Candidate,
    also_true,
    long_words,
    pool,
)
from quizapp.generators.countries import COUNTRIES
from quizapp.generators.eras import of_the_time
from quizapp.generators.name_kinds import (
    evidence,
    shown_kind,
)
from quizapp.generators.named_distractors import named_candidates
from quizapp.generators.ranking import Span
from quizapp.generators.values import (
    date_value,
    derived,
    granularity,
    nearby_dates,
    nearby_numbers,
    number_value,
    seeded,
    shape,
    split_unit,
    word_number,
)
from quizapp.tagging.types import TaggedSentence

DAY_ORDINAL = re.compile(r"\b(?:the\s+)?[0-3]?\d(?:st|nd|rd|th)\b", re.IGNORECASE)


def _swaps_cleanly(cand: Candidate, sentence: TaggedSentence, span: Span, ctx: Context) -> bool:
    """A true-or-false swap that makes a plainly false, not an absurd or a still-true,
    statement: a place neither inside nor around the original or the sentence's other
    places, a place for a place where the sentence says "in ___", a date that keeps
    the sentence's own order of dates."""
    type_ = span.mention.type
    if type_ == "place":
        related = _related_places(ctx)
        others = {m.text.lower() for m in sentence.mentions if m.type == "place"}
        near = {span.text.lower(), *others}
        if any(frozenset((cand.text.lower(), o)) in related for o in near):
            return False  # Siberia for Russia: the statement stays true
        if re.search(r"\b[A-Z]\w+,\s+(?:in|near)\s+(?:the\s+)?$", sentence.text[: span.start]):
            return False  # "a hut near the Generalidad, in ___": the sentence pins the place
        if re.match(r",?\s+(?:in|near)\s+(?:the\s+)?[A-Z]", sentence.text[span.end :]):
            return False  # "near ___, in Finland": the swap would clash with its setting
    if type_ == "person" and re.match(
        r",\s+(?:a|an|the|he|she|one|who|whom|whose)\b", sentence.text[span.end :]
    ):
        return False  # "___, a Ukrainian revolutionist": a description only the original fits
    if shown_kind(sentence, span.start, span.end) == "place" and evidence(cand)["place"] == 0:
        return type_ == "place" and "glossary" in cand.sources
    if type_ == "date":
        value = date_value(cand.text) or ""
        own = span.mention.value or date_value(span.text) or ""
        if granularity(own) == "day" and DAY_ORDINAL.search(
            sentence.text[: span.start] + sentence.text[span.end :]
        ):
            return False  # "on the 24th they were condemned" follows the date
        for m in sentence.mentions:
            other = m.value or date_value(m.text) or ""
            if m.type != "date" or m.start == span.mention.start or not other[:4].isdigit():
                continue
            size = min(len(other), len(own), len(value))
            if (own[:size] < other[:size]) != (value[:size] < other[:size]):
                return False  # the swap would reverse the sentence's order of dates
    return True


def _related_places(context: Context) -> set[frozenset]:
    """Pairs of places the corpus puts one inside the other: "X, in Y", "Y's X", "X in Y",
    a glossary description of one naming the other."""
    return derived(context, "related places", _find_related)


def _find_related(context: Context) -> set[frozenset]:
    pairs: set[frozenset] = set()
    seen: dict[str, list] = {}
    for sentence, mention in context.mentions_by_type.get("place", []):
        seen.setdefault(sentence.key, [sentence, []])[1].append(mention)
    for sentence, mentions in seen.values():
        ordered = sorted(mentions, key=lambda m: m.start)
        for a, b in zip(ordered, ordered[1:], strict=False):
            between = sentence.text[a.end : b.start]
            inside = r"(?:’s|'s)?\s*,?\s*(?:in|of|near|outside)\s*(?:the\s+)?|(?:’s|'s)\s*"
            if re.fullmatch(inside, between):
                pairs.add(frozenset((a.text.lower(), b.text.lower())))
            elif re.fullmatch(r"\s*,\s*", between) and _nests(a, b):
                pairs.add(frozenset((a.text.lower(), b.text.lower())))  # "Barcelona, Spain"
    names = {c.text.lower(): c for c in pool(context, "place")}
    for entity in context.entities.values():
        if entity.type != "place" or not entity.description:
            continue
        for name in names:
            if re.search(rf"\b{re.escape(name)}\b", entity.description.lower()):
                for form in (entity.canonical, *entity.aliases):
                    pairs.add(frozenset((form.lower(), name)))
    return pairs


def _nests(a, b) -> bool:
    """ "Barcelona, Spain" names a town in a country; "Madrid, Valencia" is a list."""
    return (a.text.lower() in COUNTRIES) != (b.text.lower() in COUNTRIES)


def _dates(sentence: TaggedSentence, span: Span, context: Context) -> list[Candidate]:
    value = span.mention.value or date_value(span.text)
    kind, form = granularity(value), shape(span.text)
    taken = {m.value or date_value(m.text) for m in sentence.mentions if m.type == "date"}
    low, high = context.era
    year = int(value[:4])
    found = [
        c
        for c in pool(context, "date")
        if shape(c.text) == form
        and (v := date_value(c.text))
        and granularity(v) == kind
        and v not in taken
        and low <= int(v[:4]) <= high
        and abs(int(v[:4]) - year) <= 10
        and c.text.lower() not in sentence.text.lower()
        and _date_words(c.text) == _date_words(span.text)
    ]
    moved = [(t, v) for t, v in nearby_dates(span.text, value, context.era) if v not in taken]
    return found + [Candidate(t, f"date:{v}") for t, v in moved]


def _date_words(text: str) -> list[str]:
    """A date's words other than month names ("the end of 1920" -> the, end, of)."""
    return [w for w in re.findall(r"[a-z]+", text.lower()) if not _is_month(w)]


def _is_month(word: str) -> bool:
    return date_value(f"{word} 1900") not in (None, "1900") or word in ("th", "st", "nd", "rd")


def _numbers(sentence: TaggedSentence, span: Span, context: Context) -> list[Candidate]:
    """Counts of the same form (digits or words, same scale, same unit of time) and a
    similar magnitude."""
    parsed = number_value(span.text)
    if parsed is None or parsed[0] < 2:
        return []
    value, scale = parsed
    count, unit = split_unit(span.text)
    taken = {number_value(m.text) for m in sentence.mentions if m.type == "number"}
    found = []
    for cand in pool(context, "number"):
        other = number_value(cand.text)
        if (
            other is None
            or other in taken
            or other[1] != scale
            or shape(cand.text) != shape(span.text)
            or split_unit(cand.text)[1] != unit
        ):
            continue
        if 0.2 <= other[0] / value <= 5 and abs(other[0] - value) >= 0.15 * value:
            found.append(cand)
    tail = span.text[len(count) :] if unit else ""
    near = [t + tail for t in nearby_numbers(value, scale, count)]
    near = [t for t in near if number_value(t) not in taken]
    return found + [Candidate(t, f"number:{number_value(t)[0]:g}") for t in near]


def candidates(
    sentence: TaggedSentence, span: Span, context: Context, swap: bool = False
) -> list[Candidate]:
    """Every acceptable wrong answer for the span, in a fixed, seeded order of preference;
    with `swap`, only values that surely make the sentence false when put in its place."""
    type_ = span.mention.type
    if type_ in NAMED:
        found = named_candidates(sentence, span, context)
    elif type_ == "date" and granularity(span.mention.value or date_value(span.text)) != "none":
        found = _dates(sentence, span, context)
    elif type_ == "number":
        found = _numbers(sentence, span, context)
    else:
        return []
    found = [c for c in found if not also_true(c, sentence, span, context)]
    if type_ in NAMED:
        found = of_the_time(found, sentence, context)
    if type_ == "place":
        related = _related_places(context)
        found = [c for c in found if frozenset((c.text.lower(), span.text.lower())) not in related]
    if swap:
        found = [c for c in found if _swaps_cleanly(c, sentence, span, context)]
    seeded(sentence.key, span.text).shuffle(found)
    if type_ in NAMED:
        key = span.mention.entity or f"{type_}:{span.mention.value or span.text.lower()}"
        found.sort(key=lambda c: -affinity(context, type_, key, c))
    found.sort(key=lambda c: (sentence.document not in c.documents, c.count < 2))
    return found


def choose(
    sentence: TaggedSentence, span: Span, context: Context, n: int = 3, swap: bool = False
) -> list[str]:
    """Up to n distractors, mutually distinct, the key not always the longest option."""
    chosen: list[Candidate] = []
    for cand in candidates(sentence, span, context, swap):
        if any(c.key == cand.key for c in chosen):
            continue
        if span.mention.type in NAMED and any(
            long_words(c.text) & long_words(cand.text) for c in chosen
        ):
            continue
        if any(c.text.lower() == cand.text.lower() for c in chosen):
            continue
        chosen.append(cand)
        if len(chosen) == n:
            break
    return [_like(c.text, span.text) for c in chosen]


def _like(text: str, answer: str) -> str:
    """A number word written with the answer's initial case ("Three" for "Ten")."""
    if word_number(text.split()[0]) is not None and answer[:1].isalpha():
        return (text[0].upper() if answer[0].isupper() else text[0].lower()) + text[1:]
    return text
