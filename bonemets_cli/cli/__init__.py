"""The command line: one boundary that turns ``BonemetsError`` into one line and an exit code."""

from __future__ import annotations

import os
import sys

from bonemets_cli.errors import BonemetsError


def main() -> int:
    """Console-script entry point. Typer handles usage errors (exit 2) and Ctrl-C (130)."""
    if sys.argv[1:] == ["--version"]:
        # The same line the app's --version prints, without importing Typer and building
        # every command first: those take four fifths of this command's time.
        from bonemets_cli import __version__

        sys.stdout.write(f"bonemets {__version__}\n")
        return 0
    # pydantic looks up third-party plugins in every installed package's metadata the
    # first time it builds a validator (typer builds one per option); bonemets uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from bonemets_cli.cli.app import command_named, make_app
    from bonemets_cli.ui.console import error_line

    try:
        make_app(only=command_named(sys.argv[1:]))(prog_name="bonemets")
    except BonemetsError as exc:
        error_line(str(exc))
        return exc.exit_code
    except BrokenPipeError:  # e.g. `bonemets show x | head`
        return 1
    return 0
