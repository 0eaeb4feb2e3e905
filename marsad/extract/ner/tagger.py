"""The shipped NER tagger: load once, tag sentences or whole documents.

A model directory holds ``meta.json`` (kind, tag set, ensemble weight, figures),
``lexicon.tsv.gz`` (folded word counts and cluster ids), ``gazetteer.tsv.gz`` (folded names
with types) and ``crf.crfsuite`` (a linear-chain CRF over the features of
:mod:`marsad.extract.ner.features`). A ``crf+bilstm`` model also has ``vocab.json`` and
``network.npz`` (a BiLSTM-CRF run in numpy); the two models' tag posteriors are averaged with
the weight in ``meta.json`` and decoded under BIO constraints.
"""

from __future__ import annotations

import bisect
import json
import logging
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pycrfsuite
from numpy.typing import NDArray

from marsad.errors import ConfigError
from marsad.extract.ner.encode import Encoder
from marsad.extract.ner.features import Lexicon, sentence_features
from marsad.extract.ner.neural import NeuralModel
from marsad.model import Document, EntityMention

__all__ = ["MODEL_DIR", "NerTagger", "to_corpus_tags", "to_marsad_tags"]

logger = logging.getLogger(__name__)

#: The shipped model.
MODEL_DIR = Path(__file__).resolve().parents[2] / "resources" / "models" / "ner"

#: corpus type -> marsad type (the rest pass through)
_TO_MARSAD = {"PERS": "PERSON", "PER": "PERSON", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
_BATCH = 32  # sentences per BiLSTM batch

_TO_CORPUS = {"PERSON": "PERS", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


def to_marsad_tags(tags: Sequence[str]) -> list[str]:
    """Rename corpus types in BIO tags to marsad's (PERS -> PERSON).

    >>> to_marsad_tags(["B-PERS", "O", "I-LOC"])
    ['B-PERSON', 'O', 'I-LOC']
    """
    return [t if t == "O" else t[:2] + _TO_MARSAD.get(t[2:], t[2:]) for t in tags]


def to_corpus_tags(tags: Sequence[str]) -> list[str]:
    """Rename marsad types in BIO tags to ANERcorp's (PERSON -> PERS, GPE -> LOC).

    >>> to_corpus_tags(["B-PERSON", "I-PERSON", "B-GPE"])
    ['B-PERS', 'I-PERS', 'B-LOC']
    """
    return [t if t == "O" else t[:2] + _TO_CORPUS.get(t[2:], t[2:]) for t in tags]


class NerTagger:
    """A CRF (optionally averaged with a BiLSTM-CRF) over clitic-attached Arabic tokens."""

    def __init__(
        self,
        crf: pycrfsuite.Tagger,
        lexicon: Lexicon,
        tags: Sequence[str],
        neural: tuple[NeuralModel, Encoder] | None = None,
        weight: float = 0.5,
    ) -> None:
        if not 0.0 <= weight <= 1.0:
            raise ConfigError(f"ensemble weight must be in [0, 1], got {weight}")
        self.crf = crf
        self.lexicon = lexicon
        self.corpus_tags = tuple(tags)
        self.tags = tuple(to_marsad_tags(tags))
        self.neural = neural
        self.weight = weight
        self._cache: dict[str, dict[str, str]] = {}
        self._allowed = _transition_mask(self.corpus_tags)

    @classmethod
    def load(cls, path: Path | None = None) -> NerTagger:
        """Load a model directory (default: the shipped model).

        Raises:
            ConfigError: the directory or one of its files is missing or malformed.

        Example:
            >>> tagger = NerTagger.load()
            >>> tagger.tag(["زار", "بوتين", "موسكو"])  # doctest: +SKIP
            ['O', 'B-PERSON', 'B-LOC']
        """
        root = MODEL_DIR if path is None else Path(path)
        meta_path = root / "meta.json"
        if not meta_path.is_file():
            raise ConfigError(f"no NER model at {root}: {meta_path.name} is missing")
        started = time.perf_counter()
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        kind = meta.get("kind")
        if kind not in ("crf", "crf+bilstm"):
            raise ConfigError(f"NER model kind {kind!r} in {root} is not crf or crf+bilstm")
        lex = Lexicon.load(root / "lexicon.tsv.gz", root / "gazetteer.tsv.gz")
        crf_path = root / "crf.crfsuite"
        if not crf_path.is_file():
            raise ConfigError(f"NER model {root} lacks {crf_path.name}")
        crf = pycrfsuite.Tagger()
        crf.open(str(crf_path))
        neural = None
        if kind == "crf+bilstm":
            vocab = json.loads((root / "vocab.json").read_text(encoding="utf-8"))
            encoder = Encoder(
                vocab["words"], vocab["prefixes"], vocab["chars"], lex, vocab["task_words"]
            )
            with np.load(root / "network.npz") as arrays:
                model = NeuralModel({k: arrays[k] for k in arrays.files})
            neural = (model, encoder)
        logger.info("loaded NER model %s in %.2fs", root, time.perf_counter() - started)
        return cls(crf, lex, meta["tags"], neural, float(meta.get("weight", 0.5)))

    def tag_ids(self, tokens: Sequence[str]) -> list[int]:
        """Indices into ``self.tags`` of the best tags of one sentence."""
        return self.tag_ids_many([tokens])[0]

    def tag_ids_many(self, sentences: Sequence[Sequence[str]]) -> list[list[int]]:
        """:meth:`tag_ids` of several sentences (the BiLSTM runs them as one batch)."""
        feats = [sentence_features(s, self.lexicon, self._cache) if s else [] for s in sentences]
        if len(self._cache) > 200_000:
            self._cache.clear()
        if self.neural is None:
            index = {t: i for i, t in enumerate(self.corpus_tags)}
            return [[index[t] for t in self.crf.tag(f)] if f else [] for f in feats]
        model, encoder = self.neural
        order = [i for i, s in enumerate(sentences) if s]
        out: list[list[int]] = [[] for _ in sentences]
        for start in range(0, len(order), _BATCH):
            chunk = order[start : start + _BATCH]
            scores = model.emissions_many([encoder.encode(sentences[i]) for i in chunk])
            for i, em in zip(chunk, scores, strict=True):
                self.crf.set(feats[i])
                n = len(sentences[i])
                p_crf = np.array(
                    [[self.crf.marginal(t, j) for t in self.corpus_tags] for j in range(n)],
                    dtype=np.float32,
                )
                mixed = self.weight * model.marginals(em) + (1.0 - self.weight) * p_crf
                out[i] = _constrained_viterbi(np.log(mixed + 1e-9), self._allowed)
        return out

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """:meth:`tag` of several sentences at once (faster for the BiLSTM)."""
        return [_repair([self.tags[i] for i in ids]) for ids in self.tag_ids_many(sentences)]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags (types PERSON, ORG, LOC, MISC) for one sentence's tokens.

        Example:
            >>> NerTagger.load().tag([])
            []
        """
        return _repair([self.tags[i] for i in self.tag_ids(tokens)])

    def tag_document(self, doc: Document) -> tuple[EntityMention, ...]:
        """Entity mentions of a document that has ``sentences`` and ``tokens``.

        A mention starts at the stem of its first token (proclitics excluded) and ends at the
        end of its last token.

        Raises:
            ConfigError: the document has sentences but no tokens.
        """
        if doc.sentences and not doc.tokens:
            raise ConfigError(f"document {doc.id} has no tokens; run the segment stage first")
        starts = [t.start for t in doc.tokens]
        groups = []
        for sentence in doc.sentences:
            lo = bisect.bisect_left(starts, sentence.start)
            hi = bisect.bisect_left(starts, sentence.end)
            if hi > lo:
                groups.append(doc.tokens[lo:hi])
        tagged = self.tag_many([[t.text for t in toks] for toks in groups])
        mentions: list[EntityMention] = []
        for toks, tags in zip(groups, tagged, strict=True):
            for first, last, type_ in _spans(tags):
                start, end = toks[first].stem_start, toks[last - 1].end
                mentions.append(EntityMention(start, end, doc.text[start:end], type_))
        return tuple(mentions)


def _transition_mask(tags: Sequence[str]) -> NDArray[np.float64]:
    """0 where tag j may follow tag i in BIO, a large negative number where it may not."""
    k = len(tags)
    mask = np.zeros((k + 1, k), dtype=np.float64)  # row k: sentence start
    for j, b in enumerate(tags):
        if b.startswith("I-"):
            for i, a in enumerate(tags):
                if a[2:] != b[2:]:
                    mask[i, j] = -1e9
            mask[k, j] = -1e9
    return mask


def _constrained_viterbi(logp: NDArray[np.float32], allowed: NDArray[np.float64]) -> list[int]:
    """Best path through per-token log scores, allowing only well-formed BIO transitions."""
    n, k = logp.shape
    trans = allowed[:k]
    score = logp[0] + allowed[k]
    back = np.zeros((n, k), dtype=np.int64)
    for t in range(1, n):
        cand = score[:, None] + trans
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[t]
    best = int(score.argmax())
    path = [best]
    for t in range(n - 1, 0, -1):
        best = int(back[t, best])
        path.append(best)
    return path[::-1]


def _repair(tags: list[str]) -> list[str]:
    """Turn an ``I-X`` that does not continue an ``X`` into ``B-X`` (well-formed BIO)."""
    prev = "O"
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tags[i] = "B-" + tag[2:]
        prev = tags[i]
    return tags


def _spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for i, tag in enumerate(tags):
        if tag.startswith("B-"):
            spans.append((i, i + 1, tag[2:]))
        elif tag.startswith("I-") and spans and spans[-1][1] == i and spans[-1][2] == tag[2:]:
            spans[-1] = (spans[-1][0], i + 1, tag[2:])
    return spans
