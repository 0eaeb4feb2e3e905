from __future__ import annotations

from marsad.errors import Rejection
from marsad.exports.analysis import build_analysis, validate
from marsad.model import Document, Entity, EntityMention, Provenance, Quantity, TimeExpression
from marsad.pipeline import build_pipeline


def _doc() -> Document:
    raw = "Ru En\nوصل بوتين إلى أستانا. حدود بطول 7,591 كيلومتراً."
    doc = build_pipeline(["clean", "segment"])(Document(raw, Provenance("a.txt", "file", "t")))
    t = doc.text
    return doc.with_(
        entities=(
            EntityMention(t.index("بوتين"), t.index("بوتين") + 5, "بوتين", "PERSON", "wd:Q7747"),
            EntityMention(t.index("أستانا"), t.index("أستانا") + 6, "أستانا", "GPE"),
        ),
        times=(TimeExpression(0, 3, "وصل", "2024-11-27", "day", anchor="2024-11-27"),),
        quantities=(
            Quantity(
                t.index("7,591"),
                t.index("7,591") + 16,
                t[t.index("7,591") : t.index("7,591") + 16],
                7591.0,
                "km",
            ),
        ),
    )


def test_analysis_export_is_valid_and_offsets_exact() -> None:
    doc = _doc()
    putin = Entity("wd:Q7747", "PERSON", "فلاديمير بوتين", "Vladimir Putin", "Q7747")
    export = build_analysis(
        [doc], entities={putin.id: putin}, rejections=[Rejection("bad.bin", "ingest", "binary")]
    )
    assert validate(export) == []
    assert export["schema"] == "marsad.analysis/1"
    by_id = {e["id"]: e for e in export["entities"]}
    assert by_id["wd:Q7747"]["name_en"] == "Vladimir Putin"
    assert by_id["wd:Q7747"]["aliases"] == ["بوتين"]
    assert export["rejections"][0]["source"] == "bad.bin"
    assert export["documents"][0]["removed"][0]["reason"] == "language-switcher"


def test_analysis_validate_catches_wrong_offsets() -> None:
    export = build_analysis([_doc()])
    export["times"][0]["start"] += 1
    problems = validate(export)
    assert any("times/0" in p for p in problems)


def test_analysis_validate_catches_schema_violations() -> None:
    export = build_analysis([_doc()])
    del export["documents"][0]["text"]
    export["schema"] = "other/2"
    assert len(validate(export)) >= 2
