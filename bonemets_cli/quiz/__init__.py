"""Quiz mode: items generated from the pathways (and a hand-written bank), scoring and
spaced repetition. Import the submodules directly; this package imports nothing heavy."""
