"""Unit tests of the scoring helpers of marsad.eval.events."""

from __future__ import annotations

import pytest

from marsad.eval.events import PRF, _merge_scores, _overlap, split
from marsad.eval.events_schema import (
    EventArgument,
    EventDate,
    EventsGold,
    GoldArticle,
    GoldEvent,
    GoldSpan,
)
from tests.resolve.docs import make_doc


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 10), (5, 20), True),
        ((0, 10), (9, 30), False),
        ((0, 10), (10, 20), False),
        ((3, 4), (0, 10), True),
    ],
)
def test_events_score_overlap(a: tuple[int, int], b: tuple[int, int], expected: bool) -> None:
    assert _overlap(a, b) is expected


def test_events_score_names_compare_without_case_punctuation_or_accents() -> None:
    from marsad.eval.events import _name_key

    assert _name_key("Recep Tayyip Erdoğan") == _name_key("recep tayyip erdogan")
    assert _name_key("Washington, D.C.") == _name_key("Washington DC")
    assert _name_key("Türkiye") != _name_key("Turkey")


def test_events_score_an_actor_is_right_by_any_english_name_of_its_entity() -> None:
    from marsad.eval.events import _arg_match, _Names
    from marsad.extract.events import Participant

    raw = "قالت تركيا إن أنقرة"
    doc = make_doc(raw)
    turkey = Participant("wd:Q43", 15, 19, "أنقرة")  # another mention than the gold's
    names = _Names()
    assert _arg_match(doc, raw, turkey, "Turkey", (5, 10), names, {})
    assert _arg_match(doc, raw, turkey, "Türkiye", (5, 10), names, {})
    assert not _arg_match(doc, raw, turkey, "Greece", (5, 10), names, {})


def test_events_score_prf() -> None:
    s = PRF(2, 4, 8)
    assert (s.p, s.r) == (0.5, 0.25)
    assert s.f1 == pytest.approx(1 / 3)
    assert PRF(0, 0, 0).f1 == 0.0


def test_events_score_merge_pairwise_and_bcubed() -> None:
    pairwise, (bp, br) = _merge_scores(
        {"m1": (0, "E1"), "m2": (0, "E1"), "m3": (0, "E2"), "m4": (1, "E2")}
    )
    assert (pairwise.tp, pairwise.n_pred, pairwise.n_gold) == (1, 3, 2)
    assert bp == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert br == pytest.approx((1 + 1 + 1 / 2 + 1 / 2) / 4)


def _article(article_id: str, corpus: str, part: str | None = None) -> GoldArticle:
    return GoldArticle(
        article_id,
        corpus,
        None,
        "m",
        None,
        "k",
        None,
        "2025-01-01",
        "text",
        "diplomacy",
        1,
        "h",
        part,
    )


def _visit(aid: str, actors: tuple[EventArgument, ...], date: EventDate) -> GoldEvent:
    """A gold visit mention whose trigger is the text's first word (زار)."""
    return GoldEvent(
        f"{aid}#e1",
        "EV-visit",
        aid,
        "CONSULT",
        "visit",
        "occurred",
        GoldSpan(0, 3, "زار"),
        actors,
        (),
        None,
        date,
        "visit",
    )


def test_events_score_split_keeps_annotated_parts_and_hashes_the_first_batch() -> None:
    first = [_article("seed", "seeds")] + [_article(f"a{i}", "ant") for i in range(6)]
    later = [_article("n1", "ant", "dev"), _article("n2", "ant", "heldout")]
    dev, held = split(EventsGold(tuple(first), (), ()), n_others=2)
    dev2, held2 = split(EventsGold(tuple(first + later), (), ()), n_others=2)
    assert "seed" in dev and len(dev) == 3
    assert (dev2, held2) == (dev | {"n1"}, held | {"n2"})


def test_events_score_merges_as_the_product_does_after_resolving_names() -> None:
    """Two reports of one visit by a person the knowledge base does not know, named in full in
    one and by surname in the other: the corpus resolution joins the names, so the scorer's
    merge joins the reports."""
    from marsad.eval.events import score
    from marsad.resolve.corpus import unresolved_id
    from tests.extract.docs import annotated

    texts = {"d1": "زار أندرو برونسون أنقرة أمس.", "d2": "زار برونسون أنقرة أمس."}
    docs, events = {}, []
    for aid, text in texts.items():
        name = text.split(" أنقرة")[0][4:]
        doc = annotated(
            text,
            [(name, "PERSON", unresolved_id(name)), ("أنقرة", "GPE", "wd:Q3640")],
            [("أمس", "2018-08-01")],
            published="2018-08-02",
        )
        docs[aid] = doc.with_(provenance=doc.provenance.__class__(aid, "stdin", ""))
        start = text.index(name)
        events.append(
            _visit(
                aid,
                (EventArgument("Andrew Brunson", GoldSpan(start, start + len(name), name)),),
                EventDate("2018-08-01", "day", GoldSpan(len(text) - 4, len(text) - 1, "أمس")),
            )
        )
    arts = tuple(_article(aid, "seeds") for aid in texts)
    s = score(EventsGold(arts, (), tuple(events)), texts, docs, set(texts), quotes=False)
    assert s.events_full.tp == 2
    assert (s.merge_pairwise.tp, s.merge_pairwise.n_gold) == (1, 1)


def test_events_score_a_speaker_outside_the_kb_is_right_by_any_of_its_mentions() -> None:
    """The gold speaker mention is the surname; the system names the same person (a name the
    knowledge base does not know) by the full name earlier in the text: right. A person of the
    knowledge base is still compared by name, and another unknown entity is still wrong."""
    from marsad.eval.events import _Names, _quote_pairs, unknown_mentions
    from marsad.eval.events_schema import GoldQuote
    from marsad.model import Quote
    from marsad.resolve.corpus import unresolved_id
    from tests.extract.docs import annotated

    text = "التقى مايكل فرومان الوزير أمس. وقال فرومان إن المحادثات كانت مثمرة جدا."
    who, other = unresolved_id("مايكل فرومان"), unresolved_id("جون سميث")
    doc = annotated(text, [("مايكل فرومان", "PERSON", who), ("فرومان", "PERSON", who)], every=True)
    full = doc.text.index("مايكل فرومان")
    short = doc.text.index("فرومان", full + 12)
    content = doc.text.index("المحادثات")
    gold = GoldQuote(
        "q1",
        "t",
        GoldSpan(content, len(doc.text) - 1, doc.text[content:-1]),
        False,
        "Michael Froman",
        "name",
        GoldSpan(short, short + 6, "فرومان"),
        None,
    )
    names = _Names()
    unknown = unknown_mentions(doc, names, {})

    def quote(speaker: str) -> Quote:
        return Quote(content, len(doc.text) - 1, "", speaker, (full, full + 12), "قال", False)

    assert _quote_pairs(doc, [quote(who)], [gold], names, True) == []  # spans alone: wrong
    assert _quote_pairs(doc, [quote(who)], [gold], names, True, unknown) == [(0, 0)]
    assert _quote_pairs(doc, [quote(other)], [gold], names, True, unknown) == []
    assert _quote_pairs(doc, [quote("wd:Q7747")], [gold], names, True, unknown) == []


def test_events_errors_list_each_miss_by_the_level_it_reached() -> None:
    """Three reports of a visit: one right, one dated wrong (the text says the day before
    yesterday), one whose gold names no traveller; a summit no gold mention has is an extra.
    The gold lines add up to the gold count minus the full true positives."""
    from marsad.eval.events import errors, score
    from tests.extract.docs import annotated

    texts = {
        "d1": "زار رجب طيب أردوغان أنقرة أمس.",
        "d2": "زار رجب طيب أردوغان أنقرة أول أمس.",
        "d3": "زار فلاديمير بوتين أنقرة أمس. وعقد قمة مع إيمانويل ماكرون.",
    }
    people = {"رجب طيب أردوغان": "wd:Q39259", "فلاديمير بوتين": "wd:Q7747"}
    docs, events = {}, []
    for aid, text in texts.items():
        name = "فلاديمير بوتين" if aid == "d3" else "رجب طيب أردوغان"
        day = "أول أمس" if aid == "d2" else "أمس"
        doc = annotated(
            text,
            [
                (name, "PERSON", people[name]),
                ("أنقرة", "GPE", "wd:Q3640"),
                ("إيمانويل ماكرون", "PERSON", "wd:Q3052772"),
            ][: 3 if aid == "d3" else 2],
            [(day, "2018-07-31" if aid == "d2" else "2018-08-01")],
            published="2018-08-02",
        )
        docs[aid] = doc.with_(provenance=doc.provenance.__class__(aid, "stdin", ""))
        start = text.index(name)
        erdogan = EventArgument("Recep Tayyip Erdoğan", GoldSpan(start, start + len(name), name))
        # d3: the gold names no traveller, so Putin is the wrong actor
        events.append(
            _visit(aid, () if aid == "d3" else (erdogan,), EventDate("2018-08-01", "day", None))
        )
    arts = tuple(_article(aid, "seeds") for aid in texts)
    gold = EventsGold(arts, (), tuple(events))
    s = score(gold, texts, docs, set(texts), quotes=False)
    lines = [line.split("\t") for line in errors(gold, texts, docs, set(texts))]
    assert sorted((f[0], f[1]) for f in lines) == [
        ("d2", "date"),
        ("d3", "actors"),
        ("d3", "extra"),
    ]
    assert sum(f[1] != "extra" for f in lines) == s.events_full.n_gold - s.events_full.tp
    date = next(f for f in lines if f[1] == "date")
    assert date[3:5] == [
        "gold: actors=['Recep Tayyip Erdoğan'] date=2018-08-01",
        "system: actors=['رجب طيب أردوغان'] date=2018-07-31",
    ]
    assert "«زار»" in date[5]
