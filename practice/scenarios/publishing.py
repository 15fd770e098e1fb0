"""The scenario editor's service: drafts that only trainers can play, publishing as a new version, and restoring
an earlier one. Every published text is kept, whether it came from the editor or an upload."""

from __future__ import annotations

from datetime import datetime

from practice.scenarios.drafts import Draft, EditRepository, Published
from practice.scenarios.editing import version_in, with_version
from practice.scenarios.library import ScenarioLibrary
from practice.scenarios.loader import MAX_SCENARIO_BYTES, Problem, ScenarioError, load_scenario_text
from practice.scenarios.model import Scenario

FROM_FILES = "scenario files"


class NoDraft(LookupError):
    def __init__(self, scenario_id: str) -> None:
        super().__init__(f"{scenario_id!r} has no draft: save one first")


def problems_of(text: str, scenario_id: str) -> list[Problem]:
    """What `practice validate` would say of this text as the scenario `scenario_id`; empty when it is valid."""
    try:
        load_scenario_text(text, f"{scenario_id}.yaml", expected_id=scenario_id)
    except ScenarioError as error:
        return error.problems
    return []


def text_to_edit(edits: EditRepository, library: ScenarioLibrary, scenario_id: str) -> str | None:
    """The draft if there is one, else the published text; None for a scenario that exists nowhere."""
    draft = edits.draft(scenario_id)
    return draft.text if draft is not None else library.text(scenario_id)


def save_draft(edits: EditRepository, scenario_id: str, text: str, by: str, at: datetime) -> Draft:
    """Keep the draft as written, valid or not, so no work is lost; only its size is capped."""
    if len(text.encode("utf-8")) > MAX_SCENARIO_BYTES:
        problem = Problem(f"{scenario_id}.yaml", None, "", f"larger than {MAX_SCENARIO_BYTES} bytes")
        raise ScenarioError([problem])
    return edits.save_draft(scenario_id, text, by, at)


def preview_of(edits: EditRepository, scenario_id: str) -> tuple[Scenario, int]:
    """The draft as a scenario, and the version a preview session pins it under (-revision, never published).
    Raises NoDraft, or ScenarioError when the draft does not validate."""
    draft = edits.draft(scenario_id)
    if draft is None:
        raise NoDraft(scenario_id)
    return load_scenario_text(draft.text, f"{scenario_id}.yaml", expected_id=scenario_id), -draft.revision


def publish(
    edits: EditRepository, library: ScenarioLibrary, scenario_id: str, by: str, at: datetime
) -> Scenario:
    """Publish the draft as the next version (above every version published or recorded), then drop the draft.
    Sessions in progress keep the version they started on."""
    draft = edits.draft(scenario_id)
    if draft is None:
        raise NoDraft(scenario_id)
    history = edits.history(scenario_id)
    stored = _stored_version(library, scenario_id)
    version = max(stored, history[0].version if history else 0) + 1
    text = with_version(draft.text, max(version, version_in(draft.text)))
    scenario, _ = publish_text(edits, library, scenario_id, text, by, at)
    edits.drop_draft(scenario_id)
    return scenario


def publish_text(
    edits: EditRepository, library: ScenarioLibrary, scenario_id: str, text: str, by: str, at: datetime
) -> tuple[Scenario, bool]:
    """Write `text` as the scenario's file (validated; a higher version than the stored one) and keep its text;
    the scenario and whether it is new. The version it replaces is kept first, if it never was."""
    current, stored = library.text(scenario_id), _stored_version(library, scenario_id)
    scenario, created = library.save(scenario_id, text)
    if current is not None:  # kept only once the replacement is written: a refused one records nothing
        edits.record(Published(scenario_id, stored, current, at, FROM_FILES))
    edits.record(Published(scenario_id, scenario.version, text, at, by))
    return scenario, created


def restore(edits: EditRepository, scenario_id: str, version: int, by: str, at: datetime) -> Draft:
    """An earlier version's text becomes the draft; publishing it makes it the newest version."""
    earlier = edits.published(scenario_id, version)
    if earlier is None:
        raise LookupError(f"{scenario_id!r} has no recorded version {version}")
    return edits.save_draft(scenario_id, earlier.text, by, at)


def _stored_version(library: ScenarioLibrary, scenario_id: str) -> int:
    stored = library.find(scenario_id)
    return stored.version if stored is not None else 0
