"""Context vectors for the neural tagger from two word-level language models (numpy).

A forward LSTM reads a sentence's stems left to right and a backward one right to left, each
trained on the news corpora to predict the next stem (:mod:`marsad.extract.ner.context_train`).
At each token their hidden states say what kind of word the surrounding text expects there,
learnt from millions of words of news rather than from the 125k of the labelled corpus: a word after
"قال" or between "الرئيس" and "إن" is a name even when neither the word nor its spelling was
ever seen tagged. The tagger reads the two states next to its other inputs
(:class:`marsad.extract.ner.neural.NeuralModel`). The language models share the tagger's frozen
word vectors and proclitic ids (:class:`marsad.extract.ner.encode.Encoded`), so only their
LSTM weights are stored (``context.npz``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from marsad.errors import ConfigError
from marsad.extract.ner.encode import Encoded
from marsad.extract.ner.neural import bilstm_states

__all__ = ["ContextModel"]

Array = NDArray[np.float32]
_KEYS = ("prefix", "wih", "whh", "b")


class ContextModel:
    """The forward and backward language models' LSTM states for encoded sentences.

    Args:
        arrays: ``f_prefix, f_wih, f_whh, f_b`` and the same with ``b_`` (torch's ``nn.LSTM``
            layout, gate order i, f, g, o; the two biases summed).
        word: the word vectors the models were trained on (the tagger's, rows = word ids).

    Raises:
        ConfigError: an array is missing or the shapes do not fit together.
    """

    def __init__(self, arrays: dict[str, NDArray[Any]], word: Array) -> None:
        missing = [d + k for d in ("f_", "b_") for k in _KEYS if d + k not in arrays]
        if missing:
            raise ConfigError(f"NER context model lacks {missing}; retrain with `marsad train ner`")
        self.word = word
        self.prefix = [arrays[d + "prefix"].astype(np.float32) for d in ("f_", "b_")]
        self.wih = [
            np.ascontiguousarray(arrays[d + "wih"].T.astype(np.float32)) for d in ("f_", "b_")
        ]
        self.whh: Array = np.stack([arrays[d + "whh"].T.astype(np.float32) for d in ("f_", "b_")])
        self.bias = [arrays[d + "b"].astype(np.float32) for d in ("f_", "b_")]
        self.hidden = int(self.whh.shape[1])
        width = word.shape[1] + self.prefix[0].shape[1]
        if any(w.shape != (width, 4 * self.hidden) for w in self.wih):
            raise ConfigError(
                f"NER context model expects {self.wih[0].shape[0]} inputs per token, "
                f"the word vectors and proclitic embedding give {width}"
            )

    @property
    def dim(self) -> int:
        """Width of a token's context vector (forward and backward states)."""
        return 2 * self.hidden

    def states_many(self, encs: Sequence[Encoded]) -> list[Array]:
        """Each sentence's (tokens, :attr:`dim`) states; the sentences run as one batch.

        Every sentence starts from zero states, as in training.
        """
        if not encs:
            return []
        words = np.concatenate([e.words for e in encs])
        prefixes = np.concatenate([e.prefixes for e in encs])
        emb = self.word[words]
        flat = [
            np.concatenate([emb, self.prefix[d][prefixes]], axis=1) @ self.wih[d] + self.bias[d]
            for d in (0, 1)
        ]
        return bilstm_states(flat, [len(e.words) for e in encs], self.whh)

    def attach(self, encs: Sequence[Encoded]) -> list[Encoded]:
        """The sentences with their context states filled in (``Encoded.context``)."""
        states = self.states_many(encs)
        return [dataclasses.replace(e, context=s) for e, s in zip(encs, states, strict=True)]
