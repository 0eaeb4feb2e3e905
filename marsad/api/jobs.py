"""Ingestion jobs: uploaded files saved under safe names, processed in the background.

One worker thread runs the jobs in order (SQLite has one writer at a time, and the machine is
small); the API polls a job's progress by id. The uploaded files live in a temporary directory
that is removed when the job ends.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import threading
import unicodedata
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from marsad.errors import ConfigError, PipelineError, Rejection
from marsad.model import Document
from marsad.pipeline import Pipeline

__all__ = ["ALLOWED_SUFFIXES", "Job", "JobManager", "UploadRejected", "safe_name"]

logger = logging.getLogger(__name__)

#: the file kinds ingestion reads
ALLOWED_SUFFIXES = frozenset(
    {
        ".txt",
        ".text",
        ".md",
        ".html",
        ".htm",
        ".xhtml",
        ".jsonl",
        ".ndjson",
        ".xml",
        ".rss",
        ".atom",
    }
)
_UNSAFE = re.compile(r"[^\w.\-]+")
_MAX_NAME = 100


class UploadRejected(ConfigError):
    """Uploaded files that cannot be ingested; ``unsupported`` when a file's kind is the reason."""

    def __init__(self, message: str, *, unsupported: bool = False) -> None:
        super().__init__(message)
        self.unsupported = unsupported


JobStatus = Literal["queued", "running", "done", "failed"]


def safe_name(filename: str | None) -> str:
    """A file name that is safe to create in a directory: the last path component of
    ``filename`` with only letters, digits, ``_``, ``-`` and ``.``, no leading dot, at most 100
    characters. Never empty, never ``.`` or ``..``, never a path.

    >>> safe_name("../../etc/passwd")
    'passwd'
    >>> safe_name("C:\\\\temp\\\\خبر عاجل.txt")
    'خبر_عاجل.txt'
    """
    name = unicodedata.normalize("NFC", filename or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name).strip("._-")
    if len(name) > _MAX_NAME:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[: _MAX_NAME - len(suffix) - 1] + dot + suffix) if dot else name[:_MAX_NAME]
    return name or "upload"


@dataclass(slots=True)
class Job:
    """One ingestion job and its progress (read by the API while the worker updates it)."""

    id: str
    files: list[str]
    status: JobStatus = "queued"
    total: int | None = None
    processed: int = 0
    doc_ids: list[str] = field(default_factory=list)
    new: int = 0
    rejections: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    finished_at: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "files": list(self.files),
            "total": self.total,
            "processed": self.processed,
            "doc_ids": list(self.doc_ids),
            "new": self.new,
            "rejections": list(self.rejections),
            "error": self.error,
            "created_at": self.created_at,
            "finished_at": self.finished_at,
        }


def _check_stages(stages: Sequence[str]) -> None:
    """What :func:`build_pipeline` checks (names known, once each, requirements met in order),
    without building the stages."""
    from marsad.pipeline import BASE_LAYERS, registered

    known = registered()
    have, seen = set(BASE_LAYERS), set()
    for name in stages:
        if name not in known:
            raise PipelineError(f"unknown stage {name!r}; known stages: {', '.join(known)}")
        if name in seen:
            raise PipelineError(f"stage {name!r} appears twice in the pipeline")
        requires, provides = known[name]
        if missing := requires - have:
            raise PipelineError(
                f"stage {name!r} requires {sorted(missing)}, which no earlier stage provides"
            )
        have |= provides
        seen.add(name)


class JobManager:
    """Saves uploads and runs ingestion jobs on one background thread.

    Args:
        db: the SQLite store the jobs write to.
        stages: the pipeline's stage names (built once, checked now).
        keep: finished jobs remembered for polling.

    Raises:
        PipelineError: a stage name is unknown or its requirements are unmet.
    """

    def __init__(self, db: str, stages: Sequence[str], *, keep: int = 200) -> None:
        self.db = db
        self.stages = tuple(stages)
        _check_stages(self.stages)
        # built by the worker at the first job: loading models (the NER tagger) takes seconds,
        # which a server that only reads should not pay at start-up
        self._pipeline: Pipeline | None = None
        self.keep = keep
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="marsad-ingest")

    def pipeline(self) -> Pipeline:
        """The ingestion pipeline, built on first use (only the worker thread calls this)."""
        if self._pipeline is None:
            from marsad.pipeline import build_pipeline

            self._pipeline = build_pipeline(self.stages)
        return self._pipeline

    def submit(self, uploads: Sequence[tuple[str | None, bytes]]) -> Job:
        """Save ``(filename, content)`` pairs under safe names and queue a job over them.

        Raises:
            UploadRejected: no files, or a file whose kind ingestion cannot read.
        """
        if not uploads:
            raise UploadRejected("no files were uploaded (send them as multipart field 'files')")
        names: list[str] = []
        for i, (filename, _data) in enumerate(uploads):
            name = safe_name(filename)
            suffix = Path(name).suffix.lower()
            if suffix not in ALLOWED_SUFFIXES:
                raise UploadRejected(
                    f"file {i + 1} ({name!r}) has suffix {suffix or '(none)'!r}; accepted: "
                    + ", ".join(sorted(ALLOWED_SUFFIXES)),
                    unsupported=True,
                )
            names.append(name)
        folder = Path(tempfile.mkdtemp(prefix="marsad-upload-"))
        paths: list[Path] = []
        for i, (name, (_f, data)) in enumerate(zip(names, uploads, strict=True)):
            path = folder / f"{i:03d}_{name}"
            # the name has no separator; check anyway that it stays inside the folder
            if path.resolve().parent != folder.resolve():
                raise UploadRejected(f"upload name {name!r} leaves the upload folder")
            path.write_bytes(data)
            paths.append(path)
        job = Job(uuid.uuid4().hex, names)
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        self._pool.submit(self._run, job, folder, paths, names)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def all(self) -> list[Job]:
        with self._lock:
            return list(reversed(self._jobs.values()))

    def _forget_old(self) -> None:
        done = [j for j in self._jobs.values() if j.status in ("done", "failed")]
        for job in done[: max(0, len(self._jobs) - self.keep)]:
            del self._jobs[job.id]

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self, job: Job, folder: Path, paths: list[Path], names: list[str]) -> None:
        from marsad.engine.local import run_documents
        from marsad.ingest import count_inputs, read_inputs
        from marsad.store.sqlite import SqliteStore

        job.status = "running"
        by_path = {str(p): f"upload/{n}" for p, n in zip(paths, names, strict=True)}
        inputs = [str(p) for p in paths]

        def renamed(items: Any) -> Any:
            # the temporary path means nothing to a reader (and should not leak): name the
            # document by its uploaded file instead
            for item in items:
                if isinstance(item, Document):
                    src = by_path.get(item.provenance.source, item.provenance.source)
                    item = item.with_(provenance=replace(item.provenance, source=src))
                elif isinstance(item, Rejection):
                    item = replace(item, source=_rename(item.source, by_path))
                yield item

        def tick(_item: object) -> None:
            job.processed += 1

        try:
            job.total = count_inputs(inputs)
            with SqliteStore.open(self.db) as store:
                report = run_documents(
                    renamed(read_inputs(inputs)), self.pipeline(), store, on_item=tick
                )
            job.doc_ids = list(report.doc_ids)
            job.new = report.new
            job.rejections = [
                {"source": r.source, "stage": r.stage, "reason": r.reason, "document": r.document}
                for r in report.rejections
            ]
            job.status = "done"
        except Exception as exc:  # a failed job is reported to the client, not lost in a thread
            logger.exception("ingestion job %s failed", job.id)
            job.error = f"{type(exc).__name__}: {exc}"
            job.status = "failed"
        finally:
            job.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
            shutil.rmtree(folder, ignore_errors=True)


def _rename(source: str, by_path: dict[str, str]) -> str:
    for path, name in by_path.items():
        if source.startswith(path):
            return name + source[len(path) :]
    return source
