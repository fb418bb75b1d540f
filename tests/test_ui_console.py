"""The one output module: consoles honour NO_COLOR on stdout and stderr alike."""

from __future__ import annotations

import pytest

from bonemets_cli.ui import console


@pytest.mark.parametrize("make", [console.stdout_console, console.stderr_console])
def test_no_color_drops_every_escape_even_when_colour_is_forced(
    monkeypatch: pytest.MonkeyPatch, make: object
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    screen = make()  # type: ignore[operator]
    with screen.capture() as captured:
        screen.print("[bold red]EMERGENCY[/] [dim]now[/]")
    assert captured.get() == "EMERGENCY now\n"
    monkeypatch.delenv("NO_COLOR")
    screen = make()  # type: ignore[operator]
    with screen.capture() as captured:
        screen.print("[bold red]EMERGENCY[/]")
    assert "\x1b[" in captured.get()


def test_notice_line_is_one_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    console.notice_line("walk interrupted")
    assert capsys.readouterr() == ("", "bonemets: walk interrupted\n")
