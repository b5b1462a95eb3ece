"""Does a cloze pin its blank down: a blanked name needs the stem to give another name,
date or count to tell it from every other name of its kind.

Strict ratings found that a name blanked in a sentence that names nothing else
("_____ will be deceived in the end", "in _____ the street battles lasted for six
days", "only _____'s timely death saved the doctors") fits any name the text offers:
all seven such clozes in a rated sample failed, most of the rest passed. A multiple
choice item may still ask about such a name, since its options narrow the field. Dates
and counts are blanked on their own terms: the stem asks for the value of a fact it
states; so are a text's terms ("The sole means of self-defense in these conditions is
the _____"), which its argument, not other names, defines.
"""

from __future__ import annotations

from quizapp.generators.ranking import Span
from quizapp.tagging.types import TaggedSentence

NAMED_BLANKS = ("person", "organization", "place", "event")
ENOUGH = 1  # other facts a stem must name for a blanked name to have one answer


def anchors(sentence: TaggedSentence, span: Span, before: TaggedSentence | None = None) -> int:
    """How many distinct other names, dates and counts the stem gives: the sentence's
    mentions outside the answer and its entity, its lead-in's, and the person it names
    in brackets."""
    own = span.mention.entity
    found = {
        m.entity or m.text.lower()
        for m in sentence.mentions
        if not (m.start < span.end and span.start < m.end) and (own is None or m.entity != own)
    }
    if before is not None:
        found |= {m.entity or m.text.lower() for m in before.mentions if m.entity != own}
    antecedent = sentence.antecedent  # "he [Kirov]": the stem names him
    if antecedent is not None and (own is None or antecedent.entity != own):
        found.add(antecedent.entity or antecedent.name.lower())
    return len(found)


def pinned(sentence: TaggedSentence, span: Span, before: TaggedSentence | None = None) -> bool:
    """Whether a cloze on the span has one defensible answer by what its stem names."""
    if span.mention.type not in NAMED_BLANKS:
        return True
    return anchors(sentence, span, before) >= ENOUGH
