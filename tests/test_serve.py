"""`mkdocs serve` picks up an edited data file without a restart."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import make_project

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 - loopback only
        return r.read().decode()


def _wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if needle in _get(url):
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_reloads_on_data_change(tmp_path: Path):
    # No node_modules: the planner's runtime is left out, as on a machine before `npm ci`.
    project = make_project(tmp_path / "project", copy=("data",), link=("docs", "overrides")).parent
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/exercises/step-up/"
        assert _wait_for(url, "Step-up", 120), "mkdocs serve did not start:\n" + (tmp_path / "serve.log").read_text()
        path = project / "data" / "exercises" / "step-up.yaml"
        path.write_text(path.read_text().replace("name: Step-up", "name: Step-up onto a box"))
        assert _wait_for(url, "Step-up onto a box", 60), (
            "the page did not change after the data edit:\n" + (tmp_path / "serve.log").read_text()
        )
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
