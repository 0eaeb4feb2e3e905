"""Knowledge base: lookups with variants and clitics, offices by date, user files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from marsad.resolve.kb import KBError, KnowledgeBase


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.mark.parametrize(
    ("surface", "name_en"),
    [
        ("بوتين", "Vladimir Putin"),
        ("بوتن", "Vladimir Putin"),
        ("لبوتين", "Vladimir Putin"),
        ("توكايف", "Kassym-Jomart Tokayev"),
        ("توكاييف", "Kassym-Jomart Tokayev"),
        ("الـ كريملِن", "Kremlin"),
        ("للكرملين", "Kremlin"),
        ("سيرجي لافروف", "Sergey Lavrov"),
        ("سيرغي لافروف", "Sergey Lavrov"),
        ("وموسكو", "Moscow"),
        ("الناتو", "NATO"),
        ("حلف شمال الأطلسي", "NATO"),
        ("منظمة معاهدة الأمن الجماعي", "Collective Security Treaty Organization"),
    ],
)
def test_kb_lookup_variants_and_clitics(kb: KnowledgeBase, surface: str, name_en: str) -> None:
    assert kb.lookup(surface)[0].name_en == name_en


@pytest.mark.parametrize("surface", ["مون", "لمون", "الصن"])
def test_kb_lookup_short_word_reaches_no_name_through_the_article(
    kb: KnowledgeBase, surface: str
) -> None:
    # "مون" (Moon Jae-in's surname) read with the article and a dropped long vowel is "المن",
    # as is "اليمن" with its first letter dropped: a three-letter word has no light variants.
    assert kb.lookup(surface) == []


def test_kb_lookup_two_variants_meet_only_on_the_same_vowel(kb: KnowledgeBase) -> None:
    # كريملن / كرملين: one ي written elsewhere; العبيدي / العبادي: ي against ا, two names
    assert kb.lookup("الكريملن")[0].name_en == "Kremlin"
    assert kb.lookup("العبيدي") == []


@pytest.mark.parametrize(
    ("role", "country", "day", "name_en"),
    [
        ("head_of_state", "RU", date(2024, 11, 27), "Vladimir Putin"),
        ("head_of_state", "RU", date(2010, 1, 1), "Dmitry Medvedev"),
        ("head_of_state", "US", date(2024, 11, 27), "Joe Biden"),
        ("head_of_state", "US", date(2025, 3, 1), "Donald Trump"),
        ("foreign_minister", "KZ", date(2024, 11, 1), "Murat Nurtleu"),
        ("foreign_minister", "KZ", date(2020, 1, 1), "Mukhtar Tileuberdi"),
        ("head_of_government", "wd:Q183", date(2023, 1, 1), "Olaf Scholz"),
    ],
)
def test_kb_office_holder_by_date(
    kb: KnowledgeBase, role: str, country: str, day: date, name_en: str
) -> None:
    holder = kb.office_holder(role, country, day)
    assert holder is not None and holder.name_en == name_en


def test_kb_office_holder_unknown_is_none(kb: KnowledgeBase) -> None:
    assert kb.office_holder("head_of_state", "RU", date(1950, 1, 1)) is None
    assert kb.office_holder("head_of_state", "nowhere", date(2020, 1, 1)) is None


def test_kb_nisba_forms(kb: KnowledgeBase) -> None:
    assert kb.nisba_id("الكازاخستانيه") == kb.nisba_id("الكازاخستاني") == "wd:Q232"
    assert kb.nisba_id("الروسي") == "wd:Q159"
    assert kb.nisba_id("المالي") is None  # "financial", not Malian


def _write(tmp_path: Path, lines: list[str]) -> Path:
    p = tmp_path / "user.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_kb_user_file_adds_entity(tmp_path: Path) -> None:
    entry = {
        "id": "kb:person:viktor-petrovsky",
        "type": "PERSON",
        "name": "فيكتور بتروفسكي",
        "aliases": ["فيكتور بيتروفسكي"],
        "name_en": "Viktor Petrovsky",
        "wikidata": None,
    }
    kb = KnowledgeBase.load(extra=[_write(tmp_path, [json.dumps(entry, ensure_ascii=False)])])
    assert not KnowledgeBase.load().lookup("فيكتور بيتروفسكي")
    assert kb.lookup("فيكتور بيتروفسكي")[0].name_en == "Viktor Petrovsky"


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ("{not json", "not valid JSON"),
        ('{"id": "kb:a", "type": "THING", "name": "س"}', "'type'"),
        ('{"id": "noprefix", "type": "ORG", "name": "س"}', "'id'"),
        ('{"id": "wd:Q1", "type": "ORG", "name": "س", "wikidata": "Q2"}', "starts with 'wd:'"),
        ('{"id": "kb:a", "type": "ORG", "name": "س", "wikidata": "159"}', "'wikidata'"),
        ('{"id": "kb:a", "type": "ORG", "name": "س", "aliases": "x"}', "'aliases'"),
        ('{"id": "kb:a", "type": "GPE", "name": "س", "capital": "yes"}', "'capital'"),
        (
            '{"id": "kb:a", "type": "PERSON", "name": "س", "offices": [{"role": "r", "of": "RU", '
            '"start": "2020-13-01"}]}',
            "date",
        ),
        (
            '{"id": "kb:a", "type": "PERSON", "name": "س", "offices": [{"role": "r", "of": "ZZZ", '
            '"start": "2020-01-01"}]}',
            "'ZZZ'",
        ),
    ],
)
def test_kb_bad_user_file_names_file_and_line(tmp_path: Path, line: str, needle: str) -> None:
    path = _write(tmp_path, ["", line])
    with pytest.raises(KBError) as err:
        KnowledgeBase.load(extra=[path])
    assert f"{path}:2" in str(err.value) and needle in str(err.value)


def test_kb_capitals_are_marked(kb: KnowledgeBase) -> None:
    """Capitals carry ``capital`` (they may stand for their state); other cities do not."""
    moscow, spb = kb.lookup("موسكو")[0], kb.lookup("سانت بطرسبرغ")[0]
    records = [kb.record(moscow.id), kb.record(spb.id)]
    assert [r.capital if r else None for r in records] == [True, False]


def test_kb_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(KBError, match="cannot read"):
        KnowledgeBase.load(extra=[tmp_path / "nope.jsonl"])
