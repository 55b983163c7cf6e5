"""annota: open-source image and video annotation platform."""

__version__ = "0.1.0"
