"""Does the rest of a sentence give a blank away? The span named again or one of its words
("Stalinists"), another of its names ("known as 'Iron Felix'", "Tsaritsyn—today _____"), a
compass word before a region, or an acronym that spells it. ranking.answer_salience asks.
"""

from __future__ import annotations

import re

from quizapp.generators.base import Context
from quizapp.tagging.types import Mention, TaggedSentence

# Counting words and units: said elsewhere they give a magnitude, not the number asked for.
COUNTING = {
    "hundred",
    "thousand",
    "million",
    "billion",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
}


def gives_away(
    sentence: TaggedSentence,
    start: int,
    end: int,
    names: tuple[str, ...] = (),
    person: bool = True,
) -> bool:
    """The rest of the sentence names the span again, or one of its words ("Stalinists")."""
    span = sentence.text[start:end]
    outside = sentence.text[:start] + " " + sentence.text[end:]
    rest = outside.lower()
    span_words = [w for w in re.findall(r"\w+", span) if len(w) > 3 and w.lower() not in COUNTING]
    if any(re.search(rf"\b{re.escape(w.lower())}", rest) for w in span_words):
        return True
    # the words next to the span are part of the name asked for ("Marcel _____")
    far = (
        re.sub(r"\S+\s*$", "", sentence.text[:start])
        + " "
        + re.sub(r"^\s*\S+", "", sentence.text[end:])
    )
    # another of its names: "Dzerzhinsky ... known as 'Iron Felix'" (a person's name words,
    # not those next to the blank, which belong to the name asked for); a place's or a
    # body's whole other name before the blank ("Tsaritsyn—today _____"), not after it
    # ("_____—today Stalingrad" asks what the city was called, as a teacher's "later
    # renamed Stalingrad" would)
    where = far.lower() if person else sentence.text[:start].lower()
    if names and any(re.search(rf"\b{re.escape(w.lower())}\b", where) for w in names):
        return True
    if computable_year(span, outside):
        return True  # "fourteen years … from _____ to 1917": subtraction gives 1903
    if demonym_in(span, outside):
        return True  # "victims in _____ ... the Spanish Communist Party"
    if COMPASS.search(sentence.text[:start]) and span[:1].isupper():
        return True  # "the countries of western _____": the direction all but names it
    glossed = re.match(r"\s*\(([A-Z][A-Za-z]{1,7})\)", sentence.text[end:])
    if glossed and span[:1] in glossed.group(1)[1:]:
        return True  # "the Kingdom of Poland and _____ (SDKPiL)": the acronym ends with it
    return acronym_of(span, outside)


COMPASS = re.compile(r"\b(western|eastern|northern|southern|central)\s+$", re.IGNORECASE)


_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
# A span of years ("fourteen years", "twenty-five years", "30 years").
DURATION = re.compile(
    rf"\b(\d+|{_UNITS}|{_TEENS}|(?:{_TENS})(?:-(?:{_UNITS}))?)\s+years\b", re.IGNORECASE
)
YEAR = re.compile(r"\b1\d{3}\b")


def computable_year(span: str, rest: str) -> bool:
    """A year the rest lets one compute: it names another year and a span of years."""
    return bool(
        re.fullmatch(r"1\d{3}", span.strip()) and YEAR.search(rest) and DURATION.search(rest)
    )


# Countries whose adjective does not begin with the country's first letters.
IRREGULAR_DEMONYMS = {
    "france": "french",
    "holland": "dutch",
    "netherlands": "dutch",
    "denmark": "danish",
    "switzerland": "swiss",
    "wales": "welsh",
}
ADJECTIVE_ENDING = re.compile(r"(ish|ian|ean|ese|an|ic|i)$")


def demonym_in(span: str, rest: str) -> bool:
    """The rest holds the adjective of a one-word place ("Spanish" for Spain, "Polish" for
    Poland): its first three letters, then an adjective's ending."""
    if not re.fullmatch(r"[A-Z][a-z]{3,}", span):
        return False
    place = span.lower()
    for word in re.findall(r"\b[A-Z][a-z]{3,}\b", rest):
        word = word.lower()
        if IRREGULAR_DEMONYMS.get(place) == word:
            return True
        if word != place and word[:3] == place[:3] and ADJECTIVE_ENDING.search(word):
            return True
    return False


def acronym_of(span: str, rest: str) -> bool:
    """The rest abbreviates the span ("N.E.P.—the New Economic Policy") or spells out the
    span's acronym: either one gives the other away."""
    names = re.findall(r"[A-Z]\w*", span)
    if len(names) >= 2:
        initials = "".join(n[0] for n in names).lower()
        found = re.findall(r"\b(?:[A-Za-z]\.){2,}|\b[A-Z][a-z]?[A-Z][A-Za-z]{0,6}\b", rest)
        for letters in (re.sub(r"\W", "", a).lower() for a in found):
            if letters == initials or (len(initials) >= 3 and letters.startswith(initials)):
                return True  # "the _____ and Lithuania (SDKPiL)": the acronym begins with it
    acronym = re.sub(r"\W", "", span)
    if acronym.isupper() and 2 <= len(acronym) <= 6 and re.fullmatch(r"[A-Z.]+", span):
        capitals = re.findall(r"\b[A-Z]\w+", rest)
        for i in range(len(capitals) - len(acronym) + 1):
            if "".join(w[0] for w in capitals[i : i + len(acronym)]) == acronym:
                return True
    return False


def other_names(mention: Mention, text: str, context: Context) -> tuple[str, ...]:
    """The words of a person's other names ("Felix" of "Felix Dzerzhinsky"), or a place's,
    body's or term's other names whole, that the rest of the sentence must not hold."""
    entity = context.entities.get(mention.entity or "")
    if entity is None:
        return ()
    if mention.type != "person":  # "Tsaritsyn—today Stalingrad": the place's other name
        names = (entity.canonical, *entity.aliases)
        return tuple(sorted({n for n in names if len(n) > 2 and n.lower() not in text.lower()}))
    own = {w.lower()[:5] for w in re.findall(r"\w+", text)}  # "Stalinist" of "Stalinism"
    found = {
        w
        for name in (entity.canonical, *entity.aliases)
        for w in re.findall(r"[A-Z]\w{3,}", name)
        if w.lower()[:5] not in own
    }
    return tuple(sorted(found))
