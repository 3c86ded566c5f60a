"""The one error of reading: a document that cannot be read, with where and why."""

from __future__ import annotations

from aknkit.akn.safexml import XMLInputError
from aknkit.findings import Finding, finding


class AknReadError(Exception):
    """A document that cannot be read as Akoma Ntoso, with where and why."""

    def __init__(self, file: str, message: str, line: int | None = None,
                 column: int | None = None, *, code: str):
        super().__init__(message)
        self.file = file
        self.message = message
        self.line = line
        self.column = column
        self.code = code

    @classmethod
    def from_xml(cls, error: XMLInputError, file: str) -> AknReadError:
        """The same problem for a file whose bytes are no safe, well-formed XML."""
        return cls(file, error.message, error.line, error.column, code=error.code)

    def as_finding(self) -> Finding:
        """The same problem as a coded finding, with the registry's severity."""
        return finding(self.code, self.message, self.file, self.line, self.column)

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}"
