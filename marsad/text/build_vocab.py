"""Build ``resources/text/vocab.tsv.gz``: folded word counts that drive clitic segmentation.

The counts come from the <TEXT> of the ANT multisource corpus v2.1 (Apache-2.0 badge, citation
required: Chouigui, Ben Khiroun & Elayeb, AICCSA 2017). Only counts of folded word forms ship,
never text. Run::

    python -m marsad.text.build_vocab ../shared/data/corpora/ant/antcorpus_multisource_v2.1.tar.xz
"""

from __future__ import annotations

import argparse
import gzip
import re
import tarfile
from collections import Counter
from pathlib import Path

from marsad.text.normalize import normalize

__all__ = ["build_vocab"]

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_WORD = re.compile(r"[\u0621-\u064a]+")
OUT = Path(__file__).resolve().parents[1] / "resources" / "text" / "vocab.tsv.gz"


def build_vocab(archive: Path, out: Path = OUT, min_count: int = 3) -> int:
    """Count folded Arabic words in the archive's texts; write those seen ``min_count`` times."""
    counts: Counter[str] = Counter()
    with tarfile.open(archive) as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".txt"):
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            raw = handle.read().decode("utf-8", errors="replace")
            for m in _TEXT.finditer(raw):
                counts.update(_WORD.findall(normalize(m.group(1), fold=True).text))
    kept = sorted((w, c) for w, c in counts.items() if c >= min_count)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# folded word counts from ANT multisource v2.1 <TEXT>; see build_vocab.py\n")
        for w, c in kept:
            fh.write(f"{w}\t{c}\n")
    return len(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("archive", type=Path)
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args()
    print(build_vocab(args.archive, min_count=args.min_count), "words")


if __name__ == "__main__":
    main()
