"""Keeping a copy of a walk's summary: the file name's extension picks the format.

Both prompters ask the same way (a file name, with a default to accept with Enter, ``y``
or ``yes``; ``n`` or ``no`` keeps nothing), so ``y`` can never become a file called ``y``,
and a name whose extension is not one of ``SUMMARY_FORMATS`` is refused with the choices.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bonemets_cli.errors import OutputError
from bonemets_cli.export.files import write_text
from bonemets_cli.ui.walkviews import summary_markdown, summary_text
from bonemets_cli.walk.summary import WalkSummary

SUMMARY_FORMATS = {".md": "Markdown", ".txt": "plain text"}
YES = ("y", "yes")
NO = ("n", "no")


def local_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).astimezone()


def choices() -> str:
    return " or ".join(f"{ext} ({what})" for ext, what in SUMMARY_FORMATS.items())


def default_name(summary: WalkSummary) -> Path:
    return Path(f"bonemets-walk-{summary.start.split(':')[0]}.md")


def reply_path(raw: str, default: Path) -> Path | None:
    """What a reply to the file-name prompt means: a path, or None to keep nothing."""
    text = raw.strip()
    if text.casefold() in NO:
        return None
    if not text or text.casefold() in YES:
        return default
    return Path(text)


def format_problem(path: Path) -> str | None:
    """Why ``path`` cannot hold a summary (its extension), or None if it can."""
    if path.suffix.lower() in SUMMARY_FORMATS:
        return None
    what = (
        f"'{path.suffix}' is not a summary format" if path.suffix else "the name has no extension"
    )
    return f"{what}; end the name with {choices()}"


def save_summary(summary: WalkSummary, path: Path, saved_at: dt.datetime | None = None) -> None:
    """Markdown or plain text by the extension, with the date and time; written atomically."""
    problem = format_problem(path)
    if problem:
        raise OutputError(f"cannot save {path}: {problem}")
    when = saved_at or local_now()
    if path.suffix.lower() == ".txt":
        write_text(path, summary_text(summary, saved_at=when))
    else:
        write_text(path, summary_markdown(summary, saved_at=when))
