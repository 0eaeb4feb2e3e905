from __future__ import annotations

from datetime import date

import pytest

from marsad.corpus.stories import EventKey, Story, StoryClusterer, dates_compatible, story_features
from marsad.errors import ConfigError

VISIT = "وصل الرئيس الروسي فلاديمير بوتين إلى أستانا في زيارة دولة تستمر يومين لبحث التعاون"
VISIT2 = "بدأ الرئيس الروسي فلاديمير بوتين زيارة دولة إلى أستانا لبحث التعاون بين البلدين"
OTHER = "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك خفض الإنتاج"


def test_stories_similar_articles_share_a_story() -> None:
    c = StoryClusterer()
    a = c.add(story_features("a", "بوتين في أستانا", VISIT, date(2024, 11, 27)))
    b = c.add(story_features("b", "زيارة بوتين", VISIT2, date(2024, 11, 28)))
    o = c.add(story_features("o", "النفط", OTHER, date(2024, 11, 28)))
    assert a == b != o


def test_stories_same_words_a_year_apart_are_two_stories() -> None:
    c = StoryClusterer()
    a = c.add(story_features("a", "بوتين في أستانا", VISIT, date(2024, 11, 27)))
    b = c.add(story_features("b", "بوتين في أستانا", VISIT2, date(2025, 11, 27)))
    assert a != b


def test_stories_shared_entities_raise_similarity() -> None:
    c = StoryClusterer(threshold=0.9)
    a = story_features("a", "", VISIT, None, {"wd:Q7747", "wd:Q232"})
    c.add(a)
    story = c.stories[c.assignment["a"]]
    with_ents = story_features("b", "", VISIT2, None, {"wd:Q7747"})
    without = story_features("c", "", VISIT2, None)
    assert c.similarity(with_ents, story) > c.similarity(without, story)


def test_stories_replay_keeps_assignment_and_order_independent_of_input() -> None:
    c = StoryClusterer()
    docs = [
        story_features("b", "زيارة بوتين", VISIT2, date(2024, 11, 28)),
        story_features("a", "بوتين في أستانا", VISIT, date(2024, 11, 27)),
    ]
    first = c.add_all(docs)
    replay = StoryClusterer()
    replay.add(docs[1], first["a"])
    assert replay.add(docs[0]) == first["b"]


@pytest.mark.parametrize(
    "kwargs", [{"threshold": 0.0}, {"threshold": 1.5}, {"window_days": -1}, {"entity_weight": 2}]
)
def test_stories_reject_bad_settings(kwargs: dict[str, float]) -> None:
    with pytest.raises(ConfigError):
        StoryClusterer(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "slack", "expected"),
    [
        ("XXXX-11-27", "2024-11-27", 0, True),
        ("2025-11-27", "2024-11-27", 0, False),
        ("2024-11-27", "2024-11-29", 3, True),
        ("2024-11-27", "2024-11-29", 0, False),
        ("2024-11", "2024-11-29", 0, True),
        (None, "2024-11-27", 0, False),
        ("2024", "2024-11-27", 0, False),
    ],
)
def test_stories_dates_compatible(a: str | None, b: str, slack: int, expected: bool) -> None:
    assert dates_compatible(a, b, slack) is expected


def _two_visits() -> StoryClusterer:
    c = StoryClusterer()
    c.add(story_features("v24", "بوتين في أستانا", VISIT, date(2024, 11, 27), dates=["2024-11-27"]))
    c.add(story_features("v25", "بوتين في أستانا", VISIT, date(2025, 11, 11), dates=["2025-11-12"]))
    return c


@pytest.mark.parametrize(("named", "story_of"), [("XXXX-11-27", "v24"), ("XXXX-11-12", "v25")])
def test_stories_undated_article_placed_by_the_days_it_names(named: str, story_of: str) -> None:
    c = _two_visits()
    sid = c.add(story_features("u", "بوتين في أستانا", VISIT2, None, dates=[named]))
    assert sid == c.assignment[story_of]
    assert c.span_of("u") == c.span_of(story_of)  # it takes its time from the story
    assert "u" in c.undated


def test_stories_undated_article_does_not_stretch_the_span() -> None:
    c = _two_visits()
    before = c.span_of("v24")
    c.add(story_features("u", "بوتين في أستانا", VISIT2, None, dates=["XXXX-11-27"]))
    assert c.span_of("v24") == before


def test_stories_undated_article_with_dated_text_uses_that_time() -> None:
    doc = story_features("u", "", VISIT2, None, dates=["2024-11-27", "XXXX-11-28", "2024-11-20"])
    assert doc.when == date(2024, 11, 27)
    c = _two_visits()
    assert c.add(doc) == c.assignment["v24"]


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (EventKey("CONSULT", frozenset({"wd:Q7747", "wd:Q232"}), "XXXX-11-28"), True),
        (EventKey("CONSULT", frozenset({"wd:Q7747"}), "2024-11-27"), False),  # one shared
        (EventKey("SUPPORT", frozenset({"wd:Q7747", "wd:Q232"}), "2024-11-27"), False),
        (EventKey("CONSULT", frozenset({"wd:Q7747", "wd:Q232"}), "2025-11-27"), False),
        (EventKey("CONSULT", frozenset({"wd:Q7747", "wd:Q232"}), None), False),
    ],
)
def test_stories_event_match_needs_type_two_participants_and_date(
    other: EventKey, expected: bool
) -> None:
    event = EventKey("CONSULT", frozenset({"wd:Q7747", "wd:Q232", "wd:Q159"}), "2024-11-27")
    assert event.matches(other) is expected


def test_stories_shared_event_raises_similarity() -> None:
    event = EventKey("CONSULT", frozenset({"wd:Q7747", "wd:Q232"}), "2024-11-27")
    c = StoryClusterer()
    c.add(story_features("a", "", VISIT, date(2024, 11, 27), events=[event]))
    story = c.stories[c.assignment["a"]]
    with_event = story_features("b", "", OTHER, date(2024, 11, 28), events=[event])
    without = story_features("c", "", OTHER, date(2024, 11, 28))
    assert c.similarity(with_event, story) == pytest.approx(c.similarity(without, story) + 0.1)


def test_stories_state_round_trip_gives_the_same_decisions() -> None:
    import json

    c = _two_visits()
    restored = StoryClusterer()
    for sid, story in c.stories.items():
        restored.stories[sid] = Story.from_state(sid, json.loads(json.dumps(story.to_state())))
    doc = story_features("u", "بوتين في أستانا", VISIT2, None, dates=["XXXX-11-27"])
    assert restored.best_story(doc)[0] is not None
    assert restored.add(doc) == c.add(doc)
    assert restored.stories[c.assignment["u"]].size == 2


def test_stories_a_day_every_story_names_places_nothing() -> None:
    c = StoryClusterer(threshold=0.05)
    c.add(story_features("a", "", VISIT, date(2024, 11, 27), dates=["2024-11-27"]))
    c.add(story_features("o", "", OTHER, date(2024, 11, 27), dates=["2024-11-27"]))
    assert c.assignment["a"] != c.assignment["o"]
    doc = story_features("u", "", VISIT2, None, dates=["XXXX-11-27"])
    story = c.stories[c.assignment["a"]]
    plain = c.similarity(doc, story, {"XXXX-11-27": 0.0})
    assert c.similarity(doc, story) == pytest.approx(plain + c.date_weight)
    best, best_sim = c.best_story(doc)  # both stories name the day: weight 1/2
    assert best is story and best_sim == pytest.approx(plain + c.date_weight / 2)
