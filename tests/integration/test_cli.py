"""The `practice` command line, in process; commands that need the model get the session's real scorer."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from cli import main
from practice.scoring.scorer import ListeningScorer

ROOT = Path(__file__).parents[2]


@pytest.fixture
def use_real_scorer(monkeypatch: pytest.MonkeyPatch, real_scorer: ListeningScorer) -> None:
    monkeypatch.setattr("practice.scoring.factory.build_scorer", lambda settings, batching=True: real_scorer)


def test_validate_bundled_scenarios(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "ok  missed-delivery" in out and " 0 with errors" in out


def test_validate_reports_file_line_field_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "missed-delivery.yaml"
    bad.write_text(
        (ROOT / "scenarios" / "missed-delivery.yaml").read_text().replace("  start: 75", "  start: hot")
    )
    assert main(["validate", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "temperature.start" in err
    assert main(["validate", str(tmp_path / "empty-folder")]) == 1


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert '"title": "Scenario"' in capsys.readouterr().out


@pytest.mark.model
@pytest.mark.usefixtures("use_real_scorer")
def test_check_passes_the_bundled_exemplars(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code = main(["check"])
    out = capsys.readouterr().out
    # The learned scorer reads 6 of the 103 exemplars of the eight bundled scenarios differently from their
    # authors (README, Evidence): a terse rebuttal read as missed, an offer of a letter as a rebuttal, a retell
    # that also explains and proposes as a fix, and three long retells graded partly or rebutted. The check says
    # so and exits 1; no more may slip.
    passed, total = (int(n) for n in re.search(r"(\d+)/(\d+) exemplars pass", out).groups())  # type: ignore[union-attr]
    assert total == 103 and passed >= 97, out
    assert code == (0 if passed == total else 1)


@pytest.mark.model
@pytest.mark.usefixtures("use_real_scorer")
def test_check_reports_a_mislabelled_exemplar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (ROOT / "scenarios" / "missed-delivery.yaml").read_text()
    # A rebuttal labelled as a good retell must be caught.
    text = text.replace(
        "      - label: rebuttal\n        reply: >-\n          To be fair",
        "      - label: good_retell\n        reply: >-\n          To be fair",
        1,
    )
    (tmp_path / "missed-delivery.yaml").write_text(text)
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "MISJUDGED [the-delay] labelled good_retell, judged rebutted" in out


@pytest.mark.model
@pytest.mark.usefixtures("use_real_scorer")
def test_play_in_the_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    replies = [
        "To be fair, the carrier caused the delay, not us.",
        "So the units came three days late, nobody warned you, and two store relaunches had to be postponed. "
        "That must have been really embarrassing with your managers.",
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(replies) + "\n"))
    assert main(["play", "missed-delivery"]) == 0
    out = capsys.readouterr().out
    assert "Dana Whitfield:" in out and "coach:" in out and "rebuttal" in out
    assert "Don't give me the carrier" in out
    assert "session left unfinished" in out


def test_play_unknown_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    assert main(["play", "no-such-scenario"]) == 1
    assert "no-such-scenario" in capsys.readouterr().err


@pytest.mark.model
@pytest.mark.usefixtures("use_real_scorer")
def test_score_prints_points_flags_and_feedback(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "score",
            "--client",
            "The shipment was three days late and nobody told us.",
            "--reply",
            "So it arrived on time and we kept you informed?",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "[x]" in out  # a contradicted point is marked
    assert "feedback   Your retell says the opposite" in out


@pytest.mark.model
@pytest.mark.usefixtures("use_real_scorer")
def test_score_json_and_unknown_language(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["score", "--client", "It broke.", "--reply", "So it broke?", "--json"]) == 0
    assert set(json.loads(capsys.readouterr().out)) >= {"understanding", "key_points", "behaviours", "flags"}
    assert main(["score", "--client", "x", "--reply", "y", "--language", "xx"]) == 2
    assert "not supported" in capsys.readouterr().err


def test_keys_create_list_revoke(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GYM_DATA_DIR", str(tmp_path))
    assert main(["keys", "create", "--name", "canvas", "--scope", "sessions", "--rate", "30"]) == 0
    created = capsys.readouterr()
    secret = created.out.strip()
    assert secret.startswith("gym_") and "not shown again" in created.err
    assert main(["keys", "list"]) == 0
    listed = capsys.readouterr().out
    assert "canvas" in listed and "sessions" in listed and "30/min" in listed and secret not in listed
    assert main(["keys", "revoke", "canvas"]) == 0
    assert main(["keys", "revoke", "canvas"]) == 1  # nothing active left under that name
    assert "no active key" in capsys.readouterr().err
    main(["keys", "list"])
    assert "revoked" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["keys", "create", "--name", "x", "--scope", "admin"])  # argparse names the allowed scopes
    assert main(["outbox"]) == 0
    assert "delivered 0, waiting 0, given up 0" in capsys.readouterr().out


def test_users_create_the_first_admin_and_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GYM_DATA_DIR", str(tmp_path))
    assert main(["users", "list"]) == 0
    assert "create the first admin" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert (
        main(
            ["users", "create", "--username", "Ada", "--name", "Ada L", "--role", "admin", "--password-stdin"]
        )
        == 0
    )
    assert "created admin 'ada'" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["users", "create", "--username", "bob", "--password-stdin"]) == 2
    assert "--password: 10 to 200 characters" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("another long password\n"))
    assert main(["users", "create", "--username", "ada", "--password-stdin"]) == 2
    assert "'ada' is taken" in capsys.readouterr().err
    assert main(["users", "list"]) == 0
    listed = capsys.readouterr().out.split()
    assert listed[:5] == ["ada", "admin", "password", "Ada", "L"] and "bob" not in listed


def test_lti_add_platform_and_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GYM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GYM_PUBLIC_URL", "https://gym.example.org")
    base = ["lti", "add-platform", "--issuer", "https://moodle.example.org/", "--client-id", "abc"]
    urls = [
        "--login-url",
        "https://moodle.example.org/mod/lti/auth.php",
        "--token-url",
        "https://moodle.example.org/mod/lti/token.php",
        "--jwks-url",
        "https://moodle.example.org/mod/lti/certs.php",
    ]
    assert main([*base, "--deployment-id", "1", "--deployment-id", "2", *urls]) == 0
    assert "registered https://moodle.example.org (client abc, deployments 1, 2)" in capsys.readouterr().out
    assert main([*base, "--deployment-id", "1", "--login-url", "ftp://x", *urls[2:]]) == 2
    assert "--login-url must be an http(s) URL" in capsys.readouterr().out
    assert main(["lti", "list"]) == 0
    listed = capsys.readouterr().out
    assert "https://gym.example.org/lti/login" in listed and "https://gym.example.org/lti/jwks" in listed
    assert "https://moodle.example.org  client abc  deployments 1, 2" in listed


THINGS = ("order", "invoice", "update", "report", "shipment", "renewal", "reply", "fix", "patch", "quote")


@pytest.mark.slow
@pytest.mark.model
def test_train_with_corrections_learns_from_them_and_reports_before_and_after(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Trainers' corrections as `practice corrections export` writes them: a fifth is held out and measured with
    the bundled heads and the retrained ones; the rest is learned from along with the corpus."""
    rebuttals = [f"I hear you, though our logs show the {thing} went out on time." for thing in THINGS]
    retells = [
        f"So the {thing} came late, nobody warned you, and that left you exposed with your team."
        for thing in THINGS
    ]
    lines = [
        {
            "id": f"correction-r{i}",
            "pass": "corrections",
            "client": "It came late and nobody told us.",
            "reply": reply,
            "behaviours": ["rebuttal"],
            "understanding": 1,
            "kind": "rebuttal",
        }
        for i, reply in enumerate(rebuttals)
    ] + [
        {
            "id": f"correction-f{i}",
            "pass": "corrections",
            "client": "It came late and nobody told us.",
            "reply": reply,
            "behaviours": ["retelling"],
            "understanding": 3,
            "kind": "faithful",
        }
        for i, reply in enumerate(retells)
    ]
    corrections = tmp_path / "corrections.jsonl"
    corrections.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "heads.npz"
    corpus = str(ROOT / "practice" / "data" / "corpus" / "peer.jsonl")
    assert main(["train", "--corpus", corpus, "--out", str(out), "--with-corrections", str(corrections)]) == 0
    printed = capsys.readouterr().out
    assert "20 corrections: 16 to learn from, 4 held out" in printed
    assert "held-out corrections (4), ROC AUC before -> after:" in printed
    rows = {
        line.split()[0]: line.split()
        for line in printed.splitlines()
        if " -> " in line and line.startswith("  ")
    }
    assert set(rows) >= {"understanding", "rebuttal", "retelling"}
    assert all(len(r) == 4 and r[2] == "->" for r in rows.values())  # name, before, ->, after
    assert (
        "rebuttal: 38 positive of 515;" in printed
    )  # peer.jsonl's 499 (30 rebuttals) and 16 corrections (8)
    assert out.stat().st_size > 10_000
