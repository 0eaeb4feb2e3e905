import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite
import pytest

from marsad.extract.ner.encode import MAX_CHARS, N_FLAGS, Encoded
from marsad.extract.ner.features import Lexicon
from marsad.extract.ner.neural import NeuralModel
from marsad.extract.ner.tagger import NerTagger, to_corpus_tags, to_marsad_tags
from marsad.model import Document, Provenance, Sentence, Token

TAGS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC")


def _arrays(seed: int = 0, hidden: int = 4, dim: int = 5) -> dict[str, np.ndarray]:
    r = np.random.RandomState(seed)
    n_in = dim + 2 + 2 + 3 + N_FLAGS
    return {
        "word": r.randn(6, dim).astype(np.float16),
        "task": r.randn(3, 2).astype(np.float16),
        "prefix": r.randn(4, 2),
        "char": r.randn(5, 3),
        "conv_w": r.randn(3, 3, 3),
        "conv_b": r.randn(3),
        "f_wih": r.randn(4 * hidden, n_in),
        "f_whh": r.randn(4 * hidden, hidden),
        "f_b": r.randn(4 * hidden),
        "b_wih": r.randn(4 * hidden, n_in),
        "b_whh": r.randn(4 * hidden, hidden),
        "b_b": r.randn(4 * hidden),
        "out_w": r.randn(len(TAGS), 2 * hidden),
        "out_b": r.randn(len(TAGS)),
        "trans": r.randn(len(TAGS), len(TAGS)),
        "start": r.randn(len(TAGS)),
        "end": r.randn(len(TAGS)),
    }


def _encoded(n: int, seed: int = 1) -> Encoded:
    r = np.random.RandomState(seed)
    return Encoded(
        r.randint(0, 6, n),
        r.randint(0, 3, n),
        r.randint(0, 4, n),
        r.randint(0, 5, (n, MAX_CHARS + 2)),
        (r.rand(n, N_FLAGS) > 0.5).astype(np.float32),
    )


@pytest.mark.parametrize("n", [1, 2, 4])
def test_ner_viterbi_matches_brute_force(n: int) -> None:
    model = NeuralModel({k: np.asarray(v) for k, v in _arrays().items()})
    em = model.emissions(_encoded(n))
    assert em.shape == (n, len(TAGS))

    def score(path: Sequence[int]) -> float:
        s = model.start[path[0]] + em[0, path[0]] + model.end[path[-1]]
        for t in range(1, n):
            s += model.trans[path[t - 1], path[t]] + em[t, path[t]]
        return float(s)

    best = max(itertools.product(range(len(TAGS)), repeat=n), key=score)
    assert model.decode(em) == list(best)


def test_ner_lstm_direction_matters() -> None:
    model = NeuralModel({k: np.asarray(v) for k, v in _arrays().items()})
    enc = _encoded(3)
    full = model.emissions(enc)
    first = model.emissions(
        Encoded(enc.words[:1], enc.task[:1], enc.prefixes[:1], enc.chars[:1], enc.flags[:1])
    )
    # the backward LSTM sees the later tokens, so the first token's scores change with them
    assert not np.allclose(full[0], first[0])


def test_ner_missing_weight_is_reported() -> None:
    arrays = _arrays()
    del arrays["trans"]
    with pytest.raises(Exception, match="trans"):
        NeuralModel(arrays)


def test_ner_tag_maps() -> None:
    assert to_marsad_tags(["B-PERS", "I-PERS", "O"]) == ["B-PERSON", "I-PERSON", "O"]
    assert to_corpus_tags(["B-PERSON", "B-GPE", "I-ORG"]) == ["B-PERS", "B-LOC", "I-ORG"]


class _Stub(NerTagger):
    """Tags every token whose stem starts with م as a location (offsets are what is tested)."""

    def __init__(self) -> None:
        super().__init__(pycrfsuite.Tagger(), Lexicon(), TAGS)

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return [self.tag(s) for s in sentences]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        out: list[str] = []
        for tok in tokens:
            hit = tok.lstrip("و").startswith("م")
            prev = out[-1] if out else "O"
            out.append(("I-LOC" if prev != "O" else "B-LOC") if hit else "O")
        return out


def test_ner_tag_document_offsets() -> None:
    text = "زار وموسكو مينسك. ثم عاد"
    tokens = (
        Token(0, 3, "زار", 0, "زار"),
        Token(4, 10, "وموسكو", 5, "موسكو"),
        Token(11, 16, "مينسك", 11, "مينسك"),
        Token(16, 17, ".", 16, ".", is_word=False),
        Token(18, 20, "ثم", 18, "ثم"),
        Token(21, 24, "عاد", 21, "عاد"),
    )
    doc = Document(
        raw=text,
        provenance=Provenance("t", "file", "2025-01-01"),
        sentences=(Sentence(0, 17), Sentence(18, 24)),
        tokens=tokens,
    )
    mentions = _Stub().tag_document(doc)
    assert [(m.start, m.end, m.text, m.type) for m in mentions] == [(5, 16, "موسكو مينسك", "LOC")]


@pytest.mark.parametrize("n", [1, 3])
def test_ner_marginals_match_brute_force(n: int) -> None:
    model = NeuralModel({k: np.asarray(v) for k, v in _arrays(seed=2).items()})
    em = model.emissions(_encoded(n, seed=3))
    paths = list(itertools.product(range(len(TAGS)), repeat=n))

    def score(path: Sequence[int]) -> float:
        s = model.start[path[0]] + em[0, path[0]] + model.end[path[-1]]
        for t in range(1, n):
            s += model.trans[path[t - 1], path[t]] + em[t, path[t]]
        return float(s)

    weights = np.exp(np.array([score(p) for p in paths], dtype=np.float64))
    expected = np.zeros((n, len(TAGS)))
    for w, path in zip(weights / weights.sum(), paths, strict=True):
        for t, tag in enumerate(path):
            expected[t, tag] += w
    np.testing.assert_allclose(model.marginals(em), expected, atol=1e-5)


def test_ner_batched_emissions_match_single() -> None:
    model = NeuralModel({k: np.asarray(v) for k, v in _arrays(seed=4).items()})
    encs = [_encoded(n, seed=n) for n in (3, 1, 5)]
    for single, batched in zip(
        [model.emissions(e) for e in encs], model.emissions_many(encs), strict=True
    ):
        np.testing.assert_allclose(single, batched, rtol=1e-4, atol=1e-5)


def test_ner_batched_marginals_match_single() -> None:
    model = NeuralModel({k: np.asarray(v) for k, v in _arrays(seed=7).items()})
    # the shortest sentence ends first: the backward pass must restart at each sentence's end
    ems = model.emissions_many([_encoded(n, seed=n) for n in (4, 1, 6, 2)])
    batched = model.marginals_many(ems)
    assert [b.shape for b in batched] == [e.shape for e in ems]
    for em, post in zip(ems, batched, strict=True):
        np.testing.assert_allclose(post, model.marginals(em), atol=1e-6)
    assert model.marginals_many([]) == []


def _savez(path: Path, arrays: dict[str, np.ndarray]) -> None:
    save: Any = np.savez
    save(path, **arrays)


def test_ner_ensemble_networks_share_the_word_vectors(tmp_path: Path) -> None:
    from marsad.extract.ner.tagger import _load_networks

    _savez(tmp_path / "network.npz", _arrays(seed=5))
    second = {k: v for k, v in _arrays(seed=6).items() if k != "word"}
    _savez(tmp_path / "network.2.npz", second)
    first, other = _load_networks(tmp_path, ["network.npz", "network.2.npz"])
    assert other.word is first.word
    enc = _encoded(3)
    assert not np.allclose(first.emissions(enc), other.emissions(enc))


def test_ner_ensemble_network_missing_is_reported(tmp_path: Path) -> None:
    from marsad.errors import ConfigError
    from marsad.extract.ner.tagger import _load_networks

    _savez(tmp_path / "network.npz", _arrays())
    with pytest.raises(ConfigError, match=r"network\.3\.npz"):
        _load_networks(tmp_path, ["network.npz", "network.3.npz"])


def test_shipped_ner_model_fits_the_size_limit() -> None:
    """Issue 3: at most 50 MB of model files; a second network ships without word vectors."""
    import json

    root = Path(__file__).resolve().parents[2] / "marsad/resources/models/ner"
    size = sum(p.stat().st_size for p in root.iterdir() if p.is_file() and p.suffix != ".md")
    assert size <= 50 * 1000 * 1000, f"NER model files take {size / 1e6:.1f} MB"
    names = json.loads((root / "meta.json").read_text("utf-8")).get("networks", ["network.npz"])
    for name in names[1:]:
        with np.load(root / name) as arrays:
            assert not {"word", "word_q", "word_scale"} & set(arrays.files), name


def test_ner_long_documents_are_tagged_in_blocks_with_the_same_tags(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The shipped model tags a long run of sentences in blocks (bounded memory), each read with
    the neighbours its document-level steps see, so the tags equal one pass over everything."""
    from marsad.extract.ner import tagger as tagger_module
    from marsad.text.stages import segment_document

    seeds = sorted((Path(__file__).parents[2] / "examples/seeds").glob("*.txt"))
    text = "\n".join(p.read_text("utf-8") for p in seeds)
    doc = segment_document(Document(text, Provenance("t", "stdin", "")))
    words = [[t.text for t in doc.tokens if s.start <= t.start < s.end] for s in doc.sentences]
    tagger = NerTagger.load()
    whole = tagger.tag_ids_many(words)
    monkeypatch.setattr(tagger_module, "_BLOCK", 7)
    calls: list[int] = []
    block = tagger._tag_ids_block

    def counted(sentences: Sequence[Sequence[str]]) -> list[list[int]]:
        calls.append(len(sentences))
        return block(sentences)

    monkeypatch.setattr(tagger, "_tag_ids_block", counted)
    assert tagger.tag_ids_many(words) == whole
    assert len(calls) > 1 and max(calls) < len(words)
