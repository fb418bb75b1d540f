"""The CPD log as CSV (for a spreadsheet or an e-portfolio) and as Markdown (to print or
attach), with the totals and a reflective section to fill in."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from bonemets_cli.errors import visible
from bonemets_cli.export.markup import md

if TYPE_CHECKING:
    from bonemets_cli.quiz.cpd import CpdEntry, CpdLog

CSV_COLUMNS = (
    "date",
    "time",
    "topic",
    "question_type",
    "question",
    "result",
    "time_spent",
    "seconds",
    "pathway",
    "stage",
    "item_id",
)
NOT_TIMED = "not timed"

REFLECTION = (
    "What was the nature of this learning, and which topics did it cover?",
    "What did you learn? (The items to revisit, above, are a place to start.)",
    "How did you, or how will you, change or improve your practice as a result?",
    "How is this relevant to the Code? (Prioritise people; practise effectively; preserve "
    "safety; promote professionalism and trust.)",
)


def duration(seconds: float | None) -> str:
    """Time spent as m:ss (h:mm:ss from an hour)."""
    if seconds is None:
        return NOT_TIMED
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def clean(text: str) -> str:
    """Text from the database on one line, any control character shown as an escape (a
    database is a file someone may have edited)."""
    return visible(" ".join(text.split()))


def _result(entry: CpdEntry) -> str:
    return "right" if entry.correct else "wrong"


def cpd_csv(log: CpdLog) -> str:
    """One row per answer, then a TOTAL row (answers right, hours spent)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in log.entries:
        writer.writerow(
            [
                f"{e.when:%Y-%m-%d}",
                f"{e.when:%H:%M}",
                clean(e.topic),
                clean(e.question_type),
                clean(e.question or ""),
                _result(e),
                duration(e.seconds),
                "" if e.seconds is None else round(e.seconds),
                clean(e.pathway),
                clean(e.stage),
                clean(e.item_id),
            ]
        )
    if log.entries:
        writer.writerow(
            [
                "TOTAL",
                "",
                "",
                "",
                f"{len(log.entries)} answers ({log.untimed} not timed)",
                f"{log.right}/{len(log.entries)} right",
                f"{log.hours:.2f} h",
                round(log.seconds),
                "",
                "",
                "",
            ]
        )
    return out.getvalue()


def _answers(count: int) -> str:
    return "1 answer" if count == 1 else f"{count} answers"


def _question(entry: CpdEntry) -> str:
    """The question as asked; an answer saved before schema 2 is named by its item id."""
    return md(clean(entry.question or f"item {entry.item_id}"))


def cpd_markdown(log: CpdLog) -> str:
    """A log to print or attach: summary, the item table, what to revisit, reflection."""
    lines = ["# CPD log: bonemets quiz", ""]
    if not log.entries:
        lines += ["No answers yet: start with `bonemets quiz`.", ""]
        return "\n".join(lines)
    first, last = log.entries[0].when, log.entries[-1].when
    lines += [
        f"- Period: {first:%d %B %Y} to {last:%d %B %Y}",
        f"- Activity: self-test questions on bone metastasis from kidney cancer, each "
        f"with its explanation and source ({len(log.entries)} answers, "
        f"{log.right} right)",
        f"- Time spent: {log.hours:.2f} hours ({duration(log.seconds)}) measured from "
        "each question to its answer"
        + (f"; not timed: {_answers(log.untimed)} (no time counted)" if log.untimed else ""),
        f"- Generated: {log.generated_at.astimezone():%d %B %Y %H:%M}",
        "",
        "## Items",
        "",
        "| Date | Topic | Question type | Question | Result | Time spent |",
        "|---|---|---|---|---|---|",
    ]
    for e in log.entries:
        lines.append(
            f"| {e.when:%Y-%m-%d %H:%M} | {md(clean(e.topic))} | {md(clean(e.question_type))} "
            f"| {_question(e)} | "
            f"{_result(e)} | {duration(e.seconds)} |"
        )
    lines += [
        f"| **Total** | | | {len(log.entries)} answers | {log.right} right | "
        f"**{log.hours:.2f} h** |",
        "",
        "## To revisit",
        "",
    ]
    missed = log.missed
    if missed:
        lines += [
            f"- {md(e.question) if e.question else md(e.item_id)} ({md(e.topic)})" for e in missed
        ]
    else:
        lines.append("- Nothing: the latest answer to every item was right.")
    lines += ["", "## Reflection", ""]
    for prompt in REFLECTION:
        lines += [f"**{prompt}**", "", "_Your notes:_", "", ""]
    lines += [
        "Educational self-test only. Check your regulator's current revalidation guidance "
        "for how to record this learning.",
        "",
    ]
    return "\n".join(lines)
