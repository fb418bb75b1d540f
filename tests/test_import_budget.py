"""Startup budget: which heavy modules each light command imports, in a real subprocess.

The one import probe of the suite: every command line whose imports are budgeted is a
row of ``BUDGETS``.

Import time is most of a command's startup, and it does not suffer from a noisy machine
the way timings do, so this is the budget the regular suite enforces (the timings live in
``benchmarks/startup.py``). When one of these fails, move the import named in the message
inside the command function (house rule: ``cli/`` modules import only typer and the
standard library at module top).

``pydantic.json_schema`` cannot be kept out of ``list`` and ``validate``: ``pydantic.main``
imports it unconditionally, and typer (0.29+) builds pydantic adapters for the options of
every command it runs. What those commands must not do is load bonemets' own JSON-schema
generation (``bonemets_cli.export.schema``); ``--help`` and ``--version`` load no pydantic at all,
and ``--version`` not even Typer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bonemets_cli.cli.app import COMMANDS

DATA = Path(__file__).parent / "data" / "valid"

# never needed to list, validate or print help: prompts, leaflet renderers, quiz stores
UNNEEDED = ("questionary", "prompt_toolkit", "jinja2", "weasyprint", "fsrs", "sqlite3")
READING_LEVEL = "textstat"  # validate may use it for a reading-level rule
PDF_CHECKS = "pypdf"  # a test-only library: no command may load it
# a run builds its own command alone (the modules of others stay unread)
OTHER_COMMANDS = ("bonemets_cli.cli.walk", "bonemets_cli.cli.quiz", "bonemets_cli.cli.graph")
# --help and --version answer before any pathway is read
NO_CORE = ("bonemets_cli.load.loader", "yaml", "platformdirs", READING_LEVEL, PDF_CHECKS)

# command line → modules it must not import; adding a command is one line here
BUDGETS: list[tuple[list[str], tuple[str, ...]]] = [
    (["--version"], ("typer", "pydantic", "rich", *UNNEEDED, *NO_CORE)),
    (["--help"], ("pydantic", "pydantic.json_schema", "rich", *UNNEEDED, *NO_CORE)),
    (["-h"], ("pydantic", "pydantic.json_schema", "rich", *UNNEEDED, *NO_CORE)),
    *(
        # Typer (0.2x) builds pydantic adapters for a command's options, so pydantic may
        # load for a command's --help; the project's heavy libraries still must not
        ([command, "--help"], ("bonemets_cli.export.schema", *UNNEEDED, *NO_CORE))
        for command in COMMANDS
    ),
    (
        ["--pathways-dir", str(DATA), "list"],
        ("bonemets_cli.export.schema", *UNNEEDED, *OTHER_COMMANDS, PDF_CHECKS),
    ),
    (
        ["validate", str(DATA)],
        ("bonemets_cli.export.schema", *UNNEEDED, *OTHER_COMMANDS, PDF_CHECKS),
    ),
    # a Markdown leaflet needs no template engine, PDF library or reading-level scorer
    (
        ["--pathways-dir", str(DATA), "leaflet", "mini", "--format", "md"],
        ("bonemets_cli.export.schema", *UNNEEDED, READING_LEVEL, *OTHER_COMMANDS, PDF_CHECKS),
    ),
]

DRIVER = """
import json, sys
args, out = json.loads(sys.argv[1]), sys.argv[2]
sys.argv = ["bonemets", *args]
from bonemets_cli.cli import main
try:
    code = main()
except SystemExit as exc:
    code = exc.code
with open(out, "w") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
"""


def imported_by(args: list[str], tmp_path: Path) -> set[str]:
    """Run ``bonemets ARGS`` in a fresh interpreter and return every module it imported."""
    out = tmp_path / "modules.json"
    env = {k: v for k, v in os.environ.items() if k != "BONEMETS_PATHWAYS"}
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(args), str(out)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert result["code"] in (0, None), f"bonemets {' '.join(args)} failed: {done.stderr}"
    return set(result["modules"])


@pytest.mark.parametrize(
    ("args", "forbidden"),
    BUDGETS,
    ids=[" ".join(w for w in a if w != str(DATA) and w != "--pathways-dir") for a, _ in BUDGETS],
)
def test_light_commands_skip_heavy_imports(
    args: list[str], forbidden: tuple[str, ...], tmp_path: Path
) -> None:
    modules = imported_by(args, tmp_path)
    loaded = sorted(m for m in forbidden if m in modules)
    assert not loaded, f"bonemets {' '.join(args)} imported {loaded}"


def test_the_driver_sees_what_a_command_loads(tmp_path: Path) -> None:
    """Guards the test above against passing vacuously: list does load the loader, and
    schema the JSON-schema generation."""
    modules = imported_by(["--pathways-dir", str(DATA), "list"], tmp_path)
    assert {"bonemets_cli.load.loader", "pydantic", "yaml"} <= modules
    assert "bonemets_cli.export.schema" in imported_by(["schema"], tmp_path)
