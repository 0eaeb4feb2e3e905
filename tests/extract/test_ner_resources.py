import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from marsad.errors import ConfigError
from marsad.extract.ner.clusters import kmeans_clusters
from marsad.extract.ner.corpus import (
    read_anetac,
    read_wikiann_names,
    read_wikiann_org_sentences,
    read_wikidata_tokens,
)
from marsad.extract.ner.features import Lexicon
from marsad.extract.ner.tagger import NerTagger


def test_ner_read_anetac_folds_and_types(tmp_path: Path) -> None:
    path = tmp_path / "ne.txt"
    path.write_text(
        "PERSON Ahmed أحمد\nORGANIZATION United Nations الأمم المتحدة\nOTHER x ي\n",
        encoding="utf-8",
    )
    assert read_anetac(path) == [("احمد", "P"), ("الامم المتحده", "O")]


def test_ner_read_wikidata_tokens_min_count(tmp_path: Path) -> None:
    path = tmp_path / "wd.tsv"
    path.write_text("moscow\tم و س ك و\t5\nrare\tر ا ر\t1\n", encoding="utf-8")
    assert read_wikidata_tokens(path, min_count=2) == ["موسكو"]


def test_ner_read_wikiann_names_strips_punctuation(tmp_path: Path) -> None:
    path = tmp_path / "wikiann.tsv"
    path.write_text(
        "جامعة\tB-ORG\nالقاهرة،\tI-ORG\nفي\tO\nParis\tB-LOC\n\nأحمد\tB-PER\n", encoding="utf-8"
    )
    assert read_wikiann_names(path) == [("جامعه القاهره", "O"), ("احمد", "P")]


_CLEAN_ORG = "انضم\tO\nاللاعب\tO\nإلى\tO\nنادي\tB-ORG\nبرشلونة،\tI-ORG\nفي\tO\nصيف\tO\n2010.\tO\n"


@pytest.mark.parametrize(
    ("block", "kept"),
    [
        (_CLEAN_ORG, 1),
        (_CLEAN_ORG.replace("B-ORG", "B-PER").replace("I-ORG", "I-PER"), 0),  # not ORG
        (_CLEAN_ORG.replace("صيف\tO", "صيف\tB-LOC"), 0),  # another type in the sentence
        (_CLEAN_ORG.replace("برشلونة،", "(برشلونة)"), 0),  # bracketed qualifier
        ("نادي\tB-ORG\nبرشلونة\tI-ORG\nفاز\tO\n", 0),  # too short
        (
            _CLEAN_ORG.replace("في\tO\nصيف\tO\n2010.\tO", "في\tI-ORG\nصيف\tI-ORG\n2010\tI-ORG"),
            0,
        ),  # span longer than 4 tokens
        ("\n".join(f"w{i}\tO" for i in range(9)) + "\n", 0),  # no entity
    ],
)
def test_ner_read_wikiann_org_sentences_filters(tmp_path: Path, block: str, kept: int) -> None:
    path = tmp_path / "wikiann.tsv"
    path.write_text(block, encoding="utf-8")
    assert len(read_wikiann_org_sentences(path)) == kept


def test_ner_read_wikiann_org_sentences_splits_trailing_punctuation(tmp_path: Path) -> None:
    path = tmp_path / "wikiann.tsv"
    path.write_text(_CLEAN_ORG, encoding="utf-8")
    (sentence,) = read_wikiann_org_sentences(path)
    assert sentence.tokens[3:6] == ("نادي", "برشلونة", "،")
    assert sentence.tags[3:6] == ("B-ORG", "I-ORG", "O")
    assert sentence.tokens[-2:] == ("2010", ".")


@pytest.mark.parametrize(
    "reader", [read_anetac, read_wikiann_names, read_wikiann_org_sentences, read_wikidata_tokens]
)
def test_ner_readers_report_missing_files(tmp_path: Path, reader: object) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        reader(tmp_path / "missing.txt")  # type: ignore[operator]


def test_ner_kmeans_clusters_groups_directions() -> None:
    rng = np.random.RandomState(0)
    a = np.array([1.0, 0.0, 0.0]) + 0.05 * rng.randn(20, 3)
    b = np.array([0.0, 1.0, 0.0]) + 0.05 * rng.randn(20, 3)
    ids = kmeans_clusters(np.vstack([a, b]).astype(np.float32), (2, 4), seed=1)
    assert ids.shape == (40, 2)
    assert len(set(ids[:20, 0])) == 1
    assert len(set(ids[20:, 0])) == 1
    assert ids[0, 0] != ids[20, 0]


def test_ner_lexicon_load_round_trip(tmp_path: Path) -> None:
    import gzip

    lex_path = tmp_path / "lexicon.tsv.gz"
    gaz_path = tmp_path / "gazetteer.tsv.gz"
    lex_path.write_bytes(gzip.compress("موسكو\t50\t1\t2\t3\nمن\t900\n".encode()))
    gaz_path.write_bytes(gzip.compress("الامم المتحده\tO\nموسكو\tL\n".encode()))
    lex = Lexicon.load(lex_path, gaz_path)
    assert lex.counts == {"موسكو": 50, "من": 900}
    assert lex.clusters == {"موسكو": (1, 2, 3)}
    assert lex.names["الامم المتحده"] == "O"
    assert lex.name_tokens["موسكو"] == "L"
    assert lex.name_starts == {"الامم": 2}


def test_ner_load_missing_model_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"meta\.json"):
        NerTagger.load(tmp_path)


class _Fixed(NerTagger):
    def __init__(self) -> None:
        super().__init__(pycrfsuite.Tagger(), Lexicon(), ("O", "B-PERS", "I-PERS"))

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return [["B-PERSON"] + ["I-PERSON"] * (len(s) - 1) for s in sentences]


def test_ner_cli_writes_corpus_tags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from marsad.commands import ner

    monkeypatch.setattr(NerTagger, "load", classmethod(lambda cls, path=None: _Fixed()))
    src = tmp_path / "in.txt"
    src.write_text("فلاديمير O\nبوتين B-PERS\n\n\nأحمد\n", encoding="utf-8")
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    ner.register(sub)
    args = parser.parse_args(["ner", "--conll", str(src)])
    assert args.func(args) == 0
    assert capsys.readouterr().out == "فلاديمير B-PERS\nبوتين I-PERS\n\nأحمد B-PERS\n\n"


@pytest.mark.parametrize("content", [bytes(range(128, 256)), "زار بوتين".encode("cp1256")])
def test_ner_cli_reports_a_file_that_is_not_utf8(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    from marsad.commands import ner

    src = tmp_path / "in.txt"
    src.write_bytes(content)
    parser = argparse.ArgumentParser()
    ner.register(parser.add_subparsers())
    args = parser.parse_args(["ner", "--conll", str(src)])
    assert args.func(args) == 2
    assert f"{src} is not UTF-8" in capsys.readouterr().err


def test_ner_stage_is_registered() -> None:
    import marsad.extract.ner.stage  # noqa: F401
    from marsad.pipeline import registered

    requires, provides = registered()["ner"]
    assert requires == {"tokens", "sentences"}
    assert provides == {"entities"}


@pytest.mark.parametrize(("with_wikiann", "has_org"), [(False, False), (True, True)])
def test_ner_train_crf_adds_wikiann_org_sentences(
    tmp_path: Path, with_wikiann: bool, has_org: bool
) -> None:
    from marsad.eval.conll import ConllSentence
    from marsad.extract.ner.config import TrainConfig
    from marsad.extract.ner.train import train_crf

    wikiann = tmp_path / "wikiann.tsv"
    wikiann.write_text(_CLEAN_ORG, encoding="utf-8")
    cfg = TrainConfig(
        train=tmp_path,
        corpora=tmp_path,
        anetac=tmp_path,
        wikidata=tmp_path,
        out=tmp_path,
        work=tmp_path,
        crf_iterations=5,
        wikiann_org=wikiann if with_wikiann else None,
    )
    sentences = [ConllSentence(("زار", "أحمد", "القاهرة"), ("O", "B-PERS", "B-LOC"))]
    crf = train_crf(sentences, Lexicon(), tmp_path / "crf.crfsuite", cfg)
    assert ("B-ORG" in crf.labels()) is has_org
