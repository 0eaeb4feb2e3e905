"""The hand-labelled story-clustering set: gold story ids for ANT multisource articles.

The gold (``marsad/eval/data/stories/articles.jsonl``, described in the README beside it) holds
references only: the member path inside the ANT multisource v2.1 archive, the DOCNO, URL, outlet,
date and the gold story id. The article texts are read at evaluation time from the archive in the
shared data (never copied into the repository).

Typical use::

    gold = read_gold()
    articles = load_story_articles(default_archive())
    scores = score_clustering(my_clusters, gold_clustering(gold))
"""

from __future__ import annotations

import json
import logging
import os
import re
import tarfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from marsad.errors import ConfigError, IngestError

__all__ = [
    "ANT_ARCHIVE",
    "DEFAULT_GOLD",
    "GoldArticle",
    "StoryArticle",
    "default_archive",
    "gold_clustering",
    "load_story_articles",
    "parse_ant_document",
    "read_gold",
]

log = logging.getLogger(__name__)

DEFAULT_GOLD = Path(__file__).with_name("data") / "stories" / "articles.jsonl"
ANT_ARCHIVE = Path("corpora") / "ant" / "antcorpus_multisource_v2.1.tar.xz"
OUTLETS = frozenset({"Alarabia", "BBC", "CNN", "France24", "SkyNews"})
_FIELDS = ("member", "docno", "url", "outlet", "date", "published", "story", "story_label")
_TAGS = ("DOCNO", "URL", "TITLE", "TIME", "ABSTRACT", "TEXT")


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One gold record: where the article is and which story it belongs to.

    ``date`` is the day in the DOCNO (the outlet's local publication day), ``published`` the
    outlet's timestamp in UTC. ``story_label`` is a short title written by the annotator for
    stories of two or more articles, ``None`` for singletons.
    """

    member: str
    docno: str
    url: str
    outlet: str
    date: date
    published: datetime
    story: str
    story_label: str | None


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """A gold article with its text as read from the archive."""

    gold: GoldArticle
    title: str
    abstract: str
    text: str

    @property
    def story(self) -> str:
        """The gold story id."""
        return self.gold.story


def default_archive() -> Path:
    """The ANT multisource archive in the shared data.

    ``$MARSAD_SHARED/data`` when that variable is set, else ``shared/data`` beside the repository
    (the layout of the developers' machines and CI).

    Returns:
        The archive path (not checked for existence: :func:`load_story_articles` does that).

    Example:
        >>> default_archive().name
        'antcorpus_multisource_v2.1.tar.xz'
    """
    shared = os.environ.get("MARSAD_SHARED")
    root = Path(shared) if shared else Path(__file__).resolve().parents[2].parent / "shared"
    return root / "data" / ANT_ARCHIVE


def _record(line: str, where: str) -> GoldArticle:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{where}: not a JSON object ({exc.msg})") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a JSON object, got {type(raw).__name__}")
    missing = [name for name in _FIELDS if name not in raw]
    if missing:
        raise ConfigError(f"{where}: missing field(s) {', '.join(missing)}")
    for name in _FIELDS[:-1]:
        if not isinstance(raw[name], str) or not raw[name]:
            raise ConfigError(f"{where}: field {name!r} must be a non-empty string")
    label = raw["story_label"]
    if label is not None and not isinstance(label, str):
        raise ConfigError(f"{where}: story_label must be a string or null, got {label!r}")
    if raw["outlet"] not in OUTLETS:
        raise ConfigError(f"{where}: unknown outlet {raw['outlet']!r} (one of {sorted(OUTLETS)})")
    try:
        day = date.fromisoformat(raw["date"])
        published = datetime.fromisoformat(raw["published"].replace("Z", "+00:00"))
    except ValueError as exc:
        raise ConfigError(f"{where}: bad date or published value ({exc})") from exc
    if raw["docno"][-8:] != day.strftime("%Y%m%d"):
        raise ConfigError(f"{where}: date {raw['date']} does not match DOCNO {raw['docno']!r}")
    return GoldArticle(
        member=raw["member"],
        docno=raw["docno"],
        url=raw["url"],
        outlet=raw["outlet"],
        date=day,
        published=published,
        story=raw["story"],
        story_label=label,
    )


def read_gold(path: Path = DEFAULT_GOLD) -> tuple[GoldArticle, ...]:
    """Read and check the gold file.

    Args:
        path: a JSON-lines file, one object per article with the fields ``member``, ``docno``,
            ``url``, ``outlet``, ``date``, ``published``, ``story`` and ``story_label``.

    Returns:
        The records in file order.

    Raises:
        ConfigError: the file is missing, a line is malformed, or a DOCNO or member repeats.

    Example:
        >>> len(read_gold()) >= 300
        True
    """
    if not path.is_file():
        raise ConfigError(f"story gold file {path} does not exist")
    records: list[GoldArticle] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = _record(line, f"{path}:{number}")
            for key in (record.docno, record.member):
                if key in seen:
                    raise ConfigError(f"{path}:{number}: {key!r} appears twice in the gold")
                seen.add(key)
            records.append(record)
    if not records:
        raise ConfigError(f"story gold file {path} has no records")
    return tuple(records)


def gold_clustering(articles: Iterable[GoldArticle | StoryArticle]) -> dict[str, str]:
    """DOCNO -> gold story id, the form :mod:`marsad.eval.clustering` scores.

    Example:
        >>> clusters = gold_clustering(read_gold())
        >>> len(set(clusters.values())) < len(clusters)
        True
    """
    out: dict[str, str] = {}
    for article in articles:
        record = article.gold if isinstance(article, StoryArticle) else article
        out[record.docno] = record.story
    return out


def parse_ant_document(raw: str, source: str) -> Mapping[str, str]:
    """The tagged fields of one ANT TREC-style document.

    The files are not well-formed XML in every case, so each ``<TAG>...</TAG>`` is found with a
    regular expression. Missing ``ABSTRACT``/``TITLE`` become empty strings; a missing ``DOCNO``
    or ``TEXT`` is an error.

    Args:
        raw: the file's text.
        source: a name for messages (archive member).

    Returns:
        ``DOCNO``, ``URL``, ``TITLE``, ``TIME``, ``ABSTRACT`` and ``TEXT``, stripped.

    Raises:
        IngestError: no DOCNO or no TEXT.

    Example:
        >>> parse_ant_document("<DOC><DOCNO>X-1</DOCNO><TEXT> t </TEXT></DOC>", "x")["TEXT"]
        't'
    """
    fields: dict[str, str] = {}
    for tag in _TAGS:
        match = re.search(rf"<{tag}>(.*?)</{tag}>", raw, re.DOTALL)
        fields[tag] = match.group(1).strip() if match else ""
    for tag in ("DOCNO", "TEXT"):
        if not fields[tag]:
            raise IngestError(source, f"no <{tag}> in the document")
    return fields


def load_story_articles(
    archive: Path, gold: Iterable[GoldArticle] | None = None
) -> tuple[StoryArticle, ...]:
    """Read the gold articles' texts from the ANT multisource archive.

    The archive is read once, sequentially (an ``.xz`` tar has no index), keeping only the gold
    members.

    Args:
        archive: ``antcorpus_multisource_v2.1.tar.xz`` (see :func:`default_archive`).
        gold: the gold records; :func:`read_gold` of the shipped file when ``None``.

    Returns:
        The articles in gold order, each with its title, abstract, text and gold story.

    Raises:
        IngestError: the archive cannot be read, a gold member is not in it, or the DOCNO inside
            a member differs from the gold DOCNO.

    Example:
        >>> articles = load_story_articles(default_archive())  # doctest: +SKIP
        >>> articles[0].story  # doctest: +SKIP
        'fazlullah-bounty'
    """
    records = tuple(read_gold() if gold is None else gold)
    wanted = {record.member: record for record in records}
    found: dict[str, StoryArticle] = {}
    if not archive.is_file():
        raise IngestError(str(archive), "the ANT multisource archive is not there")
    try:
        with tarfile.open(archive, "r:*") as tar:
            for member in tar:
                record = wanted.get(member.name)
                if record is None or not member.isfile():
                    continue
                handle = tar.extractfile(member)
                if handle is None:
                    raise IngestError(f"{archive}:{member.name}", "cannot be read")
                raw = handle.read().decode("utf-8")
                fields = parse_ant_document(raw, f"{archive}:{member.name}")
                if fields["DOCNO"] != record.docno:
                    raise IngestError(
                        f"{archive}:{member.name}",
                        f"holds DOCNO {fields['DOCNO']!r}, the gold says {record.docno!r}",
                    )
                found[member.name] = StoryArticle(
                    gold=record,
                    title=fields["TITLE"],
                    abstract=fields["ABSTRACT"],
                    text=fields["TEXT"],
                )
    except (tarfile.TarError, OSError, EOFError, UnicodeDecodeError) as exc:
        raise IngestError(str(archive), f"cannot read the archive ({exc})") from exc
    missing = [record for record in records if record.member not in found]
    if missing:
        first = missing[0]
        raise IngestError(
            str(archive),
            f"{len(missing)} gold article(s) not found, first {first.member} "
            f"(DOCNO {first.docno}); is this ANT multisource v2.1?",
        )
    log.debug("read %d story articles from %s", len(found), archive)
    return tuple(found[record.member] for record in records)
