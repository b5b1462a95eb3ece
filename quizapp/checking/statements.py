"""Does a sentence state a statement, or its opposite? For true/false items and claims.

A statement is supported when its content words are the sentence's and the sentence
qualifies none of them in a way the statement drops ("the second largest" is not "the
largest"; "was not" is not "was").
"""

from __future__ import annotations

import re

from quizapp.checking.normalize import content_words, normalize_answer, stem_of

# "True or false: According to Serge, writing in 1937, ..."
PREFIX = re.compile(
    r"^\s*(?:true or false\s*[:?]\s*)?"
    r"(?:according to [^,]+,(?:\s*(?:writing|written) in \d{4},)?\s*)?",
    re.I,
)
# An opening "But", "And indeed," a stem drops after "According to X," (generators/attribution.py).
CONNECTIVE = re.compile(r"^\s*(?:(?:and|but|yet|now)(?: indeed)?,?|yes,)\s+(?=\S)", re.I)
QUALIFIERS = frozenset(
    "not never no nor hardly scarcely barely almost nearly only second third fourth fifth "
    "least less fewer partly partially allegedly supposedly once former".split()
)


# A name an editor adds after a pronoun: "he [Stalin] played a conspicuous part …".
INSERTION = re.compile(r"(?:(?<=\b[Hh]e)|(?<=\b[Hh]is)) \[([^\[\]]+)\]")


def without_insertions(statement: str, sentence: str) -> str:
    """The statement without bracketed additions the sentence itself does not have."""
    return INSERTION.sub(lambda m: m.group(0) if m.group(0).strip() in sentence else "", statement)


def insertions(statement: str, sentence: str) -> list[str]:
    """The bracketed additions of `statement` that are not the sentence's own words."""
    return [m.group(1) for m in INSERTION.finditer(statement) if m.group(0).strip() not in sentence]


def core_statement(statement: str) -> str:
    """The statement without "True or false:" and an "According to X," attribution (with
    the year of writing it may name)."""
    return CONNECTIVE.sub("", PREFIX.sub("", statement)).strip()


def true_statement_problems(statement: str, sentence: str) -> list[str]:
    """Reasons the sentence does not state `statement` (empty when it does)."""
    core = core_statement(without_insertions(statement, sentence))
    sentence_words = normalize_answer(sentence).split()
    known = {stem_of(w) for w in [*sentence_words, *content_words(sentence)]}
    missing = [w for w in content_words(core) if stem_of(w) not in known]
    if missing:
        return [f"the sentence does not say: {', '.join(missing)}"]
    return _dropped_qualifiers(core, _clause_words(core, sentence))


def _clause_words(core: str, sentence: str) -> list[str]:
    """The words of the clause between semicolons that states all of `core` (a statement
    of one clause of "A; B" drops none of B's qualifiers), else of the whole sentence."""
    wanted = {stem_of(w) for w in content_words(core)}
    for clause in sentence.split(";"):
        words = normalize_answer(clause).split()
        if wanted <= {stem_of(w) for w in [*words, *content_words(clause)]}:
            return words
    return normalize_answer(sentence).split()


def false_statement_problems(statement: str, sentence: str) -> list[str]:
    """Reasons a statement keyed False is in fact stated by the sentence."""
    core = normalize_answer(core_statement(without_insertions(statement, sentence)))
    if core and core in normalize_answer(sentence):
        return ["the statement keyed false is stated by the cited sentence"]
    return []


def swapped_statement_problems(statement: str, sentence: str, start: int, end: int) -> list[str]:
    """Reasons `statement` is not the sentence, or the clause between semicolons that
    holds the span, with the span start:end replaced.

    Only then is a statement keyed false provably false by the sentence: it keeps every
    other word and puts something else where the sentence has the span.
    """
    core = normalize_answer(core_statement(without_insertions(statement, sentence)))
    for low, high in ((0, len(sentence)), _clause_bounds(sentence, start, end)):
        before = normalize_answer(CONNECTIVE.sub("", sentence[low:start]))
        after = normalize_answer(sentence[end:high])
        if core.startswith(before) and core.endswith(after):
            if len(core) < len(before) + len(after):
                return ["the statement drops what the sentence says at the changed span"]
            return []  # a statement that keeps the span is caught as ambiguous
    return ["the statement differs from the cited sentence beyond the changed span"]


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The part of the sentence between the semicolons around start:end: a clause the
    sentence asserts on its own ("…the power; Dora Kaplan fired …")."""
    low = sentence.rfind(";", 0, start) + 1
    high = sentence.find(";", end)
    return low, len(sentence) if high < 0 else high


def _dropped_qualifiers(core: str, sentence_words: list[str]) -> list[str]:
    statement_words = set(normalize_answer(core).split())
    statement_stems = {stem_of(w) for w in statement_words}
    problems = []
    for index, word in enumerate(sentence_words[:-1]):
        following = sentence_words[index + 1]
        if word in QUALIFIERS and word not in statement_words:
            if stem_of(following) in statement_stems:
                problems.append(
                    f'the sentence says "{word} {following}", the statement drops "{word}"'
                )
    return problems
