"""``marsad search``: ranked full-text search over the stored corpus."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from marsad.config import DEFAULT_DB

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser("search", help="full-text search (Arabic-aware) over the stored corpus")
    p.add_argument("query", help='words, and "exact phrases" in quotes')
    p.add_argument("--db", type=Path, default=DEFAULT_DB)
    p.add_argument("--entity", help="only documents mentioning this entity (id or name)")
    p.add_argument("--from", dest="date_from", help="published on or after (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", help="published on or before (YYYY-MM-DD)")
    p.add_argument("--source", help="only documents whose source, site or outlet contains this")
    p.add_argument("--story", help="only documents of this story")
    p.add_argument("-n", "--limit", type=int, default=10)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from marsad.errors import MarsadError
    from marsad.store.search import SearchFilters
    from marsad.store.sqlite import SqliteStore

    if not args.db.exists():
        print(f"marsad search: no store at {args.db}", file=sys.stderr)
        return 2
    filters = SearchFilters(args.entity, args.date_from, args.date_to, args.source, args.story)
    try:
        with SqliteStore.open(args.db) as store:
            hits = store.search(args.query, filters=filters, limit=args.limit)
    except MarsadError as exc:
        print(f"marsad search: {exc}", file=sys.stderr)
        return 2
    if not hits:
        print("no match")
        return 0
    labels = {0: "phrase", 1: "words", 2: "variant"}
    for rank, hit in enumerate(hits, 1):
        title = (hit.title or "")[:70]
        date = hit.published or "----------"
        print(f"{rank:2d}. {hit.doc_id}  {date}  [{labels[hit.tier]}]  {title}")
        print(f"    {hit.snippet}")
    return 0
