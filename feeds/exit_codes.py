"""The product's one scheme of exit codes, shared by every command."""

from __future__ import annotations

from enum import IntEnum

__all__ = ["ExitCode"]


class ExitCode(IntEnum):
    """0 done, 1 findings (content errors, broken links), 2 could not run."""

    OK = 0
    FINDINGS = 1
    UNUSABLE = 2
