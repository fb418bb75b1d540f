"""How progress looks: the overview and mastery tables, and its JSON and CSV forms."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from bonemets_cli.errors import visible
from bonemets_cli.ui.quiz_views import comes_back, plural, shorten

if TYPE_CHECKING:
    from rich.console import RenderableType

    from bonemets_cli.quiz.progress import Mastery, Progress, ProgressRow


# progress ------------------------------------------------------------------------------

COLUMNS = (
    "pathway",
    "stage",
    "seen",
    "answers",
    "correct",
    "accuracy",
    "due",
    "streak_days",
    "last_answered",
)


def _record(row: ProgressRow) -> dict[str, Any]:
    return {
        "pathway": row.pathway,
        "stage": row.stage,
        "seen": row.seen,
        "answers": row.answers,
        "correct": row.correct,
        "accuracy": None if row.accuracy is None else round(row.accuracy, 4),
        "due": row.due,
        "streak_days": row.streak_days,
        "last_answered": row.last_answered.isoformat(timespec="seconds")
        if row.last_answered
        else None,
    }


def _when(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


def _mastery_record(row: Mastery) -> dict[str, Any]:
    return {
        "group": row.group,
        "seen": row.seen,
        "answers": row.answers,
        "correct": row.correct,
        "accuracy": None if row.accuracy is None else round(row.accuracy, 4),
        "mastered": row.mastered,
        "mastery": None if row.mastery is None else round(row.mastery, 4),
        "due_now": row.due_now,
        "due_later_today": row.due_today,
        "due_after_today": row.due_later,
        "next_due": _when(row.next_due),
    }


def progress_json(progress: Progress) -> str:
    return json.dumps(
        {
            "generated_at": progress.generated_at.isoformat(timespec="seconds"),
            "rows": [_record(r) for r in progress.rows],
            "total": _record(progress.total),
            "by_pathway": [_mastery_record(m) for m in progress.by_pathway],
            "by_topic": [_mastery_record(m) for m in progress.by_topic],
            "by_type": [_mastery_record(m) for m in progress.by_type],
            "overall": None if progress.overall is None else _mastery_record(progress.overall),
            "upcoming": [
                {
                    "id": u.item_id,
                    "pathway": u.pathway,
                    "type": u.type,
                    "question": u.question,
                    "due": _when(u.due),
                }
                for u in progress.upcoming
            ],
        },
        indent=2,
        ensure_ascii=False,
    )


def progress_csv(progress: Progress) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in (*progress.rows, progress.total):
        rec = _record(row)
        writer.writerow({k: "" if v is None else v for k, v in rec.items()})
    return out.getvalue()


def progress_table(progress: Progress) -> RenderableType:
    """The overview, then mastery by pathway, topic and question type, then what comes
    back soonest."""
    from rich.console import Group
    from rich.text import Text

    overall = progress.overall
    if overall is None or not overall.answers:
        return Text("Quiz progress: no answers yet: start with 'bonemets quiz'.")
    now = progress.generated_at
    head = Text()
    head.append("Quiz progress\n", style="bold")
    streak = progress.total.streak_days
    head.append(f"Streak: {plural(streak, 'day')} in a row with at least one answer")
    head.append(" (ending today or yesterday).\n" if streak else ".\n")
    head.append(
        f"Due now: {overall.due_now}; later today: {overall.due_today}; "
        f"after today: {overall.due_later}."
    )
    if overall.next_due is not None:
        head.append(f" Next review: {_next(overall.next_due, now)}.")
    head.append("\n")
    parts: list[RenderableType] = [head]
    for title, rows in (
        ("By pathway", progress.by_pathway),
        ("By topic (stage)", progress.by_topic),
        ("By question type", progress.by_type),
    ):
        parts.append(_mastery_table(title, rows, overall, now))
    parts.append(_upcoming_view(progress))
    return Group(*parts)


def _mastery_table(
    title: str, rows: Sequence[Mastery], overall: Mastery, now: dt.datetime
) -> RenderableType:
    from rich.table import Table

    table = Table(title=title, title_justify="left", title_style="bold")
    table.add_column("Group", min_width=12, overflow="fold")
    for name in ("Seen", "Mastery", "Due", "Today", "Later"):
        table.add_column(name, justify="right")
    table.add_column("Next", no_wrap=True)
    for row in (*rows, overall):
        style = "bold" if row is overall else None
        table.add_row(
            "all" if row is overall else visible(row.group),
            str(row.seen),
            _percent(row.mastery),
            str(row.due_now),
            str(row.due_today),
            str(row.due_later),
            _next(row.next_due, now),
            style=style,
        )
    return table


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def _next(due: dt.datetime | None, now: dt.datetime) -> str:
    if due is None:
        return "–"
    if due <= now:
        return "due now"
    return comes_back(due, now).removeprefix("again ").split(" (")[0]


def _upcoming_view(progress: Progress) -> RenderableType:
    from rich.text import Text

    text = Text()
    text.append("Coming back soonest\n", style="bold")
    for u in progress.upcoming:
        when = (
            "due now"
            if u.due <= progress.generated_at
            else comes_back(u.due, progress.generated_at)
        )
        what = shorten(u.question, 70) if u.question else u.item_id
        text.append(visible(f"  {when}: {what} [{u.type} · {u.pathway}]") + "\n")
    text.append(
        "Mastery: share of items whose latest answer was right. Due: due now. Today: due "
        "later today. Later: after today. 'bonemets quiz --due' asks what is due.",
        style="dim",
    )
    return text
