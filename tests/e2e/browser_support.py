"""What the browser test modules share: where Chromium is, and a ``zoneatlas serve``
process over a freshly built demo database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("ZONEATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_health(server: subprocess.Popen[bytes], url: str, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        if server.poll() is not None:
            pytest.fail(f"zoneatlas serve exited early:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"zoneatlas serve did not answer /healthz:\n{log_path.read_text()}")
        time.sleep(0.2)


@contextmanager
def serve_demo(workdir: Path, settings: dict[str, str] | None = None) -> Iterator[str]:
    """Build the demo zone into ``workdir`` and serve it; yield the base URL.

    The server sees none of the caller's ``ZONEATLAS_*`` variables, only ``settings``
    (e.g. ``{"ZONEATLAS_BASEMAP": "amap"}``).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZONEATLAS_")}
    db = workdir / "demo.sqlite"
    build = subprocess.run(
        [sys.executable, "-m", "zoneatlas", "demo", "--db", str(db), "--no-serve"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )
    assert build.returncode == 0, f"zoneatlas demo failed:\n{build.stdout}\n{build.stderr}"
    port = free_port()
    log_path = workdir / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "zoneatlas", "serve", "--db", str(db), "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**env, **(settings or {})},
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(server, url, log_path)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def artifacts_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``$ZONEATLAS_ARTIFACTS`` (made if needed), or a temporary folder, for screenshots."""
    configured = os.environ.get("ZONEATLAS_ARTIFACTS")
    path = Path(configured) if configured else tmp_path_factory.mktemp("artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


class PlaywrightThread:
    """Chromium driven by a sync Playwright that lives in a thread of its own.

    Playwright's sync API allows one running instance per thread, and test_browser.py keeps
    its own open for the whole session; so a module's browser, and every page it opens, is
    used only from this worker thread (``run`` hands it a function and waits).
    """

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="playwright")
        self._pool.submit(self._start).result(timeout=120)

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )

    def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self._pool.submit(fn, *args).result(timeout=600)

    def close(self) -> None:
        def stop() -> None:
            self.browser.close()
            self._playwright.stop()

        try:
            self._pool.submit(stop).result(timeout=60)
        finally:
            self._pool.shutdown(wait=True)
