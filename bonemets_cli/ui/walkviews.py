"""Walk views: the step panel, 'why?', and the end summary as rich, plain text or Markdown.

Every view returns a value (a rich renderable or a string); prompters and the CLI decide
where it goes. Urgency and red flags are always spelled out in words so the meaning
survives ``NO_COLOR``, a screen reader or a pipe; colour only adds emphasis.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bonemets_cli.export.markup import md
from bonemets_cli.model import AnyNode, NodeRef, PathwaySet, ScoreNode
from bonemets_cli.model.citation import NOT_FOUND
from bonemets_cli.model.wording import DISCLAIMER, RED_FLAG_WORDS, URGENCY_HEADLINE
from bonemets_cli.ui.style import URGENCY_STYLE
from bonemets_cli.walk.engine import Step
from bonemets_cli.walk.session import Ask, Offer
from bonemets_cli.walk.summary import WalkSummary


def crumbs(stages: Iterable[str]) -> str:
    return " › ".join(s.capitalize() for s in stages)


def offer_label(offer: Offer) -> str:
    """The label as every prompter shows it: red flags and points in words."""
    label = offer.label
    if offer.points is not None:
        label += f" ({offer.points} point{'s' if offer.points != 1 else ''})"
    if offer.red_flag:
        label += f"  {RED_FLAG_WORDS}"
    return label


def back_label(ask: Ask) -> str:
    return f"Back (discards: {ask.discards})" if ask.discards else "Back (nothing to undo yet)"


def _brief_sources(ref: NodeRef, node: AnyNode, pathways: PathwaySet) -> str:
    if not node.sources:
        return ""
    return "Sources: " + "; ".join(pathways.cite(ref.pathway, k).short() for k in node.sources)


def _score_line(ask: Ask) -> str:
    node = ask.pos.node
    if not isinstance(node, ScoreNode) or ask.pos.item is None:
        return ""
    index = len(ask.pos.scored) + 1
    band = ask.pos.running_band()
    band_words = f", band so far: {band.label}" if band else ""
    low, high = node.total_range
    return (
        f"Item {index} of {len(node.items)}: {ask.pos.item.label}. "
        f"Running total {ask.pos.total} (range {low}–{high}{band_words})."
    )


# --- rich ---------------------------------------------------------------------------


def _info_panel(step: Step, pathways: PathwaySet) -> Panel:
    body = Text(step.node.text)
    sources = _brief_sources(step.key, step.node, pathways)
    if sources:
        body.append("\n" + sources, style="dim")
    return Panel(
        body,
        title=Text(f"Note: {step.node.title}", style="bold blue"),
        title_align="left",
        box=box.ROUNDED,
        border_style="blue",
    )


def step_renderable(ask: Ask, pathways: PathwaySet) -> RenderableType:
    """The waiting question (or score item) in a panel, after any notes passed on the way."""
    node = ask.pos.node
    parts: list[RenderableType] = [_info_panel(s, pathways) for s in ask.passed]
    body = Text()
    body.append(crumbs(ask.stages) + "\n", style="dim")
    body.append(node.title + "\n", style="bold")
    body.append(node.text)
    score = _score_line(ask)
    if score:
        body.append("\n\n" + score, style="magenta")
        if ask.pos.item and ask.pos.item.text:
            body.append("\n" + ask.pos.item.text)
    sources = _brief_sources(ask.pos.key, node, pathways)
    if sources:
        body.append("\n\n" + sources, style="dim")
    body.append("\nDiscuss: " + node.discuss_prompt(), style="italic")
    parts.append(
        Panel(
            body,
            title=Text(f"Step {ask.number} · {node.stage.capitalize()}", style="bold cyan"),
            title_align="left",
            box=box.ROUNDED,
            border_style="cyan",
        )
    )
    return Group(*parts)


def why_renderable(ask: Ask, pathways: PathwaySet) -> RenderableType:
    node = ask.pos.node
    text = Text()
    text.append("Why this step?\n", style="bold")
    text.append((node.rationale or "No rationale is recorded for this step.") + "\n\n")
    text.append("Sources\n", style="bold")
    for key in node.sources or ():
        text.append("  " + pathways.cite(ask.pos.key.pathway, key).full() + "\n")
    if not node.sources:
        text.append("  (none cited)\n")
    return Panel(text, title="why?", title_align="left", box=box.ROUNDED)


def outcome_panel(summary: WalkSummary) -> RenderableType:
    """The outcome, unmistakable: an emergency gets a heavy red panel titled in words."""
    out = summary.outcome
    if out is None:
        return Panel(
            Text(f"Stopped before an outcome, at: {summary.stopped_at}"),
            title="Walk not finished",
            title_align="left",
            box=box.ASCII,
        )
    style = URGENCY_STYLE[out.urgency]
    emergency = out.urgency.rank == 0
    body = Text()
    body.append(out.title + "\n", style="bold")
    body.append(f"Urgency: {URGENCY_HEADLINE[out.urgency]}\n", style=style)
    body.append(out.text + "\n\n")
    body.append("What to do: ", style="bold")
    body.append(out.action + "\n")
    body.append("Discuss: ", style="bold")
    body.append(out.discuss)
    return Panel(
        body,
        title=Text(URGENCY_HEADLINE[out.urgency], style=style),
        title_align="left",
        box=box.HEAVY if emergency else box.ROUNDED,
        border_style="bold red" if emergency else style,
    )


def summary_renderable(summary: WalkSummary) -> RenderableType:
    """The path taken, the outcome, the sources and the disclaimer."""
    path = Text()
    path.append("Path taken: " + crumbs(summary.stages) + "\n", style="dim")
    for i, step in enumerate(summary.steps, 1):
        path.append(f"{i}. {step.title}")
        if step.score:
            path.append(f" ({step.score})")
            for item in step.answers:
                path.append(f"\n   - {item}")
        elif step.answers:
            path.append(": " + "; ".join(step.answers))
        if step.red_flag:
            path.append(f"  {RED_FLAG_WORDS}", style="bold red")
        path.append("\n")
    path.rstrip()
    sources = Table.grid(padding=(0, 1))
    sources.add_column(no_wrap=True)
    sources.add_column(overflow="fold")
    for src in summary.sources:
        sources.add_row(
            Text(f"[{src.key}]"), Text(src.reference + (f" {src.url}" if src.url else ""))
        )
    for key in summary.missing_sources:
        sources.add_row(Text(f"[{key}]"), Text(NOT_FOUND))
    notes = [
        Panel(
            Text(n.text),
            title=Text(f"Note: {n.title}", style="bold blue"),
            title_align="left",
            box=box.ROUNDED,
            border_style="blue",
        )
        for n in summary.notes
    ]
    return Group(
        Panel(path, title="Your walk", title_align="left", box=box.ROUNDED),
        *notes,
        outcome_panel(summary),
        Text("Sources", style="bold"),
        Padding(sources, (0, 0, 0, 2)),
        Text("\n" + DISCLAIMER, style="italic"),
    )


# --- plain text ---------------------------------------------------------------------


def step_text(ask: Ask, pathways: PathwaySet) -> str:
    """The step as numbered, colour-free lines (screen readers, pipes)."""
    node = ask.pos.node
    lines: list[str] = []
    for step in ask.passed:
        lines += [f"Note: {step.node.title}", step.node.text]
        brief = _brief_sources(step.key, step.node, pathways)
        lines += [brief, ""] if brief else [""]
    lines += [f"Step {ask.number}: {crumbs(ask.stages)}", node.title, node.text]
    score = _score_line(ask)
    if score:
        lines.append(score)
        if ask.pos.item and ask.pos.item.text:
            lines.append(ask.pos.item.text)
    brief = _brief_sources(ask.pos.key, node, pathways)
    if brief:
        lines.append(brief)
    lines.append("Discuss: " + node.discuss_prompt())
    lines.append("")
    lines += [f"  {i}. {offer_label(o)}" for i, o in enumerate(ask.offers, 1)]
    return "\n".join(lines)


def why_text(ask: Ask, pathways: PathwaySet) -> str:
    node = ask.pos.node
    lines = ["Why this step?", node.rationale or "No rationale is recorded for this step.", ""]
    lines.append("Sources:")
    lines += [f"  {pathways.cite(ask.pos.key.pathway, k).full()}" for k in node.sources]
    if not node.sources:
        lines.append("  (none cited)")
    return "\n".join(lines)


def _outcome_lines(summary: WalkSummary) -> list[str]:
    out = summary.outcome
    if out is None:
        return [f"Walk not finished: stopped at {summary.stopped_at}."]
    banner = [f"*** {URGENCY_HEADLINE[out.urgency]} ***"] if out.urgency.rank == 0 else []
    return [
        *banner,
        f"Outcome: {out.title}",
        f"Urgency: {URGENCY_HEADLINE[out.urgency]}",
        out.text,
        f"What to do: {out.action}",
        f"Discuss: {out.discuss}",
    ]


def summary_text(summary: WalkSummary) -> str:
    lines = ["Your walk", f"Path taken: {crumbs(summary.stages)}"]
    for i, step in enumerate(summary.steps, 1):
        line = f"  {i}. {step.title}"
        if step.score:
            line += f" ({step.score})" + "".join(f"\n       - {a}" for a in step.answers)
        elif step.answers:
            line += ": " + "; ".join(step.answers)
        if step.red_flag:
            line += f" {RED_FLAG_WORDS}"
        lines.append(line)
    for note in summary.notes:
        lines += ["", f"Note: {note.title}", note.text]
    lines += ["", *_outcome_lines(summary), "", "Sources:"]
    lines += [
        f"  [{s.key}] {s.reference}" + (f" {s.url}" if s.url else "") for s in summary.sources
    ]
    lines += [f"  [{k}] {NOT_FOUND}" for k in summary.missing_sources]
    lines += ["", DISCLAIMER]
    return "\n".join(lines) + "\n"


# --- Markdown -----------------------------------------------------------------------


def summary_markdown(summary: WalkSummary) -> str:
    """A file a nurse can keep: the same content as the screen summary, in Markdown."""
    lines = ["# bonemets walk summary", "", f"_{DISCLAIMER}_", ""]
    versions = ", ".join(f"{pid} v{v}" for pid, v in summary.pathways.items())
    lines += [f"Pathways: {md(versions)}", "", f"Path taken: {md(crumbs(summary.stages))}", ""]
    lines += ["## Answers", ""]
    for i, step in enumerate(summary.steps, 1):
        line = f"{i}. **{md(step.title)}**"
        if step.score:
            line += f" ({md(step.score)})" + "".join(f"\n   - {md(a)}" for a in step.answers)
        elif step.answers:
            line += ": " + "; ".join(md(a) for a in step.answers)
        if step.red_flag:
            line += " **(red flag)**"
        lines.append(line)
    if not summary.steps:
        lines.append("(no answers)")
    if summary.notes:
        lines += ["", "## Notes on the way", ""]
        lines += [f"- **{md(n.title)}**: {md(n.text)}" for n in summary.notes]
    lines += ["", "## Outcome", ""]
    out = summary.outcome
    if out is None:
        lines.append(f"Walk not finished: stopped at {md(summary.stopped_at)}.")
    else:
        lines += [
            f"**Urgency: {md(URGENCY_HEADLINE[out.urgency])}**",
            "",
            f"- Outcome: {md(out.title)}",
            f"- {md(out.text)}",
            f"- What to do: {md(out.action)}",
            f"- Discuss: {md(out.discuss)}",
        ]
    lines += ["", "## Sources", ""]
    for src in summary.sources:
        url = f" <{src.url}>" if src.url else ""
        lines.append(f"- \\[{src.key}\\] {md(src.reference)}{url}")
    lines += [f"- \\[{k}\\] {NOT_FOUND}" for k in summary.missing_sources]
    return "\n".join(lines) + "\n"
