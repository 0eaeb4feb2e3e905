"""Uploads: safe names (no path traversal), background jobs, progress, rejections."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from marsad.api.jobs import safe_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("/abs/path/a.txt", "a.txt"),
        ("..", "upload"),
        (".", "upload"),
        ("", "upload"),
        (None, "upload"),
        (".hidden.txt", "hidden.txt"),
        ("خبر عاجل.txt", "خبر_عاجل.txt"),
        ("a\x00b\n.txt", "ab.txt"),
        ("a/../../b.html", "b.html"),
        ("x" * 300 + ".txt", "x" * 96 + ".txt"),
    ],
)
def test_jobs_safe_name(raw: str | None, expected: str) -> None:
    name = safe_name(raw)
    assert name == expected
    assert "/" not in name and "\\" not in name and name not in (".", "..")


def _wait(client: Any, job_id: str, timeout: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")


def test_jobs_upload_processed_in_background(client: Any) -> None:
    files = [
        (
            "files",
            ("one.txt", "وصل الرئيس إلى موسكو يوم الثلاثاء.\nوعقد محادثات.".encode(), "text/plain"),
        ),
        (
            "files",
            (
                "two.html",
                "<html><body><article><p>خبر ثان من الرياض عن الاقتصاد والتجارة.</p>"
                "</article></body></html>".encode(),
                "text/html",
            ),
        ),
    ]
    r = client.post("/api/ingest", files=files)
    assert r.status_code == 202
    job = r.json()
    assert job["status"] in ("queued", "running", "done") and job["files"] == [
        "one.txt",
        "two.html",
    ]
    done = _wait(client, job["id"])
    assert done["status"] == "done", done
    assert done["processed"] == done["total"] == 2
    assert len(done["doc_ids"]) + len(done["rejections"]) == 2
    assert client.get("/api/health").json()["documents"] == 3 + done["new"]
    doc = client.get(f"/api/documents/{done['doc_ids'][0]}").json()
    assert doc["source"] == "upload/one.txt"  # the temp path does not leak
    assert any(j["id"] == job["id"] for j in client.get("/api/jobs").json())


def test_jobs_traversal_names_stay_in_upload_folder(client: Any, tmp_path: Path) -> None:
    evil = str(tmp_path / "escaped.txt")
    files = [
        (
            "files",
            ("../../../../" + evil.lstrip("/"), "نص عادي للتجربة هنا.".encode(), "text/plain"),
        )
    ]
    r = client.post("/api/ingest", files=files)
    assert r.status_code == 202
    assert r.json()["files"] == ["escaped.txt"]
    assert _wait(client, r.json()["id"])["status"] == "done"
    assert not Path(evil).exists()


@pytest.mark.parametrize(("name", "status"), [("evil.exe", 415), ("noext", 415), ("x.sh", 415)])
def test_jobs_refuses_unknown_kinds(client: Any, name: str, status: int) -> None:
    r = client.post("/api/ingest", files=[("files", (name, b"abc", "application/octet-stream"))])
    assert r.status_code == status
    assert r.json()["type"] == "/problems/bad-upload" and name.split(".")[-1] in r.json()["detail"]


def test_jobs_no_files_is_422(client: Any) -> None:
    r = client.post("/api/ingest", data={"x": "y"})
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"


def test_jobs_bad_file_becomes_rejection(client: Any) -> None:
    r = client.post("/api/ingest", files=[("files", ("empty.txt", b"", "text/plain"))])
    done = _wait(client, r.json()["id"])
    assert done["status"] == "done"
    assert done["doc_ids"] == [] and done["rejections"][0]["source"].startswith("upload/empty.txt")


@pytest.mark.parametrize(
    ("stages", "message"),
    [
        (["clean", "nope"], "unknown stage 'nope'"),
        (["clean", "clean"], "appears twice"),
        (["ner"], "requires"),
    ],
)
def test_jobs_bad_pipeline_fails_at_start_without_loading_models(
    tmp_path: Path, stages: list[str], message: str
) -> None:
    from marsad.api.jobs import JobManager
    from marsad.errors import PipelineError

    with pytest.raises(PipelineError, match=message):
        JobManager(str(tmp_path / "j.db"), stages)


def test_jobs_pipeline_built_on_first_use(tmp_path: Path) -> None:
    from marsad.api.jobs import JobManager

    jobs = JobManager(str(tmp_path / "j.db"), ["clean", "segment"])
    try:
        assert jobs._pipeline is None
        assert jobs.pipeline().names == ("clean", "segment")
        assert jobs.pipeline() is jobs.pipeline()
    finally:
        jobs.shutdown()
