"""Inline markup: emphasis stars, `_italics_` and note markers leave the text, recorded aside."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.ingest.markup import strip_markup

PAIRED_STARS = re.compile(r"\*[^*\s][^*]*\*")


def emphasised(plain) -> list[str]:
    return [plain.text[start:end] for start, end in plain.emphasis]


def test_star_emphasis_is_removed_and_recorded():
    # corpus/serge-lenin-to-stalin.txt
    plain = strip_markup(
        "More recently certain ephemeral *mysticisms* have arisen—to use a fashionable, "
        "rather meaningless word—on the one hand, the mysticism of the plan"
    )
    assert plain.text.startswith("More recently certain ephemeral mysticisms have arisen—to use")
    assert emphasised(plain) == ["mysticisms"]
    assert plain.notes == []


def test_several_emphasised_titles_in_one_paragraph():
    plain = strip_markup(
        "*Malraux in *Man's Fate* has thrown some light on these episodes. His previous "
        "book, *The Conquerors* was forbidden in the U.S.S.R."
    )
    assert "*" not in plain.text
    assert "Man's Fate" in emphasised(plain) and "The Conquerors" in emphasised(plain)


def test_underscore_italics_are_removed_and_recorded():
    # Reed, ch. I (Project Gutenberg)
    plain = strip_markup(
        "the All-Russian Congress _should have been called in September;_ but the "
        "_Tsay-ee-kah_ would not call the meeting"
    )
    assert "_" not in plain.text
    assert emphasised(plain) == ["should have been called in September;", "Tsay-ee-kah"]


def test_bracket_marker_right_after_italics_is_a_note():
    plain = strip_markup("but the _Tsay-ee-kah_[2] would not call the meeting")
    assert plain.text == "but the Tsay-ee-kah would not call the meeting"
    assert plain.notes == ["[2]"]
    assert emphasised(plain) == ["Tsay-ee-kah"]


def test_italics_closing_before_a_word_after_a_dash():
    # Reed: `_Tabel o Rangov--_Table of Ranks--which`
    plain = strip_markup("Peter the Great's _Tabel o Rangov--_Table of Ranks--which he rivetted")
    assert plain.text == "Peter the Great's Tabel o Rangov--Table of Ranks--which he rivetted"


def test_underscores_inside_words_are_text():
    assert strip_markup("the snake_case name and x_y_z").text == "the snake_case name and x_y_z"


def test_star_marker_after_punctuation_is_a_note():
    plain = strip_markup("Given a party, an intellect, a will, history will be made.* But if")
    assert plain.text == "Given a party, an intellect, a will, history will be made. But if"
    assert plain.notes == ["*"]


def test_star_marker_after_a_closing_quote_before_a_dash():
    plain = strip_markup('a low voice, a ruthless tongue"* —Zinoviev is the chairman')
    assert plain.text == 'a low voice, a ruthless tongue" —Zinoviev is the chairman'
    assert plain.notes == ["*"]


def test_double_star_marker_touching_a_dash():
    # `icons**—and`: the marker of the second note on the page
    plain = strip_markup("we shall sell everything except alcohol and icons**—and almost all")
    assert plain.text == "we shall sell everything except alcohol and icons—and almost all"
    assert plain.notes == ["**"]


def test_emphasis_closing_star_followed_by_a_marker():
    # A verse in italics whose last line carries the note: `factories.**` is `*` + `*`.
    plain = strip_markup(
        "*Stalin's greatness is a halo Around the constellations of the firmament, "
        "Around men and factories.**"
    )
    assert plain.text.endswith("Around men and factories.")
    assert "*" not in plain.text
    assert plain.notes == ["*"]
    assert emphasised(plain) == [plain.text]


def test_dagger_markers_are_notes():
    plain = strip_markup("the decree of 1918.† It was obeyed.‡")
    assert plain.text == "the decree of 1918. It was obeyed."
    assert plain.notes == ["†", "‡"]


def test_bracket_markers_are_notes_in_order():
    plain = strip_markup(
        "discovered to be forgeries;[1] and the Central Army and Fleet Committees,[2] and"
    )
    assert plain.text == (
        "discovered to be forgeries; and the Central Army and Fleet Committees, and"
    )
    assert plain.notes == ["[1]", "[2]"]


def test_bracketed_years_and_insertions_are_text():
    # Marx, The Civil War in France: editorial insertions kept as transcribed.
    text = "used it for the June [1848] massacres; [Leo Frankel] was elected"
    plain = strip_markup(text)
    assert plain.text == text and plain.notes == []


def test_bare_note_number_between_sentences_is_a_note():
    # corpus/trotsky-revolution-betrayed-ch11.txt, note `1. Translator's Note: ...`
    plain = strip_markup(
        "its own political enemies (the affair of Zinoviev, Kamenev and the others). "
        "1 Individual terror is a weapon of impatient or despairing individuals"
    )
    assert "others). Individual terror is" in plain.text
    assert plain.notes == ["1"]


def test_numbers_after_abbreviations_are_text():
    for text in ["On Nov. 7 Lenin spoke", "See Vol. 1 Lenin's works", "in 1917. 2 Men came"]:
        assert strip_markup(text).text == text


def test_stray_star_is_dropped():
    assert strip_markup("The decree * was read").text == "The decree was read"


def test_quotes_and_dashes_are_kept_as_written():
    text = (
        "“Dzerzhinsky was brought into the Political Bureau after Lenin’s death.” "
        "‘‘The Socialist Fatherland Is in Danger.’’ – or, in other words -- "
        "the mutiny—and it was this mutiny"
    )
    assert strip_markup(text).text == text


def test_emphasis_spans_point_at_the_plain_text():
    plain = strip_markup("In Paris, *l'Ere Nouvelle* wrote on *August 26th*:")
    assert plain.text == "In Paris, l'Ere Nouvelle wrote on August 26th:"
    assert emphasised(plain) == ["l'Ere Nouvelle", "August 26th"]


MARKUPISH = st.text(
    alphabet=st.sampled_from(list("ab Z.,;:!?\"'“”’()[]-—–_*†‡0123456789\t")), max_size=80
)


@settings(max_examples=300, deadline=None)
@given(MARKUPISH)
def test_strip_markup_never_raises_and_leaves_no_paired_stars(text):
    plain = strip_markup(text)
    assert not PAIRED_STARS.search(plain.text)
    assert "*" not in plain.text
    for start, end in plain.emphasis:
        assert 0 <= start <= end <= len(plain.text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True), min_size=1, max_size=6))
def test_emphasised_words_come_back_verbatim(words):
    text = "Before " + " ".join(f"*{w}*" for w in words) + " after."
    plain = strip_markup(text)
    assert plain.text == "Before " + " ".join(words) + " after."
    assert emphasised(plain) == words
