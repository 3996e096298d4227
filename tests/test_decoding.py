"""Bytes to text: size limit, encodings, binary refusal, normalisation."""

import codecs
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.extraction.decoding import decode_bytes
from articles.extraction.types import InputError

LIMIT = 10_000
VIETNAMESE = "Hà Nội — Việt Nam: “Đổi mới”\n"


def decode(data, name="article.txt", limit=LIMIT):
    return decode_bytes(data, name, max_bytes=limit)


def test_empty_file_is_refused_by_name():
    with pytest.raises(InputError, match=r"^empty\.txt: the file is empty$"):
        decode(b"", "empty.txt")


@pytest.mark.parametrize("data", [b"   ", b"\n\n\t \r\n", "\u00a0\u2003\n".encode(), codecs.BOM_UTF8 + b" \n"])
def test_whitespace_only_is_refused(data):
    with pytest.raises(InputError, match=r"blank\.txt: the file contains only whitespace"):
        decode(data, "blank.txt")


def test_oversize_file_names_size_limit_and_setting():
    with pytest.raises(InputError) as caught:
        decode(b"x" * 101, "big.txt", limit=100)
    assert str(caught.value) == "big.txt: 101 bytes, over the limit of 100 set by PORTAL_IMPORT_MAX_BYTES"


def test_file_at_the_limit_is_accepted():
    assert decode(b"x" * 100, limit=100).text == "x" * 100


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"%PDF-1.7\n\x00\x01\x02\x03 binary",
        "Hello".encode("utf-16-le"),  # UTF-16 without a byte-order mark is full of NUL bytes
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff",
    ],
)
def test_binary_data_is_refused(data):
    with pytest.raises(InputError, match=r"photo\.bin: not text"):
        decode(data, "photo.bin")


def test_bytes_undefined_in_windows_1252_are_refused():
    with pytest.raises(InputError, match=r"odd.txt: not text \(byte 0x81 at offset 3 is not UTF-8"):
        decode(b"abc\x81def \xe9", "odd.txt")


VIETNAMESE_ARTICLE = (
    "Hà Nội — Phó Thủ tướng Trần Lưu Quang hội đàm với Phó Thủ tướng Trung Quốc Trương Quốc Thanh "
    "về kết nối đường sắt giữa hai nước.\n"
)


def test_utf8_damaged_near_its_end_is_read_with_the_bad_bytes_replaced_and_their_offsets_named():
    good = VIETNAMESE_ARTICLE.encode()
    # A stray byte, then a file cut in the middle of a three-byte letter ("ế" is e1 ba bf).
    data = good + b"Th\xff\xfeu " + "Quốc".encode() + b" ti\xe1\xba"
    decoded = decode(data, "cut.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text == VIETNAMESE_ARTICLE + "Th\ufffd\ufffdu Quốc ti\ufffd"
    stray, cut = len(good) + 2, len(data) - 2
    assert decoded.warnings == [
        f"cut.txt: not valid UTF-8 at byte offset {stray}, {stray + 1}, {cut}; 4 bad byte(s) replaced with U+FFFD"
    ]


def test_utf8_damaged_in_many_places_is_not_guessed():
    damaged = b"\x81".join([VIETNAMESE_ARTICLE.encode()[:20]] * 40)  # 39 bad bytes: not damage, not text
    with pytest.raises(InputError, match=r"^many\.txt: not text \(byte 0x81 at offset 20 is not UTF-8"):
        decode(damaged, "many.txt")


def test_utf8_reads_without_warning():
    decoded = decode(VIETNAMESE.encode())
    assert (decoded.text, decoded.encoding, decoded.warnings) == (VIETNAMESE, "utf-8", [])


def test_utf8_bom_is_dropped():
    decoded = decode(codecs.BOM_UTF8 + VIETNAMESE.encode())
    assert decoded.text == VIETNAMESE
    assert decoded.warnings == []


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_reads_in_either_byte_order(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    decoded = decode(bom + VIETNAMESE.encode(codec))
    assert decoded.text == VIETNAMESE
    assert decoded.encoding == "utf-16"


def test_windows_1252_reads_with_a_warning_naming_the_file():
    decoded = decode("“Café” — 5 €\n".encode("cp1252"), "legacy.txt")
    assert decoded.text == "“Café” — 5 €\n"
    assert decoded.encoding == "cp1252"
    assert decoded.warnings == ["legacy.txt: not valid UTF-8; read as Windows-1252"]


def test_newlines_and_unicode_are_normalised():
    decomposed = unicodedata.normalize("NFD", "Việt Nam")
    decoded = decode(f"{decomposed}\r\nline two\rline three\n".encode())
    assert decoded.text == "Việt Nam\nline two\nline three\n"
    assert unicodedata.is_normalized("NFC", decoded.text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_input_error_naming_the_file(data):
    try:
        decoded = decode(data, "fuzz.txt")
    except InputError as exc:
        assert str(exc).startswith("fuzz.txt: ")
    else:
        assert decoded.text.strip()
