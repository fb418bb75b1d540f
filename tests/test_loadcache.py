"""The load cache: a repeated command skips parsing, yet never shows what a file no longer says.

The command-line tests run the real CLI in a subprocess with a home (and so a cache
folder) of their own; the unit tests drive ``LoadCache`` on real files and a real
pickle file.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pathwayhelp import CLEAN_PATHWAY, INVALID, VALID, RunCli, clean_env

from bonemets_cli import loadcache
from bonemets_cli.loadcache import LoadCache, cached_loads
from bonemets_cli.loader import load_pathway

CACHE_FILE = Path("home") / ".cache" / "bonemets" / loadcache.FILE_NAME
"""Where ``run_cli``'s runs keep their cache: the platform folder under the test's home."""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A pathway folder of the test's own: the clean pathway and the shared bibliography."""
    target = tmp_path / "pathways"
    target.mkdir()
    shutil.copy(CLEAN_PATHWAY, target / "clean.yaml")
    shutil.copy(VALID / "bibliography.yaml", target / "bibliography.yaml")
    return target


def titles(run_cli: RunCli, folder: Path, *extra: str) -> dict[str, str]:
    result = run_cli(*extra, "--pathways-dir", folder, "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    return {p["id"]: p["title"] for p in json.loads(result.stdout)}


def test_a_repeated_run_reads_the_cache_and_prints_the_same(
    run_cli: RunCli, folder: Path, tmp_path: Path
) -> None:
    commands = [
        ("--pathways-dir", folder, "list", "--format", "json"),
        ("--pathways-dir", folder, "show", "clean", "--format", "json"),
        ("--pathways-dir", folder, "leaflet", "clean", "--format", "md"),
        ("--pathways-dir", folder, "validate"),
    ]
    fresh = [run_cli("--no-cache", *args) for args in commands]
    assert not (tmp_path / CACHE_FILE).exists()  # --no-cache wrote nothing
    first = [run_cli(*args) for args in commands]
    assert (tmp_path / CACHE_FILE).exists()
    again = [run_cli(*args) for args in commands]
    for cold, filled, warm in zip(fresh, first, again, strict=True):
        assert cold.returncode == filled.returncode == warm.returncode == 0, warm.stderr
        assert cold.stdout == filled.stdout == warm.stdout
        assert warm.stderr == cold.stderr


def test_problems_found_through_the_cache_keep_their_line_and_column(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A cached document finds positions by reading its text again, in a new process."""
    target = tmp_path / "pathways"
    target.mkdir()
    shutil.copy(INVALID / "dangling-next.yaml", target)
    shutil.copy(VALID / "bibliography.yaml", target)
    runs = [run_cli("--pathways-dir", target, "validate", target) for _ in range(3)]
    assert (tmp_path / CACHE_FILE).exists()
    assert {r.returncode for r in runs} == {1}
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert "dangling-next.yaml:27:15: [error] 'explian' names no node" in runs[2].stdout


def test_an_edit_that_keeps_size_and_time_is_still_seen(run_cli: RunCli, folder: Path) -> None:
    """Entries are matched on the file's bytes, not on its size or modification time."""
    file = folder / "clean.yaml"
    assert titles(run_cli, folder)["clean"] == "Clean fixture"
    stat = file.stat()
    file.write_text(file.read_text().replace("Clean fixture", "Fresh fixture"))
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert file.stat().st_size == stat.st_size
    assert titles(run_cli, folder)["clean"] == "Fresh fixture"


def test_a_file_broken_after_it_was_cached_is_reported(run_cli: RunCli, folder: Path) -> None:
    assert "clean" in titles(run_cli, folder)
    file = folder / "clean.yaml"
    file.write_text(file.read_text().replace("title: Clean fixture", "title: [unclosed"))
    result = run_cli("--pathways-dir", folder, "list")
    assert result.returncode != 0
    assert "clean.yaml:4:8: YAML syntax error" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "content", [b"", b"not a pickle at all", pickle.dumps({"fingerprint": "old", "entries": {}})]
)
def test_a_corrupt_or_foreign_cache_is_replaced_without_a_word(
    run_cli: RunCli, folder: Path, tmp_path: Path, content: bytes
) -> None:
    cache = tmp_path / CACHE_FILE
    cache.parent.mkdir(parents=True)
    cache.write_bytes(content)
    result = run_cli("--pathways-dir", folder, "list")
    assert result.returncode == 0
    assert result.stderr == ""
    assert "Clean fixture" in result.stdout
    assert pickle.loads(cache.read_bytes())["fingerprint"] == loadcache.code_fingerprint()


def test_a_cache_folder_that_cannot_be_written_is_no_error(
    run_cli: RunCli, folder: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    for _ in range(2):
        result = run_cli("--pathways-dir", folder, "list", env={loadcache.ENV_DIR: str(blocker)})
        assert result.returncode == 0
        assert result.stderr == ""
        assert "Clean fixture" in result.stdout


def test_the_environment_can_turn_the_cache_off(
    run_cli: RunCli, folder: Path, tmp_path: Path
) -> None:
    titles(run_cli, folder)
    assert (tmp_path / CACHE_FILE).exists()
    (tmp_path / CACHE_FILE).unlink()
    result = run_cli("--pathways-dir", folder, "list", env={loadcache.ENV_OFF: "1"})
    assert result.returncode == 0
    assert not (tmp_path / CACHE_FILE).exists()


PROBE = """
import sys
from bonemets_cli.cli import main
sys.argv = ["bonemets", "--pathways-dir", sys.argv[1], "list"]
try:
    main()
finally:
    print("@@YAML@@", "yaml" in sys.modules)
"""


def test_a_repeated_run_does_not_parse_yaml(folder: Path, tmp_path: Path) -> None:
    env = clean_env({loadcache.ENV_DIR: str(tmp_path / "cache")})
    runs = [
        subprocess.run(
            [sys.executable, "-c", PROBE, str(folder)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        for _ in range(2)
    ]
    assert "@@YAML@@ True" in runs[0].stdout  # the first run parses
    assert "@@YAML@@ False" in runs[1].stdout  # the second reads the cache alone


def test_a_loaded_document_is_the_same_read_back(folder: Path, tmp_path: Path) -> None:
    path = folder / "clean.yaml"
    with cached_loads(tmp_path / "cache"):
        loaded = load_pathway(path)
        where = loaded.locate("nodes", "start", "options", 1, "next")  # fills the marks
    with cached_loads(tmp_path / "cache"):
        cached = load_pathway(path)
    assert cached is not loaded
    assert cached.pathway == loaded.pathway
    assert cached.source.data == loaded.source.data
    assert "marks" not in cached.source.__dict__  # not carried over: keyed by id()
    assert cached.locate("nodes", "start", "options", 1, "next") == where
    assert (where.line, where.col) == (27, 15)  # "next: explain", the second option's


def test_library_loads_use_no_cache(folder: Path, tmp_path: Path) -> None:
    """Only the command line turns the cache on."""
    assert loadcache.active() is None
    first, second = load_pathway(folder / "clean.yaml"), load_pathway(folder / "clean.yaml")
    assert first == second
    assert first.pathway is not second.pathway


def test_code_changes_drop_every_entry(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = LoadCache(tmp_path)
    data = (folder / "clean.yaml").read_bytes()
    cache.store("clean.yaml", "Pathway", data, {"title": "old"})
    cache.save()
    assert LoadCache(tmp_path).lookup("clean.yaml", "Pathway", data) == {"title": "old"}
    monkeypatch.setattr(loadcache, "code_fingerprint", lambda: "an edited checkout")
    assert LoadCache(tmp_path).lookup("clean.yaml", "Pathway", data) is None


def test_the_fingerprint_follows_the_source_files(tmp_path: Path) -> None:
    before = loadcache.code_fingerprint()
    model = Path(loadcache.__file__).with_name("model.py")
    stat = model.stat()
    try:
        os.utime(model, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert loadcache.code_fingerprint() != before
    finally:
        os.utime(model, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert loadcache.code_fingerprint() == before


def test_old_entries_make_way_for_new_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loadcache, "MAX_ENTRIES", 3)
    for n in range(5):
        cache = LoadCache(tmp_path)
        cache.store(f"f{n}.yaml", "Pathway", b"%d" % n, n)
        cache.save()
    cache = LoadCache(tmp_path)
    assert [cache.lookup(f"f{n}.yaml", "Pathway", b"%d" % n) for n in range(5)] == [
        None,
        None,
        2,
        3,
        4,
    ]


def test_large_files_are_not_kept(tmp_path: Path) -> None:
    cache = LoadCache(tmp_path)
    big = b"x" * (loadcache.MAX_FILE_BYTES + 1)
    cache.store("big.yaml", "Pathway", big, "value")
    cache.save()
    assert not (tmp_path / loadcache.FILE_NAME).exists()
    assert LoadCache(tmp_path).lookup("big.yaml", "Pathway", big) is None


def test_reading_levels_are_remembered_between_runs(run_cli: RunCli, tmp_path: Path) -> None:
    """The reading-level rule's scores come back from the cache, warning text and all."""
    target = tmp_path / "pathways"
    target.mkdir()
    shutil.copy(INVALID / "reading-level.yaml", target)
    shutil.copy(VALID / "bibliography.yaml", target)
    runs = [run_cli("--pathways-dir", target, "validate", "--reading", target) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout
    assert "(reading-level)" in runs[1].stdout
    assert "Flesch Reading Ease" in runs[1].stdout


def test_remember_computes_once_per_key(tmp_path: Path) -> None:
    calls: list[str] = []

    def score(text: str) -> int:
        calls.append(text)
        return len(text)

    for _ in range(2):
        cache = LoadCache(tmp_path)
        assert cache.remember("length", "some text", lambda: score("some text")) == 9
        assert cache.remember("length", "other", lambda: score("other")) == 5
        cache.save()
    assert calls == ["some text", "other"]


VALIDATE_PROBE = """
import sys
from bonemets_cli.cli import main
sys.argv = ["bonemets", "validate"]
try:
    main()
finally:
    print("@@SCORED@@", "textstat" in sys.modules)
"""


def test_a_repeated_validate_scores_no_text(tmp_path: Path) -> None:
    env = clean_env({loadcache.ENV_DIR: str(tmp_path / "cache")})
    runs = [
        subprocess.run(
            [sys.executable, "-c", VALIDATE_PROBE],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        for _ in range(2)
    ]
    assert "@@SCORED@@ True" in runs[0].stdout
    assert "@@SCORED@@ False" in runs[1].stdout
    assert runs[0].stdout.replace("True", "False") == runs[1].stdout


def test_installing_a_library_changes_the_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another version of a library that parses, validates or scores (pyphen's patterns,
    say) could give another result: every installed distribution is in the fingerprint."""
    (tmp_path / "scorer").mkdir()
    (tmp_path / "scorer" / "__init__.py").write_text("")
    (tmp_path / "scorer-1.0.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(loadcache, "SHAPING_LIBRARIES", (*loadcache.SHAPING_LIBRARIES, "scorer"))
    before = loadcache.code_fingerprint()
    (tmp_path / "scorer-1.0.dist-info").rename(tmp_path / "scorer-1.1.dist-info")
    assert loadcache.code_fingerprint() != before


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file ownership")
def test_a_cache_file_others_can_write_is_not_read(folder: Path, tmp_path: Path) -> None:
    """Unpickling runs code: a cache file writable by others is ignored (and replaced)."""
    env = clean_env({loadcache.ENV_DIR: str(tmp_path / "cache")})

    def parsed_yaml() -> bool:
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(folder)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert "Clean fixture" in done.stdout, done.stderr
        return "@@YAML@@ True" in done.stdout

    assert parsed_yaml()
    assert not parsed_yaml()  # read back: the file is private
    cache = tmp_path / "cache" / loadcache.FILE_NAME
    cache.chmod(0o666)
    assert parsed_yaml()  # not trusted: parsed again, and the file replaced
    assert cache.stat().st_mode & 0o077 == 0
    assert not parsed_yaml()
