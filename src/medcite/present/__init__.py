"""Presentation: the article's JSON contract, Markdown, HTML, terminal, and reference exports."""
