"""How the NER training reads the unlabelled corpora (:mod:`marsad.extract.ner.corpus`)."""

import json
import zipfile
from pathlib import Path

from marsad.extract.ner.corpus import raw_lines, write_folded_corpus


def test_raw_lines_keep_words_whole() -> None:
    # tanween and shadda are not \w: left in, they would cut "نظرًا" into "نظر ً ا"
    assert raw_lines(["نظرًا لأنّ الرئيسَ قال: نعم\nقصير"]) == ["نظرا لأن الرئيس قال : نعم"]


def test_raw_lines_keep_letters_as_written() -> None:
    # not folded: the e5 teacher reads hamzas, taa marbuta and alef maqsura as written
    assert raw_lines(["أعلنت المنظمة الدولية إلى"]) == ["أعلنت المنظمة الدولية إلى"]


def test_folded_corpus_keeps_diacritised_words_whole(tmp_path: Path) -> None:
    # the corpus of the word vectors, counts and context models is cut like the teacher's: a
    # word with tanween or shadda is one token ("جدًّا" was "جد ا" with an empty token between)
    corpora = tmp_path / "corpora"
    (corpora / "saudinewsnet").mkdir(parents=True)
    article = {"title": "", "content": "وصل الوفد جدًّا متأخرًا\nقال إنّ الرئيسَ سيزور موسكو"}
    with zipfile.ZipFile(corpora / "saudinewsnet" / "2015-08-01.zip", "w") as z:
        z.writestr("a.json", json.dumps([article], ensure_ascii=False))
    out = tmp_path / "folded.txt"
    assert write_folded_corpus(corpora, out) == 9
    assert out.read_text("utf-8").split("\n") == [
        "وصل الوفد جدا متاخرا",
        "قال ان الرييس سيزور موسكو",
        "",
    ]
