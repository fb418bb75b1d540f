"""Leaflets as Markdown: headings, lists and a blockquote for the emergency box."""

from __future__ import annotations

import re

from bonemets_cli.export.leaflet import EMERGENCY_HEADING, Leaflet, LeafletIndex

BLANK = "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_"
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def md(text: str) -> str:
    """Pathway text as literal Markdown: no stray emphasis, links or raw HTML."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _contact_line(label: str, value: str | None) -> str:
    return f"**{md(label)}:** {md(value) if value else BLANK}"


def to_markdown(leaflet: Leaflet) -> str:
    out = [f"# {md(leaflet.title)}", "", f"*{md(leaflet.subtitle)}*"]
    if leaflet.organisation:
        out += ["", f"**{md(leaflet.organisation)}**"]
    out += ["", md(leaflet.summary), ""]
    box = [f"## ⚠ {EMERGENCY_HEADING}", "", md(leaflet.emergency_intro)]
    if leaflet.warning_signs:
        box += ["", *(f"- {md(s.text)}" for s in leaflet.warning_signs)]
    for emergency in leaflet.emergencies:
        box += ["", f"**{md(emergency.title)}:** {md(emergency.text)}"]
        box += ["", f"**What to do:** {md(emergency.action)}"]
    box.append("")
    box += [f"- {_contact_line(c.label, c.value)}" for c in leaflet.contacts if c.for_emergencies]
    out += [f"> {line}".rstrip() for line in box]
    for section in leaflet.sections:
        out += ["", f"## {md(section.title)}"]
        for item in section.items:
            out += ["", f"### {md(item.title)}", "", md(item.text)]
            if item.answer:
                out += ["", f"**Your answer:** {md(item.answer)}"]
            if item.urgency:
                out += ["", f"**How soon:** {md(item.urgency)}"]
    if leaflet.questions:
        out += ["", "## Questions to ask your doctor or nurse", ""]
        out += [f"- {md(q)}" for q in leaflet.questions]
    out += ["", "## Your contacts", ""]
    out += [f"- {_contact_line(c.label, c.value)}" for c in leaflet.contacts]
    if leaflet.sources:
        out += ["", "## Sources", ""]
        for n, cite in enumerate(leaflet.sources, 1):
            url = f" <{cite.url}>" if cite.url else ""
            out.append(f"{n}. {md(cite.text)}{url}")
    out += ["", "## About this leaflet", ""]
    out += [
        f"- **Produced by:** {md(leaflet.producer)}",
        f"- **Version:** {md(leaflet.version)}",
        f"- **Reviewed:** {leaflet.reviewed.isoformat()}",
        f"- **Next review due:** {leaflet.next_review.isoformat()}",
    ]
    if leaflet.stamp:
        out.append(f"- **Printed:** {leaflet.stamp.isoformat()}")
    if leaflet.feedback:
        out.append(f"- **Tell us what you think:** {md(leaflet.feedback)}")
    out += ["", f"*{md(leaflet.disclaimer)}*"]
    return "\n".join(out) + "\n"


def index_to_markdown(index: LeafletIndex) -> str:
    out = [f"# {md(index.title)}", ""]
    if index.organisation:
        out += [f"**{md(index.organisation)}**", ""]
    for slug, title, summary in index.entries:
        out.append(f"- [{md(title)}]({slug}.md): {md(summary)}")
    if index.stamp:
        out += ["", f"Printed: {index.stamp.isoformat()}"]
    return "\n".join(out) + "\n"
