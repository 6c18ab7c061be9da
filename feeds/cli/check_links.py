"""`feeds check-links`: check every outbound link and report what editors should fix.

Exit codes: 0 no broken link, 1 at least one broken link, 2 the run could not be
done (bad content or arguments), with a one-line reason.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from feeds.cli.options import content_option, fail, handle_errors, settings_from
from feeds.content import load_site
from feeds.exceptions import SettingsError
from feeds.exit_codes import ExitCode
from feeds.settings import parse_duration

if TYPE_CHECKING:
    from feeds.linkcheck.pipeline import Progress

__all__ = ["FORMAT_NAMES", "check_links"]

# Named here so that `feeds --help` and the other commands need not import the
# link checker (and httpx); a test checks these are feeds.linkcheck.FORMATS.
FORMAT_NAMES = ("text", "json", "markdown", "junit")


class _Duration(click.ParamType[float, Any]):
    """A duration: seconds, or a number with s, m, h, d or w."""

    name = "DURATION"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        try:
            seconds = parse_duration(value)
        except SettingsError as exc:
            self.fail(str(exc), param, ctx)
        if not 0 <= seconds < float("inf"):
            self.fail(f"{value!r} is not a duration of zero or more", param, ctx)
        return seconds


class _OneLineErrors(click.Command):
    """Bad arguments end like every other failure: one line and exit code 2."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            fail(f"check-links: {exc.format_message()}")
            raise  # unreachable: fail() exits


@click.command("check-links", cls=_OneLineErrors)
@content_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the report to FILE (atomically) instead of standard output.",
)
@click.option(
    "--cache",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Keep link history in FILE instead of the report store.",
)
@click.option(
    "--max-age",
    type=_Duration(),
    default=None,
    help="Reuse ok results younger than this without a request (default 1d).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    default=None,
    help="Requests in flight at once (default 32).",
)
@click.option(
    "--per-host",
    type=click.IntRange(min=1),
    default=None,
    help="Requests in flight to one host (default 4).",
)
@click.option(
    "--per-host-interval",
    type=click.FloatRange(min=0),
    default=None,
    metavar="SECONDS",
    help="Least time between two requests to one host (default 0).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    metavar="SECONDS",
    help="Bound on one attempt: connect, headers and body (default 10).",
)
@click.option(
    "--budget",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    metavar="SECONDS",
    help="Bound on the whole run; links not reached are not_checked, and first next time.",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="REGEX",
    help="Skip URLs this regular expression matches (repeatable).",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Lift the SSRF guard: allow hosts with private or loopback addresses.",
)
@click.option(
    "--check-mail-dns",
    is_flag=True,
    help="Look up the MX records of mail addresses (never an SMTP probe).",
)
@handle_errors
def check_links(
    content_dir: Path | None,
    fmt: str,
    output: Path | None,
    cache: Path | None,
    max_age: float | None,
    concurrency: int | None,
    per_host: int | None,
    per_host_interval: float | None,
    timeout: float | None,
    budget: float | None,
    exclude: tuple[str, ...],
    allow_private: bool,
    check_mail_dns: bool,
) -> None:
    """Check every outbound link of every edition and report verdicts editors can act on.

    Exits 0 when no link is broken, 1 when some are, 2 when the check could not run.
    """
    from feeds.linkcheck import CheckPolicy, open_store, render, run_link_check
    from feeds.linkcheck.store import write_atomic

    settings = settings_from(
        content_dir=content_dir,
        link_max_age=max_age,
        link_concurrency=concurrency,
        link_per_host=per_host,
        link_interval=per_host_interval,
        link_timeout=timeout,
        link_budget=budget,
    )
    site = load_site(settings.content_dir, settings.base_url)
    policy = CheckPolicy.from_settings(
        settings,
        site_url=site.base_url,
        exclude=exclude,
        allow_private=allow_private,
        check_mail_dns=check_mail_dns,
    )
    with _progress() as progress:
        report = run_link_check(site, policy, open_store(settings), cache=cache, progress=progress)
    body = render(report, fmt)
    if output is not None:
        try:
            write_atomic(output, body)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror}")
    else:
        click.echo(body, nl=False)
    raise SystemExit(ExitCode.FINDINGS if report.broken else ExitCode.OK)


@contextmanager
def _progress() -> Iterator[Progress | None]:
    """A progress bar with counts by verdict on a terminal's stderr; nothing on a pipe."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    from feeds.linkcheck.verdicts import Verdict

    counts: Counter[Verdict] = Counter()
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Bar(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("checking links", total=None)

        def tell(verdict: Verdict, total: int) -> None:
            counts[verdict] += 1
            text = ", ".join(f"{n} {v.value.replace('_', ' ')}" for v, n in counts.most_common())
            bar.update(task, advance=1, total=total, description=text)

        yield tell
