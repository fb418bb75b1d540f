"""The one file writer: a temporary file beside the target, then ``os.replace``.

A nurse's saved summary, a transcript or a leaflet is never left half-written: a reader
(or a printer queue) sees the old file or the new one, never a torn one. An existing
file keeps its permissions; a new one gets the usual ones (0o666 less the umask), not
``mkstemp``'s private 0o600, so it can be shared like any other file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from bonemets_cli.errors import OutputError


def check_folder(folder: Path) -> None:
    """Fail early, before any rendering, if the output folder is missing."""
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise OutputError(f"output folder {folder} {what}; create it first (mkdir -p {folder})")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once, or leave ``path`` as it was."""
    folder = path.parent if str(path.parent) else Path()
    try:
        check_folder(folder)
    except OutputError as exc:
        raise OutputError(f"cannot write {path}: {exc.message}") from None
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder; give a file name")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def write_text(path: Path, text: str) -> None:
    """``write_atomic`` for text: UTF-8 with ``\\n`` line ends on every platform."""
    write_atomic(path, text.encode("utf-8"))


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write several files (a batch of leaflets), each atomically, after all are rendered."""
    for folder in sorted({p.parent for p in files}):
        check_folder(folder)
    for path, data in files.items():
        write_atomic(path, data)


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or 0o666 less the umask for a new file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
