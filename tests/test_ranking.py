"""Ranking on real corpus sentences: what makes a sentence and an answer worth asking about."""

from __future__ import annotations

import dataclasses

import pytest

from quizapp.generators.attribution import attributed, attribution
from quizapp.generators.base import Context, Draft
from quizapp.generators.cloze import MAX_SPANS, MAX_VARIED, ClozeGenerator
from quizapp.generators.fitness import length_score, sentence_quality
from quizapp.generators.lead_in import lead_citation, lead_text
from quizapp.generators.multiple_choice import MultipleChoiceGenerator
from quizapp.generators.ranking import (
    ENTITY_SHARE,
    MAX_PER_ENTITY,
    answer_salience,
    answer_spans,
    limit_per_entity,
)
from quizapp.generators.references import is_self_contained
from quizapp.generators.true_false import TrueFalseGenerator
from quizapp.tagging.types import Entity, Mention
from tests.generator_fixtures import SAMPLE, corpus

DOCS = SAMPLE
GENERATORS = (ClozeGenerator(), MultipleChoiceGenerator(), TrueFalseGenerator())


def _sentence(start: str):
    sentences, context = corpus(DOCS)
    return next(s for s in sentences if s.text.startswith(start)), context


def test_captions_and_attributions_yield_nothing():
    sentences, context = corpus(DOCS)
    captions = [s for s in sentences if s.kind in ("caption", "attribution")]
    assert len(captions) >= 3
    for sentence in captions:
        assert sentence_quality(sentence) == 0
        assert not [d for g in GENERATORS for d in g.generate(sentence, context)]


def test_a_caption_is_dropped_even_when_its_text_reads_well():
    sentence, context = _sentence("Trotsky (left) was assassinated")
    assert sentence_quality(dataclasses.replace(sentence, kind="body")) > 0
    assert sentence_quality(sentence) == 0


def test_dangling_pronoun_sentences_are_dropped_or_read_behind_the_sentence_before():
    sentences, context = corpus(DOCS)
    dangling = [s for s in sentences if s.text.split()[0] in ("He", "This", "It", "They")]
    assert len(dangling) >= 50
    dropped = 0
    for sentence in dangling:
        assert not is_self_contained(sentence)
        drafts = [d for g in GENERATORS for d in g.generate(sentence, context)]
        dropped += not drafts
        for draft in drafts:  # only behind a self-contained lead-in
            before = context.before[sentence.key]
            assert draft.citations[1:] == [lead_citation(before)]
            assert is_self_contained(before) and lead_text(before)[1:] in draft.stem
    assert dropped > 0.8 * len(dangling)


def test_a_pronoun_whose_referent_is_in_the_sentence_is_fine():
    assert is_self_contained(_sentence("The assassination of Sergei Kirov")[0])
    assert is_self_contained(_sentence("When Lenin was on his deathbed, he")[0])
    assert not is_self_contained(_sentence("This is very mild")[0])
    assert not is_self_contained(_sentence("But I dare say")[0])  # the author's "I", "we"


def test_length_prefers_eight_to_forty_five_words():
    assert length_score(4) == 0 and length_score(80) == 0
    assert length_score(20) == 1 > length_score(60) > 0


def test_answers_are_salient_spans_never_pronouns():
    sentences, context = corpus(DOCS)
    for sentence in sentences[:400]:
        for mention in sentence.mentions:
            inside = [t for t in sentence.tokens if mention.start <= t.start < mention.end]
            if all(t.pos == "PRON" for t in inside):
                assert answer_salience(mention, sentence, context) == 0
        spans = answer_spans(sentence, context)
        assert [s.salience for s in spans] == sorted((s.salience for s in spans), reverse=True)
        assert all(sentence.text[s.start : s.end] == s.text for s in spans)


def test_attribution_names_a_speaker_or_the_author():
    sentence, _ = _sentence("The assassination of Sergei Kirov")
    assert attribution(sentence) == "According to the text, "  # an unsigned article
    assert attribution(dataclasses.replace(sentence, quoted_by="Lenin")) == "According to Lenin, "
    assert (
        attribution(dataclasses.replace(sentence, author="Victor Serge")) == "According to Serge, "
    )
    nameless = dataclasses.replace(sentence, author="Unattributed")
    assert attribution(nameless) == "According to the text, "
    assert attribution(dataclasses.replace(nameless, quoted_by="Letter")) is None
    letter = dataclasses.replace(sentence, author="Victor Serge", quoted_by="Q. N.")
    assert attribution(letter) == "According to a correspondent Serge quotes, "


def test_an_editors_note_on_the_author_is_not_the_authors_account():
    sentence, _ = _sentence("The assassination of Sergei Kirov")
    signed = dataclasses.replace(sentence, author="Victor Serge")
    for title in ("A Note About The Author", "Biographical sketch", "Translator's Note"):
        note = dataclasses.replace(signed, section=title)
        assert attribution(note) == "According to the text, "
    assert attribution(dataclasses.replace(signed, section="THE GREAT YEARS")) == (
        "According to Serge, "
    )


def test_one_entity_answers_a_limited_number_of_items():
    drafts = [
        Draft("cloze", f"s{i}", "Stalin", [], "cloze", "1", tags=["entity:person:stalin"], score=i)
        for i in range(20)
    ]
    stalin = Entity("person:stalin", "Joseph Stalin", "person", ("Stalin",))
    context = Context(entities={stalin.key: stalin})
    kept = limit_per_entity(drafts, context, cap=5)
    assert [d.score for d in kept] == [19, 18, 17, 16, 15]
    # an entity merely named in the sentence, not the answer, does not count
    dates = [dataclasses.replace(d, answer="1924") for d in drafts]
    assert len(limit_per_entity(dates, context, cap=5)) == 20
    # by default the cap is MAX_PER_ENTITY, or a share of a large bank
    many = [dataclasses.replace(d, score=i) for i, d in enumerate(drafts * 100)]
    kept = limit_per_entity(many, context)
    assert len(kept) == round(ENTITY_SHARE * len(many)) > MAX_PER_ENTITY
    assert len(limit_per_entity(drafts * 2, context)) == MAX_PER_ENTITY


def test_a_sentence_yields_at_most_a_few_items_per_generator():
    sentences, context = corpus(DOCS)
    for sentence in sentences[:600]:
        drafts = [g.generate(sentence, context) for g in GENERATORS]
        assert len(drafts[0]) <= MAX_VARIED and all(len(d) <= MAX_SPANS for d in drafts[1:])
        assert len(drafts[2]) <= 1  # one true/false statement per sentence
        for found in drafts[:2]:
            assert len({d.answer for d in found}) == len(found)  # distinct answers


def test_a_reference_resolved_inside_the_sentence_is_self_contained():

    raw = (
        "Notes\n\nIn 1940 a GPU agent, Ramon Mercader, infiltrated Trotsky's compound in Mexico "
        "and struck him down. In the last analysis, Soviet Bonapartism owes its birth to the "
        "belatedness of the world revolution. The book by Joseph E. Davies defended the purge "
        "trials and undertook to whitewash those trials. He said that this decree was wrong.\n"
    )
    found = _standing_alone(raw, "notes")
    assert found["In 1940 a GP"] and found["In the last "] and found["The book by "]
    assert not found["He said that"]


def test_a_qualifier_is_no_part_of_a_count():
    from tests.generator_fixtures import text_sentences

    raw = "Counts\n\nAt the next Congress, only 59 of the 1,966 delegates of 1934 reappeared.\n"
    (sentence,) = text_sentences(raw, "counts")
    _, context = corpus(SAMPLE)
    counts = [s.text for s in answer_spans(sentence, context) if s.mention.type == "number"]
    assert "59" in counts and "only 59" not in counts


def test_references_that_point_outside_the_sentence_are_not_self_contained():

    raw = (
        "Notes\n\nThus died the founder of the Odessa soviet in 1921. "
        "The strikers also stopped work and were judged by the Control Commission. "
        "The workers of the Putilov plant were no exception. "
        "The Kronstadt rising sharply intensified the struggle. "
        "Arrested together with Karl and Rosa, he was spared by chance in Berlin. "
        "Markin had warned about its consequences in the spring of 1922. "
        "Petrov arrives in Odessa, Sidorov in Kharkov. "
        "Zinoviev and Kamenev were expelled from the Central Committee in 1927.\n"
    )
    found = _standing_alone(raw, "refs")
    assert found["Zinoviev and"]
    for opening in ("Thus died th", "The strikers", "The workers ", "The Kronstad"):
        assert not found[opening], opening
    for opening in ("Arrested tog", "Markin had w", "Petrov arriv"):
        assert not found[opening], opening


def test_a_speaker_that_is_no_name_is_lowered_and_a_verdict_is_attributed():
    sentence, _ = _sentence("The assassination of Sergei Kirov")
    worker = dataclasses.replace(sentence, quoted_by="A factory worker")
    assert attribution(worker) == "According to a factory worker, "
    assert attribution(dataclasses.replace(sentence, quoted_by="Letter")) is None
    verdict = dataclasses.replace(
        sentence, text="All that the memoir says on the pillage is false.", author="Victor Serge"
    )
    assert attribution(verdict) == "According to Serge, "
    reported = dataclasses.replace(
        sentence, previous='"The episode was not accidental," he says.', author="Victor Serge"
    )
    assert attribution(reported) is None


def test_a_list_and_two_sentences_in_one_are_not_asked_about():
    from tests.generator_fixtures import text_sentences

    raw = (
        "Notes\n\nPrincipal works: Translations of the works of Lenin and Trotsky; Gladkov's "
        "novel Cement. The revolution was growing in strength. Blücher led the army northward "
        "in 1926.\n"
    )
    found = {s.text[:9]: sentence_quality(s) for s in text_sentences(raw, "lists")}
    assert found["Principal"] == 0
    assert all(q == 0 for t, q in found.items() if t.startswith("The revol"))


def test_notes_before_a_semicolon_are_not_asked_about():
    from tests.generator_fixtures import text_sentences

    raw = (
        "Notes\n\nFamine, cholera in Petrograd, plots, assassinations, revolts of the Social "
        "Revolutionaries—who shared the power; Dora Kaplan fired several bullets into Lenin's "
        "chest as he was leaving a factory meeting. Kamenev spoke first at the congress of "
        "1925; Zinoviev spoke for two hours.\n"
    )
    notes, clauses = text_sentences(raw, "notes")
    assert sentence_quality(notes) == 0 and sentence_quality(clauses) > 0


def test_verse_run_together_is_not_asked_about():
    from quizapp.generators.fitness import is_verse
    from tests.generator_fixtures import text_sentences

    raw = (
        "Notes\n\nStalin's greatness is a halo Around the constellations of the firmament, "
        "Around men and factories. He wrote The Year One of the Russian Revolution in 1925 in "
        "Leningrad.\n"
    )
    verse, title = text_sentences(raw, "verse")
    assert sentence_quality(verse) == 0
    assert is_verse(verse) and not is_verse(title)  # "The Year One": a title, not verse


def test_an_acronym_spelled_out_beside_its_blank_gives_the_answer_away():
    from quizapp.generators.giveaways import acronym_of

    assert acronym_of("New Economic Policy", "Lenin put forward the N.E.P.—the ")
    assert acronym_of("GPU", "the agents of the General Political Unit were ")
    assert not acronym_of("Red Army", "the GPU and the ")
    poland = "Social Democracy of the Kingdom of Poland"
    assert acronym_of(poland, "a founder of the  and Lithuania (SDKPiL)")  # half the name
    assert not acronym_of(poland, "a founder of the  and Lithuania (the party)")


def test_a_subject_pronoun_needs_a_subject_before_it():

    raw = (
        "Notes\n\nIn Kharkov it triumphed easily, in Kiev at the cost of much bloodshed. "
        "At Markin's request he was appointed to the Collegium of the Cheka in 1919. "
        "When Markin reached Kiev in 1919, he was appointed to the Collegium of the Cheka. "
        "The next day Markin enters the port of Kazan on board a gunboat. "
        "Fortunately it was claimed that Markin had reached Kazan in 1919.\n"
    )
    found = _standing_alone(raw, "subjects")
    assert not found["In Kharkov i"] and not found["At Markin's "]
    assert not found["The next day"]
    assert found["When Markin "] and found["Fortunately "]


def test_an_additive_too_or_likewise_points_outside():

    raw = (
        "Notes\n\nAt Moscow, Smirnov, he too an old army chief, had placed portraits of Lenin "
        "on his balcony. The Petrov brothers have likewise disappeared in the prisons of Moscow "
        "in 1936. Smirnov had placed portraits of Lenin on his balcony in Moscow in 1927.\n"
    )
    found = _standing_alone(raw, "additive")
    assert not found["At Moscow, S"] and not found["The Petrov b"] and found["Smirnov had "]


def test_a_note_without_subject_and_a_gloss_in_brackets_are_not_asked_about():
    from tests.generator_fixtures import text_sentences

    raw = (
        "Notes\n\nServed with the navy in Kronstadt; fought in the Red Army in 1919. "
        "Stalin rounded up the foreign communists who had fled persecution in their "
        "countries in 1937.\n"
    )
    found = {s.text[:12]: s for s in text_sentences(raw, "notes")}
    assert sentence_quality(found["Served with "]) == 0
    assert is_self_contained(found["Stalin round"])


def test_a_relative_clause_alone_and_an_it_after_a_place_are_not_asked_about():
    from tests.generator_fixtures import text_sentences

    raw = (
        "Notes\n\nPetrov and Sidorov, both of whom have committed suicide in 1937. "
        "Fascist papers in Italy saw in it the triumph of realism in 1936. "
        "Trotsky, who joined the Bolsheviks in 1917, was known for his eloquence in 1919.\n"
    )
    found = {s.text[:12]: s for s in text_sentences(raw, "fragments")}
    assert sentence_quality(found["Petrov and S"]) == 0
    assert not is_self_contained(found["Fascist pape"])
    assert sentence_quality(found["Trotsky, who"]) > 0


def test_a_numbered_list_the_segmenter_cut_up_is_not_asked_about():
    from quizapp.generators.fitness import is_well_formed
    from tests.qa_fixtures import tagged_sentences

    text = (
        "The official documents show that the accused were in reality 53 in number: "
        "The cases of 1. Gaven, 2. Gertik, 3. Karev, 4. Konstant, 5. Matrin, 6. Radin, "
        "7. Safonova, 8. Schmidt, 9. Esterman, 10. Kuzmichev are reserved, says the "
        "indictment. Zinoviev was shot in August 1936 after a trial in Moscow.\n"
    )
    sentences = {s.text[:24]: s for s in tagged_sentences(text)}
    assert is_well_formed(sentences["Zinoviev was shot in Aug"])
    assert not is_well_formed(sentences["The official documents s"])  # "... The cases of 1."
    assert not is_well_formed(sentences["Kuzmichev are reserved, "])  # after "Esterman, 10."


def test_a_biographical_note_without_a_subject_is_not_asked_about():
    from quizapp.generators.fitness import has_subject
    from tests.qa_fixtures import tagged

    note = "Served with the navy in Kronstadt; was in the uprising against the Provisional Government; fought in the Red Army."
    assert not has_subject(tagged(note))
    assert has_subject(tagged("Zinoviev was shot in 1936; Kamenev was shot with him."))


def test_times_relative_to_the_writing_and_bare_events_point_outside_the_sentence():

    raw = (
        "Notes\n\nRecently the Central Committee expelled Zinoviev from the party. "
        "Last November Stalin spoke to the workers of Moscow for two hours. "
        "Twenty years ago Kamenev lived in exile in Siberia. "
        "The commission heard Trotsky in Coyoacan in April 1937. "
        "The first reference to it came from Khrushchev, who made the main report. "
        "Khrushchev made the main report on the first day. "
        "Two men remain at the center of the Supreme Council in Moscow. "
        "In April 1937 the Dewey Commission heard Trotsky in Coyoacan.\n"
    )
    found = _standing_alone(raw, "times")
    for opening in ("Recently the", "Last Novembe", "Twenty years", "The commissi"):
        assert not found[opening], opening
    assert not found["The first re"]  # "it" cannot stand for the reference to it
    assert not found["Khrushchev m"]  # the first day of what?
    assert not found["Two men rema"]  # which two?
    assert found["In April 193"]


def test_the_subject_of_a_negated_be_is_no_answer_but_that_of_a_negated_act_is():
    from tests.generator_fixtures import settle, text_sentences

    raw = (
        "Notes\n\nThe Stalin cult is not what stands in the way of peace with the United States. "
        "Nikolai Bukharin was not the author of the decree on land in 1917. "
        "Vyacheslav Menzhinsky was not originally part of Stalin's faction in 1924. "
        "Mikhail Tomsky did not wait to be convicted, and instead committed suicide in 1936.\n"
    )
    sentences, context = settle(text_sentences(raw, "negation"))
    cult, bukharin, faction, tomsky = (
        {s.text for s in answer_spans(x, context)} for x in sentences
    )
    assert "Stalin" not in cult and "United States" in cult
    assert not bukharin  # "was not the author of the decree on land in ___" either
    assert "Stalin" not in faction  # any name fits "was not part of ___'s faction"
    assert "Mikhail Tomsky" in tomsky


def test_a_nameless_texts_loaded_words_are_attributed_to_the_text():
    sentence, _ = _sentence("The assassination of Sergei Kirov")
    loaded = dataclasses.replace(
        sentence, author="Unattributed", text="The viciously anti-Semitic Beria led the purge."
    )
    assert attribution(loaded) == "According to the text, "
    framed = dataclasses.replace(
        sentence, author="M. Stein", text="The Moscow trials were frame-ups of the Opposition."
    )
    assert attribution(framed) == "According to Stein, "


def test_a_direction_before_a_blank_gives_the_place_away():
    from tests.generator_fixtures import settle, text_sentences

    raw = (
        "Notes\n\nThe industrialized countries of western Europe bought Soviet grain in 1930. "
        "The industrialized countries of Europe bought Soviet grain in 1930.\n"
    )
    sentences, context = settle(text_sentences(raw, "compass"))
    western, plain = ({s.text for s in answer_spans(x, context)} for x in sentences)
    assert "Europe" not in western and "Europe" in plain


def test_adverbs_that_tie_a_sentence_to_the_one_before_point_outside_it():

    raw = (
        "Notes\n\nUnder Dzerzhinsky, however, abuses were generally punished in Moscow. "
        "The newspapers say that a village formerly located there has grown to a city. "
        "Now everything is permissible against Trotsky in the Soviet press. "
        "Lenin at once conceives the project of an offensive against Warsaw in 1920. "
        "Even the Stalin-Hitler pact in 1939 had its explanation for the Communists. "
        "Before long Trotsky was falsely accused of conspiring with the White Guards. "
        "Muna arrived from Czechoslovakia in 1920, reporting that the lid was about to blow "
        "off there. "
        "Abuses were generally punished when exposed in Moscow under Dzerzhinsky.\n"
    )
    found = _standing_alone(raw, "tied")
    assert found["Abuses were "]  # the same without "however" stands alone
    for opening in ("Under Dzerzh", "The newspape", "Now everythi", "Lenin at onc"):
        assert not found[opening], opening
    for opening in ("Even the Sta", "Before long "):
        assert not found[opening], opening
    assert found["Muna arrived"]  # "there" is Czechoslovakia, named before it


def _salience_by_name(raw: str, slug: str) -> dict[str, float]:
    """Each mention's answer salience in the first sentence of `raw`, by its text."""
    from tests.generator_fixtures import settle, text_sentences

    (sentence, *_), context = settle(text_sentences(raw, slug))
    return {
        sentence.text[m.start : m.end]: answer_salience(m, sentence, context)
        for m in sentence.mentions
    }


@pytest.mark.parametrize(
    ("raw", "dropped", "kept"),
    [
        (  # inside the source's own editorial brackets
            "Kamenev received his wife [Trotsky's sister] and his daughter in Moscow in 1936.",
            "Trotsky",
            "Kamenev",
        ),
        (  # in a reference to a source
            "The story was confirmed in the 1987 issue of Ogonek (cited in Stalin and the "
            "Kirov Murder, Robert Conquest) and by Nikolai Bukharin.",
            "Robert Conquest",
            "Nikolai Bukharin",
        ),
    ],
)
def test_a_name_in_brackets_or_in_a_reference_to_a_source_is_no_answer(raw, dropped, kept):
    salience = _salience_by_name(f"Notes\n\n{raw}\n", "aside")
    assert salience[dropped] == 0 and salience[kept] > 0


def test_every_sentence_is_its_authors_account():
    # no word list tells a guess or a verdict from a record: every sentence is attributed
    sentence, _ = _sentence("The assassination of Sergei Kirov")
    for text in (
        "Yagoda was demoted for having framed the trial too clumsily.",
        "Stalin, seeking to appropriate the authority of the revolution, struck first.",
        "Stalin targeted the cadres in 1936.",
    ):
        told = dataclasses.replace(sentence, text=text, author="Victor Serge")
        assert attribution(told) == "According to Serge, "
        nameless = dataclasses.replace(told, author="Unattributed")
        assert attribution(nameless) == "According to the text, "


def test_no_blank_for_a_name_the_attribution_gives():
    sentences, context = corpus(DOCS)
    for generator in (ClozeGenerator(), MultipleChoiceGenerator()):
        for sentence in sentences:
            for draft in generator.generate(sentence, context):
                prefix = draft.stem.partition(", ")[0] if draft.stem.startswith("According") else ""
                assert not prefix or draft.answer.lower() not in prefix.lower()
                assert not any(d.lower() in prefix.lower() for d in draft.distractors)


def test_another_name_of_the_answer_or_its_acronym_beside_the_blank_gives_it_away():
    text = "He played a part in the defense of Tsaritsyn—today Stalingrad—in 1918."
    start = text.index("Tsaritsyn")
    end = start + len("Tsaritsyn")
    assert _gives_away_in(text, start, end, ("Stalingrad",))
    assert not _gives_away_in(text, start, end, ("Volgograd",))
    start = text.index("Stalingrad")  # its earlier name right before it
    assert _gives_away_in(text, start, start + len("Stalingrad"), ("Tsaritsyn",), False)
    start = text.index("Tsaritsyn")  # its later name after it: what was it called?
    assert not _gives_away_in(text, start, start + len("Tsaritsyn"), ("Stalingrad",), False)
    founded = "He founded the Social Democracy of the Kingdom of Poland and Lithuania (SDKPiL)."
    start = founded.index("Lithuania")
    assert _gives_away_in(founded, start, start + len("Lithuania"))
    other = founded.replace("(SDKPiL)", "(SDKP)")
    assert not _gives_away_in(other, start, start + len("Lithuania"))


def test_the_adjective_of_a_place_gives_it_away():
    text = "One of the GPU's victims in Spain was Andres Nin, a founder of the Spanish party."
    start = text.index("Spain")
    assert _gives_away_in(text, start, start + len("Spain"))
    plain = text.replace("Spanish", "Catalan")
    assert not _gives_away_in(plain, start, start + len("Spain"))
    french = "The strikes in France were reported by the French press in 1936."
    start = french.index("France")
    assert _gives_away_in(french, start, start + len("France"))


def test_a_year_the_rest_lets_one_compute_is_given_away():
    text = "He had fought for fourteen years, from 1903 to 1917, in the Bolshevik party."
    start = text.index("1903")
    assert _gives_away_in(text, start, start + 4)
    plain = text.replace("fourteen years", "many years")
    assert not _gives_away_in(plain, start, start + 4)


def _gives_away_in(
    text: str, start: int, end: int, names: tuple[str, ...] = (), person: bool = True
) -> bool:
    from quizapp.generators.giveaways import gives_away

    sentence, _ = _sentence("The assassination of Sergei Kirov")
    return gives_away(dataclasses.replace(sentence, text=text), start, end, names, person)


def test_a_place_or_bodys_other_names_are_what_the_sentence_must_not_hold():
    from quizapp.generators.giveaways import other_names

    city = Entity("place:tsaritsyn", "Tsaritsyn", "place", ("Stalingrad", "Tsaritsyn"))
    context = Context(entities={city.key: city})
    mention = Mention(0, 9, "Tsaritsyn", "place", city.key)
    assert other_names(mention, "Tsaritsyn", context) == ("Stalingrad",)


def test_no_multiple_choice_on_a_name_the_sentence_classifies():
    from quizapp.generators.multiple_choice import classified
    from quizapp.generators.ranking import Span
    from quizapp.tagging.types import Mention
    from tests.generator_fixtures import text_sentences

    raw = (
        "Notes\n\nOn board the cruiser Aurora, anchored in the Neva, the sailors waited in "
        "1917. On board Aurora, anchored in the Neva, the sailors waited in 1917.\n"
    )
    kinds = []
    for sentence in text_sentences(raw, "cruiser"):
        start = sentence.text.index("Aurora")
        span = Span(start, start + 6, "Aurora", Mention(start, start + 6, "Aurora", "person"), 1)
        kinds.append(classified(sentence, span))
    assert kinds == [True, False]


def test_what_has_just_happened_or_is_so_today_is_counted_from_the_writing():
    from tests.generator_fixtures import text_sentences

    raw = (
        "Notes\n\nA large number of functionaries of the Commissariat of Agriculture have "
        "just been arrested in Moscow. A large number of functionaries of the Commissariat "
        "of Agriculture were arrested in Moscow in 1933. Today the once-powerful movement, "
        "headquartered in Moscow, is no more. Secondly, there was Trotsky's book on Stalin "
        "published in 1941.\n"
    )
    found = [is_self_contained(s) for s in text_sentences(raw, "just")]
    assert found == [False, True, False, False]
    raw = (
        "Notes\n\nThe Soviet working class today is the second largest in the world. "
        "Sukhanov, today an agent of the Gestapo, met Kamenev in 1927. "
        "Stalin played a part in the defense of Tsaritsyn—today Stalingrad—in 1918. "
        "Smirnov was the only one to preserve his calm and courage until the end. "
        "More than 2000 communists are massacred or tortured on the spot in Canton.\n"
    )
    found = [is_self_contained(s) for s in text_sentences(raw, "today")]
    assert found == [False, False, True, False, False]


def test_time_counted_from_the_writing_is_dated_by_the_attribution():
    from quizapp.checking.statements import true_statement_problems
    from tests.generator_fixtures import text_sentences

    raw = "Notes\n\nThe Soviet working class today is the second largest in the world.\n"
    (undated,) = text_sentences(raw, "writing")
    assert not is_self_contained(undated)  # when is "today"? the stem could not say
    signed = dataclasses.replace(undated, author="M. Stein", year=1956)
    assert is_self_contained(signed)
    prefix = attribution(signed)
    assert prefix == "According to Stein, writing in 1956, "
    unsigned = dataclasses.replace(signed, author=None)
    assert attribution(unsigned) == "According to the text, written in 1956, "
    quoted = dataclasses.replace(signed, quoted_by="Khrushchev")
    assert not is_self_contained(quoted)  # the speaker's "today" is not the text's
    statement = f"True or false: {prefix}the Soviet working class today is the second largest"
    assert true_statement_problems(statement, signed.text) == []
    (plain,) = text_sentences("Notes\n\nThe Soviet working class was large in 1917.\n", "w")
    assert attribution(dataclasses.replace(plain, author="M. Stein", year=1956)) == (
        "According to Stein, "
    )


def test_a_sentence_naming_its_own_source_is_asked_in_its_words_and_not_about_the_source():
    from tests.generator_fixtures import text_sentences

    raw = (
        "Notes\n\nAccording to Stephen Cohen in his biography, Bukharin supported the use of "
        "coercive measures against counterrevolution in 1918.\n"
    )
    (sentence,) = text_sentences(raw, "own-source")
    sentence = dataclasses.replace(sentence, author="Unattributed")
    assert attribution(sentence) == ""  # not "According to the text, according to …"
    cohen = next(m for m in sentence.mentions if m.text == "Stephen Cohen")
    assert answer_salience(cohen, sentence, corpus(SAMPLE)[1]) == 0


def test_a_member_of_a_group_is_no_name_to_ask_for():
    from tests.generator_fixtures import text_sentences

    raw = "Notes\n\nAn Oppositionist was arrested in Samara in 1933 for a letter to Rakovsky.\n"
    (sentence,) = text_sentences(raw, "members")
    member = Mention(3, 16, "Oppositionist", "place", source="model")
    assert sentence.text[3:16] == "Oppositionist"
    assert answer_salience(member, sentence, corpus(SAMPLE)[1]) == 0


def test_its_stands_for_a_body_or_a_country_not_for_a_people():
    from tests.generator_fixtures import text_sentences

    raw = (
        "Notes\n\nTwo Frenchmen attended its first congress: Henri Guilbeaux and Jacques "
        "Sadoul. The Comintern held its first congress in Moscow in 1919.\n"
    )
    frenchmen, comintern = text_sentences(raw, "its")
    assert not is_self_contained(frenchmen)  # whose congress?
    assert is_self_contained(comintern)


def test_the_day_of_a_date_is_no_count():
    from quizapp.tagging.types import Mention
    from tests.generator_fixtures import settle, text_sentences

    raw = "Notes\n\nIt was confirmed in the 13 December 1987 issue of Ogonek, by 12 witnesses.\n"
    (sentence, *_), context = settle(text_sentences(raw, "day"))
    day = sentence.text.index("13")
    count = sentence.text.index("12 ")
    assert answer_salience(Mention(day, day + 2, "13", "number"), sentence, context) == 0
    assert answer_salience(Mention(count, count + 2, "12", "number"), sentence, context) > 0


def test_a_he_in_an_opening_clause_is_the_subject_of_the_main_one():

    raw = (
        "Notes\n\nWhen he joined the Cheka, Menzhinsky was already fluent in twelve languages. "
        "After his release, Radek went to Berlin in 1920. "
        "When he came back in 1920, the party had split. "
        "With him came Gregory Zinoviev and others in 1917.\n"
    )
    found = _standing_alone(raw, "ahead")
    assert found["When he join"] and found["After his re"]
    assert not found["When he came"]  # the main clause names nobody
    assert not found["With him cam"]  # "him" is not the man who came


def test_a_verbal_noun_the_tagger_took_for_a_name_is_lowered_behind_the_attribution():
    from tests.generator_fixtures import text_sentences

    raw = (
        "Notes\n\nRationing, the forced exchange rates and the inflation reduce the buying "
        "power of the ruble in 1931. Stalin arrived in Moscow in 1920.\n"
    )
    rationing, stalin = text_sentences(raw, "caps")
    rationing.tokens[0] = dataclasses.replace(rationing.tokens[0], pos="PROPN", tag="NNP")
    assert attributed(rationing, rationing.text, "According to Serge, ").startswith(
        "According to Serge, rationing, the forced"
    )
    assert attributed(stalin, stalin.text, "According to Serge, ").startswith(
        "According to Serge, Stalin arrived"
    )


def test_an_existential_there_points_nowhere_but_a_place_there_does():
    from tests.generator_fixtures import text_sentences

    raw = "Notes\n\nThere is talk of trying Radek in Moscow in 1937. There he met Lenin in 1917.\n"
    talk, met = text_sentences(raw, "there")
    assert is_self_contained(talk) and not is_self_contained(met)


def test_in_other_words_and_each_one_point_outside_the_sentence():
    from tests.generator_fixtures import text_sentences

    raw = (
        "Notes\n\nIn other words, Stalin ruled the Soviet Union alone after 1929. "
        "Stalin finds in each one a small part of his own spirit in 1936. "
        "Stalin ruled the Soviet Union alone after 1929.\n"
    )
    other, each, plain = text_sentences(raw, "words")
    assert not is_self_contained(other) and not is_self_contained(each)
    assert is_self_contained(plain)


def _standing_alone(raw: str, slug: str) -> dict[str, bool]:
    """Whether each sentence of `raw` is self-contained, by its first twelve characters."""
    from tests.generator_fixtures import text_sentences

    return {s.text[:12]: is_self_contained(s) for s in text_sentences(raw, slug)}
