"""Leaflets as one self-contained HTML file: inline CSS, no fonts, scripts or images to fetch.

The same HTML prints on A4 or Letter and feeds the PDF renderer. Pathway text is
escaped by Jinja2's autoescaping, never by hand (house style, principle 7).
"""

from __future__ import annotations

from enum import Enum
from importlib import resources
from typing import TYPE_CHECKING

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
from bonemets_cli.model.wording import LAY_URGENCY

if TYPE_CHECKING:
    import jinja2


class Paper(str, Enum):
    a4 = "a4"
    letter = "letter"

    @property
    def css(self) -> str:
        return {"a4": "A4", "letter": "letter"}[self.value]


def _load_template(name: str) -> str:
    """Templates ship inside the package and are read with importlib.resources."""
    return (resources.files("bonemets_cli.export") / "templates" / name).read_text("utf-8")


def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_load_template),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render_template(name: str, **context: object) -> str:
    """A shipped template, autoescaped: for other printed documents (the quiz sheet)."""
    return _environment().get_template(name).render(**context)


def to_html(leaflet: Leaflet, paper: Paper = Paper.a4, *, compact: bool = False) -> str:
    """The leaflet page; ``compact`` prints a little smaller, to save a near-empty sheet."""
    template = _environment().get_template("leaflet.html.j2")
    return template.render(
        leaflet=leaflet,
        compact=compact,
        paper=paper.css,
        emergency_heading=EMERGENCY_HEADING,
        other_heading=OTHER_SIGNS_HEADING,
        other_intro=OTHER_SIGNS_INTRO,
        escalates=ESCALATES,
        meanings_title=MEANINGS_TITLE,
        lay_urgency=LAY_URGENCY,
        words=WORDS,
    )


def index_to_html(index: LeafletIndex, paper: Paper = Paper.a4, ext: str = "html") -> str:
    return (
        _environment()
        .get_template("index.html.j2")
        .render(
            index=index,
            paper=paper.css,
            ext=ext,
            printed=long_date(index.stamp) if index.stamp else None,
        )
    )
