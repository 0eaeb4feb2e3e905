"""Near-duplicate detection: wire copies and lightly edited re-publications.

Every article is reduced to the set of hashed word n-grams ("shingles") of its folded text
(:func:`marsad.text.normalize.normalize` with ``fold=True``, words only, so punctuation, diacritics
and letter variants do not matter). A MinHash signature of that set (datasketch, ``affine32``
scheme) is cut into ``bands`` of ``rows`` values; two articles that share one band are candidates.
Candidates are then confirmed on the exact shingle sets: a pair is a duplicate when the Jaccard
similarity reaches ``threshold``, or when the shorter text is almost wholly contained in the longer
one (``containment``) and is long enough for that to mean something. LSH keeps the work per new
article independent of the size of the corpus: only the articles sharing a band are compared.

The index is incremental (:meth:`DedupIndex.add` checks a new article against what is stored,
then stores it) and persistable: the band table and the per-document records live behind the small
:class:`DedupBackend` protocol. :class:`MemoryBackend` is the default and saves to one ``.npz``
file; a database store implements the same five methods over two tables
(``dedup_bands(band, key, doc_id)`` indexed on ``(band, key)`` and
``dedup_docs(doc_id, seq, n_words, shingles, duplicate_of)``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from marsad.errors import ConfigError, StoreError
from marsad.text.normalize import normalize

__all__ = [
    "DedupBackend",
    "DedupIndex",
    "DedupRecord",
    "MemoryBackend",
    "shingle_hashes",
    "text_words",
]

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
_FORMAT = "marsad-dedup/1"
_U32 = np.uint32
_MASK = np.uint64(0xFFFFFFFF)
# Odd multipliers that mix the word hashes of an n-gram into one 32-bit shingle hash.
_MIX = (np.uint64(0x9E3779B1), np.uint64(0x85EBCA77), np.uint64(0xC2B2AE3D), np.uint64(0x27D4EB2F))

U32Array = npt.NDArray[np.uint32]


def text_words(text: str) -> list[str]:
    """The words of ``text`` in the folded matching alphabet (letters and digits, lower case).

    >>> text_words("قالَ: أحمد، 2015!")
    ['قال', 'احمد', '2015']
    """
    return _WORD.findall(normalize(text, fold=True).text.lower())


def shingle_hashes(words: list[str], n: int) -> U32Array:
    """The sorted, distinct 32-bit hashes of the word ``n``-grams of ``words``.

    A text shorter than ``n`` words gives one shingle (all its words); no words give none.

    Args:
        words: the words of a text (see :func:`text_words`).
        n: the n-gram length, at least 1.

    Returns:
        A sorted ``uint32`` array without repeats.

    Raises:
        ConfigError: ``n`` is below 1.

    Example:
        >>> len(shingle_hashes(["a", "b", "c", "a", "b"], 2))
        3
    """
    if n < 1:
        raise ConfigError(f"shingle size must be at least 1, got {n}")
    if not words:
        return np.zeros(0, dtype=_U32)
    wh = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64)
    k = min(n, len(words))
    m = len(words) - k + 1
    acc = np.zeros(m, dtype=np.uint64)
    for j in range(k):
        acc = ((acc ^ wh[j : j + m]) * _MIX[j % len(_MIX)] + np.uint64(j + 1)) & _MASK
    return np.unique(acc.astype(_U32))


@dataclass(frozen=True, slots=True)
class DedupRecord:
    """What the index keeps of one document: its order of arrival, size and shingle hashes."""

    doc_id: str
    seq: int
    n_words: int
    shingles: U32Array
    duplicate_of: str | None = None


class DedupBackend(Protocol):
    """Where the band table and the document records live (memory, SQLite, PostgreSQL)."""

    def bucket(self, band: int, key: bytes) -> Iterable[str]:
        """The ids of the documents whose signature has ``key`` in ``band``."""
        ...

    def put(self, record: DedupRecord, keys: list[bytes]) -> None:
        """Store ``record`` and file its id under ``keys`` (one per band, in band order)."""
        ...

    def get(self, doc_id: str) -> DedupRecord | None:
        """The record of ``doc_id``, or None."""
        ...

    def remove(self, doc_id: str) -> None:
        """Take ``doc_id``'s record and band entries out (nothing when it is not there)."""
        ...

    def records(self) -> Iterator[DedupRecord]:
        """Every record, in order of arrival."""
        ...

    def __len__(self) -> int: ...


class MemoryBackend:
    """The in-memory backend: dicts of band keys to ids and of ids to records."""

    def __init__(self) -> None:
        self._bands: dict[tuple[int, bytes], list[str]] = {}
        self._records: dict[str, DedupRecord] = {}

    def bucket(self, band: int, key: bytes) -> Iterable[str]:
        return self._bands.get((band, key), ())

    def put(self, record: DedupRecord, keys: list[bytes]) -> None:
        self._records[record.doc_id] = record
        for band, key in enumerate(keys):
            self._bands.setdefault((band, key), []).append(record.doc_id)

    def get(self, doc_id: str) -> DedupRecord | None:
        return self._records.get(doc_id)

    def remove(self, doc_id: str) -> None:
        if self._records.pop(doc_id, None) is None:
            return
        for ids in self._bands.values():
            while doc_id in ids:
                ids.remove(doc_id)

    def records(self) -> Iterator[DedupRecord]:
        return iter(sorted(self._records.values(), key=lambda r: r.seq))

    def __len__(self) -> int:
        return len(self._records)


@dataclass(frozen=True, slots=True)
class _Doc:
    words: int
    shingles: U32Array
    keys: list[bytes]


class DedupIndex:
    """An incremental near-duplicate index over documents.

    Args:
        threshold: the Jaccard similarity of shingle sets from which two texts are duplicates.
        num_perm: MinHash permutations (signature length).
        shingle: word n-gram length.
        containment: the share of the shorter text's shingles found in the longer one from which
            the shorter is a duplicate (a truncated or extended copy); 1.0 turns this off.
        min_words: texts with fewer words only match exact copies of themselves.
        seed: MinHash seed; an index only compares signatures made with its own seed.
        backend: where bands and records are kept (:class:`MemoryBackend` by default).

    Raises:
        ConfigError: a parameter is out of range.

    Example:
        >>> idx = DedupIndex()
        >>> idx.add("a", "وقال الوزير إن المشروع سيكتمل خلال عامين بتكلفة تبلغ مليار ريال")
        >>> idx.add("b", "وقال الوزير: إن المشروع سيكتمل خلال عامين بتكلفة تبلغ مليار ريال.")
        'a'
    """

    def __init__(
        self,
        threshold: float = 0.5,
        num_perm: int = 128,
        *,
        shingle: int = 3,
        containment: float = 0.9,
        min_words: int = 10,
        seed: int = 1,
        backend: DedupBackend | None = None,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ConfigError(f"threshold must be in (0.0, 1.0], got {threshold}")
        if not 0.0 < containment <= 1.0:
            raise ConfigError(f"containment must be in (0.0, 1.0], got {containment}")
        if num_perm < 16:
            raise ConfigError(f"num_perm must be at least 16, got {num_perm}")
        if shingle < 1 or min_words < 1:
            raise ConfigError(f"shingle and min_words must be >= 1, got {shingle}, {min_words}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.containment = containment
        self.min_words = min_words
        self.seed = seed
        # Bands tuned for a candidate threshold a little below the confirmation threshold, so
        # the LSH misses few true pairs; the exact confirmation restores the precision.
        self.bands, self.rows = _optimal_param(max(0.05, threshold - 0.1), num_perm, 0.2, 0.8)
        self._perm = MinHash(num_perm=num_perm, seed=seed).permutations
        self._backend: DedupBackend = backend if backend is not None else MemoryBackend()

    @property
    def backend(self) -> DedupBackend:
        """The backend holding bands and records."""
        return self._backend

    def __len__(self) -> int:
        return len(self._backend)

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self._backend.get(doc_id) is not None

    def _keys(self, sh: U32Array, words: int) -> list[bytes]:
        """Band keys of a shingle set: MinHash bands, or one whole-set key for short texts."""
        if words == 0 or not len(sh):
            return []
        if words < self.min_words:
            # Short texts match exact copies only: every band gets the same whole-set key.
            digest = hashlib.blake2b(sh.tobytes() + str(words).encode(), digest_size=16)
            return [b"x" + digest.digest()] * self.bands
        mh = MinHash(
            num_perm=self.num_perm,
            seed=self.seed,
            hashfunc=int,
            permutations=self._perm,
            scheme="affine32",
        )
        mh.update_batch(sh.tolist())
        sig = np.asarray(mh.hashvalues, dtype=_U32)
        r = self.rows
        return [sig[b * r : (b + 1) * r].tobytes() for b in range(self.bands)]

    def _prepare(self, text: str) -> _Doc:
        words = text_words(text)
        sh = shingle_hashes(words, self.shingle)
        return _Doc(len(words), sh, self._keys(sh, len(words)))

    def _confirm(self, doc: _Doc, rec: DedupRecord) -> float | None:
        """The Jaccard similarity of a candidate pair if it is a duplicate, else None.

        A pair is a duplicate when the Jaccard similarity of the shingle sets reaches
        ``threshold``, or when the containment of the shorter set in the longer reaches
        ``containment`` and the shorter text has at least ``3 * min_words`` words (a truncated or
        extended copy, not a shared phrase). The Jaccard similarity is returned either way, so an
        exact copy always ranks above a text it merely contains.
        """
        short = doc.words < self.min_words or rec.n_words < self.min_words
        if short:
            # Only an identical short text shares the whole-set key; check it is one.
            same = doc.words == rec.n_words and np.array_equal(doc.shingles, rec.shingles)
            return 1.0 if same else None
        inter = int(np.intersect1d(doc.shingles, rec.shingles, assume_unique=True).size)
        if inter == 0:
            return None
        a, b = len(doc.shingles), len(rec.shingles)
        jac = inter / (a + b - inter)
        if jac >= self.threshold:
            return jac
        cont = inter / min(a, b)
        if cont >= self.containment and min(doc.words, rec.n_words) >= 3 * self.min_words:
            return jac
        return None

    def _matches(self, doc: _Doc) -> list[tuple[str, float, int]]:
        seen: set[str] = set()
        for band, key in enumerate(doc.keys):
            seen.update(self._backend.bucket(band, key))
        out: list[tuple[str, float, int]] = []
        for cand in seen:
            rec = self._backend.get(cand)
            if rec is None:
                continue
            score = self._confirm(doc, rec)
            if score is not None:
                out.append((cand, score, rec.seq))
        out.sort(key=lambda m: (-m[1], m[2]))
        return out

    def query(self, text: str) -> list[tuple[str, float]]:
        """The stored documents that ``text`` duplicates, best first, with their similarity.

        The similarity is the Jaccard similarity of the shingle sets (a text matched because it
        contains, or is contained in, the other may score below ``threshold``). Ties go to the
        earlier document. The index is not changed.

        Example:
            >>> idx = DedupIndex()
            >>> idx.add("a", "أعلنت وزارة الصحة تسجيل عشر حالات جديدة اليوم في مدينة الرياض")
            >>> idx.query("أعلنت وزارة الصحة، تسجيل عشر حالات جديدة اليوم في مدينة الرياض")
            [('a', 1.0)]
        """
        return [(d, s) for d, s, _ in self._matches(self._prepare(text))]

    def add(self, doc_id: str, text: str) -> str | None:
        """Check ``text`` against the index, then add it under ``doc_id``.

        Returns:
            The id of the earlier document this text duplicates (the most similar one, the
            earliest on a tie), or None.

        Raises:
            ConfigError: ``doc_id`` is empty or already in the index.
        """
        if not doc_id:
            raise ConfigError("doc_id must be a non-empty string")
        if doc_id in self:
            raise ConfigError(f"document {doc_id!r} is already in the dedup index")
        doc = self._prepare(text)
        matches = self._matches(doc)
        dup = matches[0][0] if matches else None
        rec = DedupRecord(doc_id, len(self._backend), doc.words, doc.shingles, dup)
        self._backend.put(rec, doc.keys)
        if dup is not None:
            log.debug("%s duplicates %s (%.3f)", doc_id, dup, matches[0][1])
        return dup

    def replace(self, doc_id: str, text: str) -> str | None:
        """Index a new text for ``doc_id`` (its cleaned text changed), keeping its place: it is
        linked, as :meth:`add` does, to the most similar document that came before it.

        Raises:
            KeyError: ``doc_id`` is not in the index.

        Example:
            >>> idx = DedupIndex()
            >>> t = "أعلنت وزارة الصحة تسجيل عشر حالات جديدة اليوم في مدينة الرياض"
            >>> idx.add("a", t), idx.add("b", "نص آخر تماما عن موضوع مختلف في مدينة جدة اليوم")
            (None, None)
            >>> idx.replace("b", t), len(idx)
            ('a', 2)
        """
        old = self._backend.get(doc_id)
        if old is None:
            raise KeyError(doc_id)
        doc = self._prepare(text)
        self._backend.remove(doc_id)
        earlier = [m for m in self._matches(doc) if m[2] < old.seq]
        dup = earlier[0][0] if earlier else None
        self._backend.put(DedupRecord(doc_id, old.seq, doc.words, doc.shingles, dup), doc.keys)
        return dup

    def duplicate_of(self, doc_id: str) -> str | None:
        """The id ``doc_id`` was linked to when it was added (None for a first copy).

        Raises:
            KeyError: ``doc_id`` is not in the index.
        """
        rec = self._backend.get(doc_id)
        if rec is None:
            raise KeyError(doc_id)
        return rec.duplicate_of

    def _config(self) -> dict[str, object]:
        return {
            "format": _FORMAT,
            "threshold": self.threshold,
            "num_perm": self.num_perm,
            "shingle": self.shingle,
            "containment": self.containment,
            "min_words": self.min_words,
            "seed": self.seed,
        }

    def save(self, path: str | Path) -> None:
        """Write the index to one ``.npz`` file (parameters, records; bands are recomputed).

        Raises:
            StoreError: the file cannot be written.
        """
        recs = list(self._backend.records())
        lengths = np.array([len(r.shingles) for r in recs], dtype=np.int64)
        flat = np.concatenate([r.shingles for r in recs]) if recs else np.zeros(0, _U32)
        meta = dict(self._config())
        meta["ids"] = [r.doc_id for r in recs]
        meta["dups"] = [r.duplicate_of for r in recs]
        meta["words"] = [r.n_words for r in recs]
        try:
            with open(path, "wb") as fh:
                np.savez_compressed(
                    fh, meta=np.array(json.dumps(meta)), lengths=lengths, shingles=flat
                )
        except OSError as exc:
            raise StoreError(f"cannot write the dedup index to {path}: {exc}") from exc

    @classmethod
    def load(cls, path: str | Path, *, backend: DedupBackend | None = None) -> DedupIndex:
        """Read an index written by :meth:`save`.

        Raises:
            StoreError: the file is missing, unreadable or not a marsad dedup index.
        """
        try:
            with np.load(path, allow_pickle=False) as z:
                meta = json.loads(str(z["meta"]))
                lengths = z["lengths"]
                flat = z["shingles"]
        except (OSError, ValueError, KeyError) as exc:
            raise StoreError(f"cannot read a dedup index from {path}: {exc}") from exc
        if meta.get("format") != _FORMAT:
            raise StoreError(f"{path} is not a {_FORMAT} file (format {meta.get('format')!r})")
        idx = cls(
            float(meta["threshold"]),
            int(meta["num_perm"]),
            shingle=int(meta["shingle"]),
            containment=float(meta["containment"]),
            min_words=int(meta["min_words"]),
            seed=int(meta["seed"]),
            backend=backend,
        )
        bounds = np.concatenate([[0], np.cumsum(lengths)])
        for i, (doc_id, dup, words) in enumerate(
            zip(meta["ids"], meta["dups"], meta["words"], strict=True)
        ):
            sh = flat[bounds[i] : bounds[i + 1]].astype(_U32)
            idx._backend.put(DedupRecord(doc_id, i, int(words), sh, dup), idx._keys(sh, int(words)))
        return idx
