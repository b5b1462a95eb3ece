"""Multiple-choice items: a cloze stem, its key and three distractors of the key's kind.

The spans are the most salient ones that have three good distractors
(distractors.choose), up to MAX_SPANS distinct, non-overlapping ones per sentence; a
span other than the cloze's first is preferred when nearly as salient, so the bank
does not ask about the same thing twice in the same way. A term is not asked as multiple
choice: the corpus gives no way to tell one kind of term from another, so its options
were a policy, a book's title and a prisoners' protest for "went on an eighteen-day
_____", where only the key fits (strict ratings failed nearly all such items).
"""

from __future__ import annotations

from quizapp.generators import register
from quizapp.generators.base import Context, Draft
from quizapp.generators.candidate_pool import squeeze
from quizapp.generators.cloze import (
    MAX_SPANS,
    SECOND,
    Ready,
    alternatives,
    cited,
    explanation,
    tags,
    usable,
)
from quizapp.generators.distractors import choose
from quizapp.generators.lead_in import lead_text
from quizapp.generators.ranking import THRESHOLD, Span, answer_spans, item_score
from quizapp.generators.setting import is_setting
from quizapp.tagging.types import TaggedSentence

OPTIONS = 3  # distractors per item
NO_OPTIONS = {"term"}  # answer types asked as a cloze only
CLOZE_PENALTY = 0.1  # how much the cloze's own span loses against the others


def _order(spans: list[Span]) -> list[Span]:
    """Spans by salience, the first (the cloze's) pushed back a little."""
    if len(spans) < 2:
        return spans
    first, rest = spans[0], spans[1:]
    weighed = [(first.salience - CLOZE_PENALTY, 1, first)] + [(s.salience, 0, s) for s in rest]
    return [s for _, _, s in sorted(weighed, key=lambda w: (-w[0], w[1], w[2].start))]


def classified(sentence: TaggedSentence, span: Span) -> bool:
    """The sentence says what kind of thing the key is, right before it ("the cruiser
    Aurora", "the magazine Ogonek"): options of the key's type but not of that kind
    ("Smilga" for a ship) give it away."""
    before = [t for t in sentence.tokens if t.start + len(t.text) <= span.start]
    if len(before) < 2:
        return False
    determiner, noun = before[-2], before[-1]  # "the cruiser", "Soviet magazine"; not "On board"
    return (
        noun.pos in ("NOUN", "PROPN")
        and noun.text.isalpha()
        and noun.text.islower()
        and determiner.pos in ("DET", "ADJ", "PROPN")
        and sentence.text[noun.start + len(noun.text) : span.start] == " "
    )


@register
class MultipleChoiceGenerator:
    """Up to MAX_SPANS multiple-choice items per sentence, on distinct spans."""

    name = "multiple_choice"
    version = "7"

    def generate(self, sentence: TaggedSentence, context: Context) -> list[Draft]:
        ready = usable(sentence, context)
        if ready is None:
            return []
        before = ready.before
        # what the stem adds to the sentence: no option may be named there either
        # (and a piece's other half: still the cited sentence)
        added = squeeze(
            ready.prefix + (lead_text(before) if before else "") + (sentence.whole or "")
        )
        drafts: list[Draft] = []
        chosen: list[Span] = []
        for span in _order(answer_spans(sentence, context)):
            score = item_score(sentence, span, before)
            if score < THRESHOLD or (chosen and span.salience < SECOND):
                continue
            if any(span.start < c.end and c.start < span.end for c in chosen):
                continue
            if ready.gives_away(span.text, *alternatives(span, context)):
                continue
            if classified(sentence, span) or span.mention.type in NO_OPTIONS:
                continue
            if is_setting(span.mention, context):
                continue  # "the N.E.P. restored to _____": Russia, whatever the options
            options = [
                option
                for option in choose(sentence, span, context, OPTIONS + (3 if before else 0))
                if squeeze(option) not in added  # as choose() keeps them out of the sentence
            ][:OPTIONS]
            if len(options) == OPTIONS:
                chosen.append(span)
                drafts.append(self._draft(sentence, span, options, ready, context, score))
            if len(drafts) == MAX_SPANS:
                break
        return drafts

    def _draft(
        self,
        sentence: TaggedSentence,
        span: Span,
        options: list[str],
        ready: Ready,
        context: Context,
        score: float,
    ) -> Draft:
        return Draft(
            type="multiple_choice",
            stem=ready.stem(sentence, span),
            answer=span.text,
            citations=cited(sentence, span, ready.before),
            generator=self.name,
            version=self.version,
            alternatives=alternatives(span, context, sentence),
            distractors=options,
            explanation=explanation(sentence, ready.before),
            tags=tags(sentence, "multiple_choice", span),
            score=score,
        )
