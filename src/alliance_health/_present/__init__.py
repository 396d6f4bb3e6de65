"""Presentation: the table every result states once, and how it reads as text, HTML and data."""
