"""``marsad export``: every format from a store, read back with its usual reader."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from marsad.cli import main
from marsad.exports.analysis import validate
from marsad.store.sqlite import SqliteStore


@pytest.fixture
def db(tmp_path: Path, handmade: SimpleNamespace) -> Path:
    hand = handmade
    path = tmp_path / "m.db"
    with SqliteStore.open(path) as store:
        for doc in hand.documents():
            store.put(doc)
            store.set_story(doc.id, "S-1")
        store.put_entities([hand.PUTIN, hand.ASTANA, hand.FORMULA])
    return path


def test_command_json_validates(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    assert main(["export", "--db", str(db), "--format", "json", "--out", str(out)]) == 0
    assert validate(json.loads(out.read_text(encoding="utf-8"))) == []


def test_command_csv_writes_a_folder(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    assert main(["export", "--db", str(db), "--format", "csv", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "entities.csv", "events.csv", "facts.csv", "quotes.csv",
    ]  # fmt: skip
    with (out / "entities.csv").open(encoding="utf-8-sig", newline="") as fh:
        names = {r["name"] for r in csv.DictReader(fh)}
    assert "فلاديمير بوتين" in names


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("plover", b""),
        ("graphml", b"<graphml"),
        ("gexf", b"<gexf"),
        ("report-html", b"<!doctype html>"),
        ("report-md", b"# "),
    ],
)
def test_command_formats(db: Path, tmp_path: Path, fmt: str, check: bytes) -> None:
    out = tmp_path / f"out.{fmt}"
    args = ["export", "--db", str(db), "--format", fmt, "--out", str(out)]
    assert main([*args, "--from", "2025-11-12", "--to", "2025-11-30"]) == 0
    assert check in out.read_bytes()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--story", "S-9"], "no story 'S-9'"),
        (["--from", "yesterday"], "date_from must be an ISO date"),
    ],
)
def test_command_bad_scope_exits_2(
    db: Path, tmp_path: Path, extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["export", "--db", str(db), "--format", "json", "--out", str(tmp_path / "x.json")]
    assert main([*args, *extra]) == 2
    assert message in capsys.readouterr().err


def test_command_missing_store_exits_2(tmp_path: Path) -> None:
    args = ["export", "--db", str(tmp_path / "none.db"), "--format", "json"]
    assert main([*args, "--out", str(tmp_path / "x.json")]) == 2
    assert not (tmp_path / "none.db").exists()
