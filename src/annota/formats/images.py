"""Where exported images go and how readers find the image an annotation refers to."""

from __future__ import annotations


def image_name(subset: str, name: str, folder: str = "images") -> str:
    """``images/<subset>/<name>``, or ``images/<name>`` when there is no subset."""
    return f"{folder}/{subset}/{name}" if subset else f"{folder}/{name}"
