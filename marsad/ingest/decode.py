"""Bytes to text: BOMs, UTF-8, the Arabic legacy code pages, binary sniffing, newlines.

Decoding never guesses silently: bytes that are not valid UTF-8 are read as Windows-1256 or
ISO-8859-6 only when the result is plausibly Arabic text (mostly Arabic letters, almost no
control characters); otherwise the input is rejected with the offending byte and its offset.
"""

from __future__ import annotations

import codecs
import functools
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass

from marsad.errors import ConfigError, IngestError
from marsad.resources import load_json

__all__ = [
    "Decoded",
    "check_encoding",
    "decode_bytes",
    "encoding_name",
    "normalize_newlines",
    "plausibly_arabic",
    "sniff_binary",
]

logger = logging.getLogger(__name__)

# File signatures of formats that are never text (offset 0 unless stated).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 document (DOC/XLS)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Display names of the codecs Python knows under other names.
_NAMES = {"cp1256": "windows-1256", "iso8859-6": "iso-8859-6", "utf-8-sig": "utf-8-sig"}

_ARABIC_LETTER = re.compile(
    "[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff"
    "\ufb50-\ufdff\ufe70-\ufefc]"
)
_ASCII_LETTER = re.compile("[A-Za-z]")
# Accented Latin letters and Latin-1 symbols: what foreign code pages become under cp1256.
_FOREIGN = re.compile("[\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_NEWLINES = re.compile(r"\r\n?")

#: Share of the letters that must be Arabic for a legacy decoding to count as plausible.
MIN_ARABIC_SHARE = 0.6
#: Largest number of accented Latin letters / Latin-1 symbols per Arabic letter.
MAX_FOREIGN_SHARE = 0.02
_PROFILE_CHARS = 200_000
#: Largest share of control characters a plausible legacy decoding may have.
MAX_CONTROL_SHARE = 0.01
_SNIFF = 8192


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, newlines normalized, with the encoding that was used."""

    text: str
    encoding: str


def encoding_name(name: str) -> str:
    """The display name of an encoding label (``cp1256`` -> ``windows-1256``).

    Raises:
        LookupError: Python has no codec of that name.
    """
    codec = codecs.lookup(name).name
    return _NAMES.get(codec, codec)


def check_encoding(name: str | None) -> str | None:
    """Validate a user-given encoding early.

    Raises:
        ConfigError: an unknown encoding, e.g. ``check_encoding("latin-9x")``.

    Example:
        >>> check_encoding("CP1256")
        'windows-1256'
    """
    if name is None:
        return None
    try:
        return encoding_name(name)
    except LookupError:
        raise ConfigError(
            f"unknown encoding {name!r}: give a Python codec name such as utf-8 or cp1256"
        ) from None


def normalize_newlines(text: str) -> str:
    r"""CRLF and lone CR become LF.

    >>> normalize_newlines("a\r\nb\rc")
    'a\nb\nc'
    """
    return _NEWLINES.sub("\n", text) if "\r" in text else text


def sniff_binary(data: bytes) -> str | None:
    """What binary format ``data`` starts with, or ``None`` when it may be text.

    Text with a UTF-16/32 byte-order mark is text even though it holds NUL bytes; any other
    NUL byte in the first 8 KiB marks the data as binary.

    Example:
        >>> sniff_binary(b"%PDF-1.7 ...")
        'PDF document'
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if data[4:12] in (b"ftypisom", b"ftypmp42", b"ftypM4A "):
        return "MP4 media"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return f"RIFF {data[8:12].decode('ascii').strip()} media"
    if any(data.startswith(bom) for bom, name in _BOMS if name.startswith("utf-16")):
        return None
    nul = data.find(b"\x00", 0, _SNIFF)
    if nul >= 0:
        return f"NUL byte at offset {nul}"
    return None


def _bom(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


@functools.cache
def _reference_profile() -> dict[str, float]:
    data = load_json("ingest", "arabic_letter_frequencies.json")
    return {letter: float(freq) for letter, freq in data["letters"].items()}


def _profile_similarity(letters: list[str]) -> float:
    """Cosine similarity of a letter histogram with the reference Arabic letter frequencies."""
    reference = _reference_profile()
    counts = Counter(letters)
    dot = sum(n * reference.get(ch, 0.0) for ch, n in counts.items())
    norm = math.sqrt(sum(n * n for n in counts.values()))
    ref_norm = math.sqrt(sum(f * f for f in reference.values()))
    return dot / (norm * ref_norm) if norm else 0.0


def plausibly_arabic(text: str) -> bool:
    """Whether a legacy decoding reads as Arabic text rather than as mojibake.

    Plausible text has: Arabic letters for at least ``MIN_ARABIC_SHARE`` of its letters
    (Arabic plus ASCII), almost no control characters, hardly any accented Latin letters or
    Latin-1 symbols (which is what Greek, Cyrillic or Hebrew code pages turn into under
    Windows-1256), and, from 20 Arabic letters on, a letter histogram close to Arabic's
    (``resources/ingest/arabic_letter_frequencies.json``).

    Example:
        >>> plausibly_arabic("قال الوزير في مؤتمر صحفي اليوم")
        True
        >>> plausibly_arabic("Привет мир".encode("koi8-r").decode("cp1256"))
        False
    """
    arabic = _ARABIC_LETTER.findall(text[:_PROFILE_CHARS])
    ascii_letters = len(_ASCII_LETTER.findall(text[:_PROFILE_CHARS]))
    foreign = len(_FOREIGN.findall(text))
    controls = len(_CONTROL.findall(text))
    if not arabic or len(arabic) < MIN_ARABIC_SHARE * (len(arabic) + ascii_letters):
        return False
    if controls > MAX_CONTROL_SHARE * len(text) or foreign > MAX_FOREIGN_SHARE * len(arabic):
        return False
    if len(arabic) < 20:
        return True
    floor = 0.45 if len(arabic) >= 40 else 0.35
    return _profile_similarity(arabic) >= floor


def _legacy_arabic(data: bytes) -> Decoded | None:
    best: tuple[float, Decoded] | None = None
    for codec in ("cp1256", "iso8859-6"):  # cp1256 first: it wins ties
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not plausibly_arabic(text):
            logger.debug("bytes are not plausibly Arabic as %s", codec)
            continue
        score = _profile_similarity(_ARABIC_LETTER.findall(text[:_PROFILE_CHARS]))
        if best is None or score > best[0]:
            best = (score, Decoded(normalize_newlines(text), encoding_name(codec)))
    return best[1] if best else None


def _strict(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise IngestError(
            source,
            f"not valid {encoding_name(codec)} (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start})",
        ) from None


def decode_bytes(
    data: bytes,
    source: str,
    *,
    encoding: str | None = None,
    declared: str | None = None,
) -> Decoded:
    """Decode ``data`` to text with normalized newlines (CRLF and CR become LF).

    The order: the caller's ``encoding``; a byte-order mark (UTF-8, UTF-16, UTF-32); the
    ``declared`` charset (an HTTP header or an HTML meta tag), when it decodes without error;
    UTF-8; then Windows-1256 or ISO-8859-6, only when the result is plausibly Arabic.

    Args:
        data: the bytes, not empty.
        source: the file or URL, for error messages.
        encoding: an encoding the user gave; it must decode every byte.
        declared: a charset the input itself declares.

    Returns:
        The decoded text and the display name of its encoding.

    Raises:
        IngestError: the bytes fit none of the above, e.g. ``not valid UTF-8 (byte 0xe9 at
            offset 3) and not recognisable as Windows-1256/ISO-8859-6``.

    Example:
        >>> decode_bytes("سلام\\r\\n".encode("cp1256"), "a.txt")
        Decoded(text='سلام\\n', encoding='windows-1256')
    """
    if encoding is not None:
        codec = codecs.lookup(encoding).name
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        return Decoded(normalize_newlines(_strict(data, codec, source)), encoding_name(codec))
    bom = _bom(data)
    if bom is not None:
        # The BOM names the encoding; the "-le"/"-be" codecs keep the BOM, so drop it here.
        payload = data if bom == "utf-8-sig" else data[4 if bom.startswith("utf-32") else 2 :]
        return Decoded(normalize_newlines(_strict(payload, bom, source)), bom)
    if declared is not None:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            logger.warning("%s: ignoring unknown declared charset %r", source, declared)
            codec = ""
        if codec.startswith(("utf-16", "utf-32")):
            codec = ""  # without a BOM such a declaration is wrong (WHATWG reads it as UTF-8)
        if codec:
            try:
                return Decoded(normalize_newlines(data.decode(codec)), encoding_name(codec))
            except UnicodeDecodeError as exc:
                logger.warning(
                    "%s: declared charset %s does not fit (byte 0x%02x at offset %d)",
                    source,
                    declared,
                    data[exc.start],
                    exc.start,
                )
    try:
        return Decoded(normalize_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as exc:
        legacy = _legacy_arabic(data)
        if legacy is not None:
            return legacy
        raise IngestError(
            source,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) and not "
            "recognisable as Windows-1256/ISO-8859-6",
        ) from None
