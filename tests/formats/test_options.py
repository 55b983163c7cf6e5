"""Format options: declared by each format, checked before any work with every problem named, documented on
the format's page (the table there lists exactly what the format declares)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annota.formats.options import (
    Direction,
    FormatOption,
    OptionError,
    OptionKind,
    checked_options,
    declared_options,
    parse_pairs,
)
from annota.formats.registry import load_registry

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats"
FORMATS = {fmt.name: fmt for fmt in load_registry()}


def problems(fmt: str, given: dict[str, object], direction: Direction) -> list[str]:
    with pytest.raises(OptionError) as caught:
        checked_options(FORMATS[fmt], given, direction)
    return [str(p) for p in caught.value.problems]


def test_checked_options_are_text_for_the_reader_with_numbers_and_booleans_taken_as_their_text() -> None:
    given = {"frame_width": 640, "frame_height": "480", "data_key": "img"}
    assert checked_options(FORMATS["label_studio"], given, Direction.READ) == {
        "frame_width": "640", "frame_height": "480", "data_key": "img",
    }  # fmt: skip
    flag = FormatOption("strict", OptionKind.CHOICE, "", Direction.READ, "false", ("true", "false"))
    assert flag.problem("true") is None and checked_options(
        _With(flag), {"strict": True}, Direction.READ
    ) == {"strict": "true"}


def test_every_unknown_key_and_bad_value_is_named_at_once() -> None:
    assert problems("masks", {"foo": "1", "mode": "rainbow", "bar": "2"}, Direction.WRITE) == [
        '--option foo: the masks format has no option "foo" (it has: mode)',
        "--option mode: expected one of palette, color, got 'rainbow'",
        '--option bar: the masks format has no option "bar" (it has: mode)',
    ]
    assert problems("label_studio", {"frame_width": "0", "data_key": ""}, Direction.READ) == [
        "--option frame_width: expected a whole number above 0, got '0'",
        "--option data_key: expected a value, got an empty one",
    ]
    assert problems("via", {"label_attribute": ["a"]}, Direction.READ) == [
        "--option label_attribute: expected text or a number"
    ]


def test_an_option_of_the_other_direction_is_named_as_such() -> None:
    assert problems("via", {"variant": "csv"}, Direction.READ) == [
        '--option variant: the via format has no import option "variant" (its import options: default_label,'
        " file_label, label_attribute)"
    ]


def test_key_value_pairs_refuse_a_pair_without_equals_and_a_key_given_twice() -> None:
    assert parse_pairs(["a=1", "b==2", "c="]) == {"a": "1", "b": "=2", "c": ""}
    with pytest.raises(OptionError) as caught:
        parse_pairs(["a=1", "nothing", "a=2", "=3"])
    assert [str(p) for p in caught.value.problems] == [
        "--option: expected KEY=VALUE, got 'nothing'",
        "--option a: given twice",
        "--option: expected KEY=VALUE, got '=3'",
    ]


def test_a_format_without_declared_options_takes_none() -> None:
    assert declared_options(object()) == ()
    assert problems("coco", {"foo": 1}, Direction.READ) == [
        '--option foo: the coco format has no option "foo" (it has: none)'
    ]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_format_page_documents_exactly_the_options_it_declares(name: str) -> None:
    page = (DOCS / f"{name}.md").read_text()
    section = page.split("## Options\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| (import|export) \|", section, flags=re.MULTILINE)
    declared = [(o.name, str(o.direction)) for o in declared_options(FORMATS[name])]
    assert rows == declared
    if not declared:
        assert "None: the format takes no `--option`" in section


class _With:
    name = "test"

    def __init__(self, *options: FormatOption) -> None:
        self.options = options
