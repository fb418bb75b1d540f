"""Leaflets as Markdown: headings, lists and a blockquote for the emergency box."""

from __future__ import annotations

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
from bonemets_cli.export.markup import md
from bonemets_cli.export.signs import WarningSign
from bonemets_cli.model.wording import LAY_URGENCY

BLANK = "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_"


def _contact_line(label: str, value: str | None) -> str:
    return f"**{md(label)}:** {md(value) if value else BLANK}"


def _sign(sign: WarningSign, *, how_soon: bool) -> list[str]:
    """A list item; a trailing backslash is a hard line break in CommonMark."""
    lines = [f"**{md(sign.title)}** {md(sign.statement)}".rstrip(), md(sign.when)]
    if how_soon:
        lines.append(f"**{WORDS.how_soon}:** {md(LAY_URGENCY[sign.urgency])}")
    if sign.may_escalate:
        lines.append(md(ESCALATES))
    return [
        ("- " if n == 0 else "  ") + line + ("\\" if n < len(lines) - 1 else "")
        for n, line in enumerate(lines)
    ]


def to_markdown(leaflet: Leaflet) -> str:
    out = [f"# {md(leaflet.title)}", "", f"*{md(leaflet.subtitle)}*"]
    if leaflet.organisation:
        out += ["", f"**{md(leaflet.organisation)}**"]
    out += ["", *_boxes(leaflet)]
    out += _sections(leaflet) + _back_matter(leaflet)
    return "\n".join(out) + "\n"


def _boxes(leaflet: Leaflet) -> list[str]:
    """The emergency box first (what to do, the numbers, the signs), then the rest."""
    box = [f"## ⚠ {EMERGENCY_HEADING}", "", f"**{md(leaflet.emergency_action)}**", ""]
    numbers = [_contact_line(c.label, c.value) for c in leaflet.contacts if c.for_emergencies]
    box += [line + "\\" for line in numbers[:-1]] + numbers[-1:]  # one paragraph, one per line
    box += ["", md(leaflet.emergency_intro)]
    for sign in leaflet.warning_signs:
        box += ["", *_sign(sign, how_soon=False)]
    out = [f"> {line}".rstrip() for line in box]
    out += ["", md(leaflet.summary)]
    if leaflet.emergencies:
        out += ["", f"## {MEANINGS_TITLE}"]
    for emergency in leaflet.emergencies:
        out += ["", f"### {md(emergency.title)}", "", md(emergency.text)]
        out += ["", f"**{WORDS.what_to_do}:** {md(emergency.action)}"]
    if leaflet.other_signs:
        out += ["", f"## {OTHER_SIGNS_HEADING}", "", md(OTHER_SIGNS_INTRO)]
        for sign in leaflet.other_signs:
            out += ["", *_sign(sign, how_soon=True)]
    return out


def _sections(leaflet: Leaflet) -> list[str]:
    out: list[str] = []
    for section in leaflet.sections:
        out += ["", f"## {md(section.title)}"]
        for item in section.items:
            out += ["", f"### {md(item.title)}", "", md(item.text)]
            if item.answer:
                out += ["", f"**{WORDS.your_answer}:** {md(item.answer)}"]
            if item.urgency:
                out += ["", f"**{WORDS.how_soon}:** {md(item.urgency)}"]
    if leaflet.questions:
        out += ["", f"## {WORDS.questions}", ""]
        out += [f"- {md(q)}" for q in leaflet.questions]
    if leaflet.tell:
        out += ["", f"## {WORDS.tell}", ""]
        out += [f"- {md(t)}" for t in leaflet.tell]
    return out


def _back_matter(leaflet: Leaflet) -> list[str]:
    out = ["", f"## {WORDS.contacts}", ""]
    out += [f"- {_contact_line(c.label, c.value)}" for c in leaflet.contacts]
    if leaflet.sources:
        out += ["", f"## {WORDS.sources}", ""]
        out += [md("; ".join(leaflet.source_names) + ". The full references are at the end.")]
    reviewed, next_review, printed = leaflet.dates()
    out += ["", f"## {WORDS.about}", ""]
    out += [
        f"- **Produced by:** {md(leaflet.producer)}",
        f"- **Version:** {md(leaflet.version)}",
        f"- **Reviewed:** {reviewed}",
        f"- **Next review due:** {next_review}",
    ]
    if printed:
        out.append(f"- **Printed:** {printed}")
    if leaflet.feedback:
        out.append(f"- **{WORDS.feedback}:** {md(leaflet.feedback)}")
    if leaflet.other_formats:
        out.append(f"- **{WORDS.other_formats}:** {md(leaflet.other_formats)}")
    out += ["", f"*{md(leaflet.disclaimer)}*"]
    if leaflet.sources:
        out += ["", f"## {WORDS.references}", ""]
        for n, cite in enumerate(leaflet.sources, 1):
            url = f" <{cite.url}>" if cite.url else ""
            out.append(f"{n}. {md(cite.text)}{url}")
    return out


def index_to_markdown(index: LeafletIndex) -> str:
    out = [f"# {md(index.title)}", ""]
    if index.organisation:
        out += [f"**{md(index.organisation)}**", ""]
    for entry in index.entries:
        start = " (start here)" if entry.start_here else ""
        out.append(f"- [{md(entry.title)}]({entry.slug}.md){start}: {md(entry.summary)}")
    if index.stamp:
        out += ["", f"Printed: {long_date(index.stamp)}"]
    out += ["", f"*{md(index.disclaimer)}*"]
    return "\n".join(out) + "\n"
