"""Shell completion through Typer's own machinery, in a subprocess as a shell calls it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BONEMETS = str(Path(sys.executable).parent / "bonemets")
VALID = Path(__file__).parent / "data" / "valid"


def complete(line: str, *, shell: str = "bash", home: Path | None = None) -> list[str]:
    """What bash (or zsh) would offer for ``line`` (the last word is being typed)."""
    words = line.split(" ")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BONEMETS_", "_BONEMETS"))}
    env.update(
        _BONEMETS_COMPLETE=f"complete_{shell}", COMP_WORDS=line, COMP_CWORD=str(len(words) - 1)
    )
    env["_TYPER_COMPLETE_ARGS"] = line
    if home is not None:
        env["HOME"] = str(home)
    proc = subprocess.run(
        [BONEMETS], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return proc.stdout.split()


def test_commands_complete() -> None:
    assert complete("bonemets wa") == ["walk"]
    assert set(complete("bonemets ")) >= {"walk", "quiz", "leaflet", "validate", "schema"}


def test_options_complete() -> None:
    assert "--plain" in complete("bonemets walk --pl")
    assert "--plain" in complete("bonemets quiz --pl")
    assert complete("bonemets --pathways") == ["--pathways-dir"]


def test_pathway_ids_complete_with_extra_folders() -> None:
    assert complete("bonemets walk s") == ["spine", "symptoms"]
    assert complete("bonemets leaflet bo") == ["bone_agents"]
    assert complete("bonemets quiz --pathway hyp") == ["hypercalcaemia"]
    assert complete(f"bonemets --pathways-dir {VALID} show mi") == ["mini"]


def test_zsh_gets_the_titles_too() -> None:
    out = " ".join(complete("bonemets walk sp", shell="zsh"))
    assert '"spine":"Spinal pain and suspected metastatic spinal cord compression"' in out


@pytest.mark.parametrize(
    ("line", "choices"),
    [
        ("bonemets leaflet spine --format ", ["md", "html", "pdf", "txt"]),
        ("bonemets walk --format ", ["rich", "plain", "markdown", "json"]),
        ("bonemets graph spine --format ", ["mermaid", "dot"]),
        ("bonemets schema ", ["pathway", "bibliography", "quiz", "cases"]),
    ],
)
def test_formats_complete(line: str, choices: list[str]) -> None:
    assert complete(line) == choices


def test_show_and_install_completion(tmp_path: Path) -> None:
    """Typer's options take no shell name: they detect the shell they are run from, as a
    person runs them, so they are run from bash here (not straight from pytest, whose
    parents may hold no shell at all)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BONEMETS_")}
    env["HOME"] = str(tmp_path)

    def from_bash(option: str) -> subprocess.CompletedProcess[str]:
        # the command is not bash's last, so bash runs it as its child instead of exec'ing
        script = f'"$0" {option}; status=$?; exit "$status"'
        return subprocess.run(
            ["bash", "-c", script, BONEMETS],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    shown = from_bash("--show-completion")
    assert shown.returncode == 0, shown.stderr
    assert "_BONEMETS_COMPLETE=complete_bash" in shown.stdout
    installed = from_bash("--install-completion")
    assert installed.returncode == 0, installed.stderr
    script = tmp_path / ".bash_completions" / "bonemets.sh"
    assert "_BONEMETS_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert str(script) in (tmp_path / ".bashrc").read_text(encoding="utf-8")
