"""Where the end of a walk goes: stdout by format, the screen copy on stderr, saved files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bonemets_cli.errors import OutputError
from bonemets_cli.load.catalog import load_catalog, search_dirs
from bonemets_cli.ui import savefile, walkout
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
    savefile.save_summary(emergency[0], path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == first_line
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temp file left


def test_unwritable_place_is_an_output_error_and_leaves_nothing_behind(
    emergency: tuple[WalkSummary, dict[str, object]], tmp_path: Path
) -> None:
    with pytest.raises(OutputError, match="cannot write"):
        savefile.save_summary(emergency[0], tmp_path / "missing-folder" / "a.md")
    folder = tmp_path / "a-folder.md"
    folder.mkdir()
    (folder / "inside.txt").write_text("kept", encoding="utf-8")
    with pytest.raises(OutputError, match=r"a-folder\.md"):
        savefile.save_summary(emergency[0], folder)
    assert (folder / "inside.txt").read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder.md"]  # no temp file left


def test_saved_file_gets_ordinary_permissions(
    emergency: tuple[WalkSummary, dict[str, object]], tmp_path: Path
) -> None:
    import os

    path = tmp_path / "mine.md"
    old = os.umask(0o022)
    try:
        savefile.save_summary(emergency[0], path)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("name", ["a.pdf", "a", "notes.html"])
def test_an_unknown_extension_is_refused_with_the_choices(
    emergency: tuple[WalkSummary, dict[str, object]], tmp_path: Path, name: str
) -> None:
    with pytest.raises(OutputError, match=r"end the name with \.md \(Markdown\) or \.txt"):
        savefile.save_summary(emergency[0], tmp_path / name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("reply", "meaning"),
    [("", "d.md"), ("y", "d.md"), ("YES", "d.md"), ("n", None), ("No", None), ("x.txt", "x.txt")],
)
def test_a_reply_to_the_file_name_prompt_means_the_same_everywhere(
    reply: str, meaning: str | None
) -> None:
    """'y' is the default name, never a file called 'y'."""
    got = savefile.reply_path(reply, Path("d.md"))
    assert (None if got is None else str(got)) == meaning


def test_a_saved_summary_carries_date_time_and_pathway_versions(
    emergency: tuple[WalkSummary, dict[str, object]], tmp_path: Path
) -> None:
    import datetime as dt

    moment = dt.datetime(2026, 11, 26, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    savefile.save_summary(emergency[0], tmp_path / "a.md", saved_at=moment)
    savefile.save_summary(emergency[0], tmp_path / "a.txt", saved_at=moment)
    md = (tmp_path / "a.md").read_text(encoding="utf-8")
    txt = (tmp_path / "a.txt").read_text(encoding="utf-8")
    assert "Saved: 26 November 2026, 14:05 (UTC+01:00)" in md
    assert "- Mini pathway for tests (`mini`), version 1.0.0" in md
    assert "Saved: 26 November 2026, 14:05 (UTC+01:00)" in txt
    assert "Mini pathway for tests (mini) version 1.0.0" in txt
