"""Colours for labels that a dataset names without one (the same palette as `services.labels`)."""

from __future__ import annotations

PALETTE = (
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7",
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
)  # fmt: skip


def color_for(position: int) -> str:
    return PALETTE[position % len(PALETTE)]
