"""The link checker's public surface: what `feeds.linkcheck` exports."""

from __future__ import annotations

import feeds.linkcheck


def test_all_names_exist_once() -> None:
    names = feeds.linkcheck.__all__

    assert [name for name in names if not hasattr(feeds.linkcheck, name)] == []
    assert len(set(names)) == len(names)
    assert "run_link_check" in names
    assert "Verdict" in names
