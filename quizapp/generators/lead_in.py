"""A lead-in: the sentence before, opening the stem of a sentence that points back to it.

"This story … was confirmed in the 13 December 1987 issue of the Soviet magazine Ogonek"
says nothing to a student who has not read what "this story" is; behind the sentence
before it ("He [Kirov] was approached by a group of senior cadres who proposed that he
replace Stalin …") it does. `lead_for` gives that sentence when the stem needs it and it
serves: a plain, self-contained statement of the same section, short enough to read
first, that does not itself give the answer away (`gives_away`). The item cites it too,
so the checker covers the stem's words by it and the item goes stale if it changes.
"""

from __future__ import annotations

import re

from quizapp.checking.normalize import normalize_answer
from quizapp.generators.attribution import attributed, attribution
from quizapp.generators.base import Citation, Context
from quizapp.generators.fitness import sentence_quality, words
from quizapp.generators.named_referents import edited
from quizapp.generators.references import (
    HUMAN,
    dangling,
    is_self_contained,
    leans_on_sentence_before,
)
from quizapp.tagging.types import TaggedSentence

LEAD_WORDS = 50  # a longer lead-in buries the question
TOTAL_WORDS = 70  # lead-in and sentence together
PENALTY = 0.9  # a stem with a lead-in takes longer to read: it ranks a little lower
# Openings that make a sentence continue the one before it: no way to open a stem.
CONTINUING = re.compile(
    r"\W*(but|and|yet|so|or|nor|still|even|secondly|thirdly|finally|first|firstly"
    r"|in (a word|any case|short|fact|other words|the end)|on the other hand)\b",
    re.IGNORECASE,
)


def lead_for(sentence: TaggedSentence, context: Context) -> TaggedSentence | None:
    """The sentence the stem must open with, or None when it needs none or none serves."""
    if sentence.whole is not None:
        return None  # a piece of a sentence: its other half stands between
    if is_self_contained(sentence) or not leans_on_sentence_before(sentence):
        return None
    before = context.before.get(sentence.key)
    if before is None or sentence.kind != "body" or before.kind != "body":
        return None
    if sentence.quoted_by or before.quoted_by:
        return None  # someone else's words: who says the lead-in, who the sentence?
    if attribution(before) != attribution(sentence):
        return None  # one "According to X" must cover both: another's account, or none
    if sentence_quality(before) <= 0 or CONTINUING.match(before.text):
        return None  # it points back further itself, or is no statement
    if _bare_subject(before):
        return None  # "The country is looking forward to peace": which country?
    pronouns = [token for token, kind in dangling(sentence) if kind != "demonstrative"]
    if pronouns and not _about_one_person(before, pronouns):
        return None  # "appointed and paid by him": whom the lead-in may not say
    length = len(words(before))
    if length > LEAD_WORDS or length + len(words(sentence)) > TOTAL_WORDS:
        return None
    return before


def _about_one_person(before: TaggedSentence, pronouns: list) -> bool:
    """Whether the pronouns are "he", "his" or "him" and the lead-in is about one named man,
    its subject ("Marcel Cachin, …, converted to … . _____ came with him")."""
    if any(token.text.lower() not in HUMAN for token in pronouns):
        return False  # "it", "they": too many things in a sentence they could stand for
    people = {m.entity or m.text for m in before.mentions if m.type == "person"}
    antecedent = before.antecedent
    if antecedent is not None:
        people.add(antecedent.entity or antecedent.name)
    if len(people) != 1:
        return False
    subject = _subject_span(before)
    if subject is None:
        return False
    if antecedent is not None and antecedent.token == subject[2]:
        return True
    return any(m.type == "person" and subject[0] <= m.start < subject[1] for m in before.mentions)


RESTRICTIVE = {"prep", "relcl", "acl", "poss", "appos", "nummod"}


def _bare_subject(sentence: TaggedSentence) -> bool:
    """The main clause's subject is a bare "the X" ("the country", "the street battles",
    "the new leader"): something named before the lead-in, not in it."""
    tokens = sentence.tokens
    subject = _main_subject(sentence)
    if subject is None or subject.pos != "NOUN":
        return False
    kids = [t for t in tokens if t.head == subject.i and t.i != subject.i]
    definite = any(
        k.dep == "det" and k.text.lower() in ("the", "this", "that", "these", "those") for k in kids
    )
    named = any(k.dep == "compound" and k.pos == "PROPN" for k in kids)
    return definite and not named and not any(k.dep in RESTRICTIVE for k in kids)


def _main_subject(sentence: TaggedSentence):
    tokens = sentence.tokens
    root = next((t for t in tokens if t.dep == "ROOT"), None)
    if root is None:
        return None
    return next((t for t in tokens if t.head == root.i and t.dep in ("nsubj", "nsubjpass")), None)


def _subject_span(sentence: TaggedSentence) -> tuple[int, int, int] | None:
    """(start, end, token index) of the main clause's subject with all it governs."""
    tokens = sentence.tokens
    subject = _main_subject(sentence)
    if subject is None:
        return None
    inside = [t for t in tokens if _governed_by(sentence, t, subject.i)]
    return min(t.start for t in inside), max(t.start + len(t.text) for t in inside), subject.i


def _governed_by(sentence: TaggedSentence, token, head: int) -> bool:
    seen = set()
    while token.i != head:
        if token.head < 0 or token.head == token.i or token.i in seen:
            return False
        seen.add(token.i)
        token = sentence.tokens[token.head]
    return True


def lead_text(before: TaggedSentence) -> str:
    """The lead-in as the stem shows it, its own resolved "he" named ("He [Kirov] was …")."""
    return edited(before, 0, 0, "").strip()


def led(before: TaggedSentence | None, stem: str, prefix: str = "") -> str:
    """The stem behind its lead-in, if any; `prefix` attributes both ("According to
    Trotsky, mutual aid is punished as a conspiracy. The sole means … is _____.")."""
    if before is None:
        return stem
    return f"{attributed(before, lead_text(before), prefix)} {stem}"


def gives_away(before: TaggedSentence | None, *names: str) -> bool:
    """Whether the lead-in names any of `names` (the answer, its aliases, a distractor)."""
    return before is not None and names_any(lead_text(before), *names)


def names_any(text: str, *names: str) -> bool:
    """Whether `text` holds any of `names` as whole words, after normalisation."""
    text = f" {normalize_answer(text)} "
    return any(
        (form := normalize_answer(name)) and re.search(rf"\b{re.escape(form)}\b", text)
        for name in names
    )


def lead_citation(before: TaggedSentence) -> Citation:
    """The lead-in's citation: no answer span, cited for the words the stem takes from it."""
    return Citation(before.key, before.text_hash, 0, 0, role="context")


def lead_quality(sentence: TaggedSentence, before: TaggedSentence | None) -> float:
    """The sentence's fitness, read behind its lead-in when it has one."""
    if before is None:
        return sentence_quality(sentence)
    return sentence_quality(sentence, leaning=True) * PENALTY
