from __future__ import annotations

import re

import pytest

from marsad.errors import PipelineError, StageError
from marsad.model import Document, Provenance
from marsad.pipeline import build_pipeline, registered


def _doc(text: str) -> Document:
    return Document(text, Provenance("t.txt", "file", "2025-01-01T00:00:00+00:00"))


def test_pipeline_runs_stages_in_configured_order() -> None:
    pipeline = build_pipeline(["clean", "segment"])
    doc = pipeline(_doc("Ru En\nوصل بوتن. ثم غادر."))
    assert pipeline.names == ("clean", "segment")
    assert doc.text == "وصل بوتن. ثم غادر."
    assert len(doc.sentences) == 2
    assert doc.raw == "Ru En\nوصل بوتن. ثم غادر."


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["segment", "clean"], "requires ['text']"),
        (["clean", "nope"], "unknown stage 'nope'"),
        (["clean", "clean"], "appears twice"),
    ],
)
def test_pipeline_refuses_to_build_bad_configuration(names: list[str], message: str) -> None:
    with pytest.raises(PipelineError, match=re.escape(message)):
        build_pipeline(names)


def test_pipeline_registry_declares_requirements() -> None:
    stages = registered()
    assert stages["segment"][0] == frozenset({"text"})
    assert "tokens" in stages["segment"][1]


def test_pipeline_wraps_stage_errors_with_stage_name() -> None:
    from marsad.errors import MarsadError
    from marsad.pipeline import Pipeline, Stage

    def boom(doc: Document) -> Document:
        raise MarsadError("bad input")

    pipeline = Pipeline([Stage("boom", frozenset(), frozenset(), boom)])
    with pytest.raises(StageError, match="stage boom: bad input"):
        pipeline(_doc("x"))
