"""Leaflets as plain text wrapped at 72 columns: for email, notes systems and any printer."""

from __future__ import annotations

import textwrap

from bonemets_cli.export.leaflet import (
    EMERGENCY_HEADING,
    ESCALATES,
    OTHER_SIGNS_HEADING,
    OTHER_SIGNS_INTRO,
    WORDS,
    Leaflet,
    LeafletIndex,
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
    out += ["", *_wrap(leaflet.summary), ""]
    out += _emergency_box(leaflet) + _sections(leaflet) + _back_matter(leaflet)
    return "\n".join(out) + "\n"


def _sign(sign: WarningSign, *, how_soon: bool) -> list[str]:
    out = [*_wrap(sign.title, "    ", "  * "), *_wrap(sign.text, "    "), *_wrap(sign.when, "    ")]
    if how_soon:
        out += _wrap(f"{WORDS.how_soon}: {LAY_URGENCY[sign.urgency]}", "    ")
    if sign.may_escalate:
        out += _wrap(ESCALATES, "    ")
    return out


def _emergency_box(leaflet: Leaflet) -> list[str]:
    out = [RULE, f"!!! {EMERGENCY_HEADING} !!!", "", *_wrap(leaflet.emergency_intro), ""]
    for contact in (c for c in leaflet.contacts if c.for_emergencies):
        out += _wrap(f"{contact.label}: {contact.value or BLANK}")
    for sign in leaflet.warning_signs:
        out += ["", *_sign(sign, how_soon=False)]
    for emergency in leaflet.emergencies:
        out += ["", *_wrap(f"{WORDS.may_mean}: {emergency.title}"), *_wrap(emergency.text, "  ")]
        out += _wrap(f"{WORDS.what_to_do}: {emergency.action}", "  ")
    out.append(RULE)
    if leaflet.other_signs:
        out += ["", OTHER_SIGNS_HEADING.upper(), "-" * len(OTHER_SIGNS_HEADING), ""]
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
    return out


def _back_matter(leaflet: Leaflet) -> list[str]:
    out = [*_heading(WORDS.contacts), ""]
    for contact in leaflet.contacts:
        out += _wrap(f"{contact.label}: {contact.value or BLANK}", "  ")
    if leaflet.sources:
        out += [*_heading(WORDS.sources), ""]
        for n, cite in enumerate(leaflet.sources, 1):
            line = cite.text + (f" {cite.url}" if cite.url else "")
            out += _wrap(line, "      ", f"  {n:>2}. ")
    out += [*_heading(WORDS.about), ""]
    out += _wrap(f"Produced by: {leaflet.producer}", "  ")
    out += _wrap(
        f"Version {leaflet.version}. Reviewed: {leaflet.reviewed.isoformat()}. "
        f"Next review due: {leaflet.next_review.isoformat()}.",
        "  ",
    )
    if leaflet.stamp:
        out += _wrap(f"Printed: {leaflet.stamp.isoformat()}", "  ")
    if leaflet.feedback:
        out += _wrap(f"{WORDS.feedback}: {leaflet.feedback}", "  ")
    return [*out, "", *_wrap(leaflet.disclaimer)]


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
        out += ["", f"Printed: {index.stamp.isoformat()}"]
    out += ["", *_wrap(index.disclaimer)]
    return "\n".join(out) + "\n"
