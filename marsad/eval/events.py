"""``marsad eval events``: quotes, event detection and cross-article merging against the gold set.

The gold set is ``marsad/eval/data/events`` (read through :func:`load_validated`): each article's
text is rebuilt from the shared corpora, run through the registered stages (clean, segment,
and ner/link/times when registered; the knowledge-base linker and the time tagger are called
directly when their stages are not), and the predictions are mapped back to the raw text with
``Document.to_raw`` before they are compared with the gold offsets.

Scores, each on a *dev* part (the seed articles and ten others, chosen by a hash of the
article id) and on the *held-out* rest:

* quotes: a prediction matches a gold quote when the spans overlap by half the shorter one;
  ``+speaker`` also needs the speaker (same KB name, or overlapping speaker spans, or, for a
  name outside the KB, the same entity: the gold speaker mention is one of its mentions);
* events: ``type`` (same type), ``type+actors`` (and the same actor set), ``full`` (and the
  same date value; no date on both counts as the same), ``+targets`` (type, actors and the same
  target set, not the date);
* merging: pairwise and B-cubed precision/recall over the gold mentions that were detected,
  clustered by :func:`marsad.corpus.events.merge_events`, against the gold ``event_id``.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from pathlib import Path
from typing import TYPE_CHECKING

from marsad.corpus.events import merge_events
from marsad.engine.corpus import remap_event
from marsad.eval.entities import accepted_names
from marsad.eval.events_data import (
    EventArgument,
    EventsGold,
    GoldArticle,
    GoldEvent,
    GoldQuote,
    load_validated,
)
from marsad.extract.events import EventMention, Participant, extract_events
from marsad.extract.quotes import extract_quotes
from marsad.model import Document, Metadata, Provenance, Quote
from marsad.resolve.corpus import Summary, finalize, merge, summarize
from marsad.text.normalize import match_key

if TYPE_CHECKING:
    from marsad.eval.events_agreement import Agreement

__all__ = [
    "PRF",
    "Scores",
    "add_arguments",
    "analyse",
    "errors",
    "gold_start",
    "run",
    "score",
    "split",
]

logger = logging.getLogger(__name__)

DEV_OTHERS = 10


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int
    n_pred: int
    n_gold: int

    @property
    def p(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def r(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def line(self, name: str) -> str:
        return (
            f"{name:<22} P={self.p:.3f} R={self.r:.3f} F1={self.f1:.3f} "
            f"(tp={self.tp} pred={self.n_pred} gold={self.n_gold})"
        )


@dataclass(frozen=True, slots=True)
class Scores:
    quotes_span: PRF
    quotes_speaker: PRF
    events_type: PRF
    events_actors: PRF
    events_full: PRF
    events_targets: PRF  # type, actors and targets (not the date)
    merge_pairwise: PRF
    merge_bcubed: tuple[float, float]


def split(gold: EventsGold, n_others: int = DEV_OTHERS) -> tuple[set[str], set[str]]:
    """Dev and held-out article ids.

    Articles annotated with a ``split`` (later batches, assigned when they were annotated) keep
    it; of the first batch, dev is the seed articles plus ``n_others`` chosen by id hash.
    """
    first = [a for a in gold.articles if a.split is None]
    seeds = {a.article_id for a in first if a.corpus == "seeds"}
    others = sorted(
        (a.article_id for a in first if a.corpus != "seeds"),
        key=lambda i: hashlib.sha256(i.encode()).hexdigest(),
    )
    dev = seeds | set(others[:n_others]) | {a.article_id for a in gold.articles if a.split == "dev"}
    return dev, {a.article_id for a in gold.articles} - dev


def _pipeline() -> Callable[[Document], Document]:
    """The default pipeline up to linking, times and quantities (quotes and events are run by
    the scorer itself)."""
    import marsad.stages  # noqa: F401  (registers every stage)
    from marsad.config import DEFAULT_STAGES
    from marsad.pipeline import build_pipeline

    names = [n for n in DEFAULT_STAGES if n not in ("quotes", "events")]
    logger.info("events eval pipeline: %s", names)
    return build_pipeline(names)


def analyse(gold: EventsGold, texts: dict[str, str]) -> dict[str, Document]:
    """Run the default pipeline (to linking, times and quantities) on the gold articles, each
    with its gold publication date."""
    pipe = _pipeline()
    return {
        a.article_id: pipe(
            Document(
                texts[a.article_id],
                Provenance(a.article_id, "file", ""),
                Metadata(published=a.published, published_from="metadata"),
            )
        )
        for a in gold.articles
    }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _name_key(name: str) -> str:
    """A name compared without case, punctuation or accents ("Erdoğan" is "Erdogan")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name.casefold()) if ch.isalnum())


def _greedy(pairs: Iterable[tuple[int, int]]) -> dict[int, int]:
    """One-to-one matching in the pairs' order: gold index -> prediction index."""
    used_p: set[int] = set()
    chosen: dict[int, int] = {}
    for p, g in pairs:
        if p not in used_p and g not in chosen:
            used_p.add(p)
            chosen[g] = p
    return chosen


def _match_greedy(pairs: Iterable[tuple[int, int]]) -> int:
    return len(_greedy(pairs))


class _Names:
    def __init__(self) -> None:
        from marsad.resolve.kb import KnowledgeBase

        self.kb = KnowledgeBase.load()
        self.accepted = {
            _name_key(k): frozenset(_name_key(v) for v in vs) for k, vs in accepted_names().items()
        }

    def en(self, entity: str | None) -> str:
        if not entity:
            return ""
        e = self.kb.get(entity)
        return _name_key(e.name_en or "") if e else ""

    def same(self, gold: str, entity: str | None) -> bool:
        """Whether the KB entity is the one the gold English name names: its ``name_en`` is the
        gold name or one the accepted-name table (:func:`.entities.accepted_names`) gives for
        it ("Türkiye" for "Turkey")."""
        name, g = self.en(entity), _name_key(gold)
        return name != "" and (name == g or name in self.accepted.get(g, frozenset()))


Unknown = dict[str, list[tuple[int, int]]]


def unknown_mentions(doc: Document, names: _Names, remap: dict[str, str]) -> Unknown:
    """The raw spans of each entity outside the knowledge base (by its corpus-level id).

    Such an entity has no canonical name to compare with the gold's, so a prediction naming it
    is right when the gold mention is one of its mentions ("فرومان" after "مايكل فرومان").
    """
    spans: Unknown = {}
    for m in doc.entities:
        if m.entity and names.kb.get(m.entity) is None:
            spans.setdefault(remap.get(m.entity, m.entity), []).append(doc.to_raw(m.start, m.end))
    return spans


def _same_unknown(unknown: Unknown, entity: str | None, gold: tuple[int, int]) -> bool:
    return bool(entity) and any(_overlap(s, gold) for s in unknown.get(entity or "", ()))


def _quote_pairs(
    doc: Document,
    preds: Sequence[Quote],
    golds: Sequence[GoldQuote],
    names: _Names,
    speaker: bool,
    unknown: Unknown | None = None,
    remap: dict[str, str] | None = None,
) -> list[tuple[int, int]]:
    pairs = []
    for i, q in enumerate(preds):
        span = doc.to_raw(q.start, q.end)
        sp = doc.to_raw(*q.speaker_span) if q.speaker_span else None
        who = (remap or {}).get(q.speaker or "", q.speaker)
        for j, g in enumerate(golds):
            if not _overlap(span, (g.span.start, g.span.end)):
                continue
            if speaker:
                g_sp = (g.speaker_span.start, g.speaker_span.end)
                same_name = names.same(g.speaker, q.speaker)
                same_span = sp is not None and _overlap(sp, g_sp)
                if not (same_name or same_span or _same_unknown(unknown or {}, who, g_sp)):
                    continue
            pairs.append((i, j))
    return pairs


def _same_span(raw: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two argument spans of one text name the same thing: they overlap or read the same."""
    return _overlap(a, b) or match_key(raw[a[0] : a[1]]) == match_key(raw[b[0] : b[1]])


def _trigger_first(candidates: Iterable[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """Matching pairs ``(i, j, triggers overlap)``, those whose triggers overlap first."""
    return [(i, j) for _, i, j in sorted((not trig, i, j) for i, j, trig in candidates)]


def gold_start(g: GoldEvent) -> str | None:
    """The first day (month, year) of a gold event's date, None when it has none."""
    return g.date.value.split("/")[0] if g.date else None


def _arg_match(
    doc: Document,
    raw: str,
    p: Participant,
    g_name: str,
    g_span: tuple[int, int],
    names: _Names,
    unknown: Unknown,
) -> bool:
    if names.same(g_name, p.entity):
        return True
    return _same_span(raw, doc.to_raw(p.start, p.end), g_span) or _same_unknown(
        unknown, p.entity, g_span
    )


def _args_equal(
    doc: Document,
    raw: str,
    ps: Sequence[Participant],
    gold_args: Sequence[EventArgument],
    names: _Names,
    unknown: Unknown,
) -> bool:
    """The predicted and the gold arguments (actors, or targets) name the same parties."""
    gs = [(a.name, (a.span.start, a.span.end)) for a in gold_args]
    ok_g = all(any(_arg_match(doc, raw, p, n, s, names, unknown) for p in ps) for n, s in gs)
    ok_p = all(any(_arg_match(doc, raw, p, n, s, names, unknown) for n, s in gs) for p in ps)
    return ok_g and ok_p


def _date_equal(m: EventMention, g: GoldEvent) -> bool:
    return m.start == gold_start(g)


def _event_pairs(
    doc: Document,
    raw: str,
    preds: Sequence[EventMention],
    golds: Sequence[GoldEvent],
    names: _Names,
    level: int,
    targets: bool = False,
    unknown: Unknown | None = None,
) -> list[tuple[int, int]]:
    """Matching pairs at ``level`` 0 (type), 1 (and actors), 2 (and date); ``targets`` adds
    the targets to the comparison. ``unknown``: :func:`unknown_mentions` of the article."""
    unknown = unknown or {}
    return _trigger_first(
        (i, j, _overlap(doc.to_raw(*m.trigger), (g.trigger.start, g.trigger.end)))
        for i, m in enumerate(preds)
        for j, g in enumerate(golds)
        if m.type == g.type
        and (level < 1 or _args_equal(doc, raw, m.actors, g.actors, names, unknown))
        and (level < 2 or _date_equal(m, g))
        and (not targets or _args_equal(doc, raw, m.targets, g.targets, names, unknown))
    )


def _merge_scores(assigned: dict[str, tuple[int, str]]) -> tuple[PRF, tuple[float, float]]:
    """Pairwise and B-cubed over gold mention id -> (predicted cluster, gold event id)."""
    ids = sorted(assigned)
    tp = n_pred = n_gold = 0
    for x, a in enumerate(ids):
        for b in ids[x + 1 :]:
            same_p = assigned[a][0] == assigned[b][0]
            same_g = assigned[a][1] == assigned[b][1]
            tp += same_p and same_g
            n_pred += same_p
            n_gold += same_g
    bp = br = 0.0
    for a in ids:
        pc = {b for b in ids if assigned[b][0] == assigned[a][0]}
        gc = {b for b in ids if assigned[b][1] == assigned[a][1]}
        bp += len(pc & gc) / len(pc)
        br += len(pc & gc) / len(gc)
    n = len(ids) or 1
    return PRF(tp, n_pred, n_gold), (bp / n, br / n)


def _predict(
    gold: EventsGold, docs: dict[str, Document]
) -> tuple[_Names, list[GoldArticle], dict[str, str], dict[str, tuple[EventMention, ...]]]:
    """The events of every analysed gold article, as the product stores them: unknown names
    resolved across articles (``remap``) before events are merged. Returns the names, the
    articles in publication order, the remap and the events by article id."""
    names = _Names()
    arts: list[GoldArticle] = sorted(
        (a for a in gold.articles if a.article_id in docs),
        key=lambda a: (a.published, a.article_id),
    )
    total = reduce(merge, (summarize(docs[a.article_id]) for a in arts), Summary())
    _, remap = finalize(total, names.kb, transliterate=str)
    preds_ev = {
        a.article_id: tuple(remap_event(e, remap) for e in extract_events(docs[a.article_id]))
        for a in arts
    }
    return names, arts, remap, preds_ev


def score(
    gold: EventsGold,
    texts: dict[str, str],
    docs: dict[str, Document],
    articles: set[str],
    *,
    quotes: bool = True,
) -> Scores:
    """Score the predictions on ``articles`` (merging is computed over the whole corpus).

    With ``quotes=False`` the quote extractor is not run and the quote figures are zero, so the
    event figures do not depend on the state of the quote component.
    """
    names, arts, remap, preds_ev = _predict(gold, docs)
    groups = merge_events(preds_ev[a.article_id] for a in arts)
    cluster = {(m.doc, m.trigger): k for k, g in enumerate(groups) for m in g.mentions}
    counts = {k: [0, 0, 0] for k in ("qs", "qk", "et", "ea", "ef", "eg")}
    n_pred = {k: 0 for k in counts}
    n_gold = {k: 0 for k in counts}
    assigned: dict[str, tuple[int, str]] = {}
    for a in arts:
        if a.article_id not in articles:
            continue
        doc, raw = docs[a.article_id], texts[a.article_id]
        found = extract_quotes(doc) if quotes else ()
        gq = [q for q in gold.quotes if q.article_id == a.article_id] if quotes else []
        ge = [e for e in gold.events if e.article_id == a.article_id]
        evs = preds_ev[a.article_id]
        unk = unknown_mentions(doc, names, remap)
        for key, pairs, np_, ng in (
            ("qs", _quote_pairs(doc, found, gq, names, False), len(found), len(gq)),
            ("qk", _quote_pairs(doc, found, gq, names, True, unk, remap), len(found), len(gq)),
            ("et", _event_pairs(doc, raw, evs, ge, names, 0), len(evs), len(ge)),
            ("ea", _event_pairs(doc, raw, evs, ge, names, 1, unknown=unk), len(evs), len(ge)),
            ("ef", _event_pairs(doc, raw, evs, ge, names, 2, unknown=unk), len(evs), len(ge)),
            (
                "eg",
                _event_pairs(doc, raw, evs, ge, names, 1, targets=True, unknown=unk),
                len(evs),
                len(ge),
            ),
        ):
            counts[key][0] += _match_greedy(pairs)
            n_pred[key] += np_
            n_gold[key] += ng
        used: set[int] = set()
        for i, j in _event_pairs(doc, raw, evs, ge, names, 0):
            if i in used or ge[j].mention_id in assigned:
                continue
            used.add(i)
            m = evs[i]
            assigned[ge[j].mention_id] = (cluster[(m.doc, m.trigger)], ge[j].event_id)
    prf = {k: PRF(counts[k][0], n_pred[k], n_gold[k]) for k in counts}
    pairwise, bcubed = _merge_scores(assigned)
    return Scores(
        prf["qs"], prf["qk"], prf["et"], prf["ea"], prf["ef"], prf["eg"], pairwise, bcubed
    )


Span = tuple[int, int]


def _context(raw: str, span: Span, width: int = 60) -> str:
    left, right = raw[max(0, span[0] - width) : span[0]], raw[span[1] : span[1] + width]
    return " ".join(f"{left}«{raw[span[0] : span[1]]}»{right}".split())


def _error_line(
    article: str, raw: str, kind: str, type_mode: str, gold: str, m: EventMention | None, span: Span
) -> str:
    system = f"system: actors={[p.text for p in m.actors]} date={m.start}" if m else "system: -"
    return "\t".join((article, kind, type_mode, gold, system, _context(raw, span)))


def errors(
    gold: EventsGold, texts: dict[str, str], docs: dict[str, Document], articles: set[str]
) -> list[str]:
    """The event misses behind the figures of :func:`score` on ``articles``, one line each.

    Each gold mention the scorer's matching does not count as fully right is listed once, by
    the best level it reached: ``missed`` (no prediction of its type), ``actors`` (its type
    matched, the actors did not), ``date`` (type and actors matched, the date did not), with
    the prediction it was paired with; ``extra`` lists the predictions that no gold mention
    took. The gold lines add up to the gold count minus the ``full`` true positives (the
    matching is redone at each level, as the scorer does, so one level's lines can differ by a
    few from the difference of two figures). Fields are tab-separated: article, kind,
    type/mode, the gold's and the system's actors and dates, the trigger in context.
    """
    names, arts, remap, preds_ev = _predict(gold, docs)
    lines: list[str] = []
    for a in arts:
        if a.article_id not in articles:
            continue
        doc, raw, evs = docs[a.article_id], texts[a.article_id], preds_ev[a.article_id]
        ge = [e for e in gold.events if e.article_id == a.article_id]
        unk = unknown_mentions(doc, names, remap)
        matched = [
            _greedy(_event_pairs(doc, raw, evs, ge, names, level, unknown=unk))
            for level in (0, 1, 2)
        ]
        for j, g in enumerate(ge):
            reached = max((lv for lv in (0, 1, 2) if j in matched[lv]), default=-1)
            if reached < 2:
                lines.append(
                    _error_line(
                        a.article_id,
                        raw,
                        ("missed", "actors", "date")[reached + 1],
                        f"{g.type}/{g.mode}",
                        f"gold: actors={[x.name for x in g.actors]} date={gold_start(g)}",
                        evs[matched[reached][j]] if reached >= 0 else None,
                        (g.trigger.start, g.trigger.end),
                    )
                )
        taken = {i for level in matched for i in level.values()}
        lines += [
            _error_line(
                a.article_id,
                raw,
                "extra",
                f"{m.type}/{m.mode}",
                "gold: -",
                m,
                doc.to_raw(*m.trigger),
            )
            for i, m in enumerate(evs)
            if i not in taken
        ]
    return lines


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``marsad eval events``."""
    default = Path(os.environ.get("MARSAD_SHARED", "../shared")) / "data"
    parser.add_argument(
        "--shared-data",
        type=Path,
        default=default,
        help="the shared data folder (default: %(default)s)",
    )
    parser.add_argument(
        "--part",
        choices=("dev", "heldout", "heldout-fresh", "all"),
        default=None,
        help="score one part only (default: dev and held-out)",
    )
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list the event misses of one part (--part, dev by default) instead of the "
        "figures: gold mentions missed, with wrong actors or a wrong date, and predictions no "
        "gold mention took (read dev; the held-out parts are for reporting)",
    )
    parser.add_argument(
        "--agreement",
        action="store_true",
        help="also score the second, blind annotation of twelve dev articles against the gold "
        "set (inter-annotator agreement) next to the system on the same articles",
    )


def _event_lines(s: Scores | Agreement) -> list[str]:
    """The quote attribution and event detection lines, shared by both reports."""
    return [
        s.quotes_speaker.line("quotes span+speaker"),
        s.events_type.line("events type"),
        s.events_actors.line("events type+actors"),
        s.events_full.line("events full"),
        s.events_targets.line("events +targets"),
    ]


def _report(name: str, s: Scores) -> list[str]:
    return [
        f"== {name}",
        s.quotes_span.line("quotes span"),
        *_event_lines(s),
        s.merge_pairwise.line("merge pairwise"),
        f"{'merge B-cubed':<22} P={s.merge_bcubed[0]:.3f} R={s.merge_bcubed[1]:.3f}",
    ]


def run(args: argparse.Namespace) -> int:
    """Run the evaluation and print the figures; returns 0.

    Raises:
        GoldDataError: the gold set or the shared texts do not validate.
    """
    gold, texts = load_validated(args.shared_data)
    docs = analyse(gold, texts)
    dev, held = split(gold)
    # held-out articles annotated after the extractors were written (a split fixed at annotation)
    fresh = {a.article_id for a in gold.articles if a.split == "heldout"}
    parts = {"dev": dev, "heldout": held, "heldout-fresh": fresh, "all": dev | held}
    if getattr(args, "errors", False):
        print("\n".join(errors(gold, texts, docs, parts[args.part or "dev"])))
        return 0
    chosen = [args.part] if args.part else ["dev", "heldout", "heldout-fresh", "all"]
    lines: list[str] = []
    for part in chosen:
        lines += _report(
            f"{part} ({len(parts[part])} articles)", score(gold, texts, docs, parts[part])
        )
    if args.agreement:
        lines += _agreement_report(gold, texts, docs)
    print("\n".join(lines))
    return 0


def _agreement_report(
    gold: EventsGold, texts: dict[str, str], docs: dict[str, Document]
) -> list[str]:
    from marsad.eval.events_agreement import SECOND_DIR, agreement
    from marsad.eval.events_data import load_gold, validate

    second = load_gold(SECOND_DIR)
    validate(second, texts)
    people = agreement(gold, second, texts)
    ids = {a.article_id for a in second.articles}
    system = score(gold, texts, docs, ids)
    lines: list[str] = []
    for title, s in (
        (f"agreement: second annotator against the gold ({len(ids)} dev articles)", people),
        ("the system on the same articles", system),
    ):
        lines += [f"== {title}", *_event_lines(s)]
    return lines
