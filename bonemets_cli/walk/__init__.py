"""The walk: a pure state machine (engine), its driver and prompter protocol (session),
the summary and the transcript, and what the walk command runs (run)."""
