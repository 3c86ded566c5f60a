"""Strings held compactly: many strings in one.

What a build keeps of a language while the next ones are read (the outline
the comparison reads, the master's eIds the translations' wIds come from)
would otherwise be hundreds of thousands of small string objects, lying
among the model's own: once the model is dropped, the memory around each of
them stays taken. One long string per column holds them all, apart from the
model's memory, at a fraction of the size.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from itertools import accumulate


@dataclass(slots=True)
class Strings:
    """A column of strings (or None), each distinct string kept once: all of
    them written one after the other in ``words`` (``ends`` says where each
    ends), and for each entry the index of its string (-1: None)."""

    words: str
    ends: array[int]
    picks: array[int]

    @classmethod
    def of(cls, values: list[str | None]) -> Strings:
        index: dict[str | None, int] = {None: -1}
        picks = array("i", [index.setdefault(value, len(index) - 1) for value in values])
        distinct = [word for word in index if word is not None]
        return cls("".join(distinct), array("i", accumulate(map(len, distinct))), picks)

    def at(self, index: int) -> str | None:
        """The entry at ``index``."""
        pick = self.picks[index]
        if pick < 0:
            return None
        return self.words[self.ends[pick - 1] if pick else 0:self.ends[pick]]

    def values(self) -> list[str | None]:
        """Every entry, in order."""
        words, start = self.words, 0
        distinct: list[str | None] = []
        for end in self.ends:
            distinct.append(words[start:end])
            start = end
        distinct.append(None)   # picked by -1
        return [distinct[pick] for pick in self.picks]
