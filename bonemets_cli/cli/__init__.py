"""The command line: one boundary that turns ``BonemetsError`` into one line and an exit code."""

from __future__ import annotations

from bonemets_cli.errors import BonemetsError


def main() -> int:
    """Console-script entry point. Typer handles usage errors (exit 2) and Ctrl-C (130)."""
    from bonemets_cli.cli.app import app
    from bonemets_cli.ui.console import error_line

    try:
        app(prog_name="bonemets")
    except BonemetsError as exc:
        error_line(str(exc))
        return exc.exit_code
    except BrokenPipeError:  # e.g. `bonemets show x | head`
        return 1
    return 0
