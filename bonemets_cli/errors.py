"""One error base for everything a user can get wrong.

The CLI boundary turns any ``BonemetsError`` into one line on stderr and an exit code,
so no user ever sees a traceback for bad input (house style, principle 3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 and C1 control characters and DEL, tab and line feed excepted: ESC, BEL, CSI and
the rest can retitle a terminal, rewrite the screen or set the clipboard (OSC 52)."""
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` on one line with every control character shown as an escape (``\\x1b``,
    ``\\n``), so text from a file can neither steer a terminal nor forge another line."""
    return _ANY_CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file, 1-based as editors show it."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.col}"


class BonemetsError(Exception):
    """Base of every error the CLI reports as one line with exit code 1."""

    exit_code = 1

    def __init__(self, message: str, location: Location | None = None, rule: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.rule = rule

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return visible(f"{where}{self.message}")


class PathwayLoadError(BonemetsError):
    """A pathway, bibliography or quiz file that cannot be read into the model."""


class NotFoundError(BonemetsError):
    """A pathway, node or file named by the user does not exist."""


class UsageError(BonemetsError):
    """Options that do not fit together; exit code 2 like click's usage errors."""

    exit_code = 2


class OutputError(BonemetsError):
    """An output file or folder that cannot be written."""
