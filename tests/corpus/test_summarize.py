"""Unit tests of marsad.corpus.summarize: single-document and story summaries."""

from __future__ import annotations

import pytest

from marsad.corpus.summarize import (
    SummaryWeights,
    score_sentences,
    summarize_document,
    summarize_documents,
)
from marsad.errors import ConfigError
from marsad.model import Sentence

S1 = "أعلنت وزارة الصحة السعودية اليوم افتتاح مستشفى جديد للأطفال في مدينة جدة بسعة ثلاثمائة سرير."
S2 = "وقال وزير الصحة إن مستشفى الأطفال الجديد في جدة يضم أقساما للعناية المركزة والجراحة."
S3 = "وكان الطقس معتدلا في المدينة خلال الأسبوع الماضي مع رياح خفيفة."
S4 = "وأضاف الوزير أن الوزارة تخطط لافتتاح مستشفيات مماثلة للأطفال في الرياض والدمام."
S5 = "شكرا."


def _doc(*parts: str) -> tuple[str, list[Sentence]]:
    text, sentences = "", []
    for p in parts:
        if text:
            text += " "
        sentences.append(Sentence(len(text), len(text) + len(p)))
        text += p
    return text, sentences


@pytest.mark.parametrize("method", ["marsad", "lead", "textrank"])
@pytest.mark.parametrize("k", [1, 2, 3])
def test_summarize_document_respects_max_sentences(method: str, k: int) -> None:
    text, sents = _doc(S1, S2, S3, S4, S5)
    out = summarize_document(text, sents, max_sentences=k, method=method)  # type: ignore[arg-type]
    assert len(out) == k
    assert all(s in sents for s in out)
    assert out == sorted(out, key=lambda s: s.start)


def test_summarize_document_prefers_central_sentences_over_asides() -> None:
    text, sents = _doc(S3, S1, S5, S2, S4)
    central = SummaryWeights(position=0.0)
    out = summarize_document(text, sents, max_sentences=3, weights=central)
    assert out == [sents[1], sents[3], sents[4]]
    assert sents[1] in summarize_document(text, sents, max_sentences=2)


def test_summarize_document_lead_takes_the_first_sentences() -> None:
    text, sents = _doc(S3, S1, S2)
    assert summarize_document(text, sents, max_sentences=2, method="lead") == sents[:2]


def test_summarize_document_word_budget() -> None:
    text, sents = _doc(S1, S2, S3, S4)
    out = summarize_document(text, sents, max_sentences=4, max_words=20)
    words = sum(len(text[s.start : s.end].split()) for s in out)
    assert 1 <= len(out) < 4
    assert words <= 20


def test_summarize_document_skips_repeated_sentences() -> None:
    text, sents = _doc(S1, S1.replace("اليوم", "أمس"), S4)
    out = summarize_document(text, sents, max_sentences=2)
    assert out == [sents[0], sents[2]]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"max_sentences": 0}, "max_sentences"), ({"max_words": 0}, "max_words")],
)
def test_summarize_document_rejects_bad_budgets(kwargs: dict[str, int], match: str) -> None:
    text, sents = _doc(S1, S2)
    with pytest.raises(ConfigError, match=match):
        summarize_document(text, sents, **kwargs)  # type: ignore[arg-type]


def test_summarize_document_rejects_sentence_outside_text() -> None:
    with pytest.raises(ConfigError, match="outside"):
        summarize_document("قصير", [Sentence(0, 50)])


def test_score_sentences_rejects_unknown_method() -> None:
    text, sents = _doc(S1, S2)
    with pytest.raises(ConfigError, match="unknown summary method"):
        score_sentences(text, sents, method="oracle")  # type: ignore[arg-type]


def test_summarize_empty_inputs() -> None:
    assert summarize_document("", []) == []
    assert summarize_documents([]) == []


def test_summarize_documents_drops_wire_copies_across_sources() -> None:
    a_text, a_sents = _doc(S1, S2, S3)
    b_text, b_sents = _doc("جدة - واس: " + S1, S4)  # the same lead sentence, with a dateline
    out = summarize_documents([("a", a_text, a_sents), ("b", b_text, b_sents)], max_sentences=4)
    picked = [(doc, (a_text if doc == "a" else b_text)[s.start : s.end]) for doc, s in out]
    leads = [p for p in picked if "افتتاح مستشفى جديد" in p[1]]
    assert len(leads) == 1
    assert ("b", S4) in picked
    assert [doc for doc, _ in out] == sorted(doc for doc, _ in out)


def test_summarize_documents_cites_offsets_into_each_document() -> None:
    a_text, a_sents = _doc(S3, S1)
    b_text, b_sents = _doc(S2, S4)
    out = summarize_documents([("a", a_text, a_sents), ("b", b_text, b_sents)], max_sentences=2)
    texts = {"a": a_text, "b": b_text}
    sents = {"a": a_sents, "b": b_sents}
    assert len(out) == 2
    for doc, s in out:
        assert s in sents[doc]
        assert texts[doc][s.start : s.end].endswith(".")


def test_summarize_documents_rejects_duplicate_ids() -> None:
    text, sents = _doc(S1)
    with pytest.raises(ConfigError, match="twice"):
        summarize_documents([("a", text, sents), ("a", text, sents)])


def test_summary_weights_change_the_choice() -> None:
    text, sents = _doc(S5, S3, S1, S2, S4)
    lead_heavy = SummaryWeights(centrality=0.0, position=1.0, length=0.0, min_words=1)
    central = SummaryWeights(centrality=1.0, position=0.0, length=0.0)
    first = summarize_document(text, sents, max_sentences=1, weights=lead_heavy)
    best = summarize_document(text, sents, max_sentences=1, weights=central)
    assert first == [sents[0]]
    assert best != first
