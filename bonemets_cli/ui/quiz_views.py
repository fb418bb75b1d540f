"""How quiz items, feedback, results and progress look: rich renderables and plain strings.

Right and wrong are spelled out in words (colour only helps), like urgency.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from bonemets_cli.quiz.items import QuizItem, letter

if TYPE_CHECKING:
    from rich.console import RenderableType

    from bonemets_cli.quiz.session import Result, Session


def item_view(
    number: int,
    total: int,
    item: QuizItem,
    *,
    options: bool = True,
    review: bool | None = None,
) -> RenderableType:
    """The question; its lettered options too, unless a prompt lists them itself.

    ``review`` (``quiz --due``): True marks an item asked again because it is due, False
    one asked for the first time; None (a quiz without --due) marks neither.
    """
    from rich.text import Text

    text = Text()
    text.append(f"Question {number} of {total}", style="bold")
    if review is not None:
        text.append(f" ({review_mark(review)})", style="bold")
    text.append(f"  [{item.type.value} · {item.pathway} · {item.stage}]\n", style="dim")
    text.append(item.question + "\n")
    for index, choice in enumerate(item.choices if options else ()):
        text.append(f"  {letter(index)}. {choice.text}\n")
    return text


def feedback_view(result: Result) -> RenderableType:
    from rich.text import Text

    item = result.item
    text = Text()
    if result.correct:
        text.append("RIGHT", style="bold green")
        text.append(f" ({letter(result.chosen or 0)}. {result.chosen_text})\n")
    else:
        text.append("WRONG", style="bold red")
        text.append(f" (you chose {letter(result.chosen or 0)}. {result.chosen_text}); ")
        text.append(
            f"the answer is {letter(item.correct_index)}. {item.correct_text}\n", style="bold"
        )
    text.append(item.explanation + "\n")
    for citation in item.citations:
        text.append(f"Source: {citation}\n", style="dim")
    return text


def review_mark(review: bool) -> str:
    """How ``quiz --due`` marks a question: asked again because it is due, or new."""
    return "review: due again" if review else "new"


def result_view(result: Result, total: int, *, review: bool | None = None) -> RenderableType:
    """A marked item for a scripted run: the question, then the feedback."""
    from rich.console import Group
    from rich.text import Text

    head = item_view(result.number, total, result.item, review=review)
    if not result.answered:
        return Group(head, Text("NOT ANSWERED\n", style="bold yellow"))
    return Group(head, feedback_view(result))


def summary_line(session: Session, seed: int) -> str:
    right, answered = session.score
    left = len(session.items) - answered
    parts = [f"Score: {right}/{answered} right"]
    if left:
        parts.append(f"{left} not answered")
    parts.append(f"seed {seed} (use --seed {seed} for the same quiz)")
    return "; ".join(parts) + "."


def comes_back(due: dt.datetime, now: dt.datetime) -> str:
    """When the schedule brings an item back, as a person says it: "again in 10 minutes"
    the same day, "in 3 days (Sat 5 Dec)" later (the date in local time)."""
    seconds = (due - now).total_seconds()
    if seconds < 30:
        return "again now"
    minutes = max(1, round(seconds / 60))
    if minutes < 60:
        return f"again in {plural(minutes, 'minute')}"
    hours = round(seconds / 3600)
    if hours < 24:
        return f"again in {plural(hours, 'hour')}"
    days = max(1, round(seconds / 86400))
    local = due.astimezone()
    return f"in {plural(days, 'day')} ({local:%a} {local.day} {local:%b %Y})"


def plural(n: int, unit: str) -> str:
    """ "1 day", "3 days"."""
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def shorten(text: str, limit: int = 90) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def round_review(session: Session, now: dt.datetime) -> RenderableType | None:
    """The end of a round: what was missed with the right answer, and when each answered
    item comes back on its FSRS schedule. None when nothing was answered."""
    from rich.text import Text

    answered = session.answered
    if not answered:
        return None
    missed = [r for r in answered if not r.correct]
    right = [r for r in answered if r.correct]
    text = Text()
    text.append("\nThis round\n", style="bold")
    if missed:
        text.append(f"Missed {len(missed)} of {len(answered)}:\n", style="bold")
        for r in missed:
            item = r.item
            text.append(f"  {r.number}. {shorten(item.question)}\n")
            text.append(
                f"     answer: {letter(item.correct_index)}. {item.correct_text}", style="bold"
            )
            text.append(f" (you chose {letter(r.chosen or 0)})\n")
            if r.due is not None:
                text.append(f"     comes back {comes_back(r.due, now)}\n")
    else:
        text.append(f"Nothing missed: all {len(answered)} right.\n", style="bold")
    if right and missed:
        text.append(f"Right {len(right)} of {len(answered)}:\n", style="bold")
    for r in right:
        back = f": comes back {comes_back(r.due, now)}" if r.due is not None else ""
        text.append(f"  {r.number}. {shorten(r.item.question, 60)}{back}\n")
    return text


def session_json(session: Session, seed: int, *, reviews: Collection[str] | None = None) -> str:
    """A marked sheet: every item, the choice, the right answer, explanation and source,
    when it comes back (``next_due``) and, with ``--due``, whether it was a review."""
    right, answered = session.score
    data: dict[str, Any] = {
        "seed": seed,
        "items": [
            {
                "number": r.number,
                "id": r.item.id,
                "type": r.item.type.value,
                "pathway": r.item.pathway,
                "stage": r.item.stage,
                "question": r.item.question,
                "options": {letter(i): c.text for i, c in enumerate(r.item.choices)},
                "chosen": None if r.chosen is None else letter(r.chosen),
                "correct": letter(r.item.correct_index),
                "is_correct": r.correct if r.answered else None,
                "explanation": r.item.explanation,
                "source": list(r.item.citations),
                "source_keys": list(r.item.sources),
                "next_due": r.due.isoformat(timespec="seconds") if r.due else None,
                **({} if reviews is None else {"review": r.item.id in reviews}),
            }
            for r in session.results
        ],
        "score": {"correct": right, "answered": answered, "total": len(session.items)},
    }
    return json.dumps(data, indent=2, ensure_ascii=False)
