"""Unit tests of marsad.eval.rouge: Arabic tokenization, ROUGE-N and ROUGE-L."""

from __future__ import annotations

import pytest

from marsad.errors import ConfigError
from marsad.eval.rouge import (
    average,
    light_stem,
    paired_bootstrap,
    rouge,
    rouge_multi,
    rouge_tokens,
)


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("والمشروعات", "مشروع"),
        ("بالمدينة", "مدين"),
        ("للطلاب", "طلاب"),
        ("كتابها", "كتاب"),
        ("وزن", "وزن"),  # a three-letter word keeps its و (Light10 needs three letters left)
        ("في", "في"),  # too short to strip
    ],
)
def test_rouge_light_stem_strips_affixes(word: str, stem: str) -> None:
    from marsad.text.normalize import match_key

    assert light_stem(match_key(word)) == stem


def test_rouge_tokens_fold_spelling_variants() -> None:
    assert rouge_tokens("أعلنَ الوزيرُ") == rouge_tokens("اعلن الوزير")
    assert rouge_tokens("قال: نعم، 2015!", stem=False) == ["قال", "نعم", "2015"]


@pytest.mark.parametrize(
    ("cand", "ref", "r1", "r2", "rl"),
    [
        ("a b c", "a b c", 1.0, 1.0, 1.0),
        ("a b c", "x y z", 0.0, 0.0, 0.0),
        ("a b c d", "a b", 2 / 3, 0.5, 2 / 3),  # P=.5 R=1 for R1; R2: P=1/3 R=1
        ("c b a", "a b c", 1.0, 0.0, 1 / 3),
    ],
)
def test_rouge_f1_values(cand: str, ref: str, r1: float, r2: float, rl: float) -> None:
    s = rouge(cand.split(), ref.split())
    assert s.rouge1.f1 == pytest.approx(r1)
    assert s.rouge2.f1 == pytest.approx(r2)
    assert s.rougeL.f1 == pytest.approx(rl)


def test_rouge_clips_repeated_ngrams() -> None:
    s = rouge(["a", "a", "a"], ["a", "b", "c"])
    assert s.rouge1.precision == pytest.approx(1 / 3)
    assert s.rouge1.recall == pytest.approx(1 / 3)


def test_rouge_multi_averages_references() -> None:
    s = rouge_multi(["a", "b"], [["a", "b"], ["c", "d"]])
    assert s.rouge1.f1 == pytest.approx(0.5)
    assert s.get("rouge2").recall == pytest.approx(0.5)


@pytest.mark.parametrize("call", [lambda: rouge_multi(["a"], []), lambda: average([])])
def test_rouge_rejects_empty_inputs(call: object) -> None:
    with pytest.raises(ConfigError):
        call()  # type: ignore[operator]


def test_rouge_get_rejects_unknown_variant() -> None:
    with pytest.raises(ConfigError, match="rouge3"):
        rouge(["a"], ["a"]).get("rouge3")


@pytest.mark.parametrize(
    ("a", "b", "significant"),
    [
        ([0.5 + 0.01 * i for i in range(30)], [0.4 + 0.01 * i for i in range(30)], True),
        ([0.5, 0.4] * 15, [0.4, 0.5] * 15, False),  # wins and losses cancel out
        ([0.4] * 30, [0.5] * 30, False),
    ],
)
def test_rouge_paired_bootstrap(a: list[float], b: list[float], significant: bool) -> None:
    test = paired_bootstrap(a, b, samples=500)
    assert (test.p_value < 0.05) is significant
    assert test.low <= test.difference <= test.high
    assert paired_bootstrap(a, b, samples=500) == test  # deterministic for a seed


@pytest.mark.parametrize(
    ("a", "b", "samples"), [([0.1], [0.1, 0.2], 500), ([], [], 500), ([0.1], [0.2], 10)]
)
def test_rouge_paired_bootstrap_rejects_bad_input(
    a: list[float], b: list[float], samples: int
) -> None:
    with pytest.raises(ConfigError):
        paired_bootstrap(a, b, samples=samples)
