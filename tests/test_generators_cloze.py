"""The cloze generator on real corpus sentences: what it blanks, and how stems cite."""

from __future__ import annotations

import dataclasses
import re

from quizapp.checking.blanks import BLANK_PATTERN, hinted_blank, without_blanks
from quizapp.generators.cloze import BLANK, MAX_VARIED, SECOND, ClozeGenerator, neutral_article
from quizapp.generators.giveaways import COUNTING
from quizapp.generators.ranking import STOP, answer_spans
from tests.generator_fixtures import SAMPLE, corpus, run, states, without_lead

PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "this"}


def test_yields_drafts_on_the_corpus():
    drafts = run(ClozeGenerator())
    assert len(drafts) >= 60
    assert all(d.type == "cloze" and d.generator == "cloze" and d.version == "7" for _, d in drafts)


def test_never_blanks_a_pronoun_or_stop_word():
    for sentence, draft in run(ClozeGenerator()):
        citation = draft.citations[0]
        blanked = [t for t in sentence.tokens if citation.start <= t.start < citation.end]
        assert draft.answer.lower() not in STOP | PRONOUNS
        assert not all(t.pos in ("PRON", "DET", "ADP", "PUNCT") for t in blanked)


def test_citation_span_slices_the_sentence_and_stem_keeps_it_exactly():
    for sentence, draft in run(ClozeGenerator()):
        citation = draft.citations[0]
        assert (citation.sentence_key, citation.sentence_hash) == (sentence.key, sentence.text_hash)
        assert sentence.text[citation.start : citation.end] == draft.answer
        assert len(BLANK_PATTERN.findall(draft.stem)) == 1
        own = without_lead(draft, sentence)  # checks the lead-in's own citation, if any
        assert states(BLANK_PATTERN.sub(draft.answer, own), sentence.text)


def test_the_rest_of_the_sentence_does_not_give_the_answer_away():
    for _, draft in run(ClozeGenerator()):
        rest = without_blanks(draft.stem).lower()
        # a unit ("million") said elsewhere gives the magnitude, not the number asked for
        for word in set(re.findall(r"\w{4,}", draft.answer)) - COUNTING:
            assert not re.search(rf"\b{re.escape(word.lower())}\b", rest), draft.stem


def test_at_most_max_spans_clozes_per_sentence_on_distinct_spans():
    by_sentence: dict[str, list] = {}
    for sentence, draft in run(ClozeGenerator()):
        by_sentence.setdefault(sentence.key, []).append(draft.citations[0])
    assert any(len(spans) > 1 for spans in by_sentence.values())
    for spans in by_sentence.values():
        assert len(spans) <= MAX_VARIED
        for a, b in zip(spans, spans[1:], strict=False):
            assert a.end <= b.start or b.end <= a.start  # never overlapping


def test_a_second_cloze_needs_a_salient_span_of_its_own():
    sentences, context = corpus(SAMPLE)
    for sentence in sentences:
        spans = answer_spans(sentence, context)
        drafts = ClozeGenerator().generate(sentence, context)
        for draft in drafts[1:]:
            span = next(s for s in spans if s.text == draft.answer)
            assert span.salience >= SECOND


def test_alternatives_are_the_entitys_names_and_tags_name_source_and_answer():
    _, context = corpus(SAMPLE)
    for sentence, draft in run(ClozeGenerator()):
        assert draft.tags[:2] == [f"source:{sentence.document}", "type:cloze"]
        assert draft.explanation.startswith('The source says: "')
        assert draft.explanation.endswith(f'{sentence.text}"')
        assert draft.answer not in draft.alternatives
        own = sentence.text.replace(draft.answer, " ")
        assert not any(re.search(rf"\b{re.escape(a)}\b", own) for a in draft.alternatives)
        names = set(draft.alternatives)
        if names:
            entity = context.entities[draft.tags[2].removeprefix("entity:")]
            assert names <= {entity.canonical, *entity.aliases}
        assert 0.5 <= draft.score <= 1


def test_a_quotation_is_attributed_to_its_speaker():
    sentences, context = corpus(SAMPLE)
    generator = ClozeGenerator()
    sentence, draft = run(generator)[0]
    quoted = dataclasses.replace(sentence, quoted_by="Khrushchev")
    again = generator.generate(quoted, context)[0]
    assert again.stem.startswith("According to Khrushchev, ")
    assert again.answer == draft.answer


def test_a_third_cloze_asks_about_a_third_kind_of_span():
    by_sentence: dict[str, list] = {}
    for sentence, draft in run(ClozeGenerator()):
        by_sentence.setdefault(sentence.key, []).append((sentence, draft))
    for drafts in by_sentence.values():
        if len(drafts) < 3:
            continue
        sentence = drafts[0][0]
        kinds = [
            next(m.type for m in sentence.mentions if m.start <= d.citations[0].start < m.end)
            for _, d in drafts
        ]
        assert kinds[2] not in kinds[:2], [d.stem for _, d in drafts]


def test_an_answer_ending_the_sentence_with_its_dot_leaves_the_stem_its_full_stop():
    import dataclasses

    from quizapp.generators.cloze import blank_stem
    from quizapp.generators.ranking import Span
    from quizapp.tagging.types import Mention

    sentences, _ = corpus(SAMPLE)
    text = "The only committee which did not leave the capital was that of the P.O.U.M."
    sentence = dataclasses.replace(sentences[0], text=text, quoted_by=None, previous=None)
    start = text.index("P.O.U.M.")
    span = Span(
        start, len(text), "P.O.U.M.", Mention(start, len(text), "P.O.U.M.", "organization"), 1
    )
    assert blank_stem(sentence, span, "") == text[:start] + "_____."
    inner = Span(4, 8, "only", Mention(4, 8, "only", "term"), 1)
    assert blank_stem(sentence, inner, "") == "The _____" + text[8:]  # no dot added mid-sentence


def test_an_article_before_the_blank_does_not_hint_at_the_answer():
    assert neutral_article("Kirov, an _____ who had supported Stalin") == (
        "Kirov, a(n) _____ who had supported Stalin"
    )
    assert neutral_article("A _____ was held in Moscow.") == "A(n) _____ was held in Moscow."
    assert neutral_article("Kirov and _____ met in Moscow.") == "Kirov and _____ met in Moscow."
    for _, draft in run(ClozeGenerator()):
        assert not re.search(r"\b[Aa]n? " + BLANK, draft.stem), draft.stem


def test_the_blank_of_a_name_or_term_shows_its_initials_and_a_dates_is_bare():
    hinted = dates = 0
    for sentence, draft in run(ClozeGenerator()):
        blank = BLANK_PATTERN.search(draft.stem).group()
        letters = [w.rstrip("_") for w in blank.split()]
        cited = draft.citations[0]
        kinds = {m.type for m in sentence.mentions if m.start <= cited.start < m.end}
        if kinds & {"date", "number"}:
            assert blank == BLANK, draft.stem  # "in _____" for 1934, "_____ days"
            dates += 1
        else:
            assert letters == [w[0] for w in draft.answer.split()], (blank, draft.answer)
            hinted += 1
    assert hinted and dates
    assert hinted_blank("Central Committee") == "C_____ C_____"
    assert hinted_blank("February 1934") == BLANK


def test_a_blanked_name_needs_another_fact_in_the_stem():
    from quizapp.generators.anchors import NAMED_BLANKS, anchors

    _, context = corpus(SAMPLE)
    drafts = run(ClozeGenerator())
    named = 0
    for sentence, draft in drafts:
        citation = draft.citations[0]
        span = next(s for s in answer_spans(sentence, context) if s.start == citation.start)
        if span.mention.type in NAMED_BLANKS:
            named += 1
            before = context.before.get(sentence.key) if len(draft.citations) > 1 else None
            assert anchors(sentence, span, before) >= 1, draft.stem
    assert named >= 20
    # and the rule bites: the corpus has names that nothing else in their sentence pins down
    lone = [
        (sentence, span)
        for sentence in corpus(SAMPLE)[0]
        for span in answer_spans(sentence, context)
        if span.mention.type in NAMED_BLANKS and anchors(sentence, span) == 0
    ]
    assert lone
    asked = {(s.key, d.citations[0].start) for s, d in drafts if len(d.citations) == 1}
    assert not any((s.key, span.start) in asked for s, span in lone)
