"""short_answer: questions made from real corpus sentences, and sentences that give none."""

from __future__ import annotations

import dataclasses

import pytest

from quizapp.generators import registry
from quizapp.generators.base import Context
from quizapp.generators.clauses import render
from quizapp.generators.short_answer import ShortAnswer
from quizapp.generators.views import views
from quizapp.tagging.types import Entity
from tests.qa_fixtures import make_context, tagged

SERGE = {"slug": "serge-lenin-to-stalin", "author": "Victor Serge"}
STEIN = {"slug": "stein-end-of-stalin-cult", "author": "M. Stein"}
POLICE = {"slug": "secret-police-degeneration", "author": None}

# (sentence, document, expected stem, expected answer); the last three are made up to
# pin down do-support, negation and modality.
QUESTIONS = [
    (
        "On April 3, 1917, Lenin arrived at the Finland Station in Petrograd.",
        SERGE,
        "According to Serge, who arrived at the Finland Station in Petrograd on April 3, 1917?",
        "Lenin",
    ),
    (
        "On April 3, 1917, Lenin arrived at the Finland Station in Petrograd.",
        SERGE,
        "According to Serge, when did Lenin arrive at the Finland Station in Petrograd?",
        "April 3, 1917",
    ),
    (
        "Seventeen of Yagoda's eighteen commissars of state security were arrested and shot.",
        POLICE,
        "How many of Yagoda's eighteen commissars of state security were arrested and shot?",
        "Seventeen",
    ),
    (
        "The Communist International was founded in 1919 in Moscow.",
        SERGE,
        "According to Serge, in what year was the Communist International founded in Moscow?",
        "1919",
    ),
    (
        "Under Yezhov, all restraints that hindered the liquidation of Stalin's enemies were removed.",
        POLICE,
        "Under whom were all restraints that hindered the liquidation of Stalin's enemies removed?",
        "Yezhov",
    ),
    (
        "And Khrushchev openly revised Lenin.",
        STEIN,
        "According to Stein, whom did Khrushchev openly revise?",
        "Lenin",
    ),
    (
        "In Moscow the street battles lasted for six days.",
        SERGE,
        "According to Serge, where did the street battles last for six days?",
        "Moscow",
    ),
    (
        "In July 1953 there was a general strike of a half-million slave laborers in Vorkuta.",
        STEIN,
        "According to Stein, when was there a general strike of a half-million slave laborers"
        " in Vorkuta?",
        "July 1953",
    ),
    (
        "The P.O.U.M. has forty thousand members.",
        SERGE,
        "According to Serge, how many members does the P.O.U.M. have?",
        "forty thousand",
    ),
    (
        "Lenin appointed Dzerzhinsky to head the Cheka in 1917.",
        POLICE,
        "Whom did Lenin appoint to head the Cheka in 1917?",
        "Dzerzhinsky",
    ),
    (
        "Stalin was not present at the meeting in Petrograd.",
        SERGE,
        "According to Serge, who was not present at the meeting in Petrograd?",
        "Stalin",
    ),
    (
        "Trotsky could not attend the congress in Moscow in 1927.",
        SERGE,
        "According to Serge, in what year could Trotsky not attend the congress in Moscow?",
        "1927",
    ),
]

# Transformations of phrases, views and durations (phrases.py, views.py).
QUESTIONS += [
    (
        "In May 1937, Nin was kidnapped, tortured and finally flayed alive when he refused to"
        " confess.",
        POLICE,
        "When was Nin kidnapped?",
        "May 1937",
    ),
    (
        "In Moscow the street battles lasted for six days.",
        SERGE,
        "According to Serge, how long did the street battles last in Moscow?",
        "six days",
    ),
    (
        "The Canton Commune, surrounded by the military forces of the Kuomintang, lasted only"
        " forty-eight hours; its fall was accompanied by a dreadful slaughter.",
        SERGE,
        "According to Serge, how long did the Canton Commune last?",
        "forty-eight hours",
    ),
    (
        "The assassination of Sergei Kirov on 1 December 1934 provided a pretext for unleashing"
        " a wave of purges.",
        POLICE,
        "Who was assassinated on 1 December 1934?",
        "Sergei Kirov",
    ),
    (
        'Stalin means "made of steel," and that he is.',
        SERGE,
        "According to Serge, what does the name Stalin mean?",
        "made of steel",
    ),
    (
        "In 1926, according to Fomin, Menzhinsky learned Chinese.",
        POLICE,
        "According to Fomin, in what year did Menzhinsky learn Chinese?",
        "1926",
    ),
    (
        "Lenin arrived in Petrograd in April 1917.",
        {"slug": "unsigned", "author": "Unattributed"},
        "When did Lenin arrive in Petrograd?",
        "April 1917",
    ),
]

# Subordinate, relative and resolved clauses; names standing in for their descriptions.
QUESTIONS += [
    (
        "When Lenin was on his deathbed, he appealed to Trotsky to carry out a fight in the"
        " Central Committee against Stalin, Dzerzhinsky and Ordzhonikidze.",
        POLICE,
        "To whom did Lenin appeal to carry out a fight in the Central Committee against Stalin,"
        " Dzerzhinsky and Ordzhonikidze?",
        "Trotsky",
    ),
    (
        "When Stalin died in March 1953, another gigantic frame-up was in the making.",
        POLICE,
        "When did Stalin die?",
        "March 1953",
    ),
    (
        "Smilga, who was arrested in 1935, had placed portraits of Lenin on his balcony.",
        POLICE,
        "In what year was Smilga arrested?",
        "1935",
    ),
    (
        "His brother, Radomysslsky, a young anarchist, had been killed in Ukraine in 1920 by"
        " Voroshilov's soldiers.",
        SERGE,
        "According to Serge, in what year had Radomysslsky been killed in Ukraine by"
        " Voroshilov's soldiers?",
        "1920",
    ),
    (
        "In 1929 there were 300 prisoners in the camp at Solovki.",
        SERGE,
        "According to Serge, how many prisoners in the camp were there at Solovki in 1929?",
        "300",
    ),
]

# Sentences that must give nothing: dangling reference, quotation without a speaker,
# conditionals, coordinated answers, asides the stem would keep.
NOTHING = [
    ("Dzerzhinsky led the Cheka until his death in 1926.", POLICE),
    ("He led the Cheka until his death in 1926.", POLICE),
    ("In 1927 both sided with the party opposition against Stalin.", SERGE),
    (
        "Serge reports, “The Politbureau deliberated the question without daring to answer it.”",
        POLICE,
    ),
    ("“Stalin has concentrated unlimited power in his hands,” Lenin wrote in 1922.", SERGE),
    (
        "Lenin and Trotsky dismissed their concerns and asserted that responsibility for the use"
        " of terror lay with the enemy.",
        POLICE,
    ),
    (
        "When he joined the Cheka, Menzhinsky was, according to Fomin, already fluent in twelve"
        " languages, and he went on to master Chinese, Japanese, Persian and Turkish.",
        POLICE,
    ),
    ("This decree was issued by Lenin in 1918.", POLICE),
    ("The latter was expelled from the Central Committee in 1927.", SERGE),
    ("If Lenin had lived, Trotsky would have led the party in 1924.", SERGE),
    ("Menzhinsky was, according to Fomin, already fluent in twelve languages.", POLICE),
    ("The street battles lasted for several days.", SERGE),
    ("Kamenev was in Moscow.", SERGE),  # four words that pin nothing down
    ("Two sorts of measures will be necessary to the reconstruction: a directed economy.", SERGE),
    (
        "The Grober case demonstrates the pertinence of the 1928 documents to the 1936 executions.",
        SERGE,
    ),
    ("Smirnov was the only one to preserve his calm and courage until the end.", SERGE),
]


def drafts_for(text: str, document: dict, context: Context | None = None, **changes):
    sentence = dataclasses.replace(tagged(text, **document), **changes)
    return sentence, ShortAnswer().generate(sentence, context or make_context([sentence]))


@pytest.mark.parametrize(("text", "document", "stem", "answer"), QUESTIONS)
def test_question_from_corpus_sentence(text, document, stem, answer):
    _, drafts = drafts_for(text, document)
    assert (stem, answer) in [(d.stem, d.answer) for d in drafts]


@pytest.mark.parametrize(("text", "document"), NOTHING)
def test_sentence_gives_no_question(text, document):
    assert drafts_for(text, document)[1] == []


@pytest.mark.parametrize(("text", "document", "stem", "answer"), QUESTIONS)
def test_answer_is_a_span_absent_from_the_stem(text, document, stem, answer):
    sentence, drafts = drafts_for(text, document)
    for draft in drafts:
        (citation,) = draft.citations
        assert sentence.text[citation.start : citation.end] == draft.answer
        assert (citation.sentence_key, citation.role) == (sentence.key, "answer")
        assert draft.answer.lower() not in draft.stem.lower()
        assert draft.stem.endswith("?") and 0 <= draft.score <= 1
        assert (draft.type, draft.generator, draft.version) == ("short_answer", "short_answer", "5")
        assert f"source:{document['slug']}" in draft.tags and "type:short_answer" in draft.tags


def test_quotation_is_attributed_to_its_speaker():
    text = "Trotsky was expelled from the Central Committee in October 1927."
    _, drafts = drafts_for(text, POLICE, quoted_by="Khrushchev")
    assert drafts and all(d.stem.startswith("According to Khrushchev, ") for d in drafts)


def test_unattributed_opinion_is_skipped():
    text = "Stalin certainly destroyed the Bolshevik Party in 1937."
    assert drafts_for(text, POLICE)[1] == []


def test_aliases_become_alternatives_and_entity_tags():
    text = "Lenin appointed Dzerzhinsky to head the Cheka in 1917."
    sentence = tagged(text, **POLICE)
    context = make_context([sentence])
    felix = Entity("person:dzerzhinsky", "Felix Dzerzhinsky", "person", ("Iron Felix",))
    context.entities[felix.key] = felix
    draft = next(d for d in ShortAnswer().generate(sentence, context) if d.answer == "Dzerzhinsky")
    assert draft.alternatives == ["Felix Dzerzhinsky", "Iron Felix"]
    assert "entity:person:dzerzhinsky" in draft.tags


def test_registered_by_name():
    assert isinstance(registry()["short_answer"], ShortAnswer)


def test_semicolon_halves_stand_alone():
    text = (
        "The Canton Commune lasted only forty-eight hours; its fall was accompanied by a"
        " dreadful slaughter."
    )
    halves = [v for v in views(tagged(text, **SERGE)) if v.who is None][1:]
    assert [render(v.parse.tokens, range(len(v.parse.tokens))) for v in halves] == [
        "The Canton Commune lasted only forty-eight hours",
        "its fall was accompanied by a dreadful slaughter.",
    ]


def test_reporting_verb_gives_its_clause_attributed_to_the_speaker():
    text = "The KGB revealed that Yezhov had been arrested in 1939."
    (reported,) = [v for v in views(tagged(text, **POLICE)) if v.who]
    assert reported.who == "The KGB"
    assert render(reported.parse.tokens, range(len(reported.parse.tokens))) == (
        "Yezhov had been arrested in 1939"
    )


def test_a_possessive_in_a_subject_question_refers_to_the_answer():
    _, drafts = drafts_for("Stalin made up his mind in 1936.", SERGE)
    pairs = [(d.stem, d.answer) for d in drafts]
    assert ("According to Serge, who made up his mind in 1936?", "Stalin") in pairs
    # asked about the year, "his" would have no referent in the stem
    assert not any(answer == "1936" for _, answer in pairs)


def test_a_document_taken_for_a_speaker_is_skipped():
    text = "Trotsky was expelled from the Central Committee in October 1927."
    assert drafts_for(text, POLICE, quoted_by="Letter")[1] == []


def test_a_speaker_that_is_no_name_reads_in_lower_case():
    text = "Trotsky was expelled from the Central Committee in October 1927."
    _, drafts = drafts_for(text, POLICE, quoted_by="A factory worker")
    assert drafts and all(d.stem.startswith("According to a factory worker, ") for d in drafts)
    assert drafts_for(text, POLICE, quoted_by="Letter")[1] == []


def test_a_time_relative_to_an_earlier_one_is_vague():
    from quizapp.generators.clauses import Parse
    from quizapp.generators.stems import vague_reason

    sentence = tagged("Grober had spoken at the meeting nine years before.", **SERGE)
    parse = Parse(sentence.tokens)
    before = next(t.i for t in sentence.tokens if t.text == "before")
    assert vague_reason(parse, {before}) is not None


def test_a_list_line_gives_no_question():
    text = (
        "Principal works: Translations of the works of Lenin and Trotsky; Gladkov's novel Cement."
    )
    assert drafts_for(text, SERGE)[1] == []


def test_no_question_on_a_sentence_that_happens_at_once_after_another():
    text = "Lenin at once conceives the project of an offensive against Warsaw in 1920."
    sentence = tagged(text)
    assert ShortAnswer().generate(sentence, make_context([sentence])) == []
    plain = tagged("Lenin conceives the project of an offensive against Warsaw in 1920.")
    assert ShortAnswer().generate(plain, make_context([plain]))
