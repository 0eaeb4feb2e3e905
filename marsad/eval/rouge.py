"""ROUGE-1, ROUGE-2 and ROUGE-L for Arabic, with Arabic-aware tokenization.

Tokens are the words of the text (letters and digits), each folded with
:func:`marsad.text.normalize.match_key` (diacritics and tatweel out, alef/hamza forms, alef maksura
and ta marbuta folded) and, by default, light-stemmed with the affix lists of Light10 (Larkey,
Ballesteros & Connell 2007, "Light stemming for Arabic information retrieval"): the conjunction
و and one article-bearing prefix (ال وال بال كال فال لل) come off the front, and the common
suffixes (ها ان ات ون ين يه ية ه ة ي) off the end, as long as enough of the word is left. So
"والمشروعات" and "مشروع" count as the same unigram, as an Arabic reader would count them.

Scores follow the ``rouge_score`` package's definitions: ROUGE-N is the clipped n-gram overlap,
ROUGE-L the longest common subsequence over the whole token sequence (no sentence splitting),
each as precision, recall and F1. With several references a candidate is scored against each and
the scores are averaged (the references are equally valid summaries).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad.errors import ConfigError
from marsad.text.normalize import match_key

__all__ = [
    "PairedTest",
    "RougeScore",
    "RougeScores",
    "average",
    "light_stem",
    "paired_bootstrap",
    "rouge",
    "rouge_multi",
    "rouge_tokens",
]

_WORD = re.compile(r"[^\W_]+")

# Light10's affixes, in folded form (ة -> ه, ى -> ي, as match_key writes them). Source: Larkey,
# Ballesteros & Connell (2007), section 3; the prefix list is tried longest first.
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


@lru_cache(maxsize=200_000)
def light_stem(key: str) -> str:
    """Light10 stem of a folded word (see the module docstring).

    >>> light_stem(match_key("والمشروعات"))
    'مشروع'
    """
    w = key
    if len(w) > 3 and w.startswith("و"):
        w = w[1:]
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) > 1:
            w = w[len(p) :]
            break
    for s in _SUFFIXES:
        if w.endswith(s) and len(w) - len(s) > 1:
            w = w[: -len(s)]
    return w


def rouge_tokens(text: str, *, stem: bool = True) -> list[str]:
    """The ROUGE tokens of ``text``: folded words, light-stemmed unless ``stem`` is False.

    >>> rouge_tokens("قالَ الوزيرُ: المشروعات جاهزة.", stem=False)
    ['قال', 'الوزير', 'المشروعات', 'جاهزه']
    """
    keys = (match_key(w).lower() for w in _WORD.findall(text))
    if stem:
        return [light_stem(k) for k in keys if k]
    return [k for k in keys if k]


@dataclass(frozen=True, slots=True)
class RougeScore:
    """Precision, recall and F1 of one ROUGE variant."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class RougeScores:
    """ROUGE-1, ROUGE-2 and ROUGE-L of one candidate."""

    rouge1: RougeScore
    rouge2: RougeScore
    rougeL: RougeScore  # the metric's usual name

    def get(self, name: str) -> RougeScore:
        """The score named ``rouge1``, ``rouge2`` or ``rougeL``.

        Raises:
            ConfigError: another name.
        """
        if name not in ("rouge1", "rouge2", "rougeL"):
            raise ConfigError(f"unknown ROUGE variant {name!r}: use rouge1, rouge2 or rougeL")
        score: RougeScore = getattr(self, name)
        return score


def _prf(overlap: int, cand: int, ref: int) -> RougeScore:
    p = overlap / cand if cand else 0.0
    r = overlap / ref if ref else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return RougeScore(p, r, f)


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def _rouge_n(cand: Sequence[str], ref: Sequence[str], n: int) -> RougeScore:
    c, r = _ngrams(cand, n), _ngrams(ref, n)
    overlap = sum((c & r).values())
    return _prf(overlap, sum(c.values()), sum(r.values()))


def rouge(candidate: Sequence[str], reference: Sequence[str]) -> RougeScores:
    """ROUGE-1/2/L of a tokenized candidate against one tokenized reference.

    Example:
        >>> s = rouge(["a", "b", "c"], ["a", "b", "d"])
        >>> round(s.rouge1.f1, 3), round(s.rouge2.recall, 3), round(s.rougeL.f1, 3)
        (0.667, 0.5, 0.667)
    """
    return RougeScores(
        _rouge_n(candidate, reference, 1),
        _rouge_n(candidate, reference, 2),
        _prf(_lcs(candidate, reference), len(candidate), len(reference)),
    )


def _mean(scores: Sequence[RougeScore]) -> RougeScore:
    n = len(scores)
    return RougeScore(
        sum(s.precision for s in scores) / n,
        sum(s.recall for s in scores) / n,
        sum(s.f1 for s in scores) / n,
    )


def rouge_multi(candidate: Sequence[str], references: Sequence[Sequence[str]]) -> RougeScores:
    """ROUGE of a candidate averaged over several references.

    Raises:
        ConfigError: no reference given.

    Example:
        >>> s = rouge_multi(["a", "b"], [["a", "b"], ["c", "d"]])
        >>> s.rouge1.f1
        0.5
    """
    if not references:
        raise ConfigError("rouge_multi needs at least one reference summary, got none")
    each = [rouge(candidate, ref) for ref in references]
    return average(each)


def average(scores: Sequence[RougeScores]) -> RougeScores:
    """The mean of several ROUGE results (macro average).

    Raises:
        ConfigError: ``scores`` is empty.
    """
    if not scores:
        raise ConfigError("cannot average an empty list of ROUGE scores")
    return RougeScores(
        _mean([s.rouge1 for s in scores]),
        _mean([s.rouge2 for s in scores]),
        _mean([s.rougeL for s in scores]),
    )


@dataclass(frozen=True, slots=True)
class PairedTest:
    """A paired bootstrap comparison of two systems scored on the same items.

    ``difference`` is the mean of ``a - b``; ``low``/``high`` the 95% percentile interval of
    the resampled means; ``p_value`` the share of resamples whose mean is <= 0 (one-sided: how
    often ``a`` would not beat ``b``).
    """

    difference: float
    low: float
    high: float
    p_value: float
    samples: int


def paired_bootstrap(
    a: Sequence[float], b: Sequence[float], *, samples: int = 10_000, seed: int = 0
) -> PairedTest:
    """Paired bootstrap test (Koehn 2004; Berg-Kirkpatrick et al. 2012) of ``mean(a - b) > 0``.

    Items (articles) are resampled with replacement ``samples`` times; the per-item
    differences are kept paired.

    Args:
        a: per-item scores of the system under test.
        b: per-item scores of the baseline, same items in the same order.
        samples: bootstrap resamples (>= 100).
        seed: random seed (the test is deterministic for a seed).

    Returns:
        The mean difference, its 95% interval and the one-sided p-value.

    Raises:
        ConfigError: the sequences differ in length or are empty, or ``samples`` < 100.

    Example:
        >>> t = paired_bootstrap([0.5, 0.6, 0.7], [0.4, 0.5, 0.6], samples=200)
        >>> round(t.difference, 2), t.p_value
        (0.1, 0.0)
    """
    import random

    if len(a) != len(b) or not a:
        raise ConfigError(
            f"paired scores must be non-empty and equal in length: {len(a)}, {len(b)}"
        )
    if samples < 100:
        raise ConfigError(f"samples must be >= 100, got {samples}")
    diffs = [x - y for x, y in zip(a, b, strict=True)]
    n = len(diffs)
    rng = random.Random(seed)
    means = sorted(sum(diffs[rng.randrange(n)] for _ in range(n)) / n for _ in range(samples))
    return PairedTest(
        difference=sum(diffs) / n,
        low=means[int(0.025 * samples)],
        high=means[min(samples - 1, int(0.975 * samples))],
        p_value=sum(1 for m in means if m <= 0.0) / samples,
        samples=samples,
    )
