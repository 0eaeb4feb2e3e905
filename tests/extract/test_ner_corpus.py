"""How the NER training reads the unlabelled corpora (:mod:`marsad.extract.ner.corpus`)."""

from marsad.extract.ner.corpus import raw_lines


def test_raw_lines_keep_words_whole() -> None:
    # tanween and shadda are not \w: left in, they would cut "نظرًا" into "نظر ً ا"
    assert raw_lines(["نظرًا لأنّ الرئيسَ قال: نعم\nقصير"]) == ["نظرا لأن الرئيس قال : نعم"]


def test_raw_lines_keep_letters_as_written() -> None:
    # not folded: the e5 teacher reads hamzas, taa marbuta and alef maqsura as written
    assert raw_lines(["أعلنت المنظمة الدولية إلى"]) == ["أعلنت المنظمة الدولية إلى"]
