"""The read-only public JSON API v1: its index, parameters, queries, documents and contract.

Takes a loaded `Site`; gives the API's snapshot documents (`documents.entries`),
the `ApiIndex` that computed queries run on (`index`), and the OpenAPI document
(`openapi`). Framework-free: the Starlette endpoints live in `feeds.web.api`.
"""

from __future__ import annotations

from feeds.api.documents import entries, site_index
from feeds.api.index import ApiIndex, build_index
from feeds.api.reports import LocalReportReader, ReportReader

__all__ = ["ApiIndex", "LocalReportReader", "ReportReader", "build_index", "entries", "site_index"]
