"""Quiz results in SQLite, scheduled with FSRS: what was asked, what was answered, what is due.

Safety of the trainee's record comes first:
- each answer is one short transaction, committed before the next question is shown, so
  quitting or a killed process loses nothing already answered;
- a file that is not ours is never changed: it is only read, in ways that touch neither it
  nor its -wal and -shm, until its tables are known to be exactly ours; someone else's
  SQLite file, a bonemets-like one missing a table or column, a zero-byte file, a newer or
  a corrupt one is reported and left exactly as it was. A new file is made whole under a
  temporary name and linked into place, so a half-made file is never ours;
- the schema version lives in ``PRAGMA user_version``; an older file is migrated
  explicitly;
- WAL mode and a busy timeout let two quizzes write to the same file at once; a file
  another bonemets keeps locked for longer than the timeout is reported as in use, never
  as damaged;
- every other fault is one line naming its real cause: a read-only file or folder (found
  before a quiz asks anything), a full disk, a disk error, a data folder that is a file,
  a path too long or under an unreadable folder. An answer that cannot be saved is rolled
  back whole, and every answer committed before it stays saved.

Right answers are rated ``Rating.Good`` and wrong ones ``Rating.Again``. Fuzzing is off so
that a schedule is reproducible; otherwise the FSRS defaults apply.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fsrs import Card, Rating, Scheduler

from bonemets_cli.errors import BonemetsError
from bonemets_cli.quiz.items import QuizItem

SCHEMA_VERSION = 2
DB_NAME = "quiz.sqlite3"
ENV_VAR = "BONEMETS_DATA_DIR"
BUSY_TIMEOUT_S = 30.0

MIGRATIONS: dict[int, str] = {
    # version reached → the SQL that gets there from the version before
    1: """
        CREATE TABLE items (
            item_id     TEXT PRIMARY KEY,
            type        TEXT NOT NULL,
            pathway     TEXT NOT NULL,
            stage       TEXT NOT NULL,
            card        TEXT NOT NULL,          -- fsrs Card.to_json()
            due         TEXT NOT NULL,          -- UTC ISO 8601, copied from the card
            first_seen  TEXT NOT NULL
        );
        CREATE INDEX items_due ON items (due);
        CREATE TABLE reviews (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            item_id     TEXT NOT NULL REFERENCES items (item_id),
            reviewed_at TEXT NOT NULL,          -- UTC ISO 8601
            correct     INTEGER NOT NULL,       -- 1 right, 0 wrong
            rating      INTEGER NOT NULL,       -- fsrs Rating value
            chosen      TEXT NOT NULL,          -- the option text the trainee chose
            log         TEXT NOT NULL           -- fsrs ReviewLog.to_json()
        );
        CREATE INDEX reviews_item ON reviews (item_id);
    """,
    # 2: how long each answer took (for a CPD log's time spent) and the question as asked;
    # NULL for answers saved before, and for scripted answers (--answers), which are not timed
    2: """
        ALTER TABLE reviews ADD COLUMN duration_ms INTEGER;
        ALTER TABLE reviews ADD COLUMN question TEXT;
    """,
}


class StoreError(BonemetsError):
    """The quiz database cannot be used, or an answer could not be saved; the message says
    why and what to do."""


class StoreBusyError(StoreError):
    """Another bonemets held the database's write lock for longer than the busy timeout."""


def data_dir(option: Path | None = None) -> Path:
    """``--data-dir``, else ``$BONEMETS_DATA_DIR``, else the platform's user data folder."""
    if option is not None:
        return option
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("bonemets"))


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def default_scheduler() -> Scheduler:
    return Scheduler(enable_fuzzing=False)


def card_id_for(item_id: str) -> int:
    """A stable FSRS card id from the item id (the library only needs it to be an int)."""
    return int.from_bytes(hashlib.sha256(item_id.encode()).digest()[:7], "big")


@dataclass(frozen=True)
class Review:
    item_id: str
    pathway: str
    stage: str
    reviewed_at: dt.datetime
    correct: bool
    type: str = ""
    seconds: float | None = None  # None: not timed (scripted, or saved before schema 2)
    question: str | None = None  # None: saved before schema 2


@dataclass(frozen=True)
class ItemState:
    item_id: str
    pathway: str
    stage: str
    due: dt.datetime
    card: Card
    type: str = ""


class Store:
    """One open quiz database. Use as a context manager, or call ``close``."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        scheduler: Scheduler | None = None,
        busy_timeout: float = BUSY_TIMEOUT_S,
    ) -> None:
        self.path = path
        self.clock = clock
        self.scheduler = scheduler or default_scheduler()
        self.busy_timeout = busy_timeout
        self.conn = _open(path, busy_timeout)

    @classmethod
    def in_folder(cls, folder: Path, *, clock: Callable[[], dt.datetime] = utc_now) -> Store:
        """The database file bonemets keeps in a data folder."""
        return cls(folder / DB_NAME, clock=clock)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction, taken up front so readers never upgrade and deadlock.

        Waits up to the busy timeout for another writer; still locked after that is "in
        use". Any failure (in use, disk full, read-only…) rolls the whole answer back and is
        reported by its real cause; the answers committed before it stay saved.
        """
        try:
            with _transaction(self.conn, "BEGIN IMMEDIATE"):
                yield self.conn
        except sqlite3.DatabaseError as exc:
            raise _failure(self.path, exc, self.busy_timeout, saving=True) from None

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """Every row of a query; an SQLite error while reading is its one-line cause."""
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise _failure(self.path, exc, self.busy_timeout) from None

    def record(
        self, item: QuizItem, chosen: str, correct: bool, seconds: float | None = None
    ) -> ItemState:
        """Store one answer and reschedule its item, in a single committed transaction.

        ``seconds``: how long the answer took, for a CPD log (None when it was not timed).
        """
        now = self.clock()
        rating = Rating.Good if correct else Rating.Again
        with self._write() as conn:
            row = conn.execute(
                f"SELECT {_ITEM_COLUMNS} FROM items WHERE item_id = ?", (item.id,)
            ).fetchone()
            card = _item_state(self.path, row).card if row else Card(card_id_for(item.id), due=now)
            card, log = self.scheduler.review_card(card, rating, now)
            conn.execute(
                """INSERT INTO items (item_id, type, pathway, stage, card, due, first_seen)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (item_id) DO UPDATE SET
                     type = excluded.type, pathway = excluded.pathway,
                     stage = excluded.stage, card = excluded.card, due = excluded.due""",
                (
                    item.id,
                    item.type.value,
                    item.pathway,
                    item.stage,
                    card.to_json(),
                    _iso(card.due),
                    _iso(now),
                ),
            )
            millis = None if seconds is None else max(0, round(seconds * 1000))
            conn.execute(
                """INSERT INTO reviews
                     (item_id, reviewed_at, correct, rating, chosen, log, duration_ms, question)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    item.id,
                    _iso(now),
                    int(correct),
                    int(rating),
                    chosen,
                    log.to_json(),
                    millis,
                    item.question,
                ),
            )
        return ItemState(item.id, item.pathway, item.stage, card.due, card, item.type.value)

    def due_ids(self, now: dt.datetime | None = None) -> list[str]:
        """Items due at ``now``, most overdue first."""
        at = now or self.clock()
        return [s.item_id for s in sorted(self.items(), key=_by_due) if s.due <= at]

    def seen_ids(self) -> set[str]:
        return {s.item_id for s in self.items()}

    def next_due(self) -> dt.datetime | None:
        return min((s.due for s in self.items()), default=None)

    def items(self) -> list[ItemState]:
        """Every item's schedule. Each read path goes through here or ``reviews``, so a row
        bonemets cannot read is reported by its item id wherever it is met."""
        # fetched whole before checking, so a bad row leaves no statement open
        rows = self._rows(f"SELECT {_ITEM_COLUMNS} FROM items")
        return [_item_state(self.path, row) for row in rows]

    def reviews(self) -> list[Review]:
        rows = self._rows(
            """SELECT r.item_id, i.pathway, i.stage, r.reviewed_at, r.correct, i.type,
                      r.duration_ms, r.question
               FROM reviews r JOIN items i USING (item_id) ORDER BY r.id"""
        )
        return [_review(self.path, row) for row in rows]

    def review_logs(self, item_id: str) -> list[dict[str, object]]:
        rows = self._rows("SELECT log FROM reviews WHERE item_id = ? ORDER BY id", (item_id,))
        return [_json(self.path, item_id, "review log", r[0]) for r in rows]


def _by_due(state: ItemState) -> tuple[dt.datetime, str]:
    return state.due, state.item_id


# reading rows: a value bonemets cannot use is reported with its file and item id ----------


_ITEM_COLUMNS = "item_id, pathway, stage, due, card, type"


def _item_state(path: Path, row: Sequence[object]) -> ItemState:
    """An ``items`` row (``_ITEM_COLUMNS``), each value checked."""
    item_id, pathway, stage, due, card, kind = row
    return ItemState(
        _text(path, item_id, "item id", item_id),
        _text(path, item_id, "pathway", pathway),
        _text(path, item_id, "stage", stage),
        _moment(path, item_id, "due date", due),
        _card(path, item_id, card),
        _text(path, item_id, "question type", kind),
    )


def _review(path: Path, row: Sequence[object]) -> Review:
    """A ``reviews`` row joined with its item's pathway, stage and type, each value checked."""
    item_id, pathway, stage, reviewed_at, correct, kind, millis, question = row
    if correct not in (0, 1):
        raise _bad_row(path, item_id, "right/wrong mark", correct)
    if millis is not None and (not isinstance(millis, int) or millis < 0):
        raise _bad_row(path, item_id, "time spent", millis)
    return Review(
        _text(path, item_id, "item id", item_id),
        _text(path, item_id, "pathway", pathway),
        _text(path, item_id, "stage", stage),
        _moment(path, item_id, "review date", reviewed_at),
        bool(correct),
        _text(path, item_id, "question type", kind),
        None if millis is None else millis / 1000,
        None if question is None else _text(path, item_id, "question", question),
    )


def _bad_row(path: Path, item_id: object, what: str, value: object) -> StoreError:
    shown = repr(value) if len(repr(value)) <= 60 else f"{repr(value)[:57]}..."
    return StoreError(
        f"{path}: item {item_id!r} has a {what} bonemets cannot read ({shown}); nothing was "
        "changed: delete that item's rows (tables items and reviews) with the sqlite3 tool, "
        "or move the file aside to start afresh"
    )


def _text(path: Path, item_id: object, what: str, value: object) -> str:
    if not isinstance(value, str):
        raise _bad_row(path, item_id, what, value)
    return value


def _moment(path: Path, item_id: object, what: str, value: object) -> dt.datetime:
    """A stored time: ISO 8601 with its time zone (a naive time cannot be compared)."""
    try:
        moment = dt.datetime.fromisoformat(value)  # type: ignore[arg-type] # checked here
    except (TypeError, ValueError):
        raise _bad_row(path, item_id, what, value) from None
    if moment.tzinfo is None:
        raise _bad_row(path, item_id, what, value)
    return moment


def _json(path: Path, item_id: object, what: str, value: object) -> dict[str, object]:
    try:
        data = json.loads(value)  # type: ignore[arg-type] # checked here
    except (TypeError, ValueError):
        raise _bad_row(path, item_id, what, value) from None
    if not isinstance(data, dict):
        raise _bad_row(path, item_id, what, value)
    return data


def _card(path: Path, item_id: object, value: object) -> Card:
    """The stored FSRS card, only if fsrs can read it and schedule from it."""
    try:
        card = Card.from_dict(_json(path, item_id, "card", value))  # type: ignore[arg-type]
    except (TypeError, ValueError, KeyError):
        raise _bad_row(path, item_id, "card", value) from None
    times = [card.due] + ([card.last_review] if card.last_review else [])
    step_ok = card.step is None or (isinstance(card.step, int) and not isinstance(card.step, bool))
    if any(t.tzinfo is None for t in times) or not step_ok:
        raise _bad_row(path, item_id, "card", value)
    return card


def _iso(moment: dt.datetime) -> str:
    """UTC, fixed width, so text comparison in SQL orders by time."""
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def _open(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """Open our database for writing, creating it if absent; refuse anything else untouched.

    Until the file is known to be a bonemets database this version can use, it is only read,
    in ways that change nothing (``_reader``); only then is it opened for writing, switched to
    WAL and migrated. A lock held by another bonemets is waited for (up to ``busy_timeout``
    seconds at each step) and, if it outlasts that, reported as "in use": being busy is not
    being damaged. Every other failure is named by its real cause (read-only, disk full, a
    path too long…), in one line.
    """
    deadline = time.monotonic() + busy_timeout
    try:
        if not database_exists(path):
            _create(path, busy_timeout)
        elif not path.is_file():
            raise StoreError(f"{path} is not a file; point --data-dir at a folder bonemets can use")
        _inspect(path, busy_timeout)
        _refuse_read_only(path)
        # timeout= is SQLite's busy timeout, set before the first statement touches the file
        conn = _connect(path, "mode=rw", busy_timeout)
    except OSError as exc:
        raise _os_failure(path.parent, exc) from None
    except sqlite3.Error as exc:
        raise _failure(path, exc, busy_timeout) from None
    try:
        _use_wal(conn, deadline)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        _migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _failure(path, exc, busy_timeout) from None
    except BaseException:
        conn.close()
        raise
    return conn


def database_exists(path: Path) -> bool:
    """Whether the database file is there yet. A data folder that cannot be looked in (a
    path too long, a folder on the way unreadable, or a file) is reported, not taken for
    "no file yet"."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise _os_failure(path.parent, exc) from None
    return True


def _os_failure(folder: Path, exc: OSError) -> StoreError:
    """A file-system error in the system's own words ("File name too long", "Permission
    denied"…); a file where the data folder, or a folder above it, should be is named."""
    in_the_way = next((p for p in (folder, *folder.parents) if os.path.isfile(p)), None)
    if in_the_way is not None:
        return StoreError(
            f"{in_the_way} is a file, not a folder: point --data-dir (or ${ENV_VAR}) at a "
            "folder for the quiz database"
        )
    shown = str(folder) if len(str(folder)) <= 120 else f"{str(folder)[:60]}...{str(folder)[-50:]}"
    return StoreError(
        f"cannot use the data folder {shown}: {exc.strerror or exc}; point --data-dir (or "
        f"${ENV_VAR}) at another folder"
    )


def _read_only_part(path: Path) -> str | None:
    """The data folder or the database file, whichever this process cannot write to."""
    if not os.access(path.parent, os.W_OK):
        return f"the data folder {path.parent}"
    if os.path.exists(path) and not os.access(path, os.W_OK):
        return f"the quiz database {path}"
    return None


def _refuse_read_only(path: Path) -> None:
    """Name a read-only folder or file before a quiz asks anything: SQLite would only say
    "unable to open database file", or fail at the first answer. ``progress`` too: reading a
    WAL file it cannot write would leave a -wal and -shm beside it."""
    part = _read_only_part(path)
    if part is not None:
        raise StoreError(
            f"{part} is read-only; nothing was changed: make it writable, or use another --data-dir"
        )


def _connect(path: Path, query: str, busy_timeout: float) -> sqlite3.Connection:
    """A connection through a URI, so that ``mode`` and the other parameters apply."""
    uri = f"{path.resolve().as_uri()}?{query}"
    return sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None)


def _create(path: Path, busy_timeout: float) -> None:
    """A new database, made whole under a temporary name and then linked into place.

    So a file at ``path`` is never one of ours half-made: a zero-byte or schema-less file
    there is something else, and is refused. If another bonemets links its new file first,
    ``os.link`` fails and that one is used.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    _refuse_read_only(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(fd)
    new = Path(name)
    try:
        conn = _connect(new, "mode=rw", busy_timeout)
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchall()
            conn.execute("PRAGMA synchronous = FULL")
            with _transaction(conn, "BEGIN IMMEDIATE"):
                for version in range(1, SCHEMA_VERSION + 1):
                    _step(conn, version)
        finally:
            conn.close()  # the last connection: the log is checkpointed into the file
        _link(new, path)
    finally:
        for leftover in (new, Path(f"{new}-wal"), Path(f"{new}-shm")):
            leftover.unlink(missing_ok=True)


def _link(new: Path, path: Path) -> None:
    """Put ``new`` at ``path`` unless a file is already there (another bonemets' new one)."""
    try:
        os.link(new, path)
    except FileExistsError:
        pass
    except OSError:
        # no hard links on this file system (FAT, some network drives): a rename instead,
        # which only a file made in this very instant could be in the way of
        if not path.exists():
            os.rename(new, path)


def _inspect(path: Path, busy_timeout: float) -> None:
    """Refuse, unchanged, a file that is not a bonemets database this version can use.

    A look without locks (see ``_reader``) can catch another bonemets copying its log into
    the file and see a half-written page; so a refusal is only given once the file looked
    the same before and after, else it is looked at again (until ``busy_timeout``).
    """
    if path.stat().st_size == 0:
        raise StoreError(
            f"{path} is an empty file (0 bytes), not a bonemets quiz database; it was left as "
            "it is: delete it or move it aside to start afresh, or use another --data-dir"
        )
    deadline = time.monotonic() + busy_timeout
    while True:
        seen = _fingerprint(path)
        try:
            with _reader(path, busy_timeout) as conn:
                _check(conn, path)
            return
        except sqlite3.DatabaseError as exc:
            problem = _failure(path, exc, busy_timeout)
            if isinstance(problem, StoreBusyError):
                raise problem from None
        except StoreError as exc:
            problem = exc
        if _fingerprint(path) == seen or time.monotonic() >= deadline:
            raise problem from None


def _fingerprint(path: Path) -> tuple[tuple[int, int] | None, ...]:
    """Size and mtime of the file and its log: what changes when someone writes."""
    out: list[tuple[int, int] | None] = []
    for each in (path, Path(f"{path}-wal")):
        try:
            stat = each.stat()
        except OSError:
            out.append(None)
        else:
            out.append((stat.st_size, stat.st_mtime_ns))
    return tuple(out)


@contextmanager
def _reader(path: Path, busy_timeout: float) -> Iterator[sqlite3.Connection]:
    """A read-only connection that changes nothing: not the file, its -wal or its -shm.

    ``mode=ro`` alone is not enough: for a WAL file SQLite would still create -wal and
    -shm, and write to -shm. So: without -wal the file holds everything and is read as
    immutable; with -wal and -shm (perhaps another bonemets is writing) the index is read
    without being written (``readonly_shm``); a -wal without its -shm (a copied file) is
    read from a private copy, since rebuilding the index would mean writing one.
    """
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    with ExitStack() as stack:
        if not wal.exists():
            target, query = path, "mode=ro&immutable=1"
        elif shm.exists():
            target, query = path, "mode=ro&readonly_shm=1"
        else:
            target = Path(stack.enter_context(tempfile.TemporaryDirectory())) / path.name
            shutil.copyfile(path, target)
            shutil.copyfile(wal, f"{target}-wal")
            query = "mode=ro"
        # closed before the private copy, if any, is removed
        yield stack.enter_context(closing(_connect(target, query, busy_timeout)))


def _damaged(path: Path, exc: Exception) -> str:
    return (
        f"the quiz database {path} is damaged or not a bonemets database ({exc}); it was left "
        "as it is: move it aside to start afresh, or use --data-dir"
    )


# SQLite's primary result codes (Python's sqlite3 names them only from 3.11)
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT = 3, 5, 6, 8, 10, 11
_FULL, _CANTOPEN, _NOTADB = 13, 14, 26
_MESSAGES = {  # Python 3.10's sqlite3 gives no code: SQLite's own words for each
    "database is locked": _BUSY,
    "database table is locked": _LOCKED,
    "attempt to write a readonly database": _READONLY,
    "disk I/O error": _IOERR,
    "database disk image is malformed": _CORRUPT,
    "database or disk is full": _FULL,
    "unable to open database file": _CANTOPEN,
    "file is not a database": _NOTADB,
}
_CAUSES = {  # code: (the cause in words, what to do)
    _PERM: ("permission was denied", "check who owns the data folder, or use another --data-dir"),
    _READONLY: ("it is read-only", "make it and its folder writable, or use another --data-dir"),
    _IOERR: ("the disk reported an error", "check the disk, then try again"),
    _FULL: ("the disk is full", "free some space, then try again"),
    _CANTOPEN: ("it cannot be opened", "check its folder, or use another --data-dir"),
}


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return int(code) & 0xFF
    return next((c for words, c in _MESSAGES.items() if str(exc).startswith(words)), None)


def _is_busy(exc: sqlite3.Error) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED: another connection has the file, nothing is wrong with it."""
    return _code(exc) in (_BUSY, _LOCKED)


def _failure(
    path: Path, exc: sqlite3.Error, busy_timeout: float, *, saving: bool = False
) -> StoreError:
    """What an SQLite error means to the user: in use, damaged, or its real cause.

    Read-only and disk-full are not damage, and are never called so; a read-only folder or
    file is named. ``saving``: the error came while saving an answer, which was rolled back.
    """
    code = _code(exc)
    if code in (_BUSY, _LOCKED):
        return StoreBusyError(_in_use(path, busy_timeout))
    if code in (_CORRUPT, _NOTADB):
        return StoreError(_damaged(path, exc))
    part = _read_only_part(path) if code in (_READONLY, _CANTOPEN, _PERM) else None
    if part is not None:
        cause, todo = f"{part} is read-only", "make it writable, or use another --data-dir"
    else:
        cause, todo = _CAUSES.get(code or 0, (f"SQLite says {exc}", "try again"))
    if saving:
        return StoreError(
            f"could not save the answer in {path}: {cause}; every answer confirmed before it "
            f"is saved: {todo}"
        )
    return StoreError(f"cannot use the quiz database {path}: {cause}; it was left as it is: {todo}")


def _in_use(path: Path, busy_timeout: float) -> str:
    return (
        f"the quiz database {path} is in use by another bonemets (still locked after "
        f"{busy_timeout:g} s); nothing was changed: try again when the other quiz has finished"
    )


@contextmanager
def _transaction(conn: sqlite3.Connection, begin: str) -> Iterator[None]:
    """``begin`` … COMMIT, rolled back if anything fails (a failed rollback hides nothing)."""
    conn.execute(begin)
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


def _check(conn: sqlite3.Connection, path: Path) -> None:
    """Schema version, tables and integrity, all seen in one read transaction."""
    with _transaction(conn, "BEGIN"):
        _check_ours(conn, path)
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise StoreError(_damaged(path, sqlite3.DatabaseError(result)))


def _check_ours(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version, refusing a newer bonemets' file or one whose tables are not ours.

    Our tables are exactly those the migrations make at that version: a missing table or
    column, or one we never make, means someone else's file (or someone else's changes).
    """
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the quiz database {path} was written by a newer bonemets (schema {version}; "
            f"this one reads up to {SCHEMA_VERSION}); it was left as it is: upgrade bonemets "
            "('pip install --upgrade bonemets') or use another --data-dir"
        )
    problem = _schema_problem(_schema(conn), _expected_schema(version)) if version else None
    if version < 1 or problem:
        raise StoreError(
            f"{path} is an SQLite file but not a bonemets quiz database "
            f"({problem or 'it has no bonemets schema version'}); it was left as it is: "
            "use another --data-dir, or move it aside to start afresh"
        )
    return version


Schema = dict[str, tuple[tuple[object, ...], ...]]


def _schema(conn: sqlite3.Connection) -> Schema:
    """Each table, index, view and trigger by name, with a table's columns (name, type, not
    null, primary key); SQLite's own ``sqlite_`` entries left out."""
    out: Schema = {}
    entries = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    for kind, name in entries:
        columns = conn.execute(
            'SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid', (name,)
        )
        out[f"{kind} {name}"] = tuple(columns) if kind == "table" else ()
    return out


@functools.cache
def _expected_schema(version: int) -> Schema:
    """The schema the migrations make up to ``version``, built in memory to compare with."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for step in range(1, version + 1):
            _step(conn, step)
        return _schema(conn)
    finally:
        conn.close()


def _schema_problem(actual: Schema, expected: Schema) -> str | None:
    """The first way ``actual`` differs from ``expected``, in words; None if it does not."""
    tables_first = functools.partial(sorted, key=lambda name: (not name.startswith("table"), name))
    for name in tables_first(expected.keys() - actual.keys()):
        return f"it has no {name}"
    for name in tables_first(actual.keys() - expected.keys()):
        return f"it has a {name} that bonemets does not make"
    for name in sorted(expected):
        if actual[name] != expected[name]:
            have = ", ".join(str(column[0]) for column in actual[name])
            want = ", ".join(str(column[0]) for column in expected[name])
            return f"its {name} has columns ({have}), not bonemets's ({want})"
    return None


def _use_wal(conn: sqlite3.Connection, deadline: float) -> None:
    """Switch to WAL, retrying until ``deadline`` while another connection holds a lock.

    Our files are made in WAL mode, so this is a no-op unless something switched the file
    back. Leaving rollback-journal mode needs an exclusive lock that SQLite asks for once,
    without its busy timeout, so it is retried here.
    """
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchall()
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring an older schema up to date, one version at a time, each in one transaction.

    The file is checked again under the write lock: another bonemets may have migrated it
    since it was inspected, or someone may have put another file in its place.
    """
    while True:
        with _transaction(conn, "BEGIN IMMEDIATE"):
            version = _check_ours(conn, path)
            if version >= SCHEMA_VERSION:
                return
            _step(conn, version + 1)


def _step(conn: sqlite3.Connection, version: int) -> None:
    """Run the migration that reaches ``version`` (inside the caller's transaction)."""
    for statement in _statements(MIGRATIONS[version]):
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")


def _statements(script: str) -> Sequence[str]:
    return [s.strip() for s in script.split(";") if s.strip() and not s.strip().startswith("--")]
