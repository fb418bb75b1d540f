"""Every word bonemets uses for urgency, and its disclaimers: written once, used everywhere.

No timeframe is stated that the clinical reference does not give (its safety fact 12):
"soon" means the team is told today and decides how soon.

Urgency is never shown by colour alone, so these words carry the meaning in every output
(walk, quiz, leaflets, trees and diagrams). Kept free of pydantic so that ``--help`` can
print the disclaimer without loading the model.
"""

from __future__ import annotations

from enum import Enum


class Urgency(str, Enum):
    """How soon the person needs to be seen. Always shown in words, not only colour."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    SOON = "soon"
    ROUTINE = "routine"

    @property
    def rank(self) -> int:
        """0 for emergency up to 3 for routine, so ``min`` finds the most urgent."""
        return list(Urgency).index(self)

    @property
    def meaning(self) -> str:
        return URGENCY_MEANING[self]

    @property
    def word(self) -> str:
        return URGENCY_WORD[self]


URGENCY_WORD: dict[Urgency, str] = {
    Urgency.EMERGENCY: "Emergency",
    Urgency.URGENT: "Urgent",
    Urgency.SOON: "Soon",
    Urgency.ROUTINE: "Routine",
}
"""One word each, as quiz options offer them."""

URGENCY_MEANING: dict[Urgency, str] = {
    Urgency.EMERGENCY: "Act now: escalate at once to acute oncology (for suspected spinal "
    "cord compression, the MSCC coordinator) or emergency services.",
    Urgency.URGENT: "Discuss with the team today; tests within days (for example MRI within 1 week).",
    Urgency.SOON: "Tell the team today; they decide how soon the person needs to be seen. "
    "Report any new symptom at once.",
    Urgency.ROUTINE: "Raise at the next planned appointment; report any new symptom at once.",
}
"""For clinicians: what each urgency asks of the team."""

URGENCY_HEADLINE: dict[Urgency, str] = {
    Urgency.EMERGENCY: "EMERGENCY — act now",
    Urgency.URGENT: "URGENT — contact the team today",
    Urgency.SOON: "SOON — tell the team today; they decide how soon",
    Urgency.ROUTINE: "ROUTINE — raise at the next planned appointment",
}
"""Outcome panel titles in the walk: the words carry the meaning even with no colour."""

URGENCY_LABEL: dict[Urgency, str] = {
    Urgency.EMERGENCY: "!!! EMERGENCY !!!",
    Urgency.URGENT: "! URGENT",
    Urgency.SOON: "SOON",
    Urgency.ROUTINE: "ROUTINE",
}
"""Short labels for outcomes in a pathway's tree (``bonemets show``)."""

LAY_URGENCY: dict[Urgency, str] = {
    Urgency.EMERGENCY: "EMERGENCY: get help now, day or night.",
    Urgency.URGENT: "URGENT: contact your care team today.",
    Urgency.SOON: "SOON: tell your care team today; they decide how soon you need to be seen. "
    "Report any new symptom at once.",
    Urgency.ROUTINE: "ROUTINE: talk about it at your next planned appointment. "
    "Report any new symptom at once.",
}
"""For patients (leaflets): urgency in plain words, matching ``URGENCY_MEANING``.

No timeframe for tests here: each step's own text says which test and how soon (MRI
within 24 hours, within 1 week), and a general "within days" beside it would contradict it.
"""

LAY_EMERGENCY_ACTION = (
    "Call your acute oncology hotline now, day or night. If you cannot reach them, call 999 "
    "or go to A&E. Say that you have kidney cancer."
)
"""What to do, first on every leaflet. The clinical reference: new nerve symptoms are an
oncological emergency, to escalate "immediately" to the MSCC coordinator or acute oncology
(NICE QS56); a high calcium emergency means "hospital now: acute oncology line or emergency
services" (Society for Endocrinology 2016). 999 and A&E are the UK's emergency services."""

LAY_EMERGENCY_SOURCES = ("nice-qs56", "sfe-2016")
"""The bibliography keys behind ``LAY_EMERGENCY_ACTION``, listed among a leaflet's sources."""

DEFAULT_DISCUSS: dict[Urgency, str] = {
    Urgency.EMERGENCY: "This is an emergency. Contact your acute oncology team or emergency "
    "services now, and tell them you have kidney cancer.",
    Urgency.URGENT: "Contact your care team today and ask how soon you can be seen.",
    Urgency.SOON: "Tell your doctor or specialist nurse today; they decide how soon you need "
    "to be seen.",
    Urgency.ROUTINE: "Mention this to your doctor at your next appointment.",
}
"""The "discuss with your doctor" prompt of an outcome that has none of its own."""

GENERIC_DISCUSS = "Discuss this step with your doctor or specialist nurse."
"""The prompt of any other step that has none of its own."""

RED_FLAG_WORDS = "(red flag)"
"""Beside every answer that is a warning sign, in every prompt and summary."""

DISCLAIMER = "Educational only: never a diagnosis. Discuss any real case with a doctor."
"""Under every walk, quiz and help text."""

LEAFLET_DISCLAIMER = (
    "This leaflet is for information and learning. It does not replace advice from "
    "your care team, and it cannot tell you what is wrong. If you are worried about "
    "any symptom, contact your care team."
)
"""The same promise in plain words, on every leaflet."""
