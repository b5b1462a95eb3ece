"""Short-answer questions: who, whom, which organisation, where, when and how many.

Each question transforms the main clause of a tagged sentence (questions.py) so that
one mention becomes the answer: an exact span of the sentence, of the kind the
wh-word asks for, absent from the stem. Sentences are skipped unless the result is
clean: no dangling reference in the stem, no quotation without a speaker, and an
author's text attributed ("According to Serge, ...").
"""

from __future__ import annotations

import re

from quizapp.generators import register
from quizapp.generators.base import Citation, Context, Draft
from quizapp.generators.clauses import Parse
from quizapp.generators.counts import count_question
from quizapp.generators.phrases import (
    apposition_question,
    duration_questions,
    existential_place,
    kind_question,
    meaning_question,
    nominal_question,
)
from quizapp.generators.question_checks import (
    acceptable,
    leaks,
    named_answer,
    other_places,
    sentence_ok,
)
from quizapp.generators.questions import (
    PERSON_PREPS,
    PLACE_PREPS,
    TIME_PREPS,
    Question,
    object_question,
    prepositional_question,
    subject_question,
    which_organisation,
    whose_question,
)
from quizapp.generators.stems import attribute, attribution
from quizapp.generators.views import View, views
from quizapp.tagging.types import Mention, TaggedSentence

PER_SENTENCE = 3
KIND_WEIGHT = {
    "person": 0.9, "date": 0.9, "number": 0.85, "duration": 0.85, "organization": 0.8,
    "term": 0.8, "place": 0.75,
}  # fmt: skip


def questions_for(parse: Parse, mention: Mention) -> list[Question]:
    """Every transformation that fits the mention's kind and grammatical role."""
    found: list[Question | None] = []
    if mention.type == "person":
        found += [
            subject_question(parse, mention, "Who"),
            object_question(parse, mention, "Whom"),
            prepositional_question(parse, mention, "{prep} whom", PERSON_PREPS),
            whose_question(parse, mention),
        ]
    elif mention.type == "organization":
        wh = which_organisation(mention)
        found += [
            subject_question(parse, mention, wh),
            object_question(parse, mention, wh),
            prepositional_question(parse, mention, "{prep} " + wh.lower(), PERSON_PREPS),
        ]
    elif mention.type == "place":
        found.append(prepositional_question(parse, mention, "Where", PLACE_PREPS))
    elif (
        mention.type == "date"
        and mention.value
        and re.fullmatch(r"\d{4}(-\d\d){0,2}", mention.value)
    ):
        for prep in sorted(TIME_PREPS):
            found.append(prepositional_question(parse, mention, date_wh(prep, mention), {prep}))
    elif mention.type == "number":
        found.append(count_question(parse, mention))
    return [q for q in found if q is not None]


def date_wh(prep: str, mention: Mention) -> str:
    """ "In what year" for a year, "When" for a month or day; "Until when", "Since what year"."""
    year = len(mention.value or "") == 4 and bool(re.fullmatch(r"(the year )?\d{4}", mention.text))
    if prep in ("in", "during", "on"):
        return "In what year" if year else "When"
    return f"{prep.capitalize()} {'what year' if year else 'when'}"


def _forms(answer: str, mention: Mention, context: Context) -> set[str]:
    """The answer as it might be written: the span, its last word, the entity's names."""
    forms = {answer, answer.removeprefix("the ").removeprefix("The ")}
    if mention.type == "person":
        forms.add(answer.split()[-1])
    entity = context.entities.get(mention.entity or "")
    if entity:
        forms |= {entity.canonical, *entity.aliases}
    if mention.type == "date" and mention.value:
        forms.add(mention.value[:4])
    return {f for f in forms if len(f) > 1}


def score(question: Question, who: str) -> float:
    """Prefer people and dates, short stems, and stems that need no attribution."""
    value = KIND_WEIGHT.get(question.kind, 0.7)
    value -= 0.01 * max(0, len(question.stem.split()) - 14)
    value -= 0.05 if who else 0.0
    return round(min(1.0, max(0.0, value)), 3)


def phrase_questions(parse: Parse, mention: Mention) -> list[Question]:
    """Questions whose answer stands inside a phrase (phrases.py)."""
    found = [
        apposition_question(parse, mention),
        nominal_question(parse, mention),
        existential_place(parse, mention),
    ]
    if mention.type in ("term", "event"):
        found.append(kind_question(parse, parse.covering(mention.start, mention.end)))
    return [q for q in found if q is not None]


def loose_questions(parse: Parse) -> list[Question]:
    """Questions that need no tagged mention: durations, a name's meaning, quoted kinds."""
    found = duration_questions(parse)
    meaning = meaning_question(parse)
    if meaning is not None:
        found.append(meaning)
    for token in parse.tokens:
        if token.text in ("“", '"') and token.dep == "punct" and token.i + 1 < len(parse.tokens):
            quoted = parse.subtree(parse.tokens[token.i + 1].i)
            question = kind_question(parse, quoted)
            if question is not None:
                found.append(question)
    return found


@register
class ShortAnswer:
    name = "short_answer"
    version = "5"

    def generate(self, sentence: TaggedSentence, context: Context) -> list[Draft]:
        if not sentence_ok(sentence):
            return []
        base = attribution(sentence, Parse(sentence.tokens))
        drafts: list[Draft] = []
        answered: set[tuple[int, int]] = set()
        for view in views(sentence):
            who = view.who if view.who is not None else base
            if who is None or sentence.quoted_by and view.who:
                continue
            for draft in self._from_view(sentence, view, who, context):
                span = (draft.citations[0].start, draft.citations[0].end)
                if span not in answered:
                    answered.add(span)
                    drafts.append(draft)
        drafts.sort(key=lambda d: -d.score)
        return drafts[:PER_SENTENCE]

    def _from_view(
        self, sentence: TaggedSentence, view: View, who: str, context: Context
    ) -> list[Draft]:
        parse = view.parse
        drafts = []
        for mention in view.mentions:
            answer = sentence.text[mention.start : mention.end]
            forms = _forms(answer, mention, context)
            for question in questions_for(parse, mention) + phrase_questions(parse, mention):
                if self._clean(parse, question, forms, who, view):
                    drafts.append(self._draft(sentence, mention, question, who, context))
                    break
        for question in loose_questions(parse):
            answer = sentence.text[question.start : question.end]
            forms = {answer, answer.removeprefix("the ").removeprefix("The ")}
            if self._clean(parse, question, forms, who, view):
                drafts.append(self._draft(sentence, None, question, who, context))
        return drafts

    @staticmethod
    def _clean(parse: Parse, question: Question, forms: set[str], who: str, view: View) -> bool:
        return (
            acceptable(parse, question, forms)
            and not leaks(attribute(question.stem, who), forms)
            and named_answer(parse, question)
            and not other_places(parse, question, view.mentions)
        )

    def _draft(
        self,
        sentence: TaggedSentence,
        mention: Mention | None,
        question: Question,
        who: str,
        ctx: Context,
    ) -> Draft:
        answer = sentence.text[question.start : question.end]
        entity = ctx.entities.get(mention.entity or "") if mention else None
        alternatives = sorted({entity.canonical, *entity.aliases} - {answer}) if entity else []
        if mention and mention.type == "number" and mention.value and mention.value != answer:
            alternatives.append(mention.value)
        tags = [f"source:{sentence.document}", "type:short_answer"]
        if mention and mention.entity:
            tags.append(f"entity:{mention.entity}")
        return Draft(
            type="short_answer",
            stem=attribute(question.stem, who),
            answer=answer,
            citations=[Citation(sentence.key, sentence.text_hash, question.start, question.end)],
            generator=self.name,
            version=self.version,
            alternatives=alternatives,
            explanation=f"{sentence.document_title}: “{sentence.text}”",
            tags=tags,
            score=score(question, who),
        )
