"""``python -m bonemets_cli`` and the ``bonemets`` console script.

The boundary in ``bonemets_cli.cli.main`` holds once that module is loaded; this catches
a Ctrl-C that lands while it is still loading, so even the first moments of start-up
end with one line and exit code 130, not a traceback.
"""

from __future__ import annotations

import sys


def run() -> int:
    try:
        from bonemets_cli.cli import main

        return main()
    except KeyboardInterrupt:
        sys.stderr.write("bonemets: interrupted\n")
        return 130


if __name__ == "__main__":
    raise SystemExit(run())
