"""Pieces of a sentence that no item can be drafted from as it stands: each half of a
sentence split at a semicolon, when that half is a statement of its own.

"Famine, cholera in Petrograd, plots, assassinations …—who shared the power; Dora Kaplan
fired several bullets into Lenin's chest as he was leaving a factory meeting." opens with
notes no stem should copy; its second half is a plain statement to ask about. A piece
is a TaggedSentence of its own text (capitalised, with a full stop) whose `offset` says
where it starts in the cited sentence, so that citations still point into the whole.
Only clozes and multiple choice are drafted from pieces (`PIECE_GENERATORS`): a
true-or-false statement must restate the whole sentence for the checker to judge it.
"""

from __future__ import annotations

import dataclasses

from quizapp.generators.fitness import opens_with_fragment
from quizapp.generators.views import halves
from quizapp.tagging.types import TaggedSentence

PIECE_GENERATORS = ("cloze", "multiple_choice")


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
