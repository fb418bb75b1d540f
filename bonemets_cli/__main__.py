"""``python -m bonemets_cli`` and the ``bonemets`` console script.

The boundary in ``bonemets_cli.cli.main`` holds once that module is loaded; this catches
a Ctrl-C that lands while it is still loading, so even the first moments of start-up
end with one line and exit code 130, not a traceback.
"""

from __future__ import annotations

import gc
import sys


def run() -> int:
    # One documented GC line, here in the program and never in library code: a command is
    # one short process whose imports and pathway reading make many objects and few
    # cycles, so collecting while it starts only costs time (benchmarks/startup.py: list
    # about 6%, validate about 4% less CPU); what little cyclic garbage a long walk or quiz
    # leaves is freed at exit.
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
