import dataclasses

import numpy as np
import pytest

from marsad.errors import ConfigError
from marsad.extract.ner.context import ContextModel
from marsad.extract.ner.encode import MAX_CHARS, N_FLAGS, Encoded
from marsad.extract.ner.neural import NeuralModel

DIM, HIDDEN, PREFIX = 5, 3, 2


def _arrays(seed: int = 0) -> dict[str, np.ndarray]:
    r = np.random.RandomState(seed)
    out = {}
    for d in ("f_", "b_"):
        out[d + "prefix"] = r.randn(4, PREFIX)
        out[d + "wih"] = r.randn(4 * HIDDEN, DIM + PREFIX)
        out[d + "whh"] = r.randn(4 * HIDDEN, HIDDEN)
        out[d + "b"] = r.randn(4 * HIDDEN)
    return out


def _word() -> np.ndarray:
    return np.random.RandomState(7).randn(6, DIM).astype(np.float32)


def _encoded(words: list[int], seed: int = 1) -> Encoded:
    r = np.random.RandomState(seed)
    n = len(words)
    return Encoded(
        np.asarray(words, dtype=np.int64),
        np.zeros(n, dtype=np.int64),
        r.randint(0, 4, n),
        r.randint(0, 5, (n, MAX_CHARS + 2)),
        np.zeros((n, N_FLAGS), dtype=np.float32),
    )


def test_context_states_have_both_directions() -> None:
    model = ContextModel(_arrays(), _word())
    [states] = model.states_many([_encoded([2, 3, 4])])
    assert states.shape == (3, 2 * HIDDEN) == (3, model.dim)
    [longer] = model.states_many([_encoded([2, 3, 4, 5])])
    # the forward half of a token depends only on what came before it, the backward half on
    # what follows, so appending a token changes the backward states only
    assert np.allclose(states[:, :HIDDEN], longer[:3, :HIDDEN])
    assert not np.allclose(states[:, HIDDEN:], longer[:3, HIDDEN:])


def test_context_batch_equals_one_by_one() -> None:
    model = ContextModel(_arrays(), _word())
    encs = [_encoded([1, 2, 3, 4, 5], 1), _encoded([4], 2), _encoded([], 3), _encoded([5, 0], 4)]
    batched = model.states_many(encs)
    for enc, states in zip(encs, batched, strict=True):
        [alone] = model.states_many([enc])
        assert states.shape == alone.shape
        assert np.allclose(states, alone, atol=1e-6)


def test_context_attach_fills_the_field() -> None:
    model = ContextModel(_arrays(), _word())
    [enc] = model.attach([_encoded([2, 3])])
    assert enc.context is not None and enc.context.shape == (2, model.dim)


def test_context_reports_missing_and_misfit_arrays() -> None:
    arrays = _arrays()
    del arrays["b_whh"]
    with pytest.raises(ConfigError, match="b_whh"):
        ContextModel(arrays, _word())
    with pytest.raises(ConfigError, match="inputs per token"):
        ContextModel(_arrays(), np.zeros((6, DIM + 1), np.float32))


def _network(extra: int, hidden: int = 4) -> NeuralModel:
    r = np.random.RandomState(3)
    n_in = DIM + 2 + 3 + N_FLAGS + extra
    tags = 3
    return NeuralModel(
        {
            "word": _word(), "prefix": r.randn(4, 2), "char": r.randn(5, 3),
            "conv_w": r.randn(3, 3, 3), "conv_b": r.randn(3),
            "f_wih": r.randn(4 * hidden, n_in), "f_whh": r.randn(4 * hidden, hidden),
            "f_b": r.randn(4 * hidden), "b_wih": r.randn(4 * hidden, n_in),
            "b_whh": r.randn(4 * hidden, hidden), "b_b": r.randn(4 * hidden),
            "out_w": r.randn(tags, 2 * hidden), "out_b": r.randn(tags),
            "trans": r.randn(tags, tags), "start": r.randn(tags), "end": r.randn(tags),
        }
    )  # fmt: skip


def test_network_reads_context_states() -> None:
    context = ContextModel(_arrays(), _word())
    network = _network(context.dim)
    plain = _encoded([2, 3, 4])
    [with_context] = context.attach([plain])
    em = network.emissions(with_context)
    assert em.shape == (3, 3)
    other = dataclasses.replace(with_context, context=np.zeros_like(with_context.context))
    assert not np.allclose(em, network.emissions(other))
    with pytest.raises(ConfigError, match="context"):
        network.emissions(plain)
    with pytest.raises(ConfigError, match="context"):
        _network(0).emissions(with_context)


def test_context_numpy_matches_torch_training(tmp_path) -> None:  # type: ignore[no-untyped-def]
    torch = pytest.importorskip("torch")  # the training extra; CI runs without it
    from marsad.extract.ner.context_train import LanguageModel, read_lm_corpus, train_language_model
    from marsad.extract.ner.features import Lexicon

    corpus = tmp_path / "corpus.txt"
    corpus.write_text("قال الرئيس ان البلدين وقعا اتفاقا .\nوزار الوزير موسكو امس .\n" * 20)
    words = ["<pad>", "<unk>", "قال", "الرئيس", "ان", "البلدين", "زار", "الوزير", "موسكو", "."]
    data = read_lm_corpus(corpus, Lexicon(), words, ["<pad>", "<unk>", "", "و"])
    assert len(data.lengths) == 40 and data.words.sum() > 0
    vectors = np.random.RandomState(0).randn(len(words), DIM).astype(np.float32)
    arrays = {}
    for d, backward in (("f_", False), ("b_", True)):
        trained = train_language_model(
            data, vectors, 4, backward=backward, hidden=HIDDEN, tokens=100, seed=1
        )
        arrays.update({d + k: v for k, v in trained.items()})
    model = ContextModel(arrays, vectors)
    enc = _encoded([2, 3, 4, 9])
    [states] = model.states_many([enc])
    torch.manual_seed(0)
    lm = LanguageModel(vectors, 32, data.n_out, HIDDEN)
    lm.prefix.weight.data = torch.from_numpy(arrays["f_prefix"])
    lm.lstm.weight_ih_l0.data = torch.from_numpy(arrays["f_wih"])
    lm.lstm.weight_hh_l0.data = torch.from_numpy(arrays["f_whh"])
    lm.lstm.bias_ih_l0.data = torch.from_numpy(arrays["f_b"])
    lm.lstm.bias_hh_l0.data.zero_()
    with torch.no_grad():
        ref = lm.states(
            torch.from_numpy(enc.words)[None], torch.from_numpy(enc.prefixes)[None],
            torch.tensor([4]),
        )[0].numpy()  # fmt: skip
    assert np.allclose(states[:, :HIDDEN], ref, atol=1e-5)


@pytest.mark.parametrize("name", ["context.npz", "network.npz"])
@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not a zip", bytes(range(256)) * 8])
def test_broken_model_file_is_a_clear_error(tmp_path, name: str, content: bytes) -> None:  # type: ignore[no-untyped-def]
    from marsad.extract.ner.tagger import MODEL_DIR, NerTagger

    for path in MODEL_DIR.iterdir():
        (tmp_path / path.name).symlink_to(path)
    (tmp_path / name).unlink()
    (tmp_path / name).write_bytes(content)
    with pytest.raises(ConfigError, match=name):
        NerTagger.load(tmp_path)
