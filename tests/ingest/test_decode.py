"""Decoding: BOMs, UTF-8, Arabic legacy code pages (only when plausible), binary sniffing."""

from __future__ import annotations

import codecs

import pytest

from marsad.errors import ConfigError, IngestError
from marsad.ingest.decode import check_encoding, decode_bytes, normalize_newlines, sniff_binary

ARABIC = (
    "قال الوزير، في مؤتمر صحفي اليوم: إن المفاوضات مستمرة منذ ثلاثة أشهر؟\nوأكد أن الاتفاق قريب."
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), "utf-16-be"),
        (ARABIC.encode("utf-16"), "utf-16-le"),
        (codecs.BOM_UTF32_LE + ARABIC.encode("utf-32-le"), "utf-32-le"),
        (ARABIC.encode("cp1256"), "windows-1256"),
        (ARABIC.encode("iso-8859-6"), "iso-8859-6"),
    ],
)
def test_decode_detects_encoding(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, "a.txt")
    assert decoded.encoding == encoding
    assert decoded.text == ARABIC  # no BOM left, nothing garbled


@pytest.mark.parametrize(
    ("data", "offset", "byte"),
    [
        ("Café à Paris, été comme hiver.".encode("latin-1"), 3, 0xE9),
        ("Ελληνικά κείμενα εδώ".encode("iso-8859-7"), 0, 0xC5),
        (b"ok \xff\xfe\xfa\x81\x8d\x90 random \x9d\x8f\x81", 3, 0xFF),
        ("Привет мир, это текст".encode("koi8-r"), 0, 0xF0),
    ],
)
def test_decode_rejects_non_arabic_legacy(data: bytes, offset: int, byte: int) -> None:
    with pytest.raises(IngestError) as info:
        decode_bytes(data, "x.txt")
    assert info.value.reason == (
        f"not valid UTF-8 (byte 0x{byte:02x} at offset {offset}) and not recognisable as "
        "Windows-1256/ISO-8859-6"
    )
    assert info.value.source == "x.txt"


def test_decode_explicit_encoding_wins() -> None:
    data = ARABIC.encode("cp1256")
    assert decode_bytes(data, "a", encoding="cp1256").encoding == "windows-1256"
    with pytest.raises(IngestError, match=r"not valid utf-8 \(byte 0x[0-9a-f]{2} at offset 0\)"):
        decode_bytes(data, "a", encoding="utf-8")


@pytest.mark.parametrize("declared", ["windows-1256", "cp1256", "WINDOWS-1256"])
def test_decode_declared_charset_first(declared: str) -> None:
    text = "ÇáÎÈÑ"  # cp1252-looking bytes that are valid UTF-8 nowhere
    data = text.encode("cp1252")
    assert decode_bytes(data, "a", declared=declared).encoding == "windows-1256"


@pytest.mark.parametrize("declared", ["utf-8", "no-such-charset", "utf-16"])
def test_decode_wrong_declaration_falls_back(declared: str) -> None:
    decoded = decode_bytes(ARABIC.encode("cp1256"), "a", declared=declared)
    assert decoded.encoding == "windows-1256"
    assert decoded.text == ARABIC


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a\r\nb", "a\nb"), ("a\rb\r\n\r\nc", "a\nb\n\nc"), ("a\nb", "a\nb"), ("\r", "\n")],
)
def test_decode_normalizes_newlines(text: str, expected: str) -> None:
    assert normalize_newlines(text) == expected
    assert decode_bytes(text.encode("cp1256"), "a").text == expected


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
        (b"%PDF-1.4\n", "PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP archive (or DOCX/XLSX/EPUB)"),
        (b"\x1f\x8b\x08\x00", "gzip archive"),
        (b"\xff\xd8\xff\xe0", "JPEG image"),
        (b"hello\x00world", "NUL byte at offset 5"),
        (b"\x00" * 100, "NUL byte at offset 0"),
    ],
)
def test_decode_sniffs_binary(data: bytes, what: str) -> None:
    assert sniff_binary(data) == what


@pytest.mark.parametrize(
    "data", [ARABIC.encode("utf-16"), b"plain text", "نص".encode(), b"", b"<html>"]
)
def test_decode_text_is_not_binary(data: bytes) -> None:
    assert sniff_binary(data) is None


def test_decode_check_encoding() -> None:
    assert check_encoding(None) is None
    assert check_encoding("ISO-8859-6") == "iso-8859-6"
    with pytest.raises(ConfigError, match="unknown encoding 'klingon'"):
        check_encoding("klingon")
