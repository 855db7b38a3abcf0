"""A real app in a real browser: `streamlit run app.py` on a free localhost port, driven by
Playwright in Debian's chromium (never a downloaded browser).

Without chromium the tests skip on a developer machine; under CI (CI set) they fail instead.
Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_browser() -> None:
    if Path(CHROMIUM).is_file():
        return
    message = f"chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not answer at {url} within {timeout} s")


@contextmanager
def serve(store: Path, log_name: str) -> Iterator[str]:
    """`streamlit run app.py` on a free localhost port against `store`; its base URL."""
    _require_browser()
    port = _free_port()
    log = (ROOT / "test-artifacts").resolve()
    log.mkdir(exist_ok=True)
    env = {**os.environ, "LENDWATCH_STORE": str(store), "LENDWATCH_LANGUAGE": "en"}
    with (log / log_name).open("w") as out:
        server = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                "--server.port", str(port), "--server.address", "127.0.0.1",
                "--server.headless", "true", "--browser.gatherUsageStats", "false",
            ],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, server)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=20)


@pytest.fixture(scope="session")
def app_url(demo_store: Path) -> Iterator[str]:
    """Base URL of the app served on a free port against the session's demo store."""
    with serve(demo_store, "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the session."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser page (its own session), 1440 px wide."""
    context = browser.new_context(viewport={"width": 1440, "height": 1100}, locale="en-US")
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    context.close()


def settle(tab) -> None:
    """Wait until Streamlit has drawn the page and finished running the script."""
    idle = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    tab.wait_for_selector('[data-testid="stMain"] h1')
    tab.wait_for_function(idle)
    # A rerun started by the last action may not show its status widget yet: look again.
    tab.wait_for_timeout(600)
    tab.wait_for_function(idle)
    tab.wait_for_selector('[data-testid="stMain"] h1')


def screenshot(tab, name: str) -> Path:
    """Save a screenshot of the whole page under test-artifacts/screenshots/; its path.

    Streamlit scrolls inside its main block, not the document, so a "full page" screenshot
    would stop at the viewport: grow the viewport to the main block's height first."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = tab.viewport_size
    height = tab.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    tab.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    tab.wait_for_timeout(800)  # charts redraw at the new size
    tab.screenshot(path=str(path), full_page=True)
    tab.set_viewport_size(size)
    return path
