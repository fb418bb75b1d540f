"""Leaflets as plain text wrapped at 72 columns: for email, notes systems and any printer."""

from __future__ import annotations

import textwrap

from bonemets_cli.export.leaflet import (
    EMERGENCY_HEADING,
    ESCALATES,
    MEANINGS_TITLE,
    OTHER_SIGNS_HEADING,
    OTHER_SIGNS_INTRO,
    WORDS,
    Leaflet,
    LeafletIndex,
    long_date,
)
from bonemets_cli.export.signs import WarningSign
from bonemets_cli.model.wording import LAY_URGENCY

WIDTH = 72
BLANK = "____________________"
RULE = "=" * WIDTH


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,  # a web address stays whole, even if longer than a line
    ) or [indent.rstrip()]


def _heading(title: str) -> list[str]:
    return ["", title.upper(), "-" * len(title)]


def _bullet(text: str) -> list[str]:
    return _wrap(text, "    ", "  * ")


def to_text(leaflet: Leaflet) -> str:
    """The leaflet as wrapped plain text; urgency is always in words."""
    out = [*_wrap(leaflet.title.upper()), *_wrap(leaflet.subtitle)]
    if leaflet.organisation:
        out += _wrap(leaflet.organisation)
    out += ["", *_emergency_box(leaflet), "", *_wrap(leaflet.summary)]
    out += _meanings(leaflet) + _other_signs(leaflet) + _sections(leaflet) + _back_matter(leaflet)
    return "\n".join(out) + "\n"


def _sign(sign: WarningSign, *, how_soon: bool) -> list[str]:
    out = [
        *_wrap(sign.title, "    ", "  * "),
        *_wrap(sign.statement, "    "),
        *_wrap(sign.when, "    "),
    ]
    out = [line for line in out if line.strip()]
    if how_soon:
        out += _wrap(f"{WORDS.how_soon}: {LAY_URGENCY[sign.urgency]}", "    ")
    if sign.may_escalate:
        out += _wrap(ESCALATES, "    ")
    return out


def _emergency_box(leaflet: Leaflet) -> list[str]:
    out = [RULE, f"!!! {EMERGENCY_HEADING} !!!", "", *_wrap(leaflet.emergency_action), ""]
    for contact in (c for c in leaflet.contacts if c.for_emergencies):
        out += _wrap(f"{contact.label}: {contact.value or BLANK}")
    out += ["", *_wrap(leaflet.emergency_intro)]
    for sign in leaflet.warning_signs:
        out += ["", *_sign(sign, how_soon=False)]
    return [*out, RULE]


def _meanings(leaflet: Leaflet) -> list[str]:
    out = _heading(MEANINGS_TITLE) if leaflet.emergencies else []
    for emergency in leaflet.emergencies:
        out += ["", *_wrap(emergency.title), *_wrap(emergency.text, "  ")]
        out += _wrap(f"{WORDS.what_to_do}: {emergency.action}", "  ")
    return out


def _other_signs(leaflet: Leaflet) -> list[str]:
    if not leaflet.other_signs:
        return []
    out = ["", OTHER_SIGNS_HEADING.upper(), "-" * len(OTHER_SIGNS_HEADING), ""]
    out += _wrap(OTHER_SIGNS_INTRO)
    for sign in leaflet.other_signs:
        out += ["", *_sign(sign, how_soon=True)]
    return out


def _sections(leaflet: Leaflet) -> list[str]:
    out: list[str] = []
    for section in leaflet.sections:
        out += _heading(section.title)
        for item in section.items:
            out += ["", *_wrap(item.title), *_wrap(item.text, "  ")]
            if item.answer:
                out += _wrap(f"{WORDS.your_answer}: {item.answer}", "  ")
            if item.urgency:
                out += _wrap(f"{WORDS.how_soon}: {item.urgency}", "  ")
    if leaflet.questions:
        out += [*_heading(WORDS.questions), ""]
        for question in leaflet.questions:
            out += _bullet(question)
    if leaflet.tell:
        out += [*_heading(WORDS.tell), ""]
        for line in leaflet.tell:
            out += _bullet(line)
    return out


def _back_matter(leaflet: Leaflet) -> list[str]:
    out = [*_heading(WORDS.contacts), ""]
    for contact in leaflet.contacts:
        out += _wrap(f"{contact.label}: {contact.value or BLANK}", "  ")
    if leaflet.sources:
        out += [*_heading(WORDS.sources), ""]
        out += _wrap("; ".join(leaflet.source_names) + ". The full references are at the end.")
    reviewed, next_review, printed = leaflet.dates()
    out += [*_heading(WORDS.about), ""]
    out += _wrap(f"Produced by: {leaflet.producer}", "  ")
    out += _wrap(
        f"Version {leaflet.version}. Reviewed: {reviewed}. Next review due: {next_review}.", "  "
    )
    if printed:
        out += _wrap(f"Printed: {printed}", "  ")
    if leaflet.feedback:
        out += _wrap(f"{WORDS.feedback}: {leaflet.feedback}", "  ")
    if leaflet.other_formats:
        out += _wrap(f"{WORDS.other_formats}: {leaflet.other_formats}", "  ")
    out += ["", *_wrap(leaflet.disclaimer)]
    if leaflet.sources:
        out += [*_heading(WORDS.references), ""]
        for n, cite in enumerate(leaflet.sources, 1):
            line = cite.text + (f" {cite.url}" if cite.url else "")
            out += _wrap(line, "      ", f"  {n:>2}. ")
    return out


def index_to_text(index: LeafletIndex) -> str:
    out = [index.title.upper(), "=" * len(index.title)]
    if index.organisation:
        out += _wrap(index.organisation)
    out.append("")
    for entry in index.entries:
        start = " (start here)" if entry.start_here else ""
        out += _wrap(f"{entry.title}: {entry.slug}.txt{start}", "    ", "  * ")
        out += _wrap(entry.summary, "    ")
    if index.stamp:
        out += ["", f"Printed: {long_date(index.stamp)}"]
    out += ["", *_wrap(index.disclaimer)]
    return "\n".join(out) + "\n"
