"""Training the context language models of :mod:`marsad.extract.ner.context` (torch).

Each model is one LSTM layer over the tagger's frozen stem vectors and a small proclitic
embedding, trained to predict the next stem (the previous one, for the backward model) of
news sentences, with an adaptive softmax over the most frequent stems. The corpus is the
folded, tokenized text of ``marsad train ner``'s first step, cut into sentences at final
punctuation (at most 80 tokens); every sentence starts from zero states, as at tagging time.
Needs ``torch`` (``pip install torch==2.13.0``).
"""

from __future__ import annotations

import logging
import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch  # type: ignore[import-not-found,unused-ignore]
from numpy.typing import NDArray
from torch import nn  # type: ignore[import-not-found,unused-ignore]

from marsad.extract.ner.config import TrainConfig
from marsad.extract.ner.corpus import corpus_sentences
from marsad.extract.ner.features import Lexicon, split_proclitic

__all__ = ["LmCorpus", "read_lm_corpus", "train_context"]

logger = logging.getLogger(__name__)

_OUT_WORDS = 30_000
_BATCH = 64
_HELD = 2000  # sentences kept out of training to report perplexity
#: rows of the proclitic-chain embedding (the vocabulary has 26 chains; ids past it are unused)
_PREFIX_ROWS = 32


@dataclass(frozen=True, slots=True)
class LmCorpus:
    """The corpus as ids: input word and proclitic ids, output stem ids, sentence lengths."""

    words: NDArray[np.int64]
    prefixes: NDArray[np.int64]
    targets: NDArray[np.int64]  # 0 = end of sentence, 1 = a stem outside the output words
    lengths: NDArray[np.int64]

    @property
    def n_out(self) -> int:
        """Size of the output vocabulary."""
        return int(self.targets.max()) + 1


def read_lm_corpus(
    corpus: Path, lex: Lexicon, words: Sequence[str], prefixes: Sequence[str]
) -> LmCorpus:
    """Read a folded corpus (one paragraph a line) as :class:`LmCorpus`.

    Input ids follow ``words`` and ``prefixes`` (the tagger's vocabularies, so the models
    share its word vectors); output ids are the most frequent stems.
    """
    word_ids = {w: i for i, w in enumerate(words)}
    prefix_ids = {p: i for i, p in enumerate(prefixes)}
    cache: dict[str, tuple[int, int, str]] = {}
    w_ids: list[int] = []
    p_ids: list[int] = []
    stems: list[str] = []
    lengths: list[int] = []
    with corpus.open(encoding="utf-8") as handle:
        for sentence in corpus_sentences(handle):
            for token in sentence:
                hit = cache.get(token)
                if hit is None:
                    prefix, stem = split_proclitic(token, lex.counts)
                    wid = word_ids.get(stem, word_ids.get(token, 1))
                    hit = (wid, prefix_ids.get(prefix, 1), stem)
                    cache[token] = hit
                w_ids.append(hit[0])
                p_ids.append(hit[1])
                stems.append(hit[2])
            lengths.append(len(sentence))
    out = ["</s>", "<unk>"] + [s for s, _ in Counter(stems).most_common(_OUT_WORDS)]
    out_ids = {s: i for i, s in enumerate(out)}
    return LmCorpus(
        np.asarray(w_ids, dtype=np.int64),
        np.asarray(p_ids, dtype=np.int64),
        np.asarray([out_ids.get(s, 1) for s in stems], dtype=np.int64),
        np.asarray(lengths, dtype=np.int64),
    )


class LanguageModel(nn.Module):  # type: ignore[misc,unused-ignore]
    """Frozen word vectors + proclitic embedding -> LSTM -> adaptive softmax."""

    def __init__(self, vectors: NDArray[np.float32], n_prefixes: int, n_out: int, hidden: int):
        super().__init__()
        self.word = nn.Embedding.from_pretrained(torch.from_numpy(vectors), freeze=True)  # type: ignore[no-untyped-call,unused-ignore]
        self.prefix = nn.Embedding(n_prefixes, 8)
        self.lstm = nn.LSTM(vectors.shape[1] + 8, hidden, batch_first=True)
        # frequency bands of the output stems (ids are by frequency); small test corpora get one
        cutoffs = [c for c in (2000, 10000) if c < n_out - 1] or [max(1, n_out // 2)]
        self.head = nn.AdaptiveLogSoftmaxWithLoss(hidden, n_out, cutoffs=cutoffs, div_value=4.0)

    def states(
        self, words: torch.Tensor, prefixes: torch.Tensor, lengths: torch.Tensor
    ) -> torch.Tensor:
        """LSTM states (batch, time, hidden) of padded sentences."""
        x = torch.cat([self.word(words), self.prefix(prefixes)], 2)
        packed = nn.utils.rnn.pack_padded_sequence(
            x, lengths, batch_first=True, enforce_sorted=False
        )
        h, _ = self.lstm(packed)
        out: torch.Tensor = nn.utils.rnn.pad_packed_sequence(
            h, batch_first=True, total_length=words.shape[1]
        )[0]
        return out


def _batch(
    data: LmCorpus, starts: NDArray[np.int64], ids: Sequence[int], backward: bool
) -> tuple[torch.Tensor, ...]:
    n, t = len(ids), int(max(data.lengths[i] for i in ids))
    words = torch.zeros(n, t, dtype=torch.long)
    prefixes = torch.zeros(n, t, dtype=torch.long)
    targets = torch.zeros(n, t, dtype=torch.long)
    mask = torch.zeros(n, t, dtype=torch.bool)
    for j, i in enumerate(ids):
        lo, k = int(starts[i]), int(data.lengths[i])
        w, p, y = data.words[lo : lo + k], data.prefixes[lo : lo + k], data.targets[lo : lo + k]
        if backward:
            w, p, y = w[::-1], p[::-1], y[::-1]
        words[j, :k] = torch.from_numpy(w.copy())
        prefixes[j, :k] = torch.from_numpy(p.copy())
        targets[j, : k - 1] = torch.from_numpy(y[1:].copy())  # the last one predicts the end
        mask[j, :k] = True
    return words, prefixes, targets, mask, mask.sum(1)


def _perplexity(
    model: LanguageModel, data: LmCorpus, starts: NDArray[np.int64], ids: list[int], backward: bool
) -> float:
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for lo in range(0, len(ids), 200):
            words, prefixes, targets, mask, lengths = _batch(
                data, starts, ids[lo : lo + 200], backward
            )
            out = model.head(model.states(words, prefixes, lengths)[mask], targets[mask])
            total += float(out.loss) * int(mask.sum())
            count += int(mask.sum())
    model.train()
    return float(np.exp(total / max(count, 1)))


def train_language_model(
    data: LmCorpus,
    vectors: NDArray[np.float32],
    n_prefixes: int,
    *,
    backward: bool,
    hidden: int,
    tokens: int,
    seed: int,
) -> dict[str, NDArray[np.float32]]:
    """Train one direction on shuffled sentences until ``tokens`` tokens were read.

    Returns:
        ``prefix``, ``wih``, ``whh`` and ``b`` (the two LSTM biases summed).
    """
    torch.manual_seed(seed)
    rnd = random.Random(seed)
    starts = np.concatenate([[0], np.cumsum(data.lengths)[:-1]])
    order = list(range(len(data.lengths)))
    rnd.shuffle(order)
    held, order = order[:_HELD], order[_HELD:]
    batches: list[list[int]] = []
    for lo in range(0, len(order), _BATCH * 50):  # similar lengths within a batch
        group = sorted(order[lo : lo + _BATCH * 50], key=lambda i: int(data.lengths[i]))
        batches += [group[k : k + _BATCH] for k in range(0, len(group), _BATCH)]
    rnd.shuffle(batches)
    model = LanguageModel(vectors, max(_PREFIX_ROWS, n_prefixes), data.n_out, hidden)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=2e-3)
    seen, started = 0, time.time()
    for step, ids in enumerate(batches, 1):
        words, prefixes, targets, mask, lengths = _batch(data, starts, ids, backward)
        loss = model.head(model.states(words, prefixes, lengths)[mask], targets[mask]).loss
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        seen += int(mask.sum())
        if step % 1000 == 0:
            logger.info(
                "%s LM: %d tokens, loss %.3f (%.0f tokens/s)",
                "backward" if backward else "forward", seen, float(loss.detach()),
                seen / (time.time() - started),
            )  # fmt: skip
        if seen >= tokens:
            break
    perplexity = _perplexity(model, data, starts, held, backward)
    logger.info(
        "%s LM: %d tokens read, held-out perplexity %.1f",
        "backward" if backward else "forward", seen, perplexity,
    )  # fmt: skip
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    return {
        "prefix": sd["prefix.weight"],
        "wih": sd["lstm.weight_ih_l0"],
        "whh": sd["lstm.weight_hh_l0"],
        "b": sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"],
    }


def train_context(
    cfg: TrainConfig,
    corpus: Path,
    lex: Lexicon,
    vocab: dict[str, list[str]],
    matrix: NDArray[np.float32],
) -> dict[str, NDArray[np.float32]]:
    """Both language models, as the arrays of ``context.npz`` (``f_*`` and ``b_*``).

    Cached in ``cfg.work`` (the two models take most of an hour on one core).
    """
    cached = cfg.work / f"context{cfg.context_hidden}.npz"
    if cached.is_file():
        with np.load(cached) as arrays:
            return {k: arrays[k] for k in arrays.files}
    torch.set_num_threads(1)
    data = read_lm_corpus(corpus, lex, vocab["words"], vocab["prefixes"])
    logger.info("LM corpus: %d sentences, %d tokens", len(data.lengths), len(data.words))
    out: dict[str, Any] = {}
    for direction in ("f", "b"):
        arrays = train_language_model(
            data, matrix, len(vocab["prefixes"]), backward=direction == "b",
            hidden=cfg.context_hidden, tokens=cfg.context_tokens, seed=cfg.seed,
        )  # fmt: skip
        out.update({f"{direction}_{k}": v.astype(np.float32) for k, v in arrays.items()})
    np.savez(cached, **out)
    return out
