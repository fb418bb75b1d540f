"""A parsed YAML file's values, and where each of them stood, found only when asked.

Kept apart from the parser (``yamlread``) so that a document can be used, copied and
located without PyYAML being imported until a position is actually needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from bonemets_cli.errors import Location

MAX_BYTES = 4 * 1024 * 1024
"""The largest file read; larger ones are refused (1,000 generated nodes take ~370 KB)."""


class Mark(Protocol):
    """A position as the parser reports it: 0-based line and column.

    The marks kept for every value are the parser's own start marks, converted only when
    a position is asked for: building a tuple per value cost a third of the build time.
    """

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


@dataclass(frozen=True)
class _Top:
    """The start of the file, for a document that has no mark of its own yet."""

    line: int = 0
    column: int = 0


TOP: Mark = _Top()


@dataclass
class Marks:
    """Where each value stood: ``values[id(container)][key]`` and key positions for maps."""

    root: Mark = TOP
    values: dict[int, dict[Any, Mark]] = field(default_factory=dict)
    keys: dict[int, dict[Any, Mark]] = field(default_factory=dict)


@dataclass(frozen=True)
class YamlDocument:
    """A file's top-level mapping; the positions of everything in it are found on demand.

    Positions are only needed to report a problem, so the first reading keeps none:
    keeping a mark for each of hundreds of thousands of values cost a sixth of the load
    time of a large folder. The first ``locate`` reads ``text`` again for the parser's
    mark of every key and value, in document order, which is the order of the dicts and
    lists of ``data`` (so ``data`` must not be changed), and pairs them up (``marks``).
    """

    data: dict[str, Any]
    file: str
    text: str = field(repr=False, compare=False)

    @cached_property
    def marks(self) -> Marks:
        from bonemets_cli.load.yaml import marks_in_order  # the parser, only when needed

        return _pair_marks(self.data, marks_in_order(self.text))

    def locate(self, path: tuple[Any, ...], *, key: bool = False) -> Location:
        """The deepest position along ``path`` (keys and list indices); skips unknown steps.

        With ``key=True`` the last step's key is located rather than its value, which is
        where an editor should put the cursor for an unknown or duplicate key.
        """
        marks = self.marks
        node: Any = self.data
        mark = marks.root
        steps = list(path)
        for i, step in enumerate(steps):
            holder = marks.values.get(id(node))
            if holder is None or step not in holder:
                continue
            last = i == len(steps) - 1
            if last and key and id(node) in marks.keys:
                mark = marks.keys[id(node)].get(step, holder[step])
            else:
                mark = holder[step]
            node = node[step]
        return Location(self.file, mark.line + 1, mark.column + 1)


def _pair_marks(data: dict[str, Any], order: list[Mark]) -> Marks:
    """Each value and key of ``data`` with its mark from ``order`` (document order).

    A mapping's mark is followed by each key's and then that value's (and its contents);
    a list's by each item's. Only lists and dicts have contents: no scalar resolves to one.
    """
    take = iter(order).__next__
    marks = Marks(root=take())
    values, keys = marks.values, marks.keys

    def fill(node: Any) -> None:  # recursion is bounded by MAX_DEPTH
        held: dict[Any, Mark] = {}
        values[id(node)] = held
        if type(node) is dict:
            named: dict[Any, Mark] = {}
            keys[id(node)] = named
            for name, value in node.items():
                named[name] = take()
                held[name] = take()
                if type(value) is dict or type(value) is list:
                    fill(value)
        else:
            for index, value in enumerate(node):
                held[index] = take()
                if type(value) is dict or type(value) is list:
                    fill(value)

    fill(data)
    return marks
