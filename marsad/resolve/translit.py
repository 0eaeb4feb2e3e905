"""A small Arabic -> Latin transliterator for names, trained on public name pairs.

Model: each Arabic letter (folded with :func:`match_key`) writes a Latin chunk (its consonant
and the short vowel Arabic leaves unwritten), chosen by the letter's context: the letters before
and after it, backing off to one side, then to the letter alone. Training aligns the pairs with a
monotone dynamic programme (seeded by ``resources/translit/seed.json``, then two rounds of hard
EM) and counts chunks per context. The shipped table is ``resources/translit/model.json``
(contexts seen at least twice, best chunk only).

Train and measure (the data is read from the shared folder, never copied)::

    python -m marsad.resolve.translit train --data ../shared/data/names
    python -m marsad.resolve.translit eval --data ../shared/data/names
"""

from __future__ import annotations

import argparse
import json
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from marsad.text.normalize import match_key

__all__ = ["evaluate", "load_pairs", "train", "transliterate", "transliterate_word"]

logger = logging.getLogger(__name__)

_VOWELS = set("aeiou")
_MAX_CHUNK = 4
Table = dict[str, dict[str, str]]


def _letters(word: str) -> str:
    return "".join(c for c in match_key(word) if "\u0621" <= c <= "\u064a" or c in "پڤگچ")


def _seed() -> dict[str, list[str]]:
    f = resources.files("marsad.resources.translit").joinpath("seed.json")
    data: dict[str, list[str]] = json.loads(f.read_text(encoding="utf-8"))["letters"]
    return {match_key(k) or k: v for k, v in data.items()}


def _seed_cost(letter: str, chunk: str, seed: dict[str, list[str]]) -> float:
    best = 6.0
    for opt in seed.get(letter, []):
        if chunk.startswith(opt):
            extra = chunk[len(opt) :]
            if all(c in _VOWELS for c in extra):
                best = min(best, 0.5 * len(extra) + (0.2 if not opt else 0.0))
    return best


def _align(
    ar: str, en: str, cost: dict[str, dict[str, float]], seed: dict[str, list[str]]
) -> list[str] | None:
    n, m = len(ar), len(en)
    inf = math.inf
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    # A leading vowel the Arabic does not write goes with the first letter.
    for i in range(n):
        for j in range(m + 1):
            if best[i][j] == inf:
                continue
            for k in range(0, min(_MAX_CHUNK, m - j) + 1):
                chunk = en[j : j + k]
                c = cost.get(ar[i], {}).get(chunk)
                c = _seed_cost(ar[i], chunk, seed) if c is None else c
                if best[i][j] + c < best[i + 1][j + k]:
                    best[i + 1][j + k] = best[i][j] + c
                    back[i + 1][j + k] = k
    if best[n][m] == inf:
        return None
    out, j = [], m
    for i in range(n, 0, -1):
        k = back[i][j]
        out.append(en[j - k : j])
        j -= k
    return out[::-1]


def _contexts(ar: str, i: int) -> tuple[str, ...]:
    p = ar[i - 1] if i > 0 else "^"
    nx = ar[i + 1] if i + 1 < len(ar) else "$"
    c = ar[i]
    return (f"{p}{c}{nx}", f"{c}{nx}", f"{p}{c}", c)


def train(pairs: Iterable[tuple[str, str]], rounds: int = 2, min_count: int = 2) -> Table:
    """Learn the context table from (Arabic, Latin) single-word pairs.

    Returns:
        ``{context: {"": best chunk}}`` flattened as ``{kind: {context: chunk}}``.
    """
    data = [
        (a, e)
        for a, e in ((_letters(a), e.lower()) for a, e in pairs)
        if a and e.isascii() and e.isalpha()
    ]
    seed = _seed()
    cost: dict[str, dict[str, float]] = {}
    aligned: list[tuple[str, list[str]]] = []
    for _ in range(rounds):
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        aligned = []
        for a, e in data:
            al = _align(a, e, cost, seed)
            if al is None:
                continue
            aligned.append((a, al))
            for ch, chunk in zip(a, al, strict=True):
                counts[ch][chunk] += 1
        cost = {
            ch: {k: -math.log(v / sum(c.values())) for k, v in c.items()}
            for ch, c in counts.items()
        }
    ctx: dict[str, Counter[str]] = defaultdict(Counter)
    for a, al in aligned:
        for i, chunk in enumerate(al):
            for key in _contexts(a, i):
                ctx[key][chunk] += 1
    return {
        "chunks": {
            k: c.most_common(1)[0][0]
            for k, c in sorted(ctx.items())
            if sum(c.values()) >= min_count or len(k) == 1
        }
    }


@lru_cache(maxsize=1)
def _model() -> dict[str, str]:
    f = resources.files("marsad.resources.translit").joinpath("model.json")
    if not f.is_file():
        return {}
    data: dict[str, dict[str, str]] = json.loads(f.read_text(encoding="utf-8"))
    return data["chunks"]


def transliterate_word(word: str, table: dict[str, str] | None = None) -> str:
    """One Arabic word in Latin letters, lower case.

    >>> transliterate_word("موسكو")
    'musco'
    """
    chunks = _model() if table is None else table
    ar = _letters(word)
    out = []
    for i in range(len(ar)):
        out.append(next((chunks[k] for k in _contexts(ar, i) if k in chunks), ""))
    return "".join(out)


def transliterate(name: str) -> str:
    """An Arabic name in Latin letters, each word capitalised.

    >>> transliterate("")
    ''
    """
    words = [transliterate_word(w) for w in name.split()]
    return " ".join(w.capitalize() for w in words if w)


def load_pairs(data: Path, split: str) -> list[tuple[str, str]]:
    """Name pairs from the shared folder: ``train`` or ``test`` of ANETAC and Wikidata."""
    pairs: list[tuple[str, str]] = []
    wd = {"train": "wd_arabic_80", "test": "wd_arabic_20"}[split]
    for line in (data / "wikidata-translit" / wd).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            pairs.append((parts[1].replace(" ", ""), parts[0]))
    an = data / "anetac" / "EN-AR Translit"
    ar = (an / f"{split}.ar").read_text(encoding="utf-8").splitlines()
    en = (an / f"{split}.en").read_text(encoding="utf-8").splitlines()
    pairs += [(a.strip(), e.strip()) for a, e in zip(ar, en, strict=True) if " " not in a.strip()]
    return pairs


def evaluate(
    pairs: Sequence[tuple[str, str]], table: dict[str, str] | None = None
) -> dict[str, float]:
    """Character error rate and exact-match share of the transliterator on pairs."""
    errors = chars = exact = 0
    for a, e in pairs:
        gold = e.lower()
        hyp = transliterate_word(a, table)
        errors += Levenshtein.distance(hyp, gold)
        chars += len(gold)
        exact += hyp == gold
    return {"cer": errors / max(chars, 1), "exact": exact / max(len(pairs), 1), "n": len(pairs)}


def main(argv: list[str] | None = None) -> int:
    """``train`` writes the model table; ``eval`` prints CER and exact match on the test split."""
    parser = argparse.ArgumentParser(prog="python -m marsad.resolve.translit")
    parser.add_argument("command", choices=["train", "eval"])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/names"))
    args = parser.parse_args(argv)
    if args.command == "train":
        table = train(load_pairs(args.data, "train"))
        out = Path(str(resources.files("marsad.resources.translit"))) / "model.json"
        table_doc = {
            "source": "trained by marsad.resolve.translit on wikidata-translit "
            "wd_arabic_80 (CC0) and ANETAC EN-AR Translit train",
            **table,
        }
        out.write_text(json.dumps(table_doc, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
        _model.cache_clear()
    print(json.dumps(evaluate(load_pairs(args.data, "test"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
