"""The quiz database: FSRS scheduling, versioning, damaged files and concurrent writers."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler

from bonemets_cli.quiz.items import Choice, ItemType, QuizItem
from bonemets_cli.quiz.store import (
    DB_NAME,
    SCHEMA_VERSION,
    Store,
    StoreBusyError,
    StoreError,
    card_id_for,
)

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)


def make_item(
    item_id: str = "next-step:limb:start=yes", pathway: str = "quizlimb", stage: str = "symptoms"
) -> QuizItem:
    return QuizItem(
        id=item_id,
        type=ItemType.NEXT_STEP,
        pathway=pathway,
        stage=stage,
        question="?",
        choices=(Choice("right", True), Choice("wrong")),
        explanation="because",
    )


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def test_due_dates_follow_the_fsrs_scheduler(tmp_path: Path) -> None:
    clock = Clock(T0)
    item = make_item()
    times = [
        T0,
        T0 + dt.timedelta(minutes=3),
        T0 + dt.timedelta(hours=2),
        T0 + dt.timedelta(days=3),
    ]
    outcomes = [False, True, True, True]
    reference = Scheduler(enable_fuzzing=False)
    card = Card(card_id=card_id_for(item.id), due=T0)
    with Store(tmp_path / DB_NAME, clock=clock) as store:
        for when, right in zip(times, outcomes, strict=True):
            clock.now = when
            state = store.record(item, "x", right)
            card, _ = reference.review_card(card, Rating.Good if right else Rating.Again, when)
            assert state.due == card.due
            assert state.card.to_dict() == card.to_dict()
        logs = store.review_logs(item.id)
    assert [log["rating"] for log in logs] == [1, 3, 3, 3]  # Again, Good, Good, Good
    assert [log["review_datetime"] for log in logs] == [t.isoformat() for t in times]
    # a fresh connection reads the same card back from disk
    with Store(tmp_path / DB_NAME, clock=clock) as store:
        (saved,) = store.items()
    assert saved.card.to_dict() == card.to_dict()
    assert card.due > times[-1] + dt.timedelta(days=1)  # right answers push the item out


def test_due_ids_put_the_most_overdue_first(tmp_path: Path) -> None:
    clock = Clock(T0)
    with Store(tmp_path / DB_NAME, clock=clock) as store:
        store.record(make_item("a"), "x", False)  # Again: due in 1 minute
        clock.now = T0 + dt.timedelta(minutes=1)
        store.record(make_item("b"), "x", False)
        store.record(make_item("c"), "x", True)  # Good: due in 10 minutes
        assert store.due_ids(T0 + dt.timedelta(minutes=5)) == ["a", "b"]
        assert store.due_ids(T0 + dt.timedelta(hours=1)) == ["a", "b", "c"]
        assert store.due_ids(T0) == []
        assert store.seen_ids() == {"a", "b", "c"}


def test_new_database_has_the_schema_version_and_wal(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / DB_NAME
    Store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def _assert_refused_untouched(path: Path, expected: str) -> None:
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store(path)
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message
    assert "left as it is" in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_garbage_file_is_reported_and_left_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    path.write_bytes(b"this is not a database at all\x00" * 200)
    _assert_refused_untouched(path, "damaged")


def test_truncated_database_is_reported_and_left_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    with Store(path) as store:
        for n in range(300):
            store.record(make_item(f"item-{n}" + "x" * 200), "chosen " * 20, n % 2 == 0)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = path.read_bytes()
    assert len(data) > 20_000
    path.write_bytes(data[: len(data) // 2])
    _assert_refused_untouched(path, "damaged")


def test_database_from_a_newer_bonemets_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    _assert_refused_untouched(path, "newer bonemets")


def test_someone_elses_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    _assert_refused_untouched(path, "not a bonemets quiz database")


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from bonemets_cli.quiz.items import Choice, ItemType, QuizItem
    from bonemets_cli.quiz.store import Store

    path, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    print("ready", flush=True)
    sys.stdin.readline()  # the barrier: every writer opens the file at the same moment
    with Store(path) as store:
        for n in range(count):
            item_id = f"shared-{n % 5}" if n % 2 else f"{tag}-{n}"
            item = QuizItem(item_id, ItemType.BANK, "limb", "imaging", "?",
                            (Choice("a", True), Choice("b")), "e")
            store.record(item, "a", n % 3 != 0)
    """
)


def _start_together(argvs: list[list[str]]) -> list[subprocess.Popen[str]]:
    """Start processes running WRITER-like scripts and release them at the same instant."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for argv in argvs
    ]
    for proc in procs:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    return procs


@pytest.mark.parametrize("existing", [False, True], ids=["new-file", "existing-file"])
def test_two_processes_writing_at_once_do_not_corrupt(tmp_path: Path, existing: bool) -> None:
    """Two quizzes opening and answering at once: both succeed, nothing lost or mixed up.

    Several rounds, each on its own file: opening a new file at the same moment is where a
    locked file used to be reported as damaged (about one run in five with one round), and
    where both race to create it.
    """
    count = 30
    for round_ in range(4):
        path = tmp_path / str(round_) / DB_NAME
        path.parent.mkdir()
        if existing:
            with Store(path) as store:
                store.record(make_item("before"), "x", True)
        procs = _start_together([[WRITER, str(path), tag, str(count)] for tag in ("one", "two")])
        outcomes = [(p.wait(timeout=120), p.communicate()[1]) for p in procs]
        assert outcomes == [(0, ""), (0, "")], f"round {round_}"
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 2 * count + existing
        # every shared item was reviewed by both writers, none lost to a race
        for n in range(5):
            reviews = conn.execute(
                "SELECT count(*) FROM reviews WHERE item_id = ?", (f"shared-{n}",)
            ).fetchone()[0]
            assert reviews == 2 * len([k for k in range(count) if k % 2 and k % 5 == n])
        conn.close()


def _file_for(tmp_path: Path, journal: str) -> Path:
    """A database another bonemets could be writing, in WAL mode as bonemets leaves it, or
    switched back to a rollback journal (opening it then needs the exclusive lock)."""
    path = tmp_path / DB_NAME
    with Store(path) as store:
        store.record(make_item("before"), "x", True)
    if journal == "rollback":
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
    return path


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    """Another writer mid-transaction, the way a second quiz holds the file while it saves."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def _reviews(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM reviews").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("journal", ["wal", "rollback"])
def test_a_quiz_waits_for_another_writers_lock_then_answers(tmp_path: Path, journal: str) -> None:
    path = _file_for(tmp_path, journal)
    other = _hold_write_lock(path)
    (proc,) = _start_together([[WRITER, str(path), "waiting", "3"]])
    time.sleep(1.0)  # without the lock the writer would have finished in milliseconds
    assert proc.poll() is None, proc.communicate()[1]
    other.execute("COMMIT")
    other.close()
    assert (proc.wait(timeout=60), proc.communicate()[1]) == (0, "")
    assert _reviews(path) == 4


@pytest.mark.parametrize("journal", ["wal", "rollback"])
def test_a_lock_outlasting_the_timeout_is_in_use_not_damaged(tmp_path: Path, journal: str) -> None:
    path = _file_for(tmp_path, journal)
    other = _hold_write_lock(path)
    started = time.monotonic()
    with pytest.raises(StoreBusyError) as caught:
        Store(path, busy_timeout=0.3)
    waited = time.monotonic() - started
    other.execute("ROLLBACK")
    other.close()
    message = str(caught.value)
    assert "in use by another bonemets" in message
    assert "try again" in message
    assert "damaged" not in message
    assert "\n" not in message
    assert 0.3 <= waited < 10
    # nothing was deleted or overwritten: the file opens and keeps what it had
    with Store(path, busy_timeout=0.3) as store:
        assert store.seen_ids() == {"before"}


def test_an_answer_blocked_too_long_is_in_use_and_not_half_saved(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    with Store(path, busy_timeout=0.3) as store:
        store.record(make_item("first"), "x", True)
        other = _hold_write_lock(path)
        with pytest.raises(StoreBusyError, match="in use by another bonemets"):
            store.record(make_item("second"), "x", True)
        assert not store.conn.in_transaction
        other.execute("COMMIT")
        other.close()
        store.record(make_item("second"), "x", False)  # released: the same answer saves
        assert store.seen_ids() == {"first", "second"}
    assert _reviews(path) == 2
