import pytest

from marsad.extract.ner.encode import N_FLAGS, Encoder
from marsad.extract.ner.features import Lexicon, fold, sentence_features, split_proclitic


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("أحمد", "احمد"),
        ("إسلامية", "اسلاميه"),
        ("مصطفى", "مصطفي"),
        ("عامِ", "عام"),
        ("٢٠٢٥", "0000"),
        ("رئيس", "رييس"),
    ],
)
def test_features_fold(word: str, folded: str) -> None:
    assert fold(word) == folded


COUNTS = {"موسكو": 500, "بريطانيا": 800, "ريطانيا": 0, "الصين": 900, "صين": 3, "لبنان": 700}


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("وموسكو", ("و", "موسكو")),
        ("بريطانيا", ("", "بريطانيا")),
        ("والصين", ("و", "الصين")),
        ("ولبنان", ("و", "لبنان")),
        ("و", ("", "و")),
        ("مجهول", ("", "مجهول")),
    ],
)
def test_features_split_proclitic_prefers_frequent_stem(
    word: str, expected: tuple[str, str]
) -> None:
    assert split_proclitic(word, COUNTS) == expected


def _lexicon() -> Lexicon:
    lex = Lexicon(counts=dict(COUNTS))
    lex.add_name("الامم المتحده", "O")
    lex.add_name("موسكو", "L")
    lex.clusters["موسكو"] = (3, 17, 250)
    return lex


def test_features_sentence_context_and_gazetteer() -> None:
    feats = sentence_features(["زار", "وموسكو", "الأمم", "المتحدة"], _lexicon())
    assert len(feats) == 4
    assert "s=موسكو" in feats[1]
    assert "p=و" in feats[1]
    assert "gz=L" in feats[1]
    assert "c1=17" in feats[1]
    assert "gm=BO" in feats[2]
    assert "gm=IO" in feats[3]
    assert "-1s=<S>" in feats[0]
    assert "1s=</S>" in feats[3]


def test_features_encoder_shapes_and_unknowns() -> None:
    lex = _lexicon()
    enc = Encoder(
        ["<pad>", "<unk>", "موسكو"], ["<pad>", "<unk>", "", "و"], ["<pad>", "<unk>", "م"], lex
    )
    out = enc.encode(["وموسكو", "xyz", "،"])
    assert out.words.tolist() == [2, 1, 1]
    assert out.prefixes.tolist() == [3, 2, 2]
    assert out.chars.shape == (3, 22)
    assert out.chars[0, 0] == 0  # left padding
    assert out.chars[0, 2] == 2  # م after و (unknown char id 1)
    assert out.flags.shape == (3, N_FLAGS)
    assert out.flags[1].sum() > 0
