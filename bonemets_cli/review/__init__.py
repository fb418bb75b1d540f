"""Reviewing a change to pathways: what it did to every route's disposition, to each
node's text, sources and score bands, and whether the version says so (``bonemets diff``)."""
