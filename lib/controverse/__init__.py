"""controverse: map a public controversy from its press and official record."""

__version__ = "0.1.0"
