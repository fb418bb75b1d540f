"""A bonemets command with Python's own garbage collection: the GC policy of
``bonemets_cli.__main__.run`` (off while the command runs, frozen before exit so the
final full collection is skipped) undone, so ``startup.py`` can show what it saves.

    python benchmarks/pythongc.py COMMAND [ARGS...]
"""

from __future__ import annotations

import gc
import sys

gc.disable = gc.freeze = lambda: None  # what run() calls, made to do nothing

from bonemets_cli.__main__ import run  # noqa: E402 - after the GC calls are undone

if __name__ == "__main__":
    sys.argv = ["bonemets", *sys.argv[1:]]
    raise SystemExit(run())
