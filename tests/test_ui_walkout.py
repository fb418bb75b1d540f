"""Where the end of a walk goes: stdout by format, the screen copy on stderr, saved files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bonemets_cli.errors import OutputError
from bonemets_cli.load.catalog import load_catalog, search_dirs
from bonemets_cli.ui import walkout
from bonemets_cli.ui.terminal import Terminal
from bonemets_cli.walk.engine import Engine
from bonemets_cli.walk.summary import WalkSummary, summarise
from bonemets_cli.walk.transcript import build_record

VALID = Path(__file__).parent / "data" / "valid"


@pytest.fixture(scope="module")
def emergency() -> tuple[WalkSummary, dict[str, object]]:
    catalog = load_catalog(search_dirs([VALID], builtin=False))
    engine = Engine(catalog.pathway_set)
    state = engine.answer(engine.begin("mini"), "yes")
    return summarise(engine, state), build_record(engine, state)


def test_json_for_a_person_also_shows_the_summary_on_stderr(
    emergency: tuple[WalkSummary, dict[str, object]],
) -> None:
    summary, record = emergency
    term = Terminal.captured()
    walkout.show_summary(term, "json", summary, record, person=True)
    out, err = term.stdout.getvalue(), term.stderr.getvalue()  # type: ignore[attr-defined]
    assert json.loads(out)["outcome"]["urgency"] == "emergency"
    assert "EMERGENCY — act now" in err


def test_scripted_json_keeps_stderr_quiet(
    emergency: tuple[WalkSummary, dict[str, object]],
) -> None:
    summary, record = emergency
    term = Terminal.captured()
    walkout.show_summary(term, "json", summary, record)
    out, err = term.stdout.getvalue(), term.stderr.getvalue()  # type: ignore[attr-defined]
    assert json.loads(out)["complete"] is True
    assert err == ""


@pytest.mark.parametrize(
    ("name", "first_line"), [("a.md", "# bonemets walk summary"), ("a.txt", "Your walk")]
)
def test_saved_summary_format_follows_the_suffix(
    emergency: tuple[WalkSummary, dict[str, object]], tmp_path: Path, name: str, first_line: str
) -> None:
    path = tmp_path / name
    walkout.save_summary(emergency[0], path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == first_line
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temp file left


def test_unwritable_place_is_an_output_error_and_leaves_nothing_behind(
    emergency: tuple[WalkSummary, dict[str, object]], tmp_path: Path
) -> None:
    with pytest.raises(OutputError, match="cannot write"):
        walkout.save_summary(emergency[0], tmp_path / "missing-folder" / "a.md")
    folder = tmp_path / "a-folder.md"
    folder.mkdir()
    (folder / "inside.txt").write_text("kept", encoding="utf-8")
    with pytest.raises(OutputError, match=r"a-folder\.md"):
        walkout.save_summary(emergency[0], folder)
    assert (folder / "inside.txt").read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder.md"]  # no temp file left


def test_saved_file_gets_ordinary_permissions(
    emergency: tuple[WalkSummary, dict[str, object]], tmp_path: Path
) -> None:
    import os

    path = tmp_path / "mine.md"
    old = os.umask(0o022)
    try:
        walkout.save_summary(emergency[0], path)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644
