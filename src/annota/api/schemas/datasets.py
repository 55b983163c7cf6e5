"""Dataset imports and exports as background jobs, and the formats they can use."""

from __future__ import annotations

from pydantic import Field

from annota.api.schemas.common import Public, Wire

# A format option's value: text, or a number / boolean taken as its text (see annota.formats.options).
OptionValue = str | int | float | bool


class ExportCreate(Wire):
    format: str = Field(min_length=1, max_length=64, description="A format name, as `annota formats` lists")
    with_images: bool = Field(default=False, description="Put the original images in the zip")
    annotated_only: bool = Field(default=False, description="Leave out frames without annotations")
    task_id: int | None = Field(default=None, description="Export this task only (default: the project)")
    options: dict[str, OptionValue] = Field(
        default_factory=dict,
        max_length=32,
        description="The format's export options, {name: value}, as GET /api/formats lists them",
    )


class FormatOptionPublic(Public):
    name: str
    kind: str = Field(description="text, integer (a whole number above 0) or choice")
    direction: str = Field(description="import or export: where the option applies")
    default: str | None = Field(description="None: decided from the data")
    choices: list[str] = Field(description="The values of a choice option")
    help: str


class FormatCarriesPublic(Public):
    kinds: list[str] = Field(description="Shape kinds, and `tag` for image-level labels")
    tracks: bool
    attributes: bool
    subsets: bool
    images: bool


class FormatPublic(Public):
    name: str = Field(description="What `format` takes in an import or export")
    title: str
    description: str
    can_import: bool
    can_export: bool
    carries: FormatCarriesPublic
    options: list[FormatOptionPublic]
