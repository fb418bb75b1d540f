"""The one boundary (``main``): every ending is one line and an exit code, never a traceback."""

from __future__ import annotations

import pytest
from clihelp import run_bonemets
from pathwayhelp import VALID

from bonemets_cli import __version__
from bonemets_cli.cli import main
from bonemets_cli.cli.state import State
from bonemets_cli.ui.terminal import Terminal


def _broken_catalog(self: State, *args: object, **kwargs: object) -> None:
    raise ZeroDivisionError("a bug")


def test_a_bug_is_one_line_naming_the_version_and_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(State, "catalog", _broken_catalog)
    result = run_bonemets("list")
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        f"bonemets: error: internal error (ZeroDivisionError) in bonemets {__version__}; please "
        "report it, with the command you ran (set BONEMETS_DEBUG=1 for the details)"
    ]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_debug_shows_the_traceback_before_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(State, "catalog", _broken_catalog)
    result = run_bonemets("list", env={"BONEMETS_DEBUG": "1"})
    assert result.returncode == 3
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert "ZeroDivisionError: a bug" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("bonemets: error: internal error")


def test_ctrl_c_outside_a_walk_is_130_and_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(self: State, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(State, "catalog", interrupt)
    result = run_bonemets("list")
    assert result.returncode == 130
    assert "Traceback" not in result.stderr


def test_domain_and_usage_errors_keep_their_codes() -> None:
    missing = run_bonemets("--pathways-dir", VALID, "show", "nope")
    assert missing.returncode == 1
    assert missing.stderr.startswith("bonemets: error: no pathway 'nope'")
    usage = run_bonemets("list", "--format", "nope")
    assert usage.returncode == 2
    assert "Invalid value for '--format'" in usage.stderr


def test_main_writes_only_to_the_terminal_it_is_given(capsys: pytest.CaptureFixture[str]) -> None:
    term = Terminal.captured()
    assert main(["--pathways-dir", str(VALID), "list", "--format", "json"], term) == 0
    assert '"id": "mini"' in term.stdout.getvalue()  # type: ignore[attr-defined]
    assert main(["--help"], term) == 0
    assert "Usage: bonemets" in term.stdout.getvalue()  # type: ignore[attr-defined]
    assert main(["--version"], term) == 0
    assert term.stdout.getvalue().endswith(f"bonemets {__version__}\n")  # type: ignore[attr-defined]
    assert capsys.readouterr() == ("", "")


def test_no_cache_flag_is_still_accepted_for_one_release() -> None:
    result = run_bonemets("--no-cache", "--pathways-dir", VALID, "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "--no-cache" not in run_bonemets("--help").stdout
