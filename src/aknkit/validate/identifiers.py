"""Level 2 rules for eId and wId values (Naming Convention chapter 5).

An eId is ``[prefix "__"] element_ref ["_" number]`` (NC §5.4): the prefix is
the full eId of an enclosing context element (§5.4.1), element_ref names the
element with the prescribed abbreviations (§5.4.2, ``ids.ELEMENT_REF``), and
the number comes from the element's ``num`` (§5.4.3). wIds have the same
syntax but name the master Expression's structure, so only their syntax is
checked here. Steps are read with ``ids.parse_eid``; the prefix is all that
precedes the last ``__``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from aknkit.akn.ids import eid_number, element_ref, parse_eid
from aknkit.akn.schema import AKN_NS
from aknkit.findings import Finding
from aknkit.validate.registry import make_at
from aknkit.validate.schema_facts import schema_facts

if TYPE_CHECKING:
    from aknkit.validate.walk import DocumentFacts

_NUM = "{" + AKN_NS + "}num"

# Generic elements are named by their @name (``hcontainer name="schedule"``);
# either the element name or that name is accepted as element_ref.
_GENERIC = frozenset({"hcontainer", "container", "block", "inline", "marker", "subFlow", "div", "span"})
# NC §5.4.2, first table: the body of every document type shares element_ref
# ``body``; ``ids.ELEMENT_REF`` covers the other shared names.

_ELEMENT_REF_SYNTAX = re.compile(r"[A-Za-z][A-Za-z0-9]*\Z")
# Characters that end or split an IRI component (``#art_1``, ``~art_1->art_3``,
# ``/!main``), so they cannot appear inside an identifier used in one.
_NOT_IN_IDENTIFIER = re.compile(r"[\s#/?~!@:]")
_NUMBER_TOKEN = re.compile(r"[^\W_]+")
_SEPARATOR = "__"


class _LastStep(NamedTuple):
    ref: str
    number: str | None
    problem: str | None


class IdentifierRules:
    """The eId and wId rules, for the elements whose identifiers are not plainly right.

    The walk (``walk.py``) decides the common case itself: a last step that is
    the element's own element_ref (``plain_refs``) with a number of letters and
    digits, under the parent's eId, and a num that agrees (``num_agrees``). Every
    other identified element comes to :meth:`visit`, and :meth:`check` explains
    what is wrong, if anything. A prefix that is an enclosing element's eId was
    checked on that element, so only a prefix that is not needs a full syntax check.
    """

    def __init__(self, filename: str):
        self.filename = filename
        self.found: list[Finding] = []
        self.numbered = schema_facts().numbered_elements
        # AKN304 findings name where the prefix is used, which may be further on:
        # (index in ``found``, eId, prefix, element), worded once the walk is over.
        self._misplaced: list[tuple[int, str, str, etree._Element]] = []

    def visit(self, element: etree._Element, name: str, eid: str | None, wid: str | None) -> None:
        if eid is not None:
            self.check(element, name, eid)
        if wid is not None:
            _check_wid(element, eid, wid, self.filename, self.found)

    def findings(self, facts: DocumentFacts) -> list[Finding]:
        """Every finding, once the walk has visited the whole document."""
        for index, eid, prefix, element in self._misplaced:
            self.found[index] = dataclasses.replace(self.found[index],
                                                    message=_prefix_message(eid, prefix, element, facts))
        return self.found + _idreq_findings(facts, self.filename) + _duplicate_wid_findings(facts, self.filename)

    def report(self, code: str, message: str, element: etree._Element) -> None:
        self.found.append(make_at(code, message, self.filename, element))

    def check(self, element: etree._Element, name: str, eid: str) -> None:
        cut = eid.rfind(_SEPARATOR)
        step, wrong_ref = _last_step(name, eid[cut + len(_SEPARATOR):] if cut >= 0 else eid)
        problem = step.problem
        prefix_ok = cut < 0 or _ancestor_has_eid(element, eid[:cut])   # usually the parent: one step
        if problem is None and not prefix_ok:
            problem = syntax_problem(eid)
        if problem is not None:
            self.report("AKN301", f"eId `{eid}` is not [prefix__]element_ref[_number]: {problem}", element)
            return
        generic_name = element.get("name") if name in _GENERIC else None
        if wrong_ref is not None and step.ref != generic_name:
            expected = wrong_ref + ((generic_name,) if generic_name else ())
            self.report("AKN302", f"eId `{eid}` names `{step.ref}`; the element_ref of `{name}` is "
                                  + " or ".join(f"`{r}`" for r in expected), element)
        if name in self.numbered:
            num = _num_of(element)
            if num is not None:
                self.check_number(eid, step.number, num, element)
        if not prefix_ok:
            self._misplaced.append((len(self.found), eid, eid[:cut], element))
            self.report("AKN304", "", element)

    def check_number(self, eid: str, number: str | None, num: etree._Element, element: etree._Element) -> None:
        printed = printed_number(num)
        if printed and not _number_agrees(number, printed):
            got = f"number `{number}`" if number is not None else "no number"
            self.report("AKN303", f"eId `{eid}` has {got} but the element's num is `{printed}` "
                                  f"(expected a number like `{suggested_number(printed)}`)", element)


def syntax_problem(identifier: str) -> str | None:
    """Why ``identifier`` is not ``[prefix__]element_ref[_number]``, or None."""
    for step in parse_eid(identifier):
        problem = _step_problem(step.ref, step.number)
        if problem is not None:
            return problem
    return None


def _step_problem(ref: str, number: str | None) -> str | None:
    shown = ref + (f"_{number}" if number is not None else "")
    bad = _NOT_IN_IDENTIFIER.search(shown)
    if bad:
        return f"`{shown}` contains `{bad.group()}`, which has a meaning in IRIs"
    if not shown:
        return "a step is empty (`__` must separate two steps)"
    if not ref:
        return f"step `{shown}` does not start with an element_ref"
    if not _ELEMENT_REF_SYNTAX.match(ref):
        return f"element_ref `{ref}` must be letters and digits, starting with a letter"
    if number == "":
        return f"step `{shown}` has an empty number after `_`"
    return None


# Steps repeat within and across documents (``content``, ``para_1``); memoised
# so each is worked out once.
@functools.lru_cache(maxsize=1 << 16)
def _last_step(name: str, piece: str) -> tuple[_LastStep, tuple[str, ...] | None]:
    """The parsed last step of an eId of ``name``, and the expected element_refs
    when the step names another element (None when it is right)."""
    [parsed] = parse_eid(piece)
    step = _LastStep(parsed.ref, parsed.number, _step_problem(parsed.ref, parsed.number))
    expected = _element_refs(name)
    return step, None if step.ref in expected else expected


def plain_refs(names: Iterable[str]) -> dict[str, str]:
    """Each of ``names`` whose eIds may end plainly -> its element_ref: a last step
    of that element_ref, with a number of letters and digits or none, has no
    problem to report. Generic elements are left out, as their @name may stand in."""
    return {name: ref for name in names if name not in _GENERIC
            and _ELEMENT_REF_SYNTAX.match(ref := element_ref(name)) is not None and ref in _element_refs(name)}


def printed_number(num: etree._Element) -> str:
    """The text of a ``num``, stripped."""
    return ((num.text if len(num) == 0 else "".join(num.itertext())) or "").strip()


def num_agrees(number: str | None, num: etree._Element) -> bool:
    """Does the eId ``number`` agree with what ``num`` prints (or does it print nothing)?"""
    printed = printed_number(num)
    return not printed or (number is not None and number_matches(number, printed))


def _number_agrees(number: str | None, printed: str) -> bool:
    return number is not None and number_matches(number, printed)


def _element_refs(name: str) -> tuple[str, ...]:
    """The element_refs an eId of ``name`` may end with (a generic element may also use its @name)."""
    return (element_ref(name),)


def number_matches(number: str, printed: str) -> bool:
    """Does the eId ``number`` come from the printed ``num``?

    NC §5.4.3 removes final punctuation and meaningless separators and keeps
    case; a designation word printed in the num (``Article 5``, ``Art. 11.2
    bis``, or after the number as in Kazakh ``5-бап``) is not part of it. So the
    letters and digits of the number must equal those of the num, less whole
    words at its start or else at its end (not both: in ``Article 3 bis`` the
    ``bis`` belongs to the number).
    """
    if number.isalnum():
        # The usual shapes (``5.``, ``1)``, ``Article 5.``, ``5-бап.``), on which the
        # general rule below agrees, decided without taking the num apart.
        bare = printed.rstrip(".)")
        if bare == number:
            return True
        words, space, last = bare.rpartition(" ")
        if space and last == number and words.isalpha():
            return True
        first, dash, word = bare.partition("-")
        if dash and first == number and word.isalpha():
            return True
    return _matches_by_tokens(number, printed)


# Numbers of unusual shapes repeat within and across documents; worked out once.
@functools.lru_cache(maxsize=1 << 14)
def _matches_by_tokens(number: str, printed: str) -> bool:
    if eid_number(printed) == number:
        return True
    target = "".join(_NUMBER_TOKEN.findall(number))
    tokens = _NUMBER_TOKEN.findall(printed)
    for start in range(len(tokens)):
        if start and not tokens[start - 1].isalpha():
            break
        if "".join(tokens[start:]) == target:
            return True
    for end in range(len(tokens) - 1, 0, -1):
        if not tokens[end].isalpha():
            break
        if "".join(tokens[:end]) == target:
            return True
    return False


def suggested_number(printed: str) -> str:
    """The eId number for a printed num, less a designation word at its start
    (``Article 3 bis.`` -> ``3bis``) or else at its end (``5-бап.`` -> ``5``)."""
    tokens = list(_NUMBER_TOKEN.finditer(printed))
    if not tokens:
        return eid_number(printed) or printed
    start, end = 0, len(tokens)
    while start < end - 1 and tokens[start].group().isalpha():
        start += 1
    if start == 0:
        while end > 1 and tokens[end - 1].group().isalpha():
            end -= 1
    return eid_number(printed[tokens[start].start():tokens[end - 1].end()]) or printed


def _num_of(element: etree._Element) -> etree._Element | None:
    for child in element:       # num comes first, or after heading: the loop ends at once
        if child.tag == _NUM:
            return child
    return None


def _ancestor_has_eid(element: etree._Element, eid: str) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.get("eId") == eid:
            return True
        parent = parent.getparent()
    return False


def _prefix_message(eid: str, prefix: str, element: etree._Element, facts: DocumentFacts) -> str:
    text = f"eId `{eid}` has the prefix `{prefix}`, which is not the eId of an enclosing element"
    if not facts.has_eid(prefix):
        text += f" (no element has the eId `{prefix}`)"
    elif line := facts.first_lines("eId")[prefix]:
        text += f" (`{prefix}` is on line {line}, outside this element)"
    nearest = next((a.get("eId") for a in element.iterancestors() if a.get("eId")), None)
    if nearest:
        text += f"; the nearest enclosing eId is `{nearest}`"
    return text


def _check_wid(element: etree._Element, eid: str | None, wid: str, filename: str, found: list[Finding]) -> None:
    problem = syntax_problem(wid)
    if problem is not None:
        found.append(make_at("AKN301", f"wId `{wid}` is not [prefix__]element_ref[_number]: {problem}",
                             filename, element))
    elif wid == eid:
        found.append(make_at("AKN308", f"wId `{wid}` equals the eId; omit it (a wId is written only "
                                       "where it differs from the eId)", filename, element))


def _idreq_findings(facts: DocumentFacts, filename: str) -> list[Finding]:
    if not facts.lacking_eid:
        return []
    if not facts.uses_eids:
        # Only labels (TLCs, keywords) carry eIds: the document does not use them.
        element, name = facts.lacking_eid[0]
        return [make_at("AKN306", f"no element carries an eId; Level 2 expects one on every element of the "
                                  f"schema's idreq group ({len(facts.lacking_eid)} here, the first is `{name}`)",
                        filename, element)]
    return [make_at("AKN305", f"`{name}` has no eId; elements of the schema's idreq group need one once "
                              "the document uses eIds", filename, element)
            for element, name in facts.lacking_eid]


def _duplicate_wid_findings(facts: DocumentFacts, filename: str) -> list[Finding]:
    found: list[Finding] = []
    if not facts.repeated_wids:
        return found
    for wid, first_line in facts.first_lines("wId").items():     # in the order the wIds are first used
        first = f" (first on line {first_line})" if first_line else ""
        for element in facts.repeated_wids.get(wid, ()):
            found.append(make_at("AKN307", f"wId `{wid}` is used by more than one element{first}",
                                 filename, element))
    return found
