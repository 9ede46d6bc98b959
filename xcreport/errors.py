"""One root exception; the CLI maps each kind to an exit code.

Data problems are never exceptions: they are :class:`xcreport.model.Finding` records.  An exception
means the run cannot go on.
"""

from __future__ import annotations


class XcreportError(Exception):
    """Root of every error xcreport raises on purpose. Exit code 1."""

    exit_code = 1


class ConfigError(XcreportError):
    """Bad configuration or bad usage: one line naming the file and the key. Exit code 2."""

    exit_code = 2


class UsageError(XcreportError):
    """A command-line value that cannot be used (a month that is not YYYY-MM, a missing folder)."""

    exit_code = 2


class TemplateError(XcreportError):
    """A report or mail template that cannot be rendered (a misspelt tag names the tag)."""


class DeliveryError(XcreportError):
    """Messages could not all be sent; the outbox keeps what is left for a later `xcreport send`."""
