"""``python -m bonemets_cli`` and the ``bonemets`` console script.

The boundary in ``bonemets_cli.cli.main`` holds once that module is loaded; this catches
a Ctrl-C that lands while it is still loading, so even the first moments of start-up
end with one line and exit code 130, not a traceback.
"""

from __future__ import annotations

import gc
import sys


def run() -> int:
    # The one GC policy, here in the program and never in library code. A command is one
    # short process whose imports and pathway reading make many objects and few cycles:
    # collecting while it runs only costs time, and so does the full collection Python
    # makes on the way out, which frozen objects skip (benchmarks/startup.py, the rows
    # "... (Python's GC)": together about 10-15% of a command's CPU). What little cyclic
    # garbage a long walk or quiz leaves goes back to the system with the process.
    gc.disable()
    sys.unraisablehook = _keep_interrupt
    try:
        from bonemets_cli.cli import main

        code = main()
        if _SWALLOWED_INTERRUPTS:
            raise KeyboardInterrupt
        return code
    except KeyboardInterrupt:
        sys.stderr.write("bonemets: interrupted\n")
        return 130
    finally:
        gc.freeze()


_SWALLOWED_INTERRUPTS: list[KeyboardInterrupt] = []


def _keep_interrupt(unraisable: sys.UnraisableHookArgs) -> None:
    """A Ctrl-C that lands in a callback Python runs for itself (an import lock's weakref
    callback while a module loads) would be printed as "Exception ignored" with a
    traceback, then lost; note it instead, so the run still ends as every Ctrl-C does."""
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        _SWALLOWED_INTERRUPTS.append(unraisable.exc_value)
    else:
        sys.__unraisablehook__(unraisable)


if __name__ == "__main__":
    raise SystemExit(run())
