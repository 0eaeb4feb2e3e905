"""Ingest gates: HTML main-text extraction on the two real pages, legacy Arabic decoding.

- ``ingest_html_cnn_token_f1``: bag-of-tokens F1 of the text extracted from the CNN Arabic page
  (shared/data/html/newspaper3k/arabic_article.html) against its expected text (arabic.txt).
- ``ingest_html_assabah_snippets``: share of the Assabah gold checks that hold
  (shared/data/html/trafilatura_eval: 3 snippets that must appear, 3 that must not, the title).
- ``ingest_legacy_decode_accuracy``: ANERcorp test sentences (ner/anercorp/test.txt) encoded as
  Windows-1256 and as ISO-8859-6, decoded without being told: share decoded exactly, with the
  right encoding named (wrong guesses and rejections both count as misses).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from marsad.errors import IngestError
from marsad.ingest.decode import decode_bytes
from marsad.ingest.html import parse_html


def _token_f1(got: str, gold: str) -> float:
    g, e = Counter(got.split()), Counter(gold.split())
    overlap = sum((g & e).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(g.values()), overlap / sum(e.values())
    return 2 * precision * recall / (precision + recall)


def test_gate_ingest_html_cnn(shared_data: Path, check_floor: Callable[[str, float], None]) -> None:
    folder = shared_data / "html" / "newspaper3k"
    page = parse_html((folder / "arabic_article.html").read_bytes(), "cnn")
    gold = (folder / "arabic.txt").read_text(encoding="utf-8")
    check_floor("ingest_html_cnn_token_f1", _token_f1(page.text, gold))


def test_gate_ingest_html_assabah(
    shared_data: Path, check_floor: Callable[[str, float], None]
) -> None:
    folder = shared_data / "html" / "trafilatura_eval"
    gold = next(iter(json.loads((folder / "assabah_gold.json").read_text("utf-8")).values()))
    page = parse_html((folder / gold["file"]).read_bytes(), "assabah")
    checks = [snippet in page.text for snippet in gold["with"]]
    checks += [snippet not in page.text for snippet in gold["without"]]
    checks.append((page.metadata.title or "").split() == gold["title"].split())
    check_floor("ingest_html_assabah_snippets", sum(checks) / len(checks))


def _sentences(path: Path) -> list[str]:
    sentences: list[str] = []
    current: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            current.append(parts[0])
        elif current:
            sentences.append(" ".join(current))
            current = []
    if current:
        sentences.append(" ".join(current))
    return sentences


def test_gate_ingest_legacy_decoding(
    shared_data: Path, check_floor: Callable[[str, float], None]
) -> None:
    sentences = _sentences(shared_data / "ner" / "anercorp" / "test.txt")
    right = total = 0
    for codec, name in (("cp1256", "windows-1256"), ("iso-8859-6", "iso-8859-6")):
        for sentence in sentences:
            try:
                data = sentence.encode(codec)
                data.decode("utf-8")
                continue  # pure ASCII: nothing to detect
            except UnicodeEncodeError:
                continue  # not representable in this code page
            except UnicodeDecodeError:
                pass
            total += 1
            try:
                decoded = decode_bytes(data, "gate")
            except IngestError:
                continue
            right += decoded.text == sentence and decoded.encoding == name
    assert total > 1000
    check_floor("ingest_legacy_decode_accuracy", right / total)
