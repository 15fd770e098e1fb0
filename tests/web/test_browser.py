"""End to end in a real headless Chromium: a trainee plays a scenario to the debrief, against `practice serve`."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.model]
ROOT = Path(__file__).parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tmp_path_factory.mktemp("browser-data")
    env = {**os.environ, "GYM_DATA_DIR": str(data), "GYM_LOG_LEVEL": "warning"}
    practice = Path(sys.executable).parent / "practice"
    proc = subprocess.Popen([str(practice), "serve", "--port", str(port)], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            httpx.get(base + "/healthz", timeout=2)
            break
        except httpx.HTTPError:
            assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
            time.sleep(0.5)
    yield base
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("GYM_REQUIRE_BROWSER"):
            pytest.fail("chromium is required here (GYM_REQUIRE_BROWSER=1) but not installed")
        pytest.skip("Debian chromium not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


GOOD = (
    "So the units came three days late, nobody from us warned you, and you had to postpone the relaunch "
    "in two stores. That must have been really embarrassing with your managers."
)


BUSY_WATCH = """() => {
  window.busySeen = false;
  const form = document.getElementById("reply-form");
  new MutationObserver(() => {
    if (form.getAttribute("aria-busy") === "true") window.busySeen = true;
  }).observe(form, { attributes: true });
}"""


def test_a_trainee_plays_to_the_debrief_and_a_reload_keeps_the_session(
    server: str, browser: object, tmp_path: Path
) -> None:
    from playwright.sync_api import expect  # waits without evaluating strings: the pages' CSP forbids eval

    # GYM_SCREENSHOTS=docs/screenshots refreshes the README's pictures.
    shots = Path(os.environ.get("GYM_SCREENSHOTS", tmp_path))
    page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: dialog.accept())  # "End the conversation?" is confirmed
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(server + "/")
    page.get_by_role("link", name="The delivery nobody warned them about").click()
    page.get_by_role("button", name="Start the conversation").click()
    page.wait_for_url("**/play/*")
    play_url = page.url
    assert "Your display units" in page.locator("#chat").inner_text()
    assert page.locator("#temperature").get_attribute("value") == "75"

    page.get_by_label("Your reply").fill("To be fair, the carrier caused the delay, not us.")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#chat .msg.you")).to_have_count(1)
    assert "argued" in page.locator("#feedback").inner_text()
    assert page.locator("#chat .feedback.warn").count() == 1
    assert int(page.locator("#temperature").get_attribute("value") or 0) > 75

    page.evaluate(BUSY_WATCH)
    page.get_by_label("Your reply").fill(GOOD)
    page.get_by_label("Your reply").press("Control+Enter")  # Ctrl+Enter sends
    expect(page.locator("#chat .msg.you")).to_have_count(2)
    assert page.evaluate("window.busySeen") is True  # the form said it was busy while scoring
    assert page.locator("#reply-form").get_attribute("aria-busy") == "false"
    assert "Captured:" in page.locator("#feedback").inner_text()
    assert page.locator("#chat .feedback.praise").count() == 1

    page.reload()  # the session lives in the database, not in the page
    assert page.locator("#chat .msg.you").count() == 2
    page.screenshot(path=str(shots / "play.png"), full_page=True)

    page.get_by_role("link", name="End and see the debrief").click()
    page.wait_for_url("**/debrief/*")
    debrief_url = page.url
    assert page.locator("#temperature-chart circle").count() == 3
    assert page.locator("mark.captured").count() >= 2
    assert page.get_by_text("A stronger reply").count() >= 1
    page.screenshot(path=str(shots / "debrief.png"), full_page=True)
    assert (shots / "debrief.png").stat().st_size > 10_000

    # An ended session shows no reply form, neither on Back nor on reload.
    page.go_back()
    page.wait_for_url(play_url)
    assert page.locator("#reply-form").count() == 0 and page.locator("#ended").is_visible()
    page.reload()
    assert page.locator("#reply-form").count() == 0 and page.locator("#ended").is_visible()

    # Retry this moment: back to before the first reply, with the client as it was then.
    page.goto(debrief_url)
    page.get_by_role("button", name="Retry this moment").first.click()
    page.wait_for_url(play_url)
    assert page.locator("#chat .msg.you").count() == 0
    assert page.locator("#temperature").get_attribute("value") == "75"
    page.get_by_label("Your reply").fill(GOOD)
    page.get_by_label("Your reply").press("Control+Enter")
    expect(page.locator("#chat .msg.you")).to_have_count(1)
    assert int(page.locator("#temperature").get_attribute("value") or 100) < 75
    page.get_by_role("link", name="End and see the debrief").click()
    page.wait_for_url("**/debrief/*")
    earlier = page.locator(".earlier")
    assert earlier.count() == 1 and "the carrier caused the delay" in earlier.inner_text()
    page.goto(server + "/")
    page.screenshot(path=str(shots / "scenarios.png"), full_page=True)
    assert [m for m in console if "Content Security Policy" in m] == []  # the pages run under their own CSP
