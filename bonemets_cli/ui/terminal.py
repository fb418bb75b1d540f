"""The terminal a run talks to: its streams, which of them are terminals, width and colour.

Made once, in ``main``, from the process (or by a test, around strings) and carried on
the CLI state, so no command reads ``sys.stdin`` or writes ``sys.stderr`` itself and an
in-process test can stand in for any terminal (httpie's ``Environment``). Every line
bonemets writes on its own account (errors, warnings, notices) goes through here.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO, cast

from bonemets_cli.errors import visible

if TYPE_CHECKING:
    from rich.console import Console

PROGRAM = "bonemets"


class _Closed(io.TextIOBase):
    """Stands in for a standard stream the process was started without (``>&-``)."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "the stream is closed")

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override] # typeshed: bytes
        """End of input: a prompt then stops as Ctrl-D does."""
        return ""


def _usable(stream: TextIO | None) -> TextIO:
    """The process's stream, able to print any character in any locale.

    Under ``LC_ALL=C`` or ``PYTHONIOENCODING=ascii`` an en dash would otherwise stop the
    command; a character the encoding lacks is shown as an escape instead.
    """
    if stream is None:
        return cast(TextIO, _Closed())
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
        reconfigure(errors="backslashreplace")
    return stream


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or stand-in stream
        return False


@dataclass
class Terminal:
    """Where input comes from and output goes, and what those places can show."""

    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin_isatty: bool = False
    width: int | None = None
    """Columns to lay out for; None asks the terminal (or ``$COLUMNS``) when drawing."""
    color: bool = True
    """False under ``NO_COLOR`` (no-color.org): no escape codes at all, bold included."""
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))

    @classmethod
    def from_process(cls) -> Terminal:
        """The real one: this process's streams and environment."""
        stdin, stdout, stderr = (_usable(s) for s in (sys.stdin, sys.stdout, sys.stderr))
        return cls(
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
            stdin_isatty=_isatty(stdin),
            color=not os.environ.get("NO_COLOR"),
        )

    @classmethod
    def captured(
        cls, stdin: str = "", *, width: int = 100, env: Mapping[str, str] | None = None
    ) -> Terminal:
        """In-memory streams and no terminal anywhere: for tests and scripted runs."""
        environ = dict(os.environ if env is None else env)
        return cls(
            stdin=io.StringIO(stdin),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
            width=width,
            color=not environ.get("NO_COLOR"),
            env=environ,
        )

    @property
    def interactive(self) -> bool:
        """A person can be asked: standard input is a terminal."""
        return self.stdin_isatty

    def console(self, *, stderr: bool = False, width: int | None = None) -> Console:
        """A rich console on standard output (or error); rich is imported only here."""
        from rich.console import Console

        return Console(
            file=self.stderr if stderr else self.stdout,
            width=width or self.width,
            highlight=False,
            soft_wrap=False,
            # rich's own NO_COLOR handling drops colours but keeps bold and dim escapes
            color_system="auto" if self.color else None,
        )

    def write(self, text: str) -> None:
        """Raw text (JSON, Markdown, DOT…) to standard output, untouched by rich."""
        self.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        self.stdout.flush()

    def error(self, message: str) -> None:
        """One line on standard error: what went wrong and what to do."""
        self._line(f"error: {message}")

    def warning(self, message: str) -> None:
        self._line(f"warning: {message}")

    def notice(self, message: str) -> None:
        """One line for a stop that is not an error (Ctrl-C, Ctrl-D)."""
        self._line(message)

    def _line(self, text: str) -> None:
        self.stderr.write(f"{PROGRAM}: {visible(text)}\n")
        self.stderr.flush()
