"""One prompt_toolkit application per walk or quiz: a list to choose from, and a line of text.

questionary builds three applications for every question (two only to lay out the
choices), each loading prompt_toolkit's ~600 default key bindings, and leaves them to
the garbage collector: a step took 60–150 ms. Here the application, its layout and its
key bindings are built once, on the first question, and run again for each one.

Every line is wrapped here, at word boundaries, to the terminal's width as it is when
drawn, so no option is ever cut off; a marker (``(red flag)``) goes first, before the
words that wrap. Keys behave one way: a digit, letter or ``?`` moves the highlight to
its choice, and Enter confirms it, as in the plain prompts.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Chooser", "Entry", "wrap", "wrap_block"]

POINTER = "❯ "


@dataclass(frozen=True)
class Entry:
    """One line to choose: its words, what choosing it returns, and its key."""

    label: str
    value: Any
    key: str = ""  # "1", "b", "?"…: typing it moves the highlight here
    marker: str = ""  # shown first, before the label, never wrapped away
    also: tuple[str, ...] = ()  # more keys for the same entry ("w" beside "?")
    gap_before: bool = False  # a blank line before it (commands after the answers)


def wrap(text: str, width: int, indent: str = "", hang: str | None = None) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken between words."""
    hang = indent if hang is None else hang
    return textwrap.wrap(
        text,
        width=max(width, len(hang) + 10),
        initial_indent=indent,
        subsequent_indent=hang,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


_LEAD = re.compile(r"^\s*(?:(?:[A-Za-z0-9]{1,2}|\?)\.\s+|-\s+)?")


def wrap_block(text: str, width: int | None) -> str:
    """Plain lines wrapped between words, each list item ("  2. …", "- …") under its text."""
    if not width:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) < width:
            out.append(line)
            continue
        lead = _LEAD.match(line)
        head = lead.group(0) if lead else ""
        out += wrap(line[len(head) :], width - 1, head, " " * len(head))
    return "\n".join(out)


class Chooser:
    """Asks again and again with the same application (``input``/``output``: for tests)."""

    def __init__(self, *, input: Any = None, output: Any = None) -> None:
        self._io = {k: v for k, v in (("input", input), ("output", output)) if v is not None}
        self._app: Any = None
        self._text: Any = None
        self.title = ""
        self.entries: Sequence[Entry] = ()
        self.hint = ""
        self.index = 0
        self.typed = ""  # digits typed so far, for lists of ten or more
        self.done = False

    # --- drawing ------------------------------------------------------------------

    def _width(self) -> int:
        """One column short of the terminal: a full last column would wrap on its own."""
        columns: int = self._app.output.get_size().columns
        return max(columns - 1, 20)

    def lines(self, width: int) -> list[tuple[str, str]]:
        """(style, text) lines of the list at ``width``; the chosen answer alone when done."""
        if self.done:
            chosen = self.entries[self.index]
            answer = " ".join(p for p in (chosen.marker, chosen.label) if p)
            return [("class:answer", line) for line in wrap(f"{self.title} › {answer}", width)]
        out = [("class:title", line) for line in wrap(self.title, width)]
        numw = max((len(e.key) for e in self.entries), default=1)
        for i, entry in enumerate(self.entries):
            if entry.gap_before:
                out.append(("", ""))
            here = i == self.index
            key = f"{entry.key}." if entry.key else ""
            lead = (POINTER if here else "  ") + key.rjust(numw + 1) + " "
            words = " ".join(p for p in (entry.marker, entry.label) if p)
            style = "class:selected" if here else ("class:marker" if entry.marker else "")
            out += [(style, line) for line in wrap(words, width, lead, " " * len(lead))]
        if self.hint:
            out += [("class:hint", line) for line in wrap(self.hint, width)]
        return out

    def _fragments(self) -> Any:  # prompt_toolkit's StyleAndTextTuples
        frags: list[tuple[str, str]] = []
        for style, line in self.lines(self._width()):
            frags += [(style, line), ("", "\n")]
        return frags[:-1]

    # --- the one application ----------------------------------------------------------

    def _build(self) -> None:
        from prompt_toolkit.application import Application
        from prompt_toolkit.key_binding import KeyBindings
        from prompt_toolkit.layout import FormattedTextControl, HSplit, Layout, Window
        from prompt_toolkit.styles import Style

        keys = KeyBindings()

        @keys.add("up")
        @keys.add("c-p")
        def _up(event: Any) -> None:
            self.typed = ""
            self.index = (self.index - 1) % len(self.entries)

        @keys.add("down")
        @keys.add("c-n")
        def _down(event: Any) -> None:
            self.typed = ""
            self.index = (self.index + 1) % len(self.entries)

        @keys.add("enter")
        def _enter(event: Any) -> None:
            self.done = True
            event.app.exit(result=self.entries[self.index].value)

        @keys.add("c-c")
        def _interrupt(event: Any) -> None:
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

        @keys.add("c-d")
        def _eof(event: Any) -> None:
            event.app.exit(exception=EOFError, style="class:aborting")

        @keys.add("<any>")
        def _key(event: Any) -> None:
            self._press(event.data)

        control = FormattedTextControl(self._fragments, show_cursor=False)
        self._app = Application(
            layout=Layout(HSplit([Window(control, dont_extend_height=True)])),
            key_bindings=keys,
            style=Style.from_dict(
                {
                    "title": "bold",
                    "selected": "reverse",
                    "marker": "bold",
                    "hint": "italic",
                    "answer": "",
                }
            ),
            full_screen=False,
            mouse_support=False,
            **self._io,
        )

    def _press(self, data: str) -> None:
        """A typed key moves the highlight to its entry (digits add up: 1 then 2 is 12)."""
        text = data.casefold()
        if text.isdigit() and text.isascii():
            typed = self.typed + text
            if self._find(typed) is None:
                typed = text
            self.typed = typed
            found = self._find(typed)
        else:
            self.typed = ""
            found = self._find(text)
        if found is not None:
            self.index = found

    def _find(self, key: str) -> int | None:
        for i, entry in enumerate(self.entries):
            if key and key in (entry.key.casefold(), *entry.also):
                return i
        return None

    def choose(
        self, title: str, entries: Sequence[Entry], *, default: int = 0, hint: str = ""
    ) -> Any:
        """The value of the entry confirmed with Enter; Ctrl-C/Ctrl-D raise."""
        if self._app is None:
            self._build()
        self.title, self.entries, self.hint = title, entries, hint
        self.index = default if 0 <= default < len(entries) else 0
        self.typed = ""
        self.done = False
        return self._app.run(in_thread=False, handle_sigint=False)

    def text(self, message: str, default: str = "") -> str:
        """A line of text, with ``default`` already typed (Ctrl-U clears it)."""
        from prompt_toolkit import PromptSession
        from prompt_toolkit.key_binding import KeyBindings

        if self._text is None:
            keys = KeyBindings()

            @keys.add("c-d")
            def _eof(event: Any) -> None:
                event.app.exit(exception=EOFError)

            self._text = PromptSession(key_bindings=keys, **self._io)
        result: str = self._text.prompt(message, default=default)
        return result
