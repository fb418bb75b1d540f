"""Local contact details for printed leaflets (``--contacts FILE``).

Each hospital has its own numbers; a leaflet without them leaves a line to write them
in by hand, because a warning sign is no use to a patient who does not know whom to call.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from bonemets_cli.model import Text


class LocalContacts(BaseModel):
    """The YAML a ward or clinic fills in once and reuses for every leaflet it prints."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    organisation: Text | None = Field(default=None, description="Hospital or service name.")
    hotline: Text | None = Field(
        default=None, description="Acute oncology / MSCC hotline, answered day and night."
    )
    ward: Text | None = Field(default=None, description="Ward or clinic phone number.")
    out_of_hours: Text | None = Field(default=None, description="Out-of-hours number.")
    feedback: Text | None = Field(
        default=None, description="Where readers can send comments on the leaflet."
    )
    other_formats: Text | None = Field(
        default=None,
        description="How to get the leaflet in large print, easy read, audio or another "
        "language (a phone number, an email address or a web page).",
    )

    @field_validator("hotline", "ward", "out_of_hours")
    @classmethod
    def _a_number(cls, value: str | None) -> str | None:
        """A number that cannot be dialled is worse than a blank line to write one on."""
        if value is not None and not any(ch.isdigit() for ch in value):
            raise PydanticCustomError("phone", "needs a phone number (digits), or leave it out")
        return value


CONTACT_LABELS: tuple[tuple[str, str], ...] = (
    ("organisation", "Hospital or service"),
    ("hotline", "Acute oncology / MSCC hotline"),
    ("ward", "Ward or clinic phone"),
    ("out_of_hours", "Out-of-hours number"),
)
"""The lines every leaflet prints, filled in or left blank to write on."""


def load_contacts(path: Path) -> LocalContacts:
    """Read a contacts file; a fault is reported as file:line:col like any pathway fault."""
    from bonemets_cli.load.loader import load_model

    return load_model(path, LocalContacts)[1]
