"""akn validate on hostile XML: every attack is refused quickly and reads nothing.

To prove that nothing is read, the files an attack points at are named pipes
with no writer: opening one for reading would block, so a check that returns
at all never touched it. Each check runs in a thread with a time limit.
"""

from __future__ import annotations

import os
import threading
import time

import pytest

from aknkit.validate import check_bytes, check_file

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LIMIT_SECONDS = 0.5


def run_guarded(data: bytes, **options):
    """check_bytes in a thread; (findings, seconds), or a failure if it blocks."""
    outcome = {}

    def work():
        started = time.perf_counter()
        outcome["findings"] = check_bytes(data, "attack.xml", **options)
        outcome["seconds"] = time.perf_counter() - started

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "the check blocked: it tried to read the file the attack names"
    return outcome["findings"], outcome["seconds"]


@pytest.fixture
def pipe(tmp_path):
    """A named pipe nobody writes to: reading it would block forever."""
    path = tmp_path / "secret.pipe"
    os.mkfifo(path)
    return path


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-7f3a")
    return path


def _refused(findings, seconds, *hidden: str):
    assert [f.code for f in findings] == ["AKN002"]
    assert findings[0].line == 2
    assert seconds < LIMIT_SECONDS
    for text in hidden:
        assert all(text not in f.message for f in findings)


@pytest.mark.parametrize("target", ["secret", "pipe"])
def test_xxe_reading_a_local_file(request, target):
    path = request.getfixturevalue(target)
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "file://{path}">]>\n'
            f'<akomaNtoso xmlns="{AKN}"><act><p>&xxe;</p></act></akomaNtoso>').encode()
    _refused(*run_guarded(data), "TOP-SECRET")


def test_external_dtd(pipe):
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso SYSTEM "file://{pipe}">\n'
            f'<akomaNtoso xmlns="{AKN}"/>').encode()
    _refused(*run_guarded(data))


def test_external_dtd_over_the_network():
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso SYSTEM "http://127.0.0.1:9/akn.dtd">\n'
            f'<akomaNtoso xmlns="{AKN}"/>').encode()
    _refused(*run_guarded(data))


def test_parameter_entities(pipe):
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n  <!ENTITY % remote SYSTEM "file://{pipe}">\n'
            f'  %remote;\n]>\n<akomaNtoso xmlns="{AKN}"/>').encode()
    _refused(*run_guarded(data))


def test_billion_laughs():
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [{"".join(entities)}]>\n'
            f'<akomaNtoso xmlns="{AKN}"><act><p>&lol9;</p></act></akomaNtoso>').encode()
    _refused(*run_guarded(data))


def test_quadratic_blowup():
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY a "{"x" * 100_000}">]>\n'
            f'<akomaNtoso xmlns="{AKN}"><act><p>{"&a;" * 20_000}</p></act></akomaNtoso>').encode()
    _refused(*run_guarded(data))


def test_xinclude_is_not_processed(pipe):
    data = (f'<?xml version="1.0"?>\n<akomaNtoso xmlns="{AKN}" xmlns:xi="http://www.w3.org/2001/XInclude">'
            f'<act><xi:include href="file://{pipe}" parse="text"/></act></akomaNtoso>').encode()
    findings, seconds = run_guarded(data)
    assert findings and seconds < LIMIT_SECONDS
    assert all(f.code.startswith("AKN1") for f in findings)


def test_undeclared_entity_is_malformed_xml():
    data = f'<?xml version="1.0"?>\n<akomaNtoso xmlns="{AKN}"><act>&xxe;</act></akomaNtoso>'.encode()
    findings, seconds = run_guarded(data)
    assert [f.code for f in findings] == ["AKN001"] and seconds < LIMIT_SECONDS


def test_excessive_nesting_is_refused():
    data = b"<a>" * 100_000 + b"</a>" * 100_000
    findings, seconds = run_guarded(data)
    assert [f.code for f in findings] == ["AKN001"] and seconds < LIMIT_SECONDS


def test_size_limit_refuses_before_parsing(tmp_path):
    huge = tmp_path / "huge.xml"
    with open(huge, "wb") as handle:
        handle.truncate(64 * 1024 * 1024)     # sparse: no disk space used
    started = time.perf_counter()
    [finding] = check_file(huge, max_bytes=1024 * 1024)
    assert finding.code == "AKN003"
    assert "1,048,576" in finding.message
    assert time.perf_counter() - started < LIMIT_SECONDS
