"""Markdown written by people (comments, the editorial policy) as safe HTML: rendered by markdown-it-py
(CommonMark, raw HTML off) and then sanitised by nh3 (the Ammonia sanitiser): only harmless tags, links
get ``rel="nofollow noopener noreferrer"``, and only http, https and mailto URLs survive."""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False})
TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "hr",
}
_LINK = re.compile(r"https?://|www\.|mailto:", re.IGNORECASE)


def markdown_html(text: str) -> str:
    html = _md.render(text)
    return nh3.clean(
        html,
        tags=TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )


def count_links(text: str) -> int:
    """Links a text carries (URLs, www. names, mailto:), for the comment spam guard."""
    return len(_LINK.findall(text))
