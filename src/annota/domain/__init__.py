"""annota's pure domain core: labels, shapes and their geometry, tracks, tags, annotation documents, IoU.

Pure on purpose: only the standard library, numpy and shapely are imported here (tests/domain/test_purity.py
keeps it so). Import what you need from the submodules; this package re-exports nothing.
"""
