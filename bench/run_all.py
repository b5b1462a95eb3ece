"""The benchmark suite `make bench` runs: every bench script, then one table of figures,
each beside the baseline measured in the same run, and bench/results.json.

Scripts, in order (each merges its section into bench/results.json, which is started
afresh): ingest.py (ingest vs spaCy alone), pipeline.py (the whole pipeline vs spaCy
alone), export.py when present (Anki export vs raw genanki), sql_counts.py (statements per
request at 1,000 vs 100,000 items), search.py on SQLite and on PostgreSQL (/bank and its
searches at 100,000 items vs the bare SELECT route), memory.py (peak memory of generate on
the corpus x20 vs x1), load.py (question page and answer POST vs the bare SELECT and
INSERT routes, on PostgreSQL and SQLite), faults.py (worker kill, PostgreSQL restart,
read-only SQLite). A script that fails is reported in the table and the suite goes on.
Nothing is asserted.

    .venv/bin/python bench/run_all.py [--quick] [--skip NAME ...]

--quick: ingest of the shipped corpus only, SQL counts at 1,000 and 10,000 items, 20-second
load and fault runs. --keep with --skip: the skipped steps' figures of an earlier run stay
(each still beside the baseline its own run measured).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results.json"
PYTHON = sys.executable


def steps(quick: bool) -> list[tuple[str, list[str]]]:
    q = ["--quick"] if quick else []
    planned = [
        ("ingest", ["ingest.py", *q]),
        ("pipeline", ["pipeline.py"]),
        ("export", ["export.py"]),
        ("sql_counts", ["sql_counts.py", *q]),
        ("search_sqlite", ["search.py", "--database", "sqlite", *q]),
        ("search_postgresql", ["search.py", "--database", "postgresql", *q]),
        ("memory", ["memory.py"]),
        ("load", ["load.py", *q]),
        ("faults", ["faults.py", *q]),
    ]
    return [(name, args) for name, args in planned if (BENCH / args[0]).exists()]


def run_step(name: str, args: list[str]) -> dict:
    """Run one script, echoing its output; its status, time and output."""
    print(f"\n=== {name}: {' '.join(args)}", flush=True)
    started = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, *args], cwd=BENCH, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines = []
    for line in process.stdout:
        if "alembic.runtime.migration" not in line:
            print(line, end="", flush=True)
        lines.append(line)
    process.wait()
    return {
        "status": process.returncode,
        "seconds": round(time.perf_counter() - started, 1),
        "output": "".join(lines),
    }


# ---- the table -------------------------------------------------------------------------


def rows_of(results: dict, runs: dict) -> list[tuple[str, str, str, str]]:
    """(figure, value, baseline, value/baseline) rows from every section present."""
    rows: list[tuple[str, str, str, str]] = []

    def add(figure: str, value, baseline, unit: str = "", digits: int = 2) -> None:
        ratio = f"{value / baseline:.2f}" if value is not None and baseline else ""
        rows.append((figure, _fmt(value, unit, digits), _fmt(baseline, unit, digits), ratio))

    for workload in results.get("ingest", {}).get("workloads", []):
        add(
            f"ingest {workload['workload']} (vs spaCy alone)",
            workload["ingest_seconds"],
            workload["spacy_seconds"],
            " s",
        )
    pipeline = results.get("pipeline")
    if pipeline:
        for run in pipeline["runs"]:
            add(
                f"pipeline, {run['workers']} worker(s) (vs spaCy alone)",
                run["seconds"]["total"],
                pipeline["spacy_seconds"],
                " s",
            )
    export = results.get("export") or _export_from_output(runs.get("export", {}))
    if export:
        add(
            "Anki export (vs raw genanki)",
            export["quizapp_seconds"],
            export["genanki_seconds"],
            " s",
            3,
        )
    for key in ("sql_counts_sqlite", "sql_counts_postgresql"):
        counts = results.get(key)
        if not counts:
            continue
        small, large = (str(s) for s in counts["sizes"])
        pages = counts["pages"]
        for page, row in pages[large].items():
            add(
                f"SQL/request {page} @{int(large):,} ({counts['database']}; vs @{int(small):,})",
                row["statements"],
                pages[small][page]["statements"],
                "",
                0,
            )
    for key in ("search_sqlite", "search_postgresql"):
        search = results.get(key)
        if not search:
            continue
        base = search["pages"]["bare SELECT (baseline)"]
        for page, row in search["pages"].items():
            if row is base:
                continue
            add(
                f"{page} @{search['items']:,} ({search['database']}; vs bare SELECT)",
                row["median_ms"],
                base["median_ms"],
                " ms",
                1,
            )
    memory = results.get("memory")
    if memory:
        add(
            f"generate peak RSS, corpus x{memory['repeat']} (vs x1)",
            memory["repeated"]["peak_rss_mb"],
            memory["once"]["peak_rss_mb"],
            " MB",
            0,
        )
    load = results.get("load")
    if load:
        for database, figures in load["figures"].items():
            for page, bare in (("question page", "bare SELECT"), ("answer POST", "bare INSERT")):
                add(
                    f"{page} rps, {database} (vs {bare})",
                    figures[page]["rps"],
                    figures[bare]["rps"],
                    "",
                    1,
                )
                for p in ("p50_ms", "p95_ms", "p99_ms"):
                    add(
                        f"{page} {p[:3]}, {database} (vs {bare})",
                        figures[page][p],
                        figures[bare][p],
                        " ms",
                        0,
                    )
        for run in load["runs"]:
            add(f"5xx during the load, {run['database']} (vs none)", run["5xx"], 0, "", 0)
            add(
                f"responses stored, {run['database']} (vs answer POSTs recorded)",
                run["responses_stored_in_run"],
                run["answers_recorded_new"],
                "",
                0,
            )
    for name, run in runs.items():
        if run["status"] != 0:
            rows.append((f"{name} FAILED (exit {run['status']})", _last_line(run), "", ""))
    return rows


def fault_lines(results: dict) -> list[str]:
    """One line per fault scenario: what failed, for how long, and what held."""
    return [
        f"fault {name}: {_fault_summary(finding)}"
        for name, finding in (results.get("faults") or {}).items()
    ]


def _fault_summary(finding: dict) -> str:
    spell = finding.get("outage_read_only_start") or finding.get("outage") or {}
    failed = sum(spell.get("failed_requests", {}).values())
    parts = [f"{failed} failed requests over {spell.get('bad_seconds', 0)} s"]
    for key in (
        "new_workers_started",
        "no_recorded_answer_lost",
        "attempts_not_whole",
        "integrity_check",
        "healthz_after",
    ):
        if key in finding:
            parts.append(f"{key}={' '.join(str(finding[key]).split())}")
    return "; ".join(parts)


def _export_from_output(run: dict) -> dict | None:
    """bench/export.py prints its figures: 'quizapp export anki: X s wall' and 'raw genanki: Y'."""
    output = run.get("output", "")
    ours = re.search(r"quizapp export anki:\s+([\d.]+) s wall", output)
    theirs = re.search(r"raw genanki:\s+([\d.]+) s wall", output)
    if not (ours and theirs):
        return None
    return {"quizapp_seconds": float(ours.group(1)), "genanki_seconds": float(theirs.group(1))}


def _fmt(value, unit: str, digits: int) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and digits:
        return f"{value:,.{digits}f}{unit}"
    return f"{value:,.0f}{unit}" if isinstance(value, (int, float)) else f"{value}{unit}"


def _last_line(run: dict) -> str:
    lines = [line for line in run.get("output", "").splitlines() if line.strip()]
    return lines[-1][:100] if lines else ""


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    header = ("figure", "value", "baseline (same run)", "ratio")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    widths[1] = min(widths[1], 60)
    print()
    for number, row in enumerate([header, *rows]):
        print(
            f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:>{widths[2]}}  "
            f"{row[3]:>{widths[3]}}"
        )
        if number == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs (see above)")
    parser.add_argument("--skip", nargs="*", default=[], help="names of steps to leave out")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep bench/results.json: skipped steps show their last figures",
    )
    args = parser.parse_args(argv)
    if not args.keep:
        RESULTS.unlink(missing_ok=True)  # every figure in the table comes from this run
    runs = {}
    for name, script in steps(args.quick):
        if name not in args.skip:
            runs[name] = run_step(name, script)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["suite"] = {
        "quick": args.quick,
        "steps": {
            name: {k: v for k, v in run.items() if k != "output"} for name, run in runs.items()
        },
    }
    export = _export_from_output(runs.get("export", {}))
    if export and "export" not in results:
        results["export"] = export
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    rows = rows_of(results, runs)
    print_table(rows)
    for line in fault_lines(results):
        print(line)
    print(f"\nwritten to {RESULTS}")


if __name__ == "__main__":
    main()
