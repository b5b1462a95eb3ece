"""The multiple-choice generator on real corpus sentences: its distractors above all."""

from __future__ import annotations

import dataclasses
import re

from quizapp.generators.candidate_pool import also_true, pool, squeeze
from quizapp.generators.cloze import BLANK
from quizapp.generators.distractors import candidates, choose
from quizapp.generators.lead_in import lead_text
from quizapp.generators.multiple_choice import MultipleChoiceGenerator
from quizapp.generators.named_distractors import plural_name, takes_the, written_with_the
from quizapp.generators.ranking import answer_spans
from quizapp.generators.values import date_value, granularity, number_value
from quizapp.tagging.types import Mention
from tests.generator_fixtures import (
    SAMPLE,
    build,
    corpus,
    run,
    settle,
    states,
    text_sentences,
    without_lead,
)


def _type_of(sentence, draft) -> str:
    citation = draft.citations[0]
    return next(
        m.type for m in sentence.mentions if m.start <= citation.start and citation.end <= m.end
    )


def test_three_distinct_distractors_none_the_answer_none_in_the_sentence():
    drafts = run(MultipleChoiceGenerator())
    assert len(drafts) >= 50
    for sentence, draft in drafts:
        options = [draft.answer, *draft.distractors]
        assert len(draft.distractors) == 3
        assert len({squeeze(o) for o in options}) == 4
        for distractor in draft.distractors:
            assert squeeze(distractor) not in squeeze(sentence.text)
        if len(draft.citations) > 1:  # nor in the lead-in
            lead = lead_text(corpus(SAMPLE)[1].before[sentence.key])
            assert not any(squeeze(d) in squeeze(lead) for d in draft.distractors)
        own = without_lead(draft, sentence)
        assert states(own.replace(BLANK, draft.answer), sentence.text)


def test_distractors_are_no_alias_of_the_answer():
    _, context = corpus(SAMPLE)
    for _, draft in run(MultipleChoiceGenerator()):
        names = {squeeze(draft.answer), *(squeeze(a) for a in draft.alternatives)}
        key = draft.tags[2].removeprefix("entity:") if len(draft.tags) > 2 else ""
        if key in context.entities:
            entity = context.entities[key]
            names |= {squeeze(entity.canonical), *(squeeze(a) for a in entity.aliases)}
        assert not names & {squeeze(d) for d in draft.distractors}


def test_distractors_are_of_the_answers_type_and_kind():
    _, context = corpus(SAMPLE)
    for sentence, draft in run(MultipleChoiceGenerator()):
        type_ = _type_of(sentence, draft)
        if type_ == "date":
            kind = granularity(date_value(draft.answer))
            assert all(granularity(date_value(d)) == kind for d in draft.distractors)
            years = [int(date_value(d)[:4]) for d in draft.distractors]
            assert all(context.era[0] <= y <= context.era[1] for y in years)
        elif type_ == "number":
            scale = number_value(draft.answer)[1]
            assert all(number_value(d)[1] == scale for d in draft.distractors)
        else:
            texts = {s.text[m.start : m.end] for s, m in context.mentions_by_type[type_]}
            assert all(any(d in t for t in texts) for d in draft.distractors), draft.distractors
            assert all(len(d.split()) == len(draft.answer.split()) for d in draft.distractors)


def test_choices_are_deterministic_across_runs_and_contexts():
    first = [(s.key, d.answer, d.distractors) for s, d in run(MultipleChoiceGenerator())]
    sentences, context = build(SAMPLE)  # a fresh context, built again
    generator = MultipleChoiceGenerator()
    second = [
        (s.key, d.answer, d.distractors) for s in sentences for d in generator.generate(s, context)
    ]
    assert first == second


def test_the_key_is_not_always_the_longest_option():
    drafts = [d for _, d in run(MultipleChoiceGenerator())]
    longest = [d for d in drafts if all(len(d.answer) > len(x) for x in d.distractors)]
    assert len(longest) < 0.5 * len(drafts)


def test_a_distractor_named_with_the_stems_entities_for_the_same_act_is_rejected():
    text = (
        "Zinoviev and Kamenev were expelled from the Central Committee in October 1927.\n\n"
        "Zinoviev and Smilga were expelled from the Central Committee after a long debate.\n\n"
        "Rakovsky and Radek wrote a long letter to the Central Committee in exile.\n\n"
        "Kamenev and Rakovsky had travelled to London as diplomats in the early years.\n"
    )
    raw = text_sentences(text, "test-expulsions")
    for sentence in raw:  # tag the names by hand: the small model takes Kamenev for a place
        sentence.mentions = [
            Mention(m.start(), m.end(), m.group(), "person", source="rule")
            for m in re.finditer(r"Zinoviev|Kamenev|Smilga|Rakovsky|Radek", sentence.text)
        ]
    sentences, context = settle(raw)
    stem = sentences[1]
    smilga = next(s for s in answer_spans(stem, context) if s.text == "Smilga")
    offered = {c.text for c in candidates(stem, smilga, context)}
    assert "Kamenev" not in offered  # Zinoviev and Kamenev were expelled too
    kamenev = next(c for c in pool(context, "person") if c.text == "Kamenev")
    assert also_true(kamenev, stem, smilga, context)
    rakovsky = next(c for c in candidates(stem, smilga, context) if c.text == "Rakovsky")
    assert not also_true(rakovsky, stem, smilga, context)


def test_a_duration_gets_durations_of_the_same_unit_and_form():
    from quizapp.generators.values import nearby_numbers, number_value, split_unit, word_number

    assert split_unit("forty-eight hours") == ("forty-eight", "hour")
    assert word_number("forty-eight") == 48 and number_value("six days") == (6.0, "word")
    near = nearby_numbers(48.0, "word", "forty-eight")
    assert "twenty-four" in near and all(word_number(n) for n in near)


def _tagged(text: str, names: dict[str, str], slug: str):
    """Sentences of `text` with the given names tagged by hand, settled into a context."""
    raw = text_sentences(text, slug)
    pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    for sentence in raw:
        sentence.mentions = [
            Mention(m.start(), m.end(), m.group(), names[m.group()], source="rule")
            for m in re.finditer(rf"\b(?:{pattern})\b", sentence.text)
        ]
    return settle(raw)


def _offered(stem, context, answer: str) -> list[str]:
    """The distractor candidates for the span `answer` of `stem`, in order of preference."""
    span = next(s for s in answer_spans(stem, context) if s.text == answer)
    return [c.text for c in candidates(stem, span, context)]


def test_a_titled_blank_wants_people_the_corpus_gives_that_title():
    text = (
        "The army of General Denikin marched on Moscow in the autumn.\n\n"
        "General Wrangel said that he would hold the Crimea for a few months longer.\n\n"
        "General Wrangel left the Crimea with the remains of his army.\n\n"
        "General Yudenich came within sight of Petrograd before he was beaten.\n\n"
        "General Yudenich declared that he would fight on.\n\n"
        "Bukharin wrote a long article on the peasant question.\n\n"
        "Bukharin spoke against the plan at the plenum.\n\n"
        "Radek wrote witty articles for the party press.\n\n"
        "Radek spoke at the congress for an hour.\n\n"
        "Zinoviev spoke to the Petrograd workers every week.\n\n"
        "Zinoviev wrote the theses of the International.\n"
    )
    names = {n: "person" for n in ("Denikin", "Wrangel", "Yudenich", "Bukharin", "Radek")}
    names["Zinoviev"] = "person"
    sentences, context = _tagged(text, names, "test-generals")
    stem = sentences[0]
    offered = set(_offered(stem, context, "Denikin"))
    assert offered and offered <= {"Wrangel", "Yudenich"}


def test_a_name_the_corpus_shows_as_a_place_is_no_person_distractor():
    text = (
        "Trotsky spoke to the soldiers of the Red Army at the front.\n\n"
        "The Poles entered Kiev in the spring.\n\n"
        "The workers of Kiev went hungry that winter in Kiev.\n\n"
        "Bukharin spoke against the plan at the plenum.\n\n"
        "Bukharin said that the peasants must be won over.\n\n"
        "Radek said that the war was lost.\n\n"
        "Radek wrote witty articles for the party press.\n"
    )
    names = {"Trotsky": "person", "Kiev": "person", "Bukharin": "person", "Radek": "person"}
    sentences, context = _tagged(text, names, "test-evidence")
    offered = set(_offered(sentences[0], context, "Trotsky"))
    assert "Kiev" not in offered and "Bukharin" in offered


def test_after_a_or_an_a_singular_answer_gets_no_plural_distractor():
    for sentence, draft in run(MultipleChoiceGenerator()):
        citation = draft.citations[0]
        if not re.search(r"\b(a|an)\s+$", sentence.text[: citation.start], re.IGNORECASE):
            continue
        if not plural_name(draft.answer):
            assert not any(plural_name(d) for d in draft.distractors), draft


def test_plural_names_are_told_by_their_last_word():
    assert plural_name("Mensheviks") and plural_name("Left SRs")
    assert not plural_name("Bolshevik") and not plural_name("Paris") and not plural_name("Congress")


def test_after_the_a_place_or_organisation_gets_names_the_corpus_writes_with_the():
    sentences, context = corpus(SAMPLE)
    pools = {t: {c.text: c for c in pool(context, t)} for t in ("place", "organization")}
    checked = 0
    for sentence, draft in run(MultipleChoiceGenerator()):
        type_ = _type_of(sentence, draft)
        citation = draft.citations[0]
        definite = takes_the(sentence, citation.start, citation.end)
        if type_ not in pools or definite is None:
            continue
        checked += 1
        for distractor in draft.distractors:
            assert written_with_the(pools[type_][distractor]) == definite, (draft.stem, distractor)
    assert checked


def test_the_before_a_name_is_its_own_unless_the_name_modifies_a_noun():
    text = (
        "Muralov was for a long time military governor of the Moscow region in 1917. "
        "The steppe extends from the Urals to Moscow and the Caucasus in Russia."
    )
    first, second = text_sentences(text, "the-test")[:2]
    assert takes_the(first, first.text.index("Moscow"), first.text.index(" region")) is None
    urals = second.text.index("Urals")
    assert takes_the(second, urals, urals + len("Urals")) is True
    moscow = second.text.index("Moscow")
    assert takes_the(second, moscow, moscow + len("Moscow")) is False


def test_distractors_come_first_from_names_found_in_the_answers_company():
    text = (
        "Yezhov said that the secret police would finish the great purge of the party.\n\n"
        "Yagoda said that the secret police would prepare the great purge.\n\n"
        "Yagoda organised the first show trial of the old Bolsheviks for the secret police.\n\n"
        "Menzhinsky said that the secret police had won the civil war.\n\n"
        "Menzhinsky ran the secret police from his sickbed.\n\n"
        "Hitler said that he would come to power with the votes of the middle classes.\n\n"
        "Hitler spoke to the German generals about the coming war.\n\n"
        "Mussolini said that Italy would follow his blackshirts to Rome.\n\n"
        "Mussolini spoke to the Italian crowds about the coming war.\n\n"
        "Under Yezhov the secret police arrested most of the old Bolsheviks.\n"
    )
    names = {n: "person" for n in ("Yezhov", "Yagoda", "Menzhinsky", "Hitler", "Mussolini")}
    sentences, context = _tagged(text, names, "test-affinity")
    stem = sentences[-1]
    offered = _offered(stem, context, "Yezhov")
    assert set(offered[:2]) == {"Yagoda", "Menzhinsky"}, offered
    assert set(offered) >= {"Hitler", "Mussolini"}  # still candidates, only after the others


def test_a_name_listed_elsewhere_with_the_answers_partner_is_no_distractor():
    text = (
        "The campaign was directed against Tomsky and Uglanov in the spring.\n\n"
        "Rykov and Uglanov were removed from their posts that year.\n\n"
        "Rykov spoke at the plenum for the last time.\n\n"
        "Radek wrote witty articles for the party press.\n\n"
        "Radek spoke at the congress for an hour.\n\n"
        "Tomsky led the trade unions for many years.\n"
    )
    names = {n: "person" for n in ("Tomsky", "Uglanov", "Rykov", "Radek")}
    sentences, context = _tagged(text, names, "test-partners")
    stem = sentences[0]
    offered = set(_offered(stem, context, "Tomsky"))
    assert "Rykov" not in offered and "Radek" in offered


def test_a_person_option_ends_in_a_surname():
    from quizapp.generators.candidate_pool import Candidate
    from quizapp.generators.named_distractors import _called_by_surname

    _, context = corpus(SAMPLE)
    felix = next(k for k, e in context.entities.items() if e.canonical == "Felix Dzerzhinsky")
    assert not _called_by_surname(Candidate("Iron Felix", felix), context)
    assert _called_by_surname(Candidate("Felix Dzerzhinsky", felix), context)
    assert not _called_by_surname(Candidate("Vladimir Ilyich", "person:x"), context)
    assert not _called_by_surname(Candidate("La Batalla", "person:y"), context)
    assert _called_by_surname(Candidate("Karl Radek", "person:z"), context)


def test_a_country_whose_name_ends_like_a_surname_gets_countries():
    from quizapp.generators.name_kinds import looks_like

    assert looks_like("Spain") is None and looks_like("Zinoviev") == "person"
    text = (
        "The civil war in Spain began in July 1936.\n\n"
        "The workers of France went on strike in June 1936.\n\n"
        "The workers of France occupied the factories.\n\n"
        "The workers of Italy were crushed by fascism.\n\n"
        "The workers of Italy emigrated to France.\n\n"
        "The workers of Belgium went on strike in 1932.\n\n"
        "The workers of Belgium voted for the socialists.\n\n"
        "The workers of Spain armed themselves against the generals.\n"
    )
    names = {n: "place" for n in ("Spain", "France", "Italy", "Belgium")}
    sentences, context = _tagged(text, names, "test-countries")
    for sentence in sentences:
        sentence.mentions = [dataclasses.replace(m, source="glossary") for m in sentence.mentions]
    sentences, context = settle(sentences)
    stem = sentences[-1]
    assert set(_offered(stem, context, "Spain")) >= {"France", "Italy", "Belgium"}


def test_a_term_is_asked_as_a_cloze_but_not_as_multiple_choice():
    from quizapp.generators.cloze import ClozeGenerator

    text = (
        "In 1933 thirty Oppositionists in Verkhne-Uralsk went on a hunger strike.\n\n"
        "The five-year plan was adopted in 1928.\n\n"
        "The five-year plan was declared fulfilled in 1932.\n\n"
        "The collective farm was imposed on the villages in 1930.\n\n"
        "The collective farm fed the towns badly in 1932.\n\n"
        "The hunger strike lasted for eighteen days in 1931.\n\n"
        "The first show trial was staged in 1928.\n\n"
        "The show trial of the sixteen opened in 1936.\n"
    )
    terms = ("hunger strike", "five-year plan", "collective farm", "show trial")
    names = {**dict.fromkeys(terms, "term"), "Verkhne-Uralsk": "place"}  # pins the blank
    sentences, context = _tagged(text, names, "test-terms")
    stem = sentences[0]
    span = next(s for s in answer_spans(stem, context) if s.text == "hunger strike")
    assert len(choose(stem, span, context, 3)) == 3  # options there would be
    clozes = ClozeGenerator().generate(stem, context)
    assert any(d.answer == "hunger strike" for d in clozes)
    assert not any(
        d.answer == "hunger strike" for d in MultipleChoiceGenerator().generate(stem, context)
    )
    assert all(_type_of(s, d) != "term" for s, d in run(MultipleChoiceGenerator()))


def test_a_distractor_belongs_to_the_stems_time():
    text = (
        "In 1917 the Provisional Government met in Petrograd.\n\n"
        "In 1917 the Provisional Government was overthrown.\n\n"
        "In 1917 the Provisional Government sent troops to the front.\n\n"
        "In 1936 the Generalidad defended Barcelona.\n\n"
        "In 1937 the Generalidad was outlawed.\n\n"
        "In 1936 the Generalidad joined the Catalan government.\n\n"
        "In 1927 the Central Control Commission expelled the Opposition.\n\n"
        "In 1926 the Central Control Commission heard the case of Zinoviev.\n\n"
        "In 1928 the Central Control Commission met again.\n\n"
        "In 1927 the Politbureau met in Moscow.\n\n"
        "In 1926 the Politbureau voted against Trotsky.\n\n"
        "In 1928 the Politbureau met again.\n\n"
        "In 1927 the Orgbureau met in Moscow.\n\n"
        "In 1926 the Orgbureau sent Kirov to Leningrad.\n\n"
        "In 1928 the Orgbureau met again.\n\n"
        "In October 1927 the Central Control Commission expelled Trotsky from the party.\n"
    )
    names = {
        n: "organization"
        for n in (
            "Provisional Government",
            "Generalidad",
            "Central Control Commission",
            "Politbureau",
            "Orgbureau",
        )
    }
    names["Trotsky"] = "person"
    sentences, context = _tagged(text, names, "test-eras")
    from quizapp.generators.eras import of_the_time

    stem = sentences[-1]
    found = {c.text: c for c in pool(context, "organization")}
    kept = {c.text for c in of_the_time(list(found.values()), stem, context)}
    assert "Provisional Government" not in kept  # gone by 1927
    assert "Generalidad" not in kept  # of the Spanish war
    assert "Politbureau" in kept
    undated = dataclasses.replace(stem, text="The Commission expelled Trotsky.", passage_text="")
    assert of_the_time(list(found.values()), undated, context) == list(found.values())


def test_the_country_the_corpus_is_set_in_is_never_the_answer():
    from quizapp.generators.cloze import ClozeGenerator
    from quizapp.generators.setting import is_setting
    from quizapp.generators.true_false import TrueFalseGenerator

    towns = ["Moscow", "Kiev", "Kazan", "Samara", "Omsk"] * 5
    text = "".join(
        f"The workers of {t} in Russia went hungry in 192{i % 10}.\n\n" for i, t in enumerate(towns)
    )
    text += (
        "In 1923 the N.E.P. restored to Russia an aspect of prosperity under Lenin.\n\n"
        "In 1936 the workers of France occupied the factories under Blum.\n\n"
        "In 1936 the workers of France won paid holidays.\n\n"
        "In 1920 the army of Poland took Kiev.\n\n"
        "In 1920 the army of Poland was driven back.\n"
    )
    names = {n: "place" for n in ("Russia", "France", "Poland", *set(towns))}
    names.update(Lenin="person", Blum="person")
    sentences, context = _tagged(text, names, "test-setting")
    stem = next(s for s in sentences if "N.E.P." in s.text)
    russia = next(m for m in stem.mentions if m.text == "Russia")
    france = next(m for s in sentences for m in s.mentions if m.text == "France")
    assert is_setting(russia, context) and not is_setting(france, context)
    for generator in (ClozeGenerator(), MultipleChoiceGenerator()):
        assert all(d.answer != "Russia" for d in generator.generate(stem, context))
    (statement,) = TrueFalseGenerator().generate(stem, context)  # a statement may still cite it
    assert "Russia" in statement.payload["statement"]


def test_a_town_gets_towns_and_a_list_of_towns_is_no_nesting():
    from quizapp.generators.distractors import _related_places
    from quizapp.generators.named_distractors import same_kind

    assert same_kind("city", "other", "place") and not same_kind("city", "country", "place")
    assert not same_kind("city", "other", "organization")
    text = (
        "Madrid will be saved, Valencia will be saved.\n\n"
        "The government left Madrid for Valencia in 1936.\n\n"
        "The workers of Barcelona, Spain, rose in 1937.\n"
    )
    names = {n: "place" for n in ("Madrid", "Valencia", "Barcelona", "Spain")}
    _, context = _tagged(text, names, "test-nesting")
    related = _related_places(context)
    assert frozenset(("madrid", "valencia")) not in related  # a list, not one inside another
    assert frozenset(("barcelona", "spain")) in related


def test_a_title_counts_as_a_rank_only_where_the_description_gives_it_as_one():
    from quizapp.generators.base import Context
    from quizapp.generators.candidate_pool import Candidate
    from quizapp.generators.name_kinds import titled
    from quizapp.tagging.types import Entity

    described = {
        "Denikin": "White general who led the armies of the south in the civil war.",
        "Stalin": "General secretary who rose through the party apparatus.",
        "Tukhachevsky": "Marshal, head of the Soviet General Staff, purged in 1937.",
        "Antonov-Ovseyenko": "In 1937 Soviet consul general in Barcelona.",
    }
    entities = {
        f"person:{name}": Entity(f"person:{name}", name, "person", (), text)
        for name, text in described.items()
    }
    context = Context(entities=entities)
    generals = {n for n in described if titled(Candidate(n, f"person:{n}"), "general", context)}
    assert generals == {"Denikin"}
    assert titled(Candidate("Tukhachevsky", "person:Tukhachevsky"), "marshal", context)
