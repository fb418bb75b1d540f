"""The quiz database's safety: a file that is not ours is never changed.

Each case builds a file bonemets must refuse and checks that the file, its ``-wal`` and
``-shm`` (bytes and mtime) and the folder's list of files are exactly as they were, and
that the refusal is one line saying what the file is and what to do.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from clihelp import run_bonemets
from quizhelp import QUIZ_DIR
from test_quiz_store import make_item

from bonemets_cli.quiz import store as store_module
from bonemets_cli.quiz.store import DB_NAME, SCHEMA_VERSION, Store, StoreError

Snapshot = dict[str, tuple[bytes, int]]


def snapshot(folder: Path) -> Snapshot:
    """Every file in ``folder``: its bytes and its mtime."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def refusal(path: Path) -> str:
    """The one-line message opening ``path`` gives, checking nothing in its folder changed."""
    before = snapshot(path.parent)
    with pytest.raises(StoreError) as caught:
        Store(path, busy_timeout=2)
    assert snapshot(path.parent) == before
    message = str(caught.value)
    assert "\n" not in message
    assert "left as it is" in message
    return message


def _sqlite(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()


OURS_ITEMS = """CREATE TABLE items (item_id TEXT PRIMARY KEY, type TEXT NOT NULL,
    pathway TEXT NOT NULL, stage TEXT NOT NULL, card TEXT NOT NULL, due TEXT NOT NULL,
    first_seen TEXT NOT NULL)"""


def _missing_column(path: Path) -> None:
    """Our schema at version 1, but items has no due column."""
    _sqlite(
        path,
        "CREATE TABLE items (item_id TEXT PRIMARY KEY, type TEXT NOT NULL,"
        " pathway TEXT NOT NULL, stage TEXT NOT NULL, card TEXT NOT NULL,"
        " first_seen TEXT NOT NULL)",
        "CREATE TABLE reviews (id INTEGER PRIMARY KEY AUTOINCREMENT, item_id TEXT NOT NULL,"
        " reviewed_at TEXT NOT NULL, correct INTEGER NOT NULL, rating INTEGER NOT NULL,"
        " chosen TEXT NOT NULL, log TEXT NOT NULL)",
        "PRAGMA user_version = 1",
    )


def _ours_plus_a_table(path: Path) -> None:
    """A bonemets file someone added a table to."""
    Store(path).close()
    _sqlite(path, "CREATE TABLE recipes (name TEXT)")


FOREIGN: dict[str, tuple[Callable[[Path], object], str]] = {
    # name: (how to make it, what the message says it is)
    "zero-byte": (lambda p: p.write_bytes(b""), "empty file"),
    "no-tables": (
        lambda p: _sqlite(p, "CREATE TABLE t (x)", "DROP TABLE t"),
        "not a bonemets quiz database",
    ),
    "foreign-version-0": (
        lambda p: _sqlite(p, "CREATE TABLE recipes (name TEXT)"),
        "not a bonemets quiz database",
    ),
    "foreign-version-1": (
        lambda p: _sqlite(p, "CREATE TABLE recipes (name TEXT)", "PRAGMA user_version = 1"),
        "not a bonemets quiz database",
    ),
    "foreign-version-1-wal": (
        lambda p: _sqlite(
            p,
            "PRAGMA journal_mode = WAL",
            "CREATE TABLE recipes (name TEXT)",
            "PRAGMA user_version = 1",
        ),
        "not a bonemets quiz database",
    ),
    "ours-plus-a-foreign-table": (_ours_plus_a_table, "not a bonemets quiz database"),
    "missing-table": (
        lambda p: _sqlite(p, OURS_ITEMS, "PRAGMA user_version = 1"),
        "no table reviews",
    ),
    "missing-column": (_missing_column, "items"),
    "newer": (
        lambda p: _sqlite(
            p, "CREATE TABLE future (x)", f"PRAGMA user_version = {SCHEMA_VERSION + 1}"
        ),
        "newer bonemets",
    ),
}


@pytest.mark.parametrize("kind", list(FOREIGN))
def test_a_file_that_is_not_ours_is_refused_byte_for_byte(tmp_path: Path, kind: str) -> None:
    make, says = FOREIGN[kind]
    path = tmp_path / DB_NAME
    make(path)
    assert says in refusal(path)


@pytest.mark.parametrize("kind", ["zero-byte", "foreign-version-1-wal", "missing-column"])
@pytest.mark.parametrize("command", ["quiz", "progress"])
def test_the_commands_refuse_it_in_one_line(tmp_path: Path, kind: str, command: str) -> None:
    make, says = FOREIGN[kind]
    path = tmp_path / DB_NAME
    make(path)
    before = snapshot(tmp_path)
    answers = tmp_path.parent / f"{tmp_path.name}-answers.json"
    answers.write_text('{"answers": {"1": "A"}}')
    args = ["progress"]
    if command == "quiz":
        args = ["--pathways-dir", str(QUIZ_DIR), "quiz", "--pathway", "quizlimb"]
        args += ["--seed", "1", "--count", "2", "--answers", str(answers)]
    proc = run_bonemets(*args, "--data-dir", tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1
    assert says in proc.stderr
    assert snapshot(tmp_path) == before


# an un-checkpointed write-ahead log ------------------------------------------------------

NEWER_WRITER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")  # everything stays in the -wal file
    conn.execute("CREATE TABLE future (x)")
    conn.execute("INSERT INTO future VALUES (1)")
    conn.execute("PRAGMA user_version = {version}")
    print("ready", flush=True)
    sys.stdin.readline()  # keeps the connection (and its -wal and -shm) open until told
    """
).format(version=SCHEMA_VERSION + 1)


@contextmanager
def newer_bonemets_writing(path: Path) -> Iterator[None]:
    """A newer bonemets in another process, its writes still only in the -wal file."""
    proc = subprocess.Popen(
        [sys.executable, "-c", NEWER_WRITER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdin is not None
    try:
        assert proc.stdout.readline() == "ready\n"
        yield
    finally:
        proc.stdin.write("done\n")
        proc.stdin.flush()
        proc.wait(timeout=30)


def test_a_newer_file_another_process_is_writing_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    with newer_bonemets_writing(path):
        assert {p.name for p in tmp_path.iterdir()} == {DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"}
        assert "newer bonemets" in refusal(path)


@pytest.mark.parametrize("with_shm", [False, True], ids=["wal-only", "wal-and-shm"])
def test_a_copied_newer_file_with_its_wal_is_refused_untouched(
    tmp_path: Path, with_shm: bool
) -> None:
    """A backup taken while a newer bonemets was writing: the newer version is only in -wal."""
    original = tmp_path / "original" / DB_NAME
    original.parent.mkdir()
    copy = tmp_path / "copy" / DB_NAME
    copy.parent.mkdir()
    with newer_bonemets_writing(original):
        suffixes = ["", "-wal", "-shm"] if with_shm else ["", "-wal"]
        for suffix in suffixes:
            shutil.copyfile(f"{original}{suffix}", f"{copy}{suffix}")
    conn = sqlite3.connect(f"{copy.as_uri()}?immutable=1", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION + 1  # not in the file
    conn.close()
    assert "newer bonemets" in refusal(copy)


# what is ours still opens ---------------------------------------------------------------


def test_a_missing_file_is_created_whole(tmp_path: Path) -> None:
    path = tmp_path / "new" / DB_NAME
    with Store(path) as store:
        store.record(make_item(), "x", True)
    assert sorted(p.name for p in path.parent.iterdir()) == [DB_NAME]  # no temporary left
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 1
    conn.close()


def test_our_own_file_still_opens_after_a_clean_close(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    with Store(path) as store:
        store.record(make_item("a"), "x", True)
    with Store(path) as store:
        store.record(make_item("b"), "x", True)
        assert store.seen_ids() == {"a", "b"}


def test_a_new_file_another_bonemets_linked_first_is_the_one_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / DB_NAME
    real_link = os.link

    def the_other_is_faster(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        monkeypatch.setattr(os, "link", real_link)
        with Store(path) as other:  # another bonemets creates the file meanwhile
            other.record(make_item("theirs"), "x", True)
        real_link(src, dst)

    monkeypatch.setattr(os, "link", the_other_is_faster)
    with Store(path) as store:
        assert store.seen_ids() == {"theirs"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_NAME]


def test_without_hard_links_a_new_file_is_renamed_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")  # as on FAT

    monkeypatch.setattr(os, "link", no_links)
    with Store(tmp_path / DB_NAME) as store:
        store.record(make_item(), "x", True)
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_NAME]


def test_a_file_changing_while_it_is_looked_at_is_looked_at_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read without locks, a page another bonemets is copying in can look damaged: that is
    not damage if the file changed meanwhile, and the second look opens it."""
    path = tmp_path / DB_NAME
    Store(path).close()
    real_check = store_module._check
    looks: list[int] = []

    def torn_first_time(conn: sqlite3.Connection, where: Path) -> None:
        looks.append(1)
        if len(looks) == 1:
            os.utime(where, ns=(0, 0))  # the other bonemets' checkpoint
            raise sqlite3.DatabaseError("database disk image is malformed")
        real_check(conn, where)

    monkeypatch.setattr(store_module, "_check", torn_first_time)
    Store(path).close()
    assert len(looks) == 2
