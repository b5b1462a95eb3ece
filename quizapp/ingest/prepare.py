"""Turn one source text into plain records ready to store: clean, lay out, segment, key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from quizapp.ingest.analysis import sentence_analysis
from quizapp.ingest.clean import clean
from quizapp.ingest.keys import content_hash, stable_keys
from quizapp.ingest.layout import Layout, build_layout
from quizapp.ingest.segment import doc_sentence_spans, parse


@dataclass
class SentenceRecord:
    key: str
    ordinal: int
    start: int
    end: int
    text: str
    text_hash: str
    passage: int  # index into PreparedDocument.passages
    footnote: int | None  # index into PreparedDocument.footnotes
    analysis: dict = field(default_factory=dict)  # tokens and entities, see ingest/analysis.py


@dataclass
class FootnoteRecord:
    key: str
    ordinal: int
    marker: str
    start: int
    end: int
    passage: int


@dataclass
class PassageRecord:
    key: str
    ordinal: int
    kind: str
    start: int
    end: int
    emphasis: list[tuple[int, int]]
    section: int


@dataclass
class SectionRecord:
    key: str
    ordinal: int
    title: str


@dataclass
class PreparedDocument:
    text: str
    sections: list[SectionRecord] = field(default_factory=list)
    passages: list[PassageRecord] = field(default_factory=list)
    footnotes: list[FootnoteRecord] = field(default_factory=list)
    sentences: list[SentenceRecord] = field(default_factory=list)

    @property
    def first_heading(self) -> str | None:
        return next((s.title for s in self.sections if s.title), None)


def prepare_document(
    raw_text: str, slug: str, model: str, progress: Callable[[float], None] | None = None
) -> PreparedDocument:
    """Run the pure ingest stages over `raw_text` for the document `slug`.

    `progress`, when given, is called with the share of the text segmented so far.
    """
    layout = build_layout(clean(raw_text))
    prepared = PreparedDocument(layout.text)
    _add_structure(prepared, layout, slug)
    _add_sentences(prepared, layout, slug, model, progress or (lambda share: None))
    return prepared


def _add_structure(prepared: PreparedDocument, layout: Layout, slug: str) -> None:
    section_keys = stable_keys(slug, "section", (s.title for s in layout.sections))
    passage_keys = stable_keys(slug, "passage", (p.text for p in layout.passages))
    notes = [n for p in layout.passages for n in p.footnotes]
    note_keys = stable_keys(slug, "footnote", (f"{n.marker} {n.text}" for n in notes))
    passage_index = 0
    for s_index, section in enumerate(layout.sections):
        prepared.sections.append(SectionRecord(section_keys[s_index], s_index, section.title))
        for passage in section.passages:
            prepared.passages.append(
                PassageRecord(
                    passage_keys[passage_index],
                    passage_index,
                    passage.kind,
                    passage.start,
                    passage.end,
                    list(passage.emphasis),
                    s_index,
                )
            )
            for note in passage.footnotes:
                n_index = len(prepared.footnotes)
                prepared.footnotes.append(
                    FootnoteRecord(
                        note_keys[n_index],
                        n_index,
                        note.marker,
                        note.start,
                        note.end,
                        passage_index,
                    )
                )
            passage_index += 1


def _add_sentences(
    prepared: PreparedDocument,
    layout: Layout,
    slug: str,
    model: str,
    progress: Callable[[float], None],
) -> None:
    # Units to segment, in reading order: each passage, then its footnotes.
    units: list[tuple[int, int, int | None]] = []  # (text start, passage index, footnote index)
    texts: list[str] = []
    notes_of: dict[int, list[FootnoteRecord]] = {}
    for note in prepared.footnotes:
        notes_of.setdefault(note.passage, []).append(note)
    for record in prepared.passages:
        units.append((record.start, record.ordinal, None))
        texts.append(layout.text[record.start : record.end])
        for note in notes_of.get(record.ordinal, []):
            units.append((note.start, record.ordinal, note.ordinal))
            texts.append(layout.text[note.start : note.end])
    pending: list[tuple[int, int, int, int | None]] = []
    analyses: list[dict] = []
    total = max(len(layout.text), 1)
    for (offset, passage, footnote), doc in zip(units, parse(texts, model), strict=True):
        progress(offset / total)
        for start, end in doc_sentence_spans(doc):
            pending.append((offset + start, offset + end, passage, footnote))
            analyses.append(sentence_analysis(doc, start, end))
    sentence_texts = [layout.text[start:end] for start, end, _, _ in pending]
    progress(1.0)
    keys = stable_keys(slug, "sentence", sentence_texts)
    for ordinal, ((start, end, passage, footnote), text, key, analysis) in enumerate(
        zip(pending, sentence_texts, keys, analyses, strict=True)
    ):
        prepared.sentences.append(
            SentenceRecord(
                key, ordinal, start, end, text, content_hash(text), passage, footnote, analysis
            )
        )
