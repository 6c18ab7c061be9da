"""Rules across the files of a content directory, and loading it into one Site."""

from __future__ import annotations

import pytest

from feeds.content import Problem, load_content, load_site
from feeds.exceptions import ContentError, SettingsError


def edition(number: int, *item_ids: str, published: str = "2024-11-04") -> str:
    """An edition file; item i (from 0) starts at line 7 + 3 * i."""
    items = "".join(f"  - id: {i}\n    section: news\n    title: Item {i}\n" for i in item_ids)
    items = items or "  []\n"
    return (
        f"number: {number}\ntitle: Edition {number}\npublished: {published}\n"
        f"intro: Dear colleague\nsignoff: {{name: Ada Example}}\nitems:\n{items}"
    )


def test_an_item_id_used_in_two_editions_names_both_places(write_content, validate):
    root = write_content(
        {
            "001.yaml": edition(1, "kept", "shared", published="2024-10-07"),
            "002.yaml": edition(2, "new", "shared"),
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        1,
        [
            "content/editions/002.yaml:10: error: "
            "item id 'shared' is also used at content/editions/001.yaml:10"
        ],
        "content: not publishable; 1 error, 0 warnings",
    )


def test_an_edition_number_used_twice_names_both_files(write_content, validate):
    root = write_content({"001.yaml": edition(1, "a"), "0001.yaml": edition(1, "b")})
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [
            "content/editions/0001.yaml:1: error: "
            "edition 1 must be in a file named 001.yaml, not 0001.yaml",
            "content/editions/001.yaml:1: error: "
            "edition number 1 is also used by content/editions/0001.yaml:1",
        ],
    )


@pytest.mark.parametrize(
    ("name", "number", "expected"),
    [("25.yaml", 25, "025.yaml"), ("026.yaml", 25, "025.yaml"), ("01000.yaml", 1000, "1000.yaml")],
)
def test_the_file_name_must_be_the_zero_padded_number(
    write_content, validate, name, number, expected
):
    root = write_content({name: edition(number, "a")})
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [
            f"content/editions/{name}:1: error: "
            f"edition {number} must be in a file named {expected}, not {name}"
        ],
    )


def test_numbers_of_four_digits_have_no_padding(write_content, validate):
    root = write_content({"1000.yaml": edition(1000, "a")})
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        0,
        [],
        "content: 1 edition, 1 item; 0 errors, 0 warnings",
    )


@pytest.mark.parametrize("name", ["edition-25.yaml", "025a.yaml", "latest.yaml"])
def test_a_non_numeric_file_name_is_an_error(write_content, validate, name):
    root = write_content({name: edition(25, "a")})
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [f"content/editions/{name}:1: error: edition file names are the edition number: NNN.yaml"],
    )


def test_a_yml_file_is_an_error_not_ignored(write_content, validate):
    root = write_content({"001.yaml": edition(1, "a"), "002.yml": edition(2, "b")})
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        ["content/editions/002.yml:1: error: edition files end in .yaml, not .yml"],
    )


def test_other_files_in_the_editions_folder_are_ignored(write_content, validate):
    root = write_content(
        {"001.yaml": edition(1, "a"), "README.md": "# Editions\n", ".002.yaml.swp": "x"}
    )
    result = validate(root)
    assert (result.exit_code, result.problems) == (0, [])


def test_a_missing_editions_folder_is_an_error(write_content, validate):
    root = write_content({})
    (root / "editions").rmdir()
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        ["content/editions:1: error: the editions folder is missing"],
    )


def test_an_empty_edition_file_is_an_error(write_content, validate):
    # An empty file would otherwise drop an edition from the archive without a word.
    root = write_content({"001.yaml": edition(1, "a"), "002.yaml": "", "003.yaml": "# draft\n"})
    result = validate(root)
    assert result.exit_code == 1
    assert [line.split(": ", 2)[:2] for line in result.problems] == [
        ["content/editions/002.yaml:1", "error"],
        ["content/editions/003.yaml:1", "error"],
    ]
    assert all("empty" in line for line in result.problems)


def test_a_file_that_is_not_utf8_is_an_error_at_the_bad_line(write_content, validate):
    root = write_content({})
    text = edition(1, "a").replace("Item a", "Caf\xe9 society")
    (root / "editions" / "001.yaml").write_bytes(text.encode("latin-1"))
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        ["content/editions/001.yaml:9: error: file is not UTF-8 text"],
    )


def test_raw_control_characters_are_a_warning_and_removed(write_content, validate):
    text = edition(1, "a").replace("Item a", "It\x07em\x1b a").replace("Edition 1", "Edi\x0btion 1")
    root = write_content({"001.yaml": text})
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        0,
        [
            "content/editions/001.yaml:2: warning: removed 1 control character(s)",
            "content/editions/001.yaml:9: warning: removed 2 control character(s)",
        ],
        "content: 1 edition, 1 item; 0 errors, 2 warnings",
    )
    site = load_site(root)
    assert (site.editions[0].title, site.items[0].title) == ("Edition 1", "Item a")


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separators_in_text_keep_the_file_readable(write_content, validate, separator):
    # Text pasted from word processors carries U+2028; YAML 1.1 would count it as a
    # line break, ending a block scalar early and shifting every later line number.
    text = edition(1, "a") + f"    body: |\n      One{separator}two.\n    sumary: typo\n"
    root = write_content({"001.yaml": text})
    result = validate(root)
    errors = [line for line in result.problems if ": error: " in line]
    assert errors == [
        "content/editions/001.yaml:12: error: item: unknown field 'sumary' (allowed: body, "
        "deadline, event, id, links, section, summary, tags, title, updated)"
    ]
    warnings = [line for line in result.problems if line not in errors]
    assert all(line.startswith("content/editions/001.yaml:11: warning: ") for line in warnings)


def test_every_problem_in_every_file_is_reported_sorted_by_file_and_line(write_content, validate):
    site = (
        "title: Test\x07 Bulletin\ndescription: Tests.\nbase_url: https://bulletin.example.org\n"
        "language: en-GB\ntimezone: Europe/London\npublisher: Test Publisher\n"
        "contact: team@example.org\n"
        "sections:\n  - {slug: news, title: News}\n  - {slug: events, title: Events}\n"
    )
    root = write_content(
        {
            "002.yaml": edition(2, "b1", "b2").replace("section: news", "section: newz", 1)
            + "    summary: On Friday 30 October.\n",
            "001.yaml": edition(1, "a1").replace("2024-11-04", "2024-02-30") + "    sumary: typo\n",
            "003.yaml": "number: 3\ntitle: [unclosed\n",
        },
        site=site,
    )
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        1,
        [
            "content/editions/001.yaml:3: error: "
            "published: impossible date '2024-02-30' (day is out of range for month)",
            "content/editions/001.yaml:10: error: item: unknown field 'sumary' (allowed: body, "
            "deadline, event, id, links, section, summary, tags, title, updated)",
            "content/editions/002.yaml:8: error: unknown section 'newz' (sections: news, events)",
            "content/editions/002.yaml:13: warning: "
            "'Friday 30 October': the date is a Wednesday in 2024, not a Friday",
            "content/editions/003.yaml:3: error: YAML syntax: did not find expected ',' or ']'",
            "content/site.yaml:1: warning: removed 1 control character(s)",
        ],
        "content: not publishable; 4 errors, 2 warnings",
    )


def test_an_error_in_site_yaml_does_not_hide_the_errors_of_editions(write_content, validate):
    site = (
        "title: Test Bulletin\ndescription: Tests.\nbase_url: https://bulletin.example.org\n"
        "language: en-GB\ntimezone: Europe/London\npublisher: Test Publisher\n"
        "contact: team at example.org\n"
        "sections:\n  - {slug: news, title: News}\n  - {slug: events, title: Events}\n"
    )
    root = write_content({"001.yaml": edition(1, "a") + "    sumary: typo\n"}, site=site)
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [
            "content/editions/001.yaml:10: error: item: unknown field 'sumary' (allowed: body, "
            "deadline, event, id, links, section, summary, tags, title, updated)",
            "content/site.yaml:7: error: "
            "contact must be an email address, not 'team at example.org'",
        ],
    )


def test_an_error_in_one_edition_does_not_hide_a_duplicate_id_in_another(write_content, validate):
    root = write_content(
        {"001.yaml": edition(1, "shared") + "    sumary: typo\n", "002.yaml": edition(2, "shared")}
    )
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [
            "content/editions/001.yaml:10: error: item: unknown field 'sumary' (allowed: body, "
            "deadline, event, id, links, section, summary, tags, title, updated)",
            "content/editions/002.yaml:7: error: "
            "item id 'shared' is also used at content/editions/001.yaml:7",
        ],
    )


def test_load_content_returns_problems_as_data(write_content):
    root = write_content({"001.yaml": edition(1, "a"), "002.yaml": edition(2, "a")})
    loaded = load_content(root)
    shown = str(root / "editions" / "002.yaml")
    expected = Problem(
        shown, 7, "error", f"item id 'a' is also used at {root / 'editions' / '001.yaml'}:7"
    )
    assert (loaded.site, loaded.problems, loaded.errors, loaded.warnings) == (
        None,
        (expected,),
        (expected,),
        (),
    )


def test_load_site_raises_content_error_with_every_problem(write_content):
    root = write_content({"001.yaml": edition(1, "a", "a", "a")})
    with pytest.raises(ContentError) as caught:
        load_site(root)
    path = str(root / "editions" / "001.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:10: error: item id 'a' is used twice (first at line 7)",
        f"{path}:13: error: item id 'a' is used twice (first at line 7)",
    ]
    first = f"{path}:10: error: item id 'a' is used twice (first at line 7)"
    assert str(caught.value) == first + " (and 1 more)"


def test_a_missing_content_directory_is_a_settings_error(tmp_path):
    with pytest.raises(SettingsError, match=r"content directory '.*nowhere' does not exist"):
        load_content(tmp_path / "nowhere")


def test_content_version_follows_the_bytes_of_the_files(write_content):
    root = write_content({"001.yaml": edition(1, "a")})
    before = load_site(root).content_version
    again = load_site(root).content_version
    (root / "editions" / "001.yaml").write_text(edition(1, "a").replace("Item a", "Item A"))
    after = load_site(root).content_version
    assert (len(before), before == again, before != after) == (16, True, True)
