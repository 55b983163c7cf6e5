"""XML files parsed as a stream of element events, with every DTD refused.

Entity bombs and external entities need a DTD: a document without one cannot declare an entity, and expat
reports any other entity reference as an error. defusedxml refuses DTDs (``forbid_dtd``), but only through
ElementTree's pure-Python parser, which costs a quarter of a CVAT import. So the prolog (what comes before
the root element: the XML declaration, comments, processing instructions, a DOCTYPE) is read first: with a
DOCTYPE the file is refused as defusedxml would refuse it (``DTDForbidden``); without, ElementTree's C
parser reads it. A prolog that is not plain UTF-8 (another encoding may hide its DOCTYPE from a byte scan) or
longer than `PROLOG_BYTES` goes to defusedxml itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO
from xml.etree.ElementTree import Element, ParseError
from xml.etree.ElementTree import iterparse as fast_iterparse

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse as defused_iterparse

from annota.formats.base import ProblemLog

PROLOG_BYTES = 64 * 1024
_DECLARED = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_PLAIN = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})
_NAME_START = re.compile(rb"<[A-Za-z_:\x80-\xff]")


class HostileXml(Exception):
    """The document has a DTD (named like defusedxml's exception)."""


def _prolog_is_plain(head: bytes) -> bool:
    """Whether `head` starts a UTF-8 document whose prolog ends inside it without a DOCTYPE; raises
    HostileXml when the prolog has a DOCTYPE."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head[:4]:
        return False  # UTF-16 or UTF-32
    declared = _DECLARED.match(head)
    if declared is not None and declared.group(1).decode().lower() not in _PLAIN:
        return False
    pos = 0
    while True:
        start = head.find(b"<", pos)
        if start < 0:
            return False
        if head.startswith(b"<?", start):
            end = head.find(b"?>", start + 2)
            pos = end + 2
        elif head.startswith(b"<!--", start):
            end = head.find(b"-->", start + 4)
            pos = end + 3
        elif head.startswith(b"<!", start):
            raise HostileXml("DTDForbidden")
        else:
            return _NAME_START.match(head, start) is not None
        if end < 0:
            return False


def events(handle: IO[bytes], file: str, log: ProblemLog) -> Iterator[tuple[str, Element]]:
    """("start" | "end", element) events of the document in `handle`; problems are logged (``file``) and
    end the events."""
    head = handle.read(PROLOG_BYTES)
    handle.seek(0)
    try:
        plain = _prolog_is_plain(head)
        parsed = (
            fast_iterparse(handle, events=("start", "end"))
            if plain
            else defused_iterparse(handle, events=("start", "end"), forbid_dtd=True)
        )
        yield from parsed
    except (HostileXml, DefusedXmlException) as error:
        name = error.args[0] if isinstance(error, HostileXml) else type(error).__name__
        log.add(file, f"refused hostile XML: {name}", "format.xml_hostile")
    except ParseError as error:
        line, column = error.position
        log.add(file, f"invalid XML: {error} (column {column})", "format.xml", line=line)
