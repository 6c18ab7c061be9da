"""Loading a content directory: site.yaml and every edition file, into one `Site`.

Takes a directory; gives a `Loaded`: the `Site` (None when there are errors) and
every problem found in every file, so an editor sees them all at once. The whole
archive is read before anything is returned; later stages never touch the files.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from feeds.content.edition_file import read_edition
from feeds.content.nodes import NodeReader, compose
from feeds.content.problems import Problem
from feeds.content.site_file import FALLBACK, SiteHeader, read_site
from feeds.exceptions import ContentError, SettingsError
from feeds.models import Edition, Site

__all__ = ["Loaded", "load_content", "load_site"]

_EDITION_NAME = re.compile(r"\d+")
# Raw control characters make the YAML reader stop; they are removed (with a
# warning at their line) before parsing, so the rest of the file is still checked.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")
# NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR: YAML counts them as line breaks, which
# breaks block scalars and shifts every line number after them. Text pasted from word
# processors carries them; they become spaces, with a warning.
_LINE_SEPARATORS = re.compile("[\x85\u2028\u2029]")
_SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Loaded:
    """The result of reading a content directory."""

    site: Site | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that stop the content from being published."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that are reported but do not stop publishing."""
        return tuple(p for p in self.problems if p.severity == "warning")


def load_site(content_dir: Path, base_url: str | None = None) -> Site:
    """The site in `content_dir`; raises ContentError when it has errors."""
    loaded = load_content(content_dir, base_url)
    if loaded.site is None:
        raise ContentError(loaded.problems)
    return loaded.site


def load_content(content_dir: Path, base_url: str | None = None) -> Loaded:
    """Read every file of the content directory and report every problem in it."""
    if not content_dir.is_dir():
        raise SettingsError(f"content directory {str(content_dir)!r} does not exist")
    with _collector_paused():
        return _load(content_dir, base_url)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the archive is read.

    Loading allocates millions of long-lived objects (YAML nodes, then the model);
    the collector would traverse the growing heap again and again for no garbage.
    Reference counting still frees the node trees as each file is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(content_dir: Path, base_url: str | None) -> Loaded:
    problems: list[Problem] = []
    digest = hashlib.sha256()
    site_path = content_dir / "site.yaml"
    header = _read_header(site_path, problems, digest)
    # Entry IDs come from site.yaml's own base_url, even when a deployment overrides it.
    id_authority = urlsplit(header.base_url).hostname or "" if header is not None else ""
    if header is not None and base_url:
        header = replace(header, base_url=base_url.rstrip("/"))
    editions = _read_editions(content_dir / "editions", header, problems, digest)
    problems.sort(key=lambda p: (p.path, p.line))
    if header is None or any(p.severity == "error" for p in problems):
        # Editions were checked against stand-ins for whatever site.yaml got wrong,
        # so their problems are real, but nothing is publishable.
        return Loaded(None, tuple(problems))
    site = Site(
        title=header.title,
        description=header.description,
        base_url=header.base_url,
        language=header.language,
        timezone=header.timezone,
        publisher=header.publisher,
        contact=header.contact,
        links=header.links,
        sections=header.sections,
        editions=tuple(editions),
        id_authority=id_authority,
        content_version=digest.hexdigest()[:16],
    )
    return Loaded(site, tuple(problems))


def _read_text(path: Path, problems: list[Problem], digest: hashlib._Hash) -> str | None:
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(shown, 1, "error", f"cannot read file: {exc.strerror}"))
        return None
    digest.update(path.name.encode() + b"\0" + raw + b"\0")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.append(Problem(shown, line, "error", "file is not UTF-8 text"))
        return None
    if not _SUSPECT.search(text):
        return text  # one scan in the common case instead of one per kind of character
    if _RAW_CONTROL.search(text):
        for number, line_text in enumerate(text.split("\n"), start=1):
            count = len(_RAW_CONTROL.findall(line_text))
            if count:
                problems.append(
                    Problem(shown, number, "warning", f"removed {count} control character(s)")
                )
        text = _RAW_CONTROL.sub("", text)
    if _LINE_SEPARATORS.search(text):
        for number, line_text in enumerate(text.split("\n"), start=1):
            count = len(_LINE_SEPARATORS.findall(line_text))
            if count:
                message = f"replaced {count} Unicode line separator(s) with spaces"
                problems.append(Problem(shown, number, "warning", message))
        text = _LINE_SEPARATORS.sub(" ", text)
    return text


def _read_header(path: Path, problems: list[Problem], digest: hashlib._Hash) -> SiteHeader | None:
    if not path.is_file():
        problems.append(Problem(str(path), 1, "error", "site.yaml is missing"))
        return None
    text = _read_text(path, problems, digest)
    root = compose(text, str(path), problems) if text is not None else None
    if root is None:
        if text is not None and not any(p.path == str(path) for p in problems):
            problems.append(Problem(str(path), 1, "error", "site.yaml is empty"))
        return None
    return read_site(root, NodeReader(str(path), problems, text or ""))


def _read_editions(
    folder: Path,
    header: SiteHeader | None,
    problems: list[Problem],
    digest: hashlib._Hash,
) -> list[Edition]:
    if not folder.is_dir():
        problems.append(Problem(str(folder), 1, "error", "the editions folder is missing"))
        return []
    found: list[Edition] = []
    numbers: dict[int, str] = {}
    ids: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        shown = str(path)
        if path.suffix == ".yml":
            problems.append(Problem(shown, 1, "error", "edition files end in .yaml, not .yml"))
            continue
        if path.suffix != ".yaml" or path.name.startswith("."):
            continue
        name_ok = _EDITION_NAME.fullmatch(path.stem) is not None
        if not name_ok:
            problems.append(
                Problem(shown, 1, "error", "edition file names are the edition number: NNN.yaml")
            )
        text = _read_text(path, problems, digest)
        if text is None:
            continue
        before = len(problems)
        root = compose(text, shown, problems)
        if root is None:
            if len(problems) == before:
                problems.append(Problem(shown, 1, "error", "the edition file is empty"))
            continue
        read = read_edition(root, NodeReader(shown, problems, text), header or FALLBACK)
        if read is None:
            continue
        for item_id, line in read.id_lines.items():
            if item_id in ids:
                message = f"item id {item_id!r} is also used at {ids[item_id]}"
                problems.append(Problem(shown, line, "error", message))
            else:
                ids[item_id] = f"{shown}:{line}"
        number = read.number
        if number is None:
            continue
        expected = f"{number:03d}.yaml"
        if name_ok and path.name != expected:
            problems.append(
                Problem(
                    shown,
                    read.number_line,
                    "error",
                    f"edition {number} must be in a file named {expected}, not {path.name}",
                )
            )
        if number in numbers:
            problems.append(
                Problem(
                    shown,
                    read.number_line,
                    "error",
                    f"edition number {number} is also used by {numbers[number]}",
                )
            )
            continue
        numbers[number] = f"{shown}:{read.number_line}"
        if read.edition is not None:
            found.append(read.edition)
    return found
