"""The Typer app and the one place where every command is registered.

Command modules import only Typer and the standard library at the top; the core is
imported inside each command so ``--help`` and ``--version`` stay fast. A run that names
a command builds the app with that command alone: Typer otherwise reads the signature of
every command first, a twentieth of ``bonemets list``'s start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Optional

import typer

from bonemets_cli import __version__
from bonemets_cli.cli.state import state
from bonemets_cli.model.wording import DISCLAIMER

COMMANDS: dict[str, tuple[str, str]] = {
    # name → (module in bonemets_cli.cli, function), in the order --help lists them:
    # learners' commands first, then the authors'
    "walk": ("walk", "walk"),
    "quiz": ("quiz", "quiz"),
    "progress": ("progress", "progress"),
    "leaflet": ("leaflet", "leaflet"),
    "list": ("list_cmd", "list_pathways"),
    "show": ("show", "show"),
    "graph": ("graph", "graph"),
    "validate": ("validate", "validate"),
    "schema": ("schema", "schema"),
    "export": ("export", "export_app"),  # a group: bonemets export anki
}

GLOBAL_OPTIONS_WITH_VALUE = frozenset({"--pathways-dir"})
"""The root options that take a value, so ``command_named`` can step over it."""
HELP_OPTIONS = ("-h", "--help")


def make_app(only: str | None = None) -> typer.Typer:
    """The app with every command, or with the command named ``only`` alone."""
    app = typer.Typer(
        name="bonemets",
        help=(
            "Teaching pathways for bone metastasis from kidney cancer: walk them, quiz "
            "yourself, print leaflets, check pathway files.\n\n" + DISCLAIMER
        ),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": list(HELP_OPTIONS)},
    )
    app.callback()(root)
    for name, (module, function) in COMMANDS.items():
        if only in (None, name):
            command = getattr(importlib.import_module(f"bonemets_cli.cli.{module}"), function)
            if isinstance(command, typer.Typer):  # a group of subcommands
                app.add_typer(command, name=name)
            else:
                app.command(name)(command)
    return app


def command_named(args: Sequence[str]) -> str | None:
    """The command a command line runs, if it names a known one (else the full app is
    needed: for --help's list, or to suggest the right name for a typo)."""
    words = iter(args)
    for word in words:
        if word in HELP_OPTIONS:  # the root's help, which lists every command
            return None
        if word in GLOBAL_OPTIONS_WITH_VALUE:
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bonemets {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    pathways_dir: Annotated[
        Optional[list[Path]],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--pathways-dir",
            help="Extra folder of pathway files (repeatable); also $BONEMETS_PATHWAYS.",
            exists=True,
            file_okay=False,
            metavar="DIR",
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Accepted and ignored (bonemets 0.2 keeps no load cache); to be removed.",
            hidden=True,
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Set the global options every command shares."""
    del no_cache  # the load cache is gone; the flag stays accepted for one release
    state(ctx).pathways_dirs = list(pathways_dir or [])
