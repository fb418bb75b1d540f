"""The installed ``bonemets`` in a real pseudo-terminal, read through a terminal emulator.

pexpect gives the program a pty of a chosen size; pyte replays what it writes, so a test
sees the screen a person sees (wrapped lines, the pointer, what stays at the bottom)
instead of a stream of escape codes.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pexpect
import pyte

TIMEOUT = 20.0  # generous: the machine is shared


def bonemets() -> str:
    found = Path(sys.executable).parent / "bonemets"
    return str(found) if found.exists() else (shutil.which("bonemets") or "bonemets")


class Tty:
    """One run of bonemets at ``cols`` × ``rows``."""

    def __init__(
        self,
        args: list[str],
        cwd: Path,
        *,
        cols: int = 80,
        rows: int = 50,
        env: dict[str, str] | None = None,
    ) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.Stream(self.screen)
        self.raw = ""
        self.child: pexpect.spawn[str] = pexpect.spawn(
            bonemets(),
            args,
            cwd=str(cwd),
            env={
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "HOME": str(cwd),
                "LANG": "C.UTF-8",
                "TERM": "xterm",
                "PROMPT_TOOLKIT_NO_CPR": "1",  # pexpect does not answer cursor queries
                "BONEMETS_DATA_DIR": str(cwd / "data"),
                **(env or {}),
            },
            dimensions=(rows, cols),
            encoding="utf-8",
            timeout=TIMEOUT,
        )
        self.child.delaybeforesend = None  # pexpect's default 50 ms before each send

    def _read(self, wait: float) -> bool:
        """Feed what arrives within ``wait`` seconds to the emulator; False at end of output."""
        try:
            data = self.child.read_nonblocking(65536, timeout=wait)
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            return False
        self.raw += data
        self.stream.feed(data)
        return True

    def settle(self, quiet: float = 0.25) -> None:
        """Read until the program has written nothing for ``quiet`` seconds."""
        end = time.monotonic() + TIMEOUT
        while time.monotonic() < end:
            before = len(self.raw)
            if not self._read(quiet) or len(self.raw) == before:
                return
        raise AssertionError("the program never stopped writing:\n" + self.text())

    def wait(self, text: str) -> None:
        """Read until ``text`` (whitespace ignored) is on the screen, then until quiet."""
        end = time.monotonic() + TIMEOUT
        while squash(text) not in squash(self.text()):
            if time.monotonic() > end or not self._read(0.2):
                raise AssertionError(f"{text!r} never appeared; the screen:\n{self.text()}")
        self.settle()

    def send(self, keys: str) -> None:
        self.child.send(keys)
        self.settle()

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def text(self) -> str:
        return "\n".join(self.lines()).rstrip("\n")

    def pointer_line(self) -> str:
        """The highlighted entry's first line (the one with the pointer)."""
        found = [line for line in self.lines() if "❯" in line]
        assert found, self.text()
        return found[-1]

    def finish(self) -> int:
        """Wait for the end and return the exit status."""
        while self._read(0.5):
            pass
        self.child.close()
        status = self.child.exitstatus
        assert status is not None, f"killed by signal {self.child.signalstatus}"
        return int(status)

    def close(self) -> None:
        if self.child.isalive():
            self.child.close(force=True)


def squash(text: str) -> str:
    """Words joined by single spaces: wrapped text compares equal to the unwrapped."""
    return " ".join(text.split())
