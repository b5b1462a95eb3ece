"""When a name is at home in the corpus: the years written around its mentions, so that
a distractor belongs to the stem's time ("in October 1927": not the Provisional
Government, gone in 1917; not the P.O.U.M., founded in 1935).

A name's years are those its passages mention (each passage once); its era runs from
the tenth to the ninetieth percentile of them. A stem's years are its sentence's, else
its passage's. A name the corpus dates fewer than MIN_YEARS times has no era and fits
any stem.
"""

from __future__ import annotations

import re

from quizapp.generators.base import Context
from quizapp.generators.candidate_pool import Candidate
from quizapp.generators.values import derived
from quizapp.tagging.types import TaggedSentence

YEAR = re.compile(r"\b(1[6-9]\d\d)\b")
MIN_YEARS = 3  # dated passages a name needs for an era
SLACK = 3  # years either side of a name's era that still count as its time


def of_the_time(
    candidates: list[Candidate], sentence: TaggedSentence, context: Context
) -> list[Candidate]:
    """The candidates whose era (if they have one) takes in a year of the stem (if any)."""
    years = stem_years(sentence, context)
    if not years:
        return candidates
    return [c for c in candidates if fits_era(c, years, context)]


def fits_era(candidate: Candidate, years: list[int], context: Context) -> bool:
    """Whether the candidate's era (if it has one) takes in one of `years`."""
    span = eras(context, candidate)
    if span is None:
        return True
    low, high = span
    return any(low - SLACK <= y <= high + SLACK for y in years)


def stem_years(sentence: TaggedSentence, context: Context) -> list[int]:
    """The years the sentence names, else those its passage names, within the corpus's era."""
    low, high = context.era
    for text in (sentence.whole or sentence.text, sentence.passage_text):
        years = [int(y) for y in YEAR.findall(text) if low <= int(y) <= high]
        if years:
            return years
    return []


def eras(context: Context, candidate: Candidate) -> tuple[int, int] | None:
    """The candidate's era: (10th, 90th percentile) of the years of its passages."""
    table = derived(context, "eras", lambda _: {})
    ident = (candidate.key, candidate.text)  # one entity's names each have their mentions
    if ident not in table:
        low, high = context.era
        passages = {s.passage_key: s.passage_text for s in candidate.sentences}
        years = sorted(
            int(y)
            for text in passages.values()
            for y in set(YEAR.findall(text))
            if low <= int(y) <= high
        )
        if len(years) < MIN_YEARS:
            table[ident] = None
        else:
            table[ident] = (years[len(years) // 10], years[(len(years) * 9) // 10])
    return table[ident]
