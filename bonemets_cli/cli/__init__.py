"""The command line's one boundary: every way a run can end becomes one line and an exit code.

``main`` makes the terminal once (or takes a test's) and runs the Typer app inside the
boundary, in the pre-commit style: a ``BonemetsError`` is its one line and its exit code,
Ctrl-C is 130, and anything else is a bug, reported as one line and exit 3 (the
traceback only with ``BONEMETS_DEBUG=1``). A user never sees a traceback.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence

from bonemets_cli import __version__
from bonemets_cli.errors import BonemetsError
from bonemets_cli.ui.terminal import Terminal

INTERNAL_ERROR = 3
INTERRUPTED = 130
DEBUG_ENV = "BONEMETS_DEBUG"


def main(argv: Sequence[str] | None = None, terminal: Terminal | None = None) -> int:  # noqa: PLR0911 - one return per way a run ends
    """Run one command line and return its exit code (the console script's entry point)."""
    args = list(sys.argv[1:] if argv is None else argv)
    term = terminal or Terminal.from_process()
    try:
        if args == ["--version"]:
            # The line the app's --version prints, without importing Typer and building
            # every command first: those take four fifths of this command's time.
            term.write(f"bonemets {__version__}")
            return 0
        with _standard_streams(term):
            return _run(args, term)
    except BonemetsError as exc:
        term.error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        term.notice("interrupted")
        return INTERRUPTED
    except BrokenPipeError:  # e.g. `bonemets show x | head`: the reader left, nothing to say
        _discard_unwritten(term)
        return 1
    except OSError as exc:  # a path too long or unreadable; standard output on a full disk…
        with contextlib.suppress(OSError):
            term.error(_os_error_line(exc))
        _discard_unwritten(term)
        return 1
    except Exception as exc:
        return _internal_error(term, exc)


def _run(args: list[str], term: Terminal) -> int:
    # pydantic looks up third-party plugins in every installed package's metadata the
    # first time it builds a validator (typer builds one per option); bonemets uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from typer.main import get_command

    from bonemets_cli.cli.app import command_named, make_app
    from bonemets_cli.cli.state import State

    command = get_command(make_app(only=command_named(args)))
    try:
        command.main(args=args, prog_name="bonemets", obj=State(terminal=term))
    except SystemExit as done:  # Typer's own ending: help, usage errors (2), typer.Exit
        code = done.code
        result = code if isinstance(code, int) else (0 if code is None else 1)
        if isinstance(getattr(done.__context__, "__cause__", None), KeyboardInterrupt):
            term.notice("interrupted")  # Typer turned a Ctrl-C into exit 130, silently
    else:
        result = 0
    term.stdout.flush()  # a full disk must fail the command, not go unnoticed at exit
    return result


def _internal_error(term: Terminal, exc: Exception) -> int:
    """A bug: one line naming the version, and the traceback only when asked for."""
    if term.env.get(DEBUG_ENV):
        import traceback

        term.stderr.write("".join(traceback.format_exception(exc)))
    term.error(
        f"internal error ({type(exc).__name__}) in bonemets {__version__}; please report it, "
        f"with the command you ran (set {DEBUG_ENV}=1 for the details)"
    )
    return INTERNAL_ERROR


def _os_error_line(exc: OSError) -> str:
    """The path and the system's reason, or, for a standard stream, what failed."""
    reason = exc.strerror or str(exc)
    if exc.filename is not None:
        return f"{exc.filename}: {reason}; check the path and its permissions"
    return f"cannot write the output: {reason}"


def _discard_unwritten(term: Terminal) -> None:
    """Point standard output at /dev/null once it has failed, so Python's last flush at
    exit has nowhere to fail again (it would print "Exception ignored" and exit 120)."""
    try:
        fd = term.stdout.fileno()
    except (OSError, ValueError, AttributeError):  # a stand-in stream: nothing to flush
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)


@contextlib.contextmanager
def _standard_streams(term: Terminal) -> Iterator[None]:
    """Typer and click write help and usage errors to ``sys.stdout``/``sys.stderr``
    themselves: point those at the terminal's streams for the run."""
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = term.stdin, term.stdout, term.stderr
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
