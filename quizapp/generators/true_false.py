"""True-or-false items: the sentence as it stands, or with one value swapped for a wrong one.

Whether a sentence yields a true or a false statement is seeded from its key, so the
bank is balanced and the same on every run. A false statement changes exactly one
span (an entity, date or number) for a value of the same kind that the sentence does
not contain and that is no alias of the original (distractors.choose); sentences
with a negation never yield a false statement, since a swap could make it true.
"""

from __future__ import annotations

import re

from quizapp.checking.citations import drift_problems
from quizapp.checking.statements import swapped_statement_problems
from quizapp.checking.tagged import state_of_tagged
from quizapp.generators import register
from quizapp.generators.attribution import attributed
from quizapp.generators.base import Context, Draft
from quizapp.generators.cloze import citation, explanation, salient_spans, tags
from quizapp.generators.distractors import choose, seeded
from quizapp.generators.named_referents import edited
from quizapp.generators.ranking import THRESHOLD, Span, item_score
from quizapp.tagging.types import TaggedSentence

SWAPS = 3  # wrong values tried for a span, best first, until one the checker accepts
NEGATION = re.compile(r"\b(not|no|never|nor|neither|none|nobody|nothing|without)\b|n[’']t\b")
HEDGE = re.compile(r"\b(about|approximately|around|some|nearly|almost|over|more than)\b")


def swappable(sentence: TaggedSentence, span: Span) -> bool:
    """A swap of this span surely makes the sentence false."""
    if NEGATION.search(sentence.text.lower()):
        return False
    before = sentence.text[max(0, span.start - 20) : span.start].lower()
    return not (span.mention.type == "number" and HEDGE.search(before))


def false_version(
    sentence: TaggedSentence, spans: list[Span], context: Context
) -> tuple[Span, str, str] | None:
    """(the swapped span, the wrong value, the changed sentence) for the best span that has one."""
    state = state_of_tagged(sentence)
    for span in spans:
        if item_score(sentence, span) < THRESHOLD or not swappable(sentence, span):
            continue
        for wrong in choose(sentence, span, context, SWAPS, swap=True):
            value = wrong[0].upper() + wrong[1:] if span.start == 0 else wrong
            text = edited(sentence, span.start, span.end, value)
            if not drift_problems(text, [state]) and not swapped_statement_problems(
                text, sentence.text, span.start, span.end
            ):
                return span, wrong, text
    return None


@register
class TrueFalseGenerator:
    """One true-or-false statement per sentence, false about half the time."""

    name = "true_false"
    version = "3"

    def generate(self, sentence: TaggedSentence, context: Context) -> list[Draft]:
        found = salient_spans(sentence, context)
        if found is None:
            return []
        ready, spans = found
        prefix = ready.prefix
        want_false = seeded(sentence.key, "true_false").random() < 0.5
        swapped = false_version(sentence, spans, context) if want_false else None
        if swapped is None:
            return [self._draft(sentence, spans[0], edited(sentence, 0, 0, ""), True, prefix)]
        span, _, text = swapped
        return [self._draft(sentence, span, text, False, prefix)]

    def _draft(
        self, sentence: TaggedSentence, span: Span, statement: str, truth: bool, prefix: str
    ) -> Draft:
        stated = attributed(sentence, statement, prefix)
        return Draft(
            type="true_false",
            stem=f"True or false: {stated}",
            answer="True" if truth else "False",
            citations=[citation(sentence, span.start, span.end)],
            generator=self.name,
            version=self.version,
            explanation=explanation(sentence),
            tags=tags(sentence, "true_false", span),
            score=item_score(sentence, span),
            payload={"statement": stated, "truth": truth, "original": sentence.text},
        )
