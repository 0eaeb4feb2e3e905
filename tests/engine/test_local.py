from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from marsad.engine.local import run_documents
from marsad.errors import MarsadError, Rejection
from marsad.model import Document, Provenance
from marsad.pipeline import Pipeline, Stage, build_pipeline
from marsad.store.sqlite import SqliteStore


def _doc(text: str, source: str) -> Document:
    return Document(text, Provenance(source, "file", "t"))


def test_local_bad_document_does_not_stop_batch(tmp_path: Path) -> None:
    def picky(doc: Document) -> Document:
        if "سيئ" in doc.text:
            raise MarsadError("cannot process this one")
        return doc

    base = build_pipeline(["clean", "segment"])
    pipeline = Pipeline([*base.stages, Stage("picky", frozenset(), frozenset(), picky)])
    items: list[Document | Rejection] = [
        _doc("نص جيد.", "a.txt"),
        Rejection("b.bin", "ingest", "binary file"),
        _doc("نص سيئ.", "c.txt"),
        _doc("نص جيد آخر.", "d.txt"),
    ]
    with SqliteStore.open(tmp_path / "m.db") as store:
        report = run_documents(items, pipeline, store)
        assert store.count() == 2
    assert [r.source for r in report.rejections] == ["b.bin", "c.txt"]
    assert report.rejections[1].stage == "picky"
    assert "cannot process this one" in report.rejections[1].reason


def test_local_internal_errors_are_reported_not_raised(tmp_path: Path) -> None:
    def buggy(doc: Document) -> Document:
        raise ZeroDivisionError("oops")

    pipeline = Pipeline([Stage("buggy", frozenset(), frozenset(), buggy)])
    with SqliteStore.open(tmp_path / "m.db") as store:
        report = run_documents([_doc("x", "x.txt")], pipeline, store)
        assert store.count() == 0
    assert "ZeroDivisionError: oops" in report.rejections[0].reason


def test_local_killed_run_keeps_whole_documents(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i:04d}.txt").write_text(f"خبر رقم {i}. " * 200, encoding="utf-8")
    db = tmp_path / "m.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "marsad.cli", "analyze", str(folder), "--db", str(db), "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            if db.exists():
                try:
                    with sqlite3.connect(db, timeout=5) as conn:
                        stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
                except sqlite3.OperationalError:
                    continue
                if stored >= 5:
                    break
        assert proc.poll() is None, "the run ended before it could be interrupted"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    with SqliteStore.open(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = store.count()
        assert 5 <= count < 400
        for doc_id in store.ids():
            doc = store.get(doc_id)  # every stored document is whole: text, layers
            assert doc.sentences and doc.text
        missing = store.conn.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS"
            " (SELECT 1 FROM layers l WHERE l.doc_id = d.id AND l.name = 'sentences')"
        ).fetchone()[0]
        assert missing == 0


def _tagging(word: str) -> Stage:
    """A stage that records, as the document's title, which pipeline analysed it."""

    def tag(doc: Document) -> Document:
        return doc.with_(metadata=replace(doc.metadata, title=word))

    return Stage("tag", frozenset(), frozenset(), tag)


def test_local_document_analysed_by_another_pipeline_is_analysed_again(tmp_path: Path) -> None:
    base = build_pipeline(["clean", "segment"])
    old = Pipeline([*base.stages, _tagging("old")], fingerprint="v1")
    new = Pipeline([*base.stages, _tagging("new")], fingerprint="v2")
    docs = [_doc("نص أول.", "a.txt"), _doc("نص ثان.", "b.txt")]
    with SqliteStore.open(tmp_path / "m.db") as store:
        first = run_documents(docs, old, store)
        same = run_documents(docs, old, store)  # same pipeline: nothing to do
        again = run_documents(docs, new, store)  # an upgraded pipeline: analysed again
        assert store.count() == 2
        assert {store.get(d.id).metadata.title for d in docs} == {"new"}
        assert store.analysed_with(docs[0].id) == "v2"
        hits = store.search("أول")
    assert (first.new, same.new, same.reanalysed, again.new, again.reanalysed) == (2, 0, 0, 0, 2)
    assert [h.doc_id for h in hits] == [docs[0].id]  # indexed once, not twice


def test_local_failed_reanalysis_keeps_the_stored_analysis(tmp_path: Path) -> None:
    def broken(doc: Document) -> Document:
        raise MarsadError("model file is corrupt")

    base = build_pipeline(["clean", "segment"])
    good = Pipeline([*base.stages, _tagging("old")], fingerprint="v1")
    bad = Pipeline([*base.stages, Stage("broken", frozenset(), frozenset(), broken)], "v2")
    doc = _doc("نص أول.", "a.txt")
    with SqliteStore.open(tmp_path / "m.db") as store:
        run_documents([doc], good, store)
        report = run_documents([doc], bad, store)
        assert store.get(doc.id).metadata.title == "old"
        assert store.analysed_with(doc.id) == "v1"
    assert report.rejections[0].stage == "broken"


def test_local_fingerprint_follows_stages_and_option_files(tmp_path: Path) -> None:
    kb = tmp_path / "kb.jsonl"
    kb.write_text("", encoding="utf-8")
    a = build_pipeline(["clean", "segment"]).fingerprint
    assert a == build_pipeline(["clean", "segment"]).fingerprint
    assert a != build_pipeline(["clean"]).fingerprint
    # options of stages outside the pipeline do not count; a file option counts by content
    assert a == build_pipeline(["clean", "segment"], {"link": {"kb_files": (kb,)}}).fingerprint
    linking = ["clean", "segment", "ner", "pubdate", "times", "quantities", "link"]
    with_kb = build_pipeline(linking, {"link": {"kb_files": (kb,)}})
    entry = '{"id": "kb:org:s", "type": "ORG", "name": "منظمة س", "name_en": "S"}'
    kb.write_text(entry + "\n", encoding="utf-8")
    changed = build_pipeline(linking, {"link": {"kb_files": (kb,)}})
    assert with_kb.fingerprint != changed.fingerprint
