from __future__ import annotations

import pytest

from marsad.text.segment import split_sentences, tokenize


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصل بوتن. ثم غادر.", ["وصل بوتن.", "ثم غادر."]),
        ("هل وصل؟ نعم! انتهى", ["هل وصل؟", "نعم!", "انتهى"]),
        ("حدود بطول 7,591 كيلومتراً و2.5 مليون.", ["حدود بطول 7,591 كيلومتراً و2.5 مليون."]),
        ("سطر أول\nسطر ثان", ["سطر أول", "سطر ثان"]),
        ('قال: "نعم. لا". ثم غادر.', ['قال: "نعم. لا".', "ثم غادر."]),
        ("قال «هذا مهم. جدا» ومضى. انتهى", ["قال «هذا مهم. جدا» ومضى.", "انتهى"]),
        ("It works. Yes!", ["It works.", "Yes!"]),
        ("د. أحمد وصل. انتهى", ["د. أحمد وصل.", "انتهى"]),
        ("\n\n  \n", []),
    ],
)
def test_segment_split_sentences(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("وموسكو", "موسكو"),
        ("لبوتين", "بوتين"),
        ("والكرملين", "الكرملين"),
        ("بوتين", "بوتين"),
        ("لافروف", "لافروف"),
        ("كازاخستان", "كازاخستان"),
        ("فلاديمير", "فلاديمير"),
        ("وزير", "وزير"),
        ("كما", "كما"),
        ("لكن", "لكن"),
    ],
)
def test_segment_tokens_know_proclitics(word: str, stem: str) -> None:
    (token,) = tokenize(word)
    assert token.stem == stem
    assert token.text == word


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("للكرملين", "الكرملين"),
        ("وموسكو", "موسكو"),
        ("لبوتين", "بوتين"),
        ("الـ كريملِن", "الكريملن"),
    ],
)
def test_segment_token_keys_drop_clitics_and_article(a: str, b: str) -> None:
    (ta,) = tokenize(a)
    (tb,) = tokenize(b)
    assert ta.key == tb.key


def test_segment_tokens_keep_offsets_and_numbers_whole() -> None:
    text = "حدود بطول ٧٬٥٩١ كم، و7,591.5 كم."
    tokens = tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.text for t in tokens if t.text[0].isdigit()] == ["٧٬٥٩١", "7,591.5"]
    assert [t.text for t in tokens if not t.is_word] == ["،", "."]


def test_segment_detached_article_is_one_token() -> None:
    tokens = tokenize("أعلنه الـ كريملِن اليوم")
    assert [t.text for t in tokens] == ["أعلنه", "الـ كريملِن", "اليوم"]
