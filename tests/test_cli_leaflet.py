"""``bonemets leaflet`` end to end: real files, real subprocesses, bad input and atomic writes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from clihelp import Result, run_bonemets
from snapshothelp import check_rendered

DATA = Path(__file__).parent / "data"
VALID = DATA / "valid"
LEAFLET = DATA / "leaflet"
BASE = ["--pathways-dir", str(VALID), "--pathways-dir", str(LEAFLET / "pathways")]


def bonemets(*args: str, env: dict[str, str] | None = None) -> Result:
    return run_bonemets(*args, env=env, inherit_env=env is None)


@dataclass(frozen=True)
class Failure:
    """A run that failed with one line: what the user read, without the program's prefix."""

    message: str
    exit_code: int

    def __str__(self) -> str:
        return self.message


def run_ok(*args: str) -> str:
    result = run_bonemets(*BASE, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def run_error(*args: str) -> Failure:
    result = run_bonemets(*BASE, *args)
    lines = result.stderr.splitlines()
    assert result.returncode != 0, result.stdout
    assert len(lines) == 1, result.stderr
    return Failure(lines[0].removeprefix("bonemets: error: "), result.returncode)


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_stdout_matches_the_snapshot_and_is_stable(fmt: str) -> None:
    first = run_ok("leaflet", "mini", "--format", fmt, "--no-stamp")
    check_rendered(f"mini.{fmt}", first)
    assert run_ok("leaflet", "mini", "--format", fmt, "--no-stamp") == first


def test_a_print_date_by_default_as_people_read_dates() -> None:
    import datetime as dt

    from bonemets_cli.export.leaflet import long_date

    today = dt.date.today()
    assert f"Printed: {long_date(today)}" in run_ok("leaflet", "mini", "-f", "txt")
    assert "Printed" not in run_ok("leaflet", "mini", "-f", "txt", "--no-stamp")
    text = run_ok("leaflet", "mini", "-f", "txt", "--no-stamp")
    assert "Reviewed: 1 January 2026. Next review due: 1 January 2029." in " ".join(text.split())
    assert today.isoformat() not in text


def test_source_date_epoch_makes_the_print_date_reproducible() -> None:
    env = {"SOURCE_DATE_EPOCH": "1795651200"}  # 2026-11-26 00:00 UTC
    result = run_bonemets(*BASE, "leaflet", "mini", "-f", "md", env=env)
    assert result.returncode == 0, result.stderr
    assert "- **Printed:** 26 November 2026" in result.stdout


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "pdf"])
def test_the_file_name_picks_the_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"mini.{fmt.upper() if fmt == 'pdf' else fmt}"
    assert run_ok("leaflet", "mini", "-o", str(out), "--no-stamp") == ""
    data = out.read_bytes()
    starts = {"md": b"# Mini", "html": b"<!DOCTYPE html>", "txt": b"MINI", "pdf": b"%PDF-"}
    assert data.startswith(starts[fmt]), data[:40]


def test_a_format_that_does_not_match_the_file_name_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "mini.pdf"
    error = run_error("leaflet", "mini", "-f", "html", "-o", str(out))
    assert error.exit_code == 2
    assert str(error) == (
        f"--format html does not match the file name '{out}' (.pdf); "
        "make them agree, or drop --format"
    )
    assert not out.exists()
    unknown = run_error("leaflet", "mini", "-o", str(tmp_path / "mini.doc"))
    assert unknown.exit_code == 2
    assert "name the file .md, .html, .pdf, .txt or give --format" in str(unknown)
    # with --format, a name without a known extension is the user's choice
    run_ok("leaflet", "mini", "-f", "txt", "-o", str(tmp_path / "LEAFLET"))
    assert (tmp_path / "LEAFLET").read_text(encoding="utf-8").startswith("MINI")


def test_writes_a_file_with_o(tmp_path: Path) -> None:
    out = tmp_path / "mini.html"
    assert run_ok("leaflet", "mini", "-f", "html", "-o", str(out), "--no-stamp") == ""
    check_rendered("mini.html", out.read_text(encoding="utf-8"))
    assert [p.name for p in tmp_path.iterdir()] == ["mini.html"]  # no temp file left behind


def test_pdf_needs_o_a_usage_error() -> None:
    result = bonemets(*BASE, "leaflet", "mini", "--format", "pdf")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "bonemets: error: PDF is binary: write it to a file with -o FILE.pdf"
    ]
    assert result.stdout == ""


def test_pdf_renders_with_the_network_blocked(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        textwrap.dedent(
            """
            import socket

            class _BlockedSocket(socket.socket):
                def __init__(self, *args, **kwargs):
                    raise OSError("network access blocked by the test")

            socket.socket = _BlockedSocket
            """
        )
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = tmp_path / "mini.pdf"
    result = bonemets(
        *BASE, "leaflet", "mini", "-f", "pdf", "--paper", "letter", "-o", str(out), env=env
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")


def test_without_weasyprint_the_error_says_how_to_get_it(tmp_path: Path) -> None:
    out = tmp_path / "mini.pdf"
    out.write_bytes(b"old leaflet")
    code = (
        "import sys; sys.modules['weasyprint'] = None\n"
        "from bonemets_cli.cli import main\n"
        f"sys.argv = ['bonemets', *{[*BASE, 'leaflet', 'mini', '-f', 'pdf', '-o', str(out)]!r}]\n"
        "raise SystemExit(main())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("bonemets: error: PDF output needs WeasyPrint")
    assert "pip install 'bonemets[pdf]'" in lines[0]
    assert out.read_bytes() == b"old leaflet"
    assert [p.name for p in tmp_path.iterdir()] == ["mini.pdf"]


def test_missing_output_folder_is_one_clear_line(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "mini.md"
    result = bonemets(*BASE, "leaflet", "mini", "-o", str(missing))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"bonemets: error: output folder {missing.parent} does not exist; "
        f"create it first (mkdir -p {missing.parent})"
    ]
    assert not missing.parent.exists()


def test_output_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "keep.txt").write_text("keep")
    error = run_error("leaflet", "mini", "-o", str(target))
    assert "is a folder" in str(error)
    assert [p.name for p in target.iterdir()] == ["keep.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


def test_a_failed_write_leaves_the_previous_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "mini.md"
    out.write_text("previous leaflet")

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    error = run_error("leaflet", "mini", "-o", str(out))
    assert str(error) == f"cannot write {out}: No space left on device"
    assert out.read_text() == "previous leaflet"
    assert [p.name for p in tmp_path.iterdir()] == ["mini.md"]  # the temp file is gone


def test_a_failed_render_leaves_the_previous_file_untouched(tmp_path: Path) -> None:
    out = tmp_path / "mini.md"
    out.write_text("previous leaflet")
    answers = LEAFLET / "answers-short.yaml"
    result = bonemets(*BASE, "leaflet", "mini", "--answers", str(answers), "-o", str(out))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "before an outcome" in result.stderr
    assert out.read_text() == "previous leaflet"


def test_personal_leaflet_from_answers() -> None:
    text = run_ok("leaflet", "mini", "-f", "txt", "--answers", str(LEAFLET / "answers-mini.yaml"))
    assert "THE STEPS YOU WENT THROUGH" in text
    assert "Your answer: No" in text
    assert "How soon: URGENT" in text


def test_contacts_file_fills_numbers_and_bad_one_names_line_and_column() -> None:
    text = run_ok("leaflet", "mini", "-f", "txt", "--contacts", str(LEAFLET / "contacts.yaml"))
    assert "Out-of-hours number: 01632 960 999" in text
    bad = LEAFLET / "bad-contacts.yaml"
    result = bonemets(*BASE, "leaflet", "mini", "--contacts", str(bad))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"bonemets: error: {bad}:2:1: unknown key 'hotlne'; did you mean 'hotline'?"
    ]


def test_unknown_pathway_and_missing_pathway_argument() -> None:
    assert "no pathway 'nope'" in str(run_error("leaflet", "nope"))
    error = run_error("leaflet")
    assert "name a pathway" in str(error)
    assert error.exit_code == 2


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "pdf"])
def test_all_writes_every_leaflet_and_an_index(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "batch"
    out.mkdir()
    pathways = tmp_path / "pathways"
    pathways.mkdir()
    for name in ("mini.yaml", "other.yaml", "bibliography.yaml"):
        (pathways / name).write_bytes((VALID / name).read_bytes())
    result = run_bonemets(
        "--pathways-dir", pathways, "leaflet", "--all", "-f", fmt, "-o", out, "--no-stamp"
    )
    assert result.returncode == 0, result.stderr
    from bonemets_cli.export.leaflet import has_leaflet
    from bonemets_cli.load.catalog import builtin_dir, load_catalog, pathway_files

    shipped = [
        p.stem
        for p in pathway_files(builtin_dir())
        if has_leaflet(load_catalog([], [p]).documents[0].pathway)
    ]
    expected = sorted(f"{stem}.{fmt}" for stem in ["index", "mini", "other", *shipped])
    assert sorted(p.name for p in out.iterdir()) == expected
    if fmt != "pdf":
        index = (out / f"index.{fmt}").read_text(encoding="utf-8")
        assert "Mini pathway for tests" in index
        assert f"mini.{fmt}" in index
        # entry points (mini is one) come first and say so; the rest follow by id
        assert index.index("Mini pathway for tests") < index.index("Other pathway")
        assert "(start here)" in index
        assert "does not replace advice from your care team" in " ".join(index.split())
        mini = (out / f"mini.{fmt}").read_text(encoding="utf-8")
        check_rendered(f"mini.{fmt}", mini)


def test_all_needs_an_output_folder_and_creates_a_missing_one(tmp_path: Path) -> None:
    assert run_error("leaflet", "--all").exit_code == 2
    run_ok("leaflet", "--all", "-f", "txt", "-o", str(tmp_path / "new"))
    assert "index.txt" in [p.name for p in (tmp_path / "new").iterdir()]
    assert [p.name for p in tmp_path.iterdir()] == ["new"]  # no staging folder left
    (tmp_path / "file").write_text("mine")
    error = run_error("leaflet", "--all", "-o", str(tmp_path / "file"))
    assert "is not a folder" in str(error)
    assert (tmp_path / "file").read_text() == "mine"
    assert "drop PATHWAY" in str(run_error("leaflet", "mini", "--all", "-o", str(tmp_path)))


def test_leaflet_help_names_the_paper_option() -> None:
    """(What ``--help`` imports is budgeted in ``test_import_budget.py``.)"""
    leaflet_help = bonemets("leaflet", "--help")
    assert leaflet_help.returncode == 0
    assert "--paper" in leaflet_help.stdout


def test_personal_leaflet_from_a_real_walk_transcript(tmp_path: Path) -> None:
    transcript = tmp_path / "walk.json"
    walked = bonemets(
        *BASE,
        *("walk", "mini", "-a", "ask=no", "-a", "scored.size=small", "-a", "scored.pain=none"),
        *("--transcript", str(transcript), "-f", "plain"),
    )
    assert walked.returncode == 0, walked.stderr
    result = bonemets(*BASE, "leaflet", "mini", "-f", "txt", "--answers", str(transcript))
    assert result.returncode == 0, result.stderr
    assert "WHERE YOUR ANSWERS LEAD" in result.stdout
    assert "How soon: ROUTINE" in result.stdout
