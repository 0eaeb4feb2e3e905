"""``marsad serve`` as a user starts it: a real uvicorn process on a free port of 127.0.0.1."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

# the CLI lists ``serve`` once the lead registers it; until then the module is driven directly
RUN = (
    "import argparse, sys\n"
    "from marsad.commands import serve\n"
    "p = argparse.ArgumentParser(prog='marsad'); sub = p.add_subparsers()\n"
    "serve.register(sub)\n"
    "a = p.parse_args(sys.argv[1:]); sys.exit(a.func(a))\n"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_serve_starts_on_loopback_and_answers(tmp_path: Path) -> None:
    port = _free_port()
    db = tmp_path / "serve.db"
    cmd = [sys.executable, "-c", RUN, "serve", "--db", str(db), "--port", str(port), "--token", "t"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                status, headers, body = _get(f"http://127.0.0.1:{port}/api/health")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(
                        proc.stderr.read().decode() if proc.stderr else ""
                    ) from None
                time.sleep(0.1)
        assert status == 200
        assert json.loads(body) == {"status": "ok", "documents": 0, "token_required": True}
        assert "default-src 'self'" in headers["content-security-policy"]
        status, _headers, body = _get(f"http://127.0.0.1:{port}/")
        assert status == 200 and b'dir="rtl"' in body
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize("port", ["0", "70000"])
def test_serve_refuses_bad_port(tmp_path: Path, port: str) -> None:
    cmd = [sys.executable, "-c", RUN, "serve", "--db", str(tmp_path / "x.db"), "--port", port]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2 and "--port" in done.stderr
