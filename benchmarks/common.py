"""What the benchmark scripts share: how to run bonemets, and in which environment."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def bonemets_command() -> list[str]:
    """The ``bonemets`` script beside this interpreter (as users run it), else ``-m``."""
    script = Path(sys.executable).with_name("bonemets")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bonemets_cli"]


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The shipped (or named) pathways only, plain output: the same work on every machine."""
    env = dict(os.environ, **(extra or {}))
    env.pop("BONEMETS_PATHWAYS", None)
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    return env


def positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value
