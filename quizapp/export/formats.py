"""The formats the study exports write: a builder, a file extension and a media type.

Shared by the `quizapp export` commands and the download routes of the bank.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from quizapp.export.anki import build_apkg
from quizapp.export.csv_export import build_csv
from quizapp.export.gift import build_gift
from quizapp.export.moodle_xml import build_moodle_xml
from quizapp.export.selection import Selection


@dataclass(frozen=True)
class Format:
    label: str
    build: Callable[[Selection, str | None], bytes]
    extension: str
    mimetype: str


FORMATS = {
    "anki": Format("Anki deck", build_apkg, "apkg", "application/octet-stream"),
    "moodle-xml": Format("Moodle XML", build_moodle_xml, "xml", "application/xml"),
    "gift": Format("GIFT", build_gift, "gift.txt", "text/plain; charset=utf-8"),
    "csv": Format("CSV", build_csv, "csv", "text/csv; charset=utf-8"),
}
