"""The one file writer: a temporary file beside the target, then ``os.replace``.

A nurse's saved summary, a transcript or a leaflet is never left half-written: a reader
(or a printer queue) sees the old file or the new one, never a torn one. The rules, the
same for every output bonemets writes:

- only a regular file is ever replaced; a folder, FIFO, device or socket is refused
  with one line (``-`` is standard output, which the commands handle before this);
- a symlink to a regular file is written through: its target is replaced atomically
  and the link itself is kept; a dangling link or one to anything else is refused;
- an existing file keeps its permissions; a new one gets the usual ones (0o666 less the
  umask), not ``mkstemp``'s private 0o600, so it can be shared like any other file;
- a full disk or any other write error is an ``OutputError`` naming the file and the
  cause, and the target is left as it was.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from bonemets_cli.errors import OutputError

STDOUT = "-"
"""The output name that means standard output (``-o -``)."""


def check_folder(folder: Path) -> None:
    """Fail early, before any rendering, if the output folder is missing."""
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise OutputError(f"output folder {folder} {what}; create it first (mkdir -p {folder})")


def target_of(path: Path) -> Path:
    """The regular file that writing ``path`` replaces (through one or more symlinks).

    Refuses anything else, before a byte is written.
    """
    try:
        info = os.stat(path)  # follows links
    except FileNotFoundError:
        if path.is_symlink():
            raise OutputError(
                f"cannot write {path}: it is a link to {os.readlink(path)}, which does not "
                "exist; remove the link or give another name"
            ) from None
        return path
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"cannot write {path}: it is a folder; give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(
            f"cannot write {path}: it is not a regular file ({_kind(info.st_mode)}); give "
            "the name of a file, or '-' for standard output"
        )
    return Path(os.path.realpath(path))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once, or leave ``path`` as it was."""
    target = target_of(path)
    folder = target.parent if str(target.parent) else Path()
    try:
        check_folder(folder)
    except OutputError as exc:
        raise OutputError(f"cannot write {path}: {exc.message}") from None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def write_text(path: Path, text: str) -> None:
    """``write_atomic`` for text: UTF-8 with ``\\n`` line ends on every platform."""
    write_atomic(path, text.encode("utf-8"))


def write_folder(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write a batch of files (every leaflet and an index) into ``folder``.

    A folder that does not exist yet is filled under a temporary name and renamed into
    place, so it appears complete or not at all. Into an existing folder each file is
    written atomically; if one fails, the error says exactly which were written.
    """
    for name in files:
        target_of(folder / name)  # refuse a non-regular target before writing any
    if not folder.exists() and not folder.is_symlink():
        _write_new_folder(folder, files)
        return
    check_folder(folder)
    written: list[str] = []
    for name, data in files.items():
        try:
            write_atomic(folder / name, data)
        except OutputError as exc:
            done = ", ".join(written) if written else "none"
            raise OutputError(
                f"{exc.message} (written before it: {done}; the rest are unchanged)"
            ) from None
        written.append(name)


def _write_new_folder(folder: Path, files: Mapping[str, bytes]) -> None:
    parent = folder.parent if str(folder.parent) else Path()
    check_folder(parent)
    try:
        staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name}.", suffix=".tmp"))
    except OSError as exc:
        raise OutputError(f"cannot create {folder}: {exc.strerror or exc}") from None
    try:
        os.chmod(staging, 0o777 & ~_umask())
        for name, data in files.items():
            write_atomic(staging / name, data)
        os.rename(staging, folder)
    except (OSError, OutputError) as exc:
        for leftover in staging.iterdir():
            leftover.unlink(missing_ok=True)
        staging.rmdir()
        reason = exc.message if isinstance(exc, OutputError) else (exc.strerror or str(exc))
        raise OutputError(f"cannot create {folder}: {reason}; nothing was written") from None


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or 0o666 less the umask for a new file."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()
