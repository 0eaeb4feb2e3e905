"""CSV tables: UTF-8 with BOM, Arabic round-trips, quoting, formula-injection guard."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from marsad.errors import ConfigError
from marsad.exports.tables import TABLES, safe_cell, table_rows, to_csv, write_tables


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1-2", "'+1-2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        ("بوتين = رئيس", "بوتين = رئيس"),
        (-3, -3),
        (2.5, 2.5),
        (None, ""),
        (True, "true"),
    ],
)
def test_tables_safe_cell_guards_formulas_only_in_text(value: Any, expected: Any) -> None:
    assert safe_cell(value) == expected


def test_tables_write_four_files_with_bom(export: dict[str, Any], tmp_path: Path) -> None:
    paths = write_tables(export, tmp_path / "t")
    assert [p.name for p in paths] == [f"{t}.csv" for t in TABLES]
    for p in paths:
        assert p.read_bytes().startswith(b"\xef\xbb\xbf")
        assert b"\r\n" in p.read_bytes()


def test_tables_arabic_round_trips(export: dict[str, Any], tmp_path: Path) -> None:
    write_tables(export, tmp_path)
    ents = {r["id"]: r for r in _read(tmp_path / "entities.csv")}
    assert ents["wd:Q7747"]["name"] == "فلاديمير بوتين"
    assert ents["wd:Q7747"]["name_en"] == "Vladimir Putin"
    assert ents["wd:Q7747"]["mentions"] == "3" and ents["wd:Q7747"]["documents"] == "2"
    events = {r["id"]: r for r in _read(tmp_path / "events.csv")}
    assert events["EV-1"]["actors"] == "فلاديمير بوتين"
    assert events["EV-1"]["location"] == "أستانا"
    assert events["EV-1"]["evidence"].split("\n") == [
        "وصل بوتين إلى أستانا",
        "بدأ بوتين زيارة إلى أستانا اليوم.",
    ]


def test_tables_quotes_commas_quotes_and_newlines(export: dict[str, Any], tmp_path: Path) -> None:
    write_tables(export, tmp_path)
    quotes = _read(tmp_path / "quotes.csv")
    assert len(quotes) == 1
    q = quotes[0]
    assert q["doc_title"] == 'بوتين, في "أستانا"\n<script>alert(1)</script>'
    assert q["text"] == '"سنوقع 5 اتفاقيات مع أستانا"'
    assert q["speaker"] == "فلاديمير بوتين" and q["cue"] == "قال"
    # every row has as many fields as the header, despite the commas and the newline
    with (tmp_path / "quotes.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert {len(r) for r in rows} == {len(rows[0])}


def test_tables_formula_cells_prefixed(export: dict[str, Any], tmp_path: Path) -> None:
    write_tables(export, tmp_path)
    ents = {r["id"]: r for r in _read(tmp_path / "entities.csv")}
    evil = ents["kb:formula"]
    assert evil["name"] == '\'=HYPERLINK("http://x","y")'
    assert evil["name_en"] == "'+1-2"
    assert evil["aliases"] == "'@SUM(A1)"
    for table in TABLES:
        for row in _read(tmp_path / f"{table}.csv"):
            for cell in row.values():
                assert not cell.startswith(("=", "+", "-", "@")), (table, cell)


def test_tables_facts_values_and_conflicts(export: dict[str, Any], tmp_path: Path) -> None:
    write_tables(export, tmp_path)
    facts = {r["id"]: r for r in _read(tmp_path / "facts.csv")}
    assert facts["F-1"]["value"] == "5.0" and facts["F-2"]["value"] == "7"
    assert facts["F-1"]["in_conflict"] == facts["F-2"]["in_conflict"] == "true"
    assert facts["F-1"]["subject"] == "فلاديمير بوتين | أستانا"


def test_tables_to_csv_reads_back_in_a_spreadsheet_dialect() -> None:
    body = to_csv(["a", "b"], [["x,y", "سطر\nثان"], ["=cmd", 1]])
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), dialect="excel"))
    assert rows == [["a", "b"], ["x,y", "سطر\nثان"], ["'=cmd", "1"]]


def test_tables_unknown_table_is_config_error(export: dict[str, Any]) -> None:
    with pytest.raises(ConfigError, match="no table 'people'"):
        table_rows(export, "people")
