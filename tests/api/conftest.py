"""Fixtures for the API tests: a store of hand-built documents and a TestClient over it."""

from __future__ import annotations

import importlib.util
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the API needs fastapi (pip install fastapi)")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette prefers httpx2 over httpx; both work
    from fastapi.testclient import TestClient

from marsad.api import ApiSettings, create_app


def load_samples() -> ModuleType:
    """``tests/api/sample_store.py``, loaded by path (tests are not a package)."""
    name = "marsad_test_sample_store"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("sample_store.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def samples() -> ModuleType:
    return load_samples()


@pytest.fixture
def store_ids(tmp_path: Path, samples: ModuleType) -> dict[str, str]:
    ids: dict[str, str] = samples.build_store(tmp_path / "api.db")
    return ids


def make_client(
    tmp_path: Path, samples: ModuleType, ids: dict[str, str], **settings: Any
) -> TestClient:
    layers = samples.corpus_layers(ids["visit"])
    app = create_app(
        ApiSettings(db=tmp_path / "api.db", **settings), corpus_layers=lambda _store: layers
    )
    return TestClient(app)


@pytest.fixture
def client(tmp_path: Path, samples: ModuleType, store_ids: dict[str, str]) -> Iterator[TestClient]:
    with make_client(tmp_path, samples, store_ids) as c:
        yield c


@pytest.fixture
def client_with(tmp_path: Path, samples: ModuleType, store_ids: dict[str, str]) -> Iterator[Any]:
    """Makes a client with other settings (``token=...``, ``max_body_bytes=...``, ``rate=...``)."""
    made: list[TestClient] = []

    def factory(**settings: Any) -> TestClient:
        c = make_client(tmp_path, samples, store_ids, **settings)
        c.__enter__()
        made.append(c)
        return c

    yield factory
    for c in made:
        c.__exit__(None, None, None)
