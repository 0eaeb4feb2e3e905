"""The stage registry and the pipeline assembled from configuration.

A stage is a callable ``Document -> Document`` that declares the layers it ``requires`` and the
layers it ``provides``. :func:`build_pipeline` takes stage names in the order the configuration
gives and refuses to build when a stage needs a layer that no earlier stage provides, so a bad
configuration fails before the first document, not half-way through a corpus.

A pipeline has a ``fingerprint``: a digest of its stage names, their options (the content of
the files they name) and marsad's analysis code and shipped models. The store keeps it with
each document, so a document analysed by another pipeline (an upgraded model, another KB) is
analysed again instead of keeping stale layers.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.errors import MarsadError, PipelineError, StageError
from marsad.model import Document

__all__ = [
    "BASE_LAYERS",
    "Pipeline",
    "Stage",
    "analysis_digest",
    "build_pipeline",
    "register",
    "registered",
]

logger = logging.getLogger(__name__)

#: What every ingested document has before any stage runs.
BASE_LAYERS = frozenset({"raw", "metadata", "provenance"})


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    requires: frozenset[str]
    provides: frozenset[str]
    run: Callable[[Document], Document]

    def __call__(self, doc: Document) -> Document:
        return self.run(doc)


StageFactory = Callable[..., Stage]
_REGISTRY: dict[str, StageFactory] = {}


def register(
    name: str, *, requires: Iterable[str], provides: Iterable[str]
) -> Callable[[Callable[..., Callable[[Document], Document]]], StageFactory]:
    """Register a stage factory under ``name``.

    The decorated function is called once when a pipeline is built (load models there) and
    returns the per-document callable. It receives the stage's options from
    :func:`build_pipeline` as keyword arguments (e.g. the ``link`` stage's extra KB files).

    Example::

        @register("clean", requires={"raw"}, provides={"text", "removed"})
        def clean_stage() -> Callable[[Document], Document]:
            return clean_document
    """
    req, prov = frozenset(requires), frozenset(provides)

    def decorate(make: Callable[..., Callable[[Document], Document]]) -> StageFactory:
        if name in _REGISTRY:
            raise PipelineError(f"stage {name!r} is registered twice")

        def factory(**options: Any) -> Stage:
            return Stage(name, req, prov, make(**options))

        factory.requires = req  # type: ignore[attr-defined]
        factory.provides = prov  # type: ignore[attr-defined]
        _REGISTRY[name] = factory
        return factory

    return decorate


def registered() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """The registered stages with what each requires and provides."""
    _load_builtin_stages()
    return {
        name: (f.requires, f.provides)  # type: ignore[attr-defined]
        for name, f in sorted(_REGISTRY.items())
    }


class Pipeline:
    """Stages in order; calling it runs each over a document."""

    def __init__(self, stages: Sequence[Stage], fingerprint: str | None = None) -> None:
        self.stages = tuple(stages)
        #: what produced the layers (see the module's docstring); None: not tracked
        self.fingerprint = fingerprint

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            try:
                doc = stage(doc)
            except MarsadError as exc:
                raise StageError(stage.name, str(exc)) from exc
        return doc


def build_pipeline(
    names: Sequence[str], options: Mapping[str, Mapping[str, Any]] | None = None
) -> Pipeline:
    """Build the pipeline whose stages are ``names``, in that order.

    Args:
        names: stage names, in order.
        options: keyword options per stage name, passed to its factory; options for a stage
            that is not in the pipeline are ignored.

    Raises:
        PipelineError: a name is not registered, appears twice, or needs a layer no earlier
            stage provides.
    """
    _load_builtin_stages()
    have = set(BASE_LAYERS)
    seen: set[str] = set()
    plan: list[StageFactory] = []
    for name in names:
        if name not in _REGISTRY:
            known = ", ".join(sorted(_REGISTRY))
            raise PipelineError(f"unknown stage {name!r}; known stages: {known}")
        if name in seen:
            raise PipelineError(f"stage {name!r} appears twice in the pipeline")
        factory = _REGISTRY[name]
        missing = factory.requires - have  # type: ignore[attr-defined]
        if missing:
            raise PipelineError(
                f"stage {name!r} requires {sorted(missing)}, which no earlier stage provides "
                f"(pipeline so far: {sorted(seen) or 'empty'})"
            )
        have |= factory.provides  # type: ignore[attr-defined]
        seen.add(name)
        plan.append(factory)
    opts = {n: dict(o) for n, o in (options or {}).items() if n in seen}
    stages = [f(**opts.get(n, {})) for n, f in zip(names, plan, strict=True)]
    return Pipeline(stages, _fingerprint(names, opts))


# Parts of the package that never change what a stage writes (the faces and the evaluation).
_NOT_ANALYSIS = frozenset({"api", "commands", "eval", "exports", "web", "__pycache__"})


@lru_cache(maxsize=1)
def analysis_digest() -> str:
    """A SHA-256 of marsad's analysis code and shipped resources (models, lexicons, KB).

    Example:
        >>> len(analysis_digest())
        64
    """
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or _NOT_ANALYSIS.intersection(rel.parts) or path.suffix == ".pyc":
            continue
        digest.update(rel.as_posix().encode() + b"\0" + _file_sha256(path).encode())
    return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _option_value(value: object) -> object:
    if isinstance(value, Path):  # a file option counts by its content
        return _file_sha256(value) if value.is_file() else str(value)
    return repr(value)


def _fingerprint(names: Sequence[str], options: Mapping[str, Mapping[str, Any]]) -> str:
    key = json.dumps([list(names), options], sort_keys=True, default=_option_value)
    return hashlib.sha256((key + analysis_digest()).encode()).hexdigest()[:32]


def _load_builtin_stages() -> None:
    # Importing the stage modules registers them; done lazily so importing marsad stays cheap.
    import marsad.stages  # noqa: F401
