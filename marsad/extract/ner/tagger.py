"""The shipped NER tagger: load once, tag sentences or whole documents.

A model directory holds ``meta.json`` (kind, tag set, ensemble weight, figures, and the
optional ``stack`` and ``consistency`` steps),
``lexicon.tsv.gz`` (folded word counts and cluster ids), ``gazetteer.tsv.gz`` (folded names
with types) and ``crf.crfsuite`` (a linear-chain CRF over the features of
:mod:`marsad.extract.ner.features`). A ``crf+bilstm`` model also has ``vocab.json`` and
``network.npz`` (a BiLSTM-CRF run in numpy; more networks, one per training seed, in
``network.2.npz``... share its word vectors); the models' tag posteriors are averaged with
the weight in ``meta.json`` and decoded under BIO constraints. A model with ``crf2.crfsuite``
re-scores the first CRF's output with document-level features
(:mod:`marsad.extract.ner.stacking`) and, when ``stack`` names a ``network`` file, the tags of
that network (not one of the averaged ones); a ``consistency`` step pulls each word's tags
towards those of its other occurrences nearby (:mod:`marsad.extract.ner.consistency`). A model
whose ``meta.json`` names a ``context`` file (``context.npz``) has networks that also read the
states of two word-level language models (:mod:`marsad.extract.ner.context`).
"""

from __future__ import annotations

import bisect
import json
import logging
import time
import zipfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite
from numpy.typing import NDArray

from marsad.errors import ConfigError
from marsad.extract.ner.consistency import Consistency, smooth_posteriors
from marsad.extract.ner.context import ContextModel
from marsad.extract.ner.encode import Encoder
from marsad.extract.ner.features import Lexicon, fold, sentence_features, split_proclitic
from marsad.extract.ner.neural import NeuralModel
from marsad.extract.ner.stacking import doc_features
from marsad.model import Document, EntityMention

__all__ = ["MODEL_DIR", "NerTagger", "best_tags", "to_corpus_tags", "to_marsad_tags"]

logger = logging.getLogger(__name__)

#: The shipped model.
MODEL_DIR = Path(__file__).resolve().parents[2] / "resources" / "models" / "ner"

#: corpus type -> marsad type (the rest pass through)
_TO_MARSAD = {"PERS": "PERSON", "PER": "PERSON", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
_BATCH = 32  # sentences per BiLSTM batch
# sentences tagged at once: a block's CRF features take about 5 kB a token (a 2.4M-token article
# in one block peaked at 11.7 GB)
_BLOCK = 2000
Array = NDArray[np.float32]

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
        neural: tuple[NeuralModel | Sequence[NeuralModel], Encoder] | None = None,
        weight: float = 0.5,
        consistency: Consistency | None = None,
        stack: tuple[pycrfsuite.Tagger, int] | None = None,
        context: ContextModel | None = None,
        stack_network: NeuralModel | None = None,
    ) -> None:
        if not 0.0 <= weight <= 1.0:
            raise ConfigError(f"ensemble weight must be in [0, 1], got {weight}")
        self.crf = crf
        self.lexicon = lexicon
        self.corpus_tags = tuple(tags)
        self.tags = tuple(to_marsad_tags(tags))
        self.networks: tuple[NeuralModel, ...] = ()
        self.encoder: Encoder | None = None
        if neural is not None:
            nets, self.encoder = neural
            self.networks = (nets,) if isinstance(nets, NeuralModel) else tuple(nets)
        self.weight = weight
        self.consistency = consistency
        #: a second-pass CRF over document-level features, and its window in sentences
        self.stack = stack
        #: language models whose states the networks read next to their other inputs
        self.context = context
        #: a network (not one of the ensemble's) whose tags the second-pass CRF reads
        self.stack_network = stack_network
        if stack_network is not None and (stack is None or self.encoder is None):
            raise ConfigError("a reading network needs a second-pass CRF and an encoder")
        self._cache: dict[str, dict[str, str]] = {}
        self._stems: dict[str, str] = {}
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
        context = None
        reader = None
        if kind == "crf+bilstm":
            vocab = json.loads((root / "vocab.json").read_text(encoding="utf-8"))
            encoder = Encoder.from_vocab(vocab, lex)
            names = list(meta.get("networks", ["network.npz"]))
            reading = (meta.get("stack") or {}).get("network")
            nets = _load_networks(root, [*names, reading] if reading else names)
            reader = nets.pop() if reading else None
            neural = (nets, encoder)
            if meta.get("context"):
                context = _load_context(root / meta["context"], nets[0].word)
        consistency = None
        if meta.get("consistency"):
            consistency = Consistency(**meta["consistency"])
        stack = None
        if meta.get("stack"):
            crf2_path = root / "crf2.crfsuite"
            if not crf2_path.is_file():
                raise ConfigError(f"NER model {root} lacks {crf2_path.name}")
            crf2 = pycrfsuite.Tagger()
            crf2.open(str(crf2_path))
            stack = (crf2, int(meta["stack"]["window"]))
            if meta["stack"].get("network") and neural is None:
                raise ConfigError(f"NER model {root}: a reading network needs kind crf+bilstm")
        logger.info("loaded NER model %s in %.2fs", root, time.perf_counter() - started)
        weight = float(meta.get("weight", 0.5))
        return cls(crf, lex, meta["tags"], neural, weight, consistency, stack, context, reader)

    def tag_ids(self, tokens: Sequence[str]) -> list[int]:
        """Indices into ``self.tags`` of the best tags of one sentence."""
        return self.tag_ids_many([tokens])[0]

    def tag_ids_many(self, sentences: Sequence[Sequence[str]]) -> list[list[int]]:
        """:meth:`tag_ids` of several sentences (the BiLSTM runs them as one batch).

        The sentences are taken as consecutive sentences of one or more documents: when the
        model has a :class:`Consistency` step, a word's tags are pulled towards the tags of
        its other occurrences in the neighbouring sentences. A long run is tagged in blocks of
        ``_BLOCK`` sentences, each with the neighbours the document-level steps read on either
        side (their windows added up), so memory stays bounded and the tags are the same.
        """
        margin = (self.stack[1] if self.stack is not None else 0) + (
            self.consistency.window if self.consistency is not None else 0
        )
        if len(sentences) <= _BLOCK + 2 * margin:
            return self._tag_ids_block(sentences)
        out: list[list[int]] = []
        for lo in range(0, len(sentences), _BLOCK):
            first = max(0, lo - margin)
            block = self._tag_ids_block(sentences[first : lo + _BLOCK + margin])
            out.extend(block[lo - first : lo - first + _BLOCK])
        return out

    def _tag_ids_block(self, sentences: Sequence[Sequence[str]]) -> list[list[int]]:
        posteriors = self.posteriors_many(sentences)
        if self.consistency is not None:
            keys = [[self._stem(t) for t in s] for s in sentences]
            posteriors = smooth_posteriors(posteriors, keys, self.corpus_tags, self.consistency)
        return [
            _constrained_viterbi(np.log(p + 1e-9), self._allowed) if len(p) else []
            for p in posteriors
        ]

    def posteriors_many(self, sentences: Sequence[Sequence[str]]) -> list[Array]:
        """Per-token tag probabilities (tokens, tags) of each sentence, before decoding.

        The CRF's marginals (the second-pass CRF's when the model has one: it also sees what
        the first pass said about the same words in the neighbouring sentences, and what the
        reading network said about each token when the model has one), averaged with the mean
        of the networks' marginals at the model's weight.
        """
        feats = [sentence_features(s, self.lexicon, self._cache) if s else [] for s in sentences]
        if len(self._cache) > 200_000:
            self._cache.clear()
        out = [self._marginals(self.crf, f) for f in feats]
        networks, read = self._network_marginals(sentences)
        if self.stack is not None:
            crf2, window = self.stack
            keys = [[self._stem(t) for t in s] for s in sentences]
            docs = doc_features(out, keys, self.corpus_tags, window=window, network=read)
            out = [
                self._marginals(crf2, [a + b for a, b in zip(f, d, strict=True)])
                for f, d in zip(feats, docs, strict=True)
            ]
        if networks is None:
            return out
        return [
            (1.0 - self.weight) * c + self.weight * n for c, n in zip(out, networks, strict=True)
        ]

    def _network_marginals(
        self, sentences: Sequence[Sequence[str]]
    ) -> tuple[list[Array] | None, list[Array] | None]:
        """The mean marginals of the ensemble's networks and the reading network's marginals
        per sentence (``None`` for a model without them); each sentence is encoded once."""
        if self.encoder is None or not (self.networks or self.stack_network is not None):
            return None, None
        empty = np.zeros((0, len(self.corpus_tags)), np.float32)
        mean = [empty] * len(sentences) if self.networks else None
        read = [empty] * len(sentences) if self.stack_network is not None else None
        # similar lengths share a batch: the LSTMs step to the longest sentence of each
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        for start in range(0, len(order), _BATCH):
            chunk = order[start : start + _BATCH]
            encoded = [self.encoder.encode(sentences[i]) for i in chunk]
            if self.context is not None:
                encoded = self.context.attach(encoded)
            if read is not None and self.stack_network is not None:
                net = self.stack_network
                posts = net.marginals_many(net.emissions_many(encoded))
                for i, post in zip(chunk, posts, strict=True):
                    read[i] = post
            if mean is not None:
                mixed = [
                    np.zeros((len(sentences[i]), len(self.corpus_tags)), np.float32) for i in chunk
                ]
                for model in self.networks:
                    posts = model.marginals_many(model.emissions_many(encoded))
                    for m, post in zip(mixed, posts, strict=True):
                        m += post / len(self.networks)
                for i, m in zip(chunk, mixed, strict=True):
                    mean[i] = m
        return mean, read

    def _marginals(self, crf: pycrfsuite.Tagger, feats: list[list[str]]) -> Array:
        """The CRF's marginals; a tag the CRF never saw in training gets probability 0."""
        out = np.zeros((len(feats), len(self.corpus_tags)), np.float32)
        if not feats:
            return out
        known = set(crf.labels())
        crf.set(feats)
        for k, tag in enumerate(self.corpus_tags):
            if tag in known:
                out[:, k] = [crf.marginal(tag, j) for j in range(len(feats))]
        return out

    def _stem(self, token: str) -> str:
        stem = self._stems.get(token)
        if stem is None:
            if len(self._stems) > 200_000:
                self._stems.clear()
            stem = self._stems[token] = split_proclitic(fold(token), self.lexicon.counts)[1]
        return stem

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


def _load_networks(root: Path, names: Sequence[str]) -> list[NeuralModel]:
    """The ensemble's networks; the first file holds the (frozen, shared) word vectors."""
    models: list[NeuralModel] = []
    shared: dict[str, NDArray[np.float32]] = {}
    for name in names:
        weights = _read_arrays(root / name)
        if not shared:
            shared = {k: weights[k] for k in ("word_q", "word_scale", "word") if k in weights}
        model = NeuralModel({**shared, **weights})
        if models:
            model.word = models[0].word  # one copy of the shared vectors in memory
        models.append(model)
    return models


def _read_arrays(path: Path) -> dict[str, NDArray[Any]]:
    """The arrays of one ``.npz`` file of a model directory (no pickled objects).

    Raises:
        ConfigError: the file is missing or is not a readable ``.npz`` archive.
    """
    if not path.is_file():
        raise ConfigError(f"NER model {path.parent} lacks {path.name}")
    try:
        with np.load(path, allow_pickle=False) as arrays:
            return {k: arrays[k] for k in arrays.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as err:
        raise ConfigError(f"NER model file {path} is not a readable .npz archive: {err}") from err


def _load_context(path: Path, word: NDArray[np.float32]) -> ContextModel:
    return ContextModel(_read_arrays(path), word)


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


@lru_cache(maxsize=8)
def _mask_of(tags: tuple[str, ...]) -> NDArray[np.float64]:
    return _transition_mask(tags)


def best_tags(posteriors: NDArray[np.float32], tags: Sequence[str]) -> list[str]:
    """The BIO-constrained best path through one sentence's (tokens, tags) probabilities.

    >>> best_tags(np.array([[0.2, 0.1, 0.7], [0.1, 0.5, 0.4]]), ("O", "B-PERS", "I-PERS"))
    ['O', 'B-PERS']
    """
    order = tuple(tags)
    return [order[i] for i in _constrained_viterbi(np.log(posteriors + 1e-9), _mask_of(order))]


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
