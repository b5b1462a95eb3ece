"""Pieces of a sentence that no item can be drafted from as it stands: each half of a
sentence split at a semicolon, when that half is a statement of its own.

"Famine, cholera in Petrograd, plots, assassinations …—who shared the power; Dora Kaplan
fired several bullets into Lenin's chest as he was leaving a factory meeting." opens with
notes no stem should copy; its second half is a plain statement to ask about. A piece
is a TaggedSentence of its own text (capitalised, with a full stop) whose `offset` says
where it starts in the cited sentence, so that citations still point into the whole.
Clozes, multiple choice and true-or-false statements are drafted from pieces
(`PIECE_GENERATORS`); the checker judges a statement by the clause between semicolons
that holds its span as well as by the whole sentence.
"""

from __future__ import annotations

import dataclasses

from quizapp.generators.fitness import opens_with_fragment
from quizapp.generators.views import halves
from quizapp.tagging.types import TaggedSentence

PIECE_GENERATORS = ("cloze", "multiple_choice", "true_false")
# Pronouns a piece's own names would seem to resolve, gender and number unseen: "she"
# after "Lenin" is someone in the other half. ("He" is judged as in any sentence.)
OTHER_PRONOUNS = {"she", "her", "hers", "herself", "they", "them", "their", "theirs"}


def pieces(sentence: TaggedSentence) -> list[TaggedSentence]:
    """The sentence's halves at semicolons, as sentences, when each is a clause with a
    subject (but for an opening of verbless notes, which is left out)."""
    if sentence.whole is not None:
        return []
    found_halves = halves(sentence)
    segments = 1 + sum(t.text == ";" for t in sentence.tokens)
    if len(found_halves) < segments - (1 if opens_with_fragment(sentence) else 0):
        return []  # a list set off by semicolons ("included Trotsky, Karl Radek; Ivan
        # Smirnov; …"), or clauses sharing a subject ("…; lunches with Mr. Eden")
    found = []
    for view in found_halves:
        tokens = view.parse.tokens
        if any(t.text.lower() in OTHER_PRONOUNS for t in tokens):
            continue  # "Lenin insisted that she should not be shot": she is in the other half
        start = min(t.start for t in tokens)
        end = max(t.end for t in tokens)
        text = sentence.text[start:end]
        text = text[:1].upper() + text[1:]
        if text[-1:] not in ".!":
            text += "."
        found.append(
            dataclasses.replace(
                sentence,
                text=text,
                tokens=[dataclasses.replace(t, start=t.start - start) for t in tokens],
                mentions=[
                    dataclasses.replace(m, start=m.start - start, end=m.end - start)
                    for m in view.mentions
                    if start <= m.start and m.end <= end
                ],
                antecedent=None,  # its "he" may lie in the other half
                offset=start,
                whole=sentence.text,
            )
        )
    return found
