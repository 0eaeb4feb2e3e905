"""The local runner: inputs -> pipeline -> store, one document at a time, in one process.

A bad input or a document a stage cannot process becomes a :class:`~marsad.errors.Rejection`
and the batch goes on. Each document is stored in its own transaction, so killing the process
loses at most the document being written, never one already committed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from marsad.errors import Rejection, StageError
from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.store.sqlite import SqliteStore, StoredDocument

__all__ = ["RunReport", "run_documents"]

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class RunReport:
    """What a run did: the documents of its inputs (new or already stored) and the rejections."""

    doc_ids: list[str] = field(default_factory=list)
    stored: list[StoredDocument] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def new(self) -> int:
        """Documents stored by this run (new, or a new version of a stored one)."""
        return sum(1 for s in self.stored if s.status in ("new", "version"))

    @property
    def reanalysed(self) -> int:
        """Stored documents analysed again because another pipeline wrote their layers."""
        return sum(1 for s in self.stored if s.status == "reanalysed")


def run_documents(
    items: Iterable[Document | Rejection],
    pipeline: Pipeline,
    store: SqliteStore,
    *,
    on_item: Callable[[Document | Rejection], None] | None = None,
) -> RunReport:
    """Process and store every document of ``items``; record every rejection.

    A document whose id is already stored (same content, same id) is not processed again,
    unless its layers were written by another pipeline (``Pipeline.fingerprint`` differs: an
    upgraded model, another KB): then it is analysed again and its layers replaced.
    """
    report = RunReport()
    for item in items:
        if on_item is not None:
            on_item(item)
        if isinstance(item, Rejection):
            _reject(report, store, item)
            continue
        if item.id in report.doc_ids:
            continue
        stored = store.has(item.id)
        if stored and pipeline.fingerprint in (None, store.analysed_with(item.id)):
            report.doc_ids.append(item.id)
            report.stored.append(StoredDocument(item.id, "exists", None))
            continue
        try:
            doc = pipeline(item)
        except StageError as exc:
            _reject(
                report, store, Rejection(item.provenance.source, exc.stage, exc.reason, item.id)
            )
            continue
        except Exception as exc:  # a bug in a stage must not stop the batch; it is reported
            logger.exception("internal error on %s", item.provenance.source)
            reason = f"internal error: {type(exc).__name__}: {exc}"
            _reject(report, store, Rejection(item.provenance.source, "pipeline", reason, item.id))
            continue
        if stored:
            report.stored.append(store.reanalysed(doc, pipeline.fingerprint))
        else:
            report.stored.append(store.put(doc, pipeline.fingerprint))
        report.doc_ids.append(doc.id)
    return report


def _reject(report: RunReport, store: SqliteStore, rejection: Rejection) -> None:
    logger.info("%s", rejection)
    report.rejections.append(rejection)
    store.log_rejection(rejection)
