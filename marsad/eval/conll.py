"""CoNLL reading and entity-level exact-match scoring (the conlleval convention).

A CoNLL file has one ``token TAG`` per line (space or tab separated; the tag is the last field)
and a blank line between sentences. Entities are maximal BIO spans; an ``I-X`` that does not
continue an ``X`` span starts a new one (as conlleval does). A predicted entity counts as correct
only when its start, end and type all match a gold entity.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import ConfigError

__all__ = [
    "ConllSentence",
    "EntityScores",
    "TypeScore",
    "bio_spans",
    "read_conll",
    "score_entities",
]


@dataclass(frozen=True, slots=True)
class ConllSentence:
    """One sentence: its tokens and their tags (``"O"`` where the file had no tag)."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TypeScore:
    """Precision, recall and F1 of one entity type (or of the micro average)."""

    type: str
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    correct: int


@dataclass(frozen=True, slots=True)
class EntityScores:
    """Per-type scores (sorted by type) and the micro average over ``types``."""

    per_type: tuple[TypeScore, ...]
    micro: TypeScore
    types: tuple[str, ...]

    def by_type(self, type_: str) -> TypeScore:
        """The score of ``type_``.

        Raises:
            KeyError: no such type was scored.
        """
        for score in self.per_type:
            if score.type == type_:
                return score
        raise KeyError(type_)


def read_conll(path: Path, *, tagged: bool = True) -> list[ConllSentence]:
    """Read a CoNLL file into sentences.

    Args:
        path: the file, UTF-8.
        tagged: when true every non-blank line must have a tag as its last field; when false
            only the first field is used and the tags are ``"O"``.

    Returns:
        The sentences in file order (empty sentences are skipped).

    Raises:
        ConfigError: the file is not UTF-8, a line has no tag, or a tag is not ``O``, ``B-X``
            or ``I-X``.

    Example:
        >>> # read_conll(Path("test.txt"))[0].tokens[:2]
    """
    sentences: list[ConllSentence] = []
    tokens: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if tokens:
            sentences.append(ConllSentence(tuple(tokens), tuple(tags)))
        tokens.clear()
        tags.clear()

    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                fields = line.split()
                if not fields:
                    flush()
                    continue
                if not tagged:
                    tokens.append(fields[0])
                    tags.append("O")
                    continue
                if len(fields) < 2:
                    raise ConfigError(f"{path}:{number}: line {line.strip()!r} has no tag")
                tag = fields[-1]
                if tag != "O" and not (tag[:2] in ("B-", "I-") and len(tag) > 2):
                    raise ConfigError(f"{path}:{number}: tag {tag!r} is not O, B-X or I-X")
                tokens.append(fields[0])
                tags.append(tag)
    except UnicodeDecodeError as err:
        raise ConfigError(f"{path} is not UTF-8 text ({err.reason})") from err
    flush()
    return sentences


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """The entities of a BIO tag sequence as ``(start, end, type)`` token spans, end exclusive.

    >>> bio_spans(["B-PERS", "I-PERS", "O", "I-LOC", "B-LOC"])
    [(0, 2, 'PERS'), (3, 4, 'LOC'), (4, 5, 'LOC')]
    """
    spans: list[tuple[int, int, str]] = []
    start = -1
    current = ""
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and current == tag[2:]:
            continue
        if current:
            spans.append((start, i, current))
        if tag.startswith(("B-", "I-")):
            start, current = i, tag[2:]
        else:
            start, current = -1, ""
    if current:
        spans.append((start, len(tags), current))
    return spans


def _score(type_: str, gold: int, predicted: int, correct: int) -> TypeScore:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return TypeScore(type_, precision, recall, f1, gold, predicted, correct)


def score_entities(
    gold: Iterable[Sequence[str]],
    predicted: Iterable[Sequence[str]],
    types: Sequence[str] | None = None,
) -> EntityScores:
    """Entity-level exact-match precision, recall and F1, per type and micro-averaged.

    Args:
        gold: the gold tag sequence of each sentence.
        predicted: the predicted tag sequence of each sentence, aligned with ``gold``.
        types: the types in the micro average (and in ``per_type``); all types seen when
            ``None``. Entities of other types are ignored.

    Returns:
        The scores.

    Raises:
        ConfigError: the two sides have a different number of sentences, or a sentence has
            a different number of tags.

    Example:
        >>> s = score_entities([["B-LOC", "O"]], [["B-LOC", "B-ORG"]], types=["LOC", "ORG"])
        >>> round(s.micro.precision, 2), s.micro.recall
        (0.5, 1.0)
    """
    gold_list = [list(g) for g in gold]
    pred_list = [list(p) for p in predicted]
    if len(gold_list) != len(pred_list):
        raise ConfigError(
            f"gold has {len(gold_list)} sentences but the prediction has {len(pred_list)}"
        )
    counts: dict[str, list[int]] = {}
    for index, (g, p) in enumerate(zip(gold_list, pred_list, strict=True)):
        if len(g) != len(p):
            raise ConfigError(
                f"sentence {index} has {len(g)} gold tags but {len(p)} predicted tags"
            )
        gold_spans = set(bio_spans(g))
        pred_spans = set(bio_spans(p))
        for _, _, t in gold_spans:
            counts.setdefault(t, [0, 0, 0])[0] += 1
        for _, _, t in pred_spans:
            counts.setdefault(t, [0, 0, 0])[1] += 1
        for _, _, t in gold_spans & pred_spans:
            counts[t][2] += 1
    chosen = tuple(sorted(counts)) if types is None else tuple(types)
    per_type = tuple(_score(t, *counts.get(t, [0, 0, 0])) for t in sorted(chosen))
    micro = _score(
        "micro",
        sum(s.gold for s in per_type),
        sum(s.predicted for s in per_type),
        sum(s.correct for s in per_type),
    )
    return EntityScores(per_type, micro, chosen)
