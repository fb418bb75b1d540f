"""Global options shared by every command (set by the app callback, read by commands)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from bonemets_cli.load.catalog import Catalog


@dataclass
class State:
    pathways_dirs: list[Path] = field(default_factory=list)

    def catalog(self, files: Sequence[Path] = (), *, strict_load: bool = True) -> Catalog:
        """Load every pathway folder; by default a broken file stops the command."""
        from bonemets_cli.load.catalog import load_catalog, search_dirs

        catalog = load_catalog(search_dirs(self.pathways_dirs), files)
        if strict_load:
            catalog.raise_errors()
        _warn_shadowed(catalog)
        return catalog


def _warn_shadowed(catalog: Catalog) -> None:
    """A copied pathway that keeps its id is never used: say so, or an edited copy of,
    say, ``spine`` would silently teach the shipped version instead."""
    from bonemets_cli.ui.console import warning_line

    for ignored, used in catalog.shadowed():
        pid = ignored.pathway.id
        warning_line(
            f"{ignored.file}: pathway id '{pid}' is already used by {used.file}, so this "
            f"file is ignored; give it an id of its own (e.g. '{pid}-local')"
        )


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()
