"""XML streams refuse every DTD, read plain documents with the C parser, and locate syntax errors."""

from __future__ import annotations

import io

import pytest

from annota.formats import xml_stream
from annota.formats.base import ProblemLog

BOMB = b'<!DOCTYPE a [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;&x;">]><a>&y;</a>'


def read(data: bytes) -> tuple[list[str], list[str]]:
    log = ProblemLog()
    tags = [
        element.tag for event, element in xml_stream.events(io.BytesIO(data), "a.xml", log) if event == "end"
    ]
    return tags, [str(p) for p in log.problems]


@pytest.mark.parametrize(
    "data",
    [
        BOMB,
        b'<?xml version="1.0"?>\n<!-- <a> is not the root --><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
        b"<?pi <a>?>" + BOMB,
        b"\xef\xbb\xbf" + BOMB,
        '<?xml version="1.0" encoding="UTF-16"?>'.encode("utf-16") + BOMB.decode().encode("utf-16-le"),
        b'<?xml version="1.0" encoding="ISO-8859-1"?>' + BOMB,
    ],
    ids=["bomb", "after-a-comment", "after-a-pi", "utf8-bom", "utf16", "latin1"],
)
def test_a_document_type_declaration_is_refused_wherever_the_prolog_hides_it(data: bytes) -> None:
    tags, problems = read(data)
    assert tags == []
    assert problems == ["a.xml: refused hostile XML: DTDForbidden"]


def test_a_plain_document_is_read_by_the_c_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("defusedxml's pure-Python parser was used")

    monkeypatch.setattr(xml_stream, "defused_iterparse", refuse)
    tags, problems = read(b'<?xml version="1.0" encoding="utf-8"?><!-- hi --><a><b/><c x="1"/></a>')
    assert (tags, problems) == (["b", "c", "a"], [])


def test_an_undeclared_entity_is_a_located_syntax_error() -> None:
    _, problems = read(b"<a>\n<b>&x;</b></a>")
    assert problems and problems[0].startswith("a.xml:2: invalid XML: undefined entity")
