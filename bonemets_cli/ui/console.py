"""The one place that decides where output goes and how it looks.

Tests patch or replace these consoles; ``NO_COLOR`` and non-terminals get plain text
(rich honours ``NO_COLOR`` itself), and urgency is always spelled out in words.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def no_color() -> bool:
    """``NO_COLOR`` set to anything non-empty (no-color.org): no escapes at all."""
    return bool(os.environ.get("NO_COLOR"))


def stdout_console(*, width: int | None = None) -> Console:
    from rich.console import Console

    # rich's own NO_COLOR handling drops colours but keeps bold and dim escapes.
    return Console(
        file=sys.stdout,
        width=width,
        highlight=False,
        soft_wrap=False,
        color_system=None if no_color() else "auto",
    )


def stderr_console() -> Console:
    """Panels on stderr, for when stdout carries a document (Markdown, JSON)."""
    from rich.console import Console

    return Console(
        file=sys.stderr,
        highlight=False,
        soft_wrap=False,
        color_system=None if no_color() else "auto",
    )


def write(text: str) -> None:
    """Raw text (JSON, Markdown, DOT…) to stdout, untouched by rich."""
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    sys.stdout.flush()


def error_line(message: str) -> None:
    """One line on stderr: what went wrong and what to do."""
    sys.stderr.write(f"bonemets: error: {message}\n")
    sys.stderr.flush()


def warning_line(message: str) -> None:
    sys.stderr.write(f"bonemets: warning: {message}\n")
    sys.stderr.flush()


def notice_line(message: str) -> None:
    """One line on stderr for a stop that is not an error (Ctrl-C, Ctrl-D)."""
    sys.stderr.write(f"bonemets: {message}\n")
    sys.stderr.flush()
