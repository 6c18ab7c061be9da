"""The API index: folding, event spans, sort orders and the JSON round trip."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from feeds.api.index import FAR_FUTURE, ApiIndex, build_index, day_start, fold, micros
from feeds.models import Site
from tests.conftest import WriteContent

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Cyber", "cyber"),
        ("CAFÉ Résumé naïve Ångström", "cafe resume naive angstrom"),
        ("LGA’s “AI” – ‘data’", "lga's \"ai\" - 'data'"),
        ("Straße ﬁle", "strasse file"),
        ("", ""),
    ],
)
def test_fold_ignores_case_accents_and_typography(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_micros_and_local_days() -> None:
    assert micros(datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC)) == 1_000_000
    # 1 July is in British Summer Time: the local day starts at 23:00 UTC the day before.
    assert day_start(date(2024, 7, 1), LONDON) == micros(datetime(2024, 6, 30, 23, tzinfo=UTC))
    assert day_start(date(2024, 1, 1), LONDON) == micros(datetime(2024, 1, 1, tzinfo=UTC))
    assert micros(datetime(1, 1, 1, tzinfo=UTC)) < 0 < FAR_FUTURE


def test_rows_carry_what_queries_need(bundled_index: ApiIndex) -> None:
    rows = {row.id: row for row in bundled_index.items}
    workshop = rows["ons-local-data-maturity-workshop"]
    showcase = rows["technology-innovation-showcase"]
    apolitical = rows["unlocking-digital-excellence-apolitical"]
    assert (workshop.section, workshop.edition, workshop.tags) == (
        "events",
        25,
        ("data", "data-maturity", "workshop"),
    )
    assert (workshop.event_start, workshop.event_end) == (
        micros(datetime(2024, 11, 7, 9, 30, tzinfo=UTC)),
        micros(datetime(2024, 11, 7, 10, 30, tzinfo=UTC)) + 1,
    )
    # An all-day event covers its whole local day (end exclusive).
    assert (showcase.event_start, showcase.event_end) == (
        day_start(date(2024, 11, 14), LONDON),
        day_start(date(2024, 11, 15), LONDON),
    )
    assert (apolitical.deadline, apolitical.event_start) == ("2024-11-20", None)
    assert apolitical.title_key == "unlocking digital excellence training programme with apolitical"
    assert "st helens borough council" in rows["st-helens-cyber-incident-case-study"].text
    assert json.loads(workshop.json)["id"] == "ons-local-data-maturity-workshop"


def test_postings_are_in_bulletin_order(bundled_index: ApiIndex) -> None:
    ids = [row.id for row in bundled_index.items]
    assert [ids[r] for r in bundled_index.by_section["events"]] == [
        "technology-innovation-showcase",
        "ons-local-data-maturity-workshop",
        "ons-local-cloud-workshop",
    ]
    assert [ids[r] for r in bundled_index.with_event] == [
        ids[r] for r in bundled_index.by_section["events"]
    ]
    assert [ids[r] for r in bundled_index.by_tag["digital-inclusion"]] == [
        "budget-2024",
        "digital-communities-appg",
        "ofcom-media-literacy-strategy",
    ]
    assert list(bundled_index.by_edition) == [25]
    assert bundled_index.by_id["budget-2024"] == 1


def test_sort_orders_put_missing_keys_last_and_keep_bulletin_order(bundled_index: ApiIndex) -> None:
    ids = [row.id for row in bundled_index.items]
    deadline, _ = bundled_index.order("deadline")
    newest_deadline, _ = bundled_index.order("-deadline")
    assert [ids[r] for r in deadline[:4]] == [
        "techuk-procurement-survey",
        "unlocking-digital-excellence-apolitical",
        "dfe-curriculum-assessment-review-call-for-evidence",
        "local-government-centre-for-digital-technology",  # no deadline: bulletin order
    ]
    assert [ids[r] for r in newest_deadline[:4]] == [
        "dfe-curriculum-assessment-review-call-for-evidence",
        "unlocking-digital-excellence-apolitical",
        "techuk-procurement-survey",
        "local-government-centre-for-digital-technology",
    ]
    assert bundled_index.is_bulletin_order("-published_at")
    # Every item of edition 25 has the same time: ascending keeps bulletin order too.
    assert bundled_index.is_bulletin_order("published_at")
    assert not bundled_index.is_bulletin_order("title")
    ranks, places = bundled_index.order("title")
    assert [places[r] for r in ranks] == list(range(18))
    assert ids[ranks[0]] == "ada-lovelace-ai-procurement-report"


def test_index_round_trips_through_json(bundled_index: ApiIndex) -> None:
    loaded = ApiIndex.from_json(bundled_index.to_json())
    assert loaded.to_json() == bundled_index.to_json()
    assert (loaded.items, loaded.editions, loaded.sections, loaded.modified) == (
        bundled_index.items,
        bundled_index.editions,
        bundled_index.sections,
        bundled_index.modified,
    )
    assert loaded.by_section == bundled_index.by_section


def test_from_json_refuses_other_data() -> None:
    with pytest.raises(ValueError, match="not an API index"):
        ApiIndex.from_json(b'{"format": 99}')


def test_index_module_imports_no_renderer() -> None:
    import subprocess
    import sys

    code = (
        "import sys, feeds.api.index, feeds.api.validate, feeds.api.query;"
        "bad = [m for m in ('yaml', 'markdown_it', 'nh3', 'feedgen', 'icalendar', 'starlette')"
        " if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_empty_archive_has_an_empty_index(write_content: WriteContent) -> None:
    from feeds.content import load_site

    site: Site = load_site(write_content({}))
    index = build_index(site)
    assert (index.items, index.editions, index.modified, index.sections) == (
        (),
        (),
        None,
        ("news", "events"),
    )
