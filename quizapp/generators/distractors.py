"""Plausible wrong answers of the answer's type and kind, drawn from the corpus.

`choose(sentence, span, context, n)` gives up to n distractors for an answer span:
people for people, a year for a year, a month and year for a month and year, a count
of the same form and magnitude. A distractor is never named in the cited sentence,
never an alias of the answer, and never co-occurs with the stem's other entities
under the same verb elsewhere (it might be another true answer). Choices are seeded
from the sentence key, so a run over the same corpus always picks the same ones.
The candidates come from candidate_pool.py; whether one is of the answer's kind, from
name_kinds.py.
"""

from __future__ import annotations

import re

from quizapp.generators.base import Context
from quizapp.generators.candidate_pool import (
    NAMED,
    Candidate,
    also_true,
    answer_forms,
    first_names,
    is_common_word,
    long_words,
    pool,
    squeeze,
    types_of,
)
from quizapp.generators.name_kinds import (
    TITLE_WORDS,
    evidence,
    fine_kind,
    fits_kind,
    indefinite_article,
    is_acronym,
    looks_like,
    place_kind,
    shown_kind,
    title_before,
    title_of,
    titled,
)
from quizapp.generators.ranking import PHRASES, Span
from quizapp.generators.values import (
    common_words,
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

PARTICLES = {"de", "von", "van", "of", "the", "and", "for", "la", "del", "y", "&"}


def _plausible_name(cand: Candidate, answer: str, type_: str, context: Context) -> bool:
    """A name like the answer: proper nouns, seen twice, acronym for acronym."""
    tokens = cand.text.split()
    if not tokens or re.search(r"\d", cand.text) or len(tokens) > 6:
        return False
    if type_ == "term":
        ending = r"(ism|ist|ists|ian|ians)$"
        same_case = cand.text[:1].isupper() == answer[:1].isupper()
        plural = cand.text.endswith("s") == answer.endswith("s")
        if cand.text.lower() in common_words(context) and answer.lower() not in common_words(
            context
        ):
            return False
        suffix = re.search(ending, cand.text)
        own = re.search(ending, answer)
        return same_case and plural and (suffix and suffix.group(1)) == (own and own.group(1))
    if not cand.proper or cand.count < 2 or is_acronym(cand.text) != is_acronym(answer):
        return False
    if type_ == "organization" and not _backed_organization(cand):
        return False
    if type_ in ("person", "place") and re.search(
        r"(iks|ists?|ites|ians|ards|ers|isms?)$", cand.text
    ):
        return False  # a group, not one person or place
    if type_ == "place" and place_kind(cand.text) != place_kind(answer):
        return False
    if looks_like(cand.text) not in (type_, None) or looks_like(answer) not in (type_, None):
        return False
    if type_ != "person" and tokens[0] in first_names(context):
        return False  # "Margarete Buber-Neumann" tagged as an organisation
    if type_ == "person" and len(tokens) == 1 and not _supported_person(cand, context):
        return False  # "Menshevik", "Rosa": a lone word nothing shows to be a surname
    if len(tokens) == 1 and is_common_word(tokens[0], context):
        return False  # "State", "Party", "Chekists": a generic noun with a capital
    return all(t[:1].isupper() or t.lower() in PARTICLES for t in tokens)


def _supported_person(cand: Candidate, context: Context) -> bool:
    """A one-word person name the corpus backs: a glossary name, the surname of a
    full name, or a name the words around it show to be a person's."""
    if cand.text in first_names(context):
        return False
    entity = context.entities.get(cand.key)
    if "glossary" in cand.sources or (entity and len(entity.canonical.split()) > 1):
        return True
    if types_of(context).get(cand.text.lower(), set()) - {"person"}:
        return False  # "Orel", "Caucasus": tagged as a place or party elsewhere
    shown = evidence(cand)
    return shown["person"] > 0 and shown["place"] == 0


def _named(sentence: TaggedSentence, span: Span, context: Context) -> list[Candidate]:
    """Entities of the answer's type: same word count, not in the sentence, not aliases."""
    forms = answer_forms(span, context)
    entity = context.entities.get(span.mention.entity or "")
    names = [span.text, *((entity.canonical, *entity.aliases) if entity else ())]
    banned = set().union(*(long_words(n) for n in names)) | long_words(sentence.text)
    banned |= long_words(sentence.author or "")
    size = len(span.text.split())
    types = types_of(context)
    if len(types.get(span.text.lower(), ())) > 1:
        return []  # the answer is tagged as another kind of thing elsewhere
    phrase = span.mention.source in PHRASES
    type_ = span.mention.type
    if not _answer_fits(sentence, span, context):
        return []
    title, own_title = title_before(sentence, span.start), title_of(span.text)
    article = re.search(r"\b(a|an)\s+$", sentence.text[: span.start], re.IGNORECASE)
    kind = fine_kind(span.text, type_, context, span.mention.entity or "")
    result = []
    for cand in pool(context, span.mention.type):
        if cand.key == span.mention.entity or squeeze(cand.text) in forms:
            continue
        if phrase != bool(cand.sources & set(PHRASES)) or (phrase and cand.count < 2):
            continue  # a quoted phrase for a quoted phrase, and only one said twice
        if any(squeeze(cand.text).startswith(f) or f.startswith(squeeze(cand.text)) for f in forms):
            continue  # "Stalinists" for "Stalin"
        if squeeze(cand.text) in squeeze(sentence.text) or long_words(cand.text) & banned:
            continue
        if len(cand.text.split()) != size:
            continue
        if not _plausible_name(cand, span.text, span.mention.type, context):
            continue
        if len(types.get(cand.text.lower(), ())) > 1:
            continue  # tagged as another kind of thing elsewhere
        if type_ in ("person", "place", "organization") and not fits_kind(cand, type_):
            continue  # "in X" for a person, "X said" for a place
        if title_of(cand.text) != own_title or (title and not titled(cand, title, context)):
            continue  # "General ___" wants people the corpus calls generals
        if (
            type_ in ("place", "organization", "event")
            and fine_kind(cand.text, type_, context, cand.key) != kind
        ):
            continue  # a newspaper for a newspaper, a region for a region
        if article and indefinite_article(cand.text) != article.group(1).lower():
            continue  # "an ___" wants a name that takes "an"
        result.append(cand)
    return result


def _answer_fits(sentence: TaggedSentence, span: Span, context: Context) -> bool:
    """The answer's own place in the sentence is one its distractors can take: not a
    title of a work ("in The ___"), not a surname after a given name ("Marcel ___"),
    not shown as another kind than its tag ("in the region of ___" for a person)."""
    type_ = span.mention.type
    before = sentence.text[: span.start].rstrip()
    if span.start > 0 and re.search(r"(^|[^.!?:]\s)The$", before):
        return False  # "in The ___": a work's or paper's title
    words = before.split()
    last = words[-1] if words else ""
    if type_ == "person" and last == "the":
        return False  # "the dungeons of the ___": no person's name takes "the"
    if (
        type_ == "person"
        and re.fullmatch(r"[A-Z][a-zé]+", last)
        and last.lower() not in TITLE_WORDS
        and len(words) > 1
        and last in first_names(context)
    ):
        return False  # "Marcel ___": the given name cues a surname of one nationality
    shown = shown_kind(sentence, span.start, span.end)
    if type_ == "person" and shown == "place":
        return False
    if type_ in NAMED and not _answer_backed(span, context):
        return False  # "Kara-Kum" or "Meyer" as an organisation: the model's guess
    return not (type_ in ("place", "organization") and shown == "person")


def _answer_backed(span: Span, context: Context) -> bool:
    """A one-word name only the statistical model typed is trusted as the kind its
    distractors must share when the corpus backs it: an organisation named three times
    (or an acronym), a person never tagged or shown as another kind ("Kara-Kum",
    "Zimmerwald")."""
    type_ = span.mention.type
    if len(span.text.split()) > 1 or span.mention.source == "glossary":
        return True
    if is_common_word(span.text, context):
        return False  # "an arrested Oppositionist": a word the corpus writes in lower case
    own = next((c for c in pool(context, type_) if c.text == span.text), None)
    if own is None or "glossary" in own.sources:
        return True
    if type_ == "organization" and not _backed_organization(own):
        return False
    if type_ != "person":
        return True
    if types_of(context).get(own.text.lower(), set()) - {"person"}:
        return False
    shown = evidence(own)
    return shown["place"] == 0 or shown["person"] > shown["place"]


def _backed_organization(cand: Candidate) -> bool:
    """Not a lone capitalised word the model alone calls an organisation ("Turkoman")
    unless the corpus names it three times or it is an acronym."""
    one_word = len(cand.text.split()) == 1
    model_only = "glossary" not in cand.sources
    return not (one_word and model_only and cand.count < 3 and not is_acronym(cand.text))


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
            if re.fullmatch(r"(?:’s|'s)?\s*,?\s*(?:in|of|near|outside|,)?\s*(?:the\s+)?", between):
                pairs.add(frozenset((a.text.lower(), b.text.lower())))
    names = {c.text.lower(): c for c in pool(context, "place")}
    for entity in context.entities.values():
        if entity.type != "place" or not entity.description:
            continue
        for name in names:
            if re.search(rf"\b{re.escape(name)}\b", entity.description.lower()):
                for form in (entity.canonical, *entity.aliases):
                    pairs.add(frozenset((form.lower(), name)))
    return pairs


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
        found = _named(sentence, span, context)
    elif type_ == "date" and granularity(span.mention.value or date_value(span.text)) != "none":
        found = _dates(sentence, span, context)
    elif type_ == "number":
        found = _numbers(sentence, span, context)
    else:
        return []
    found = [c for c in found if not also_true(c, sentence, span, context)]
    if type_ == "place":
        related = _related_places(context)
        found = [c for c in found if frozenset((c.text.lower(), span.text.lower())) not in related]
    if swap:
        found = [c for c in found if _swaps_cleanly(c, sentence, span, context)]
    seeded(sentence.key, span.text).shuffle(found)
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
