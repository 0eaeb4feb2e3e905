"""Token features for the NER tagger: folding, proclitic splitting, shape, lexicon and gazetteer.

Every feature is computed from a sentence's tokens and the :class:`Lexicon` (word counts and
distributional clusters learnt from unlabeled news, plus a name gazetteer), so training and
tagging use the very same code. The folding map and the proclitic list are data
(``marsad/resources/models/ner/features.json``).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from marsad.errors import ConfigError

__all__ = [
    "FEATURES_FILE",
    "Lexicon",
    "fold",
    "sentence_features",
    "split_proclitic",
]

FEATURES_FILE = (
    Path(__file__).resolve().parents[2] / "resources" / "models" / "ner" / "features.json"
)

_ARABIC = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LATIN = re.compile("[A-Za-z]")
_DIGIT = re.compile("[0-9\u0660-\u0669\u06f0-\u06f9]")
_PUNCT = re.compile(r"^[^\w]+$")


@dataclass(frozen=True, slots=True)
class _Rules:
    table: dict[int, str | None]
    proclitics: tuple[str, ...]
    min_stem: int


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = json.loads(FEATURES_FILE.read_text(encoding="utf-8"))
    table: dict[int, str | None] = {ord(c): None for c in data["drop"]}
    table.update({ord(k): v for k, v in data["fold"].items()})
    procl = tuple(sorted(data["proclitics"], key=len, reverse=True))
    return _Rules(table, procl, int(data["min_stem"]))


def fold(word: str) -> str:
    """The folded form of a word: no diacritics or tatweel, one alef, ي for ى, ه for ة, 0 digits.

    >>> fold("إِسْلامِيّة 2025")
    'اسلاميه 0000'
    """
    return word.translate(_rules().table)


@dataclass(slots=True)
class Lexicon:
    """What the features know about words: counts, clusters and gazetteer types (all folded).

    ``clusters[w]`` holds one cluster id per granularity (coarse to fine); ``names`` maps a
    folded name (tokens joined by a space) to its type letters (``P``, ``L``, ``O``);
    ``name_tokens`` maps a folded token to the types of the names it occurs in.
    """

    counts: dict[str, int] = field(default_factory=dict)
    clusters: dict[str, tuple[int, ...]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    name_tokens: dict[str, str] = field(default_factory=dict)
    max_name_len: int = 4
    #: first token of a multi-token name -> the longest such name's token count
    name_starts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, lexicon_path: Path, gazetteer_path: Path | None = None) -> Lexicon:
        """Load ``lexicon.tsv.gz`` (word, count, cluster ids...) and ``gazetteer.tsv.gz``.

        Raises:
            ConfigError: a file is missing or a line is malformed.
        """
        lex = cls()
        counts, clusters = lex.counts, lex.clusters
        for number, parts in _tsv(lexicon_path):
            if len(parts) < 2:
                raise ConfigError(f"{lexicon_path}:{number}: expected word<TAB>count[...]")
            counts[parts[0]] = int(parts[1])
            if len(parts) > 2:
                clusters[parts[0]] = tuple(map(int, parts[2:]))
        if gazetteer_path is not None:
            for number, parts in _tsv(gazetteer_path):
                if len(parts) != 2:
                    raise ConfigError(f"{gazetteer_path}:{number}: expected name<TAB>types")
                lex.add_name(parts[0], parts[1])
        return lex

    def add_name(self, name: str, types: str) -> None:
        """Add a folded name with its type letters to the gazetteer."""
        have = self.names.get(name)
        self.names[name] = types if have is None else _merge(have, types)
        tokens = name.split(" ")
        if len(tokens) > 1:
            self.max_name_len = max(self.max_name_len, len(tokens))
            self.name_starts[tokens[0]] = max(self.name_starts.get(tokens[0], 0), len(tokens))
        for tok in tokens:
            known = self.name_tokens.get(tok)
            if known is None:
                self.name_tokens[tok] = types
            elif known != types:
                self.name_tokens[tok] = _merge(known, types)


def _merge(a: str, b: str) -> str:
    return "".join(sorted(set(a) | set(b)))


def _tsv(path: Path) -> list[tuple[int, list[str]]]:
    if not path.is_file():
        raise ConfigError(f"NER resource {path} does not exist; run `marsad train ner`")
    data = path.read_bytes()
    text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")
    return [(n, line.split("\t")) for n, line in enumerate(text.split("\n"), 1) if line]


def split_proclitic(folded: str, counts: dict[str, int]) -> tuple[str, str]:
    """Split a folded word into (proclitics, stem), choosing the most frequent stem.

    The whole word competes with every proclitic split whose stem is long enough, so a name
    that starts with a clitic letter (بريطانيا) stays whole while وموسكو splits.

    >>> split_proclitic("وموسكو", {"موسكو": 50, "وموسكو": 2})
    ('و', 'موسكو')
    >>> split_proclitic("بريطانيا", {"بريطانيا": 90})
    ('', 'بريطانيا')
    """
    rules = _rules()
    best_prefix, best_stem = "", folded
    best = counts.get(folded, 0)
    for prefix in rules.proclitics:
        if not folded.startswith(prefix):
            continue
        stem = folded[len(prefix) :]
        if len(stem) < rules.min_stem:
            continue
        count = counts.get(stem, 0)
        if count > best * 2 + 1:
            best_prefix, best_stem, best = prefix, stem, count
    return best_prefix, best_stem


def _shape(word: str) -> str:
    if _PUNCT.match(word):
        return "P"
    if _DIGIT.search(word):
        return "D" if not _ARABIC.search(word) and not _LATIN.search(word) else "DX"
    if _LATIN.search(word):
        return "L"
    if _ARABIC.search(word):
        return "A"
    return "X"


def _gazetteer_tags(stems: Sequence[str], lex: Lexicon) -> list[str]:
    """BIO-like gazetteer labels from the longest name match at each position."""
    n = len(stems)
    tags = [""] * n
    i = 0
    while i < n:
        found = 0
        types = ""
        for length in range(min(lex.name_starts.get(stems[i], 0), n - i), 1, -1):
            hit = lex.names.get(" ".join(stems[i : i + length]))
            if hit:
                found, types = length, hit
                break
        if found:
            tags[i] = "B" + types
            for j in range(i + 1, i + found):
                tags[j] = "I" + types
            i += found
        else:
            i += 1
    return tags


def _word_info(token: str, lex: Lexicon) -> dict[str, str]:
    """Context-free facts about one token (memoised by the caller)."""
    folded = fold(token)
    prefix, stem = split_proclitic(folded, lex.counts)
    if stem.startswith("ال") and len(stem) > 3:
        bare = stem[2:]
        article = "1"
    else:
        bare, article = stem, "0"
    info = {
        "w": folded,
        "s": stem,
        "p": prefix,
        "b": bare,
        "art": article,
        "sh": _shape(token),
        "len": str(min(len(stem), 9)),
        "freq": str(min(len(str(lex.counts.get(stem, 0))), 6)),
        "gz": lex.name_tokens.get(stem, "") or lex.name_tokens.get(bare, ""),
        "gzw": lex.names.get(stem, ""),
    }
    clusters = lex.clusters.get(stem) or lex.clusters.get(folded)
    if clusters:
        for level, cid in enumerate(clusters):
            info[f"c{level}"] = str(cid)
    return info


def sentence_features(
    tokens: Sequence[str], lex: Lexicon, cache: dict[str, dict[str, str]] | None = None
) -> list[list[str]]:
    """The CRF feature strings of each token of one sentence.

    Args:
        tokens: the sentence's tokens as written (clitics attached, punctuation separate).
        lex: counts, clusters and gazetteer.
        cache: an optional per-word memo shared across sentences (speeds up tagging).

    Returns:
        One list of feature strings per token.

    Example:
        >>> feats = sentence_features(["زار", "موسكو"], Lexicon())
        >>> "s=موسكو" in feats[1]
        True
    """
    infos: list[dict[str, str]] = []
    for tok in tokens:
        info = cache.get(tok) if cache is not None else None
        if info is None:
            info = _word_info(tok, lex)
            if cache is not None and len(cache) < 500_000:
                cache[tok] = info
        infos.append(info)
    gaz = _gazetteer_tags([i["s"] for i in infos], lex)
    n = len(tokens)
    out: list[list[str]] = []
    for i, info in enumerate(infos):
        s = info["s"]
        f = [
            "bias",
            "w=" + info["w"],
            "s=" + s,
            "b=" + info["b"],
            "p=" + info["p"],
            "art=" + info["art"],
            "sh=" + info["sh"],
            "len=" + info["len"],
            "fq=" + info["freq"],
            "p1=" + s[:1],
            "p2=" + s[:2],
            "p3=" + s[:3],
            "x1=" + s[-1:],
            "x2=" + s[-2:],
            "x3=" + s[-3:],
            "x4=" + s[-4:],
            "gz=" + info["gz"],
            "gzw=" + info["gzw"],
            "gm=" + gaz[i],
        ]
        for key in ("c0", "c1", "c2"):
            if key in info:
                f.append(key + "=" + info[key])
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                other = infos[j]
                f.append(f"{off}s=" + other["s"])
                f.append(f"{off}gz=" + other["gz"])
                f.append(f"{off}gm=" + gaz[j])
                if "c1" in other:
                    f.append(f"{off}c1=" + other["c1"])
                if abs(off) == 1:
                    f.append(f"{off}p=" + other["p"])
                    f.append(f"{off}sh=" + other["sh"])
                    if "c2" in other:
                        f.append(f"{off}c2=" + other["c2"])
            else:
                f.append(f"{off}s=" + ("<S>" if j < 0 else "</S>"))
        if i > 0:
            f.append("-1s|s=" + infos[i - 1]["s"] + "|" + s)
        if i + 1 < n:
            f.append("s|+1s=" + s + "|" + infos[i + 1]["s"])
        out.append(f)
    return out
