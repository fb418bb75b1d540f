"""Keep Python's cyclic garbage collector away from freshly loaded pathways.

Loading builds hundreds of thousands of small dicts, lists and models, none of them in
reference cycles, and all of them kept for the rest of the command. With the collector
on, each burst of allocations triggers another pass over everything built so far, and
when it is merely paused it still scans the whole lot once it is back on. Both cost as
much as parsing on big folders (10,000 nodes) and made the time grow faster than the
number of nodes. So the collector is paused while loading, and what was built is then
frozen (``gc.freeze``): moved out of the collector's sight for good. Reference counting
still frees everything as usual; only cycles among frozen objects would never be freed.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the block, then freeze what the block built.

    The collector is re-enabled afterwards only if it was on before.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


SHORT_RUN_THRESHOLD = 100_000
"""Allocations between young-generation passes for a command-line run (Python's is 700)."""


def collect_rarely() -> None:
    """Let the young generation grow large before the collector looks at it.

    A command imports typer, pydantic and rich before it does anything: about two hundred
    thousand objects that live as long as the process. At Python's threshold the collector
    ran some 80 times during that and found almost nothing, a twentieth of a command's
    start-up. Reference counting still frees everything at once; only cycles wait longer.
    (mypy raises the threshold for the same reason.)
    """
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(SHORT_RUN_THRESHOLD, older, oldest)
