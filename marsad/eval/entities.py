"""Entity-resolution check: gold mentions -> canonical entity, on articles that are not the seeds.

The gold is derived from marsad's own quotes-and-events gold set (``marsad/eval/data/events``):
every event actor, target and location and every quote speaker named in the text is a mention
whose canonical entity is its English name (``marsad/eval/data/entities/README.md`` gives the
rules and the accepted-name table ``aliases.json``). The seed articles are left out.

The articles run through the default stages up to ``link`` and then through the corpus-level
resolution (:func:`marsad.resolve.corpus.resolve_corpus`); each gold span takes the linked
mention that overlaps it most. Scores:

* ``link_p`` / ``link_r``: of the gold mentions linked to a knowledge-base entity, the share whose
  entity is the gold one; of all gold mentions, the share linked to the right KB entity;
* ``name_acc``: the share of gold mentions whose entity's English name (KB or transliterated) is
  the gold name;
* ``pair_p`` / ``pair_r`` / ``pair_f1``: pairwise precision and recall of the cross-document
  clustering (two gold mentions of one name should share one entity id, and two of different
  names should not).

Run::

    python -m marsad.eval.entities --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz

from marsad.eval.events_data import EventsGold, GoldSpan
from marsad.model import Document, Entity

__all__ = ["EntityScores", "GoldMention", "gold_mentions", "main", "name_matches", "score"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A named mention in an article and the English name of the entity it refers to."""

    article_id: str
    start: int
    end: int
    name: str
    role: str  # actor, target, location, speaker


@dataclass(frozen=True, slots=True)
class EntityScores:
    """Counts of one run; the ratios are properties."""

    n_gold: int
    detected: int
    kb_linked: int
    kb_correct: int
    name_correct: int
    pair_tp: int
    pair_pred: int
    pair_gold: int

    @property
    def link_p(self) -> float:
        return self.kb_correct / self.kb_linked if self.kb_linked else 0.0

    @property
    def link_r(self) -> float:
        return self.kb_correct / self.n_gold if self.n_gold else 0.0

    @property
    def name_acc(self) -> float:
        return self.name_correct / self.n_gold if self.n_gold else 0.0

    @property
    def pair_p(self) -> float:
        return self.pair_tp / self.pair_pred if self.pair_pred else 0.0

    @property
    def pair_r(self) -> float:
        return self.pair_tp / self.pair_gold if self.pair_gold else 0.0

    @property
    def pair_f1(self) -> float:
        p, r = self.pair_p, self.pair_r
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        """All counts and ratios, rounded, for printing."""
        out: dict[str, float] = {
            "n_gold": self.n_gold,
            "detected": self.detected,
            "kb_linked": self.kb_linked,
        }
        for k in ("link_p", "link_r", "name_acc", "pair_p", "pair_r", "pair_f1"):
            out[k] = round(getattr(self, k), 4)
        return out


def _key(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


@lru_cache(maxsize=1)
def accepted_names() -> dict[str, tuple[str, ...]]:
    """``aliases.json``: each gold English name and the other English names of the same entity
    a prediction may give ("Turkey": CLDR's "Türkiye"; "Group of Seven": "G7"). The entity and
    events scorers both read it."""
    f = resources.files("marsad.eval").joinpath("data/entities/aliases.json")
    data: dict[str, list[str]] = json.loads(f.read_text(encoding="utf-8"))["aliases"]
    return {k: tuple(vs) for k, vs in data.items()}


@lru_cache(maxsize=1)
def _aliases() -> dict[str, frozenset[str]]:
    return {_key(k): frozenset(_key(v) for v in vs) for k, vs in accepted_names().items()}


def name_matches(gold: str, predicted: str | None) -> bool:
    """Whether a predicted English name denotes the gold one (spelling-tolerant).

    Equal after case folding and dropping non-letters, listed as accepted in ``aliases.json``,
    or close (rapidfuzz ratio >= 85, for "Kim Jong Un" / "Kim Jong-un", "Sergei" / "Sergey").

    >>> name_matches("Sergey Lavrov", "Sergei Lavrov")
    True
    >>> name_matches("Russia", "Moscow")
    False
    """
    if not predicted:
        return False
    g, p = _key(gold), _key(predicted)
    if not g or not p:
        return False
    return g == p or p in _aliases().get(g, frozenset()) or fuzz.ratio(g, p) >= 85


def gold_mentions(gold: EventsGold, skip_corpora: Iterable[str] = ("seeds",)) -> list[GoldMention]:
    """The named mentions of the events gold: actors, targets, locations, named speakers.

    Spans that are pronouns or bare role words the annotators resolved from context are kept only
    when the quote's speaker kind is ``name`` or ``role`` (an anaphor is not an entity mention).
    """
    skip = set(skip_corpora)
    corpus = {a.article_id: a.corpus for a in gold.articles}
    out: dict[tuple[str, int, int], GoldMention] = {}

    def add(article: str, span: GoldSpan, name: str, role: str) -> None:
        if corpus.get(article) in skip or not name.strip():
            return
        out.setdefault(
            (article, span.start, span.end), GoldMention(article, *_se(span), name, role)
        )

    for e in gold.events:
        for a in e.actors:
            add(e.article_id, a.span, a.name, "actor")
        for a in e.targets:
            add(e.article_id, a.span, a.name, "target")
        if e.location is not None:
            add(e.article_id, e.location.span, e.location.name, "location")
    for q in gold.quotes:
        if q.speaker_kind in ("name", "role"):
            add(q.article_id, q.speaker_span, q.speaker, "speaker")
    return sorted(out.values(), key=lambda m: (m.article_id, m.start, m.end))


def _se(span: GoldSpan) -> tuple[int, int]:
    return span.start, span.end


def _best(doc: Document, m: GoldMention) -> str | None:
    best, best_len = None, 0
    for em in doc.entities:
        s, e = doc.to_raw(em.start, em.end)
        inter = min(e, m.end) - max(s, m.start)
        if inter > best_len:
            best, best_len = em.entity, inter
    return best


def score(
    golds: Sequence[GoldMention], docs: Mapping[str, Document], entities: Mapping[str, Entity]
) -> EntityScores:
    """Score linked documents (ids after corpus resolution) against the gold mentions.

    Args:
        golds: the gold mentions.
        docs: linked documents by article id (mention offsets into ``doc.text``).
        entities: the canonical entities by id (KB and unknown-name clusters).

    Returns:
        The counts; a gold mention without an overlapping linked mention counts as missed.
    """
    pred: list[str | None] = []
    detected = kb_linked = kb_correct = name_correct = 0
    for g in golds:
        doc = docs.get(g.article_id)
        eid = _best(doc, g) if doc is not None else None
        pred.append(eid)
        if eid is None:
            continue
        detected += 1
        ent = entities.get(eid)
        ok = ent is not None and name_matches(g.name, ent.name_en)
        name_correct += ok
        if not eid.startswith("x:"):
            kb_linked += 1
            kb_correct += ok
    tp = n_pred = n_gold = 0
    for i in range(len(golds)):
        for j in range(i + 1, len(golds)):
            same_gold = name_matches(golds[i].name, golds[j].name)
            same_pred = pred[i] is not None and pred[i] == pred[j]
            n_gold += same_gold
            n_pred += same_pred
            tp += same_gold and same_pred
    return EntityScores(
        len(golds), detected, kb_linked, kb_correct, name_correct, tp, n_pred, n_gold
    )


def run(shared_data: Path) -> tuple[EntityScores, list[tuple[GoldMention, str | None, str]]]:
    """Load the gold and texts, run the pipeline and the corpus resolution, and score.

    Returns:
        The scores and, per gold mention, the predicted entity id and its English name (for
        error analysis).
    """
    from marsad.eval.events import analyse
    from marsad.eval.events_data import load_validated
    from marsad.resolve.corpus import resolve_corpus
    from marsad.resolve.kb import KnowledgeBase

    gold, texts = load_validated(shared_data)
    golds = gold_mentions(gold)
    wanted = {g.article_id for g in golds}
    sub = EventsGold(
        tuple(a for a in gold.articles if a.article_id in wanted), gold.quotes, gold.events
    )
    docs = analyse(sub, texts)
    ents, linked = resolve_corpus(list(docs.values()), KnowledgeBase.load())
    by_id = dict(zip(docs, linked, strict=True))
    by_ent = {e.id: e for e in ents}
    scores = score(golds, by_id, by_ent)
    rows = []
    for g in golds:
        eid = _best(by_id[g.article_id], g)
        e = by_ent.get(eid) if eid else None
        rows.append((g, eid, (e.name_en or "") if e else ""))
    return scores, rows


def main(argv: list[str] | None = None) -> int:
    """Print the scores as JSON (``--errors`` also lists the mentions whose name is wrong)."""
    parser = argparse.ArgumentParser(prog="python -m marsad.eval.entities")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args(argv)
    scores, rows = run(args.data)
    if args.errors:
        for g, eid, name in rows:
            if not name_matches(g.name, name):
                logger.warning("%s %s %r -> %s %r", g.article_id, g.role, g.name, eid, name)
                print(f"{g.article_id}\t{g.role}\t{g.name}\t{eid}\t{name}")
    print(json.dumps(scores.as_dict()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
