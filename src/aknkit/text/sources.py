"""A source folder: ``act.toml`` (the Work's facts) and one text file per language.

Reading a folder parses every language version and attaches the Work's facts,
so the result is ready for the emitter or the diff.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from aknkit.akn.ids import MasterEids, assign_eids, assign_wids_from, eids_by_path
from aknkit.files import FACTS_FILE
from aknkit.findings import ERROR, Finding, InputError
from aknkit.model import Act, Party, Work
from aknkit.text.checks import parse_checked
from aknkit.text.facts import Facts, check_against_text, load_facts
from aknkit.text.parse import ParseError, decode_source
from aknkit.text.profile import ProfileError, load_profile
from aknkit.text.semantics import mark_semantics

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class SourceBundle:
    folder: Path
    name: str
    work: Work
    languages: list[str]
    acts: dict[str, Act] = field(default_factory=dict)

    @property
    def master(self) -> Act:
        language = self.work.master_language
        if language is None:    # never so when read from a folder: act.toml must name it
            raise KeyError("the Work names no master language")
        return self.acts[language]


def _problem(path: Path, message: str, line: int | None = None, code: str = "S001") -> Finding:
    return Finding(code=code, severity=ERROR, message=message, file=str(path), line=line)


def _localised(table: Facts, key: str, language: str, path: Path) -> str:
    names = table.get(key, {})
    if isinstance(names, str):
        return names
    if language not in names:
        raise InputError([_problem(path, f"[{key}] has no {language!r} entry; expected one name per language")])
    name: str = names[language]     # a string: the facts were checked (S102)
    return name


def _party(facts: Facts, section: str, language: str, path: Path) -> Party | None:
    table = facts.get(section)
    if table is None:
        return None
    ident = table.get("id", "")
    if not _ID.match(ident):
        raise InputError([_problem(path, f"[{section}] id {ident!r} must be lower-case letters, digits and hyphens")])
    return Party(
        id=ident,
        name=_localised(table, "name", language, path),
        role_id=table.get("role_id"),
        role_name=_localised(table, "role", language, path) if "role" in table else None,
    )


def read_facts(folder: Path) -> Facts:
    """The facts of ``folder/act.toml``, checked as a document (:mod:`aknkit.text.facts`);
    InputError lists every problem, each at its line in act.toml."""
    facts, problems = load_facts(folder / FACTS_FILE)
    if problems:
        raise InputError(problems)
    return facts


def work_from_facts(facts: Facts, language: str, path: Path) -> Work:
    return Work(
        country=facts["country"], doctype=facts["doctype"], date=facts["date"],
        number=str(facts["number"]), subtype=facts.get("subtype"),
        author=_party(facts, "author", language, path),
        master_language=facts["master_language"],
    )


def read_source_folder(folder: str | Path) -> SourceBundle:
    """Parse every language of a source folder; InputError lists all problems."""
    folder = Path(folder)
    facts = read_facts(folder)
    bundle = SourceBundle(folder, folder.name, work_from_facts(facts, facts["master_language"], folder / FACTS_FILE),
                          list(facts["languages"]))
    problems: list[Finding] = []
    for language, outcome in iter_languages(folder, facts):
        if isinstance(outcome, InputError):
            problems += outcome.findings
        else:
            bundle.acts[language] = outcome
    if problems:
        raise InputError(problems)
    return bundle


def iter_languages(folder: Path, facts: Facts) -> Iterator[tuple[str, Act | InputError]]:
    """(language, Act or InputError) for each language, the master first.

    Acts come with eIds, and wIds from the master where they differ. Only the
    master's eIds by path are kept between languages, so a caller that drops
    each act after use holds one language in memory at a time.
    """
    master = facts["master_language"]
    others = [lang for lang in facts["languages"] if lang != master]
    # Each act is handed over, not held in a local name while the caller works on it.
    handed = [_with_eids(folder, facts, master)]
    master_eids = eids_by_path(handed[0]) if isinstance(handed[0], Act) else None
    yield master, handed.pop()
    for language in others:
        yield language, _with_wids(_with_eids(folder, facts, language), master_eids)


def _with_wids(outcome: Act | InputError, master_eids: MasterEids | None) -> Act | InputError:
    """A translation with wIds from the master's eIds where they differ (as it is without the master's)."""
    if isinstance(outcome, Act) and master_eids is not None:
        assign_wids_from(outcome, master_eids)
    return outcome


def _with_eids(folder: Path, facts: Facts, language: str) -> Act | InputError:
    """One language's act with its eIds and, on them, its references and
    dates marked, or the InputError that refuses it."""
    try:
        act = read_language(folder, facts, language)
    except InputError as exc:
        return exc
    assign_eids(act)
    act.warnings += mark_semantics(act, load_profile(language))
    return act


def read_language(folder: Path, facts: Facts, language: str) -> Act:
    path = folder / f"{language}.txt"
    facts_path = folder / FACTS_FILE
    try:
        profile = load_profile(language)
    except ProfileError as exc:
        raise InputError([_problem(facts_path, str(exc), code="S002")]) from None
    act = parse_checked(_read_text(path, language), profile, str(path))
    mismatches = check_against_text(facts, act, profile, facts_path)
    if mismatches:
        raise InputError(mismatches)
    if act.title is None:
        act.short_title = _title_from_facts(facts, language, path, facts_path)
    act.work = work_from_facts(facts, language, facts_path)
    act.signatory = _party(facts, "signatory", language, facts_path)
    act.place = _party(facts, "place", language, facts_path)
    act.expression_date = facts["date"]
    act.extra_facts = {f"vote.{key}": str(value) for key, value in sorted(facts.get("vote", {}).items())}
    return act


def _read_text(path: Path, language: str) -> str:
    """The text of ``path`` (UTF-8). Its bytes are dropped on return, before
    the text is parsed: for a large act, the size of the file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([_problem(path, f"cannot read the {language} text: {exc.strerror}; "
                                         f"expected {path.name} beside {FACTS_FILE}", code="S003")]) from None
    return decode_source(data, str(path))


def _title_from_facts(facts: Facts, language: str, path: Path, facts_path: Path) -> str:
    """The title of a text printed without a title line: act.toml's [title] entry.
    Never the text's first sentence: without the entry the act is refused."""
    titles = facts.get("title")
    title = titles.get(language) if isinstance(titles, dict) else None
    if isinstance(title, str) and title.strip():
        return title.strip()
    raise InputError([Finding(
        code="P122", severity=ERROR, file=str(path), line=1,
        message=f"the text has no title line (it starts with the type/date line, the issuing body or "
                f"the preamble); expected the title as its first line, or `{language} = \"...\"` under "
                f"[title] in {facts_path}",
    )])


def find_source_folders(paths: Iterable[str | Path]) -> list[Path]:
    """Every folder holding an ``act.toml`` at or below the given paths, sorted."""
    found: dict[Path, Path] = {}   # the real folder -> the path it was first found as
    for path in map(Path, paths):
        if (path / FACTS_FILE).is_file():
            candidates = [path]
        elif path.is_dir():
            candidates = [p.parent for p in path.rglob(FACTS_FILE)]
        else:
            candidates = []
        for folder in candidates:
            # One folder named twice (``a`` and ``./a/../a``) is built once.
            found.setdefault(folder.resolve(), folder)
    return sorted(found.values())


__all__ = ["FACTS_FILE", "ParseError", "SourceBundle", "find_source_folders", "read_source_folder"]
