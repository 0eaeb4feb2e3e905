"""Tests for the events/quotes gold set and its loader."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

import pytest

from marsad.eval.events_data import (
    DATA_DIR,
    EventsGold,
    GoldArticle,
    GoldDataError,
    GoldQuote,
    GoldSpan,
    anchor_of,
    load_gold,
    load_texts,
    validate,
)

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared")) / "data"


@pytest.fixture(scope="module")
def gold() -> EventsGold:
    return load_gold()


def test_events_data_files_parse_with_expected_sizes(gold: EventsGold) -> None:
    corpora = Counter(a.corpus for a in gold.articles)
    assert corpora["seeds"] == 5
    assert corpora["saudinewsnet"] + corpora["ant"] >= 40
    assert {a.topic for a in gold.articles} == {"diplomacy", "economy", "conflict"}
    assert len({a.outlet for a in gold.articles if a.outlet}) >= 8
    assert len(gold.quotes) >= 100 and len(gold.events) >= 80


def test_events_data_has_cross_article_groups(gold: EventsGold) -> None:
    per_event: dict[str, set[str]] = {}
    for e in gold.events:
        per_event.setdefault(e.event_id, set()).add(e.article_id)
    groups = [ids for ids in per_event.values() if len(ids) >= 2]
    assert len(groups) >= 8
    outlets = {a.article_id: a.outlet or a.key for a in gold.articles}
    assert sum(len({outlets[i] for i in ids}) >= 2 for ids in groups) >= 6


def test_events_data_one_label_per_event(gold: EventsGold) -> None:
    labels: dict[str, set[str]] = {}
    for e in gold.events:
        labels.setdefault(e.event_id, set()).add(e.label)
    assert all(len(v) == 1 for v in labels.values())


def test_events_data_no_article_text_in_repository(gold: EventsGold) -> None:
    # Anchors are at most three words: no span carries more text than that.
    for name in ("quotes.jsonl", "events.jsonl", "second/quotes.jsonl", "second/events.jsonl"):
        for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            spans = [row] if "anchor" in row else []
            spans += [row.get("speaker_span"), row.get("cue"), row.get("trigger")]
            for s in spans:
                if isinstance(s, dict):
                    assert len(s["anchor"].split()) <= 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [("قال وزير الخارجية السعودي", "قال وزير الخارجية"), ("  كيري ", "كيري"), ("a\nb", "a b")],
)
def test_events_data_anchor_of_first_three_words(text: str, expected: str) -> None:
    assert anchor_of(text) == expected


def _tiny(text: str, anchor: str) -> tuple[EventsGold, dict[str, str]]:
    art = GoldArticle(
        article_id="t:1",
        corpus="seeds",
        archive=None,
        member="x.txt",
        index=None,
        key="x.txt",
        outlet=None,
        published="2025-01-01",
        published_from="text",
        topic="diplomacy",
        text_length=len(text),
        text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
    quote = GoldQuote(
        quote_id="t:1#q1",
        article_id="t:1",
        span=GoldSpan(8, len(text), anchor),
        direct=False,
        speaker="X",
        speaker_kind="name",
        speaker_span=GoldSpan(4, 7, "زيد"),
        cue=GoldSpan(0, 3, "قال"),
    )
    return EventsGold((art,), (quote,), ()), {"t:1": text}


@pytest.mark.parametrize(
    ("anchor", "ok"), [("إن الزيارة مهمة", True), ("الزيارة مهمة جدا", False), ("إن", False)]
)
def test_events_data_validate_checks_anchors(anchor: str, ok: bool) -> None:
    gold, texts = _tiny("قال زيد: إن الزيارة مهمة جدا", anchor)
    if ok:
        assert validate(gold, texts) == 3
    else:
        with pytest.raises(GoldDataError, match="anchor mismatch"):
            validate(gold, texts)


def test_events_data_validate_detects_changed_text() -> None:
    gold, _ = _tiny("قال زيد: إن الزيارة مهمة جدا", "إن الزيارة مهمة")
    with pytest.raises(GoldDataError, match="characters"):
        validate(gold, {"t:1": "قال زيد: إن الزيارة مهمة"})


def test_events_data_bad_row_raises(tmp_path: Path) -> None:
    for name in ("articles.jsonl", "quotes.jsonl", "events.jsonl"):
        (tmp_path / name).write_text((DATA_DIR / name).read_text(encoding="utf-8"), "utf-8")
    rows = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    bad = json.loads(rows[0])
    bad["status"] = "rumoured"
    rows[0] = json.dumps(bad, ensure_ascii=False)
    (tmp_path / "events.jsonl").write_text("\n".join(rows) + "\n", "utf-8")
    with pytest.raises(GoldDataError, match="rumoured"):
        load_gold(tmp_path)


@pytest.mark.skipif(not (SHARED / "corpora").is_dir(), reason="shared corpora not present")
def test_events_data_all_anchors_match_shared_texts(gold: EventsGold) -> None:
    texts = load_texts(gold.articles, SHARED, REPO)
    n = validate(gold, texts)
    assert n >= len(gold.quotes) * 3
