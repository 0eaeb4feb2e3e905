"""Reader for marsad's own gold set of quotes and events (``marsad/eval/data/events``).

The gold files hold no article text (the corpora's licences forbid redistribution): each
article is a reference into the shared corpora (or the repository's seed articles), and each
span is a pair of character offsets plus an *anchor*, the first three whitespace-separated words
of the span. :func:`load_texts` fetches the texts exactly as the guidelines define them and
:func:`validate` checks every anchor against them, so an offset that drifted is caught at once.

Text of an article, by corpus (offsets index into this string):

- ``saudinewsnet``: the ``content`` field, as ``json.loads`` returns it, of the article at
  position ``index`` of the JSON array in ``member`` of the daily zip ``archive``; its ``url``
  must equal ``key``. No unescaping, no stripping.
- ``ant``: ``member`` of the tar.xz ``archive`` decoded as UTF-8; the text between the first
  ``<TEXT>`` and the next ``</TEXT>``, with ``str.strip()`` applied.
- ``seeds``: the file ``member`` (relative to the repository root) decoded as UTF-8 from its
  bytes (no newline translation, no cleaning).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import tarfile
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from marsad.eval.events_schema import (
    DATA_DIR,
    REPO_ROOT,
    EventArgument,
    EventDate,
    EventsGold,
    GoldArticle,
    GoldDataError,
    GoldEvent,
    GoldQuote,
    GoldSpan,
    anchor_of,
    load_gold,
)

__all__ = [
    "DATA_DIR",
    "EventArgument",
    "EventDate",
    "EventsGold",
    "GoldArticle",
    "GoldDataError",
    "GoldEvent",
    "GoldQuote",
    "GoldSpan",
    "anchor_of",
    "load_gold",
    "load_texts",
    "load_validated",
    "validate",
]

logger = logging.getLogger(__name__)

_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


def _ant_texts(archive: Path, members: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    with tarfile.open(archive) as tar:
        for info in tar:
            if info.name not in members:
                continue
            handle = tar.extractfile(info)
            if handle is None:
                raise GoldDataError(f"{archive}: member {info.name} is not a file")
            raw = handle.read().decode("utf-8")
            match = _TEXT_RE.search(raw)
            if match is None:
                raise GoldDataError(f"{archive}: member {info.name} has no <TEXT> element")
            out[info.name] = match.group(1).strip()
            if len(out) == len(members):
                break
    return out


def _snn_text(archive: Path, article: GoldArticle, cache: dict[Path, list[Any]]) -> str:
    if archive not in cache:
        with zipfile.ZipFile(archive) as zf:
            cache[archive] = json.loads(zf.read(article.member).decode("utf-8"))
    rows = cache[archive]
    idx = article.index if article.index is not None else -1
    if 0 <= idx < len(rows) and rows[idx].get("url") == article.key:
        return str(rows[idx]["content"])
    for row in rows:  # fall back to the key when the position moved
        if row.get("url") == article.key:
            return str(row["content"])
    raise GoldDataError(f"{archive}: no article with url {article.key!r}")


def load_texts(
    articles: Iterable[GoldArticle], shared_data: Path, repo_root: Path = REPO_ROOT
) -> dict[str, str]:
    """Fetch each article's text from the shared corpora or the repository's seeds.

    Args:
        articles: the articles to fetch.
        shared_data: the shared ``data`` folder (holding ``corpora/``).
        repo_root: the repository root, for seed articles.

    Returns:
        ``article_id -> text``, the text that offsets index into.

    Raises:
        GoldDataError: an archive, member or article is missing.

    Example:
        >>> texts = load_texts(load_gold().articles, Path("../shared/data"))  # doctest: +SKIP
    """
    arts = list(articles)
    texts: dict[str, str] = {}
    ant_by_archive: dict[Path, set[str]] = defaultdict(set)
    snn_cache: dict[Path, list[Any]] = {}
    for a in arts:
        if a.corpus == "seeds":
            path = repo_root / a.member
            if not path.is_file():
                raise GoldDataError(f"{a.article_id}: seed file {path} missing")
            texts[a.article_id] = path.read_bytes().decode("utf-8")
            continue
        archive = shared_data / str(a.archive)
        if not archive.is_file():
            raise GoldDataError(f"{a.article_id}: archive {archive} missing")
        if a.corpus == "saudinewsnet":
            texts[a.article_id] = _snn_text(archive, a, snn_cache)
        else:
            ant_by_archive[archive].add(a.member)
    for archive, members in ant_by_archive.items():
        found = _ant_texts(archive, members)
        for a in arts:
            if a.corpus == "ant" and shared_data / str(a.archive) == archive:
                if a.member not in found:
                    raise GoldDataError(f"{a.article_id}: member {a.member} not in {archive}")
                texts[a.article_id] = found[a.member]
    logger.debug("loaded %d article texts", len(texts))
    return texts


def _check_span(span: GoldSpan, text: str, where: str) -> None:
    if span.end > len(text):
        raise GoldDataError(f"{where}: span {span.start}..{span.end} past the text end {len(text)}")
    got = anchor_of(text[span.start : span.end])
    if got != span.anchor:
        raise GoldDataError(
            f"{where}: anchor mismatch at {span.start}..{span.end}: "
            f"gold {span.anchor!r}, text {got!r}"
        )


def validate(gold: EventsGold, texts: Mapping[str, str]) -> int:
    """Check every article's text hash and every span's anchor against the texts.

    Args:
        gold: the gold set from :func:`load_gold`.
        texts: ``article_id -> text`` from :func:`load_texts`.

    Returns:
        The number of spans checked.

    Raises:
        GoldDataError: a text is missing or changed, or an anchor does not match.

    Example:
        >>> gold = EventsGold((), (), ())
        >>> validate(gold, {})
        0
    """
    for a in gold.articles:
        text = texts.get(a.article_id)
        if text is None:
            raise GoldDataError(f"{a.article_id}: no text loaded")
        if len(text) != a.text_length:
            raise GoldDataError(
                f"{a.article_id}: text has {len(text)} characters, gold says {a.text_length}"
            )
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != a.text_sha256:
            raise GoldDataError(f"{a.article_id}: text hash differs from the gold's")
    checked = 0
    for q in gold.quotes:
        text = texts[q.article_id]
        spans = [("quote", q.span), ("speaker", q.speaker_span)]
        if q.cue is not None:
            spans.append(("cue", q.cue))
        for what, span in spans:
            _check_span(span, text, f"{q.quote_id} {what}")
            checked += 1
    for e in gold.events:
        text = texts[e.article_id]
        spans = [("trigger", e.trigger)]
        spans += [(f"actor {x.name}", x.span) for x in e.actors]
        spans += [(f"target {x.name}", x.span) for x in e.targets]
        if e.location is not None:
            spans.append(("location", e.location.span))
        if e.date is not None and e.date.span is not None:
            spans.append(("date", e.date.span))
        for what, span in spans:
            _check_span(span, text, f"{e.mention_id} {what}")
            checked += 1
    return checked


def load_validated(
    shared_data: Path, data_dir: Path = DATA_DIR, repo_root: Path = REPO_ROOT
) -> tuple[EventsGold, dict[str, str]]:
    """Load the gold set and the texts, and validate every anchor (the one call scorers use).

    Raises:
        GoldDataError: as :func:`load_gold`, :func:`load_texts` and :func:`validate`.

    Example:
        >>> gold, texts = load_validated(Path("../shared/data"))  # doctest: +SKIP
    """
    gold = load_gold(data_dir)
    texts = load_texts(gold.articles, shared_data, repo_root)
    validate(gold, texts)
    return gold, texts
