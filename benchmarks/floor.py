"""The stack's own startup cost: the least any bonemets command can take.

A one-command Typer app, run as ``python floor.py LEVEL``, does what every bonemets
command that loads a pathway must do, and nothing else:

- ``typer``: parse one ``--format`` option (Typer 0.29 builds a pydantic adapter for it);
- ``pydantic``: also validate one small frozen pydantic model;
- ``rich``: also print a one-row rich table, as ``bonemets list`` does.

``startup.py`` times these beside the real commands, so a budget can be read against
what the libraries themselves cost on the same machine in the same run.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

LEVELS = ("typer", "pydantic", "rich")


class Format(str, Enum):
    table = "table"
    json = "json"


def make_app(level: str) -> typer.Typer:
    app = typer.Typer(add_completion=False)

    @app.command()
    def show(fmt: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
        row = [fmt.value]
        if level in ("pydantic", "rich"):
            from pydantic import BaseModel, ConfigDict

            class Item(BaseModel):
                model_config = ConfigDict(frozen=True, extra="forbid")
                id: str
                version: str

            row = list(
                Item.model_validate({"id": "symptoms", "version": "1.0.0"}).model_dump().values()
            )
        if level == "rich":
            from rich.console import Console
            from rich.table import Table

            table = Table("id", "version")
            table.add_row(*row)
            Console().print(table)
        else:
            sys.stdout.write(" ".join(row) + "\n")

    return app


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in LEVELS:
        raise SystemExit(f"usage: python floor.py {{{','.join(LEVELS)}}} [--format table|json]")
    make_app(sys.argv[1])(sys.argv[2:])
