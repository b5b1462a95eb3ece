"""Keep what spaCy found in each sentence as plain data: tokens with their parse, entities.

Ingest runs the pipeline once; tagging and generation read these records instead of
running it again. Offsets are relative to the sentence, head indices to its tokens
(-1 when the head lies outside the sentence).
"""

from __future__ import annotations

# Positions in a token row; tagging and generation read rows through these names.
OFFSET, TEXT, SPACE, LEMMA, POS, TAG, DEP, HEAD = range(8)


def sentence_analysis(doc, start: int, end: int) -> dict:
    """The tokens and entities of doc.text[start:end] as a JSON-ready dict."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return {"tokens": [], "entities": []}
    first, count = span.start, len(span)
    rows = []
    for token in span:
        head = token.head.i - first
        rows.append(
            [
                token.idx - start,
                token.text,
                token.whitespace_,
                token.lemma_,
                token.pos_,
                token.tag_,
                token.dep_,
                head if 0 <= head < count else -1,
            ]
        )
    entities = [[e.start_char - start, e.end_char - start, e.label_] for e in span.ents]
    return {"tokens": rows, "entities": entities}
