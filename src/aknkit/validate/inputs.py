"""Problems with the input itself, each one clear finding instead of a traceback:
unreadable files, unsafe or malformed XML, and documents that are not Akoma
Ntoso 3.0 at all (the 2.0 namespace, a draft namespace, another vocabulary)."""

from __future__ import annotations

import errno

from lxml import etree

from aknkit.akn.safexml import XMLInputError
from aknkit.akn.schema import AKN2_NS, AKN_NS
from aknkit.findings import Finding
from aknkit.validate.registry import make, make_at


def from_input_error(error: XMLInputError, filename: str) -> Finding:
    # The validator's limit is an option (akn validate --max-bytes); say so where it bites.
    message = error.message + (" (raise it with --max-bytes)" if error.code == "AKN003" else "")
    return make(error.code, message, filename, error.line, error.column)


def from_os_error(error: OSError, filename: str) -> Finding:
    reason = error.strerror or str(error)
    if error.errno == errno.EISDIR:
        reason = "is a directory"
    return make("AKN005", f"cannot read the file: {reason}", filename)


def root_findings(tree: etree._ElementTree, filename: str) -> list[Finding]:
    """One finding when the document element is not AKN 3.0 ``akomaNtoso``."""
    root = tree.getroot()
    qname = etree.QName(root)
    namespace, name = qname.namespace, qname.localname
    if namespace == AKN_NS and name == "akomaNtoso":
        return []
    if namespace == AKN2_NS:
        return [make_at("AKN010", f"document is in the Akoma Ntoso 2.0 namespace `{AKN2_NS}`; "
                                  f"AKN 3.0 documents use `{AKN_NS}`", filename, root)]
    if namespace == AKN_NS:
        return [make_at("AKN012", f"document element is `{name}`; expected `akomaNtoso` wrapping "
                                  f"the `{name}`", filename, root)]
    if namespace and namespace.startswith(AKN_NS + "/"):
        return [make_at("AKN011", f"document is in the pre-release namespace `{namespace}`; "
                                  f"the AKN 3.0 standard uses `{AKN_NS}`", filename, root)]
    found = f"the namespace `{namespace}`" if namespace else "no namespace"
    return [make_at("AKN011", f"document element `{name}` is in {found}; expected `akomaNtoso` "
                              f"in `{AKN_NS}`", filename, root)]
