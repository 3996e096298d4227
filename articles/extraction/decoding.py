"""Bytes to text: size limit, encodings, binary detection, newline and Unicode normalisation.

UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such; anything else is read as
Windows-1252, the usual encoding of older saved pages, with a warning naming the file.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from .types import InputError

# C0/C1 control characters other than tab, newlines, form feed and vertical tab: binary data.
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


@dataclass
class DecodedText:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, name: str, *, max_bytes: int) -> DecodedText:
    """Decode one uploaded or imported file; raise InputError saying why a file cannot be read."""
    if not data:
        raise InputError(f"{name}: the file is empty")
    if len(data) > max_bytes:
        raise InputError(f"{name}: {len(data)} bytes, over the limit of {max_bytes} set by PORTAL_IMPORT_MAX_BYTES")
    text, encoding, warnings = _decode(data, name)
    _refuse_binary(text, name, encoding)
    text = normalise_text(text)
    if not text.strip():
        raise InputError(f"{name}: the file contains only whitespace")
    return DecodedText(text=text, encoding=encoding, warnings=warnings)


def normalise_text(text: str) -> str:
    """One newline convention and composed (NFC) Unicode, so Vietnamese letters compare equal."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: starts with a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason})"
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig", []
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: starts with a UTF-8 byte-order mark but is not valid UTF-8 (byte {exc.start})"
            ) from None
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not text (byte 0x{data[exc.start]:02x} at offset {exc.start} is binary data)"
        ) from None
    return text, "cp1252", [f"{name}: not valid UTF-8; read as Windows-1252"]


def _refuse_binary(text: str, name: str, encoding: str) -> None:
    found = _BINARY_CONTROL.search(text)
    if found:
        raise InputError(
            f"{name}: not text (control character U+{ord(found.group()):04X} at character {found.start()} "
            f"when read as {encoding}; binary data?)"
        )
