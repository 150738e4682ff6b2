"""Subcommands of the ``controverse`` CLI; see ``controverse.cli``."""
