"""Link checking: extract → check → report → store, with an SSRF guard under every request.

Takes a `Site`; gives a `Report` of verdicts an editor can act on (docs/linkcheck.md).
"""

from __future__ import annotations

import sys
import types

# httpx imports its own command line (click, rich and pygments, about 0.1 s) whenever
# those are installed, as click and rich are here. The checker never uses it, and
# start-up counts in a scheduled run, so a stand-in goes first (bench/README.md).
if "httpx" not in sys.modules:
    _cli = types.ModuleType("httpx._main")

    def _no_cli() -> None:
        raise SystemExit("the httpx command line is not available here")

    _cli.main = _no_cli  # type: ignore[attr-defined]
    sys.modules.setdefault("httpx._main", _cli)

from feeds.linkcheck.extract import Occurrence, Target, extract
from feeds.linkcheck.formats import FORMATS, render
from feeds.linkcheck.guard import Guard
from feeds.linkcheck.history import History
from feeds.linkcheck.pipeline import check_site, run_link_check
from feeds.linkcheck.policy import CheckPolicy
from feeds.linkcheck.report import LinkReport, Report
from feeds.linkcheck.store import LocalStore, ReportStore, S3Store, open_store
from feeds.linkcheck.verdicts import Outcome, Verdict

__all__ = [
    "FORMATS",
    "CheckPolicy",
    "Guard",
    "History",
    "LinkReport",
    "LocalStore",
    "Occurrence",
    "Outcome",
    "Report",
    "ReportStore",
    "S3Store",
    "Target",
    "Verdict",
    "check_site",
    "extract",
    "open_store",
    "render",
    "run_link_check",
]
