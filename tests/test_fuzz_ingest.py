"""Fuzzing the ingest's pure stages: any bytes and any text give a result or a clear refusal.

decode_source either decodes or raises SourceError (never another exception); clean,
split_paragraphs and strip_markup take any text, and what they return keeps its shape:
paragraphs of a known kind with text, emphasis spans inside the plain text.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.ingest.clean import clean
from quizapp.ingest.load import SourceError, decode_source
from quizapp.ingest.markup import strip_markup

KINDS = {"body", "heading", "footnote", "caption", "attribution"}
# Text shaped like a corpus: words, markup, note markers, blank lines, page numbers.
PIECES = st.sampled_from(
    [
        "The",
        "Cheka",
        "was",
        "founded",
        "in",
        "1917.",
        "*power*",
        "_state_",
        "[1]",
        "†",
        "*",
        "1.",
        "found-",
        "\n",
        "\n\n",
        "\n\n\n\n",
        "  ",
        "—",
        "CHAPTER I",
        "12",
        "“Quoted”",
        "\t",
        "\r\n",
        "<b>",
        "\u00ad",
        "\ufeff",
    ]
)
CORPUS_LIKE = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=120).map(" ".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "b.md", "c.text", "d"]))
def test_decode_source_decodes_or_refuses_with_a_reason(data, name):
    try:
        source = decode_source(name, data)
    except SourceError as refusal:
        assert str(refusal)
    else:
        assert isinstance(source.text, str) and "\r" not in source.text


@FUZZ
@given(st.one_of(CORPUS_LIKE, st.text(max_size=400)))
def test_clean_takes_any_text(text):
    for para in clean(text):
        assert para.kind in KINDS
        assert para.text.strip(), para
        assert para.line >= 1


@FUZZ
@given(st.one_of(CORPUS_LIKE, st.text(max_size=300)))
def test_strip_markup_keeps_emphasis_inside_the_plain_text(text):
    plain = strip_markup(text.replace("\n", " "))
    for start, end in plain.emphasis:
        assert 0 <= start <= end <= len(plain.text)
