"""Every check in its order, and the entry point: the inputs (D001-D003), then
the Work, the profiles, each row's structure and content, the order of the
units, and last the findings that belong to the reference."""

from __future__ import annotations

from aknkit.collector import collector_paused
from aknkit.diff.align import align
from aknkit.diff.blame import blame_reference
from aknkit.diff.comparison import Comparison
from aknkit.diff.content import check_content, check_profiles
from aknkit.diff.report import DiffReport, Version
from aknkit.diff.structure import check_order, check_row, check_work
from aknkit.findings import ERROR, Finding, InputError


def reference_language(versions: list[Version]) -> str:
    """The master expression's language when it is among the inputs, else the first."""
    languages = [v.language for v in versions]
    for version in versions:
        work = version.act.work
        if work is not None and work.master_language in languages:
            return work.master_language
    return languages[0]


def check_inputs(versions: list[Version]) -> None:
    """Raise :class:`InputError` unless the versions are 2+ languages of one Work."""
    if len(versions) < 2:
        named = versions[0].file if versions else "nothing"
        raise InputError([Finding(
            "D001", ERROR, f"akn diff compares two or more language versions; got only {named}",
            file=versions[0].file if versions else None)])
    seen: dict[str, str] = {}
    problems = []
    for version in versions:
        if version.language in seen:
            problems.append(Finding(
                "D002", ERROR, f"language {version.language} appears twice (also in "
                f"{seen[version.language]}); expected one version per language",
                file=version.file))
        seen.setdefault(version.language, version.file)
    first = versions[0]
    for version in versions[1:]:
        if version.work_iri != first.work_iri:
            problems.append(Finding(
                "D003", ERROR, f"not an expression of the same Work: {version.work_iri} here, "
                f"{first.work_iri} in {first.file}", file=version.file))
    if problems:
        raise InputError(problems)


def run_checks(comparison: Comparison, compare_content: bool = True) -> list[Finding]:
    """Every check, in the order its findings are made (the report sorts them):
    the Work, then each row's structure and (unless structure only) what its
    units say, then the order of each language's units."""
    check_work(comparison)
    if compare_content:
        check_profiles(comparison)
    reference = comparison.reference
    for row in comparison.alignment.rows:
        check_row(comparison, row)
        if compare_content and reference in row.units:
            check_content(comparison, row)
    for language in comparison.others:
        check_order(comparison, language)
    blame_reference(comparison)
    return comparison.findings


def diff_versions(versions: list[Version], label_language: str = "eng",
                  content: bool = True) -> DiffReport:
    """Align the language versions of one Work and check them; findings, no printing.

    ``content=False`` checks the structure only (D1xx): the content checks (D2xx,
    D301) read every text with the language's patterns and take most of the time.
    A language's profile that is malformed raises :class:`ProfileError`.
    """
    check_inputs(versions)
    reference = reference_language(versions)
    order = [reference] + [v.language for v in versions if v.language != reference]
    with collector_paused():
        alignment = align(versions, reference, label_language)
        comparison = Comparison({v.language: v for v in versions}, order, alignment, label_language)
        findings = run_checks(comparison, content)
    language_rank = {lang: i for i, lang in enumerate(order)}
    if len(findings) > 1:
        # Ranked by the anchors of the findings only: each row's anchor is made when asked.
        wanted = {f.extra.get("anchor") for f in findings}
        row_rank: dict[str | None, int] = {anchor: i for i, row in enumerate(alignment.rows)
                                           if (anchor := row.anchor) in wanted}
        findings.sort(key=lambda f: (row_rank.get(f.extra.get("anchor"), -1),
                                     language_rank[f.extra["language"]], f.code))
    in_order = sorted(versions, key=lambda v: language_rank[v.language])
    return DiffReport(in_order, reference, alignment.rows, findings)
