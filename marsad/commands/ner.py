"""``marsad ner --conll FILE``: tag a CoNLL-style token file with the shipped NER model.

Input: one token per line (anything after the token is ignored), a blank line between
sentences. Output: ``token TAG`` lines in BIO with ANERcorp's type names (PERS, LOC, ORG, MISC).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the ``ner`` subcommand to the CLI's subparsers."""
    parser = sub.add_parser("ner", help="tag a CoNLL token file with named entities")
    parser.add_argument("--conll", type=Path, required=True, help="token file ('-' for stdin)")
    parser.add_argument("--model", type=Path, default=None, help="model directory (shipped)")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from marsad.errors import ConfigError
    from marsad.extract.ner import NerTagger, to_corpus_tags

    try:
        text = sys.stdin.read() if str(args.conll) == "-" else args.conll.read_text("utf-8")
        tagger = NerTagger.load(args.model)
    except (ConfigError, OSError) as err:
        print(f"marsad ner: {err}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as err:
        print(f"marsad ner: {args.conll} is not UTF-8 text ({err.reason} at byte {err.start})",
              file=sys.stderr)  # fmt: skip
        return 2
    sentences: list[list[str]] = [[]]
    for line in text.splitlines():
        fields = line.split()
        if fields:
            sentences[-1].append(fields[0])
        elif sentences[-1]:
            sentences.append([])
    sentences = [s for s in sentences if s]
    out = sys.stdout
    for tokens, tags in zip(sentences, tagger.tag_many(sentences), strict=True):
        for token, tag in zip(tokens, to_corpus_tags(tags), strict=True):
            out.write(f"{token} {tag}\n")
        out.write("\n")
    return 0
