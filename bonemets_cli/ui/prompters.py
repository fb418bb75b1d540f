"""Three ways to answer a walk, one protocol (``bonemets_cli.walk.session.Prompter``).

- ``TerminalPrompter``: arrow keys, or a key then Enter, in a terminal (one
  prompt_toolkit application per walk, ``ui/chooser.py``, imported only when it asks);
- ``PlainPrompter``: numbered lines and typed replies, for screen readers, terminals
  without arrow keys, or ``--plain``;
- ``ScriptedPrompter``: answers from ``--answer``/``--answers``; when one is missing it
  hands over to a terminal prompter, or, with no terminal, stops with a clear error.

Both prompters for a person behave alike: every key needs Enter; teaching notes come one
at a time; after 'back' the answer given before is the one offered; at the outcome the
summary comes first and the outcome last, then back, restart, save, sources or quit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from rich.text import Text

from bonemets_cli.errors import OutputError
from bonemets_cli.model import PathwaySet
from bonemets_cli.model.wording import RED_FLAG_WORDS, URGENCY_HEADLINE
from bonemets_cli.ui import savefile
from bonemets_cli.ui.chooser import Chooser, Entry, wrap_block
from bonemets_cli.ui.walkviews import (
    back_label,
    end_renderable,
    note_renderable,
    note_text,
    now_in,
    offer_label,
    offer_words,
    outcome_panel,
    sources_renderable,
    sources_text,
    step_renderable,
    step_text,
    summary_text,
    why_renderable,
    why_text,
)
from bonemets_cli.walk.engine import Step
from bonemets_cli.walk.session import Ask, Command, End, Prompter, Reply, missing_answer
from bonemets_cli.walk.summary import WalkSummary
from bonemets_cli.walk.transcript import ScriptedAnswers

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["PersonPrompter", "PlainPrompter", "Prompter", "ScriptedPrompter", "TerminalPrompter"]

SAVE = "save"
SOURCES = "sources"
CONTINUE = "continue"
COMMAND_KEYS = {"b": Command.BACK, "r": Command.RESTART, "q": Command.QUIT, "?": Command.WHY}
HINT = "↑/↓ or a key, then Enter. b back, r restart, ? why, q quit."


class PersonPrompter(Prompter, Protocol):
    """A prompter with a person behind it."""


def _outcome_title(summary: WalkSummary) -> str:
    out = summary.outcome
    return f"{URGENCY_HEADLINE[out.urgency]}. What next?" if out else "What next?"


class _Notes:
    """Which teaching notes a person has seen, so 'why?' does not show them again, and
    which pathway the screen shows, so crossing into another one is announced."""

    def __init__(self) -> None:
        self.seen: tuple[Step, ...] | None = None
        self.here: str | None = None

    def crossing(self, pathway: str) -> bool:
        """True when the walk has just come into ``pathway`` from another one."""
        crossed = self.here is not None and self.here != pathway
        self.here = pathway
        return crossed

    def due(self, passed: tuple[Step, ...]) -> tuple[Step, ...]:
        if not passed or passed == self.seen:
            return ()
        self.seen = passed
        return passed

    def forget(self) -> None:
        self.seen = None

    def restart(self) -> None:
        self.seen = self.here = None


class PlainPrompter:
    """Numbered choices and a typed reply: a number, or b/r/q/? (works with screen readers)."""

    def __init__(
        self,
        pathways: PathwaySet,
        *,
        read: Callable[[str], str] = input,
        out: TextIO,
        save: Callable[[WalkSummary, Path], None] = savefile.save_summary,
        width: int | None = None,
    ) -> None:
        self.pathways = pathways
        self.read = read
        self.out = out
        self.width = width  # wrap between words at this width (None: leave lines whole)
        self.save = save
        self.notes = _Notes()
        self.panel_shown = False  # after 'why?' the question is asked again without its panel

    def _say(self, text: str) -> None:
        self.out.write(wrap_block(text, self.width) + "\n")
        self.out.flush()

    def _where(self, pathway: str) -> None:
        if self.notes.crossing(pathway):
            self._say("\n" + now_in(pathway, self.pathways))

    def _show_notes(self, passed: tuple[Step, ...], can_back: bool) -> Reply | None:
        """Each note on its own, Enter for the next; b or q leave the notes."""
        due = self.notes.due(passed)
        for n, step in enumerate(due, 1):
            self._where(step.key.pathway)
            self._say("\n" + note_text(step, self.pathways, n, len(due)))
            keys = "b back, r restart, q quit" if can_back else "r restart, q quit"
            while True:
                raw = self.read(f"Press Enter to go on ({keys}): ").strip().casefold()
                if not raw:
                    break
                if raw in ("q", "r") or (raw == "b" and can_back):
                    self.notes.forget()
                    return COMMAND_KEYS[raw]
                self._say(f"Please press Enter, or type {keys}.")
        return None

    def choose(self, ask: Ask) -> Reply:
        left = self._show_notes(ask.passed, ask.can_back)
        if left is not None:
            return left
        if not self.panel_shown:
            self._where(ask.pos.key.pathway)
            self._say("\n" + step_text(ask, self.pathways))
        self.panel_shown = False
        back = [f"  b. {back_label(ask)}"] if ask.can_back else []
        self._say(
            "\n".join([*back, "  r. Restart", "  q. Quit", "  ?. Why? (rationale and sources)"])
        )
        count = len(ask.offers)
        before = next((i for i, o in enumerate(ask.offers, 1) if o.id == ask.previous), None)
        enter = f" [Enter: {before}, your answer before]" if before else ""
        while True:
            raw = self.read(f"Your choice (1-{count}, b, r, q or ?){enter}: ").strip()
            reply = self._parse(ask, str(before) if before and not raw else raw)
            if reply is not None:
                return reply
            self._say(f"Please type a number from 1 to {count}, or b, r, q or ?.")

    def _parse(self, ask: Ask, raw: str) -> Reply | None:
        text = raw.casefold()
        if text.isascii() and text.isdigit() and 1 <= int(text) <= len(ask.offers):
            return ask.offers[int(text) - 1].id
        if text in COMMAND_KEYS:
            if COMMAND_KEYS[text] is Command.BACK and not ask.can_back:
                self._say("This is the first question: there is nothing to go back to.")
                return None
            return COMMAND_KEYS[text]
        for offer in ask.offers:  # an id or label typed in full also works
            if text and text in (offer.id.casefold(), offer.label.casefold()):
                return offer.id
        return None

    def explain(self, ask: Ask) -> None:
        self._say("\n" + why_text(ask, self.pathways))
        self._say("\n" + "\n".join(f"  {i}. {offer_label(o)}" for i, o in enumerate(ask.offers, 1)))
        self.panel_shown = True

    def went_back(self, discarded: str) -> None:
        self.notes.forget()
        self._say(f"Back: discarded your answer ({discarded}).")

    def restarted(self) -> None:
        self.notes.restart()
        self._say("Restarted: all answers discarded.")

    def at_outcome(self, end: End) -> Command:
        left = self._show_notes(end.passed, end.can_back)
        if isinstance(left, Command):
            return left
        self._where(end.summary.outcome_pathway)
        self._say("\n" + summary_text(end.summary, sources=False).rstrip("\n"))
        menu = ["  s. Save a copy of this summary", "  ?. Sources (every source, in full)"]
        menu += [f"  b. {back_label_end(end)}"] if end.can_back else []
        menu += ["  r. Restart (discards every answer)", "  q. Quit"]
        keys = "s, ?, b, r or q" if end.can_back else "s, ?, r or q"
        while True:
            self._say("\n".join(menu))
            raw = self.read(f"{_outcome_title(end.summary)} ({keys}): ").strip().casefold()
            if raw in ("q", "r") or (raw == "b" and end.can_back):
                return COMMAND_KEYS[raw]
            if raw == "s":
                self.offer_save(end.summary)
            elif raw == "?":
                self._say("\n" + sources_text(end.summary))
            else:
                self._say(f"Please type {keys}.")

    def offer_save(self, summary: WalkSummary) -> Path | None:
        """A file name (Enter, y: the default; n: none); asked again if it cannot be used."""
        default = savefile.default_name(summary)
        while True:
            raw = self.read(
                f"File name, {savefile.choices()} [Enter or y: {default}; n: don't save]: "
            )
            path = savefile.reply_path(raw, default)
            if path is None:
                self._say("Not saved.")
                return None
            problem = savefile.format_problem(path)
            if problem:
                self._say(f"Not saved: {problem}.")
                continue
            if (
                path.exists()
                and self.read(f"{path} exists. Replace it? [y/N]: ").strip().casefold()
                not in savefile.YES
            ):
                continue
            try:
                self.save(summary, path)
            except OutputError as exc:
                self._say(f"Not saved: {exc}. Try another name, or n.")
                continue
            self._say(f"Saved: {path}")
            return path


def back_label_end(end: End) -> str:
    return f"Back (discards: {end.discards})"


class TerminalPrompter:
    """Arrow keys, or a key (a number, b, r, ? or w, q) then Enter, in a terminal.

    ``input``/``output`` are prompt_toolkit objects, given only by tests (pipe input) or
    to draw on stderr when stdout carries Markdown/JSON.
    """

    def __init__(
        self,
        pathways: PathwaySet,
        console: Console,
        *,
        input: Any = None,
        output: Any = None,
        save: Callable[[WalkSummary, Path], None] = savefile.save_summary,
    ) -> None:
        self.pathways = pathways
        self.console = console
        self.chooser = Chooser(input=input, output=output)
        self.save = save
        self.notes = _Notes()
        self.panel_shown = False  # after 'why?' the question is asked again without its panel

    def _where(self, pathway: str) -> None:
        if self.notes.crossing(pathway):
            self.console.print(Text(now_in(pathway, self.pathways), style="bold cyan"))

    def _commands(self, discards: str | None, *, why: bool = True) -> list[Entry]:
        """Back, restart, why? and quit, set apart from the answers by a blank line."""
        entries = []
        if discards is not None:
            entries.append(Entry(f"Back (discards: {discards})", Command.BACK, "b"))
        entries.append(Entry("Restart (discards every answer)", Command.RESTART, "r"))
        if why:
            entries.append(Entry("Why? (rationale and sources)", Command.WHY, "?", also=("w",)))
        entries.append(Entry("Quit", Command.QUIT, "q"))
        entries[0] = replace(entries[0], gap_before=True)
        return entries

    def _show_notes(self, passed: tuple[Step, ...], discards: str | None) -> Reply | None:
        due = self.notes.due(passed)
        for n, step in enumerate(due, 1):
            self._where(step.key.pathway)
            self.console.print(note_renderable(step, self.pathways, n, len(due)))
            entries = [Entry("Go on", CONTINUE, ""), *self._commands(discards, why=False)]
            reply = self.chooser.choose(
                "Teaching note: read it, then go on.", entries, hint="Enter goes on."
            )
            if reply is not CONTINUE:
                self.notes.forget()
                return reply  # type: ignore[no-any-return] # a Command
        return None

    def choose(self, ask: Ask) -> Reply:
        left = self._show_notes(ask.passed, ask.discards)
        if left is not None:
            return left
        if not self.panel_shown:
            self._where(ask.pos.key.pathway)
            self.console.print(step_renderable(ask, self.pathways))
        self.panel_shown = False
        entries = [
            Entry(offer_words(o), o.id, str(i), RED_FLAG_WORDS if o.red_flag else "")
            for i, o in enumerate(ask.offers, 1)
        ]
        commands = self._commands(ask.discards)
        default = next((i for i, o in enumerate(ask.offers) if o.id == ask.previous), 0)
        message = ask.pos.item.label if ask.pos.item else ask.pos.node.title
        reply: Reply = self.chooser.choose(
            message, [*entries, *commands], default=default, hint=HINT
        )
        return reply

    def explain(self, ask: Ask) -> None:
        self.console.print(why_renderable(ask, self.pathways))
        self.panel_shown = True

    def went_back(self, discarded: str) -> None:
        self.notes.forget()
        self.console.print(f"Back: discarded your answer ({discarded}).", markup=False)

    def restarted(self) -> None:
        self.notes.restart()
        self.console.print("Restarted: all answers discarded.")

    def at_outcome(self, end: End) -> Command:
        left = self._show_notes(end.passed, end.discards)
        if isinstance(left, Command):
            return left
        self._where(end.summary.outcome_pathway)
        self.console.print(end_renderable(end))
        while True:
            entries = [
                Entry("Save a copy of this summary", SAVE, "s"),
                Entry("Sources (every source, in full)", SOURCES, "?", also=("w",)),
            ]
            entries += self._commands(end.discards, why=False)
            reply = self.chooser.choose(
                _outcome_title(end.summary), entries, hint="↑/↓ or a key, then Enter."
            )
            if reply == SAVE:
                self.offer_save(end.summary)
            elif reply == SOURCES:
                self.console.print(sources_renderable(end.summary))
                self.console.print(outcome_panel(end.summary))
            else:
                return reply  # type: ignore[no-any-return] # a Command

    def offer_save(self, summary: WalkSummary) -> Path | None:
        """A file name (Enter, y: the default; n: none); asked again if it cannot be used."""
        default = savefile.default_name(summary)
        while True:
            raw = self.chooser.text(
                f"File name, {savefile.choices()} (Enter or y: as shown; n: don't save): ",
                default=str(default),
            )
            path = savefile.reply_path(raw, default)
            if path is None:
                self.console.print("Not saved.")
                return None
            problem = savefile.format_problem(path)
            if problem:
                self.console.print(f"Not saved: {problem}.", markup=False)
                continue
            if path.exists():
                replace = self.chooser.choose(
                    f"{path} exists. Replace it?",
                    [
                        Entry("No, choose another name", False, "n"),
                        Entry("Yes, replace it", True, "y"),
                    ],
                )
                if not replace:
                    continue
            try:
                self.save(summary, path)
            except OutputError as exc:
                self.console.print(f"Not saved: {exc}. Try another name.", markup=False)
                continue
            self.console.print(f"Saved: {path}", markup=False)
            return path


class ScriptedPrompter:
    """Replies from scripted answers; each answer is used once, so 'back' in a fallback works."""

    def __init__(self, answers: ScriptedAnswers, fallback: PersonPrompter | None = None) -> None:
        self.answers = answers
        self.fallback = fallback
        self.given: set[str] = set()
        self.asked_person = False  # True once the fallback answered a step

    def choose(self, ask: Ask) -> Reply:
        if ask.name not in self.given:
            item = ask.pos.item.id if ask.pos.item else None
            value = self.answers.lookup(ask.pos.key, item)
            if value is not None:
                self.given.add(ask.name)
                return value
        if self.fallback is None:
            raise missing_answer(ask)
        self.asked_person = True
        return self.fallback.choose(ask)

    def explain(self, ask: Ask) -> None:
        if self.fallback is not None:
            self.fallback.explain(ask)

    def went_back(self, discarded: str) -> None:
        if self.fallback is not None:
            self.fallback.went_back(discarded)

    def restarted(self) -> None:
        if self.fallback is not None:
            self.fallback.restarted()

    def at_outcome(self, end: End) -> Command:
        """A person who answered a step is shown the outcome and asked; a script just ends."""
        if self.fallback is not None and self.asked_person:
            return self.fallback.at_outcome(end)
        return Command.QUIT
