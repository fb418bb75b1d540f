"""Leaflets as plain text wrapped at 72 columns: for email, notes systems and any printer."""

from __future__ import annotations

import textwrap

from bonemets_cli.export.leaflet import EMERGENCY_HEADING, Leaflet, LeafletIndex

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


def _emergency_box(leaflet: Leaflet) -> list[str]:
    out = [RULE, f"!!! {EMERGENCY_HEADING} !!!", "", *_wrap(leaflet.emergency_intro)]
    if leaflet.warning_signs:
        out.append("")
        for sign in leaflet.warning_signs:
            out += _bullet(sign.text)
    for emergency in leaflet.emergencies:
        out += ["", *_wrap(emergency.title.upper()), *_wrap(emergency.text, "  ")]
        out += _wrap(f"What to do: {emergency.action}", "  ")
    out.append("")
    for contact in (c for c in leaflet.contacts if c.for_emergencies):
        out += _wrap(f"{contact.label}: {contact.value or BLANK}")
    return [*out, RULE]


def _sections(leaflet: Leaflet) -> list[str]:
    out: list[str] = []
    for section in leaflet.sections:
        out += _heading(section.title)
        for item in section.items:
            out += ["", *_wrap(item.title), *_wrap(item.text, "  ")]
            if item.answer:
                out += _wrap(f"Your answer: {item.answer}", "  ")
            if item.urgency:
                out += _wrap(f"How soon: {item.urgency}", "  ")
    if leaflet.questions:
        out += [*_heading("Questions to ask your doctor or nurse"), ""]
        for question in leaflet.questions:
            out += _bullet(question)
    return out


def _back_matter(leaflet: Leaflet) -> list[str]:
    out = [*_heading("Your contacts"), ""]
    for contact in leaflet.contacts:
        out += _wrap(f"{contact.label}: {contact.value or BLANK}", "  ")
    if leaflet.sources:
        out += [*_heading("Sources"), ""]
        for n, cite in enumerate(leaflet.sources, 1):
            line = cite.text + (f" {cite.url}" if cite.url else "")
            out += _wrap(line, "      ", f"  {n:>2}. ")
    out += [*_heading("About this leaflet"), ""]
    out += _wrap(f"Produced by: {leaflet.producer}", "  ")
    out += _wrap(
        f"Version {leaflet.version}. Reviewed: {leaflet.reviewed.isoformat()}. "
        f"Next review due: {leaflet.next_review.isoformat()}.",
        "  ",
    )
    if leaflet.stamp:
        out += _wrap(f"Printed: {leaflet.stamp.isoformat()}", "  ")
    if leaflet.feedback:
        out += _wrap(f"Tell us what you think: {leaflet.feedback}", "  ")
    return [*out, "", *_wrap(leaflet.disclaimer)]


def index_to_text(index: LeafletIndex) -> str:
    out = [index.title.upper(), "=" * len(index.title)]
    if index.organisation:
        out += _wrap(index.organisation)
    out.append("")
    for slug, title, summary in index.entries:
        out += _wrap(f"{title} ({slug}.txt)", "    ", "  * ")
        out += _wrap(summary, "    ")
    if index.stamp:
        out += ["", f"Printed: {index.stamp.isoformat()}"]
    return "\n".join(out) + "\n"
