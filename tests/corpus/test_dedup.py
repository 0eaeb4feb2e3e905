"""Unit tests of marsad.corpus.dedup: shingles, incremental links, persistence."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.corpus.dedup import DedupIndex, MemoryBackend, shingle_hashes, text_words
from marsad.errors import ConfigError, StoreError

BASE = (
    "أعلنت وزارة الصحة اليوم تسجيل خمس عشرة حالة إصابة جديدة بفيروس كورونا في مدينة الرياض "
    "وقالت الوزارة في بيان إن المصابين يتلقون العلاج في المستشفيات وإن حالتهم مستقرة "
    "ودعت المواطنين والمقيمين إلى الالتزام بالإرشادات الوقائية وغسل الأيدي باستمرار "
    "وتجنب الأماكن المزدحمة خلال الأيام المقبلة حتى تنحسر موجة العدوى في المنطقة"
)
OTHER = (
    "افتتح أمير منطقة مكة المكرمة مساء أمس معرض الكتاب الدولي في جدة بمشاركة أكثر من "
    "أربعمائة دار نشر من ثلاثين دولة ويستمر المعرض عشرة أيام تقام خلالها ندوات وأمسيات "
    "شعرية وورش عمل للأطفال ويتوقع المنظمون أن يتجاوز عدد الزوار مليون زائر هذا العام"
)


def test_text_words_folds_and_drops_punctuation() -> None:
    assert text_words("أعلنَت «الوزارة»، إصابة 15!") == ["اعلنت", "الوزاره", "اصابه", "15"]


@pytest.mark.parametrize(("words", "n", "size"), [([], 3, 0), (["a"], 3, 1), (list("abcab"), 2, 3)])
def test_shingle_hashes_counts_distinct_ngrams(words: list[str], n: int, size: int) -> None:
    assert len(shingle_hashes(words, n)) == size


def test_shingle_hashes_rejects_zero_length() -> None:
    with pytest.raises(ConfigError, match="shingle size"):
        shingle_hashes(["a"], 0)


@pytest.mark.parametrize(
    "variant",
    [
        BASE,  # an identical wire copy
        "الرياض - واس: " + BASE.replace("اليوم", "أمس"),  # dateline added, one word changed
        BASE.replace("أعلنت", "أعلنَت") + " والله الموفق",  # diacritics, a closing phrase
        BASE.rsplit(" ", 6)[0],  # truncated
    ],
)
def test_dedup_add_links_copies_to_the_first(variant: str) -> None:
    idx = DedupIndex()
    assert idx.add("first", BASE) is None
    assert idx.add("other", OTHER) is None
    assert idx.add("copy", variant) == "first"
    assert idx.duplicate_of("copy") == "first"
    assert len(idx) == 3


def test_dedup_add_keeps_different_stories_apart() -> None:
    idx = DedupIndex()
    idx.add("a", BASE)
    assert idx.add("b", OTHER) is None
    assert idx.query(OTHER) == [("b", 1.0)]


def test_dedup_contained_copy_matches_by_containment() -> None:
    idx = DedupIndex()
    idx.add("short", BASE)
    longer = BASE + " " + OTHER  # BASE reprinted with a second story after it
    assert idx.add("long", longer) == "short"
    assert DedupIndex(containment=1.0).add("x", BASE) is None


def test_dedup_exact_copy_ranks_above_a_contained_text() -> None:
    idx = DedupIndex()
    idx.add("part", BASE)
    idx.add("whole", BASE + " " + OTHER)
    assert idx.query(BASE + " " + OTHER)[0][0] == "whole"


@pytest.mark.parametrize("text", ["", "  ؟ !", "عاجل"])
def test_dedup_short_texts_match_only_exact_copies(text: str) -> None:
    idx = DedupIndex()
    idx.add("a", text)
    expected = "a" if text_words(text) else None
    assert idx.add("b", text) == expected
    assert idx.add("c", "عاجل جدا") is None


@pytest.mark.parametrize(
    "kwargs",
    [{"threshold": 0.0}, {"threshold": 1.5}, {"num_perm": 8}, {"containment": 0.0}, {"shingle": 0}],
)
def test_dedup_rejects_bad_parameters(kwargs: dict[str, float]) -> None:
    with pytest.raises(ConfigError):
        DedupIndex(**kwargs)  # type: ignore[arg-type]


def test_dedup_rejects_a_repeated_id() -> None:
    idx = DedupIndex()
    idx.add("a", BASE)
    with pytest.raises(ConfigError, match="already"):
        idx.add("a", OTHER)


def test_dedup_save_load_roundtrip(tmp_path: Path) -> None:
    idx = DedupIndex(threshold=0.6, num_perm=64)
    idx.add("a", BASE)
    idx.add("b", OTHER)
    idx.add("c", BASE)
    idx.add("d", "عاجل")
    path = tmp_path / "dedup.npz"
    idx.save(path)
    back = DedupIndex.load(path, backend=MemoryBackend())
    assert (back.threshold, back.num_perm, len(back)) == (0.6, 64, 4)
    assert back.duplicate_of("c") == "a"
    assert back.add("e", BASE + " والله الموفق") == "a"
    assert back.add("f", "عاجل") == "d"


def test_dedup_load_rejects_other_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not an index")
    with pytest.raises(StoreError):
        DedupIndex.load(bad)
    with pytest.raises(StoreError):
        DedupIndex.load(tmp_path / "missing.npz")


def test_dedup_replace_links_only_to_an_earlier_document() -> None:
    story = "أعلنت وزارة الصحة تسجيل عشر حالات جديدة اليوم في مدينة الرياض وقالت إن الوضع مستقر"
    other = "هطلت أمطار غزيرة على مدينة جدة مساء أمس وأغلقت عدة طرق رئيسية أمام حركة السير"
    idx = DedupIndex()
    idx.add("a", other)
    idx.add("b", story)
    idx.add("c", story + " (واس)")
    assert idx.duplicate_of("c") == "b"
    # a's text now reads as the story: b and c came after it, so a stays a first copy
    assert idx.replace("a", story) is None
    assert idx.replace("c", story) == "a"  # the earliest of the equal copies before it
    assert [r.doc_id for r in idx.backend.records()] == ["a", "b", "c"]
    assert len(idx) == 3
