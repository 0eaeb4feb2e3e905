"""The story gold loader, on a small hand-built archive, and a check of the shipped gold file."""

from __future__ import annotations

import io
import json
import tarfile
from collections import Counter
from pathlib import Path

import pytest

from marsad.errors import ConfigError, IngestError
from marsad.eval.stories_data import (
    DEFAULT_GOLD,
    default_archive,
    gold_clustering,
    load_story_articles,
    parse_ant_document,
    read_gold,
)

ROOT = "antcorpus_multisource_v2.1"


def _doc(docno: str, title: str, text: str) -> str:
    return (
        f"<DOC>\n<DOCNO>{docno}</DOCNO>\n<URL>https://example.org/{docno}</URL>\n"
        f"<TITLE>{title}</TITLE>\n<TIME>Fri, 09 Mar 2018 10:00:00 GMT</TIME>\n"
        f"<ABSTRACT>\nملخص {title}\n</ABSTRACT>\n<TEXT>\n{text}\n</TEXT>\n</DOC>\n"
    )


def _record(docno: str, outlet: str, story: str, label: str | None = None) -> dict[str, object]:
    return {
        "member": f"{ROOT}/{outlet}/internationalNews/{docno}.txt",
        "docno": docno,
        "url": f"https://example.org/{docno}",
        "outlet": outlet,
        "date": f"{docno[-8:-4]}-{docno[-4:-2]}-{docno[-2:]}",
        "published": "2018-03-09T10:00:00Z",
        "story": story,
        "story_label": label,
    }


RECORDS = [
    _record("SK-internationalNews-1-20180309", "SkyNews", "quake", "an earthquake"),
    _record("BB-internationalNews-2-20180309", "BBC", "quake", "an earthquake"),
    _record("CN-internationalNews-3-20180309", "CNN", "single-CN-internationalNews-3-20180309"),
]


def _write_gold(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def _write_archive(path: Path, docs: dict[str, str]) -> Path:
    with tarfile.open(path, "w:xz") as tar:
        for name, content in docs.items():
            data = content.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    docs = {
        str(r["member"]): _doc(str(r["docno"]), f"عنوان {i}", f"نص الخبر {i}")
        for i, r in enumerate(RECORDS)
    }
    docs[f"{ROOT}/SkyNews/sport/SK-sport-9-20180309.txt"] = _doc("SK-sport-9-20180309", "x", "y")
    return _write_archive(tmp_path / "ant.tar.xz", docs)


def test_stories_data_loads_texts_with_gold_ids(tmp_path: Path, archive: Path) -> None:
    gold = read_gold(_write_gold(tmp_path / "gold.jsonl", RECORDS))
    articles = load_story_articles(archive, gold)
    assert [a.gold.docno for a in articles] == [r["docno"] for r in RECORDS]
    assert [a.story for a in articles] == ["quake", "quake", RECORDS[2]["story"]]
    assert articles[1].title == "عنوان 1"
    assert articles[1].text == "نص الخبر 1"
    assert articles[1].abstract == "ملخص عنوان 1"
    assert gold_clustering(articles) == {str(r["docno"]): str(r["story"]) for r in RECORDS}


def test_stories_data_missing_member_fails_naming_it(tmp_path: Path, archive: Path) -> None:
    absent = _record("FR-internationalNews-7-20180310", "France24", "other")
    gold = read_gold(_write_gold(tmp_path / "gold.jsonl", [*RECORDS, absent]))
    with pytest.raises(IngestError, match="FR-internationalNews-7-20180310"):
        load_story_articles(archive, gold)


def test_stories_data_docno_mismatch_fails(tmp_path: Path) -> None:
    record = RECORDS[0]
    bad = _write_archive(
        tmp_path / "bad.tar.xz", {str(record["member"]): _doc("SK-other-1-20180309", "t", "x")}
    )
    gold = read_gold(_write_gold(tmp_path / "gold.jsonl", [record]))
    with pytest.raises(IngestError, match="SK-other-1-20180309"):
        load_story_articles(bad, gold)


def test_stories_data_missing_archive_fails(tmp_path: Path) -> None:
    gold = read_gold(_write_gold(tmp_path / "gold.jsonl", RECORDS))
    with pytest.raises(IngestError, match="not there"):
        load_story_articles(tmp_path / "nowhere.tar.xz", gold)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"outlet": "Reuters"}, "unknown outlet"),
        ({"date": "2018-03-10"}, "does not match DOCNO"),
        ({"published": "yesterday"}, "bad date"),
        ({"story": ""}, "'story' must be a non-empty string"),
        ({"story_label": 3}, "story_label"),
    ],
)
def test_stories_data_rejects_bad_records(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    path = _write_gold(tmp_path / "gold.jsonl", [{**RECORDS[0], **change}])
    with pytest.raises(ConfigError, match=message):
        read_gold(path)


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["{not json"], "not a JSON object"),
        (["[1, 2]"], "expected a JSON object"),
        ([json.dumps({"docno": "x"})], "missing field"),
        ([json.dumps(RECORDS[0]), json.dumps(RECORDS[0])], "appears twice"),
        ([""], "no records"),
    ],
)
def test_stories_data_rejects_bad_files(tmp_path: Path, lines: list[str], message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        read_gold(path)


def test_stories_data_parse_requires_docno_and_text() -> None:
    with pytest.raises(IngestError, match="TEXT"):
        parse_ant_document("<DOC><DOCNO>A-1</DOCNO></DOC>", "member.txt")
    fields = parse_ant_document("<DOC><DOCNO>A-1</DOCNO><TEXT>نص</TEXT></DOC>", "member.txt")
    assert (fields["DOCNO"], fields["TEXT"], fields["TITLE"]) == ("A-1", "نص", "")


def test_stories_data_shipped_gold_is_consistent() -> None:
    gold = read_gold(DEFAULT_GOLD)
    assert len(gold) >= 300
    assert {g.outlet for g in gold} == {"Alarabia", "BBC", "CNN", "France24", "SkyNews"}
    sizes = Counter(g.story for g in gold)
    labels: dict[str, set[str | None]] = {}
    for g in gold:
        labels.setdefault(g.story, set()).add(g.story_label)
        assert g.member.endswith(f"/internationalNews/{g.docno}.txt")
    # one label per story; multi-article stories are labelled, singletons are not
    assert all(len(v) == 1 for v in labels.values())
    assert all((None in labels[s]) == (n == 1) for s, n in sizes.items())
    assert min(g.date for g in gold).isoformat() == "2018-03-09"
    assert max(g.date for g in gold).isoformat() == "2018-03-15"


@pytest.mark.skipif(not default_archive().is_file(), reason="shared ANT archive not present")
def test_stories_data_reads_every_gold_article_from_shared_archive() -> None:
    articles = load_story_articles(default_archive())
    assert len(articles) == len(read_gold())
    assert all(a.text and a.title for a in articles)
