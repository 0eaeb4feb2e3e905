"""The BiLSTM-CRF forward pass and Viterbi decoding in numpy (no torch at run time).

The arrays are those :func:`marsad.extract.ner.neural_train.export_weights` writes; the maths
mirrors torch's ``nn.Embedding``, ``nn.Conv1d``, ``nn.LSTM`` (gate order i, f, g, o) and
``nn.Linear`` in evaluation mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from marsad.errors import ConfigError
from marsad.extract.ner.encode import MAX_CHARS, Encoded

__all__ = ["NeuralModel", "bilstm_states", "quantize_rows"]

_REQUIRED = (
    "prefix", "char", "conv_w", "conv_b", "f_wih", "f_whh", "f_b",
    "b_wih", "b_whh", "b_b", "out_w", "out_b", "trans", "start", "end",
)  # fmt: skip

Array = NDArray[np.float32]


def quantize_rows(matrix: NDArray[Any]) -> dict[str, NDArray[Any]]:
    """Rows as int8 (``word_q``) times a float32 scale per row (``word_scale``).

    >>> q = quantize_rows(np.array([[0.5, -1.0], [0.0, 0.0]], dtype=np.float32))
    >>> q["word_q"].tolist(), [round(float(x), 4) for x in q["word_scale"]]
    ([[64, -127], [0, 0]], [0.0079, 0.0])
    """
    m = np.asarray(matrix, dtype=np.float32)
    scale = np.abs(m).max(axis=1) / 127.0
    safe = np.where(scale > 0, scale, 1.0)
    q = np.rint(m / safe[:, None]).astype(np.int8)
    return {"word_q": q, "word_scale": scale.astype(np.float32)}


def _sigmoid(x: Array) -> Array:
    out: Array = 0.5 * (np.tanh(0.5 * x) + 1.0)
    return out


def bilstm_states(flat: Sequence[Array], lengths: Sequence[int], whh: Array) -> list[Array]:
    """Both directions of an LSTM layer over a batch of sentences, one step per token.

    Args:
        flat: the input projections (tokens of all sentences, 4 * hidden) plus bias of the
            forward and the backward direction, sentences concatenated.
        lengths: tokens per sentence (at least one sentence, none empty).
        whh: the recurrent weights of both directions, (2, hidden, 4 * hidden).

    Returns:
        Each sentence's states (tokens, 2 * hidden), forward then backward.
    """
    hsz, b, steps = whh.shape[1], len(lengths), max(lengths)
    gates = np.zeros((2, steps, b, 4 * hsz), dtype=np.float32)
    offsets = np.cumsum([0, *lengths])
    for i, n in enumerate(lengths):
        lo = offsets[i]
        gates[0, :n, i] = flat[0][lo : lo + n]
        gates[1, :n, i] = flat[1][lo : lo + n][::-1]
    out = np.empty((2, steps, b, hsz), dtype=np.float32)
    h = np.zeros((2, b, hsz), dtype=np.float32)
    c = np.zeros((2, b, hsz), dtype=np.float32)
    for t in range(steps):
        g = gates[:, t] + np.matmul(h, whh)
        s = _sigmoid(g[..., : 2 * hsz])
        c = s[..., hsz:] * c + s[..., :hsz] * np.tanh(g[..., 2 * hsz : 3 * hsz])
        h = _sigmoid(g[..., 3 * hsz :]) * np.tanh(c)
        out[:, t] = h
    return [
        np.concatenate([out[0, :n, i], out[1, :n, i][::-1]], axis=1) for i, n in enumerate(lengths)
    ]


def _context(enc: Encoded) -> Array:
    if enc.context is None:
        raise ConfigError("some sentences of a batch have context states and some do not")
    return enc.context


def _logsumexp(x: NDArray[np.float64], axis: int) -> NDArray[np.float64]:
    top = x.max(axis=axis, keepdims=True)
    out: NDArray[np.float64] = np.log(np.exp(x - top).sum(axis=axis)) + np.squeeze(top, axis)
    return out


class NeuralModel:
    """Scores and decodes encoded sentences with the exported network weights."""

    def __init__(self, arrays: dict[str, NDArray[Any]]) -> None:
        missing = [k for k in _REQUIRED if k not in arrays]
        if missing:
            raise ConfigError(
                f"NER network weights lack {missing}; retrain with `marsad train ner`"
            )
        if "word_q" in arrays and "word_scale" in arrays:
            scale = arrays["word_scale"].astype(np.float32)
            self.word: Array = arrays["word_q"].astype(np.float32) * scale[:, None]
        elif "word" in arrays:
            self.word = arrays["word"].astype(np.float32)
        else:
            raise ConfigError("NER network weights lack word vectors (word_q/word_scale)")
        task = arrays.get("task")
        self.task: Array | None = None
        if task is not None and task.shape[1] > 0:
            self.task = task.astype(np.float32)
        self.prefix: Array = arrays["prefix"].astype(np.float32)
        self.char: Array = arrays["char"].astype(np.float32)
        conv_w = arrays["conv_w"].astype(np.float32)  # (filters, char_dim, width)
        self.width = conv_w.shape[2]
        # im2col layout: (width * char_dim, filters), position-major like the column stack
        self.conv: Array = np.ascontiguousarray(
            conv_w.transpose(2, 1, 0).reshape(-1, conv_w.shape[0])
        )
        self.conv_b: Array = arrays["conv_b"].astype(np.float32)
        self.wih = [np.ascontiguousarray(arrays[p + "_wih"].T.astype(np.float32)) for p in "fb"]
        self.whh: Array = np.stack([arrays[p + "_whh"].T.astype(np.float32) for p in "fb"])
        self.bias = [arrays[p + "_b"].astype(np.float32) for p in "fb"]
        self.hidden = self.whh.shape[1]
        self.out_w: Array = np.ascontiguousarray(arrays["out_w"].T.astype(np.float32))
        self.out_b: Array = arrays["out_b"].astype(np.float32)
        self.trans: Array = arrays["trans"].astype(np.float32)
        self.start: Array = arrays["start"].astype(np.float32)
        self.end: Array = arrays["end"].astype(np.float32)

    def _chars(self, chars: NDArray[np.int64]) -> Array:
        n = chars.shape[0]
        emb = self.char[chars]  # (n, MAX_CHARS + 2, dim)
        span = MAX_CHARS + 2 - self.width + 1
        cols = np.concatenate([emb[:, k : k + span, :] for k in range(self.width)], axis=2)
        conv = cols.reshape(n * span, -1) @ self.conv
        out: Array = conv.reshape(n, span, -1).max(axis=1) + self.conv_b
        return out

    def emissions_many(self, encs: list[Encoded]) -> list[Array]:
        """Tag scores of several sentences, their LSTM steps run as one batch."""
        if not encs:
            return []
        lengths = [len(e.words) for e in encs]
        words = np.concatenate([e.words for e in encs])
        parts = [self.word[words]]
        if self.task is not None:
            parts.append(self.task[np.concatenate([e.task for e in encs])])
        parts += [
            self.prefix[np.concatenate([e.prefixes for e in encs])],
            self._chars(np.concatenate([e.chars for e in encs])),
            np.concatenate([e.flags for e in encs]),
        ]
        if encs[0].context is not None:
            parts.append(np.concatenate([_context(e) for e in encs]))
        x = np.concatenate(parts, axis=1)
        if x.shape[1] != self.wih[0].shape[0]:
            raise ConfigError(
                f"NER network expects {self.wih[0].shape[0]} inputs per token, got "
                f"{x.shape[1]}: a network trained with context states needs the model's "
                "context.npz (and one trained without them must not get them)"
            )
        flat = [x @ self.wih[0] + self.bias[0], x @ self.wih[1] + self.bias[1]]
        states = bilstm_states(flat, lengths, self.whh)
        return [hidden @ self.out_w + self.out_b for hidden in states]

    def emissions(self, enc: Encoded) -> Array:
        """Tag scores (tokens, tags) of one encoded sentence."""
        return self.emissions_many([enc])[0]

    def decode(self, em: Array) -> list[int]:
        """The Viterbi best tag-id path for emission scores ``em`` (tokens, tags)."""
        n = em.shape[0]
        if n == 0:
            return []
        score = self.start + em[0]
        back = np.zeros((n, em.shape[1]), dtype=np.int64)
        for t in range(1, n):
            cand = score[:, None] + self.trans
            back[t] = cand.argmax(axis=0)
            score = cand.max(axis=0) + em[t]
        best = int((score + self.end).argmax())
        path = [best]
        for t in range(n - 1, 0, -1):
            best = int(back[t, best])
            path.append(best)
        return path[::-1]

    def marginals(self, em: Array) -> Array:
        """Posterior tag probabilities (tokens, tags) by the forward-backward algorithm."""
        n, k = em.shape
        alpha = np.empty((n, k), dtype=np.float64)
        beta = np.zeros((n, k), dtype=np.float64)
        trans = self.trans.astype(np.float64)
        alpha[0] = self.start + em[0]
        for t in range(1, n):
            alpha[t] = _logsumexp(alpha[t - 1][:, None] + trans, axis=0) + em[t]
        beta[n - 1] = self.end
        for t in range(n - 2, -1, -1):
            beta[t] = _logsumexp(trans + (em[t + 1] + beta[t + 1])[None, :], axis=1)
        logz = _logsumexp(alpha[n - 1] + self.end, axis=0)
        out: Array = np.exp(alpha + beta - logz).astype(np.float32)
        return out

    def marginals_many(self, ems: Sequence[Array]) -> list[Array]:
        """:meth:`marginals` of several sentences, their steps run as one padded batch.

        Each sentence's forward and backward recursions are those of :meth:`marginals`; the
        backward one restarts from the end scores at each sentence's last token, so padding
        never reaches a real position.
        """
        lengths = [em.shape[0] for em in ems]
        if not ems or min(lengths) == 0:
            return [self.marginals(em) for em in ems]
        b, steps, k = len(ems), max(lengths), ems[0].shape[1]
        em = np.zeros((b, steps, k), dtype=np.float64)
        for i, e in enumerate(ems):
            em[i, : e.shape[0]] = e
        trans = self.trans.astype(np.float64)
        start, end = self.start.astype(np.float64), self.end.astype(np.float64)
        alpha = np.empty((b, steps, k), dtype=np.float64)
        beta = np.empty((b, steps, k), dtype=np.float64)
        alpha[:, 0] = start + em[:, 0]
        for t in range(1, steps):
            alpha[:, t] = _logsumexp(alpha[:, t - 1, :, None] + trans, axis=1) + em[:, t]
        last = np.asarray(lengths) - 1
        beta[:, steps - 1] = end
        for t in range(steps - 2, -1, -1):
            step = _logsumexp(trans + (em[:, t + 1] + beta[:, t + 1])[:, None, :], axis=2)
            beta[:, t] = np.where((last == t)[:, None], end, step)
        logz = _logsumexp(alpha[np.arange(b), last] + end, axis=1)
        return [
            np.exp(alpha[i, :n] + beta[i, :n] - logz[i]).astype(np.float32)
            for i, n in enumerate(lengths)
        ]

    def tag_ids(self, enc: Encoded) -> list[int]:
        """The best tag ids of one encoded sentence."""
        if len(enc.words) == 0:
            return []
        return self.decode(self.emissions(enc))
