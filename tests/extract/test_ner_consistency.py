"""Document-level consistency of NER posteriors (marsad.extract.ner.consistency)."""

import numpy as np
import pytest

from marsad.errors import ConfigError
from marsad.extract.ner.consistency import Consistency, smooth_posteriors

TAGS = ("O", "B-PERS", "I-PERS", "B-ORG", "I-ORG")


def _p(*rows: list[float]) -> np.ndarray:
    return np.array(rows, dtype=np.float32)


@pytest.mark.parametrize(
    ("window", "gap", "pulled"),
    [(8, 1, True), (8, 8, True), (2, 3, False), (0, 1, False)],
)
def test_consistency_pull_reaches_only_the_window(window: int, gap: int, pulled: bool) -> None:
    confident = _p([0.05, 0.0, 0.0, 0.95, 0.0])
    missed = _p([0.9, 0.0, 0.0, 0.1, 0.0])
    filler = [_p([1.0, 0.0, 0.0, 0.0, 0.0]) for _ in range(gap - 1)]
    posts = [confident, *filler, missed]
    keys = [["سلتيك"], *[["في"] for _ in filler], ["سلتيك"]]
    out = smooth_posteriors(posts, keys, TAGS, Consistency(window=window, weight=1.0))
    assert bool(out[-1][0].argmax() == TAGS.index("B-ORG")) == pulled
    assert np.allclose(posts[-1], missed)  # inputs untouched


def test_consistency_keeps_the_tokens_begin_inside_share() -> None:
    # the word is inside a name here (I-PERS) and a whole name elsewhere (B-PERS)
    inside = _p([0.6, 0.0, 0.4, 0.0, 0.0])
    begin = _p([0.0, 1.0, 0.0, 0.0, 0.0])
    out = smooth_posteriors([inside, begin], [["عباس"], ["عباس"]], TAGS, Consistency(weight=1.0))
    assert out[0][0, TAGS.index("I-PERS")] > out[0][0, TAGS.index("B-PERS")] == 0.0
    assert out[0][0].sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("key", "weight", "min_len"),
    [("في", 0.5, 3), ("سلتيك", 0.0, 3), ("سلتيك", 0.5, 6)],
)
def test_consistency_leaves_short_words_and_zero_weight_alone(
    key: str, weight: float, min_len: int
) -> None:
    posts = [_p([0.1, 0.9, 0.0, 0.0, 0.0]), _p([0.9, 0.1, 0.0, 0.0, 0.0])]
    out = smooth_posteriors(
        posts, [[key], [key]], TAGS, Consistency(weight=weight, min_len=min_len)
    )
    assert np.allclose(out[1], posts[1])


@pytest.mark.parametrize(
    ("posts", "keys", "tags"),
    [
        ([_p([1.0, 0.0, 0.0, 0.0, 0.0])], [["a", "b"]], TAGS),
        ([_p([1.0, 0.0, 0.0, 0.0, 0.0])], [], TAGS),
        ([_p([1.0, 0.0])], [["a"]], ("B-PERS", "I-PERS")),
    ],
)
def test_consistency_rejects_mismatched_inputs(
    posts: list[np.ndarray], keys: list[list[str]], tags: tuple[str, ...]
) -> None:
    with pytest.raises(ConfigError):
        smooth_posteriors(posts, keys, tags, Consistency())


@pytest.mark.parametrize(("window", "weight"), [(-1, 0.5), (3, 1.5), (3, -0.1)])
def test_consistency_rejects_bad_parameters(window: int, weight: float) -> None:
    with pytest.raises(ConfigError, match="consistency"):
        Consistency(window=window, weight=weight)
