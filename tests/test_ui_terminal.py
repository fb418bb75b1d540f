"""The one terminal: consoles honour NO_COLOR on stdout and stderr alike; own lines go to stderr."""

from __future__ import annotations

import pytest

from bonemets_cli.ui.terminal import Terminal


@pytest.mark.parametrize("stderr", [False, True])
def test_no_color_drops_every_escape_even_when_colour_is_forced(
    monkeypatch: pytest.MonkeyPatch, stderr: bool
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    screen = Terminal.from_process().console(stderr=stderr)
    with screen.capture() as captured:
        screen.print("[bold red]EMERGENCY[/] [dim]now[/]")
    assert captured.get() == "EMERGENCY now\n"
    monkeypatch.delenv("NO_COLOR")
    screen = Terminal.from_process().console(stderr=stderr)
    with screen.capture() as captured:
        screen.print("[bold red]EMERGENCY[/]")
    assert "\x1b[" in captured.get()


def test_own_lines_are_one_line_each_on_stderr_and_write_ends_the_line() -> None:
    term = Terminal.captured()
    term.notice("walk interrupted")
    term.warning("careful")
    term.error("broken")
    term.write("document")
    assert term.stderr.getvalue() == (  # type: ignore[attr-defined]
        "bonemets: walk interrupted\nbonemets: warning: careful\nbonemets: error: broken\n"
    )
    assert term.stdout.getvalue() == "document\n"  # type: ignore[attr-defined]


def test_captured_terminal_is_not_interactive_and_follows_no_color() -> None:
    term = Terminal.captured("1\n", width=60, env={"NO_COLOR": "1"})
    assert not term.interactive
    assert not term.color
    assert term.console().width == 60
    assert Terminal.captured(env={}).color
