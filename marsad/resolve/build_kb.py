"""Build the country, territory and region part of the knowledge base from CLDR (via Babel).

Run ``python -m marsad.resolve.build_kb`` to rewrite ``resources/kb/countries.jsonl`` and
``resources/kb/regions.jsonl``. The Arabic and English names come from CLDR (Babel's
``Locale('ar').territories`` / ``Locale('en').territories``); the hand-curated inputs in
``resources/kb/src/`` add Wikidata ids, common variants and nisba adjectives
(``countries_curated.jsonl``) and extra regions (``regions.jsonl``). Single-word country names
without a curated nisba get one by the regular rule (article off, final ا/ة off, ي on:
بلجيكا -> بلجيكي), unless it is on the lexicon's stoplist (مالي is "financial").

The output is sorted and deterministic, so a rebuild with the same Babel version is a no-op.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import re
from importlib import resources
from pathlib import Path
from typing import Any

from babel import Locale
from babel import __version__ as babel_version

from marsad.resolve.keys import lexicon
from marsad.text.normalize import match_key

__all__ = ["build", "build_common_words", "derive_nisba", "main"]

logger = logging.getLogger(__name__)

#: CLDR codes that are not territories a news text names as a place.
_SKIP = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "001"})
_REGION = re.compile(r"^\d{3}$")


def derive_nisba(name: str) -> str | None:
    """The regular nisba stem of a one-word country name, or ``None`` when the rule fails.

    >>> derive_nisba("بلجيكا"), derive_nisba("الهند"), derive_nisba("الكونغو")
    ('بلجيكي', 'هندي', None)
    """
    if " " in name.strip() or "-" in name or "(" in name:
        return None
    w = name.strip()
    if w.startswith("ال"):
        w = w[2:]
    if w.endswith(("و", "ه")) or len(w) < 3:
        return None
    if w.endswith("ي"):
        stem = w
    elif w.endswith(("ا", "ة", "ى")):
        stem = w[:-1] + "ي"
    else:
        stem = w + "ي"
    if match_key(stem) in lexicon().nisba_stoplist:
        return None
    return stem


def _curated(name: str) -> list[dict[str, Any]]:
    f = resources.files("marsad.resources.kb").joinpath("src", name)
    return [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line]


def build() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The country and region lines, built from Babel and the curated inputs.

    Returns:
        ``(countries, regions)``: lists of JSON-ready entries in the knowledge-base format.
    """
    ar, en = Locale("ar").territories, Locale("en").territories
    extra = {c["code"]: c for c in _curated("countries_curated.jsonl")}
    countries, regions = [], []
    for code in sorted(ar):
        if code in _SKIP:
            continue
        name_ar, name_en = ar[code], en.get(code)
        if _REGION.match(code):
            continue
        cur = extra.get(code, {})
        qid = cur.get("wikidata")
        aliases = [a for a in cur.get("aliases", []) if a != name_ar]
        short = re.sub(r"\s*\(.*\)\s*$", "", name_ar)
        if short != name_ar:
            aliases.insert(0, short)
        nisba = list(cur.get("nisba", []))
        if not nisba and not cur.get("no_nisba"):
            derived = derive_nisba(name_ar)
            if derived:
                nisba.append(derived)
        countries.append(
            {
                "id": f"wd:{qid}" if qid else f"kb:country:{code.lower()}",
                "type": "GPE",
                "name": name_ar,
                "aliases": aliases,
                "name_en": name_en,
                "wikidata": qid,
                "kind": "country",
                "code": code,
                "nisba": nisba,
            }
        )
    for reg in _curated("regions.jsonl"):
        code = reg.get("code")
        if code:
            name_ar, name_en = ar[code], en[code]
            rid = f"kb:region:{code}"
        else:
            name_ar, name_en = reg["name"], reg["name_en"]
            digest = hashlib.sha1(name_en.encode("utf-8")).hexdigest()[:8]
            rid = f"kb:region:{re.sub(r'[^a-z0-9]+', '-', name_en.lower()).strip('-')}-{digest}"
        regions.append(
            {
                "id": rid,
                "type": "LOC",
                "name": name_ar,
                "aliases": [a for a in reg.get("aliases", []) if a != name_ar],
                "name_en": name_en,
                "wikidata": None,
                "kind": "region",
                **({"code": code} if code else {}),
            }
        )
    return countries, regions


def build_common_words(conll: Path, min_count: int = 2, min_o_share: float = 0.9) -> list[str]:
    """Folded words that a NER corpus (CoNLL "word tag" lines) tags O nearly always.

    The gazetteer does not tag these alone on a spelling variant or a one-word alias ("رئيسي" is
    "main" before it is Raisi; "الامن" is "security", not a variant of "اليمن").
    """
    total: dict[str, int] = {}
    outside: dict[str, int] = {}
    for line in conll.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 2:
            continue
        key = match_key(parts[0])
        total[key] = total.get(key, 0) + 1
        if parts[1] == "O":
            outside[key] = outside.get(key, 0) + 1
    return sorted(
        k
        for k, n in total.items()
        if n >= min_count and outside.get(k, 0) / n >= min_o_share and len(k) >= 3
    )


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def main(argv: list[str] | None = None) -> int:
    """Rewrite the generated knowledge-base files. Returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m marsad.resolve.build_kb", description=__doc__)
    default = Path(str(resources.files("marsad.resources.kb")))
    parser.add_argument("--out", type=Path, default=default, help="output folder")
    parser.add_argument(
        "--anercorp",
        type=Path,
        default=None,
        help="ANERcorp train.txt: also rebuild common_words.txt from it",
    )
    args = parser.parse_args(argv)
    if args.anercorp is not None:
        words = build_common_words(args.anercorp)
        header = (
            "# Folded words tagged O in >= 90% of >= 2 occurrences in ANERcorp train "
            "(marsad shared data ner/anercorp/train.txt), built by marsad.resolve.build_kb\n"
        )
        (args.out / "common_words.txt").write_text(header + "\n".join(words) + "\n", "utf-8")
    countries, regions = build()
    _write(args.out / "countries.jsonl", countries)
    _write(args.out / "regions.jsonl", regions)
    logger.info(
        "wrote %d countries and %d regions with Babel %s",
        len(countries),
        len(regions),
        babel_version,
    )
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    raise SystemExit(main())
