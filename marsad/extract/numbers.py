"""Arabic numbers: digits in any script and spelled-out cardinals and ordinals.

Digits arrive as ASCII in the folded view (:mod:`marsad.extract.timex.tokens`); a comma followed
by groups of exactly three digits is a thousands separator ("7,591", "٧٬٥٩١"), any other comma or
dot a decimal mark ("٩,٢٣" is 9.23). Spelled numbers follow the grammar of the written language:
units and tens joined by و ("خمسة وعشرون"), teens as unit + عشر ("ثلاث عشرة"), hundreds
("ثلاثمائة", "ثلاث مئة"), scales with singular, dual and plural forms ("ألف", "ألفان",
"ثلاثة آلاف", "مليون", "ملايين"), ordinals ("الحادي والعشرين", "الثالثة عشرة"). Word lists are
in ``resources/quantity/numbers.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.extract.timex.tokens import PhraseTable, Tok, stems, view_of
from marsad.resources import load_json

__all__ = [
    "NumberMatch",
    "VagueMatch",
    "find_numbers",
    "number_at",
    "parse_digits",
    "vague_number_at",
]


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number over tokens ``[start_tok, end_tok)``; ``prefix`` clitic characters to skip."""

    value: float
    start_tok: int
    end_tok: int
    ordinal: bool = False
    spelled: bool = False
    prefix: int = 0


@dataclass(frozen=True, slots=True)
class VagueMatch:
    """An indefinite count ("عشرات الآلاف") over tokens ``[start_tok, end_tok)``: the
    interval ``[lower, upper)`` it stands for; ``prefix`` clitic characters to skip."""

    lower: float
    upper: float
    start_tok: int
    end_tok: int
    prefix: int = 0


@dataclass(frozen=True, slots=True)
class _Word:
    value: float
    kind: str  # unit, teen, ten, hundred, hundreds, scale, ordinal, fraction
    number: str = "sg"  # sg, du, pl for scales


@dataclass(frozen=True, slots=True)
class _Lexicon:
    words: dict[str, _Word]
    fractions: PhraseTable[float]
    point: frozenset[str]
    minus: frozenset[str]
    ten_suffix: frozenset[str]
    compound_only: frozenset[str]
    vague_heads: dict[str, float]
    few: frozenset[str]
    few_range: tuple[float, float]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    from marsad.text.normalize import match_key

    data = load_json("quantity", "numbers.json")
    words: dict[str, _Word] = {}

    def add(forms: list[str], w: _Word) -> None:
        for f in forms:
            words.setdefault(match_key(f), w)

    for kind in ("units", "teens", "tens", "hundreds"):
        for value, forms in data[kind].items():
            add(forms, _Word(float(value), kind.rstrip("s") if kind != "hundreds" else "hundred"))
    for value, forms in data["ordinals"].items():
        add(forms, _Word(float(value), "ordinal"))
    add(data["hundred_plural"], _Word(100.0, "hundreds"))
    for value, numbers in data["scales"].items():
        for number, forms in numbers.items():
            add(forms, _Word(float(value), "scale", number))
    fractions = PhraseTable((f, float(v)) for v, forms in data["fractions"].items() for f in forms)
    return _Lexicon(
        words=words,
        fractions=fractions,
        point=frozenset(match_key(w) for w in data["point"]),
        minus=frozenset(match_key(w) for w in data["minus"]),
        ten_suffix=frozenset(match_key(w) for w in data["ten_suffix"]),
        compound_only=frozenset(match_key(w) for w in data["ordinal_only_with_compound"]),
        vague_heads={
            match_key(f): float(v) for v, forms in data["vague"]["heads"].items() for f in forms
        },
        few=frozenset(match_key(w) for w in data["vague"]["few"]),
        few_range=(float(data["vague"]["few_range"][0]), float(data["vague"]["few_range"][1])),
    )


def parse_digits(text: str) -> float | None:
    """The value of an ASCII digit string with separators.

    >>> parse_digits("7,591"), parse_digits("9,2321312"), parse_digits("1.10")
    (7591.0, 9.2321312, 1.1)
    """
    if text.startswith(".") and text[1:].isdigit():
        return float("0" + text)
    if not text or not text[0].isdigit():
        return None
    if "," in text:
        head, *groups = text.split(",")
        if all(len(g) == 3 and g.isdigit() for g in groups) and "." not in text:
            return float(head + "".join(groups))
        if "." in text:  # 1,234.5
            return float(text.replace(",", ""))
        if len(groups) == 1:
            return float(f"{head}.{groups[0]}")
        return None
    if text.count(".") > 1:
        return None
    return float(text)


def _lookup(word: str, *, first: bool) -> tuple[_Word, int, bool] | None:
    """``(word, prefix_length, had_article)`` for a folded token, trying clitic readings."""
    lex = _lexicon().words
    for plen, stem in stems(word):
        if not first and plen == 0 and stem not in lex and not stem.startswith("ال"):
            pass
        w = lex.get(stem)
        if w is not None:
            return w, plen, False
        if stem.startswith("ال") and len(stem) > 3:
            w = lex.get(stem[2:])
            if w is not None and w.kind != "scale":
                return w, plen, True
    return None


def number_at(toks: tuple[Tok, ...], i: int, text: str = "") -> NumberMatch | None:
    """The number starting at token ``i``, or ``None``.

    Args:
        toks: tokens of a folded text.
        i: index of the first token.
        text: the folded text (used to check that "-1.2" has no space after the minus).

    Returns:
        The longest number reading at ``i``.
    """
    if i >= len(toks):
        return None
    t = toks[i]
    if t.kind == "num":
        return _digits_at(toks, i)
    if t.kind == "sym" and t.text in "-+" and i + 1 < len(toks) and toks[i + 1].kind == "num":
        if toks[i + 1].start == t.end and (i == 0 or toks[i - 1].end < t.start):
            m = _digits_at(toks, i + 1)
            if m is not None:
                sign = -1.0 if t.text == "-" else 1.0
                return NumberMatch(sign * m.value, i, m.end_tok)
        return None
    if t.kind == "word":
        lex = _lexicon()
        if t.text in lex.minus:
            m = _words_at(toks, i + 1)
            if m is not None and not m.ordinal:
                return NumberMatch(-m.value, i, m.end_tok, spelled=True)
        return _words_at(toks, i)
    return None


def _scale_after(toks: tuple[Tok, ...], j: int) -> tuple[float, int] | None:
    if j < len(toks) and toks[j].kind == "word":
        hit = _lookup(toks[j].text, first=False)
        if hit is not None and hit[1] == 0 and not hit[2]:
            w = hit[0]
            if w.kind == "scale" and w.number in ("sg", "pl"):
                return w.value, j + 1
            if w.kind == "hundreds":
                return 100.0, j + 1
    return None


def _digits_at(toks: tuple[Tok, ...], i: int) -> NumberMatch | None:
    value = parse_digits(toks[i].text)
    if value is None:
        return None
    j = i + 1
    lex = _lexicon()
    # "1 فاصلة 1"
    if j + 1 < len(toks) and toks[j].text in lex.point and toks[j + 1].kind == "num":
        value = float(f"{toks[i].text}.{toks[j + 1].text}")
        j += 2
    scaled = _scale_after(toks, j)
    if scaled is not None:
        value *= scaled[0]
        j = scaled[1]
    return NumberMatch(value, i, j)


def _magnitude(w: _Word) -> float:
    return w.value if w.kind in ("scale", "hundred", "hundreds") else 100.0


def _words_at(toks: tuple[Tok, ...], i: int) -> NumberMatch | None:
    lex = _lexicon()
    total = current = 0.0
    ordinal = article_first = False
    last: _Word | None = None
    j = i
    first_prefix = 0
    parts = 0
    while j < len(toks) and toks[j].kind == "word":
        k, conj = j, False
        if j > i and toks[j].text == "و" and j + 1 < len(toks):  # "و عشرون" written apart
            k, conj = j + 1, True
        tok = toks[k]
        if last is not None and not conj and tok.text in lex.ten_suffix:
            if last.kind in ("unit", "ordinal") and 1 <= last.value < 10:
                current += 10.0
                last = _Word(current, "teen")
                parts += 1
                j = k + 1
                continue
            break
        hit = _lookup(tok.text, first=j == i)
        if hit is None:
            break
        w, plen, article = hit
        if j == i:
            first_prefix = plen if tok.text[0] in "وف" and plen else 0
            article_first = article
            if w.kind == "scale" and w.number == "pl":
                break
        elif plen:
            if not (plen == 1 and tok.text[0] == "و") or conj:
                break
            conj = True
        if last is not None:
            if conj:
                ok = (
                    (
                        last.kind in ("unit", "ordinal", "teen")
                        and w.kind == "ten"
                        and last.value % 10 != 0
                    )
                    or (
                        last.kind in ("hundred", "hundreds")
                        and w.kind in ("unit", "teen", "ten", "ordinal")
                    )
                    or (last.kind == "scale" and w.kind != "scale" and w.value < last.value)
                )
            else:
                ok = (
                    (w.kind in ("hundred", "hundreds") and w.value == 100 and last.kind == "unit")
                    or (w.kind == "scale" and last.kind != "scale")
                    or (
                        last.kind in ("hundred", "scale")
                        and w.kind in ("unit", "teen", "ten")
                        and w.value < _magnitude(last)
                    )
                )
            if not ok:
                break
            if w.kind in ("hundred", "hundreds") and not conj and last.kind == "unit":
                current = current - last.value + last.value * 100
                last, j, parts = _Word(100.0, "hundred"), k + 1, parts + 1
                continue
        if w.kind == "scale":
            if w.number == "du":
                if current:
                    break
                total += 2 * w.value
            elif w.number == "pl" and not current:
                break
            else:
                total += (current or 1.0) * w.value
            current = 0.0
            last, j, parts = w, k + 1, parts + 1
            if j < len(toks) and toks[j].text.startswith("و") and w.number != "pl":
                half = lex.fractions.match(toks, j)
                if half is not None and half[2] == 1:
                    total += half[0] * w.value
                    j = half[1]
            continue
        if w.kind == "ordinal":
            ordinal = True
        current += w.value
        last, j, parts = w, k + 1, parts + 1
    if last is None:
        frac = lex.fractions.match(toks, i)
        if frac is not None:
            return NumberMatch(frac[0], i, frac[1], spelled=True, prefix=frac[2])
        return None
    if parts == 1 and toks[i].text in lex.compound_only:
        return None
    if article_first and (parts > 1 or (last.kind in ("ten", "hundred"))):
        ordinal = True
    value = total + current
    # "واحد فاصلة واحد"
    if j + 1 < len(toks) and toks[j].text in lex.point:
        after = number_at(toks, j + 1)
        if after is not None and not after.ordinal and after.value.is_integer():
            value = float(f"{int(value)}.{int(after.value)}")
            j = after.end_tok
    return NumberMatch(value, i, j, ordinal=ordinal, spelled=True, prefix=first_prefix)


def _vague_head(word: str, *, clitics: bool) -> tuple[float, int] | None:
    """``(scale, prefix_length)`` of an indefinite plural ("عشرات", "بالملايين")."""
    heads = _lexicon().vague_heads
    for plen, stem in stems(word) if clitics else iter(((0, word),)):
        for s in (stem, stem[2:] if stem.startswith("ال") else ""):
            if s in heads:
                return heads[s], plen
    return None


def vague_number_at(toks: tuple[Tok, ...], i: int) -> VagueMatch | None:
    """The indefinite count starting at token ``i``, or ``None``.

    "عشرات" is [10, 100); "عشرات الآلاف" multiplies it by the plural scale after it,
    [1e4, 1e5); "بضعة ملايين" is a few (3 to 9) times the head, [3e6, 1e7). A scale that a
    cardinal governs ("ثلاثة آلاف") is :func:`number_at`'s.

    Args:
        toks: tokens of a folded text.
        i: index of the first token.

    Returns:
        The interval and its tokens; ``None`` when no indefinite count starts at ``i``.

    Example:
        >>> m = vague_number_at(view_of("بعشرات المليارات").toks, 0)
        >>> (m.lower, m.upper, m.end_tok, m.prefix)
        (10000000000.0, 100000000000.0, 2, 1)
    """
    if i >= len(toks) or toks[i].kind != "word":
        return None
    lex = _lexicon()
    low, high = 1.0, 10.0
    j, prefix = i, 0
    for plen, stem in stems(toks[i].text):
        if stem in lex.few and i + 1 < len(toks):
            low, high = lex.few_range
            j, prefix = i + 1, plen
            break
    head = _vague_head(toks[j].text, clitics=j == i) if j < len(toks) else None
    if head is None:
        return None
    if j == i:
        prefix = head[1]
    scale = head[0]
    low, high = low * scale, high * scale
    j += 1
    # "عشرات الآلاف", "مئات الملايين": a plural scale with the article multiplies.
    if j < len(toks) and toks[j].text.startswith("ال") and scale < 1000:
        more = _vague_head(toks[j].text, clitics=False)
        if more is not None and more[0] >= 1000:
            low, high = low * more[0], high * more[0]
            j += 1
    return VagueMatch(low, high, i, j, prefix)


def find_numbers(text: str) -> list[tuple[int, int, float, bool]]:
    """Every number in ``text`` as ``(start, end, value, is_ordinal)`` over the input.

    >>> find_numbers("دفع ثلاثة آلاف و٧٬٥٩١")
    [(4, 14, 3000.0, False), (16, 21, 7591.0, False)]
    """
    view = view_of(text)
    out: list[tuple[int, int, float, bool]] = []
    i = 0
    while i < len(view.toks):
        m = number_at(view.toks, i, view.text)
        if m is None:
            i += 1
            continue
        start = view.toks[m.start_tok].start + m.prefix
        s, e = view.source_span(start, view.toks[m.end_tok - 1].end)
        out.append((s, e, m.value, m.ordinal))
        i = m.end_tok
    return out
