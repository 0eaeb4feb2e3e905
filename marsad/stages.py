"""Imports every module that registers pipeline stages (see :mod:`marsad.pipeline`)."""

from marsad.extract import event_stages, temporal_stages
from marsad.extract.ner import stage as ner_stage
from marsad.resolve import stages as resolve_stages
from marsad.text import stages as text_stages

__all__ = ["event_stages", "ner_stage", "resolve_stages", "temporal_stages", "text_stages"]
