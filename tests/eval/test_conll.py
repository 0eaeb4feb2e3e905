from pathlib import Path

import pytest

from marsad.errors import ConfigError
from marsad.eval.conll import bio_spans, read_conll, score_entities


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        ([], []),
        (["O", "O"], []),
        (["B-PERS", "I-PERS", "O"], [(0, 2, "PERS")]),
        (["B-LOC", "B-LOC"], [(0, 1, "LOC"), (1, 2, "LOC")]),
        (["I-ORG", "I-ORG"], [(0, 2, "ORG")]),
        (["B-PERS", "I-LOC"], [(0, 1, "PERS"), (1, 2, "LOC")]),
        (["O", "B-ORG", "I-ORG"], [(1, 3, "ORG")]),
    ],
)
def test_conll_bio_spans(tags: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert bio_spans(tags) == spans


def test_conll_score_exact_match_only() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "O"]]
    pred = [["B-PERS", "O", "O", "B-LOC"], ["B-ORG", "B-MISC"]]
    scores = score_entities(gold, pred, types=["PERS", "LOC", "ORG"])
    assert scores.by_type("PERS").correct == 0
    assert scores.by_type("LOC").f1 == 1.0
    assert scores.micro.gold == 3
    assert scores.micro.predicted == 3
    assert scores.micro.correct == 2
    assert scores.micro.f1 == pytest.approx(2 / 3)


def test_conll_score_all_types_when_none_given() -> None:
    scores = score_entities([["B-MISC", "B-LOC"]], [["B-MISC", "O"]])
    assert scores.types == ("LOC", "MISC")
    assert scores.micro.precision == 1.0
    assert scores.micro.recall == 0.5


@pytest.mark.parametrize(
    ("gold", "pred"),
    [([["O"]], [["O"], ["O"]]), ([["O", "O"]], [["O"]])],
)
def test_conll_score_rejects_misaligned(gold: list[list[str]], pred: list[list[str]]) -> None:
    with pytest.raises(ConfigError):
        score_entities(gold, pred)


def test_conll_read_sentences(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("زار O\nموسكو B-LOC\n\n\nبوتين\tB-PERS\n", encoding="utf-8")
    sentences = read_conll(path)
    assert [s.tokens for s in sentences] == [("زار", "موسكو"), ("بوتين",)]
    assert sentences[0].tags == ("O", "B-LOC")
    untagged = read_conll(path, tagged=False)
    assert untagged[1].tags == ("O",)


@pytest.mark.parametrize("line", ["token\n", "token X-LOC\n", "token B-\n"])
def test_conll_read_rejects_bad_tags(tmp_path: Path, line: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(line, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.txt:1"):
        read_conll(path)


def test_conll_read_rejects_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "cp1256.txt"
    path.write_bytes("بوتين B-PERS\n".encode() + "زار O\n".encode("cp1256"))
    with pytest.raises(ConfigError, match="is not UTF-8"):
        read_conll(path)
