from __future__ import annotations

from datetime import date

import pytest

from marsad.corpus.stories import StoryClusterer, story_features
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
