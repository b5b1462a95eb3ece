"""Cloze items: the sentence with one of its most salient spans blanked.

A sentence yields up to MAX_SPANS clozes (MAX_VARIED when a third span is of a third
kind), one per distinct, non-overlapping span; a span after the best must be salient
on its own (SECOND).

The blank is an entity, a date, a number or a glossary term, never a pronoun, a stop
word or a span the rest of the sentence names again (see ranking.answer_salience).
The stem keeps the sentence exactly, behind "According to X, " when it quotes someone
or gives the author's opinion. Also holds the helpers every sentence generator shares
to assemble a Draft.
"""

from __future__ import annotations

import re

from quizapp.generators import register
from quizapp.generators.attribution import attributed, attribution
from quizapp.generators.base import Citation, Context, Draft
from quizapp.generators.fitness import QUOTES, sentence_quality
from quizapp.generators.named_referents import edited
from quizapp.generators.ranking import THRESHOLD, Span, answer_spans, item_score
from quizapp.tagging.types import TaggedSentence

BLANK = "_____"
ARTICLE_BEFORE_BLANK = re.compile(r"\b([Aa])n? (?=" + BLANK + ")")
MAX_SPANS = 2  # items of one type a sentence may usually yield, on distinct spans
MAX_VARIED = 3  # a cloze may take a third span when it is of a third kind
SECOND = 0.6  # the salience a span other than the best needs to be asked about too


def blank_stem(sentence: TaggedSentence, span: Span, prefix: str) -> str:
    """The sentence with the span replaced by the blank, behind the attribution prefix."""
    blank = BLANK
    if span.text.endswith(".") and not sentence.text[span.end :].strip(QUOTES + "’)] "):
        blank += "."  # "... the P.O.U.M.": its dot also ended the sentence
    return attributed(sentence, edited(sentence, span.start, span.end, blank), prefix)


def neutral_article(stem: str) -> str:
    """ "an _____" tells the student the answer starts with a vowel: write "a(n) _____".
    (Multiple choice keeps the article: its options all take the same one.)"""
    return ARTICLE_BEFORE_BLANK.sub(lambda m: f"{m.group(1)}(n) ", stem)


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


def salient_spans(sentence: TaggedSentence, context: Context) -> tuple[str, list[Span]] | None:
    """The attribution prefix and answer spans of a sentence whose best span makes an item."""
    ready = usable(sentence)
    if ready is None:
        return None
    spans = answer_spans(sentence, context)
    if not spans or item_score(sentence, spans[0]) < THRESHOLD:
        return None
    return ready[1], spans


def best_spans(sentence: TaggedSentence, spans: list[Span]) -> list[Span]:
    """Up to MAX_SPANS spans that make good items: the first above the threshold, the
    others also salient on their own (SECOND) and not overlapping a chosen one; a span of
    another kind than the first goes before one of the same kind, so that a sentence with
    three dates and a figure asks about the figure too, and a span of a kind not chosen
    yet may make a third (MAX_VARIED)."""
    chosen: list[Span] = []
    for span in varied(spans):
        if item_score(sentence, span) < THRESHOLD:
            continue
        if chosen and span.salience < SECOND:
            continue
        if any(span.start < c.end and c.start < span.end for c in chosen):
            continue
        if len(chosen) >= MAX_SPANS and span.mention.type in {c.mention.type for c in chosen}:
            continue
        chosen.append(span)
        if len(chosen) == MAX_VARIED:
            break
    return chosen


def varied(spans: list[Span]) -> list[Span]:
    """The spans with those of another type than the first moved before the rest."""
    if len(spans) < 3:
        return spans
    first, rest = spans[0], spans[1:]
    other = [s for s in rest if s.mention.type != first.mention.type]
    same = [s for s in rest if s.mention.type == first.mention.type]
    return [first, *other, *same]


@register
class ClozeGenerator:
    """Up to MAX_SPANS clozes per sentence, on its most salient distinct spans."""

    name = "cloze"
    version = "4"

    def generate(self, sentence: TaggedSentence, context: Context) -> list[Draft]:
        found = salient_spans(sentence, context)
        if found is None:
            return []
        prefix, spans = found
        return [
            self._draft(sentence, span, prefix, context) for span in best_spans(sentence, spans)
        ]

    def _draft(self, sentence: TaggedSentence, span: Span, prefix: str, context: Context) -> Draft:
        return Draft(
            type="cloze",
            stem=neutral_article(blank_stem(sentence, span, prefix)),
            answer=span.text,
            citations=[citation(sentence, span.start, span.end)],
            generator=self.name,
            version=self.version,
            alternatives=alternatives(span, context),
            explanation=explanation(sentence),
            tags=tags(sentence, "cloze", span),
            score=item_score(sentence, span),
        )
