"""A JSON object streamed member by member is what orjson reads from the whole document, errors included."""

from __future__ import annotations

import io
from typing import Any

import orjson
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from annota.formats import json_stream

tricky_text = st.sampled_from(["}],{", '"}', "é}, {", "\\\\", "", "]"])
leaf = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**60), 2**60), st.floats(allow_nan=False, allow_infinity=False),
    tricky_text, st.text(max_size=5),
)  # fmt: skip
values = st.recursive(
    leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4),
    max_leaves=12,
)
elements = st.one_of(st.fixed_dictionaries({"id": st.integers(0, 9)}, optional={"v": values}), values)


def members(data: bytes, streamed: tuple[str, ...] = ("a", "b")) -> dict[str, Any]:
    """The document put back together from its members and batches."""
    out: dict[str, Any] = {}
    for member in json_stream.members(io.BytesIO(data), streamed):
        if member.start is None:
            out[member.key] = member.value
        else:
            batch = out.setdefault(member.key, [])
            assert member.start == len(batch)
            batch.extend(member.value)
    return out


@pytest.fixture(autouse=True)
def tiny_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches and blocks of a few bytes, so that every document is cut in many places."""
    monkeypatch.setattr(json_stream, "BATCH_BYTES", 16)
    monkeypatch.setattr(json_stream, "BLOCK_BYTES", 64)


@settings(max_examples=300, deadline=None)
@given(
    document=st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), st.lists(elements, max_size=25) | values),
    indent=st.booleans(),
)
@example(  # a member name cut by a block boundary near the end of the file (found by CI)
    document={"a": [{"id": 0}, {"id": 0, "v": []}, {"": None, "0\x80\x80": None, "00": 0}], "b": []},
    indent=False,
)
def test_members_put_back_together_are_the_document(document: dict[str, Any], indent: bool) -> None:
    data = orjson.dumps(document, option=orjson.OPT_INDENT_2 if indent else 0)
    assert members(data) == document


def test_a_streamed_array_comes_in_batches_of_whole_elements() -> None:
    data = orjson.dumps({"a": [{"id": i, "text": "x" * 10} for i in range(50)]})
    batches = [m for m in json_stream.members(io.BytesIO(data), ("a",))]
    assert len(batches) > 5
    assert [b.start for b in batches] == [sum(len(x.value) for x in batches[:i]) for i in range(len(batches))]


BROKEN = [
    b'{"a": [,]}',
    b'{"a": [{"x": 1},]}',
    b'{"a": [{"x": 1}, {"y": tru}]}',
    b'{"images": [],\n "a": [\n{"x": 1},\n{"x": }]}',
    b'{"c": {"x": [1, 2,}}, "a": []}',
    b'{"a": [{"x": "\xc3\xa9\xc3\xa9"}, {"x": 1} {"x": 2}]}',
    b'{"a": [{"x": 1}',
    b'{"a": 1',
    b'{"a": []} x',
    b'{"a": 1,\n 2}',
]


@pytest.mark.parametrize("data", BROKEN)
def test_a_syntax_error_is_located_where_orjson_locates_it(data: bytes) -> None:
    with pytest.raises(orjson.JSONDecodeError) as expected:
        orjson.loads(data)
    with pytest.raises(json_stream.JsonSyntaxError) as caught:
        members(data)
    assert (caught.value.line, caught.value.column) == (expected.value.lineno, expected.value.colno)


def test_a_document_that_is_not_an_object_is_refused_as_such() -> None:
    with pytest.raises(json_stream.NotAnObject):
        members(b"[1, 2]")
