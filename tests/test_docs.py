"""The docs keep up with the code: every command option and every setting is documented."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from pathlib import Path

import click
import pytest

import feeds
from feeds.cli import cli
from feeds.settings import Settings

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _command_sections() -> dict[str, str]:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    parts = re.split(r"^## feeds (\S+)$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_command_has_a_section_in_docs_cli() -> None:
    assert sorted(_command_sections()) == sorted(cli.commands)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_option_of_a_command_is_documented_in_its_section(name: str) -> None:
    section = _command_sections()[name]
    command = cli.commands[name]
    options = [
        opt
        for param in command.params
        if isinstance(param, click.Option) and "--help" not in param.opts
        for opt in param.opts
        if opt.startswith("--")
    ]
    assert options, f"feeds {name} has no options to check"
    missing = [opt for opt in options if f"`{opt}" not in section]
    assert missing == [], f"docs/cli.md, feeds {name}: undocumented {missing}"


def test_every_setting_is_documented_with_its_variable() -> None:
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    missing = [
        f.name
        for f in dataclasses.fields(Settings)
        if f"`{f.name}`" not in text or f"`FEEDS_{f.name.upper()}`" not in text
    ]
    assert missing == []


def _modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(feeds.__path__, prefix="feeds.")
        if info.name not in ("feeds.__main__", "feeds.lambda_handler")
    )


@pytest.mark.parametrize("name", _modules())
def test_every_name_in_all_exists(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    assert [n for n in exported if not hasattr(module, n)] == []
