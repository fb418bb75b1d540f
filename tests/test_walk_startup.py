"""``bonemets --help`` (and ``walk --help``) must not import the prompt libraries."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
sys.argv = ["bonemets", *json.loads(sys.argv[1])]
from bonemets_cli.cli import main
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("questionary", "prompt_toolkit"))
print("MODULES=" + json.dumps(heavy))
"""


def imported_by(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("MODULES="))
    modules: list[str] = json.loads(line.removeprefix("MODULES="))
    return modules


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("walk", "--help")])
def test_help_does_not_import_questionary_or_prompt_toolkit(args: tuple[str, ...]) -> None:
    assert imported_by(*args) == []


def test_the_probe_would_see_an_interactive_import() -> None:
    """Guard against a probe that cannot fail: once questionary is imported, it reports it."""
    code = PROBE.replace(
        "from bonemets_cli.cli import main", "import questionary\nmain = lambda: 0"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "[]"], capture_output=True, text=True, timeout=60, check=True
    )
    assert '"questionary"' in result.stdout
    assert "prompt_toolkit" in result.stdout
