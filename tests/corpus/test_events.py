"""Unit tests of marsad.corpus.events: cross-article merging."""

from __future__ import annotations

from dataclasses import replace

import pytest

from marsad.corpus.events import merge_events, to_export
from marsad.extract.events import EventMention, Participant

PUTIN = Participant("wd:Q7747", 0, 5, "بوتين")
TOKAYEV = Participant("wd:Q1", 0, 5, "توكاييف")
KZ = Participant("wd:Q232", 10, 19, "كازاخستان")
RU = Participant("wd:Q159", 10, 15, "روسيا")


def _m(
    doc: str,
    status: str,
    start: str | None,
    published: str,
    actors: tuple[Participant, ...] = (PUTIN,),
    targets: tuple[Participant, ...] = (KZ,),
    mode: str = "visit",
) -> EventMention:
    return EventMention(
        doc,
        "CONSULT",
        mode,
        status,
        actors,
        targets,
        None,
        start,
        None,
        "day" if start and len(start) == 10 else None,
        (0, 5),
        (0, 30),
        "زيارة",
        "نص",
        published,
    )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            _m("d1", "planned", "2024-11", "2024-11-20"),
            _m("d2", "occurred", "2024-11-27", "2024-11-28"),
            True,
        ),
        (
            _m("d1", "planned", None, "2024-11-20"),
            _m("d2", "occurred", "2024-11-27", "2024-11-28"),
            True,
        ),
        (
            _m("d1", "occurred", "2024-11-27", "2024-11-28"),
            _m("d2", "occurred", "2025-11-11", "2025-11-12", (TOKAYEV,), (RU,)),
            False,
        ),
        (
            _m("d1", "occurred", "2024-11-27", "2024-11-28"),
            _m("d2", "occurred", "2025-11-27", "2025-11-28"),
            False,
        ),
        (
            _m("d1", "occurred", "2024-11-27", "2024-11-28"),
            _m(
                "d2",
                "occurred",
                "2024-11-27",
                "2024-11-28",
                mode="host",
                actors=(KZ,),
                targets=(PUTIN,),
            ),
            True,
        ),
        (  # an autumn (September to November) holds October: one visit
            replace(_m("d1", "planned", "2015-09", "2015-08-08"), end="2015-11"),
            _m("d2", "occurred", "2015-10-11", "2015-10-12"),
            True,
        ),
        (
            replace(_m("d1", "planned", "2015-09", "2015-08-08"), end="2015-11"),
            _m("d2", "occurred", "2015-12-11", "2015-12-12"),
            False,
        ),
        (
            _m("d1", "planned", "2015-09", "2015-08-08"),
            _m("d2", "occurred", "2015-10-11", "2015-10-12"),
            False,
        ),
    ],
)
def test_events_merge_decisions(a: EventMention, b: EventMention, same: bool) -> None:
    groups = merge_events([(a,), (b,)])
    assert (len(groups) == 1) is same


def test_events_status_from_latest_report_and_export_shape() -> None:
    groups = merge_events(
        [
            (_m("d2", "occurred", "2024-11-27", "2024-11-28"),),
            (_m("d1", "planned", "2024-11", "2024-11-20"),),
        ]
    )
    (g,) = groups
    rec = to_export(g, {"en": {"wd:Q7747": "Vladimir Putin", "wd:Q232": "Kazakhstan"}})
    assert rec["status"] == "occurred"
    assert rec["start"] == "2024-11-27"
    assert [e["doc"] for e in rec["evidence"]] == ["d1", "d2"]
    assert rec["description_en"].startswith("Vladimir Putin visits Kazakhstan")
    assert "بوتين" in rec["description_ar"]
    assert set(rec) >= {"id", "type", "mode", "actors", "targets", "location", "end"}


LAVROV = Participant("kb:lavrov", 0, 6, "لافروف")
KAZYKHANOV = Participant("kb:kazykhanov", 0, 9, "كازيخانوف")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # an undated article (no publication date): month/day agree, the date is taken
        (
            _m("d1", "occurred", "2024-11-27", "2024-11-27"),
            _m("d2", "occurred", "XXXX-11-27", None),  # type: ignore[arg-type]
            True,
        ),
        (
            _m("d1", "occurred", "2024-11-27", "2024-11-27"),
            _m("d2", "occurred", None, None),  # type: ignore[arg-type]
            True,
        ),
        # "العام المقبل" with no anchor: an invitation that cannot be placed never merges
        (
            _m("d1", "occurred", "2024-11-27", "2024-11-27"),
            _m("d2", "planned", "XXXX", None),  # type: ignore[arg-type]
            False,
        ),
        (
            _m("d1", "occurred", "2024-11-27", "2024-11-27"),
            _m("d2", "occurred", "XXXX-10-22", None),  # type: ignore[arg-type]
            False,
        ),
        # Lavrov hosting Kazykhanov is not Lavrov's own visit
        (
            _m("d1", "ongoing", "2025-10-22", "2025-10-22", (LAVROV,), (KAZYKHANOV,), "host"),
            _m("d2", "occurred", None, None, (LAVROV,), (KZ,)),  # type: ignore[arg-type]
            False,
        ),
    ],
)
def test_events_merge_undated_and_travellers(a: EventMention, b: EventMention, same: bool) -> None:
    groups = merge_events([(a,), (b,)])
    assert (len(groups) == 1) is same
    if same:
        assert to_export(groups[0])["start"] == "2024-11-27"


@pytest.mark.parametrize(
    ("status", "start", "date_from", "phrase"),
    [
        ("occurred", "2024-11-27", "text", "on 2024-11-27 (occurred)"),
        ("occurred", None, "published", "on 2024-11-28 (publication date) (occurred)"),
        ("planned", None, None, "Kazakhstan (planned)"),
    ],
)
def test_events_export_date_and_description(
    status: str, start: str | None, date_from: str | None, phrase: str
) -> None:
    (g,) = merge_events([(_m("d1", status, start, "2024-11-28"),)])
    rec = to_export(g, {"en": {"wd:Q7747": "Vladimir Putin", "wd:Q232": "Kazakhstan"}})
    assert rec["date_from"] == date_from
    assert rec["docs"] == ["d1"]
    assert rec["description_en"].startswith("Vladimir Putin visits Kazakhstan")
    assert rec["description_en"].endswith(phrase)
    assert " in Kazakhstan" not in rec["description_en"]  # the destination is not repeated


def test_events_meetings_do_not_chain_through_one_shared_minister() -> None:
    """Al-Jubeir meeting Gentiloni, then Lavrov: one shared person, two meetings (and a third
    report naming only al-Jubeir could join either, not both); "Kerry" and "Kerry with the GCC"
    are two reports of one meeting."""
    jubeir = Participant("kb:person:adel-al-jubeir", 0, 5, "الجبير")
    gentiloni = Participant("x:gentiloni", 0, 5, "جينتيلوني")
    lavrov = Participant("kb:person:sergey-lavrov", 0, 5, "لافروف")
    kerry = Participant("kb:person:john-kerry", 0, 5, "كيري")
    gcc = Participant("kb:org:gcc", 0, 5, "مجلس التعاون")
    reports = [
        _m("d1", "occurred", "2015-08-07", "2015-08-08", (jubeir, gentiloni), (), "meet"),
        _m("d2", "occurred", None, "2015-08-11", (jubeir, lavrov), (), "meet"),
        _m("d3", "occurred", "2015-08-08", "2015-08-09", (jubeir,), (), "meet"),
        _m("d4", "occurred", "2015-08-03", "2015-08-03", (kerry, gcc), (), "meet"),
        _m("d5", "occurred", "2015-08-03", "2015-08-03", (kerry,), (), "meet"),
    ]
    groups = merge_events([(r,) for r in reports])
    assert sorted(g.docs for g in groups) == [("d1", "d3"), ("d2",), ("d4", "d5")]


@pytest.mark.parametrize(
    ("actors", "start"),
    [
        ((PUTIN,), "Vladimir Putin visits Kazakhstan"),
        ((PUTIN, TOKAYEV), "Vladimir Putin and Kassym-Jomart Tokayev visit Kazakhstan"),
    ],
)
def test_events_description_verb_agrees_with_its_actors(
    actors: tuple[Participant, ...], start: str
) -> None:
    (g,) = merge_events([(_m("d1", "occurred", "2024-11-27", "2024-11-28", actors),)])
    en = {"wd:Q7747": "Vladimir Putin", "wd:Q1": "Kassym-Jomart Tokayev", "wd:Q232": "Kazakhstan"}
    assert to_export(g, {"en": en})["description_en"].startswith(start)


ASIR = Participant("x:asir", 20, 24, "عسير")
ABHA = Participant("x:abha", 20, 24, "أبها")


@pytest.mark.parametrize(
    ("place_b", "start_b", "same"),
    [
        (ASIR, "2015-08-06", True),  # two reports of the bombing in Asir, no perpetrator named
        (ABHA, "2015-08-06", False),  # another place
        (ASIR, "2015-07-06", False),  # a month before
    ],
)
def test_events_attacks_without_a_named_party_merge_by_place(
    place_b: Participant, start_b: str, same: bool
) -> None:
    def bombing(doc: str, place: Participant, start: str) -> EventMention:
        m = replace(_m(doc, "occurred", start, "2015-08-07", (), ()), location=place)
        return replace(m, type="ASSAULT", mode="explosion")

    first, second = bombing("d1", ASIR, "2015-08-06"), bombing("d2", place_b, start_b)
    groups = merge_events([(first,), (second,)])
    assert (len(groups) == 1) is same


@pytest.mark.parametrize(
    ("actors", "en", "ar"),
    [
        ((PUTIN,), "Vladimir Putin holds talks", "محادثات أجراها فلاديمير بوتين"),
        ((PUTIN, TOKAYEV), "talks between Vladimir Putin and Kassym-Jomart Tokayev", "محادثات بين"),
    ],
)
def test_events_description_of_talks_with_one_known_side(
    actors: tuple[Participant, ...], en: str, ar: str
) -> None:
    (g,) = merge_events([(_m("d1", "planned", None, "2024-11-28", actors, (), "meet"),)])
    names = {
        "en": {"wd:Q7747": "Vladimir Putin", "wd:Q1": "Kassym-Jomart Tokayev"},
        "ar": {"wd:Q7747": "فلاديمير بوتين", "wd:Q1": "قاسم جومارت توكاييف"},
    }
    rec = to_export(g, names)
    assert rec["description_en"].startswith(en)
    assert rec["description_ar"].startswith(ar)


MUALLEM = Participant("kb:person:walid-muallem", 0, 6, "المعلم")
TEHRAN = Participant("wd:Q3616", 10, 15, "طهران")
MUSCAT = Participant("kb:city:om:muscat", 10, 14, "مسقط")


def test_events_trips_of_one_traveller_to_two_countries_stay_apart() -> None:
    tehran = _m("d1", "planned", None, "2015-08-04", (MUALLEM,), (TEHRAN,))
    muscat = _m("d2", "occurred", "2015-08-06", "2015-08-07", (MUALLEM,), (MUSCAT,))
    assert len(merge_events([(tehran,), (muscat,)])) == 2


def test_events_a_report_joins_the_group_it_agrees_with_most() -> None:
    # the undated report could join either trip; it gives the Muscat trip's date
    tehran = _m("d1", "planned", None, "2015-08-04", (MUALLEM,), (TEHRAN,))
    muscat = _m("d2", "occurred", "2015-08-06", "2015-08-07", (MUALLEM,), (MUSCAT,))
    report = _m("d3", "occurred", "2015-08-06", "2015-08-07", (MUALLEM,), ())
    groups = merge_events([(tehran,), (muscat,), (report,)])
    assert [sorted(m.doc for m in g.mentions) for g in groups] == [["d1"], ["d2", "d3"]]


def test_events_every_type_and_mode_of_the_lexicon_has_its_description() -> None:
    from marsad.extract.events import load_triggers
    from marsad.resources import load_json

    templates = load_json("events", "descriptions.json")["templates"]
    entries = [e for row in load_triggers().by_first.values() for e in row]
    pairs = {(e.type, e.mode) for e in entries}
    assert ("SANCTION", "tariff") in pairs  # a mode given in a 'with' map counts too
    missing = sorted(
        f"{t}/{m}" for t, m in pairs if f"{t}/{m}" not in templates and t not in templates
    )
    assert missing == []


def test_events_description_of_praise() -> None:
    report = _m("d1", "occurred", "2024-11-27", "2024-11-27", (PUTIN,), (RU,))
    praise = replace(report, type="SUPPORT", mode="praise")
    rec = to_export(merge_events([(praise,)])[0])
    assert rec["description_en"].startswith("بوتين praises روسيا")
    assert rec["description_ar"].startswith("إشادة بوتين بـروسيا")


@pytest.mark.parametrize(
    ("mode", "en"),
    [("sign", "بوتين signs an agreement"), ("policy", "بوتين agrees")],
)
def test_events_description_of_an_agreement_with_one_known_side(mode: str, en: str) -> None:
    report = _m("d1", "occurred", "2024-11-27", "2024-11-27", (PUTIN,), ())
    rec = to_export(merge_events([(replace(report, type="AGREE", mode=mode),)])[0])
    assert rec["description_en"].startswith(en)
