"""marsad (مرصد): offline-first Arabic news intelligence."""

from marsad.errors import IngestError, MarsadError, Rejection
from marsad.model import Document, Metadata, Provenance
from marsad.pipeline import build_pipeline

__all__ = [
    "Document",
    "IngestError",
    "MarsadError",
    "Metadata",
    "Provenance",
    "Rejection",
    "build_pipeline",
]

__version__ = "0.1.0"
