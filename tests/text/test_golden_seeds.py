"""Golden files for cleaning and segmentation of the bundled sample articles.

Regenerate with ``MARSAD_UPDATE_GOLDEN=1 pytest tests/text/test_golden_seeds.py`` and review the
diff: a changed golden file is a changed behaviour.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from marsad.model import Document, Provenance
from marsad.text.clean import clean_document
from marsad.text.stages import segment_document

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "examples" / "seeds").glob("*.txt"))
GOLDEN = REPO / "tests" / "golden" / "seeds"


def _observe(path: Path) -> dict[str, object]:
    raw = path.read_text(encoding="utf-8")
    doc = segment_document(clean_document(Document(raw, Provenance(path.name, "file", "-"))))
    return {
        "id": doc.id,
        "credited_source": doc.metadata.credited_source,
        "original_url": doc.metadata.original_url,
        "removed": [[r.start, r.end, r.reason, r.text] for r in doc.removed],
        "text": doc.text,
        "sentences": [[s.start, s.end, doc.text[s.start : s.end]] for s in doc.sentences],
    }


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_golden_seed_cleaning_and_sentences(path: Path) -> None:
    observed = _observe(path)
    golden = GOLDEN / f"{path.stem}.json"
    if os.environ.get("MARSAD_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(observed, ensure_ascii=False, indent=1) + "\n", "utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert observed == expected


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_golden_seed_removed_spans_index_raw_text(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    doc = clean_document(Document(raw, Provenance(path.name, "file", "-")))
    for r in doc.removed:
        assert raw[r.start : r.end] == r.text
    for i in range(len(doc.text)):
        s, e = doc.to_raw(i, i + 1)
        assert raw[s:e] == doc.text[i]


def test_golden_seeds_are_the_five_sample_articles() -> None:
    assert len(SEEDS) == 5
