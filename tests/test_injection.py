"""Text from files never steers a terminal or forges output: controls refused or shown, one
problem per line, URLs that cannot break out of Markdown or HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from clihelp import run_bonemets
from pathwayhelp import CLEAN_PATHWAY, VALID

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text() -> str:
    return CLEAN_PATHWAY.read_text(encoding="utf-8")


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "bibliography.yaml").write_bytes((VALID / "bibliography.yaml").read_bytes())
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "escape", [r"\e]52;c;cHduZWQ=\a", r"\e[2J\e[H", r"\x9b31m", r"\e]0;owned\x07", r"\x07"]
)
def test_a_control_character_in_text_is_a_located_problem(tmp_path: Path, escape: str) -> None:
    text = clean_text().replace("title: Leg weakness?", f'title: "Leg{escape} weakness?"')
    path = write(tmp_path / "p", "clean.yaml", text)
    line = text.splitlines().index(f'    title: "Leg{escape} weakness?"') + 1
    result = run_bonemets("--pathways-dir", tmp_path / "p", "validate", path)
    assert result.returncode == 1
    assert f"{path}:{line}:12: [error] nodes.start.title: contains the control character" in (
        result.stdout
    )
    assert "(control-character)" in result.stdout
    assert not CONTROL.search(result.stdout + result.stderr)
    for args in (["list"], ["show", "clean"], ["leaflet", "clean", "-f", "txt"]):
        other = run_bonemets("--pathways-dir", tmp_path / "p", *args)
        assert other.returncode == 1, args
        assert len(other.stderr.splitlines()) == 1
        assert not CONTROL.search(other.stdout + other.stderr)


def test_a_hostile_file_name_cannot_add_lines_or_escapes(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    name = "x\x1b[31m\nforged.yaml:1:1: [error] fake (yaml-syntax).yaml"
    path = write(folder, name, "id: [unclosed\n")
    result = run_bonemets("--pathways-dir", folder, "validate", path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines  # the one real problem and the summary
    assert lines[0].startswith(str(folder / "x\\x1b[31m\\nforged.yaml:1:1: [error] fake"))
    assert not CONTROL.search(result.stdout + result.stderr)


def test_a_value_with_a_newline_stays_on_its_problem_line(tmp_path: Path) -> None:
    forged = r"1\nother.yaml:9:9: [error] forged (yaml-syntax)"
    text = clean_text().replace('version: "1.0.0"', f'version: "{forged}"')
    path = write(tmp_path / "p", "clean.yaml", text)
    result = run_bonemets(
        "--pathways-dir", tmp_path / "p", "validate", "--ignore", "missing-lay", path
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines  # the rest of the file is checked too: no other problem
    assert "\\nother.yaml:9:9" in lines[0]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a)[click](javascript:alert(1)",
        "https://example.org/a b",
        'https://example.org/"onmouseover="x',
        "https://example.org/<script>",
        "javascript:alert(1)",
    ],
)
def test_a_url_that_could_break_out_is_refused(tmp_path: Path, url: str) -> None:
    text = clean_text().replace(
        "    title: A test reference\n", f"    title: A test reference\n    url: '{url}'\n"
    )
    path = write(tmp_path / "p", "clean.yaml", text)
    result = run_bonemets("--pathways-dir", tmp_path / "p", "validate", path)
    assert result.returncode == 1
    assert "(bad-url)" in result.stdout
    assert "is not a plain web address" in result.stdout


def test_lay_text_with_markdown_and_html_is_printed_literally(tmp_path: Path) -> None:
    hostile = "See ![x](https://evil.example/p.png) [call](tel:1) <b>now</b>"
    text = clean_text().replace(
        "    text: Escalate now.\n", f"    text: Escalate now.\n    lay: '{hostile}'\n"
    )
    write(tmp_path / "p", "clean.yaml", text)
    result = run_bonemets("--pathways-dir", tmp_path / "p", "leaflet", "clean", "-f", "md")
    assert result.returncode == 0, result.stderr
    assert r"!\[x\](https://evil.example/p.png) \[call\](tel:1) \<b\>now\</b\>" in result.stdout
    html = run_bonemets("--pathways-dir", tmp_path / "p", "leaflet", "clean", "-f", "html")
    assert "&lt;b&gt;now&lt;/b&gt;" in html.stdout
    assert "<b>now</b>" not in html.stdout


def test_contacts_and_answers_cannot_carry_escapes(tmp_path: Path) -> None:
    contacts = tmp_path / "contacts.yaml"
    contacts.write_text('hotline: "0800 \\e[2J 123"\n', encoding="utf-8")
    result = run_bonemets("--pathways-dir", VALID, "leaflet", "mini", "--contacts", contacts)
    assert result.returncode == 1
    assert "control character" in result.stderr
    walked = run_bonemets("--pathways-dir", VALID, "walk", "mini", "-a", "ask=\x1b[2Jyes")
    assert walked.returncode == 1
    assert "\\x1b[2Jyes" in walked.stderr
    assert not CONTROL.search(walked.stdout + walked.stderr)
