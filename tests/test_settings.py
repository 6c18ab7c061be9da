"""Settings: flags over FEEDS_* variables over defaults, and clear messages for bad values."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from feeds.exceptions import SettingsError
from feeds.settings import DEFAULTS, Settings


def test_defaults_without_environment_or_flags():
    assert Settings.from_env({}) == DEFAULTS
    assert (
        DEFAULTS.content_dir,
        DEFAULTS.base_url,
        DEFAULTS.feed_limit,
        DEFAULTS.report_dir,
        DEFAULTS.report_bucket,
        DEFAULTS.snapshot_dir,
    ) == (Path("content"), None, 50, Path("var/reports"), None, None)


def test_environment_variables_are_read_and_converted():
    environ = {
        "FEEDS_CONTENT_DIR": "/srv/content",
        "FEEDS_BASE_URL": "https://staging.example.net/",
        "FEEDS_FEED_LIMIT": "20",
        "FEEDS_REPORT_DIR": "/var/lib/feeds",
        "FEEDS_REPORT_BUCKET": "bulletin-reports",
        "FEEDS_SNAPSHOT_DIR": "/tmp/snapshot",
        "HOME": "/root",  # not a setting: ignored
        "FEEDS_": "ignored",
    }
    assert Settings.from_env(environ) == dataclasses.replace(
        DEFAULTS,
        content_dir=Path("/srv/content"),
        base_url="https://staging.example.net",
        feed_limit=20,
        report_dir=Path("/var/lib/feeds"),
        report_bucket="bulletin-reports",
        snapshot_dir=Path("/tmp/snapshot"),
    )


def test_an_empty_variable_counts_as_unset():
    assert Settings.from_env({"FEEDS_BASE_URL": "", "FEEDS_FEED_LIMIT": ""}) == DEFAULTS


def test_flags_win_over_the_environment_and_none_flags_are_ignored():
    environ = {"FEEDS_CONTENT_DIR": "/from/env", "FEEDS_FEED_LIMIT": "20"}
    settings = Settings.from_env(
        environ, content_dir=Path("from-flag"), feed_limit=None, base_url=None
    )
    assert settings == dataclasses.replace(DEFAULTS, content_dir=Path("from-flag"), feed_limit=20)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"FEEDS_FEED_LIMIT": "many"}, "FEEDS_FEED_LIMIT must be a whole number, not 'many'"),
        ({"FEEDS_FEED_LIMIT": "2.5"}, "FEEDS_FEED_LIMIT must be a whole number, not '2.5'"),
        ({"FEEDS_FEED_LIMIT": "0"}, "FEEDS_FEED_LIMIT must be at least 1, not 0"),
        ({"FEEDS_FEED_LIMIT": "-5"}, "FEEDS_FEED_LIMIT must be at least 1, not -5"),
        (
            {"FEEDS_BASE_URL": "bulletin.example.org"},
            "FEEDS_BASE_URL must be an absolute http(s) URL, not 'bulletin.example.org'",
        ),
        (
            {"FEEDS_BASE_URL": "ftp://bulletin.example.org"},
            "FEEDS_BASE_URL must be an absolute http(s) URL, not 'ftp://bulletin.example.org'",
        ),
        (
            {"FEEDS_BASE_URL": "https://"},
            "FEEDS_BASE_URL must be an absolute http(s) URL, not 'https://'",
        ),
    ],
)
def test_a_bad_value_is_a_settings_error_naming_the_variable(environ, message):
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(environ)
    assert str(caught.value) == message


def test_a_bad_flag_value_is_a_settings_error_too():
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({}, feed_limit="lots")
    assert str(caught.value) == "FEEDS_FEED_LIMIT must be a whole number, not 'lots'"


def test_an_unknown_setting_is_refused():
    with pytest.raises(SettingsError) as caught:
        DEFAULTS.with_values({"colour": "blue"})
    assert str(caught.value) == "unknown setting 'colour'"


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULTS.feed_limit = 10  # type: ignore[misc]
