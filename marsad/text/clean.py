"""Take the page furniture out of scraped articles, keeping what was removed and why.

Cleaning works line by line on the raw text. A line is removed when it matches one of the
patterns in ``resources/text/boilerplate.json`` (language switchers, comment counters, ad slots,
photo credits and captions, share bars, source lines), or when it is a publisher signature: a
short line without final punctuation in the trailing block of furniture at the end of the
article, or a tag list ending the text ("الوسوم: ..."، "... التقرير. سمات امريكا تركيا"), on its
own line or run on after the last sentence. Source lines ("المصدر: تاس", "المصدر: https://...")
become metadata: the credited outlet or the original URL. Blank lines are dropped; the cleaned
text is the kept lines joined by newlines, with an offset map back to the raw text. The
underscore that joins the words of a hashtag (``#دونالد_ترمب``) becomes a space, so the name
inside reads as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from marsad.model import Document, Metadata, OffsetMap, RemovedSpan
from marsad.resources import load_json

__all__ = ["CleanResult", "clean_document", "clean_text"]

_URL = re.compile(r"https?://\S+")
# hashtags join words with "_" (#دونالد_ترمب): read as a space, one character for one
_HASHTAG_JOINER = re.compile(r"(?<=[\u0621-\u064a])_(?=[\u0621-\u064a])")
_FINAL_PUNCT = ".!?؟…:"
_CLOSERS = "»\"”’')]"
# A tag list closing the article ("... التقرير. سمات امريكا تركيا مظاهرات اسطنبول"), on its own
# line or run on after the last sentence: a tag word, then names with no sentence punctuation.
_TAG_TAIL = re.compile(
    r"(?:^|(?<=[.!?؟…»\"”])\s+)(?:سمات|الوسوم|وسوم|الكلمات الدلالية|كلمات دلالية|كلمات مفتاحية)"
    r"\s*[:：]?\s+[^.!?؟…:«»\"”\n]{1,160}$"
)
_TAG_MAX_WORDS = 16


@dataclass(frozen=True, slots=True)
class CleanResult:
    text: str
    map: OffsetMap
    removed: tuple[RemovedSpan, ...]
    credited_source: str | None
    original_url: str | None


@dataclass(frozen=True, slots=True)
class _Rules:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    source_line: re.Pattern[str]
    max_line_chars: int
    signature_max_words: int


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_json("text", "boilerplate.json")
    patterns = tuple(
        (reason, re.compile(p, re.IGNORECASE))
        for reason, plist in data["line_patterns"].items()
        for p in plist
    )
    return _Rules(
        patterns,
        re.compile(data["source_line"], re.IGNORECASE),
        int(data["max_line_chars"]),
        int(data["signature_max_words"]),
    )


def _classify(line: str, rules: _Rules) -> str | None:
    if len(line) > rules.max_line_chars:
        return None
    if rules.source_line.match(line):
        return "source-line"
    for reason, pattern in rules.patterns:
        if pattern.match(line):
            return reason
    return None


def _is_signature_candidate(line: str, rules: _Rules) -> bool:
    words = line.split()
    bare = line.rstrip(_CLOSERS)
    return 0 < len(words) <= rules.signature_max_words and bare[-1:] not in _FINAL_PUNCT


def _tag_tail(raw: str, line: tuple[int, int]) -> int | None:
    """Where a tag list ends the text's last line (the offset of its tag word), or None."""
    s, e = line
    m = _TAG_TAIL.search(raw[s:e])
    if m is None or len(m.group().split()) > _TAG_MAX_WORDS:
        return None
    return s + m.start() + len(m.group()) - len(m.group().lstrip())


def clean_text(raw: str) -> CleanResult:
    """Clean ``raw``; offsets of the result map back into ``raw``.

    >>> r = clean_text("Ru En\\nنص الخبر.\\nالمصدر: تاس")
    >>> r.text, r.credited_source, [x.reason for x in r.removed]
    ('نص الخبر.', 'تاس', ['language-switcher', 'source-line'])
    """
    rules = _rules()
    # (start, end) of each line's stripped content in raw
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in raw.split("\n"):
        s, e = pos, pos + len(line)
        while s < e and raw[s].isspace():
            s += 1
        while e > s and raw[e - 1].isspace():
            e -= 1
        if s < e:
            lines.append((s, e))
        pos += len(line) + 1

    reasons: list[str | None] = [_classify(raw[s:e], rules) for s, e in lines]
    tags = _tag_tail(raw, lines[-1]) if lines else None
    if tags is not None:
        s, e = lines.pop()
        reason = reasons.pop()
        if tags > s:  # the sentences before the tags on their line stay
            lines.append((s, len(raw[:tags].rstrip())))
            reasons.append(reason)
        lines.append((tags, e))
        reasons.append("tags")
    # Publisher signatures: short unpunctuated lines just before trailing furniture.
    i = len(lines) - 1
    while i >= 0 and reasons[i] is not None:
        i -= 1
    trailing_furniture = i < len(lines) - 1
    while trailing_furniture and i > 0 and _is_signature_candidate(raw[slice(*lines[i])], rules):
        reasons[i] = "signature"
        i -= 1

    credited: str | None = None
    original_url: str | None = None
    removed: list[RemovedSpan] = []
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for (s, e), reason in zip(lines, reasons, strict=True):
        line = raw[s:e]
        if reason is not None:
            removed.append(RemovedSpan(s, e, reason, line))
            if reason == "source-line":
                m = rules.source_line.match(line)
                value = m.group("value").strip() if m else ""
                url = _URL.search(value)
                if url and original_url is None:
                    original_url = url.group()
                elif value and credited is None:
                    credited = value
            continue
        if chars:
            chars.append("\n")
            starts.append(s - 1)
            ends.append(s)
        chars.append(_HASHTAG_JOINER.sub(" ", line))
        starts.extend(range(s, e))
        ends.extend(range(s + 1, e + 1))
    text = "".join(chars)
    return CleanResult(
        text,
        OffsetMap(tuple(starts), tuple(ends), len(raw)),
        tuple(removed),
        credited,
        original_url,
    )


def clean_document(doc: Document) -> Document:
    """The document with ``text``, ``clean_map`` and ``removed`` set from its raw text."""
    result = clean_text(doc.raw)
    meta: Metadata = doc.metadata
    if result.credited_source and not meta.credited_source:
        meta = replace(meta, credited_source=result.credited_source)
    if result.original_url and not meta.original_url:
        meta = replace(meta, original_url=result.original_url)
    if meta.title is None:
        headline = result.text.split("\n", 1)[0]
        if headline and _is_signature_candidate(headline, _rules()) and "\n" in result.text:
            meta = replace(meta, title=headline)
    return doc.with_(text=result.text, clean_map=result.map, removed=result.removed, metadata=meta)
