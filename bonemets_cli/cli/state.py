"""What every command shares: the terminal and the global options (set by the app callback)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from bonemets_cli.ui.terminal import Terminal

if TYPE_CHECKING:
    from bonemets_cli.load.catalog import Catalog


@dataclass
class State:
    terminal: Terminal = field(default_factory=Terminal.from_process)
    pathways_dirs: list[Path] = field(default_factory=list)

    def catalog(self, files: Sequence[Path] = (), *, strict_load: bool = True) -> Catalog:
        """Load every pathway folder; by default a broken file stops the command."""
        from bonemets_cli.load.catalog import load_catalog, search_dirs

        catalog = load_catalog(search_dirs(self.pathways_dirs), files)
        if strict_load:
            catalog.raise_errors()
        self._warn_shadowed(catalog)
        for skipped in catalog.skipped:
            self.terminal.warning(f"{skipped}; skipped")
        return catalog

    def _warn_shadowed(self, catalog: Catalog) -> None:
        """A copied pathway that keeps its id is never used: say so, or an edited copy of,
        say, ``spine`` would silently teach the shipped version instead."""
        for ignored, used in catalog.shadowed():
            pid = ignored.pathway.id
            self.terminal.warning(
                f"{ignored.file}: pathway id '{pid}' is already used by {used.file}, so this "
                f"file is ignored; give it an id of its own (e.g. '{pid}-local')"
            )


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = ctx.find_root().obj = State()
    return obj


def terminal(ctx: typer.Context) -> Terminal:
    """The run's terminal: every command writes through it."""
    return state(ctx).terminal
