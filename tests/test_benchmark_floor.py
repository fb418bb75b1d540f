"""The stack-floor references in ``benchmarks/startup.py`` must do the work they claim,
or the table would compare bonemets against a floor that is lower than the real one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FLOOR = Path(__file__).resolve().parent.parent / "benchmarks" / "floor.py"

PROBE = (
    "import runpy, sys; sys.argv = ['floor.py', {level!r}]\n"
    "try:\n"
    "    runpy.run_path({path!r}, run_name='__main__')\n"
    "except SystemExit:\n"
    "    pass\n"
    "print('LOADED', 'pydantic.main' in sys.modules, 'rich.table' in sys.modules)\n"
)


def run_level(level: str) -> tuple[str, bool, bool]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(level=level, path=str(FLOOR))],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "NO_COLOR": "1", "COLUMNS": "80"},
    )
    output, _, loaded = done.stdout.rpartition("LOADED ")
    pydantic_loaded, rich_loaded = (word == "True" for word in loaded.split())
    return output, pydantic_loaded, rich_loaded


@pytest.mark.parametrize(
    ("level", "prints", "uses_rich"),
    [("typer", "table", False), ("pydantic", "symptoms 1.0.0", False), ("rich", "symptoms", True)],
)
def test_each_floor_level_does_its_work(level: str, prints: str, uses_rich: bool) -> None:
    output, pydantic_loaded, rich_loaded = run_level(level)
    assert prints in output
    assert pydantic_loaded  # typer 0.29 builds a pydantic adapter for the option
    assert rich_loaded is uses_rich
    assert ("┃" in output or "|" in output) is uses_rich  # only the rich level draws a table


def test_an_unknown_level_is_refused() -> None:
    done = subprocess.run(
        [sys.executable, str(FLOOR), "nope"], capture_output=True, text=True, check=False
    )
    assert done.returncode != 0
    assert "usage: python floor.py" in done.stderr
