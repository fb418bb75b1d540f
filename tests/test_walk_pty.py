"""The installed ``bonemets walk`` in a real pseudo-terminal, driven by pexpect."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

VALID = Path(__file__).parent / "data" / "valid"
TIMEOUT = 15  # generous: the machine is shared; each test still ends well under 20 s

pytestmark = pytest.mark.slow


def bonemets() -> str:
    found = Path(sys.executable).parent / "bonemets"
    return str(found) if found.exists() else (shutil.which("bonemets") or "bonemets")


def spawn(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> pexpect.spawn:
    return pexpect.spawn(
        bonemets(),
        ["--pathways-dir", str(VALID), "walk", *args],
        cwd=str(tmp_path),
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp_path),
            "LANG": "C.UTF-8",
            "TERM": "xterm",
            "PROMPT_TOOLKIT_NO_CPR": "1",  # pexpect does not answer cursor-position queries
            **(env or {}),
        },
        dimensions=(50, 110),
        encoding="utf-8",
        timeout=TIMEOUT,
    )


PROMPT = "or press a number"  # questionary's instruction line, shown at every question


def test_choose_go_back_reach_the_outcome_and_see_the_summary(tmp_path: Path) -> None:
    child = spawn(tmp_path, "mini")
    try:
        child.expect("Red flag\\?")
        child.expect(PROMPT)
        child.send("2\r")  # No
        child.expect("Item 1 of 2: Size")
        child.expect(PROMPT)
        child.send("b\r")  # back
        child.expect("Back: discarded your answer \\(Red flag\\?: No\\)")
        child.expect(PROMPT)
        child.send("2\r")  # No again
        child.expect("Item 1 of 2: Size")
        child.expect(PROMPT)
        child.send("1\r")  # Small
        child.expect("Item 2 of 2: Pain")
        child.expect(PROMPT)
        child.send("1\r")  # None
        child.expect("Your walk")
        child.expect("ROUTINE")
        child.expect("What to do")
        child.expect("Save a copy of this summary\\?")
        child.send("y")
        child.expect("File name")
        child.send("\x15keep.md\r")
        child.expect("Saved: keep.md")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    saved = (tmp_path / "keep.md").read_text(encoding="utf-8")
    assert "1. **Red flag?**: No" in saved
    assert "ROUTINE — raise at the next planned appointment" in saved


def test_ctrl_c_exits_130_with_one_line_and_a_partial_transcript(tmp_path: Path) -> None:
    child = spawn(tmp_path, "mini", "--transcript", "partial.json")
    try:
        child.expect(PROMPT)
        child.send("2\r")
        child.expect("Item 1 of 2: Size")
        child.expect(PROMPT)
        child.sendcontrol("c")
        child.expect("bonemets: walk interrupted")
        child.expect(pexpect.EOF)
        output = child.before or ""
    finally:
        child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in output
    data = json.loads((tmp_path / "partial.json").read_text(encoding="utf-8"))
    assert data["complete"] is False
    assert [(a["node"], a["answer"]) for a in data["answers"]] == [("mini:ask", "no")]


def test_ctrl_d_also_exits_130(tmp_path: Path) -> None:
    child = spawn(tmp_path, "mini")
    try:
        child.expect(PROMPT)
        child.sendcontrol("d")
        child.expect("bonemets: walk interrupted")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130


def test_plain_numbered_prompt_with_why_and_no_colour(tmp_path: Path) -> None:
    child = spawn(tmp_path, "mini", "--plain", env={"NO_COLOR": "1"})
    try:
        child.expect("1. Yes  \\(red flag\\)")
        child.expect("Your choice \\(1-2, b, r, q or \\?\\): ")
        child.sendline("?")
        child.expect("Why this step\\?")
        child.expect("Your choice")
        child.sendline("1")
        child.expect("\\*\\*\\* EMERGENCY — act now \\*\\*\\*")
        child.expect("Save this summary\\?")
        child.sendline("n")
        child.expect(pexpect.EOF)
        tail = child.before or ""
    finally:
        child.close()
    assert child.exitstatus == 0
    assert "\x1b[3" not in tail  # no colour codes
