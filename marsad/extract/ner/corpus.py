"""Unlabeled text and name lists for the NER model's resources (training time only).

Reads the shared corpora (SaudiNewsNet daily JSON zips, the ANT multisource tar.xz), tokenizes
them the way ANERcorp is tokenized (words with clitics attached, punctuation apart), folds them,
and counts words; reads the ANETAC and Wikidata name lists into folded gazetteer entries.
Nothing here ships text: only counts, vectors and name lists derived from it.
"""

from __future__ import annotations

import json
import logging
import re
import tarfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from marsad.errors import ConfigError
from marsad.extract.ner.features import FEATURES_FILE, fold

if TYPE_CHECKING:
    from marsad.eval.conll import ConllSentence

__all__ = [
    "corpus_sentences",
    "count_words",
    "raw_lines",
    "read_anetac",
    "read_wikiann_names",
    "read_wikiann_org_sentences",
    "read_wikidata_tokens",
    "write_folded_corpus",
]

logger = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+|[^\w\s]")
_TAG = re.compile(r"<[^>]+>")
_ARABIC = re.compile("[\u0621-\u064a]")
_WORD = re.compile(r"\w")
_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")
_TRAILING_PUNCT = re.compile(r"^(.*?\w)([^\w]+)$")
_ANETAC_TYPES = {"PERSON": "P", "LOCATION": "L", "ORGANIZATION": "O"}


@lru_cache(maxsize=1)
def _drop_table() -> dict[int, None]:
    return dict.fromkeys(map(ord, json.loads(FEATURES_FILE.read_text("utf-8"))["drop"]))


def _tokens(line: str) -> list[str]:
    """A corpus line's tokens, cut as ANERcorp is (``_TOKEN``) once its diacritics are gone:
    ``\\w`` does not match tanween or shadda, so "نظرًا" would otherwise be three tokens.

    >>> _tokens("نظرًا لأنّ الرئيس قال:")
    ['نظرا', 'لأن', 'الرئيس', 'قال', ':']
    """
    return _TOKEN.findall(line.translate(_drop_table()))


def _lines(text: str) -> Iterator[str]:
    """The folded lines of 3+ tokens of a text (the corpus of the word vectors, counts and
    context models).

    >>> list(_lines("جدًّا\\nقال إنّ الوفد وصل"))
    ['قال ان الوفد وصل']
    """
    for line in text.split("\n"):
        tokens = _tokens(line)
        if len(tokens) > 2:
            yield fold(" ".join(tokens))


def _texts(corpora: Path) -> Iterator[str]:
    zips = sorted((corpora / "saudinewsnet").rglob("*.zip"))
    for path in zips:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                for article in json.loads(archive.read(name)):
                    yield article.get("title") or ""
                    yield article.get("content") or ""
    for path in sorted((corpora / "ant").glob("*multisource*.tar.xz")):
        with tarfile.open(path) as archive:
            for member in archive:
                handle = archive.extractfile(member) if member.isfile() else None
                if handle is not None and member.name.endswith(".txt"):
                    yield _TAG.sub("\n", handle.read().decode("utf-8", "replace"))
    if not zips:
        raise ConfigError(f"no SaudiNewsNet zips under {corpora / 'saudinewsnet'}")


def write_folded_corpus(corpora: Path, out: Path) -> int:
    """Write the corpora as folded, tokenized lines (one paragraph a line) to ``out``.

    Returns:
        The number of tokens written.

    Raises:
        ConfigError: the corpora folder has no SaudiNewsNet zips.
    """
    total = 0
    with out.open("w", encoding="utf-8") as handle:
        for text in _texts(corpora):
            for line in _lines(text):
                handle.write(line + "\n")
                total += line.count(" ") + 1
    logger.info("wrote %d tokens to %s", total, out)
    return total


def raw_lines(texts: Iterable[str]) -> list[str]:
    """The corpus as the teacher reads it: each line of 3+ tokens, without its diacritics (so
    tanween does not cut a word: ``\\w`` does not match it), tokenized as ANERcorp is
    (``_TOKEN``) but not folded, tokens joined by spaces.

    >>> raw_lines(["نظرًا لأنّ الرئيس قال:\\nنعم"])
    ['نظرا لأن الرئيس قال :']
    """
    lines: list[str] = []
    for text in texts:
        for line in text.split("\n"):
            tokens = _tokens(line)
            if len(tokens) > 2:
                lines.append(" ".join(tokens))
    return lines


_FINAL = frozenset({".", "؟", "!", "?"})
_MAX_TOKENS = 80


def corpus_sentences(lines: Iterable[str]) -> Iterator[list[str]]:
    """Sentences of 4+ tokens of a folded corpus: cut after final punctuation and at 80 tokens.

    >>> list(corpus_sentences(["قال الوزير انه سيزور موسكو . ثم عاد الي بلاده اليوم", "نعم ."]))
    [['قال', 'الوزير', 'انه', 'سيزور', 'موسكو', '.'], ['ثم', 'عاد', 'الي', 'بلاده', 'اليوم']]
    """
    for line in lines:
        current: list[str] = []
        for token in line.split():
            current.append(token)
            if (token in _FINAL and len(current) >= 4) or len(current) >= _MAX_TOKENS:
                yield current
                current = []
        if len(current) >= 4:
            yield current


def count_words(corpus: Path, min_count: int = 2) -> list[tuple[str, int]]:
    """Folded word counts of a corpus file written by :func:`write_folded_corpus`."""
    counts: Counter[str] = Counter()
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            counts.update(line.split())
    return [(w, n) for w, n in counts.most_common() if n >= min_count]


def read_anetac(path: Path) -> list[tuple[str, str]]:
    """ANETAC's typed names as (folded Arabic name, type letter P/L/O).

    Raises:
        ConfigError: the file does not exist.
    """
    if not path.is_file():
        raise ConfigError(f"ANETAC names file {path} does not exist")
    out: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts or parts[0] not in _ANETAC_TYPES:
                continue
            arabic = [fold(p) for p in parts[1:] if _ARABIC.search(p)]
            if arabic:
                out.append((" ".join(arabic), _ANETAC_TYPES[parts[0]]))
    return out


def read_wikidata_tokens(path: Path, min_count: int = 2) -> list[str]:
    """Folded Arabic name tokens from Wikidata transliterations seen at least ``min_count`` times.

    Raises:
        ConfigError: the file does not exist.
    """
    if not path.is_file():
        raise ConfigError(f"Wikidata transliteration file {path} does not exist")
    out: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[2].isdigit() and int(parts[2]) >= min_count:
                out.append(fold(parts[1].replace(" ", "")))
    return out


def read_wikiann_names(path: Path) -> list[tuple[str, str]]:
    """Folded entity spans of a WikiANN file as (name, type letter P/L/O).

    WikiANN marks Wikipedia link anchors, so its spans are names with their types: silver, but
    many multi-word organizations and places.

    Raises:
        ConfigError: the file does not exist.
    """
    from marsad.eval.conll import bio_spans, read_conll

    if not path.is_file():
        raise ConfigError(f"WikiANN file {path} does not exist")
    letters = {"PER": "P", "LOC": "L", "ORG": "O"}
    out: list[tuple[str, str]] = []
    for sentence in read_conll(path):
        for start, end, type_ in bio_spans(sentence.tags):
            tokens = [_EDGE_PUNCT.sub("", fold(t)) for t in sentence.tokens[start:end]]
            tokens = [t for t in tokens if t]
            if type_ in letters and tokens and all(_ARABIC.search(t) for t in tokens):
                out.append((" ".join(tokens), letters[type_]))
    return out


def read_wikiann_org_sentences(
    path: Path, min_tokens: int = 8, max_span: int = 4
) -> list[ConllSentence]:
    """WikiANN sentences whose only entities are short, clean organization names.

    WikiANN's person and place spans follow another convention than ANERcorp (bracketed
    qualifiers, descriptors), but its organization anchors are mostly plain names: a sentence
    is kept when it has at least ``min_tokens`` tokens, at least one entity, every entity is
    ``ORG``, and every span has at most ``max_span`` tokens, none of them punctuation or
    brackets. Trailing punctuation is split off the tokens (ANERcorp's tokenization); the
    split-off part is tagged ``O``.

    Args:
        path: a WikiANN file (token TAB tag, blank line between sentences).
        min_tokens: shortest sentence kept (titles and list items are shorter).
        max_span: longest organization span kept, in tokens.

    Returns:
        The kept sentences, tags ``B-ORG``/``I-ORG``/``O``, in file order.

    Raises:
        ConfigError: the file does not exist.

    Example:
        >>> read_wikiann_org_sentences(Path("wikiann/train-ar.tsv"))  # doctest: +SKIP
        [ConllSentence(tokens=('انضم', 'إلى', 'نادي', 'برشلونة', ...), tags=(...))]
    """
    from marsad.eval.conll import ConllSentence, bio_spans, read_conll

    if not path.is_file():
        raise ConfigError(f"WikiANN file {path} does not exist")
    out: list[ConllSentence] = []
    for sentence in read_conll(path):
        if len(sentence.tokens) < min_tokens:
            continue
        spans = bio_spans(sentence.tags)
        if not spans or any(type_ != "ORG" for _, _, type_ in spans):
            continue
        if any(
            end - start > max_span
            or any(not _WORD.search(t) or "(" in t or ")" in t for t in sentence.tokens[start:end])
            for start, end, _ in spans
        ):
            continue
        tokens: list[str] = []
        tags: list[str] = []
        for token, tag in zip(sentence.tokens, sentence.tags, strict=True):
            match = _TRAILING_PUNCT.match(token)
            if match:
                tokens += [match.group(1), match.group(2)]
                tags += [tag, "O"]
            else:
                tokens.append(token)
                tags.append(tag)
        out.append(ConllSentence(tuple(tokens), tuple(tags)))
    return out
