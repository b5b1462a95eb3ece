"""Read gold files: JSON Lines with an id, a source sentence, a question and an answer."""

from __future__ import annotations

import json
from pathlib import Path


def read_gold(path: str | Path) -> list[dict]:
    """Return the gold records; a bad line raises ValueError naming the file and line."""
    records = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(record, dict) or not record.get("sentence"):
            raise ValueError(f"{path}:{number}: a gold line needs a 'sentence'")
        record.setdefault("id", f"line-{number}")
        records.append(record)
    return records
