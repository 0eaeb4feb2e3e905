"""Self-training's sentence selection (:func:`marsad.extract.ner.neural_fit.pseudo_label`),
with the shipped network as the teacher (numpy only: no training extra needed)."""

from pathlib import Path

import pytest

from marsad.extract.ner.config import TrainConfig
from marsad.extract.ner.features import fold
from marsad.extract.ner.neural_fit import pseudo_label
from marsad.extract.ner.tagger import NerTagger

LINES = [
    "وقال الرئيس الروسي فلاديمير بوتين في موسكو ان المحادثات كانت مفيدة .",
    "وصل وزير الخارجية الامريكي جون كيري الي الرياض امس في زيارة رسمية .",
    "قال مصدر انه لا يعرف شيئا عن الموضوع حتي الان .",  # no entity
    "بوتين في موسكو .",  # under six tokens
    " ".join(["كلمة"] * 61) + " .",  # over sixty tokens
]


def _cfg(tmp_path: Path, **kw: object) -> TrainConfig:
    x = tmp_path / "x"
    return TrainConfig(train=x, corpora=x, anetac=x, wikidata=x, out=x, work=x, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    t = NerTagger.load()
    if not t.networks or t.encoder is None:
        pytest.skip("the shipped model has no network")
    return t


def _label(tagger: NerTagger, tmp_path: Path, lines: list[str], **kw: object) -> list:  # type: ignore[type-arg]
    corpus = tmp_path / "corpus.folded.txt"
    corpus.write_text("\n".join(fold(x) for x in lines) + "\n", encoding="utf-8")
    assert tagger.encoder is not None
    cfg = _cfg(tmp_path, **kw)
    return pseudo_label(tagger.networks[0], tagger.encoder, tagger.context, corpus, cfg)


def test_keeps_confident_sentences_with_entities(tagger: NerTagger, tmp_path: Path) -> None:
    kept = _label(tagger, tmp_path, LINES, pseudo_sentences=10, pseudo_threshold=0.0)
    assert len(kept) == 2  # the sentence without entities and the short and long ones are not
    by_first = {s.tokens[1]: s for s in kept}
    putin = by_first[fold("الرئيس")]
    assert putin.tags[putin.tokens.index(fold("بوتين"))] == "I-PERS"
    assert putin.tags[putin.tokens.index(fold("موسكو"))] == "B-LOC"
    assert all(len(s.tokens) == len(s.tags) for s in kept)


def test_threshold_and_count_bound_the_selection(tagger: NerTagger, tmp_path: Path) -> None:
    assert _label(tagger, tmp_path, LINES, pseudo_sentences=10, pseudo_threshold=1.01) == []
    assert len(_label(tagger, tmp_path, LINES, pseudo_sentences=1, pseudo_threshold=0.0)) == 1


def test_selection_follows_the_seed(tagger: NerTagger, tmp_path: Path) -> None:
    lines = [f"{x[:-2]} ثم {y} ." for x in LINES[:2] for y in ("جاء", "ذهب", "عاد", "قام")]
    runs = [
        [s.tokens for s in _label(tagger, tmp_path, lines, pseudo_sentences=3, pseudo_seed=k)]
        for k in (1, 1, 2)
    ]
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]
