"""Words hyphenated across a line or page break: rejoined, unless they are real compounds."""

from __future__ import annotations

import pytest

from quizapp.ingest.clean import clean
from quizapp.ingest.paragraphs import split_paragraphs
from quizapp.ingest.words import join_broken_word, keeps_hyphen, lexicon_of

# corpus/secret-police-degeneration.txt: a page break fell inside `founding`.
SECRET_POLICE = """\
The first head of the Cheka (which in 1922 was reorganized as the "State Political \
Administration" or GPU) was Felix Dzerzhinsky, a Polish intellectual and a found-

ing member of the Social Democracy of the Kingdom of Poland and Lithuania (SDKPiL). \
Dzerzhinsky, who joined the Bolsheviks in the summer of 1917 following his release \
from Moscow Central Prison, was known as "Iron Felix" for his dedication and powers \
of endurance. He led the Cheka until his death in 1926.

None of these offerings provides an analysis of Stalinist rule from a revolutionary \
perspective, and many of them have a decidedly anti-communist bias. However, they do \
provide a more detailed picture of how the October Revolution was betrayed.

Dzerzhinsky's record was not pristine: he allied himself with Stalin in seeking to \
strengthen the central apparatus at the expense of the national rights of the \
non-Russian peoples of the USSR, notably the Georgians.
"""

# Mignet, ch. I (Project Gutenberg, hard-wrapped): `states-` / `general` at a line end,
# spelled `states-general` elsewhere in the same text.
MIGNET = """\
The 5th of May, 1789, was fixed for the opening of the states-general. A
long time had elapsed since the nation had been called upon to deliberate
on its interests, and the ministers had formed no plan for the
convocation of the states-general.

It was by means of these preliminary questions that the keeper of the
seals determined the province of the states-
general, and the court hoped to keep the orders apart in their
deliberations from the first day of the session.
"""


def test_lexicon_holds_words_and_compounds_and_their_parts():
    lexicon = lexicon_of("a decidedly anti-communist bias; the founding member")
    assert {"anti-communist", "anti", "communist", "founding", "member"} <= lexicon


def test_lexicon_is_lower_cased_and_skips_numbers():
    lexicon = lexicon_of("Non-Russian peoples in 1917")
    assert "non-russian" in lexicon and "peoples" in lexicon
    assert not any(word.isdigit() for word in lexicon)


def test_syllable_break_is_joined_when_the_whole_word_occurs_elsewhere():
    lexicon = lexicon_of("founding member")
    assert join_broken_word("a found-", "ing member of", lexicon) == "a founding member of"


def test_syllable_break_is_joined_even_without_evidence():
    # Typesetters made most breaks: with no evidence either way the hyphen goes.
    assert join_broken_word("the revolu-", "tion began", set()) == "the revolution began"


@pytest.mark.parametrize(
    ("head", "tail"),
    [("anti", "communist"), ("non", "Russian"), ("self", "confidence"), ("counter", "revolution")],
)
def test_prefixes_english_hyphenates_keep_the_hyphen(head, tail):
    assert keeps_hyphen(head, tail, set())


def test_capitalised_second_part_keeps_the_hyphen():
    # `non-Russian`, `Brest-Litovsk`: a capital after the break is never a syllable.
    assert keeps_hyphen("Brest", "Litovsk", set())
    assert join_broken_word("the non-", "Russian peoples", set()) == "the non-Russian peoples"


def test_compound_spelled_with_a_hyphen_elsewhere_keeps_it():
    lexicon = lexicon_of(MIGNET)
    assert keeps_hyphen("states", "general", lexicon)
    assert join_broken_word("the states-", "general, and", lexicon) == "the states-general, and"


def test_joined_form_elsewhere_beats_a_hyphenating_prefix():
    # `over-` is a hyphenating prefix, but the text itself writes `overthrowing`.
    lexicon = lexicon_of("capable of overthrowing a Bonapartist oligarchy")
    assert not keeps_hyphen("over", "throwing", lexicon)


def test_dash_at_line_end_is_not_a_broken_word():
    text = (
        "Winter was coming on--the terrible Russian winter. I heard business men--\n"
        "talk about it as a boon to the rich, and I saw the queues lengthen in the\n"
        "streets of the capital every morning before the shops had opened.\n"
    )
    [para] = split_paragraphs(text, lexicon_of(text))
    assert "business men--talk about" in para.text


def test_mignet_states_general_is_kept_across_a_line_break():
    paras = split_paragraphs(MIGNET, lexicon_of(MIGNET))
    assert len(paras) == 2
    assert "province of the states-general, and the court" in paras[1].text
    assert "states- general" not in paras[1].text


def test_found_ing_across_a_page_break_is_rejoined():
    paras = clean(SECRET_POLICE)
    text = "\n".join(p.text for p in paras)
    assert "Polish intellectual and a founding member of the Social Democracy" in text
    assert "found-" not in text and "found- ing" not in text
    assert paras[0].text.endswith("He led the Cheka until his death in 1926.")


def test_real_compounds_survive_cleaning():
    text = "\n".join(p.text for p in clean(SECRET_POLICE))
    assert "decidedly anti-communist bias" in text
    assert "the non-Russian peoples of the USSR" in text
