"""The diff report as one self-contained HTML page.

The languages stand side by side, aligned unit by unit; every finding is marked
in the cell of the language it concerns and linked both ways with a summary at
the top. The page has no scripts and loads nothing: styles are inline, so it
can be mailed, archived or opened offline.
"""

from __future__ import annotations

from html import escape

from aknkit.diff import DiffReport, Row
from aknkit.findings import ERROR, INFO, WARNING, Finding
from aknkit.html.page import html_language, language_name, page
from aknkit.model import STATUS_REMOVED, Unit

# The findings shown in one place, each with its number on the page.
Numbered = list[tuple[int, Finding]]

# Beside the palette and type scale every page shares (html.BASE_STYLE).
_STYLE = """
header, #summary { padding: 1rem 1.5rem; background: #fff; border-bottom: 1px solid var(--line); }
.work { margin: 0; color: var(--muted); }
.inputs { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: .6rem 0 0; padding: 0;
          list-style: none; }
.inputs li { color: var(--muted); }
.inputs b { color: var(--ink); }
.counts { margin: 0 0 .6rem; }
.badge { display: inline-block; padding: .05rem .55rem; border-radius: 999px; font-weight: 600;
         font-size: .85rem; border: 1px solid currentColor; }
.badge.error { color: var(--error); background: var(--error-bg); }
.badge.warning { color: var(--warning); background: var(--warning-bg); }
.badge.info { color: var(--info); background: #e8f1fb; }
.badge.ok { color: #1e6b34; background: #e6f4ea; }
ol.findings { margin: 0; padding-left: 1.6rem; max-height: 40vh; overflow: auto; }
ol.findings li { margin: .15rem 0; }
ol.findings li.error::marker { color: var(--error); }
ol.findings li.warning::marker { color: var(--warning); }
ol.findings a { color: inherit; text-decoration: none; border-bottom: 1px dotted var(--muted); }
.code { font: 600 12px/1 ui-monospace, "DejaVu Sans Mono", monospace; padding: .15rem .35rem;
        border-radius: 4px; color: #fff; background: var(--muted); }
.error .code, .code.error { background: var(--error); }
.warning .code, .code.warning { background: var(--warning); }
.info .code, .code.info { background: var(--info); }
main { padding: 1rem 1.5rem 3rem; }
table { width: 100%; border-collapse: separate; border-spacing: 0; table-layout: fixed;
        background: #fff; border: 1px solid var(--line); border-radius: 6px; }
col.unit { width: 15rem; }
thead th { position: sticky; top: 0; z-index: 1; background: #eef1f5; text-align: left;
           padding: .5rem .75rem; border-bottom: 1px solid var(--line); font-size: .9rem; }
thead th small { color: var(--muted); font-weight: normal; margin-left: .35rem; }
tbody th, tbody td { vertical-align: top; padding: .5rem .75rem; border-bottom: 1px solid var(--line);
                     overflow-wrap: anywhere; }
tbody th { text-align: left; font-weight: 600; font-size: .9rem; }
tbody th a { color: inherit; text-decoration: none; }
tbody th small { display: block; color: var(--muted); font-weight: normal;
                 font: 11px/1.3 ui-monospace, "DejaVu Sans Mono", monospace; }
tr.structure th, tr.structure td { background: #f3f5f8; }
td.error { background: var(--error-bg); box-shadow: inset 4px 0 var(--error); }
td.warning { background: var(--warning-bg); box-shadow: inset 4px 0 #d39b00; }
td.absent { color: var(--muted); font-style: italic;
            background: repeating-linear-gradient(135deg, #f7f7f7 0 8px, #eceef1 8px 16px); }
td p { margin: .2rem 0; }
.num { font-weight: 600; }
.heading { font-weight: 600; font-style: italic; }
.line { color: var(--muted); font-size: .75rem; }
.marks { float: right; display: flex; gap: .25rem; margin: 0 0 .25rem .5rem; }
.marks a { text-decoration: none; }
tr:target th, tr:target td, li:target { outline: 3px solid #1565c0; outline-offset: -3px; }
a.mark:target { outline: 3px solid #1565c0; }
"""


def _severity_class(findings: list[Finding]) -> str:
    severities = {f.severity for f in findings}
    for severity in (ERROR, WARNING, INFO):
        if severity in severities:
            return severity
    return ""


def _marks(numbered: Numbered) -> str:
    if not numbered:
        return ""
    links = "".join(
        f'<a class="mark code {f.severity}" id="f-{i}" href="#s-{i}" '
        f'title="{escape(f.code + ": " + f.message)}">{escape(f.code)}</a>'
        for i, f in numbered
    )
    return f'<div class="marks">{links}</div>'


def _cell(unit: Unit | None, language: str, numbered: Numbered) -> str:
    severity = _severity_class([f for _, f in numbered])
    lang = escape(html_language(language))
    if unit is None:
        classes = " ".join(c for c in ("absent", severity) if c)
        return (f'<td class="{classes}" lang="{lang}">{_marks(numbered)}'
                f"no counterpart in {escape(language)}</td>")
    parts = [_marks(numbered)]
    if unit.label:
        parts.append(f'<div class="num">{escape(unit.label)}</div>')
    if unit.heading is not None:
        parts.append(f'<div class="heading">{escape(unit.heading.text)}</div>')
    for block in unit.intro + unit.wrapup:
        parts.append(f"<p>{escape(block.text)}</p>")
    if unit.status == STATUS_REMOVED:
        parts.append('<p class="line">(repealed)</p>')
    if unit.loc is not None:
        parts.append(f'<div class="line">line {unit.loc.line}</div>')
    classes = f' class="{severity}"' if severity else ""
    return f'<td{classes} lang="{lang}">' + "".join(parts) + "</td>"


def _row(row: Row, languages: list[str], numbered: dict[tuple[str, str | None], Numbered]) -> str:
    structural = bool(row.children) and row.depth == 0
    cells = "".join(_cell(row.units.get(lang), lang, numbered.get((row.anchor, lang), []))
                    for lang in languages)
    eid = f"<small>{escape(row.eid)}</small>" if row.eid else ""
    indent = f' style="padding-left:{0.75 + row.depth}rem"' if row.depth else ""
    classes = "structure" if structural else ""
    return (f'<tr id="{escape(row.anchor)}" class="{classes}">'
            f'<th scope="row"{indent}><a href="#{escape(row.anchor)}">{escape(row.label)}</a>{eid}</th>'
            f"{cells}</tr>")


def _summary(report: DiffReport) -> str:
    counts = {sev: sum(1 for f in report.findings if f.severity == sev)
              for sev in (ERROR, WARNING, INFO)}
    if not report.findings:
        return ('<section id="summary"><h2>Summary</h2><p class="counts">'
                '<span class="badge ok">consistent</span> The language versions agree: '
                f"{len(report.rows)} units compared, no findings.</p></section>")
    badges = " ".join(
        f'<span class="badge {sev}">{n} {sev}{"s" if n != 1 else ""}</span>'
        for sev, n in counts.items() if n
    )
    items = []
    for i, finding in enumerate(report.findings, start=1):
        where = finding.path or "Work"
        language = finding.extra.get("language", "")
        items.append(
            f'<li id="s-{i}" class="{finding.severity}"><a href="#f-{i}">'
            f'<span class="code">{escape(finding.code)}</span> {escape(where)} · {escape(language)}'
            f"</a> — {escape(finding.message)}</li>"
        )
    return (f'<section id="summary"><h2>Summary</h2><p class="counts">{badges} '
            f"in {len(report.rows)} aligned units; each finding links to its mark below.</p>"
            f'<ol class="findings">{"".join(items)}</ol></section>')


def render_html(report: DiffReport) -> str:
    """The whole page, as one string."""
    languages = report.languages
    # By (row anchor, language) and, for findings on the Work, by language.
    numbered: dict[tuple[str, str | None], Numbered] = {}
    work_level: dict[str | None, Numbered] = {}
    for i, finding in enumerate(report.findings, start=1):
        anchor, language = finding.extra.get("anchor"), finding.extra.get("language")
        if anchor is None:
            work_level.setdefault(language, []).append((i, finding))
        else:
            numbered.setdefault((anchor, language), []).append((i, finding))
    reference = next(v for v in report.versions if v.language == report.reference)
    title = reference.act.title.text if reference.act.title else reference.work_iri
    inputs = "".join(
        f'<li id="input-{escape(v.language)}"><b>{escape(v.language)}</b> '
        f"{escape(language_name(v.language))} · <code>{escape(v.file)}</code>"
        f"{' · reference' if v.language == report.reference else ''}"
        f"{_marks(work_level.get(v.language, []))}</li>"
        for v in report.versions
    )
    head = "".join(
        f'<th scope="col">{escape(lang)}<small>{escape(language_name(lang))}</small></th>'
        for lang in languages
    )
    cols = '<col class="unit">' + "<col>" * len(languages)
    body = "".join(_row(row, languages, numbered) for row in report.rows)
    return page(
        f"akn diff · {title}",
        f"<header><h1>{escape(title)}</h1>"
        f'<p class="work"><code>{escape(reference.work_iri)}</code> · '
        f"{len(languages)} language versions compared unit by unit</p>"
        f'<ul class="inputs">{inputs}</ul></header>'
        f"{_summary(report)}"
        f"<main><table><colgroup>{cols}</colgroup>"
        f'<thead><tr><th scope="col">Unit</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></main>",
        _STYLE,
    )
