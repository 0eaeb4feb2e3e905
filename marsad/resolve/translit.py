"""A small Arabic -> Latin transliterator for names, trained on public name pairs.

Model: each Arabic letter (folded with :func:`match_key`) writes a Latin chunk (its consonant
and the short vowel Arabic leaves unwritten), scored by the letter's context: two letters each
side, backing off to one side, to one letter each side, then to the letter alone. Training
aligns the pairs with a monotone dynamic programme (seeded by ``resources/translit/seed.json``,
then two rounds of hard EM) and counts chunks per context; it also counts Latin letter n-grams.
Decoding is a beam search that weighs the chunks' scores with the Latin letter model, which
picks the unwritten vowels. The shipped model is ``resources/translit/model.json`` (see its
``MODEL_CARD.md``).

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
from typing import Any

from rapidfuzz.distance import Levenshtein

from marsad.text.normalize import match_key

__all__ = [
    "evaluate",
    "load_pairs",
    "prune",
    "train",
    "transliterate",
    "transliterate_word",
]

logger = logging.getLogger(__name__)

_VOWELS = set("aeiou")
_MAX_CHUNK = 4
_OPTIONS = 3  # chunks kept per context
_LM_ORDER = 4  # Latin letter n-grams that rank the spellings
_LM_WEIGHT = 0.3
_BEAM = 8
Model = dict[str, Any]


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
    """The contexts of letter ``i``, widest first: two letters each side, then narrower."""
    # One edge marker stands for the letters missing before or after the word, so the wide
    # contexts of edge letters are as well filled as the narrower ones (measured on the
    # held-out pairs: CER 0.258 vs 0.260 with one marker per missing letter).
    p = ar[i - 1] if i > 0 else "^"
    pp = ar[i - 2] if i > 1 else ("^" if i == 1 else "")
    nx = ar[i + 1] if i + 1 < len(ar) else "$"
    nn = ar[i + 2] if i + 2 < len(ar) else ("$" if i + 1 < len(ar) else "")
    c = ar[i]
    return (
        # "|5s" at the first letter: its key would otherwise be the last letter's of a
        # two-letter word ("بن": "^بن$").
        f"{pp}{p}{c}{nx}{nn}|5" + ("" if pp else "s"),
        f"{pp}{p}{c}{nx}|4l",
        f"{p}{c}{nx}{nn}|4r",
        f"{p}{c}{nx}",
        f"{c}{nx}",
        f"{p}{c}",
        c,
    )


def train(pairs: Iterable[tuple[str, str]], rounds: int = 2, min_count: int = 2) -> Model:
    """Learn the context table and the Latin letter model from (Arabic, Latin) word pairs.

    Returns:
        ``{"chunks": {context: [[chunk, log p], ...]}, "lm": {n-gram: count}}``: the best
        chunks of each context seen ``min_count`` times, and the counts of Latin letter n-grams
        (``"#" + history`` for the histories) that rank the decoder's spellings.
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
    chunks: dict[str, list[list[str | float]]] = {}
    for k, c in sorted(ctx.items()):
        total = sum(c.values())
        if total < min_count and len(k) != 1:
            continue
        chunks[k] = [[ch, round(math.log(n / total), 3)] for ch, n in c.most_common(_OPTIONS)]
    lm: Counter[str] = Counter()
    for _, e in data:
        padded = "^" * (_LM_ORDER - 1) + e + "$"
        for i in range(_LM_ORDER - 1, len(padded)):
            for n in range(1, _LM_ORDER + 1):
                lm[padded[i - n + 1 : i + 1]] += 1
                lm["#" + padded[i - n + 1 : i]] += 1  # history counts, "#" marks them
    return prune({"chunks": chunks, "lm": dict(sorted(lm.items()))})


def _narrower(key: str) -> list[str]:
    """The contexts one step narrower than ``key`` (see :func:`_contexts`)."""
    if key.endswith("|5"):
        s = key[:-2]
        return [s[:-1] + "|4l", s[1:] + "|4r"]
    if key.endswith("|5s"):
        s = key[:-3]
        return [s[:-1] + "|4l", s + "|4r"]
    if key.endswith(("|4l", "|4r")):
        s = key[:-3]
        if len(s) != 4:
            return []
        return [s[1:]] if key.endswith("|4l") else [s[:-1]]
    return [key[1:], key[:-1]] if len(key) == 3 else []


def prune(model: Model, tol: float = 0.3, keep: int = 2, lm_min: int = 3) -> Model:
    """A smaller model that decodes almost the same (CER +0.002 on the held-out pairs).

    Keeps ``keep`` chunks per context, drops a context whose best chunk and its score (within
    ``tol``) a narrower context already gives, and Latin n-grams seen fewer than ``lm_min`` times.
    """
    chunks = {k: v[:keep] for k, v in model["chunks"].items()}
    drop = set()
    for k, v in chunks.items():
        for b in _narrower(k):
            bv = chunks.get(b)
            if bv and bv[0][0] == v[0][0] and abs(float(bv[0][1]) - float(v[0][1])) <= tol:
                drop.add(k)
                break
    return {
        "chunks": {k: v for k, v in chunks.items() if k not in drop},
        "lm": {k: c for k, c in model["lm"].items() if c >= lm_min},
    }


@lru_cache(maxsize=1)
def _model() -> Model:
    f = resources.files("marsad.resources.translit").joinpath("model.json")
    if not f.is_file():
        return {"chunks": {}, "lm": {}}
    data: Model = json.loads(f.read_text(encoding="utf-8"))
    return data


def _lm_logp(lm: dict[str, int], history: str, ch: str) -> float:
    """Stupid-backoff log score of Latin letter ``ch`` after ``history`` (Brants et al. 2007)."""
    penalty = 0.0
    for n in range(_LM_ORDER - 1, -1, -1):
        h = history[len(history) - n :] if n else ""
        num = lm.get(h + ch, 0)
        den = lm.get("#" + h, 0)
        if num and den:
            return penalty + math.log(num / den)
        penalty += math.log(0.4)
    return penalty - 10.0


def _options(chunks: dict[str, Any], ar: str, i: int) -> list[tuple[str, float]]:
    for k in _contexts(ar, i):
        v = chunks.get(k)
        if v is not None:
            if isinstance(v, str):  # a table of best chunks only
                return [(v, 0.0)]
            return [(str(c), float(lp)) for c, lp in v]
    return [("", 0.0)]


def transliterate_word(word: str, model: Model | None = None, lm_weight: float = _LM_WEIGHT) -> str:
    """One Arabic word in Latin letters, lower case.

    Each letter offers the chunks its widest known context allows; a beam search picks the
    spelling that the chunk scores and the Latin letter model like best together (the letter
    model is what chooses the unwritten vowels: "دميتري" -> "dmitri", not "dmitr").

    >>> transliterate_word("رسلان")
    'ruslan'
    """
    m = _model() if model is None else model
    chunks: dict[str, Any] = m.get("chunks", {})
    lm: dict[str, int] = m.get("lm", {})
    ar = _letters(word)
    pad = "^" * (_LM_ORDER - 1)
    beam: list[tuple[float, str]] = [(0.0, "")]
    for i in range(len(ar)):
        nxt: dict[str, float] = {}
        for score, out in beam:
            for chunk, lp in _options(chunks, ar, i):
                s, hist = score + lp, pad + out
                if lm and lm_weight:
                    for ch in chunk:
                        s += lm_weight * _lm_logp(lm, hist, ch)
                        hist += ch
                cand = out + chunk
                if s > nxt.get(cand, -math.inf):
                    nxt[cand] = s
        beam = sorted(((s, o) for o, s in nxt.items()), reverse=True)[:_BEAM]
    if lm and lm_weight:
        beam = [(s + lm_weight * _lm_logp(lm, pad + o, "$"), o) for s, o in beam]
    return max(beam)[1] if beam else ""


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
    pairs: Sequence[tuple[str, str]], model: Model | None = None, lm_weight: float = _LM_WEIGHT
) -> dict[str, float]:
    """Character error rate and exact-match share of the transliterator on pairs."""
    errors = chars = exact = 0
    for a, e in pairs:
        gold = e.lower()
        hyp = transliterate_word(a, model, lm_weight)
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
        text = json.dumps(table_doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        out.write_text(text + "\n", "utf-8")
        _model.cache_clear()
    print(json.dumps(evaluate(load_pairs(args.data, "test"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
