"""A small Arabic -> Latin transliterator for names, trained on public name pairs.

Model: a joint-sequence ("graphone") n-gram model, as in Sequitur G2P (Bisani & Ney 2008).
Training aligns each pair into units of one Arabic letter (folded with :func:`match_key`) and the
Latin chunk it writes (its consonant and the short vowel Arabic leaves unwritten), with a monotone
dynamic programme seeded by ``resources/translit/seed.json`` and two rounds of hard EM; it then
counts unit n-grams (order 4) and smooths them with interpolated modified Kneser-Ney. Decoding
is a beam search over the Arabic word that scores each unit by the units before it, so the
chunk a letter writes and the vowels around it are chosen together. The shipped model is
``resources/translit/model.json`` (see its ``MODEL_CARD.md``).

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
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from marsad.text.normalize import match_key

__all__ = [
    "evaluate",
    "load_pairs",
    "train",
    "transliterate",
    "transliterate_word",
]

logger = logging.getLogger(__name__)

_VOWELS = set("aeiou")
_MAX_CHUNK = 4
# Chosen on a development split of the training pairs (MODEL_CARD.md): order 4 beat 3 and came
# close to 5 at half the size; histories of 2+ units seen fewer than 3 times are dropped (the
# model then backs off to the shorter history, as interpolated Kneser-Ney does for unseen ones).
_ORDER = 4
_MIN_HISTORY = 3
_BEAM = 8
_OPTIONS = 8  # units a letter may write after one history: the best few decide
_UNIGRAM_OPTIONS = 12  # chunks of a letter offered without context: the rarer ones are noise
_BOS, _EOS = 0, 1
_CACHE_SIZE = 200_000  # option lists kept per model (a few tens of MB at most)
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


def _aligned(pairs: Iterable[tuple[str, str]], rounds: int) -> list[tuple[str, list[str]]]:
    """The training pairs cut into (letter, chunk) units by hard EM over :func:`_align`."""
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
    return aligned


def _discounts(counts: Counter[tuple[int, ...]]) -> tuple[float, float, float]:
    """Modified Kneser-Ney discounts for counts 1, 2 and 3+ (Chen & Goodman 1998)."""
    cc = Counter(v for v in counts.values() if v <= 4)
    n1, n2, n3, n4 = (cc[i] for i in (1, 2, 3, 4))
    if not (n1 and n2 and n3 and n4):  # a toy corpus: one absolute discount
        return (0.5, 0.5, 0.5)
    y = n1 / (n1 + 2 * n2)
    return (1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3)


def train(
    pairs: Iterable[tuple[str, str]],
    rounds: int = 2,
    order: int = _ORDER,
    min_history: int = _MIN_HISTORY,
) -> Model:
    """Learn the joint (letter, chunk) n-gram model from (Arabic, Latin) word pairs.

    Args:
        pairs: (Arabic word, Latin word) pairs; pairs with non-letters in the Latin are skipped.
        rounds: hard-EM rounds of the alignment.
        order: n-gram order over units (the unit and ``order - 1`` units before it).
        min_history: histories of 2+ units seen fewer times are dropped (backoff decides).

    Returns:
        ``{"order": n, "units": [[letter, chunk], ...], "ngrams": {history: [log backoff,
        [unit, log p, unit, log p, ...]]}}``; a history is its unit ids joined by spaces (""
        for none); units 0 and 1 mark the word's start and end.

    Raises:
        ValueError: if ``order`` < 2 or ``rounds`` < 1.

    >>> m = train([("بابا", "baba"), ("ماما", "mama")] * 3)
    >>> transliterate_word("بابا", m)
    'baba'
    """
    if order < 2:
        raise ValueError(f"order must be at least 2, got {order}")
    if rounds < 1:
        raise ValueError(f"rounds must be at least 1, got {rounds}")
    aligned = _aligned(pairs, rounds)
    names = sorted({(ch, chunk) for a, al in aligned for ch, chunk in zip(a, al, strict=True)})
    units = [("^", ""), ("$", ""), *names]
    uid = {u: i for i, u in enumerate(units)}
    counts: dict[int, Counter[tuple[int, ...]]] = {order: Counter()}
    for a, al in aligned:
        seq = [_BOS] * (order - 1) + [uid[u] for u in zip(a, al, strict=True)] + [_EOS]
        for i in range(order - 1, len(seq)):
            counts[order][tuple(seq[i - order + 1 : i + 1])] += 1
    # Lower orders count the distinct units before an n-gram (Kneser-Ney continuation counts);
    # the start padding gives every lower-order n-gram a unit before it.
    for n in range(order - 1, 0, -1):
        counts[n] = Counter(g[1:] for g in counts[n + 1])
    total = sum(counts[1].values())
    table: dict[tuple[int, ...], tuple[float, dict[int, float]]] = {
        (): (0.0, {g[0]: math.log(v / total) for g, v in counts[1].items()})
    }
    for n in range(2, order + 1):
        d1, d2, d3 = _discounts(counts[n])
        by_history: dict[tuple[int, ...], dict[int, int]] = defaultdict(dict)
        for g, v in counts[n].items():
            by_history[g[:-1]][g[-1]] = v
        for h, nxt in by_history.items():
            seen = sum(nxt.values())
            if n > 2 and seen < min_history:
                continue
            k1 = sum(1 for v in nxt.values() if v == 1)
            k2 = sum(1 for v in nxt.values() if v == 2)
            gamma = (d1 * k1 + d2 * k2 + d3 * (len(nxt) - k1 - k2)) / seen
            probs = {}
            for w, v in nxt.items():
                d = d1 if v == 1 else d2 if v == 2 else d3
                lower = math.exp(_logp(table, h[1:], w))
                probs[w] = math.log(max(v - d, 0.0) / seen + gamma * lower)
            table[h] = (math.log(gamma), probs)
    ngrams: dict[str, list[Any]] = {}
    for h, (log_gamma, probs) in sorted(table.items()):
        flat: list[float | int] = []
        for w, lp in sorted(probs.items()):
            flat += [w, round(lp, 3)]
        ngrams[" ".join(map(str, h))] = [round(log_gamma, 3), flat]
    return {"order": order, "units": [list(u) for u in units], "ngrams": ngrams}


def _logp(
    table: dict[tuple[int, ...], tuple[float, dict[int, float]]], h: tuple[int, ...], w: int
) -> float:
    """Log P(w | h) of the interpolated model: back off through shorter histories."""
    backoff = 0.0
    while True:
        entry = table.get(h)
        if entry is not None:
            g, probs = entry
            if w in probs:
                return backoff + probs[w]
            backoff += g
        if not h:
            return backoff - 30.0
        h = h[1:]


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A model ready to decode: per history, its backoff and its units grouped by letter."""

    order: int
    chunks: tuple[str, ...]
    table: dict[tuple[int, ...], tuple[float, dict[str, tuple[tuple[int, float], ...]]]]
    # (history, letter) -> options: names repeat their prefixes, so most look-ups are seen ones
    cache: dict[tuple[tuple[int, ...], str], dict[int, float]] = field(default_factory=dict)


def _compile(model: Model) -> _Compiled:
    units = [(str(u[0]), str(u[1])) for u in model["units"]]
    table: dict[tuple[int, ...], tuple[float, dict[str, tuple[tuple[int, float], ...]]]] = {}
    for key, (g, flat) in model["ngrams"].items():
        by_letter: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i in range(0, len(flat), 2):
            w = int(flat[i])
            by_letter[units[w][0]].append((w, float(flat[i + 1])))
        keep = _UNIGRAM_OPTIONS if key == "" else None
        table[tuple(int(x) for x in key.split())] = (
            float(g),
            {
                letter: tuple(sorted(opts, key=lambda o: -o[1])[:keep])
                for letter, opts in by_letter.items()
            },
        )
    return _Compiled(int(model["order"]), tuple(u[1] for u in units), table)


@lru_cache(maxsize=1)
def _shipped() -> _Compiled:
    f = resources.files("marsad.resources.translit").joinpath("model.json")
    if not f.is_file():
        return _Compiled(2, ("", ""), {})
    return _compile(json.loads(f.read_text(encoding="utf-8")))


_last: list[tuple[Model, _Compiled]] = []  # the last model passed in, compiled once


def _compiled(model: Model | None) -> _Compiled:
    if model is None:
        return _shipped()
    if not _last or _last[0][0] is not model:
        _last[:] = [(model, _compile(model))]
    return _last[0][1]


def _options(cm: _Compiled, h: tuple[int, ...], letter: str) -> dict[int, float]:
    """The units that write ``letter`` after history ``h``, with their log probabilities."""
    got = cm.cache.get((h, letter))
    if got is not None:
        return got
    out: dict[int, float] = {}
    backoff = 0.0
    for k in range(len(h) + 1):
        entry = cm.table.get(h[k:])
        if entry is None:
            continue
        g, by_letter = entry
        for w, lp in by_letter.get(letter, ()):
            if w not in out:
                out[w] = backoff + lp
        backoff += g
    if len(out) > _OPTIONS:
        out = dict(sorted(out.items(), key=lambda o: -o[1])[:_OPTIONS])
    if len(cm.cache) >= _CACHE_SIZE:
        cm.cache.clear()
    cm.cache[(h, letter)] = out
    return out


def transliterate_word(word: str, model: Model | None = None, beam: int = _BEAM) -> str:
    """One Arabic word in Latin letters, lower case.

    A beam search over the word's letters keeps the ``beam`` best unit sequences; each unit is
    scored by the units before it, so a letter's chunk and the unwritten vowels around it are
    chosen together.

    Raises:
        ValueError: if ``beam`` < 1.

    >>> transliterate_word("رسلان")
    'ruslan'
    """
    if beam < 1:
        raise ValueError(f"beam must be at least 1, got {beam}")
    cm = _compiled(model)
    ar = _letters(word)
    if not ar or not cm.table:
        return ""
    start = (_BOS,) * (cm.order - 1)
    hyps: list[tuple[float, tuple[int, ...], tuple[int, ...]]] = [(0.0, start, ())]
    for letter in ar:
        nxt: dict[tuple[int, ...], tuple[float, tuple[int, ...]]] = {}
        for score, h, path in hyps:
            for w, lp in _options(cm, h, letter).items():
                nh = (*h[1:], w)
                s = score + lp
                old = nxt.get(nh)
                if old is None or s > old[0]:
                    nxt[nh] = (s, (*path, w))
        if not nxt:  # a letter the model never saw: skip it
            continue
        hyps = sorted(((s, h, p) for h, (s, p) in nxt.items()), reverse=True)[:beam]
    best = max((s + _options(cm, h, "$").get(_EOS, -30.0), p) for s, h, p in hyps)
    return "".join(cm.chunks[w] for w in best[1])


def transliterate(name: str) -> str:
    """An Arabic name in Latin letters, each word capitalised; the article of a family name
    is written ``al-`` (``العبيدي`` -> ``al-...``), as English news writes it, whatever the
    training pairs did with it (most drop it, some fuse it: ``alqatari``).

    >>> transliterate("")
    ''
    >>> transliterate("خالد العبيدي").split()[1].startswith("al-")
    True
    """
    out = []
    for w in name.split():
        key = match_key(w)
        if key.startswith("ال") and len(key) > 4:
            rest = transliterate_word(key[2:])
            out.append("al-" + rest.capitalize() if rest else "")
        else:
            out.append(transliterate_word(w).capitalize())
    return " ".join(w for w in out if w)


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
    pairs: Sequence[tuple[str, str]], model: Model | None = None, beam: int = _BEAM
) -> dict[str, float]:
    """Character error rate and exact-match share of the transliterator on pairs."""
    errors = chars = exact = 0
    for a, e in pairs:
        gold = e.lower()
        hyp = transliterate_word(a, model, beam)
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
        _shipped.cache_clear()
    print(json.dumps(evaluate(load_pairs(args.data, "test"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
