"""A pathways folder written by others cannot make bonemets read outside it or hang."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from clihelp import run_bonemets
from pathwayhelp import VALID


def folder_with(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    for name in ("mini.yaml", "other.yaml", "bibliography.yaml"):
        shutil.copy(VALID / name, folder)
    return folder


def test_a_link_out_of_the_folder_is_refused_and_never_echoed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: [ssh-rsa AAAAB3 private key material\n", encoding="utf-8")
    folder = folder_with(tmp_path)
    (folder / "evil.yaml").symlink_to(secret)
    result = run_bonemets("--pathways-dir", folder, "validate", folder)
    assert result.returncode == 1
    assert (
        f"{folder / 'evil.yaml'}: [error] is a link to a file outside the pathways folder; "
        "copy the file in instead (path-escape)"
    ) in result.stdout
    assert "ssh-rsa" not in result.stdout + result.stderr
    listed = run_bonemets("--pathways-dir", folder, "list")
    assert listed.returncode == 1
    assert "ssh-rsa" not in listed.stdout + listed.stderr


def test_a_link_inside_the_folder_is_read_as_usual(tmp_path: Path) -> None:
    folder = folder_with(tmp_path)
    (folder / "sub").mkdir()
    shutil.move(folder / "other.yaml", folder / "sub" / "other.yaml")
    (folder / "other.yaml").symlink_to(folder / "sub" / "other.yaml")
    result = run_bonemets("--pathways-dir", folder, "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert '"id": "other"' in result.stdout


@pytest.mark.parametrize("where", ["folder", "answers", "contacts", "validate"])
def test_a_named_pipe_is_never_opened_for_reading(tmp_path: Path, where: str) -> None:
    folder = folder_with(tmp_path)
    pipe = (folder if where == "folder" else tmp_path) / "pipe.yaml"
    os.mkfifo(pipe)
    args = {
        "folder": ["list"],
        "answers": ["walk", "mini", "--answers", str(pipe)],
        "contacts": ["leaflet", "mini", "--contacts", str(pipe)],
        "validate": ["validate", str(pipe)],
    }[where]
    done: list[object] = []
    runner = threading.Thread(
        target=lambda: done.append(run_bonemets("--pathways-dir", folder, *args)), daemon=True
    )
    runner.start()
    runner.join(timeout=20)
    if not done:  # unblock the reader so the thread can end, then fail
        with open(pipe, "w"):
            pass
        pytest.fail(f"{where}: bonemets waited on a named pipe")
    result = done[0]
    assert "is not a regular file" in result.stderr + result.stdout  # type: ignore[attr-defined]
    assert "Traceback" not in result.stderr  # type: ignore[attr-defined]
    if where == "folder":
        assert result.returncode == 0, result.stderr  # type: ignore[attr-defined]
        assert "skipped" in result.stderr  # type: ignore[attr-defined]
