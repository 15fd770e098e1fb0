"""A training team end to end in real headless Chromium, against `practice serve`: the first trainer made on the
command line invites a learner, makes a team and assigns a scenario; the learner signs up by the link, sees the
assignment and plays; the trainer overrides a judgement; the learner sees the correction, and the score an LMS
reads reflects it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.serving import create_key, practice, served
from tests.web.test_browser import browser  # noqa: F401  (the shared Chromium fixture)

pytestmark = [pytest.mark.browser, pytest.mark.model]
PASSWORD = "a trainer's long password"
ARGUING = "To be fair, the carrier caused the delay, not us."


@pytest.fixture(scope="module")
def served_gym(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The service on a fresh database, with a trainer account and an LMS key made as an admin would."""
    data = tmp_path_factory.mktemp("trainer-browser-data")
    made = practice(
        data,
        "users",
        "create",
        "--username",
        "tina",
        "--name",
        "Tina Trainer",
        "--role",
        "trainer",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert "created trainer 'tina'" in made
    key = create_key(data, "sessions")
    scenarios = data / "scenarios"  # the editor publishes here, never into the repository's folder
    shutil.copytree(Path(__file__).parents[2] / "scenarios", scenarios)
    with served(data, GYM_SCENARIOS_DIR=str(scenarios)) as server:
        yield server.url, {"X-API-Key": key}


def test_invite_sign_up_assignment_play_override_and_the_lms_sees_it(
    served_gym: tuple[str, dict[str, str]],
    browser: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect

    shots = Path(os.environ.get("GYM_SCREENSHOTS", tmp_path))  # docs/screenshots refreshes the README's
    base, lms = served_gym
    trainer = browser.new_context().new_page()  # type: ignore[attr-defined]
    trainer.goto(base + "/trainer")
    trainer.wait_for_url("**/signin?next=%2Ftrainer")
    trainer.get_by_label("Username").fill("tina")
    trainer.get_by_label("Password").fill(PASSWORD)
    trainer.get_by_role("button", name="Sign in").click()
    trainer.wait_for_url(base + "/trainer")
    trainer.get_by_role("link", name="People").click()
    trainer.get_by_role("button", name="Make an invitation link").click()
    link = trainer.locator("#invite-link").inner_text()  # on GYM_PUBLIC_URL; the path is what matters here
    assert "/invite/" in link
    link = base + link[link.index("/invite/") :]

    learner = browser.new_context().new_page()  # type: ignore[attr-defined]
    learner.goto(link)
    learner.get_by_label("Your name").fill("Lena Ionescu")
    learner.get_by_label("Username").fill("lena")
    learner.get_by_label("Password (10 characters or more)").fill("lena's own password")
    learner.get_by_role("button", name="Create account").click()
    learner.wait_for_url(base + "/")
    assert learner.locator("#signed-in").inner_text() == "Lena Ionescu"

    trainer.get_by_role("link", name="Teams").click()
    trainer.get_by_label("New team").fill("Key accounts")
    trainer.get_by_role("button", name="Create team").click()
    trainer.get_by_label("Add by username").fill("lena")
    trainer.get_by_role("button", name="Add", exact=True).click()
    trainer.get_by_label("Assign", exact=True).select_option("missed-delivery")
    trainer.get_by_role("button", name="Assign", exact=True).click()
    expect(trainer.locator("#assignments td.completion")).to_have_text("0 of 1")

    learner.reload()
    assert "not started" in learner.locator("#assignments").inner_text()
    learner.locator("#assignments a").first.click()
    learner.get_by_role("button", name="Start the conversation").click()
    learner.wait_for_url("**/play/*")
    session_id = learner.url.rsplit("/", 1)[-1]
    learner.get_by_label("Your reply").fill(ARGUING)
    learner.get_by_role("button", name="Send").click()
    expect(learner.locator("#chat .msg.you")).to_have_count(1)
    learner.on("dialog", lambda dialog: dialog.accept())
    learner.get_by_role("link", name="End and see the debrief").click()
    learner.wait_for_url("**/debrief/*")
    assert learner.locator("#turn-1 .review").count() == 0
    before = httpx.get(base + "/api/v1/results", headers=lms).json()["results"][0]
    assert before["session_id"] == session_id and before["learner_id"] == "lena"

    trainer.goto(f"{base}/trainer/sessions/{session_id}")
    form = trainer.locator("#turn-1 form.review-form")
    form.get_by_label("Verdict").select_option("understood")
    for box in form.locator("input[name=not_flags]").all():
        box.check()
    form.get_by_label("Comment for the learner").fill("Fair: the carrier really did cause it.")
    form.get_by_role("button", name="Save review").click()
    trainer.wait_for_url(f"**/trainer/sessions/{session_id}#turn-1")

    trainer.screenshot(path=str(shots / "trainer-review.png"), full_page=True)
    trainer.goto(base + "/trainer/teams")
    trainer.locator("#teams a").first.click()
    trainer.screenshot(path=str(shots / "trainer-team.png"), full_page=True)
    assert (shots / "trainer-team.png").stat().st_size > 10_000
    learner.reload()
    review = learner.locator("#turn-1 .review").inner_text()
    assert "Fair: the carrier really did cause it." in review and "understood" in review
    after = httpx.get(base + "/api/v1/results", headers=lms).json()["results"][0]
    assert after["habits"]["understanding"] == 1.0 > before["habits"]["understanding"]


def test_editor_broken_field_fix_preview_publish_while_a_session_goes_on(
    served_gym: tuple[str, dict[str, str]],
    browser: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The editor's evidence: a broken field is shown at its input, live; fixed; the draft plays for the trainer;
    publishing makes version 3 while a learner's session on version 2 goes on with version 2."""
    from playwright.sync_api import expect

    base, _ = served_gym
    learner = browser.new_context().new_page()  # type: ignore[attr-defined]
    learner.goto(base + "/scenarios/missed-delivery")
    learner.get_by_role("button", name="Start the conversation").click()
    learner.wait_for_url("**/play/*")
    learner.get_by_label("Your reply").fill("That sounds really frustrating. What happened?")
    learner.get_by_role("button", name="Send").click()
    expect(learner.locator("#chat .msg.you")).to_have_count(1)

    trainer = browser.new_context().new_page()  # type: ignore[attr-defined]
    console: list[str] = []
    trainer.on("console", lambda message: console.append(message.text))
    trainer.goto(base + "/signin?next=/trainer")
    trainer.get_by_label("Username").fill("tina")
    trainer.get_by_label("Password").fill(PASSWORD)
    trainer.get_by_role("button", name="Sign in").click()
    trainer.get_by_role("link", name="Open the scenario editor").click()
    trainer.get_by_role("link", name="The delivery nobody warned them about").click()
    expect(trainer.locator(".CodeMirror")).to_be_visible()  # the YAML, highlighted by the local CodeMirror
    expect(trainer.locator(".CodeMirror .cm-atom").first).to_be_visible()

    trainer.get_by_label("Form", exact=True).check()
    turns = trainer.get_by_label("Most replies")
    turns.fill("many")
    expect(trainer.locator('.field[data-field="max_turns"] .field-errors')).to_contain_text("integer")
    expect(trainer.locator("#problems")).to_contain_text("max_turns")
    trainer.locator('.field[data-field="max_turns"]').scroll_into_view_if_needed()
    shots = Path(os.environ.get("GYM_SCREENSHOTS", tmp_path))
    trainer.screenshot(path=str(shots / "trainer-editor.png"))
    assert (shots / "trainer-editor.png").stat().st_size > 10_000
    turns.fill("11")
    expect(trainer.locator('.field[data-field="max_turns"] .field-errors li')).to_have_count(0)
    expect(trainer.locator("#problems")).to_contain_text("None: it validates.")
    trainer.get_by_label("Client's name").fill("Dana Moss")
    trainer.get_by_label("YAML", exact=True).check()
    expect(trainer.locator(".CodeMirror")).to_contain_text("Dana Moss")
    # A broken line in the YAML gets a mark in the gutter, live.
    trainer.locator(".CodeMirror").evaluate(
        "el => el.CodeMirror.setValue(el.CodeMirror.getValue().replace('difficulty: easy', 'difficulty: extreme'))"
    )
    expect(trainer.locator(".cm-problem-marker")).to_have_count(1)
    expect(trainer.locator("#problems")).to_contain_text("difficulty")
    trainer.locator(".CodeMirror").evaluate(
        "el => el.CodeMirror.setValue(el.CodeMirror.getValue().replace('difficulty: extreme', 'difficulty: easy'))"
    )
    expect(trainer.locator(".cm-problem-marker")).to_have_count(0)
    trainer.get_by_role("button", name="Save draft").click()
    expect(trainer.get_by_role("status")).to_have_text("Draft saved.")

    trainer.get_by_role("button", name="Play the draft").click()
    trainer.wait_for_url("**/play/*")
    expect(trainer.locator(".persona")).to_contain_text("Dana Moss")
    trainer.go_back()
    trainer.reload()
    trainer.get_by_role("button", name="Publish").click()
    expect(trainer.locator("#published")).to_have_text("Published as version 3.")
    assert httpx.get(base + "/api/v1/scenarios/missed-delivery").json()["version"] == 3

    learner.get_by_label("Your reply").fill("So nobody warned you, and two relaunches moved. How was that?")
    learner.get_by_role("button", name="Send").click()
    expect(learner.locator("#chat .msg.you")).to_have_count(2)
    learner.reload()
    expect(learner.locator(".persona")).to_contain_text("Dana Whitfield")  # still version 2
    fresh = browser.new_context().new_page()  # type: ignore[attr-defined]
    fresh.goto(base + "/scenarios/missed-delivery")
    expect(fresh.locator("main")).to_contain_text("Dana Moss")
    assert [m for m in console if "Content Security Policy" in m] == []
