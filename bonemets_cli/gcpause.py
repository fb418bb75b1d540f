"""Pause Python's cyclic garbage collector while loading and validating many files.

Loading builds hundreds of thousands of small dicts, lists and models, none of them in
reference cycles. With the collector on, each burst of allocations triggers a pass over
everything built so far, so big pathway folders took about twice as long (validating
after a big load, four times) and the time grew faster than the number of nodes.
Reference counting still frees everything as usual; the collector resumes afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the block; re-enable it only if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
