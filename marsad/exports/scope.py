"""Narrow an analysis export to one story or to a date range, keeping it a valid export.

Every export format (CSV, PLOVER, graph, report) reads the same ``marsad.analysis/1`` dict; the
``--story`` and ``--from/--to`` filters are applied here once, so each format sees the same
documents, entities, events and facts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from marsad.errors import ConfigError

__all__ = ["Scope", "apply_scope", "check_date_prefix"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date_prefix(value: str, name: str) -> str:
    """``value`` when it is a calendar date, year-month or year (``2025-11-11``, ``2025-11``,
    ``2025``).

    Raises:
        ConfigError: naming ``name`` and the value, when it is not such a date.

    Example:
        >>> check_date_prefix("2025-11", "--from")
        '2025-11'
    """
    # a year or year-month is checked as its first day
    padded = value + {4: "-01-01", 7: "-01", 10: ""}[len(value)] if _DATE.match(value) else ""
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        raise ConfigError(
            f"{name} must be an ISO date like 2025-11-11, 2025-11 or 2025, got {value!r}"
        ) from None
    return value


def _overlaps(value: str | None, date_from: str | None, date_to: str | None) -> bool:
    # a prefix date ("2025", "2025-11") covers every longer date that starts with it
    if not value:
        return False
    if date_from is not None and value + "\uffff" < date_from:
        return False
    return not (date_to is not None and value[: len(date_to)] > date_to)


@dataclass(frozen=True, slots=True)
class Scope:
    """Which part of the corpus an export covers (everything when all fields are ``None``).

    Attributes:
        story: a story id: its documents only.
        date_from: ISO date (or year / year-month): documents published on or after it.
        date_to: ISO date (or year / year-month): documents published on or before it.

    Raises:
        ConfigError: a date is not ISO, or ``story`` is combined with dates.
    """

    story: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def __post_init__(self) -> None:
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None:
                check_date_prefix(value, name)
        if self.story is not None and (self.date_from or self.date_to):
            raise ConfigError("choose a story or a date range, not both")
        if self.date_from and self.date_to and self.date_from[:10] > self.date_to[:10]:
            raise ConfigError(f"date_from {self.date_from} is after date_to {self.date_to}")

    @property
    def everything(self) -> bool:
        """Whether the scope covers the whole corpus."""
        return self.story is None and self.date_from is None and self.date_to is None

    def label(self) -> str:
        """A short human-readable name of the scope (used in report titles and file names)."""
        if self.story:
            return f"story {self.story}"
        if self.date_from or self.date_to:
            return f"{self.date_from or '…'} – {self.date_to or '…'}"
        return "all documents"


def _doc_ids(export: Mapping[str, Any], scope: Scope) -> set[str]:
    if scope.story is not None:
        story = next((s for s in export["stories"] if s["id"] == scope.story), None)
        if story is not None:
            return set(story["docs"])
        found = {d["id"] for d in export["documents"] if d.get("story") == scope.story}
        if not found:
            raise ConfigError(f"no story {scope.story!r} in the export")
        return found
    return {
        d["id"]
        for d in export["documents"]
        if _overlaps(d.get("published"), scope.date_from, scope.date_to)
    }


def _keep_cited(items: list[dict[str, Any]], docs: set[str]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        evidence = [e for e in item.get("evidence", []) if e["doc"] in docs]
        if evidence:
            out.append({**item, "evidence": evidence})
    return out


def apply_scope(export: Mapping[str, Any], scope: Scope) -> dict[str, Any]:
    """The part of ``export`` that ``scope`` covers, still a valid ``marsad.analysis/1`` export.

    Documents are those of the story or published in the range; entities keep only their
    mentions in those documents (an entity left with none is dropped); events and facts keep
    only their evidence in those documents (one left with none is dropped); a conflict is kept
    while at least two of its facts are; stories keep their documents in scope.

    Args:
        export: a full export.
        scope: the part wanted.

    Returns:
        A new export dict (``export`` is not changed); ``export`` itself when the scope is
        everything.

    Raises:
        ConfigError: ``scope.story`` names no story of the export.

    Example:
        >>> apply_scope(export, Scope(date_from="2025-11-01"))["documents"]  # doctest: +SKIP
    """
    if scope.everything:
        return dict(export)
    docs = _doc_ids(export, scope)
    entities = []
    for e in export["entities"]:
        mentions = [m for m in e["mentions"] if m["doc"] in docs]
        if mentions:
            entities.append({**e, "mentions": mentions})
    facts = _keep_cited(export["facts"], docs)
    fact_ids = {f["id"] for f in facts}
    conflicts = []
    for c in export["conflicts"]:
        kept = [i for i in c.get("facts", []) if i in fact_ids]
        if len(kept) >= 2:
            conflicts.append({**c, "facts": kept})
    stories = []
    for s in export["stories"]:
        members = [i for i in s["docs"] if i in docs]
        if members:
            summary = s.get("summary")
            if isinstance(summary, list):
                summary = [x for x in summary if not isinstance(x, dict) or x.get("doc") in docs]
            stories.append({**s, "docs": members, "summary": summary})
    out = dict(export)
    out.update(
        {
            "documents": [d for d in export["documents"] if d["id"] in docs],
            "entities": entities,
            "times": [t for t in export["times"] if t["doc"] in docs],
            "quantities": [q for q in export["quantities"] if q["doc"] in docs],
            "quotes": [q for q in export["quotes"] if q["doc"] in docs],
            "events": _keep_cited(export["events"], docs),
            "facts": facts,
            "conflicts": conflicts,
            "stories": stories,
            "scope": {"story": scope.story, "from": scope.date_from, "to": scope.date_to},
        }
    )
    return out
