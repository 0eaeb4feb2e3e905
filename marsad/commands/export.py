"""``marsad export``: the stored analysis as JSON, CSV, PLOVER JSON Lines, a graph or a report."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["register"]

_FORMATS = ("json", "csv", "plover", "graphml", "gexf", "report-html", "report-md")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="export the stored analysis (json, csv, plover, graphml, gexf, report-html/md)",
        description="Export every stored document, one story (--story) or a date range "
        "(--from/--to). csv writes entities.csv, events.csv, quotes.csv and facts.csv into "
        "the folder --out; every other format writes the file --out.",
    )
    p.add_argument("--db", type=Path, required=True, help="the SQLite store")
    p.add_argument("--format", required=True, choices=_FORMATS, dest="fmt")
    p.add_argument("--out", type=Path, required=True, help="file (or folder, for csv)")
    p.add_argument("--story", help="only this story's documents")
    p.add_argument("--from", dest="date_from", help="only documents published on/after (ISO)")
    p.add_argument("--to", dest="date_to", help="only documents published on/before (ISO)")
    p.set_defaults(func=run_export)


def _write_atomic(path: Path, body: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def run_export(args: argparse.Namespace) -> int:
    from marsad.errors import MarsadError
    from marsad.exports.formats import render
    from marsad.exports.scope import Scope, apply_scope
    from marsad.exports.store import analysis_from_store
    from marsad.exports.tables import write_tables
    from marsad.store.sqlite import SqliteStore

    if not args.db.exists():
        print(f"marsad export: no store at {args.db}", file=sys.stderr)
        return 2
    try:
        scope = Scope(args.story, args.date_from, args.date_to)
        with SqliteStore.open(args.db) as store:
            export = apply_scope(analysis_from_store(store), scope)
        if args.fmt == "csv":
            if args.out.exists() and not args.out.is_dir():
                print(f"marsad export: --out {args.out} must be a folder for csv", file=sys.stderr)
                return 2
            paths = write_tables(export, args.out)
            written = ", ".join(p.name for p in paths)
            print(f"{len(export['documents'])} documents: {written} in {args.out}")
            return 0
        rendered = render(export, args.fmt)
        _write_atomic(args.out, rendered.body)
    except MarsadError as exc:
        print(f"marsad export: {exc}", file=sys.stderr)
        return 2
    print(f"{len(export['documents'])} documents, {len(export['events'])} events: {args.out}")
    return 0
