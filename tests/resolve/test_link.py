"""Linking within and across documents: roles by date, surnames, clusters, gazetteer merge."""

from __future__ import annotations

import pytest

from marsad.model import EntityMention
from marsad.resolve.gazetteer import find_kb_mentions
from marsad.resolve.kb import KnowledgeBase
from marsad.resolve.link import link_document, resolve_corpus
from tests.resolve.docs import make_doc, ner


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def _ids(doc, kb, surface):  # type: ignore[no-untyped-def]
    return {m.entity for m in doc.entities if m.text == surface}


@pytest.mark.parametrize(
    ("text", "surface", "name_en"),
    [
        ("وقال لبوتين إن", "بوتين", "Vladimir Putin"),
        ("زار وموسكو أمس", "موسكو", "Moscow"),
        ("أعلن الـ كريملِن اليوم", "الـ كريملِن", "Kremlin"),
        ("قال سيرجي لافروف", "سيرجي لافروف", "Sergey Lavrov"),
    ],
)
def test_gazetteer_finds_variants_with_clitics(
    kb: KnowledgeBase, text: str, surface: str, name_en: str
) -> None:
    ms = find_kb_mentions(make_doc(text), kb)
    hit = [m for m in ms if m.text == surface]
    assert hit and kb.get(hit[0].entity).name_en == name_en  # type: ignore[union-attr]
    assert all(m.text == text[m.start : m.end] for m in ms)


@pytest.mark.parametrize(
    ("published", "name_en"),
    [("2024-11-27", "Joe Biden"), ("2025-06-01", "Donald Trump"), ("2016-06-01", "Barack Obama")],
)
def test_link_role_resolves_by_date(kb: KnowledgeBase, published: str, name_en: str) -> None:
    doc = link_document(make_doc("وقال الرئيس الأمريكي إن", published), kb)
    role = [m for m in doc.entities if m.text == "الرئيس الأمريكي"]
    assert role and role[0].type == "PERSON"
    assert kb.get(role[0].entity).name_en == name_en  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["وقال نائب الرئيس الأمريكي إن", "وقال الرئيس الأمريكي السابق إن"])
def test_link_role_blocked_for_deputy_and_former(kb: KnowledgeBase, text: str) -> None:
    doc = link_document(make_doc(text, "2024-11-27"), kb)
    assert not any(m.type == "PERSON" for m in doc.entities)


def test_link_foreign_minister_with_country_name(kb: KnowledgeBase) -> None:
    doc = link_document(make_doc("التقى وزير خارجية كازاخستان بنظيره", "2024-11-01"), kb)
    assert any(kb.get(m.entity).name_en == "Murat Nurtleu" for m in doc.entities)  # type: ignore[union-attr]


def test_link_nisba_links_country(kb: KnowledgeBase) -> None:
    doc = link_document(make_doc("تطوير العلاقات الروسية - الكازاخستانية"), kb)
    assert {m.entity for m in doc.entities if m.type == "MISC"} == {"wd:Q159", "wd:Q232"}


def test_link_surname_after_full_name_unknown_person(kb: KnowledgeBase) -> None:
    text = "صرح المتحدث فيكتور بيتروفسكي بأن الزيارة مهمة. وأضاف بيتروفسكي أن"
    spans = ner(text, ("فيكتور بيتروفسكي", "PERSON"))
    spans += ner(text, ("بيتروفسكي", "PERSON"), occurrence=1)
    doc = link_document(make_doc(text, entities=spans), kb)
    ids = {m.entity for m in doc.entities if m.type == "PERSON"}
    assert len(ids) == 1 and next(iter(ids)).startswith("x:")


def test_link_surname_after_full_name_kb_person(kb: KnowledgeBase) -> None:
    text = "استقبل الرئيس جوزيف عون ضيفه. وقال عون إن"
    spans = ner(text, ("جوزيف عون", "PERSON")) + ner(text, ("عون", "PERSON"), occurrence=1)
    doc = link_document(make_doc(text, entities=spans), kb)
    assert {m.entity for m in doc.entities if m.type == "PERSON"} == {"kb:person:joseph-aoun"}


def test_link_ner_title_and_type_fixed(kb: KnowledgeBase) -> None:
    text = "وصل الرئيس فلاديمير بوتين إلى أستانا"
    spans = ner(text, ("الرئيس فلاديمير بوتين", "PERSON"), ("أستانا", "LOC"))
    doc = link_document(make_doc(text, entities=spans), kb)
    by_text = {m.text: m for m in doc.entities}
    assert by_text["أستانا"].type == "GPE" and by_text["أستانا"].entity == "wd:Q1520"
    assert any(m.entity == "wd:Q7747" for m in doc.entities)
    assert all(m.text == text[m.start : m.end] for m in doc.entities)


def test_link_person_span_starting_with_a_country_adjective_starts_at_the_name(
    kb: KnowledgeBase,
) -> None:
    text = "قال نائب وزير الخارجية الكازاخستاني رومان فاسيلنكو إن"
    doc = link_document(
        make_doc(text, entities=ner(text, ("الكازاخستاني رومان فاسيلنكو", "PERSON"))), kb
    )
    by_type = {m.type: m for m in doc.entities}
    assert by_type["PERSON"].text == "رومان فاسيلنكو"
    assert by_type["MISC"].entity == "wd:Q232"


def test_link_a_longer_kb_name_holding_a_resolved_ner_mention_wins(kb: KnowledgeBase) -> None:
    """The NER tags "افريقيا" (Africa) inside "جنوب افريقيا": the knowledge base's longer
    name (South Africa) is the one meant."""
    text = "ورفضت جنوب افريقيا اعتقال البشير"
    doc = link_document(make_doc(text, entities=ner(text, ("افريقيا", "LOC"))), kb)
    assert [(m.text, m.entity) for m in doc.entities if "افريقيا" in m.text] == [
        ("جنوب افريقيا", "wd:Q258")
    ]


def test_link_ner_org_containing_place_is_kept(kb: KnowledgeBase) -> None:
    text = "درس في جامعة موسكو الحكومية"
    doc = link_document(make_doc(text, entities=ner(text, ("جامعة موسكو الحكومية", "ORG"))), kb)
    assert [m.text for m in doc.entities] == ["جامعة موسكو الحكومية"]


def test_resolve_corpus_clusters_unknown_names_across_documents(kb: KnowledgeBase) -> None:
    t1 = "قال فيكتور بيتروفسكي إن"
    t2 = "وأضاف بيتروفسكي أن الرئيس"
    t3 = "أكد فيكتور بيتروفسكي أن"
    docs = [
        link_document(make_doc(t1, entities=ner(t1, ("فيكتور بيتروفسكي", "PERSON"))), kb),
        link_document(make_doc(t2, entities=ner(t2, ("بيتروفسكي", "PERSON"))), kb),
        link_document(make_doc(t3, entities=ner(t3, ("فيكتور بيتروفسكي", "PERSON"))), kb),
    ]
    ents, out = resolve_corpus(docs, kb)
    ids = {m.entity for d in out for m in d.entities if m.type == "PERSON"}
    assert len(ids) == 1
    ent = next(e for e in ents if e.id in ids)
    assert ent.id.startswith("x:") and ent.name == "فيكتور بيتروفسكي" and ent.name_en


def _mali_mentions(text: str) -> tuple[EntityMention, ...]:
    out, start = [], text.find("مالي")
    while start >= 0:
        if text[start + 4 : start + 5] in (" ", ".", ""):  # the word مالي, not ماليا
            out.append(EntityMention(start, start + 4, "مالي", "LOC"))
        start = text.find("مالي", start + 1)
    return tuple(out)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("وقدمت السعودية دعم مالي كبير", 0),  # financial support
        ("وعروض في مسرح مالي في موسكو", 0),  # the Maly Theatre
        ("وقال رئيس مالي إن الهجوم فشل", 1),  # a place head: the country
        ("زار الرئيس بلدانا منها السنغال ومالي", 1),  # a clitic on it
        ("وقعت هجمات في شمال مالي. وطلبت الحكومة دعم مالي", 2),  # named firmly once: both
    ],
)
def test_link_adjective_homograph(kb: KnowledgeBase, text: str, kept: int) -> None:
    doc = link_document(make_doc(text, "2018-01-01", _mali_mentions(text)), kb)
    assert sum(m.entity == "wd:Q912" for m in doc.entities) == kept
