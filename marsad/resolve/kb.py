"""The knowledge base of canonical entities: countries, places, organizations and office holders.

The shipped knowledge base is the JSON Lines files in ``marsad/resources/kb/`` (one entity per
line, see ``SOURCES.md`` there for the fields and where each file comes from). Users add or
override entries with their own files in the same format (:meth:`KnowledgeBase.load`); a bad line
is refused with an error naming the file, the line and the field.

Lookups are on folded keys (:mod:`marsad.resolve.keys`): any alias, with proclitics and
diacritics, and the light spelling variants of transliterated names.
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from marsad.errors import ConfigError
from marsad.model import Entity
from marsad.resolve.keys import (
    dropped_vowel,
    lexicon,
    light_variants,
    phrase_key,
    strip_proclitics,
)

__all__ = ["ENTITY_TYPES", "KBError", "KBRecord", "KnowledgeBase", "Office"]

logger = logging.getLogger(__name__)

ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "MISC"})
_SHIPPED = (
    "countries.jsonl",
    "regions.jsonl",
    "cities.jsonl",
    "organizations.jsonl",
    "people.jsonl",
)
_ID = re.compile(r"^(?!x:)[a-z][a-z0-9_-]*:\S+$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_TYPE_RANK = {"GPE": 0, "LOC": 1, "ORG": 2, "PERSON": 3, "MISC": 4}


class KBError(ConfigError):
    """A knowledge-base file or line that cannot be used; the message names file, line, field."""


@dataclass(frozen=True, slots=True)
class Office:
    """An office held: ``role`` (head_of_state, foreign_minister, ...) of ``of`` (a code)."""

    role: str
    of: str
    start: date
    end: date | None = None

    def held_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class KBRecord:
    """One knowledge-base line: the entity and the fields that only the resolver uses."""

    entity: Entity
    kind: str | None = None  # country, city, region, news_agency, institution, ...
    code: str | None = None  # ISO 3166 code of a country, short code of an organization
    country: str | None = None  # code of the country a city or institution belongs to
    nisba: tuple[str, ...] = ()  # adjective stems for a country: روسي, كازاخستاني
    offices: tuple[Office, ...] = ()
    source: str = ""
    capital: bool = False  # a city that is its country's capital ("موسكو" may stand for Russia)


def _fail(where: str, msg: str) -> KBError:
    return KBError(f"{where}: {msg}")


def _str_list(obj: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
    value = obj.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, f"field {name!r} must be a list of non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)


def _opt_bool(obj: dict[str, Any], name: str, where: str) -> bool:
    value = obj.get(name, False)
    if not isinstance(value, bool):
        raise _fail(where, f"field {name!r} must be true or false, got {value!r}")
    return value


def _opt_str(obj: dict[str, Any], name: str, where: str) -> str | None:
    value = obj.get(name)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise _fail(where, f"field {name!r} must be a non-empty string or null, got {value!r}")
    return value.strip() if isinstance(value, str) else None


def _date(value: Any, name: str, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _fail(where, f"{name} must be a date YYYY-MM-DD, got {value!r}") from None


def _offices(obj: dict[str, Any], where: str) -> tuple[Office, ...]:
    raw = obj.get("offices", [])
    if not isinstance(raw, list):
        raise _fail(where, f"field 'offices' must be a list, got {raw!r}")
    out = []
    for i, o in enumerate(raw):
        at = f"{where}: offices[{i}]"
        if not isinstance(o, dict):
            raise _fail(at, f"must be an object, got {o!r}")
        role, of = o.get("role"), o.get("of")
        if not isinstance(role, str) or not role:
            raise _fail(at, f"'role' must be a non-empty string, got {role!r}")
        if not isinstance(of, str) or not of:
            raise _fail(at, f"'of' must be a country or organization code, got {of!r}")
        start = _date(o.get("start"), "'start'", at)
        end = None if o.get("end") is None else _date(o.get("end"), "'end'", at)
        if end is not None and end < start:
            raise _fail(at, f"'end' {end} is before 'start' {start}")
        out.append(Office(role, of, start, end))
    return tuple(out)


def parse_record(obj: Any, where: str) -> KBRecord:
    """Validate one decoded JSON line and build its record.

    Raises:
        KBError: a field is missing or wrong; the message starts with ``where``.

    Example:
        >>> parse_record({"id": "kb:x", "type": "ORG", "name": "س"}, "f:1").entity.name
        'س'
    """
    if not isinstance(obj, dict):
        raise _fail(where, f"a line must be a JSON object, got {type(obj).__name__}")
    eid = obj.get("id")
    if not isinstance(eid, str) or not _ID.match(eid):
        raise _fail(where, f"'id' must look like 'kb:name' or 'wd:Q123' (not 'x:'), got {eid!r}")
    etype = obj.get("type")
    if etype not in ENTITY_TYPES:
        raise _fail(where, f"'type' must be one of {sorted(ENTITY_TYPES)}, got {etype!r}")
    name = obj.get("name")
    if not isinstance(name, str) or not phrase_key(name):
        raise _fail(where, f"'name' must be a non-empty Arabic name, got {name!r}")
    wikidata = _opt_str(obj, "wikidata", where)
    if wikidata is not None and not _QID.match(wikidata):
        raise _fail(where, f"'wikidata' must be a Q-number like 'Q159', got {wikidata!r}")
    if eid.startswith("wd:") and eid != f"wd:{wikidata}":
        raise _fail(where, f"id {eid!r} starts with 'wd:' but 'wikidata' is {wikidata!r}")
    entity = Entity(
        id=eid,
        type=etype,
        name=name.strip(),
        name_en=_opt_str(obj, "name_en", where),
        wikidata=wikidata,
        aliases=_str_list(obj, "aliases", where),
    )
    return KBRecord(
        entity=entity,
        kind=_opt_str(obj, "kind", where),
        code=_opt_str(obj, "code", where),
        country=_opt_str(obj, "country", where),
        nisba=_str_list(obj, "nisba", where),
        offices=_offices(obj, where),
        source=where,
        capital=_opt_bool(obj, "capital", where),
    )


def read_jsonl(text: str, source: str) -> list[KBRecord]:
    """Parse a JSON Lines knowledge-base file (blank lines and ``//`` comments skipped).

    Raises:
        KBError: a line is not JSON or not a valid entry (names ``source`` and the line).
    """
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise _fail(where, f"not valid JSON ({e.msg} at column {e.colno})") from None
        out.append(parse_record(obj, where))
    return out


class KnowledgeBase:
    """Canonical entities with their aliases, nisba adjectives and offices, indexed for lookup.

    Example:
        >>> kb = KnowledgeBase.load()
        >>> kb.lookup("لبوتين")[0].name_en
        'Vladimir Putin'
    """

    def __init__(self, records: Iterable[KBRecord]) -> None:
        self._records: dict[str, KBRecord] = {}
        for r in records:
            if r.entity.id in self._records:
                logger.info("%s replaces knowledge-base entry %s", r.source, r.entity.id)
            self._records[r.entity.id] = r
        self._codes: dict[str, str] = {}
        for r in self._records.values():
            if r.code and r.kind != "region":
                self._codes.setdefault(r.code.upper(), r.entity.id)
        self._exact: dict[str, set[str]] = defaultdict(set)
        self._fuzzy: dict[str, set[str]] = defaultdict(set)
        #: (variant key, id) -> letters the alias dropped to reach that variant ("" for none)
        self._dropped: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._fuzzy_first: set[str] = set()  # first words of the keys of _fuzzy
        self._nisba: dict[str, str] = {}
        self._holders: dict[tuple[str, str], list[tuple[Office, str]]] = defaultdict(list)
        for r in self._records.values():
            self._index(r)
        self.max_words = max((len(k.split()) for k in self._exact), default=1)

    # -- building ---------------------------------------------------------------------------

    def _index(self, r: KBRecord) -> None:
        eid = r.entity.id
        for surface in (r.entity.name, *r.entity.aliases):
            key = phrase_key(surface)
            if not key:
                continue
            self._exact[key].add(eid)
            words = key.split()
            for j, w in enumerate(words):
                for v in light_variants(w):
                    variant = " ".join([*words[:j], v, *words[j + 1 :]])
                    self._fuzzy[variant].add(eid)
                    self._dropped[(variant, eid)].add(dropped_vowel(w, v))
                    self._fuzzy_first.add(v if j == 0 else words[0])
        lex = lexicon()
        for stem in r.nisba:
            words = phrase_key(stem).split()
            if not words or min(len(w) for w in words) < 3:
                continue
            for suffix in lex.nisba_suffixes:
                for article in ("", lex.article):
                    form = " ".join(article + w + suffix for w in words)
                    self._nisba.setdefault(form, eid)
        for office in r.offices:
            country = self._codes.get(office.of.upper(), office.of)
            self._holders[(office.role, country)].append((office, eid))

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> KnowledgeBase:
        """The shipped knowledge base plus the user's JSON Lines files (later entries win).

        Args:
            extra: paths of user files in the shipped format; an entry whose id is already
                known replaces it.

        Returns:
            The indexed knowledge base.

        Raises:
            KBError: a file cannot be read, a line is invalid, or an office names an unknown
                country or organization code; the message names the file and line.

        Example:
            >>> kb = KnowledgeBase.load()
            >>> kb.get("wd:Q159").name_en
            'Russia'
        """
        records: list[KBRecord] = []
        base = resources.files("marsad.resources.kb")
        for name in _SHIPPED:
            f = base.joinpath(name)
            if f.is_file():
                records += read_jsonl(f.read_text(encoding="utf-8"), f"marsad/resources/kb/{name}")
        for path in extra:
            p = Path(path)
            try:
                text = p.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                raise KBError(f"{p}: cannot read knowledge-base file: {e}") from None
            records += read_jsonl(text, str(p))
        kb = cls(records)
        kb._check_offices()
        return kb

    def _check_offices(self) -> None:
        for r in self._records.values():
            for o in r.offices:
                if o.of.upper() not in self._codes and o.of not in self._records:
                    raise KBError(
                        f"{r.source}: office {o.role!r} is 'of' {o.of!r}, which is neither a "
                        "country or organization code nor an entity id in the knowledge base"
                    )

    # -- queries ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._records)

    @property
    def entities(self) -> tuple[Entity, ...]:
        return tuple(r.entity for r in self._records.values())

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or ``None``."""
        r = self._records.get(entity_id)
        return r.entity if r else None

    def record(self, entity_id: str) -> KBRecord | None:
        """The full record (kind, code, offices, nisba) of an entity, or ``None``."""
        return self._records.get(entity_id)

    def by_code(self, code: str) -> Entity | None:
        """The country (ISO code) or organization (short code) with this code.

        >>> KnowledgeBase.load().by_code("kz").name
        'كازاخستان'
        """
        eid = self._codes.get(code.upper())
        return self.get(eid) if eid else None

    def rank(self, ids: Iterable[str]) -> list[Entity]:
        """The entities of ``ids``, most likely reading of an ambiguous name first."""
        recs = [self._records[i] for i in ids]
        recs.sort(
            key=lambda r: (_TYPE_RANK.get(r.entity.type, 9), r.kind != "country", r.entity.id)
        )
        return [r.entity for r in recs]

    def exact_ids(self, key: str) -> frozenset[str]:
        """Entity ids whose name or alias has exactly this phrase key."""
        return frozenset(self._exact.get(key, ()))

    def fuzzy_ids(self, key: str) -> frozenset[str]:
        """Entity ids that a light spelling variant of this phrase key reaches.

        When both the phrase and the alias drop a long vowel to meet, it is the same letter
        (a vowel written in another place, "الكريملن" / "الكرملين"), not two different ones
        (another name: "العبيدي" is not "العبادي").

        >>> sorted(KnowledgeBase.load().fuzzy_ids("الكريملن"))
        ['kb:org:kremlin']
        >>> sorted(KnowledgeBase.load().fuzzy_ids("العبيدي"))
        []
        """
        words = key.split()
        if not words:
            return frozenset()
        first = self._fuzzy_first
        if words[0] not in first and first.isdisjoint(light_variants(words[0])):
            return frozenset()  # no indexed variant starts with this word: nothing to reach
        hits: set[str] = set()
        for j, w in enumerate(words):
            for v in light_variants(w):
                variant = " ".join([*words[:j], v, *words[j + 1 :]])
                mine = dropped_vowel(w, v)
                for eid in self._fuzzy.get(variant, ()):
                    theirs = self._dropped[(variant, eid)]
                    if not mine or "" in theirs or mine in theirs:
                        hits.add(eid)
        return frozenset(hits)

    def nisba_id(self, key: str) -> str | None:
        """The country a folded nisba adjective ("الروسيه", "كازاخستاني") denotes, if any."""
        return self._nisba.get(key)

    def lookup(self, surface: str) -> list[Entity]:
        """Entities that ``surface`` names: any alias, with clitics, diacritics or variants.

        Exact aliases win over light spelling variants; several entities come back when the
        name is ambiguous (countries first, then places, organizations, people).

        >>> [e.name_en for e in KnowledgeBase.load().lookup("وموسكو")]
        ['Moscow']
        """
        key = phrase_key(surface)
        if not key:
            return []
        first, _, rest = key.partition(" ")
        readings = [r for _, r in strip_proclitics(first)]
        art = lexicon().article
        readings += [art + r for r in readings if not r.startswith(art)]
        for finder in (self.exact_ids, self.fuzzy_ids):
            for r in readings:
                ids = finder(f"{r} {rest}" if rest else r)
                if ids:
                    return self.rank(ids)
        return []

    def holders(self, role: str, country_id: str) -> tuple[str, ...]:
        """Ids of everyone who ever held ``role`` of a country (id or code) or organization.

        >>> "wd:Q7747" in KnowledgeBase.load().holders("head_of_state", "RU")
        True
        """
        cid = country_id if country_id in self._records else self._codes.get(country_id.upper())
        if cid is None:
            return ()
        return tuple(dict.fromkeys(eid for _, eid in self._holders.get((role, cid), [])))

    def office_holder(self, role: str, country_id: str, on: date) -> Entity | None:
        """Who held ``role`` of a country (entity id or ISO code) or organization on a date.

        >>> from datetime import date
        >>> KnowledgeBase.load().office_holder("head_of_state", "RU", date(2024, 11, 27)).name_en
        'Vladimir Putin'
        """
        cid = country_id if country_id in self._records else self._codes.get(country_id.upper())
        if cid is None:
            return None
        held = [(o, eid) for o, eid in self._holders.get((role, cid), []) if o.held_on(on)]
        if not held:
            return None
        # Overlaps happen on hand-over days and with acting holders: the latest start wins.
        held.sort(key=lambda x: x[0].start)
        return self._records[held[-1][1]].entity
