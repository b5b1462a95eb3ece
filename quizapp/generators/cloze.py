"""Cloze items: the sentence with its most salient span blanked.

The blank is an entity, a date, a number or a glossary term, never a pronoun, a stop
word or a span the rest of the sentence names again (see ranking.answer_salience).
The stem keeps the sentence exactly, behind "According to X, " when it quotes someone
or gives the author's opinion. Also holds the helpers every sentence generator shares
to assemble a Draft.
"""

from __future__ import annotations

from quizapp.generators import register
from quizapp.generators.base import Citation, Context, Draft
from quizapp.generators.ranking import (
    THRESHOLD,
    Span,
    answer_spans,
    attributed,
    attribution,
    item_score,
    sentence_quality,
)
from quizapp.tagging.types import TaggedSentence

BLANK = "_____"


def blank_stem(sentence: TaggedSentence, span: Span, prefix: str) -> str:
    """The sentence with the span replaced by the blank, behind the attribution prefix."""
    text = sentence.text
    return attributed(sentence, text[: span.start] + BLANK + text[span.end :], prefix)


def alternatives(span: Span, context: Context) -> list[str]:
    """Other accepted answers: the linked entity's canonical name and aliases."""
    entity = context.entities.get(span.mention.entity or "")
    if entity is None:
        return []
    names = [entity.canonical, *entity.aliases]
    seen = {span.text.lower()}
    result = []
    for name in names:
        if name and name.lower() not in seen:
            seen.add(name.lower())
            result.append(name)
    return result


def explanation(sentence: TaggedSentence) -> str:
    return f'The source says: "{sentence.text}"'


def tags(sentence: TaggedSentence, type_: str, span: Span | None) -> list[str]:
    """source, type and entity tags, the answering entity's first."""
    result = [f"source:{sentence.document}", f"type:{type_}"]
    keys = [span.mention.entity] if span is not None and span.mention.entity else []
    keys += [m.entity for m in sentence.mentions if m.entity]
    for key in dict.fromkeys(keys):
        result.append(f"entity:{key}")
    return result


def citation(sentence: TaggedSentence, start: int, end: int) -> Citation:
    return Citation(sentence.key, sentence.text_hash, start, end)


def usable(sentence: TaggedSentence) -> tuple[float, str] | None:
    """The sentence's quality and attribution prefix, or None when it yields no item."""
    quality = sentence_quality(sentence)
    prefix = attribution(sentence)
    if quality <= 0 or prefix is None:
        return None
    return quality, prefix


@register
class ClozeGenerator:
    """At most one cloze per sentence, on its most salient span."""

    name = "cloze"
    version = "1"

    def generate(self, sentence: TaggedSentence, context: Context) -> list[Draft]:
        ready = usable(sentence)
        if ready is None:
            return []
        spans = answer_spans(sentence, context)
        if not spans or item_score(sentence, spans[0]) < THRESHOLD:
            return []
        span = spans[0]
        return [
            Draft(
                type="cloze",
                stem=blank_stem(sentence, span, ready[1]),
                answer=span.text,
                citations=[citation(sentence, span.start, span.end)],
                generator=self.name,
                version=self.version,
                alternatives=alternatives(span, context),
                explanation=explanation(sentence),
                tags=tags(sentence, "cloze", span),
                score=item_score(sentence, span),
            )
        ]
