"""Whether a short-answer question is fit to ask, and its sentence fit to transform:
body prose of a workable length (`sentence_ok`, which chronology and matching share), a
stem that is clean, specific and self-contained and does not give its answer away
(`acceptable`), a named answer where a name is asked for, and a where-question whose stem
names no other place.
"""

from __future__ import annotations

import re

from quizapp.generators.clauses import Parse, balanced
from quizapp.generators.discourse import TIED_PHRASES
from quizapp.generators.fitness import (
    has_subject,
    is_list,
    is_quotation,
    is_well_formed,
    verse_word,
)
from quizapp.generators.questions import Question
from quizapp.generators.stems import proper_name, vague_reason
from quizapp.tagging.types import Mention, TaggedSentence

MAX_TOKENS = 60  # longer sentences are rarely simplified cleanly
MAX_STEM_WORDS = 28


def named_answer(parse: Parse, question: Question) -> bool:
    """A person or organisation answer is a proper name, not "Proofs" or "All Foster"."""
    if question.kind not in ("person", "organization"):
        return True
    return proper_name(parse, question.start, question.end)


def other_places(parse: Parse, question: Question, mentions: list[Mention]) -> bool:
    """Whether a where-question's stem names another place, which would also answer it."""
    if question.kind != "place":
        return False
    for mention in mentions:
        if mention.type == "place" and mention.start != question.start:
            if parse.covering(mention.start, mention.end) & question.used:
                return True
    return False


def leaks(stem: str, forms: set[str]) -> bool:
    """Whether any form of the answer shows in the stem."""
    return any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", stem, re.IGNORECASE) for f in forms)


def acceptable(parse: Parse, question: Question, forms: set[str]) -> bool:
    """A clean, specific, self-contained stem that does not give the answer away."""
    words = question.stem.split()
    if not 4 <= len(words) <= MAX_STEM_WORDS or not balanced(question.stem):
        return False
    if len(words) == 4 and not any(
        parse.tokens[i].pos == "VERB" or parse.tokens[i].tag == "POS" for i in question.used
    ):
        return False  # "Who was in Moscow?": too little to pin the answer down
    if re.search(r"\w \.|\s\.\s|:", question.stem) or orphaned(parse, question.used):
        return False  # a stray full stop; a colon's list gives the count away
    if any(verse_word(parse.tokens, i) for i in question.used):
        return False
    bound = question.kind == "person" and question.stem.startswith("Who ")
    if vague_reason(parse, set(question.used), bound) is not None:
        return False
    return specific(parse, question) and not leaks(question.stem, forms)


def specific(parse: Parse, question: Question) -> bool:
    """A stem that names something (a name, a number), or says enough to pin the answer:
    nine words or more with three nouns ("Who rounded up all the foreign communists who
    had fled fascist persecution ...?")."""
    answer = parse.covering(question.start, question.end)
    used = question.used - answer
    if any(parse.tokens[i].pos in ("PROPN", "NUM") for i in used):
        return True
    nouns = sum(parse.tokens[i].pos == "NOUN" for i in used)
    return len(question.stem.split()) >= 9 and nouns >= 3


def orphaned(parse: Parse, used: frozenset[int]) -> bool:
    """Whether the stem keeps a relative clause without the noun it describes."""
    return any(parse.tokens[i].dep == "relcl" and parse.tokens[i].head not in used for i in used)


def sentence_ok(sentence: TaggedSentence) -> bool:
    """Body prose of a workable length that is not an unattributed quotation."""
    if sentence.kind != "body" or not sentence.tokens or len(sentence.tokens) > MAX_TOKENS:
        return False
    if is_quotation(sentence) and not sentence.quoted_by or is_list(sentence):
        return False  # an unattributed quotation, or a list ("Principal works: ...")
    if not has_subject(sentence):
        return False  # a note without a subject, or the tail of a cut sentence
    if re.search(r"\[\d+\]|\bp\. ?\d|\. \. \.|\.\.\.|…", sentence.text):
        return False  # note markers, page references, elisions
    if TIED_PHRASES.search(sentence.text):
        return False  # "Who at once conceives …": at once after what?
    return is_well_formed(sentence)
