"""Walk views: the step panel, 'why?', and the end summary as rich, plain text or Markdown.

Every view returns a value (a rich renderable or a string); prompters and the CLI decide
where it goes. Urgency and red flags are always spelled out in words so the meaning
survives ``NO_COLOR``, a screen reader or a pipe; colour only adds emphasis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
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
from bonemets_cli.walk.session import Ask, End, Offer
from bonemets_cli.walk.summary import WalkSummary


def walked_line(walked: Iterable[str], pathways: PathwaySet) -> str:
    """The breadcrumb: the titles of the pathways walked, in order."""
    return " › ".join(pathways[pid].title for pid in walked)


def now_in(pathway: str, pathways: PathwaySet) -> str:
    """Said when a walk crosses into another pathway."""
    return f"Now in: {pathways[pathway].title}"


def offer_words(offer: Offer) -> str:
    """The label with its points in words (the red-flag marker is set apart: it goes first)."""
    label = offer.label
    if offer.points is not None:
        label += f" ({offer.points} point{'s' if offer.points != 1 else ''})"
    return label


def offer_label(offer: Offer) -> str:
    """The label as every prompter shows it: the red-flag marker first, points in words."""
    return f"{RED_FLAG_WORDS} {offer_words(offer)}" if offer.red_flag else offer_words(offer)


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
    band = ask.pos.running_band() if ask.pos.scored else None  # nothing scored: no band yet
    band_words = f", band so far: {band.label}" if band else ""
    low, high = node.total_range
    return (
        f"Item {index} of {len(node.items)}: {ask.pos.item.label}. "
        f"Running total {ask.pos.total} (range {low}–{high}{band_words})."
    )


# --- rich ---------------------------------------------------------------------------


class TitledPanel:
    """A rounded panel with its title in the top border, where the title fits; in a
    narrower terminal the title opens the body instead, wrapped, since rich would cut a
    border title short ("Step 1 · Spinal pain and suspected metastatic spinal co")."""

    def __init__(
        self, body: RenderableType, title: Text, colour: str, subtitle: Text | None = None
    ) -> None:
        self.body, self.title, self.colour, self.subtitle = body, title, colour, subtitle

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        fits = self.title.cell_len + 6 <= options.max_width  # borders, padding, "─ " and " "
        yield Panel(
            self.body if fits else Group(self.title, self.body),
            title=self.title if fits else None,
            title_align="left",
            subtitle=self.subtitle,
            subtitle_align="right",
            box=box.ROUNDED,
            border_style=self.colour,
        )


def note_renderable(step: Step, pathways: PathwaySet, number: int, count: int) -> TitledPanel:
    """One teaching note, on its own (``number`` of ``count`` passed here)."""
    panel = _info_panel(step, pathways)
    if count > 1:
        panel.subtitle = Text(f"note {number} of {count}", style="dim")
    return panel


def _info_panel(step: Step, pathways: PathwaySet) -> TitledPanel:
    body = Text(step.node.text)
    sources = _brief_sources(step.key, step.node, pathways)
    if sources:
        body.append("\n" + sources, style="dim")
    return TitledPanel(body, Text(f"Note: {step.node.title}", style="bold blue"), "blue")


def step_renderable(ask: Ask, pathways: PathwaySet) -> RenderableType:
    """The waiting question (or score item) in a panel, titled by its pathway and step."""
    node = ask.pos.node
    parts: list[RenderableType] = []
    body = Text()
    if len(ask.walked) > 1:  # one pathway walked: the panel's title already names it
        body.append(walked_line(ask.walked, pathways) + "\n", style="dim")
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
    title = Text(f"Step {ask.number} · {pathways[ask.pos.key.pathway].title}", style="bold cyan")
    parts.append(TitledPanel(body, title, "cyan"))
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


def _path_text(summary: WalkSummary) -> Text:
    path = Text()
    path.append("Pathways walked: " + _titles(summary) + "\n", style="dim")
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
    return path


def _titles(summary: WalkSummary) -> str:
    return " › ".join(summary.titles.get(pid, pid) for pid in summary.pathways)


def sources_renderable(summary: WalkSummary) -> RenderableType:
    """Every source behind the walk, in full (behind 'sources' at the outcome)."""
    sources = Table.grid(padding=(0, 1))
    sources.add_column(no_wrap=True)
    sources.add_column(overflow="fold")
    for src in summary.sources:
        sources.add_row(
            Text(f"[{src.key}]"), Text(src.reference + (f" {src.url}" if src.url else ""))
        )
    for key in summary.missing_sources:
        sources.add_row(Text(f"[{key}]"), Text(NOT_FOUND))
    return Group(Text("Sources", style="bold"), Padding(sources, (0, 0, 0, 2)))


def sources_pointer(summary: WalkSummary) -> str:
    count = len(summary.sources) + len(summary.missing_sources)
    return f"Sources: {count} cited; choose 'Sources' (or press ?) to see them."


def summary_renderable(summary: WalkSummary, *, sources: bool = True) -> RenderableType:
    """The path taken, the sources (or where to find them), the disclaimer, and the
    outcome last, so it is what stays on screen."""
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
        Panel(_path_text(summary), title="Your walk", title_align="left", box=box.ROUNDED),
        *(notes if sources else ()),
        sources_renderable(summary) if sources else Text(sources_pointer(summary), style="dim"),
        Text(DISCLAIMER, style="italic"),
        outcome_panel(summary),
    )


def end_renderable(end: End) -> RenderableType:
    """What a person sees at the outcome: the walk, then the outcome, last."""
    return summary_renderable(end.summary, sources=False)


# --- plain text ---------------------------------------------------------------------


def step_text(ask: Ask, pathways: PathwaySet) -> str:
    """The step as numbered, colour-free lines (screen readers, pipes)."""
    node = ask.pos.node
    lines = [
        f"Step {ask.number} · {pathways[ask.pos.key.pathway].title}",
        f"Pathways walked: {walked_line(ask.walked, pathways)}",
        node.title,
        node.text,
    ]
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


def note_text(step: Step, pathways: PathwaySet, number: int, count: int) -> str:
    """One teaching note as plain lines."""
    head = f"Note {number} of {count}: " if count > 1 else "Note: "
    lines = [head + step.node.title, step.node.text]
    brief = _brief_sources(step.key, step.node, pathways)
    return "\n".join([*lines, brief] if brief else lines)


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


def sources_text(summary: WalkSummary) -> str:
    lines = ["Sources:"]
    lines += [
        f"  [{s.key}] {s.reference}" + (f" {s.url}" if s.url else "") for s in summary.sources
    ]
    lines += [f"  [{k}] {NOT_FOUND}" for k in summary.missing_sources]
    return "\n".join(lines)


def summary_text(
    summary: WalkSummary, *, sources: bool = True, saved_at: dt.datetime | None = None
) -> str:
    """The walk, the sources (or where to find them), the disclaimer, the outcome last."""
    lines = ["Your walk"]
    if saved_at is not None:
        lines.append(f"Saved: {when(saved_at)}")
    lines.append(f"Pathways walked: {_titles(summary)}")
    if saved_at is not None:
        lines += [
            f"  - {summary.titles.get(p, p)} ({p}) version {v}" for p, v in summary.pathways.items()
        ]
    for i, step in enumerate(summary.steps, 1):
        line = f"  {i}. {step.title}"
        if step.score:
            line += f" ({step.score})" + "".join(f"\n       - {a}" for a in step.answers)
        elif step.answers:
            line += ": " + "; ".join(step.answers)
        if step.red_flag:
            line += f" {RED_FLAG_WORDS}"
        lines.append(line)
    if sources:
        for note in summary.notes:
            lines += ["", f"Note: {note.title}", note.text]
    lines += ["", sources_text(summary) if sources else sources_pointer(summary)]
    lines += ["", DISCLAIMER, "", *_outcome_lines(summary)]
    return "\n".join(lines) + "\n"


def when(moment: dt.datetime) -> str:
    """A date and time as people read them: 2 December 2026, 21:50 (UTC+01:00)."""
    zone = moment.strftime("%z")
    offset = f"UTC{zone[:3]}:{zone[3:]}" if zone else "local time"
    return f"{moment.day} {moment:%B %Y}, {moment:%H:%M} ({offset})"


# --- Markdown -----------------------------------------------------------------------


def summary_markdown(summary: WalkSummary, *, saved_at: dt.datetime | None = None) -> str:
    """A file a nurse can keep: the same content as the screen summary, in Markdown.

    A saved copy says when it was saved (``saved_at``); what ``--format markdown``
    prints has no time in it, so the same walk gives the same bytes.
    """
    lines = ["# bonemets walk summary", "", f"_{DISCLAIMER}_", ""]
    if saved_at is not None:
        lines += [f"Saved: {md(when(saved_at))}", ""]
    lines += ["## Pathways", ""]
    lines += [
        f"- {md(summary.titles.get(pid, pid))} (`{pid}`), version {md(v)}"
        for pid, v in summary.pathways.items()
    ]
    lines += ["", "## Answers", ""]
    for i, step in enumerate(summary.steps, 1):
        line = f"{i}. **{md(step.title)}**"
        pad = " " * len(f"{i}. ")  # a nested item lines up under its number's text
        if step.score:
            line += f" ({md(step.score)})" + "".join(f"\n{pad}- {md(a)}" for a in step.answers)
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
