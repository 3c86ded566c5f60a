"""Where an element is: its source line and a readable XPath.

Paths are written with local names for Akoma Ntoso elements
(``/akomaNtoso/act/body/article[3]/num``) and Clark notation for foreign ones,
so a person can read them and a tool can still evaluate them with a namespace
map. They are only computed for elements that have a finding.
"""

from __future__ import annotations

from lxml import etree

from aknkit.akn.schema import AKN_NS

_AKN_CLARK = "{" + AKN_NS + "}"


def clark_tag(element: etree._Element) -> str:
    """The element's tag as text: ``{namespace}name``, or ``name`` outside a namespace.

    lxml reads the tag of every parsed element as text; its stubs also allow the
    bytes or QName a program may assign, which nothing here does.
    """
    tag = element.tag
    if not isinstance(tag, str):
        raise TypeError(f"element tag {tag!r} is not text")
    return tag


def element_path(element: etree._Element) -> str:
    root = element.getroottree().getroot()
    if element is root:
        return "/" + _local(root)
    relative = element.getroottree().getelementpath(element)
    return "/" + _local(root) + "/" + relative.replace(_AKN_CLARK, "")


def _local(element: etree._Element) -> str:
    tag = clark_tag(element)
    return tag[len(_AKN_CLARK):] if tag.startswith(_AKN_CLARK) else tag


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname
