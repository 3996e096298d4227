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


# Invisible characters: Unicode's format controls (category Cf: zero-width spaces and joiners, the
# soft hyphen, stray byte-order marks, tag characters, and the direction overrides and isolates with
# which U+202E shows a title or a name backwards), Hangul fillers and variation selectors. They hide
# in names and titles or disguise them; no text of this archive needs one.
_INVISIBLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_WITHOUT_INVISIBLE = {code: None for first, last in _INVISIBLE_RANGES for code in range(first, last + 1)}


def strip_invisible(text: str) -> str:
    """`text` without invisible and direction-overriding characters."""
    return text.translate(_WITHOUT_INVISIBLE)


def normalise_text(text: str) -> str:
    """One newline convention, composed (NFC) Unicode so that Vietnamese letters compare equal, and
    no invisible characters. Imported files and everything editors type go through it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return strip_invisible(unicodedata.normalize("NFC", text))


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
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    bad = _invalid_utf8(data, first_bad)
    if bad is not None and _valid_utf8_characters(data) >= len(bad):
        # UTF-8 with a few damaged bytes (a file cut short, a stray byte): one bad byte must not
        # turn every Vietnamese letter into Windows-1252 nonsense.
        places = ", ".join(f"{start}" for start, _ in bad[:_BAD_PLACES_NAMED])
        more = f" and {len(bad) - _BAD_PLACES_NAMED} more" if len(bad) > _BAD_PLACES_NAMED else ""
        warning = (
            f"{name}: not valid UTF-8 at byte offset {places}{more}; "
            f"{sum(end - start for start, end in bad)} bad byte(s) replaced with U+FFFD"
        )
        return data.decode("utf-8", errors="replace"), "utf-8", [warning]
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not text (byte 0x{data[first_bad]:02x} at offset {first_bad} is not UTF-8, "
            f"and byte 0x{data[exc.start]:02x} at offset {exc.start} is not Windows-1252)"
        ) from None
    return text, "cp1252", [f"{name}: not valid UTF-8; read as Windows-1252"]


# A file with more damaged places than this is not UTF-8 with a few bad bytes.
_MAX_BAD_PLACES = 16
_BAD_PLACES_NAMED = 3


def _invalid_utf8(data: bytes, first_bad: int) -> list[tuple[int, int]] | None:
    """The (start, end) byte spans that are not UTF-8, or None when there are too many to be damage."""
    bad, position = [], first_bad
    while len(bad) < _MAX_BAD_PLACES:
        try:
            data[position:].decode("utf-8")
        except UnicodeDecodeError as exc:
            bad.append((position + exc.start, position + exc.end))
            position += exc.end
            continue
        return bad
    return None


def _valid_utf8_characters(data: bytes) -> int:
    """How many well-formed multi-byte UTF-8 characters `data` holds: Windows-1252 text has next to none."""
    return len(_UTF8_MULTIBYTE.findall(data))


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _refuse_binary(text: str, name: str, encoding: str) -> None:
    found = _BINARY_CONTROL.search(text)
    if found:
        raise InputError(
            f"{name}: not text (control character U+{ord(found.group()):04X} at character {found.start()} "
            f"when read as {encoding}; binary data?)"
        )
