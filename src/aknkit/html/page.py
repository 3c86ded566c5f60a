"""What every HTML page aknkit writes shares: one palette and type scale, the
self-contained page around a body, how a language is named and tagged on a page,
and the words a page prints in it.

Pages have no scripts and load nothing: styles are inline, so a page can be
mailed, archived or opened offline.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape

from aknkit.text.profile import ProfileError, load_profile

# The language whose words a page speaks about a document in a language
# without a profile (another producer's German or Italian act).
FALLBACK_LANGUAGE = "eng"

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
    """The language's English name from its profile ("Russian"); without one,
    from ISO 639 ("German" for "de" or "deu"), else its code."""
    try:
        return load_profile(language).name
    except ProfileError:
        return _iso_language(language, "name") or language


@functools.cache
def html_language(language: str) -> str:
    """The BCP 47 tag of a language for HTML ``lang`` attributes ("ru"), from
    its profile; without one, the ISO 639-1 code of an ISO 639-2 code that has
    one ("spa" -> "es", as BCP 47 asks), else the language's code."""
    try:
        tag = load_profile(language).bcp47
    except ProfileError:
        return _iso_language(language, "alpha_2") or language
    return tag if tag is not None else language


def _iso_language(language: str, attribute: str) -> str | None:
    """``attribute`` (``name``, ``alpha_2``) of an ISO 639 code of two or three letters."""
    if len(language) not in (2, 3) or not language.isalpha():
        return None
    import pycountry  # only here: most pages are in a language with a profile

    key = "alpha_2" if len(language) == 2 else "alpha_3"
    found = pycountry.languages.get(**{key: language.lower()})
    value = getattr(found, attribute, None) if found is not None else None
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class Words:
    """The words a page prints around a document's text, all in one language:
    a profile's ``[render]`` table (see ``aknkit.text.profile.RENDER_PAGE``)."""

    language: str              # the profile's code ("rus")
    table: Mapping[str, str]   # key -> words ("contents" -> "Содержание")

    @property
    def tag(self) -> str:
        """The BCP 47 tag of the words, for the page's ``lang`` ("ru")."""
        return html_language(self.language)

    def __getitem__(self, key: str) -> str:
        return self.table[key]

    def fact(self, name: str) -> str:
        """The words for a fact aknkit writes ("vote.for"); another fact's own name."""
        return self.table.get(name, name)

    def in_order(self, facts: Iterable[str]) -> list[str]:
        """Fact names in the order the profile names them ("vote.for" before
        "vote.against"), then the others by name."""
        known = list(self.table)
        return sorted(facts, key=lambda name: (known.index(name) if name in self.table else len(known), name))

    def kind(self, prefix: str, kind: str) -> str:
        """The words for a kind of note ("note", "footnote") or of a line above the
        title ("line", "status"); a kind the profile does not name, as it is."""
        return self.table.get(f"{prefix}_{kind}", kind)


def page_words(language: str) -> Words:
    """The words of a page about a document in ``language``: its profile's, or
    :data:`FALLBACK_LANGUAGE`'s when the language has no profile."""
    try:
        profile = load_profile(language)
    except ProfileError:
        profile = load_profile(FALLBACK_LANGUAGE)
    return Words(profile.language, profile.render)
