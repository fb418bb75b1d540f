"""The app a run builds: only the command it names, with the same behaviour as the full app."""

from __future__ import annotations

import pytest
import typer.main
from clihelp import Result, run_bonemets
from pathwayhelp import VALID

from bonemets_cli.cli.app import COMMANDS, GLOBAL_OPTIONS_WITH_VALUE, command_named, make_app


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["list"], "list"),
        (["list", "--format", "json"], "list"),
        (["--pathways-dir", "dir", "validate", "x.yaml"], "validate"),
        (["--pathways-dir", "list", "show", "spine"], "show"),  # a folder named "list"
        (["--pathways-dir=dir", "walk"], "walk"),
        (["lst"], None),  # a typo: the full app suggests "list"
        (["-h", "list"], None),  # the root's help lists every command
        (["--help"], None),
        ([], None),
    ],
)
def test_the_command_a_command_line_names(args: list[str], expected: str | None) -> None:
    assert command_named(args) == expected


def test_every_root_option_with_a_value_is_stepped_over() -> None:
    """A new global option that takes a value must be known to ``command_named``, or
    its value would be taken for the command's name."""
    group = typer.main.get_command(make_app())
    with_value = {name for p in group.params if not getattr(p, "is_flag", True) for name in p.opts}
    assert with_value
    assert with_value <= GLOBAL_OPTIONS_WITH_VALUE


def test_each_one_command_app_has_that_command_alone() -> None:
    for name in COMMANDS:
        group = typer.main.get_command(make_app(only=name))
        assert list(group.commands) == [name]  # type: ignore[attr-defined]
    assert list(typer.main.get_command(make_app()).commands) == list(COMMANDS)  # type: ignore[attr-defined]


def bonemets(*args: str) -> Result:
    return run_bonemets(*args)


def test_a_global_option_before_the_command_still_applies() -> None:
    result = bonemets("--pathways-dir", str(VALID), "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert '"id": "mini"' in result.stdout


def test_root_help_before_a_command_lists_every_command() -> None:
    result = bonemets("-h", "list")
    assert result.returncode == 0
    listed = [
        line.split()[0]
        for line in result.stdout.split("Commands:")[1].splitlines()
        if line.startswith("  ")
    ]
    assert listed == list(COMMANDS)


def test_a_mistyped_command_is_named_with_a_suggestion() -> None:
    result = bonemets("lst")
    assert result.returncode == 2
    assert "No such command 'lst'. Did you mean 'list'?" in result.stderr
