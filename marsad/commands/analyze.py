"""``marsad analyze`` and ``marsad show``."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from marsad.config import DEFAULT_DB, load_config
from marsad.errors import MarsadError, Rejection
from marsad.model import Document, Entity

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser("analyze", help="ingest inputs, run the pipeline, store and export")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, URLs, feeds or -")
    p.add_argument("--db", type=Path, default=None, help=f"SQLite store (default {DEFAULT_DB})")
    p.add_argument("--out", type=Path, help="write the analysis export (JSON) here")
    p.add_argument("--config", type=Path, help="TOML configuration ([pipeline] stages = [...])")
    p.add_argument("--encoding", help="decode files with this encoding instead of detecting it")
    p.add_argument("--kb", type=Path, action="append", default=[], help="extra KB entries (JSONL)")
    p.add_argument("--max-bytes", type=int, help="largest input accepted, in bytes")
    p.add_argument("--timeout", type=float, help="network timeout in seconds")
    p.add_argument("-q", "--quiet", action="store_true", help="print only rejections")
    p.set_defaults(func=run_analyze)

    s = sub.add_parser("show", help="print one stored document with its annotations")
    s.add_argument("doc", help="document id (or a unique prefix of 6+ characters)")
    s.add_argument("--db", type=Path, default=DEFAULT_DB)
    s.add_argument("--json", action="store_true", help="print the document's export as JSON")
    s.set_defaults(func=run_show)


def run_analyze(args: argparse.Namespace) -> int:
    from marsad.commands.progress import Progress
    from marsad.engine.anchor import anchor_undated
    from marsad.engine.corpus import (
        assign_stories,
        facts_and_conflicts,
        merged_events,
        resolve_entities,
    )
    from marsad.engine.local import run_documents
    from marsad.exports.analysis import build_analysis
    from marsad.ingest import Limits, count_inputs, read_inputs
    from marsad.pipeline import build_pipeline
    from marsad.store.sqlite import SqliteStore

    try:
        config = load_config(args.config)
        pipeline = build_pipeline(config.stages, {"link": {"kb_files": tuple(args.kb)}})
        store = SqliteStore.open(args.db or config.db)
    except MarsadError as exc:
        print(f"marsad analyze: {exc}", file=sys.stderr)
        return 2
    limits = Limits()
    overrides: dict[str, Any] = {}
    if args.max_bytes is not None:
        overrides["max_bytes"] = args.max_bytes
    if args.timeout is not None:
        overrides["timeout"] = args.timeout
    if overrides:
        import dataclasses

        limits = dataclasses.replace(limits, **overrides)
    progress = Progress(count_inputs(args.inputs), "analyze")
    with store:
        report = run_documents(
            read_inputs(args.inputs, encoding=args.encoding, limits=limits),
            pipeline,
            store,
            on_item=lambda _item: progress.update(),
        )
        progress.close()
        docs = [store.get(i) for i in report.doc_ids]
        entities: list[Entity] = []
        if "link" in pipeline.names:
            entities, docs = resolve_entities(docs, store, args.kb)
        stories = assign_stories(docs, store)
        fields = {i: store.document_fields(i) for i in report.doc_ids}
        events = merged_events(docs, entities)
        docs = anchor_undated(docs, events, store)
        facts, conflicts = facts_and_conflicts(docs)
        export = build_analysis(
            docs,
            fields=fields,
            entities={e.id: e for e in entities},
            rejections=report.rejections,
            extra={
                "events": events,
                "facts": facts,
                "conflicts": conflicts,
                "stories": stories,
            },
        )
    if args.out:
        _write_json_atomic(args.out, export)
    if not args.quiet:
        _print_summary(docs, report.new, report.reanalysed, store.path, args.out)
    _print_rejections(report.rejections)
    return 1 if report.rejections else 0


def _write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _print_summary(
    docs: list[Document], new: int, reanalysed: int, db: str, out: Path | None
) -> None:
    again = f", {reanalysed} analysed again by an updated pipeline" if reanalysed else ""
    kept = len(docs) - new - reanalysed
    print(f"{len(docs)} documents ({new} new{again}, {kept} already stored) in {db}")
    for doc in docs:
        m = doc.metadata
        title = (m.title or doc.text.split("\n", 1)[0])[:60]
        print(
            f"  {doc.id}  {m.published or '----------'}  ents {len(doc.entities):3d}"
            f"  times {len(doc.times):3d}  qty {len(doc.quantities):3d}  {title}"
        )
    if out:
        print(f"analysis written to {out}")


def _print_rejections(rejections: list[Rejection]) -> None:
    if rejections:
        print(f"{len(rejections)} input(s) rejected:", file=sys.stderr)
        for r in rejections:
            print(f"  {r.source}: {r.reason} (at {r.stage})", file=sys.stderr)


def run_show(args: argparse.Namespace) -> int:
    from marsad.exports.analysis import build_analysis
    from marsad.store.sqlite import SqliteStore

    if not args.db.exists():
        print(f"marsad show: no store at {args.db}", file=sys.stderr)
        return 2
    try:
        with SqliteStore.open(args.db) as store:
            doc = store.get(args.doc)
            fields = {doc.id: store.document_fields(doc.id)}
    except MarsadError as exc:
        print(f"marsad show: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(build_analysis([doc], fields=fields), ensure_ascii=False, indent=1))
        return 0
    print(format_document(doc))
    return 0


def format_document(doc: Document) -> str:
    """A plain-text view of a document and its annotation layers."""
    m = doc.metadata
    lines = [
        f"id:        {doc.id}",
        f"source:    {doc.provenance.source} ({doc.provenance.kind}, {doc.provenance.encoding})",
        f"title:     {m.title or '-'}",
        f"published: {m.published or '-'} (from {m.published_from or '-'})",
    ]
    if m.credited_source or m.original_url:
        lines.append(f"credited:  {m.credited_source or '-'}  original: {m.original_url or '-'}")
    lines += ["", doc.text, ""]
    lines.append(f"sentences: {len(doc.sentences)}  tokens: {len(doc.tokens)}")
    for r in doc.removed:
        lines.append(f"removed   [{r.start}:{r.end}] {r.reason}: {r.text}")
    for e in doc.entities:
        lines.append(f"entity    [{e.start}:{e.end}] {e.type:6s} {e.text}  -> {e.entity or '?'}")
    for t in doc.times:
        lines.append(f"time      [{t.start}:{t.end}] {t.text}  = {t.value} ({t.granularity})")
    for q in doc.quantities:
        approx = "~" if q.approx else ""
        lines.append(f"quantity  [{q.start}:{q.end}] {q.text}  = {approx}{q.value} {q.unit or ''}")
    for quote in doc.quotes:
        lines.append(f"quote     [{quote.start}:{quote.end}] {quote.speaker or '?'}: {quote.text}")
    return "\n".join(lines)
