"""A big JSON object document read member by member, its big arrays in batches: orjson speed, flat memory.

COCO files hold a million annotations in one array; parsing them whole takes over a gigabyte. `members`
reads the file in blocks and hands out the top-level members in file order: small ones parsed whole, the
arrays named in `streamed` as batches of about `BATCH_BYTES` of elements, each parsed by one orjson call.

How a batch is cut: from an element's start, the first ``}`` followed by ``,`` or ``]`` past `BATCH_BYTES`
is a candidate end. Text from an element boundary to a candidate parses as a list of elements only if the
candidate is an element boundary too (anywhere else, a string or a bracket is left open), so a batch that
parses is a batch of whole elements; one that does not is retried with twice the length. When no candidate
works (elements that are not objects, or a syntax error), the rest of the array is parsed in one go and its
error, if any, is reported at its line and column.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import IO, Any

import orjson

BATCH_BYTES = 1 << 20
BLOCK_BYTES = 8 << 20
_WHITESPACE = b" \t\n\r"
_CANDIDATE = re.compile(rb"\}[ \t\n\r]*[,\]]")
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_AFTER_VALUE = "unexpected content after document"


class JsonSyntaxError(ValueError):
    """Invalid JSON at `line` (1-based) and `column` (1-based, in characters)."""

    def __init__(self, msg: str, line: int, column: int) -> None:
        super().__init__(f"{msg} (line {line}, column {column})")
        self.msg, self.line, self.column = msg, line, column


class NotAnObject(ValueError):
    """The document is valid JSON but not an object."""


@dataclass(frozen=True, slots=True)
class Member:
    """A top-level member: its whole value (``start`` None), or a batch of elements of a streamed array
    whose first element has index ``start`` (an empty array gives one empty batch)."""

    key: str
    value: Any
    start: int | None = None


def members(file: IO[bytes], streamed: Collection[str]) -> Iterator[Member]:
    """The members of the JSON object in `file`; raises JsonSyntaxError or NotAnObject."""
    return _Reader(file).members(streamed)


class _Reader:
    def __init__(self, file: IO[bytes]) -> None:
        self.file = file
        self.data = b""
        self.pos = 0  # in data
        self.base = 0  # file offset of data[0]
        self.lines = 0  # line breaks before data[0]
        self.column = 0  # characters between the last of them and data[0]
        self.eof = False

    # -- the buffer ------------------------------------------------------------------------------------

    def _fill(self, end: int) -> bool:
        """Makes data[pos:end] available if the file has it; False when the file ended before `end`."""
        if end <= len(self.data):
            return True
        if self.pos:
            consumed = self.data[: self.pos]
            newline = consumed.rfind(b"\n")
            if newline < 0:
                self.column += _chars(consumed)
            else:
                self.lines += consumed.count(b"\n")
                self.column = _chars(consumed[newline + 1 :])
            self.base += self.pos
            end -= self.pos
            self.data = self.data[self.pos :]
            self.pos = 0
        parts = [self.data]
        size = len(self.data)
        while size < end and not self.eof:
            block = self.file.read(max(BLOCK_BYTES, end - size))
            if not block:
                self.eof = True
                break
            parts.append(block)
            size += len(block)
        self.data = b"".join(parts)
        return size >= end

    def _peek(self) -> bytes:
        while True:
            data, pos = self.data, self.pos
            while pos < len(data) and data[pos] in _WHITESPACE:
                pos += 1
            self.pos = pos
            if pos < len(data) or not self._fill(pos + 1):
                return data[pos : pos + 1]

    def _expect(self, char: bytes) -> None:
        if self._peek() != char:
            got = self._peek() or b"the end of the file"
            self._error(f"expected {char.decode()!r}, got {got.decode(errors='replace')!r}", self.pos)
        self.pos += 1

    # -- the document ----------------------------------------------------------------------------------

    def members(self, streamed: Collection[str]) -> Iterator[Member]:
        if self._peek() != b"{":
            self._whole()
        self.pos += 1
        first = True
        while self._peek() != b"}":
            if not first:
                self._expect(b",")
            first = False
            key = self._key()
            self._expect(b":")
            if key in streamed and self._peek() == b"[":
                yield from self._array(key)
            else:
                yield Member(key, self._value())
        self.pos += 1
        if self._peek():
            self._error("unexpected content after the document", self.pos)

    def _whole(self) -> None:
        self._fill(1 << 62)
        try:
            orjson.loads(self.data)
        except orjson.JSONDecodeError as error:
            raise JsonSyntaxError(error.msg, error.lineno, error.colno) from None
        raise NotAnObject("expected a JSON object")

    def _key(self) -> str:
        if self._peek() != b'"':
            self._error("expected a member name in double quotes", self.pos)
        size = 256
        while (match := _STRING.match(self.data, self.pos)) is None:
            if self.eof:
                self._error("unterminated string", self.pos)
            self._fill(self.pos + size)
            size *= 2
        self.pos = match.end()
        return str(orjson.loads(match.group()))

    def _value(self) -> Any:
        """A member's value: parsed with what follows it, whose position orjson reports, then alone."""
        size = 64 * 1024
        while True:
            complete = self._fill(self.pos + size)
            text = self.data[self.pos : self.pos + size]
            try:
                orjson.loads(text)
            except orjson.JSONDecodeError as error:
                if error.msg == _AFTER_VALUE:
                    end = _byte_offset(text, error.pos)
                    self.pos += end
                    return orjson.loads(text[:end])
                if not complete:
                    self._chunk_error(error, self.pos)
            else:
                if not complete:
                    self._error("the document ends inside a value", self.pos + len(text))
            size *= 2

    def _array(self, key: str) -> Iterator[Member]:
        self.pos += 1  # the "["
        if self._peek() == b"]":
            self.pos += 1
            yield Member(key, [], 0)
            return
        index = 0
        while True:
            reach = BATCH_BYTES
            while True:
                self._fill(self.pos + reach + 1)
                match = _CANDIDATE.search(self.data, self.pos + reach)
                while match is None and self._fill(len(self.data) + BLOCK_BYTES):
                    match = _CANDIDATE.search(self.data, self.pos + reach)
                if match is None:
                    yield Member(key, self._rest(), index)
                    return
                end = match.start() + 1
                text = b"[" + self.data[self.pos : end] + b"]"
                try:
                    batch = orjson.loads(text)
                    break
                except orjson.JSONDecodeError as error:
                    if error.msg == _AFTER_VALUE:  # the array closed inside this text: its last batch
                        yield Member(key, self._closing(text, error.pos), index)
                        return
                    reach = (end - self.pos) * 2  # not an element boundary (or bad JSON): take more
            yield Member(key, batch, index)
            index += len(batch)
            self.pos = match.end()
            if self.data[self.pos - 1 : self.pos] == b"]":
                return
            if self._peek() == b"]":
                self._error("trailing comma is not allowed", self.pos)

    def _rest(self) -> list[Any]:
        """The remaining elements of the array at `pos` up to its "]", in one parse (or its error)."""
        self._fill(1 << 62)
        text = b"[" + self.data[self.pos :]
        try:
            orjson.loads(text)
        except orjson.JSONDecodeError as error:
            if error.msg == _AFTER_VALUE:
                return self._closing(text, error.pos)
            self._chunk_error(error, self.pos, extra=1)
        self._error("the document ends inside an array", len(self.data))
        raise AssertionError("unreachable")  # pragma: no cover

    def _closing(self, text: bytes, char_pos: int) -> list[Any]:
        """The elements of ``[`` + the array's last elements and its "]" (`text` up to `char_pos`)."""
        end = _byte_offset(text, char_pos)
        self.pos += end - 1
        return list(orjson.loads(text[:end]))

    # -- errors ----------------------------------------------------------------------------------------

    def _where(self, offset: int) -> tuple[int, int]:
        """(line, column) of data[offset], both 1-based."""
        line_start = self.data.rfind(b"\n", 0, offset) + 1
        column = _chars(self.data[line_start:offset]) + (self.column if line_start == 0 else 0)
        return self.lines + self.data.count(b"\n", 0, offset) + 1, column + 1

    def _chunk_error(self, error: orjson.JSONDecodeError, offset: int, extra: int = 0) -> None:
        """`error` of a text made of `extra` characters of ours, then data from `offset` on."""
        line, column = self._where(offset)
        if error.lineno == 1:
            raise JsonSyntaxError(error.msg, line, column + error.colno - 1 - extra)
        raise JsonSyntaxError(error.msg, line + error.lineno - 1, error.colno)

    def _error(self, msg: str, offset: int) -> None:
        raise JsonSyntaxError(msg, *self._where(offset))


def _byte_offset(text: bytes, char_pos: int) -> int:
    """The byte offset in UTF-8 `text` of character `char_pos` (orjson reports positions in characters)."""
    return len(text.decode("utf-8", "replace")[:char_pos].encode())


_CONTINUATION = bytes(range(0x80, 0xC0))


def _chars(data: bytes) -> int:
    """How many characters UTF-8 `data` holds (its bytes that do not continue a character)."""
    return len(data.translate(None, _CONTINUATION))
