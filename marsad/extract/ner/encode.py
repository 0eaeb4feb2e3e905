"""Turn a sentence into the integer and binary inputs of the neural tagger.

Training (torch) and tagging (numpy) share this code, so both see identical inputs: the id of the
folded stem in the pretrained vocabulary, the id of its proclitic chain, the character ids of the
folded token, and a small binary vector (shape, article, gazetteer types and matches).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from marsad.extract.ner.features import Lexicon, _gazetteer_tags, _shape, fold, split_proclitic

__all__ = ["N_FLAGS", "Encoded", "Encoder"]

PAD, UNK = 0, 1
MAX_CHARS = 20
_SHAPES = ("P", "D", "DX", "L", "A", "X")
_GAZ = "PLON"
#: shapes + article + token gazetteer types + gazetteer match B/I x P/L/O + unseen + frequency
N_FLAGS = len(_SHAPES) + 1 + len(_GAZ) + 6 + 2


@dataclass(frozen=True, slots=True)
class Encoded:
    """The inputs of one sentence of ``n`` tokens."""

    words: NDArray[np.int64]  # (n,)
    task: NDArray[np.int64]  # (n,) ids in the trainable vocabulary of training-set stems
    prefixes: NDArray[np.int64]  # (n,)
    chars: NDArray[np.int64]  # (n, MAX_CHARS + 2), padded with 0
    flags: NDArray[np.float32]  # (n, N_FLAGS)
    #: (n, dim) language-model states (:mod:`marsad.extract.ner.context`), when the model has them
    context: NDArray[np.float32] | None = None


class Encoder:
    """Maps tokens to ids with fixed vocabularies (words, proclitic chains, characters)."""

    def __init__(
        self,
        words: Sequence[str],
        prefixes: Sequence[str],
        chars: Sequence[str],
        lex: Lexicon,
        task_words: Sequence[str] = ("<pad>", "<unk>"),
    ) -> None:
        self.task_list = list(task_words)
        self.task_ids = {w: i for i, w in enumerate(self.task_list)}
        self.word_list = list(words)
        self.prefix_list = list(prefixes)
        self.char_list = list(chars)
        self.word_ids = {w: i for i, w in enumerate(self.word_list)}
        self.prefix_ids = {p: i for i, p in enumerate(self.prefix_list)}
        self.char_ids = {c: i for i, c in enumerate(self.char_list)}
        self.lex = lex
        self._cache: dict[str, tuple[int, int, int, list[int], list[float], str]] = {}

    @classmethod
    def from_vocab(cls, vocab: Mapping[str, Sequence[str]], lex: Lexicon) -> Encoder:
        """The encoder of a model's ``vocab.json`` (``words``, ``prefixes``, ``chars``,
        ``task_words``)."""
        return cls(vocab["words"], vocab["prefixes"], vocab["chars"], lex, vocab["task_words"])

    def _token(self, token: str) -> tuple[int, int, int, list[int], list[float], str]:
        folded = fold(token)
        prefix, stem = split_proclitic(folded, self.lex.counts)
        wid = self.word_ids.get(stem, self.word_ids.get(folded, UNK))
        tid = self.task_ids.get(stem, UNK)
        pid = self.prefix_ids.get(prefix, UNK)
        cids = [self.char_ids.get(c, UNK) for c in folded[:MAX_CHARS]]
        flags = [0.0] * N_FLAGS
        shape = _shape(token)
        flags[_SHAPES.index(shape)] = 1.0
        base = len(_SHAPES)
        bare = stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem
        if bare is not stem:
            flags[base] = 1.0
        types = self.lex.name_tokens.get(stem, "") or self.lex.name_tokens.get(bare, "")
        for t in types:
            flags[base + 1 + _GAZ.index(t)] = 1.0
        count = self.lex.counts.get(stem, 0)
        flags[base + 1 + len(_GAZ) + 6] = 1.0 if count == 0 else 0.0
        flags[base + 1 + len(_GAZ) + 7] = min(len(str(count)), 7) / 7.0
        return wid, tid, pid, cids, flags, stem

    def encode(self, tokens: Sequence[str]) -> Encoded:
        """Encode one sentence.

        Example:
            >>> # Encoder(words, prefixes, chars, lex).encode(["زار", "موسكو"]).words.shape
            >>> # (2,)
        """
        n = len(tokens)
        words = np.zeros(n, dtype=np.int64)
        task = np.zeros(n, dtype=np.int64)
        prefixes = np.zeros(n, dtype=np.int64)
        chars = np.zeros((n, MAX_CHARS + 2), dtype=np.int64)
        flags = np.zeros((n, N_FLAGS), dtype=np.float32)
        stems: list[str] = []
        for i, tok in enumerate(tokens):
            hit = self._cache.get(tok)
            if hit is None:
                hit = self._token(tok)
                if len(self._cache) < 500_000:
                    self._cache[tok] = hit
            wid, tid, pid, cids, fl, stem = hit
            words[i] = wid
            task[i] = tid
            prefixes[i] = pid
            chars[i, 1 : 1 + len(cids)] = cids
            flags[i] = fl
            stems.append(stem)
        base = len(_SHAPES) + 1 + len(_GAZ)
        for i, tag in enumerate(_gazetteer_tags(stems, self.lex)):
            if not tag:
                continue
            offset = 0 if tag[0] == "B" else 3
            for t in tag[1:]:
                if t in "PLO":
                    flags[i, base + offset + "PLO".index(t)] = 1.0
        return Encoded(words, task, prefixes, chars, flags)
