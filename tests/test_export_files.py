"""The one writer: only regular files are replaced, links are written through, faults are errors.

Every output (leaflets, ``--all``, transcripts, the walk's saved summary) goes through
``export.files``; the CLI tests at the bottom show the same rules from the command line.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from clihelp import run_bonemets
from pathwayhelp import VALID, clean_env

from bonemets_cli.errors import OutputError
from bonemets_cli.export.files import write_atomic, write_folder, write_text

LEAFLET = ["--pathways-dir", str(VALID), "leaflet", "mini", "-f", "txt"]


def test_a_link_to_a_regular_file_is_written_through_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_text(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"
    assert real.stat().st_mode & 0o777 == 0o600  # the replaced file keeps its mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_a_dangling_link_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "elsewhere" / "made.txt")
    with pytest.raises(OutputError, match="which does not exist"):
        write_text(link, "x")
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_what_is_not_a_regular_file_is_refused_and_left_alone(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
    elif kind == "device":
        target = Path("/dev/null")
    else:
        target = tmp_path / "folder"
        target.mkdir()
    before = target.lstat()
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(target, b"data")
    after = target.lstat()
    assert (before.st_mode, before.st_ino) == (after.st_mode, after.st_ino)


def test_a_full_disk_is_an_error_and_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.md"
    target.write_text("old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match="No space left on device"):
        write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def disk_full_on_the_second_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up while the second file of a batch is being written."""
    calls = []

    def full_on_the_second(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_on_the_second)


def test_a_new_folder_appears_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk_full_on_the_second_file(monkeypatch)
    with pytest.raises(OutputError, match="nothing was written"):
        write_folder(tmp_path / "out", {"a.txt": b"a", "b.txt": b"b", "c.txt": b"c"})
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    write_folder(tmp_path / "out", {"a.txt": b"a", "b.txt": b"b"})
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.txt", "b.txt"]


def test_an_existing_folder_reports_exactly_what_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    disk_full_on_the_second_file(monkeypatch)
    with pytest.raises(OutputError) as caught:
        write_folder(out, {"a.txt": b"a", "b.txt": b"b", "c.txt": b"c"})
    assert "written before it: a.txt; the rest are unchanged" in caught.value.message
    assert sorted(p.name for p in out.iterdir()) == ["a.txt"]


def test_a_fifo_in_a_batch_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "b.txt")
    with pytest.raises(OutputError, match="named pipe"):
        write_folder(out, {"a.txt": b"a", "b.txt": b"b"})
    assert sorted(p.name for p in out.iterdir()) == ["b.txt"]


# ---------------------------------------------------------------- from the command line


def test_leaflet_o_dash_is_standard_output(tmp_path: Path) -> None:
    result = run_bonemets(*LEAFLET, "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "EMERGENCY" in result.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("option", ["leaflet", "transcript"])
def test_a_fifo_target_is_refused_at_once_not_waited_on(tmp_path: Path, option: str) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    if option == "leaflet":
        args = [*LEAFLET, "-o", str(pipe)]
    else:
        args = ["--pathways-dir", str(VALID), "walk", "mini", "-a", "ask=yes"]
        args += ["--transcript", str(pipe)]
    result = run_bonemets(*args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"bonemets: error: cannot write {pipe}: it is not a regular file (a named pipe); "
        "give the name of a file, or '-' for standard output"
    )
    assert pipe.is_fifo()


def test_standard_output_on_a_full_device_fails_the_command() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "bonemets_cli", *LEAFLET],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=clean_env(),
            timeout=60,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "bonemets: error: cannot write the output: No space left on device"
    ]
