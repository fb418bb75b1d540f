"""The installed ``bonemets walk`` in a real pseudo-terminal at 40 to 120 columns.

Read through a terminal emulator (``ptyhelp.Tty``): what is asserted is what is on the
screen, wrapped as a person sees it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from ptyhelp import Tty, squash

from bonemets_cli.load.catalog import load_catalog, search_dirs
from bonemets_cli.model import NodeRef, QuestionNode

VALID = Path(__file__).parent / "data" / "valid"
WIDTHS = [40, 60, 80, 120]
HINT = "↑/↓ or a key, then Enter. b back, r restart, ? why, q quit."

pytestmark = pytest.mark.slow


@pytest.fixture
def tty(tmp_path: Path) -> Iterator[list[Tty]]:
    runs: list[Tty] = []
    yield runs
    for run in runs:
        run.close()


def start(runs: list[Tty], tmp_path: Path, *args: str, cols: int = 80, **kw: object) -> Tty:
    run = Tty(list(args), tmp_path, cols=cols, **kw)  # type: ignore[arg-type]
    runs.append(run)
    return run


def fracture_site() -> QuestionNode:
    node = load_catalog(search_dirs([])).pathway_set.node(NodeRef("symptoms", "fracture_site"))
    assert isinstance(node, QuestionNode)
    return node


@pytest.mark.parametrize("cols", WIDTHS)
def test_long_red_flag_options_wrap_whole_with_the_marker_first(
    tty: list[Tty], tmp_path: Path, cols: int
) -> None:
    """No, no, no, no, no, then 'a bone that broke': the fracture-site question, whose
    options are longer than the screen is wide."""
    run = start(tty, tmp_path, "walk", cols=cols)
    for _ in range(5):
        run.wait(HINT)
        run.send("3\r")
    run.wait("A bone that broke")
    run.send("1\r")
    run.wait("Where is the suspected break?")
    screen = run.text()
    for number, option in enumerate(fracture_site().options, 1):
        assert option.red_flag
        assert squash(f"{number}. (red flag) {option.label}") in squash(screen), screen
    lines = run.lines()
    title = max(i for i, line in enumerate(lines) if "Where is the suspected" in line)
    for line in lines[title:]:  # each red-flag option shows the marker before its words
        if "(red flag)" in line:
            assert line.lstrip("❯ ")[:2].rstrip(".").isdigit(), line
    assert squash("b. Back (discards: A bone that broke with little or no injury?: Yes)") in (
        squash(screen)
    )
    assert squash(HINT) in squash(screen)
    assert "…" not in screen


@pytest.mark.parametrize("cols", [60, 80, 120])
def test_mscc_care_chain_notes_one_at_a_time_then_the_outcome_last(
    tty: list[Tty], tmp_path: Path, cols: int
) -> None:
    """'Yes' to new weakness: five teaching notes, one screen each, then the outcome with
    its urgency in words at the bottom, sources behind '?', then quit."""
    run = start(tty, tmp_path, "walk", cols=cols)
    run.wait(HINT)
    run.send("1\r")
    run.wait("Now in: Spinal pain and suspected metastatic spinal cord compression")
    for n in range(1, 6):
        run.wait(f"note {n} of 5")
        assert f"note {n + 1} of 5" not in run.text()
        if n == 2:
            assert "Now in: Spinal cord compression (MSCC)" in run.text()
        run.send("\r")
    run.wait("What next?")
    lines = run.lines()
    while lines and not lines[-1]:
        lines.pop()
    text = "\n".join(lines)
    bottom = text[text.rindex("Urgency: EMERGENCY — act now") :]
    assert "EMERGENCY — act now. What next?" in bottom
    assert "[nice-qs56]" not in text  # the eleven full sources are behind '?'
    assert squash("s. Save a copy of this summary") in squash(bottom)
    assert squash("b. Back (discards: New weakness in an arm or leg?: Yes)") in squash(bottom)
    run.send("?\r")
    run.wait("What next?")
    text = run.text()
    assert "Urgency: EMERGENCY — act now" in text[text.rindex("[") :]  # outcome after sources
    run.send("q\r")
    assert run.finish() == 0


def test_keys_need_enter_and_back_puts_the_highlight_on_the_answer_before(
    tty: list[Tty], tmp_path: Path
) -> None:
    run = start(tty, tmp_path, "--pathways-dir", str(VALID), "walk", "mini")
    run.wait(HINT)
    run.send("2")  # a digit moves the highlight; nothing is answered yet
    assert "No" in run.pointer_line()
    assert "Teaching point" not in run.text()
    run.send("b")  # nothing to go back to at step 1: the highlight stays
    run.send("?")
    assert "Why?" in run.pointer_line()
    assert "Why this step?" not in run.text()
    run.send("\r")
    run.wait("Why this step?")
    run.send("2\r")
    run.wait("Teaching point")
    run.send("\r")
    run.wait("Item 1 of 2: Size. Running total 0 (range 0–3).")  # no band before a score
    run.send("b\r")
    run.wait("Back: discarded your answer (Red flag?: No)")
    assert "No" in run.pointer_line()
    run.send("\r")  # Enter alone: the same answer again
    run.wait("note")
    run.send("q\r")
    assert run.finish() == 0


def test_save_at_the_outcome_takes_the_default_name(tty: list[Tty], tmp_path: Path) -> None:
    run = start(tty, tmp_path, "--pathways-dir", str(VALID), "walk", "mini")
    run.wait(HINT)
    run.send("1\r")
    run.wait("What next?")
    run.send("s\r")
    run.wait("File name")
    assert "bonemets-walk-mini.md" in run.text()
    run.send("\r")
    run.wait("Saved: bonemets-walk-mini.md")
    run.send("q\r")
    assert run.finish() == 0
    saved = (tmp_path / "bonemets-walk-mini.md").read_text(encoding="utf-8")
    assert "1. **Red flag?**: Yes **(red flag)**" in saved
    assert "Saved: " in saved


def test_ctrl_c_exits_130_with_one_line_and_a_partial_transcript(
    tty: list[Tty], tmp_path: Path
) -> None:
    run = start(
        tty, tmp_path, "--pathways-dir", str(VALID), "walk", "mini", "--transcript", "p.json"
    )
    run.wait(HINT)
    run.send("2\r")
    run.wait("Teaching point")
    run.send("\x03")
    status = run.finish()
    assert status == 130
    assert "bonemets: walk interrupted" in run.raw
    assert "Traceback" not in run.raw
    data = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert data["complete"] is False
    assert [(a["node"], a["answer"]) for a in data["answers"]] == [("mini:ask", "no")]


def test_ctrl_d_also_exits_130(tty: list[Tty], tmp_path: Path) -> None:
    run = start(tty, tmp_path, "--pathways-dir", str(VALID), "walk", "mini")
    run.wait(HINT)
    run.send("\x04")
    assert run.finish() == 130
    assert "bonemets: walk interrupted" in run.raw


@pytest.mark.parametrize("cols", [60, 120])
def test_plain_numbered_prompt_with_why_and_no_colour(
    tty: list[Tty], tmp_path: Path, cols: int
) -> None:
    run = start(
        tty,
        tmp_path,
        "--pathways-dir",
        str(VALID),
        "walk",
        "mini",
        "--plain",
        cols=cols,
        env={"NO_COLOR": "1"},
    )
    run.wait("Your choice (1-2, b, r, q or ?): ")
    assert "1. (red flag) Yes" in run.text()
    run.send("?\r")
    run.wait("Why this step?")
    run.send("1\r")
    run.wait("What next?")
    assert "*** EMERGENCY — act now ***" in run.text()
    run.send("s\r")
    run.wait("File name")
    run.send("y\r")
    run.wait("Saved: bonemets-walk-mini.md")
    run.send("q\r")
    assert run.finish() == 0
    assert "\x1b[3" not in run.raw  # no colour codes
    assert not (tmp_path / "y").exists()


@pytest.mark.parametrize("cols", WIDTHS)
def test_the_step_header_is_never_cut_short(tty: list[Tty], tmp_path: Path, cols: int) -> None:
    """'Step 1 · <pathway title>' whole at every width: in the panel's top border where it
    fits, else wrapped as the panel's first lines (rich would cut a border title)."""
    title = load_catalog(search_dirs([])).pathway_set["spine"].title
    run = start(tty, tmp_path, "walk", "spine", cols=cols)
    run.wait(HINT)
    text = run.text()
    for border in "╭╮╰╯│─":
        text = text.replace(border, " ")
    assert squash(f"Step 1 · {title}") in squash(text), run.text()
