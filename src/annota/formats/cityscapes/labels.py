"""The Cityscapes label table (cityscapesScripts' ``labels.py``): name, label id, has instances, colour."""

from __future__ import annotations

from dataclasses import dataclass

from annota.formats.png_masks import RGB


@dataclass(frozen=True, slots=True)
class CityscapesLabel:
    name: str
    id: int
    has_instances: bool
    color: RGB


LABELS = tuple(
    CityscapesLabel(name, i, instances, color)
    for name, i, instances, color in (
        ("unlabeled", 0, False, (0, 0, 0)),
        ("ego vehicle", 1, False, (0, 0, 0)),
        ("rectification border", 2, False, (0, 0, 0)),
        ("out of roi", 3, False, (0, 0, 0)),
        ("static", 4, False, (0, 0, 0)),
        ("dynamic", 5, False, (111, 74, 0)),
        ("ground", 6, False, (81, 0, 81)),
        ("road", 7, False, (128, 64, 128)),
        ("sidewalk", 8, False, (244, 35, 232)),
        ("parking", 9, False, (250, 170, 160)),
        ("rail track", 10, False, (230, 150, 140)),
        ("building", 11, False, (70, 70, 70)),
        ("wall", 12, False, (102, 102, 156)),
        ("fence", 13, False, (190, 153, 153)),
        ("guard rail", 14, False, (180, 165, 180)),
        ("bridge", 15, False, (150, 100, 100)),
        ("tunnel", 16, False, (150, 120, 90)),
        ("pole", 17, False, (153, 153, 153)),
        ("polegroup", 18, False, (153, 153, 153)),
        ("traffic light", 19, False, (250, 170, 30)),
        ("traffic sign", 20, False, (220, 220, 0)),
        ("vegetation", 21, False, (107, 142, 35)),
        ("terrain", 22, False, (152, 251, 152)),
        ("sky", 23, False, (70, 130, 180)),
        ("person", 24, True, (220, 20, 60)),
        ("rider", 25, True, (255, 0, 0)),
        ("car", 26, True, (0, 0, 142)),
        ("truck", 27, True, (0, 0, 70)),
        ("bus", 28, True, (0, 60, 100)),
        ("caravan", 29, True, (0, 0, 90)),
        ("trailer", 30, True, (0, 0, 110)),
        ("train", 31, True, (0, 80, 100)),
        ("motorcycle", 32, True, (0, 0, 230)),
        ("bicycle", 33, True, (119, 11, 32)),
    )
)
