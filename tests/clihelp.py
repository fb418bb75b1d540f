"""The one in-process runner of the real command line: ``main(argv, terminal)``.

Every CLI test goes through ``bonemets_cli.cli.main`` with a captured terminal, so the
error boundary, exit codes and output are exactly a user's, at a fraction of a
subprocess's cost. Subprocesses stay only where the process itself is under test: the
installed wheel, a real terminal (pexpect) and import budgets.

The environment and working folder a test gives are the process's for the call, and
restored afterwards, as they would be for a fresh process.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path

from pathwayhelp import clean_env

from bonemets_cli.cli import main
from bonemets_cli.ui.terminal import Terminal

Result = subprocess.CompletedProcess[str]


def run_bonemets(
    *args: str | os.PathLike[str],
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    input: str | None = None,
    home: Path | None = None,
    inherit_env: bool = False,
    width: int = 100,
) -> Result:
    """Run ``bonemets ARGS`` in this process; returns what a subprocess run would.

    The environment is ``clean_env`` (plus ``env``), or this process's own with
    ``inherit_env``; standard input is ``input`` (never a terminal).
    """
    argv = [str(a) for a in args]
    environ = dict(os.environ) if inherit_env else clean_env(None, home)
    environ.update(env or {})
    with _process_env(environ), _cwd(cwd):
        term = Terminal.captured(input or "", width=width, env=environ)
        code = main(argv, term)
    out = term.stdout.getvalue()  # type: ignore[attr-defined]
    err = term.stderr.getvalue()  # type: ignore[attr-defined]
    return subprocess.CompletedProcess(["bonemets", *argv], code, out, err)


@contextlib.contextmanager
def _process_env(environ: Mapping[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(environ)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _cwd(folder: Path | None) -> Iterator[None]:
    """``contextlib.chdir`` of Python 3.11, which 3.10 lacks."""
    saved = os.getcwd()
    if folder is not None:
        os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(saved)
