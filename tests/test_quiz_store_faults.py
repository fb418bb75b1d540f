"""Faults of the disk and of the data folder: one line naming the real cause, no answer lost.

Read-only files and folders are made read-only for real (``chmod``, or ``chattr +i`` when
the tests run as root, who ignores permissions). A full disk mid-quiz is SQLite's own
"database or disk is full" error, raised at the Nth answer's commit.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from clihelp import Result, run_bonemets
from quizhelp import QUIZ_DIR
from test_quiz_store import make_item
from test_quiz_store_safety import snapshot

from bonemets_cli.quiz import store as store_module
from bonemets_cli.quiz.store import DB_NAME, Store, StoreError

QUIZ = ["--pathways-dir", str(QUIZ_DIR), "quiz", "--pathway", "quizlimb", "--seed", "5"]


def quiz(tmp_path: Path, data: Path | str, count: int = 4) -> Result:
    """A scripted quiz answering every one of ``count`` items with A."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {str(n): "A" for n in range(1, count + 1)}}))
    return run_bonemets(*QUIZ, "--count", str(count), "--answers", answers, "--data-dir", data)


def progress(data: Path | str) -> Result:
    return run_bonemets("progress", "--data-dir", data)


def one_line(proc: Result, says: str) -> None:
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert says in proc.stderr
    assert "damaged" not in proc.stderr
    assert "internal error" not in proc.stderr


def saved(data: Path) -> list[str]:
    conn = sqlite3.connect(data / DB_NAME)
    try:
        return [r[0] for r in conn.execute("SELECT item_id FROM reviews ORDER BY id")]
    finally:
        conn.close()


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` read-only for this process for real, restored afterwards."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False).returncode:
        pytest.skip("running as root on a file system without chattr +i")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def answered_once(data: Path) -> Path:
    """A data folder whose database holds one answer."""
    with Store(data / DB_NAME) as store:
        store.record(make_item("before"), "x", True)
    return data / DB_NAME


# read-only ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["quiz", "progress"])
def test_a_read_only_database_file_is_named_and_kept(tmp_path: Path, command: str) -> None:
    data = tmp_path / "data"
    path = answered_once(data)
    before = snapshot(data)
    with read_only(path):
        proc = quiz(tmp_path, data) if command == "quiz" else progress(data)
    one_line(proc, f"the quiz database {path} is read-only")
    assert proc.stdout == ""  # a quiz is refused before its first question
    assert snapshot(data) == before


@pytest.mark.parametrize("command", ["quiz", "progress"])
@pytest.mark.parametrize("existing", [True, False], ids=["with-database", "empty-folder"])
def test_a_read_only_data_folder_is_named(tmp_path: Path, existing: bool, command: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    if existing:
        answered_once(data)
    before = snapshot(data)
    with read_only(data):
        proc = quiz(tmp_path, data) if command == "quiz" else progress(data)
    if command == "progress" and not existing:
        assert proc.returncode == 0, proc.stderr  # nothing answered yet: nothing to read
    else:
        one_line(proc, f"the data folder {data} is read-only")
    assert snapshot(data) == before


# a fault while answering ----------------------------------------------------------------


def sqlite_error(kind: str) -> sqlite3.OperationalError:
    """A real error from SQLite: a full database (its page limit reached), or a write to a
    read-only one."""
    if kind == "disk full":
        conn = sqlite3.connect(":memory:")
        conn.execute("PRAGMA max_page_count = 1")
        sql = "CREATE TABLE t (x)"
    else:
        conn = sqlite3.connect("file::memory:?mode=ro", uri=True)
        sql = "CREATE TABLE t (x)"
    try:
        conn.execute(sql)
    except sqlite3.OperationalError as exc:
        return exc
    finally:
        conn.close()
    raise AssertionError(f"SQLite made no {kind} error")


class FaultyConnection:
    """A real connection whose ``nth`` statement starting with ``sql`` fails with ``error``."""

    def __init__(self, conn: sqlite3.Connection, sql: str, nth: int, error: sqlite3.Error) -> None:
        self.conn, self.sql, self.nth, self.error = conn, sql, nth, error
        self.seen = 0

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql.lstrip().startswith(self.sql):
            self.seen += 1
            if self.seen == self.nth:
                raise self.error
        return self.conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)


def fail_at(monkeypatch: pytest.MonkeyPatch, sql: str, nth: int, error: sqlite3.Error) -> None:
    """Every store opened from now on fails its ``nth`` ``sql`` statement with ``error``."""
    real_open = store_module._open

    def faulty_open(path: Path, busy_timeout: float, **options: Any) -> Any:
        return FaultyConnection(real_open(path, busy_timeout, **options), sql, nth, error)

    monkeypatch.setattr(store_module, "_open", faulty_open)


@pytest.mark.parametrize(
    ("kind", "says"), [("disk full", "disk is full"), ("read-only", "read-only")]
)
def test_a_fault_at_the_third_answer_keeps_the_first_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, says: str
) -> None:
    data = tmp_path / "data"
    fail_at(monkeypatch, "COMMIT", 3, sqlite_error(kind))
    proc = quiz(tmp_path, data, count=4)
    one_line(proc, says)
    assert "answer" in proc.stderr
    monkeypatch.undo()
    first_two = [i["id"] for i in json.loads(sheet(tmp_path, data).stdout)["items"][:2]]
    assert saved(data) == first_two


def sheet(tmp_path: Path, data: Path) -> Result:
    """The same quiz's items, as JSON, answered into another folder (to know their ids)."""
    answers = tmp_path / "none.json"
    answers.write_text('{"answers": {}}')
    return run_bonemets(
        *QUIZ, "--count", "4", "--answers", answers, "--format", "json", "--data-dir", data
    )


def test_after_a_full_disk_the_store_saves_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_at(monkeypatch, "INSERT INTO reviews", 2, sqlite_error("disk full"))
    with Store(tmp_path / DB_NAME) as store:
        store.record(make_item("one"), "x", True)
        with pytest.raises(StoreError, match="disk is full") as caught:
            store.record(make_item("two"), "x", True)
        assert "\n" not in str(caught.value)
        assert not store.conn.in_transaction
        assert store.seen_ids() == {"one"}  # nothing of the failed answer, not even its item
        store.record(make_item("two"), "x", True)  # space freed: the same answer saves
        assert store.seen_ids() == {"one", "two"}


def test_a_disk_error_while_reading_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answered_once(tmp_path)
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = 10  # SQLITE_IOERR, as SQLite sets it (Python 3.11+)
    fail_at(monkeypatch, "SELECT", 1, error)
    one_line(progress(tmp_path), "disk")


# the data folder ------------------------------------------------------------------------


@pytest.mark.parametrize("below", ["", "sub"], ids=["the-file", "under-it"])
@pytest.mark.parametrize("command", ["quiz", "progress"])
def test_a_data_folder_that_is_a_file_is_named(tmp_path: Path, below: str, command: str) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("mine")
    data = afile / below if below else afile
    env = {"BONEMETS_DATA_DIR": str(data)}
    answers = tmp_path / "answers.json"
    answers.write_text('{"answers": {"1": "A"}}')
    if command == "quiz":
        proc = run_bonemets(*QUIZ, "--count", "2", "--answers", answers, env=env)
    else:
        proc = run_bonemets("progress", env=env)
    one_line(proc, f"{afile} is a file")
    assert afile.read_text() == "mine"


def test_a_data_dir_option_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("mine")
    proc = progress(afile)
    assert proc.returncode == 2
    assert "is a file" in proc.stderr


@pytest.mark.parametrize("how", ["long-name", "long-path"])
@pytest.mark.parametrize("via", ["option", "env"])
@pytest.mark.parametrize("command", ["quiz", "progress"])
def test_a_data_folder_path_too_long_is_one_line(
    tmp_path: Path, how: str, via: str, command: str
) -> None:
    data = tmp_path / ("x" * 300) if how == "long-name" else tmp_path.joinpath(*["d" * 200] * 25)
    env = {"BONEMETS_DATA_DIR": str(data)} if via == "env" else {}
    args: list[str | Path] = [] if via == "env" else ["--data-dir", data]
    answers = tmp_path / "answers.json"
    answers.write_text('{"answers": {"1": "A"}}')
    if command == "quiz":
        proc = run_bonemets(*QUIZ, "--count", "2", "--answers", answers, *args, env=env)
    else:
        proc = run_bonemets("progress", *args, env=env)
    one_line(proc, "too long")


@contextmanager
def unreadable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Nothing under ``folder`` can be looked up: ``chmod 000``, or, for root (whom
    permissions do not stop), every stat below it denied as the kernel would deny it."""
    if os.geteuid() != 0:
        folder.chmod(0)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    real_stat = os.stat

    def denied(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if Path(os.fsdecode(path)).is_relative_to(folder) and Path(os.fsdecode(path)) != folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", denied)
    try:
        yield
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize("command", ["quiz", "progress"])
def test_a_data_folder_under_an_unreadable_folder_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    locked = tmp_path / "locked"
    (locked / "data").mkdir(parents=True)
    with unreadable(locked, monkeypatch):
        proc = quiz(tmp_path, locked / "data") if command == "quiz" else progress(locked / "data")
    one_line(proc, "ermission denied")
