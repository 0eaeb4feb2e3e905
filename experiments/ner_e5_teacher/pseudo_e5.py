"""News sentences tagged by a saved e5 teacher, kept when it is sure (self-training): the
package's recipe (marsad.extract.ner.e5_teacher.pseudo_label_e5 over corpus.raw_lines:
raw text without diacritics, not folded; draw seed 1000; sentences of 6-60 tokens; every
token's most likely tag at least THRESHOLD likely and one entity), the first N kept.
usage: pseudo_e5.py CHECKPOINT OUT.conll [N] [THRESHOLD]
"""

import logging
import sys
import time

from common import teacher_draw

from marsad.extract.ner.e5_teacher import pseudo_label_e5

logging.basicConfig(level=logging.INFO, format="%(message)s")
teacher, lines, out, cfg, t0 = teacher_draw(sys.argv)
kept = pseudo_label_e5(teacher, lines, cfg)
with open(out, "w", encoding="utf-8") as fh:
    for s in kept:
        fh.write("".join(f"{w} {t}\n" for w, t in zip(s.tokens, s.tags, strict=True)) + "\n")
print("kept", len(kept), f"{time.time() - t0:.0f}s", flush=True)
