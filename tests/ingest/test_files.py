"""Local files and directories: kinds, bad inputs, limits, ordering, links."""

from __future__ import annotations

import builtins
import os
import time
from pathlib import Path

import pytest

from marsad.errors import Rejection
from marsad.ingest import Limits, count_inputs, read_inputs
from marsad.model import Document

ARABIC = "أعلنت وزارة الصحة اليوم عن حملة تطعيم جديدة تشمل جميع المحافظات."


def one(path: Path | str, **kwargs: object) -> Document | Rejection:
    items = list(read_inputs([str(path)], **kwargs))  # type: ignore[arg-type]
    assert len(items) == 1, items
    return items[0]


def test_files_text_document(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes((ARABIC + "\r\nسطر ثان\r").encode())
    doc = one(path)
    assert isinstance(doc, Document)
    assert doc.raw == ARABIC + "\nسطر ثان\n"
    assert doc.provenance.source == str(path.resolve())
    assert doc.provenance.kind == "file"
    assert doc.provenance.encoding == "utf-8"
    assert doc.provenance.fetched_at.endswith("Z") and "T" in doc.provenance.fetched_at
    assert doc.id and doc.text == doc.raw


def test_files_relative_path_becomes_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    doc = one("a.txt")
    assert doc.provenance.source == str(tmp_path / "a.txt")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("a.txt", ARABIC.encode("cp1256"), "windows-1256"),
        ("a.dat", ARABIC.encode("iso-8859-6"), "iso-8859-6"),
        ("a", ARABIC.encode("utf-16"), "utf-16-le"),
        ("a.md", b"\xef\xbb\xbf" + ARABIC.encode(), "utf-8-sig"),
    ],
)
def test_files_encodings_recorded(tmp_path: Path, name: str, data: bytes, encoding: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    doc = one(path)
    assert isinstance(doc, Document)
    assert doc.raw == ARABIC
    assert doc.provenance.encoding == encoding


def test_files_explicit_encoding(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    doc = one(path, encoding="cp1256")
    assert isinstance(doc, Document) and doc.provenance.encoding == "windows-1256"
    bad = one(path, encoding="utf-8")
    assert isinstance(bad, Rejection)
    assert bad.reason.startswith("not valid utf-8 (byte 0x")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file (0 bytes)"),
        ("blank.txt", b" \n\t\r\n ", "file contains only whitespace (6 bytes)"),
        ("img.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "binary file (PNG image)"),
        ("doc.txt", b"%PDF-1.5\n%\xe2\xe3", "binary file (PDF document)"),
        ("a.zip", b"PK\x03\x04" + b"\x00" * 20, "binary file (ZIP archive (or DOCX/XLSX/EPUB))"),
        ("nul.txt", b"abc\x00def", "binary file (NUL byte at offset 3)"),
        (
            "latin.txt",
            "Un café très réputé à Paris".encode("latin-1"),
            "not valid UTF-8 (byte 0xe9 at offset 6) and not recognisable as "
            "Windows-1256/ISO-8859-6",
        ),
        (
            "cut.html",
            b"<html><head><ti",
            "no main text could be extracted from the HTML (15 bytes)",
        ),
    ],
)
def test_files_bad_inputs_rejected(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    item = one(path)
    assert isinstance(item, Rejection)
    assert (item.source, item.stage, item.reason) == (str(path), "ingest", reason)


def test_files_missing_path(tmp_path: Path) -> None:
    item = one(tmp_path / "nope.txt")
    assert isinstance(item, Rejection)
    assert item.reason == "no such file or directory"
    assert item.source == str(tmp_path / "nope.txt")


def test_files_oversized_sparse_file_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: no disk, no memory
    real_open = builtins.open
    opened: list[str] = []

    def spy(file: object, *args: object, **kwargs: object) -> object:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", spy)
    item = one(path)
    assert isinstance(item, Rejection)
    assert item.reason == (
        "file is 209715200 bytes, over the 20971520-byte limit (Limits.max_bytes); not read"
    )
    assert str(path) not in opened  # checked with stat, never opened


def test_files_size_limit_configurable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARABIC, encoding="utf-8")
    size = path.stat().st_size
    assert isinstance(one(path, limits=Limits(max_bytes=size)), Document)
    item = one(path, limits=Limits(max_bytes=size - 1))
    assert isinstance(item, Rejection) and "over the" in item.reason


def test_files_huge_jsonl_streams(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    item = one(path)
    assert isinstance(item, Rejection)
    assert item.reason == "binary file (NUL byte at offset 0), not JSON Lines"


def test_files_permission_error_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good, locked = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text(ARABIC, encoding="utf-8")
    locked.write_text(ARABIC, encoding="utf-8")
    real_open = builtins.open

    def guarded(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", guarded)
    items = list(read_inputs([str(tmp_path)]))
    assert isinstance(items[0], Document)
    assert isinstance(items[1], Rejection) and items[1].reason == "permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_files_permission_error_real(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ARABIC, encoding="utf-8")
    path.chmod(0)
    try:
        item = one(path)
    finally:
        path.chmod(0o644)
    assert isinstance(item, Rejection) and item.reason == "permission denied"


def test_files_directory_sorted_hidden_skipped(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.txt", "a/c.txt", ".hidden.txt", ".git/x.txt", "a/.h/y.txt", "c.txt"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{ARABIC} {rel}", encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    assert [Path(i.provenance.source).relative_to(tmp_path).as_posix() for i in items] == [  # type: ignore[union-attr]
        "a/c.txt",
        "a/z.txt",
        "b.txt",
        "c.txt",
    ]
    assert count_inputs([str(tmp_path)]) == 4


def test_files_symlink_loop_safe(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    (tmp_path / "d" / "up").symlink_to(tmp_path)
    (tmp_path / "broken").symlink_to(tmp_path / "missing")
    items = list(read_inputs([str(tmp_path)]))
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) == 1
    assert [(r.source, r.reason) for r in items if isinstance(r, Rejection)] == [
        (str(tmp_path / "broken"), "broken symbolic link")
    ]


def test_files_thousands_of_files(tmp_path: Path) -> None:
    n = 3000
    for i in range(n):
        sub = tmp_path / f"{i // 500:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:05d}.txt").write_text(f"{ARABIC} {i}", encoding="utf-8")
    (tmp_path / "03" / "bad.bin").write_bytes(b"\x00\x01")
    assert count_inputs([str(tmp_path)]) == n + 1
    start = time.monotonic()
    items = read_inputs([str(tmp_path)])
    first = next(items)  # lazy: the first document comes before the walk ends
    assert isinstance(first, Document) and first.raw.endswith(" 0")
    rest = list(items)
    assert time.monotonic() - start < 15
    docs = [first, *[i for i in rest if isinstance(i, Document)]]
    assert len(docs) == n
    assert [d.raw.rsplit(" ", 1)[1] for d in docs] == [str(i) for i in range(n)]
    assert sum(isinstance(i, Rejection) for i in rest) == 1


def test_files_max_files(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(ARABIC, encoding="utf-8")
    items = list(read_inputs([str(tmp_path)], limits=Limits(max_files=3)))
    assert sum(isinstance(i, Document) for i in items) == 3
    assert isinstance(items[-1], Rejection)
    assert items[-1].reason == "more than 3 files (Limits.max_files); the rest were not read"


def test_files_html_by_suffix_and_by_sniffing(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>خبر</title></head><body><article>"
        f"<p>{ARABIC}</p><p>{ARABIC}</p></article></body></html>"
    )
    (tmp_path / "a.htm").write_text(page, encoding="utf-8")
    (tmp_path / "b.page").write_text(page, encoding="utf-8")
    docs = list(read_inputs([str(tmp_path)]))
    assert len(docs) == 2
    for doc in docs:
        assert isinstance(doc, Document)
        assert doc.raw.startswith(ARABIC) and "<p>" not in doc.raw
        assert doc.metadata.title == "خبر"
