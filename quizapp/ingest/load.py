"""Read a source file into text, refusing what is not a usable text file."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md", ".text"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class SourceError(Exception):
    """A file that cannot be ingested; the message names the file and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass
class SourceText:
    path: str
    text: str
    encoding: str
    checksum: str
    warnings: list[str] = field(default_factory=list)


def read_source(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read one file; raise SourceError for a missing, empty, binary, huge or undecodable one."""
    path = Path(path)
    if not path.exists():
        raise SourceError(path, "no such file")
    if not path.is_file():
        raise SourceError(path, "not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise SourceError(path, f"file is {size:,} bytes, over the limit of {max_bytes:,}")
    return decode_source(path, path.read_bytes())


def decode_source(name: str | Path, data: bytes) -> SourceText:
    """Decode bytes read from `name` (a path or an upload's file name)."""
    if not data.strip():
        raise SourceError(name, "empty file")
    text, encoding, warnings = _decode(name, data)
    if not text.strip():
        raise SourceError(name, "empty file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    checksum = hashlib.sha256(data).hexdigest()
    return SourceText(str(name), text, encoding, checksum, warnings)


def _decode(name: str | Path, data: bytes) -> tuple[str, str, list[str]]:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, []
            except UnicodeDecodeError as exc:
                raise SourceError(name, f"undecodable {encoding} at byte {exc.start}") from exc
    if b"\x00" in data[:65536] or _control_share(data[:65536]) > 0.05:
        raise SourceError(name, "binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # An 8-bit file (Windows-1252, Latin-1) decodes with a warning; one where the
    # guess yields unusual characters is more likely something else and is refused.
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            warning = f"{name}: not UTF-8 (byte {utf8_error.start}); decoded as {encoding}"
            return text, encoding, [warning]
    raise SourceError(
        name,
        f"undecodable: not UTF-8 (invalid byte at offset {utf8_error.start}) "
        "and not a recognisable 8-bit text",
    )


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    allowed = {9, 10, 12, 13}
    controls = sum(1 for b in data if b < 32 and b not in allowed)
    return controls / len(data)


def _looks_like_text(text: str) -> bool:
    odd = sum(1 for ch in text if not (ch.isprintable() or ch in "\n\t\r\f"))
    return odd / max(len(text), 1) < 0.01
