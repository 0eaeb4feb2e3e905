"""Imports every module that registers pipeline stages (see :mod:`marsad.pipeline`)."""

from marsad.extract import event_stages, temporal_stages
from marsad.resolve import stages as resolve_stages
from marsad.text import stages as text_stages

__all__ = ["event_stages", "resolve_stages", "temporal_stages", "text_stages"]
