"""The `quizapp` command: ingest with bad input, corpus stats, eval sentences."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Document

ROOT = Path(__file__).resolve().parent.parent
GOOD = (
    "A Title\n\nThe Cheka was established in December 1917 by the Soviet government in Petrograd.\n"
)


def documents() -> int:
    return db.session.scalar(select(func.count()).select_from(Document))


@pytest.fixture
def good_file(tmp_path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD)
    return path


def bad_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.txt"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "blank":
        path.write_bytes(b"\n \n\t\n")
    elif kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    elif kind == "undecodable":
        path.write_bytes(b"The Cheka " + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 40)
    elif kind == "huge":
        with path.open("wb") as handle:
            handle.truncate(20 * 1024 * 1024 + 1)
    elif kind == "missing":
        pass
    return path


@pytest.mark.parametrize(
    "kind, reason",
    [
        ("missing", "no such file"),
        ("empty", "empty file"),
        ("blank", "empty file"),
        ("binary", "binary file"),
        ("undecodable", "undecodable"),
        ("huge", "over the limit"),
    ],
)
def test_bad_input_gets_a_one_line_error_and_writes_nothing(
    runner, tmp_path, good_file, kind, reason
):
    path = bad_file(tmp_path, kind)
    result = runner.invoke(args=["ingest", str(path), str(good_file)])
    assert result.exit_code != 0
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert str(path) in errors[0] and reason in errors[0]
    # the good file given beside it is ingested; nothing of the bad one is
    assert documents() == 1
    assert db.session.scalar(select(Document.slug)) == "good"


def test_an_8_bit_file_is_decoded_with_a_warning(runner, tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "Café Society\n\nThe émigrés met in a café in Paris in 1921 to plan.\n".encode("cp1252")
    )
    result = runner.invoke(args=["ingest", str(path)])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.output and "cp1252" in result.output
    assert "émigrés" in db.session.scalar(select(Document.text))


def test_ingest_of_a_folder_uses_its_manifest(runner, tmp_path, good_file):
    (tmp_path / "manifest.toml").write_text(
        '[[document]]\nslug = "cheka"\ntitle = "On the Cheka"\nauthor = "A. Writer"\n'
        'year = 1990\nfile = "good.txt"\n'
    )
    result = runner.invoke(args=["ingest", str(tmp_path)])
    assert result.exit_code == 0, result.output
    document = db.session.scalar(select(Document))
    assert (document.slug, document.title, document.author, document.year) == (
        "cheka",
        "On the Cheka",
        "A. Writer",
        1990,
    )


def test_a_manifest_naming_a_missing_file_is_an_error(runner, tmp_path):
    (tmp_path / "manifest.toml").write_text(
        '[[document]]\nslug = "x"\ntitle = "X"\nfile = "absent.txt"\n'
    )
    result = runner.invoke(args=["ingest", str(tmp_path)])
    assert result.exit_code != 0
    assert "absent.txt" in result.output
    assert documents() == 0


def test_corpus_stats_prints_every_count(runner, good_file):
    runner.invoke(args=["ingest", str(good_file)])
    result = runner.invoke(args=["corpus", "stats"])
    assert result.exit_code == 0
    for label in ("documents", "sections", "passages", "sentences", "footnotes", "witnesses"):
        assert label in result.output
    assert "documents            1" in result.output


def test_eval_sentences_json_on_the_shipped_corpus(corpus_app, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {
                    "id": "a",
                    "sentence": "Until Lenin's arrival in Russia, the revolution marked time.",
                },
                {"id": "b", "sentence": "Until Lenin's arrival in Russia"},
                {"id": "c", "sentence": "Lenin flew to the moon in a balloon made of newspapers."},
                {"id": "d", "sentence": "It was all over. Kerensky fled."},
            ]
        )
        + "\n"
    )
    result = corpus_app.test_cli_runner().invoke(args=["eval", "sentences", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["total"], report["exact"], report["ratio"]) == (4, 1, 0.25)
    verdicts = {p["id"]: p["verdict"] for p in report["problems"]}
    assert verdicts == {"b": "merged", "c": "missing", "d": "split"}


def test_eval_sentences_names_a_bad_gold_line(runner, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "sentence": "x"}\nnot json\n')
    result = runner.invoke(args=["eval", "sentences", str(gold)])
    assert result.exit_code != 0
    assert "gold.jsonl:2" in result.output


def test_the_commands_are_reachable_through_flask_and_quizapp():
    bin_dir = Path(sys.executable).parent
    for command in (
        [str(bin_dir / "quizapp"), "--help"],
        [str(bin_dir / "flask"), "--app", "quizapp", "--help"],
    ):
        output = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
        for name in ("ingest", "corpus", "eval", "db"):
            assert name in output.stdout


def test_parallel_ingest_stores_what_a_serial_one_does(runner, tmp_path):
    from quizapp.models import Sentence

    first = tmp_path / "a.txt"
    first.write_text(
        GOOD + "\nThe GPU replaced the Cheka in 1922, and Dzerzhinsky stayed at its head.\n"
    )
    second = tmp_path / "b.txt"
    second.write_text(
        GOOD.replace("Cheka", "“Cheka”")
        + "\nThe GPU replaced the Cheka in 1922, and Dzerzhinsky stayed at its head.\n"
    )
    result = runner.invoke(args=["ingest", "--workers", "2", str(first), str(second)])
    assert result.exit_code == 0, result.output
    assert "b: created" in result.output and "a second witness of a" in result.output
    parallel = sorted(db.session.scalars(select(Sentence.key)))
    for table in ("sentence", "footnote", "passage", "section", "document"):
        db.session.execute(db.text(f"DELETE FROM {table}"))
    db.session.commit()
    assert runner.invoke(args=["ingest", str(first), str(second)]).exit_code == 0
    assert sorted(db.session.scalars(select(Sentence.key))) == parallel
