"""True-or-false items: the sentence as it stands, or with one value swapped for a wrong one.

A false statement changes exactly one span for a value of the same kind that the
sentence does not contain (distractors.choose), and only where the swap surely
contradicts the sentence: a date, a number, or the one place where something is or
happens (`swappable`); a name swapped for another rarely does ("Sukhanov was still in
exile" is not false by "Zinoviev was still in exile"). Sentences with a negation never
yield a false statement, since a swap could make it true. Whether a sentence that can
be made false is, is seeded from its key (FALSE_SHARE), so the bank is the same on every
run. A sentence that leans on the one before it ("He was approached by …") is stated behind
that one, as clozes are (lead_in.py), and only as true: the checker reads the two together.
"""

from __future__ import annotations

import re

from quizapp.checking.citations import drift_problems
from quizapp.checking.statements import swapped_statement_problems
from quizapp.checking.tagged import state_of_tagged
from quizapp.generators import register
from quizapp.generators.attribution import attributed
from quizapp.generators.base import Context, Draft
from quizapp.generators.cloze import Ready, cited, explanation, salient_spans, tags
from quizapp.generators.distractors import choose, seeded
from quizapp.generators.lead_in import led
from quizapp.generators.named_referents import edited
from quizapp.generators.ranking import THRESHOLD, Span, item_score
from quizapp.generators.setting import is_setting
from quizapp.tagging.types import TaggedSentence

# Of the sentences that can be made false, the share that is: most, since few can (a
# quarter of the statements end up false), but not all, or a date would mark one false.
FALSE_SHARE = 0.7
SWAPS = 3  # wrong values tried for a span, best first, until one the checker accepts
NEGATION = re.compile(r"\b(not|no|never|nor|neither|none|nobody|nothing|without)\b|n[’']t\b")
HEDGE = re.compile(r"\b(about|approximately|around|some|nearly|almost|over|more than)\b")


def swappable(sentence: TaggedSentence, span: Span) -> bool:
    """A swap of this span surely makes the sentence false: a date or a count, of which an
    event has one. A name swapped for another rarely contradicts the sentence: more than
    one man can be in exile, more than one body arrested ("Sukhanov was still in exile"
    is not false by "Zinoviev was still in exile")."""
    if span.mention.type not in ("date", "number") and not _where(sentence, span):
        return False
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
        if is_setting(span.mention, context):
            continue  # "Lenin's arrival in France": another country for the setting is absurd
        for wrong in choose(sentence, span, context, SWAPS, swap=True):
            value = wrong[0].upper() + wrong[1:] if span.start == 0 else wrong
            text = edited(sentence, span.start, span.end, value)
            if not drift_problems(text, [state]) and not swapped_statement_problems(
                text, sentence.text, span.start, span.end
            ):
                return span, wrong, text
    return None


def _where(sentence: TaggedSentence, span: Span) -> bool:
    """The span is a place where something is or happens ("enjoys a strictly limited
    liberty in Italy"), alone: one place at a time, so another contradicts it; not one
    of a list ("Madrid will be saved, Barcelona will be saved")."""
    if span.mention.type != "place":
        return False
    tokens = [t for t in sentence.tokens if span.start <= t.start < span.end]
    if not tokens:
        return False
    inside = {t.i for t in tokens}
    head = next((t for t in tokens if t.head not in inside), tokens[0])
    if head.dep != "pobj" or not 0 <= head.head < len(sentence.tokens):
        return False
    preposition = sentence.tokens[head.head]
    places = [m for m in sentence.mentions if m.type == "place"]
    return preposition.text.lower() in ("in", "at") and len(places) == 1


@register
class TrueFalseGenerator:
    """One true-or-false statement per sentence, false about half the time."""

    name = "true_false"
    version = "6"

    def generate(self, sentence: TaggedSentence, context: Context) -> list[Draft]:
        found = salient_spans(sentence, context, lead=True, setting=True)
        if found is None:
            return []
        ready, spans = found
        # a sentence read behind the one it leans on is stated true only
        seed = seeded(sentence.key, "true_false")
        want_false = ready.before is None and seed.random() < FALSE_SHARE
        swapped = false_version(sentence, spans, context) if want_false else None
        if swapped is None:
            return [self._draft(sentence, spans[0], edited(sentence, 0, 0, ""), True, ready)]
        span, _, text = swapped
        return [self._draft(sentence, span, text, False, ready)]

    def _draft(
        self, sentence: TaggedSentence, span: Span, statement: str, truth: bool, ready: Ready
    ) -> Draft:
        before = ready.before
        if before is None:
            stated = attributed(sentence, statement, ready.prefix)
        else:  # one "According to X" covers the lead-in and the sentence
            stated = led(before, statement.strip(), ready.prefix)
        return Draft(
            type="true_false",
            stem=f"True or false: {stated}",
            answer="True" if truth else "False",
            citations=cited(sentence, span, before),
            generator=self.name,
            version=self.version,
            explanation=explanation(sentence, before),
            tags=tags(sentence, "true_false", span),
            score=item_score(sentence, span, before),
            payload={"statement": stated, "truth": truth, "original": sentence.text},
        )
