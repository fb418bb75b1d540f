"""Renderers that turn pathways and walks into documents (leaflets, graphs)."""
