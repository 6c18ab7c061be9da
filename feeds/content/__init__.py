"""Reading content: YAML with line numbers, validation that collects problems, Markdown.

Takes a content directory; gives a `Site` (`load_site`) or a `Loaded` result with
every `Problem` found (`load_content`).
"""

from __future__ import annotations

from feeds.content.loader import Loaded, load_content, load_site
from feeds.content.problems import Problem

__all__ = ["Loaded", "Problem", "load_content", "load_site"]
