"""NER gate: the SHIPPED model on ANERcorp's official test split (never trains)."""

from collections.abc import Callable
from pathlib import Path

from marsad.eval.conll import read_conll, score_entities
from marsad.extract.ner import NerTagger, to_corpus_tags


def test_gate_ner_anercorp(shared_data: Path, check_floor: Callable[[str, float], None]) -> None:
    sentences = read_conll(shared_data / "ner" / "anercorp" / "test.txt")
    tagger = NerTagger.load()
    predicted = [to_corpus_tags(t) for t in tagger.tag_many([s.tokens for s in sentences])]
    scores = score_entities([s.tags for s in sentences], predicted, types=("PERS", "LOC", "ORG"))
    check_floor("ner.anercorp.micro_f1", scores.micro.f1)
