"""Whose words a stem states: "According to X, " for a quotation (its speaker) or any
other sentence (its author, or "the text" when it names none or an editor speaks)
(`attribution`, None when a quotation's speaker cannot be named), and the stem behind it
(`attributed`).
"""

from __future__ import annotations

import re

from quizapp.checking.statements import CONNECTIVE
from quizapp.generators.references import counts_from_writing, dated
from quizapp.tagging.quotes import UNNAMED
from quizapp.tagging.types import TaggedSentence


def attribution(sentence: TaggedSentence) -> str | None:
    """The prefix a stem needs: "According to X, " for a quotation (its speaker) or any
    other sentence (its author; "According to the text, " when the text names none), None
    when a quotation's speaker cannot be named."""
    if sentence.quoted_by:
        speaker = speaker_of(sentence)
        return f"According to {speaker}, " if speaker else None
    if REPORTED.search(sentence.previous or ""):
        return None  # '"...," he says. Bukharin is ...': the report may go on, unmarked
    if OWN_SOURCE.match(sentence.text):
        return ""  # "According to Stephen Cohen, …": the sentence says whose account it is
    # A text's sentence is its author's account, always: a memoir, a polemic or an
    # unsigned article states guesses and verdicts as facts ("demoted for having framed
    # the trial too clumsily", "inveterately anti-Semitic"), and no word list tells them
    # all apart.
    return f"According to {account(sentence)} "


def account(sentence: TaggedSentence) -> str:
    """Whose account a sentence of the text is, as "According to" takes it: "Serge,", or
    "the text," when it names no author (its title could give an answer away); with the
    year of writing when the sentence counts time from it ("Serge, writing in 1937,":
    "today" and "last year" then say when)."""
    surname = author_surname(sentence)
    who = "the text" if surname is None or editorial(sentence) else surname
    if counts_from_writing(sentence) and dated(sentence):
        written = "written" if who == "the text" else "writing"
        return f"{who}, {written} in {sentence.year},"
    return f"{who},"


OWN_SOURCE = re.compile(r"\W*according to\b", re.IGNORECASE)
REPORTED = re.compile(
    r"[\"”]\s*,?\s*(he|she|they|[A-Z][\w.-]+( [A-Z][\w.-]+)?)\s+"
    r"(says|said|writes|wrote|adds|added|declares|declared|continues|continued)\W*$"
)
EDITORIAL = re.compile(
    r"\b(?:about|on) the author\b|\bbiographical\b|\b(?:editor|translator|publisher)[’']?s\b",
    re.IGNORECASE,
)
NOT_SPEAKERS = {"letter", "document", "report", "article", "note", "decree", "resolution"}


NO_AUTHOR = {"unattributed", "anonymous", "unknown", "anon.", "n/a", "none"}


def author_surname(sentence: TaggedSentence) -> str | None:
    """The surname of the text's author ("Victor Serge": "Serge"), None when it names none."""
    author = (sentence.author or "").strip()
    if not author or author.lower() in NO_AUTHOR:
        return None
    return author.split()[-1]


def editorial(sentence: TaggedSentence) -> bool:
    """The sentence stands in an editor's or translator's note ("A Note About The
    Author"): the text's words, not its author's."""
    return bool(EDITORIAL.search(sentence.section or ""))


INITIALS = re.compile(r"(?:[A-Z]\.\s?){1,3}")


def speaker_of(sentence: TaggedSentence) -> str | None:
    """Who a quoted sentence's words are, fit to follow "According to": a correspondent the
    text names by initials only ("Q. N.") is "a correspondent Serge quotes"."""
    speaker = (sentence.quoted_by or "").strip()
    if INITIALS.fullmatch(speaker):
        surname = author_surname(sentence)
        return f"a correspondent {surname} quotes" if surname else "a correspondent"
    return speaker_name(speaker)


def speaker_name(speaker: str) -> str | None:
    """A speaker fit to follow "According to": "a factory worker" for "A factory worker";
    None for a document the tagger took for a speaker ("Letter")."""
    speaker = speaker.strip()
    if not speaker or speaker == UNNAMED or speaker.lower() in NOT_SPEAKERS:
        return None
    first, _, rest = speaker.partition(" ")
    if first in ("A", "An", "The") and rest:
        return f"{first.lower()} {rest}"
    return speaker


def _a_name(sentence: TaggedSentence, token) -> bool:
    """The opening word is a name: tagged as one, unless it is a verbal noun that no
    mention covers ("Rationing, the forced exchange rates …"), which the tagger took for
    a name for its capital. (A plural cannot be told so: "Cargoes" and "Turkomans" are
    tagged alike.)"""
    if token.pos != "PROPN":
        return False
    if any(m.start <= token.start < m.end for m in sentence.mentions):
        return True
    return not token.text.endswith("ing")


def attributed(sentence: TaggedSentence, text: str, prefix: str) -> str:
    """`text` (the sentence or a variant of it) behind `prefix`, its first word lowered
    unless it is a name."""
    if not prefix:
        return text
    if CONNECTIVE.match(text):
        return prefix + CONNECTIVE.sub("", text)  # not "According to X, but ..."
    first = next((t for t in sentence.tokens if t.pos not in ("PUNCT", "SPACE")), None)
    acronym = len(first.text) > 1 and first.text.isupper() if first is not None else False
    keep = first is None or _a_name(sentence, first) or first.text == "I" or acronym
    if not keep and text[:1].isupper():
        text = text[0].lower() + text[1:]
    return prefix + text
