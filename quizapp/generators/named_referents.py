"""Stems that say who a sentence's "he" is: "he [Stalin] played a conspicuous part …".

tagging/antecedents.py finds, narrowly, the person a subject "he" stands for when the
passage has made it plain. The stem then carries the name in square brackets, the
editor's mark for words added to a quotation, right after the pronoun; the checker
(checking/statements.py) reads the brackets as such.
"""

from __future__ import annotations

from quizapp.tagging.types import Mention, TaggedSentence


def edited(sentence: TaggedSentence, start: int, end: int, replacement: str) -> str:
    """The sentence's text with start:end replaced, its resolved "he" followed by the name."""
    text = sentence.text
    antecedent = sentence.antecedent
    if antecedent is None:
        return text[:start] + replacement + text[end:]
    at, named = antecedent.end, f" {antecedent.bracketed}"
    if at <= start:
        return text[:at] + named + text[at:start] + replacement + text[end:]
    return text[:start] + replacement + text[end:at] + named + text[at:]


def referent_name(sentence: TaggedSentence) -> str:
    """The name a stem adds to the sentence ("" when it adds none)."""
    return sentence.antecedent.name if sentence.antecedent else ""


def names_referent(sentence: TaggedSentence, mention: Mention) -> bool:
    """Whether the mention is the person the stem names in brackets: asking for it would
    give the answer away."""
    antecedent = sentence.antecedent
    if antecedent is None:
        return False
    if antecedent.entity and mention.entity:
        return antecedent.entity == mention.entity
    words = set(antecedent.name.lower().split())
    return bool(words & set(mention.text.lower().split()))
