"""Write a file all at once: a temp file beside it, then ``os.replace``.

A nurse's saved summary or a transcript is never left half-written, and an existing
file is only replaced by a complete new one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bonemets_cli.errors import OutputError


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path``; raise ``OutputError`` naming the file on failure."""
    folder = path.parent if str(path.parent) else Path()
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.chmod(tmp_name, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"cannot write {path}: {reason}") from None
    finally:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)


def _mode_for(path: Path) -> int:
    """Keep a replaced file's permissions; a new file gets the usual ones (0o666 less umask),
    not mkstemp's private 0o600, so a saved summary can be shared like any other file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
