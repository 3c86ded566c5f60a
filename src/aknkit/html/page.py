"""What every HTML page aknkit writes shares: one palette and type scale, the
self-contained page around a body, and how a language is named and tagged on a page.

Pages have no scripts and load nothing: styles are inline, so a page can be
mailed, archived or opened offline.
"""

from __future__ import annotations

import functools
from html import escape

from aknkit.text.profile import ProfileError, load_profile

BASE_STYLE = """
:root { --error: #b3261e; --error-bg: #fdecea; --warning: #8a5a00; --warning-bg: #fff6dc;
        --info: #1f5f99; --line: #d0d4da; --muted: #5f6670; --ink: #1b1f24; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
       "DejaVu Sans", sans-serif; color: var(--ink); background: #f6f7f9; }
h1 { margin: 0 0 .25rem; font-size: 1.35rem; }
h2 { margin: 0 0 .5rem; font-size: 1.05rem; }
code { font: 13px/1.3 ui-monospace, "DejaVu Sans Mono", monospace; }
"""


def page(title: str, body: str, style: str = "", language: str = "en") -> str:
    """A whole HTML document: ``body`` is trusted markup, ``title`` plain text."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{BASE_STYLE}{style}</style></head><body>"
        f"{body}</body></html>\n"
    )


def language_name(language: str) -> str:
    """The language's name from its profile ("Russian"), or its code when it has none."""
    try:
        return load_profile(language).name
    except ProfileError:
        return language


@functools.cache
def html_language(language: str) -> str:
    """The BCP 47 tag of a language for HTML ``lang`` attributes ("ru"), from
    its profile; the language's code when the profile gives none."""
    try:
        tag = load_profile(language).bcp47
    except ProfileError:
        return language
    return tag if tag is not None else language
