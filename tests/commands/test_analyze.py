"""End to end: ``marsad analyze`` on the bundled sample articles plus bad files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.exports.analysis import validate

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (bad / "invalid.txt").write_bytes(b"abc \xc3\x28 def \xa0\xa1 \x81\x8d\x8e\x8f\x90 hello")
    return [str(SEEDS), str(bad / "empty.txt"), str(bad / "binary.txt"), str(bad / "invalid.txt")]


def test_analyze_seeds_and_bad_files(
    tmp_path: Path, inputs: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = tmp_path / "m.db", tmp_path / "a.json"
    status = main(["analyze", *inputs, "--db", str(db), "--out", str(out)])
    captured = capsys.readouterr()
    assert status == 1
    for name in ("empty.txt", "binary.txt", "invalid.txt"):
        assert name in captured.err
    export = json.loads(out.read_text(encoding="utf-8"))
    assert validate(export) == []
    assert len(export["documents"]) == 5
    assert {Path(r["source"]).name for r in export["rejections"]} == {
        "empty.txt",
        "binary.txt",
        "invalid.txt",
    }
    # a second run on the same store adds nothing
    status = main(["analyze", *inputs, "--db", str(db), "--out", str(out)])
    assert "0 new" in capsys.readouterr().out
    assert len(json.loads(out.read_text(encoding="utf-8"))["documents"]) == 5


def test_analyze_clean_inputs_exit_zero_and_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "m.db"
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    assert main(["analyze", str(folder), "--db", str(db), "-q"]) == 0
    capsys.readouterr()
    from marsad.store.sqlite import SqliteStore

    with SqliteStore.open(db) as store:
        first = store.ids()[0]
    assert main(["show", first[:8], "--db", str(db)]) == 0
    shown = capsys.readouterr().out
    assert first in shown and "removed" in shown


def test_analyze_reports_bad_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[pipeline]\nstages = ["segment"]\n', encoding="utf-8")
    status = main(["analyze", str(SEEDS), "--db", str(tmp_path / "m.db"), "--config", str(config)])
    assert status == 2
    assert "requires ['text']" in capsys.readouterr().err


def test_show_unknown_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "m.db"
    assert main(["analyze", str(SEEDS), "--db", str(db), "-q"]) == 0
    assert main(["show", "ffffffffffff", "--db", str(db)]) == 2
    assert "no document" in capsys.readouterr().err
