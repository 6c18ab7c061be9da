"""The bundled content (edition 25, transcribed from the emailed bulletin) and its model."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

BUNDLED = Path(__file__).resolve().parents[2] / "content"

LONDON = ZoneInfo("Europe/London")

BULLETIN_ORDER = [
    ("local-government-centre-for-digital-technology", "news"),
    ("budget-2024", "news"),
    ("digital-communities-appg", "news"),
    ("gds-service-standard-research-update", "news"),
    ("technology-innovation-showcase", "events"),
    ("sector-led-consultancy", "opportunities"),
    ("st-helens-cyber-incident-case-study", "resources"),
    ("unlocking-digital-excellence-apolitical", "opportunities"),
    ("vacancy-senior-adviser-digital-transformation-pch", "opportunities"),
    ("ada-lovelace-ai-procurement-report", "resources"),
    ("ofcom-media-literacy-strategy", "resources"),
    ("ai-cam-missions-public-dialogue", "resources"),
    ("schools-workforce-conference-resources", "resources"),
    ("invest-2035-industrial-strategy-green-paper", "consultations"),
    ("dfe-curriculum-assessment-review-call-for-evidence", "consultations"),
    ("ons-local-data-maturity-workshop", "events"),
    ("ons-local-cloud-workshop", "events"),
    ("techuk-procurement-survey", "consultations"),
]


def test_bundled_content_validates_with_exactly_the_weekday_warning(validate):
    result = validate(BUNDLED)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "content/editions/025.yaml:37: warning: "
        "'Thursday 30 October': the date is a Wednesday in 2024, not a Thursday\n"
        "content: 1 edition, 18 items; 0 errors, 1 warning\n",
        "",
    )


def test_edition_25_has_18_items_in_bulletin_order(bundled_site):
    edition = bundled_site.editions_by_number[25]
    assert [(i.id, i.section) for i in edition.items] == BULLETIN_ORDER
    assert [i.position for i in edition.items] == list(range(18))
    assert [e.number for e in bundled_site.editions] == [25]
    assert bundled_site.items == edition.items


def test_every_item_is_in_exactly_one_section(bundled_site):
    by_section = bundled_site.items_by_section
    assert list(by_section) == ["news", "events", "opportunities", "consultations", "resources"]
    assert [s.slug for s in bundled_site.sections] == list(by_section)
    placed = [item.id for items in by_section.values() for item in items]
    assert sorted(placed) == sorted(i for i, _ in BULLETIN_ORDER)
    assert {slug: len(items) for slug, items in by_section.items()} == {
        "news": 4,
        "events": 3,
        "opportunities": 3,
        "consultations": 3,
        "resources": 5,
    }


def test_the_title_only_item_is_summarised_by_its_title(bundled_site):
    item = bundled_site.items_by_id["invest-2035-industrial-strategy-green-paper"]
    assert (item.title, item.summary, item.body_html, item.body_text, item.links) == (
        "Invest 2035: Industrial Strategy Green Paper",
        "Invest 2035: Industrial Strategy Green Paper",
        "",
        "",
        (),
    )


def test_events_have_their_dates_and_times_in_london(bundled_site):
    events = {
        item.id: (item.event.start, item.event.end, item.event.all_day)
        for item in bundled_site.items
        if item.event is not None
    }
    assert events == {
        "technology-innovation-showcase": (date(2024, 11, 14), None, True),
        "ons-local-data-maturity-workshop": (
            datetime(2024, 11, 7, 9, 30, tzinfo=LONDON),
            datetime(2024, 11, 7, 10, 30, tzinfo=LONDON),
            False,
        ),
        "ons-local-cloud-workshop": (
            datetime(2024, 11, 21, 9, 30, tzinfo=LONDON),
            datetime(2024, 11, 21, 11, 0, tzinfo=LONDON),
            False,
        ),
    }
    workshop = bundled_site.items_by_id["ons-local-data-maturity-workshop"].event
    assert workshop is not None
    assert (str(workshop.start.tzinfo), workshop.start.isoformat()) == (
        "Europe/London",
        "2024-11-07T09:30:00+00:00",
    )


def test_deadlines_come_from_the_text(bundled_site):
    deadlines = {item.id: item.deadline for item in bundled_site.items if item.deadline}
    assert deadlines == {
        "unlocking-digital-excellence-apolitical": date(2024, 11, 20),
        "dfe-curriculum-assessment-review-call-for-evidence": date(2024, 11, 22),
        "techuk-procurement-survey": date(2024, 11, 8),
    }


def test_edition_25_is_published_at_9am_london_on_4_november(bundled_site):
    edition = bundled_site.editions_by_number[25]
    assert (edition.published, str(edition.published.tzinfo)) == (
        datetime(2024, 11, 4, 9, 0, tzinfo=LONDON),
        "Europe/London",
    )
    assert {item.published for item in edition.items} == {edition.published}
    assert bundled_site.modified == edition.published


def test_the_intro_and_signoff(bundled_site):
    edition = bundled_site.editions_by_number[25]
    signoff = edition.signoff
    assert (signoff.name, signoff.role, signoff.organisation, signoff.email) == (
        "Owen Pritchard",
        "Head of Cyber, Digital and Technology",
        "Local Government Association",
        "owen.pritchard@local.gov.uk",
    )
    assert edition.intro_text.startswith("Dear colleague\n\nWelcome to the twenty-fifth edition")
    assert edition.intro_text.endswith("invite you to register. Find out more below.")


def test_the_site_header(bundled_site):
    site = bundled_site
    assert (
        site.title,
        site.base_url,
        site.id_authority,
        site.language,
        site.timezone,
        site.publisher,
        site.contact,
    ) == (
        "Cyber, Digital and Technology Bulletin",
        "https://bulletin.example.org",
        "bulletin.example.org",
        "en-GB",
        "Europe/London",
        "Local Government Association",
        "cyberanddigital@local.gov.uk",
    )
    assert [link.url for link in site.links] == [
        "mailto:owen.pritchard@local.gov.uk",
        "mailto:cyberanddigital@local.gov.uk",
        "https://www.local.gov.uk/our-support/cyber-digital-and-technology",
    ]
