"""``python -m bonemets_cli`` and the ``bonemets`` console script.

The boundary in ``bonemets_cli.cli.main`` holds once that module is loaded; this catches
a Ctrl-C that lands while it is still loading, so even the first moments of start-up
end with one line and exit code 130, not a traceback.
"""

from __future__ import annotations

import _thread
import gc
import sys


def run() -> int:
    # One documented GC line, here in the program and never in library code: a command is
    # one short process whose imports and pathway reading make many objects and few
    # cycles, so collecting while it starts only costs time (benchmarks/startup.py: list
    # about 6%, validate about 4% less CPU); what little cyclic garbage a long walk or quiz
    # leaves is freed at exit.
    gc.disable()
    sys.unraisablehook = _interrupt_again
    try:
        from bonemets_cli.cli import main

        return main()
    except KeyboardInterrupt:
        sys.stderr.write("bonemets: interrupted\n")
        return 130


def _interrupt_again(unraisable: sys.UnraisableHookArgs) -> None:
    """A Ctrl-C that lands in a callback Python runs for itself (an import lock's weakref
    callback while a module loads) is printed as "Exception ignored" with a traceback and
    then lost; raise it again in the main thread, so it ends as every Ctrl-C does."""
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        _thread.interrupt_main()
    else:
        sys.__unraisablehook__(unraisable)


if __name__ == "__main__":
    raise SystemExit(run())
