"""Shape kinds: one module per kind (geometry, parsing, bbox, area, hit test), registered in `registry`.

`codec` turns whole shape dicts (ADR 0001 wire format) into `base.Shape` objects and back.
"""
