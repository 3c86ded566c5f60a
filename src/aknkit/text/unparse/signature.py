"""The signature block, and the body lines kept out of it: the parser takes
the block from the end of the text while lines look like signature lines."""

from __future__ import annotations

from collections.abc import Callable

from aknkit.model import Act, ConclusionKind, ConclusionLine, Signature, signature_block
from aknkit.text.parse import NAME_GAP
from aknkit.text.profile import Profile
from aknkit.text.unparse.page import INDENT, Page, UnitReading, blank

# Signers' names stand to the right of their role, from about this column.
NAME_COLUMN = 50


class SignatureWriting:
    """The signature half of the writer (:class:`~aknkit.text.unparse.writer.Writer`):
    uses its ``act``, ``profile``, ``reading``, ``page``, ``rewrap`` and ``reads_as_text``."""

    act: Act
    profile: Profile
    reading: UnitReading
    page: Page
    signature_takes_body: bool
    reads_as_text: Callable[[str], bool]
    rewrap: Callable[[str, Callable[[str], bool], Callable[[str], bool]], tuple[str, str] | None]

    def keep_body_out_of_signature(self, body_end: int) -> None:
        """The parser takes the signature block from the end of the text, line by
        line, while lines look like signature lines. When body lines that look
        like them would join it, the source kept them apart with a line that
        did not: a hard-wrapped paragraph (wrapped again here), or a note of
        the last unit (then ``signature_takes_body`` asks for the page to be
        written again with those notes at the end of the body)."""
        body, signature = self.page.lines[:body_end], self.page.lines[body_end:]
        for _ in range(len(body)):
            taken = self.body_lines_taken(body, signature)
            if not taken or not self.rewrap_one(body, taken):
                break
        self.page.lines = body + signature
        # Still taken: the last unit's notes must go to the end (unparse_act
        # writes the page again, so every placement can count on it).
        self.signature_takes_body = bool(self.body_lines_taken(body, signature))

    def rewrap_one(self, body: list[str], taken: list[int]) -> bool:
        """Wrap the last body line of ``taken`` that can be wrapped so that its
        second line is no signature line."""
        for index in reversed(taken):
            line = body[index]
            indent = line[:len(line) - len(line.lstrip())]
            split = self.rewrap(line.strip(), self.reads_as_text, lambda tail: not self.is_signature_line(tail))
            if split is not None:
                body[index:index + 1] = [indent + split[0], indent + split[1]]
                return True
        return False

    def body_lines_taken(self, body: list[str], signature: list[str]) -> list[int]:
        """Indices of the body lines the parser would take into the signature block."""
        lines = body + signature
        taken: list[int] = []
        kinds: set[ConclusionKind] = set()
        for index in range(len(lines) - 1, -1, -1):
            text = lines[index].strip()
            if not text:
                continue
            found = self.reading.signature(text)
            if found is None:
                break
            taken.append(index)
            kinds.add(found.kind)
        if not kinds & {ConclusionKind.ROLE, ConclusionKind.PLACE_DATE}:
            return []
        return sorted(i for i in taken if i < len(body))

    def is_signature_line(self, text: str) -> bool:
        return self.reading.signature(text) is not None

    def conclusions(self, lines: list[ConclusionLine]) -> None:
        """Signatures, and the runs of other lines (place and date, number)
        between them, each set off by a blank line."""
        run: list[str] = []  # the other lines since the last signature
        for part in signature_block(lines):
            if isinstance(part, Signature):
                self.paragraph_lines(run)
                run = []
                self.signature(part)
            else:
                run.append(part.text)
        self.paragraph_lines(run)

    def paragraph_lines(self, texts: list[str]) -> None:
        for number, text in enumerate(texts):
            (self.page.follow if number else self.page.paragraph)(text, INDENT)

    def signature(self, signature: Signature) -> None:
        """Role lines, the first signer's name to the right of the last one, then
        any other names each on its own line (the published layout)."""
        roles, names = signature.roles, signature.names
        # Without the signatory's facts the name is the end of the last role's
        # text; standing apart, it shows the parser where the signature ends.
        plain = not names and self.act.signatory is None
        printed = [line for number, role in enumerate(roles)
                   for line in self.role_lines(role, split_name=plain and number == len(roles) - 1)]
        if printed and names and " " * NAME_GAP not in printed[-1]:
            beside = printed[-1] + " " * max(NAME_GAP * 2, NAME_COLUMN - len(INDENT) - len(printed[-1])) + names[0]
            read = self.reading.signature(beside)
            if read is not None and "name" in read.spans:
                printed[-1] = beside
                names.pop(0)
        self.paragraph_lines(printed + names)

    def role_lines(self, text: str, split_name: bool = False) -> list[str]:
        """A role line as printed. Without the signatory's facts a document keeps
        the signer's name inside the role's text ("President K. TOKAYEV"); when
        the line is no signature line that way, or ``split_name`` asks for it,
        the name goes to the right of the role, or under it, wherever the
        parser finds it."""
        if self.is_signature_line(text) and not split_name:
            return [text]
        for at in range(1, len(text) - 1):
            # One blank, which the emitter puts between a role and a name.
            if text[at] != " " or blank(text[at - 1]) or blank(text[at + 1]):
                continue
            role, name = text[:at], text[at + 1:]
            found = self.reading.signature(role)
            if found is None or found.kind != ConclusionKind.ROLE or " " * NAME_GAP in role \
                    or not self.profile.signature_signer.match(self.profile.normalise(name)):
                continue
            beside = role + " " * max(NAME_GAP * 2, NAME_COLUMN - len(INDENT) - len(role)) + name
            read = self.reading.signature(beside)
            if read is not None and "name" in read.spans:
                return [beside]
            return [role, name]
        return [text]
