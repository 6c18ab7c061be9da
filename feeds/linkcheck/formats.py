"""Renderings of a link report: text for terminals, Markdown for people, JUnit for CI.

Takes a `Report`; gives bytes. Pure. JSON is the report's own form (`Report.to_json`).
Markdown groups links by edition and item, the way an editor works through the
content, with what needs fixing first.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.etree import ElementTree as ET

from feeds.linkcheck.extract import Occurrence
from feeds.linkcheck.report import LinkReport, Place, Report
from feeds.linkcheck.verdicts import Verdict

__all__ = ["FORMATS", "render"]

_TO_FIX = (Verdict.BROKEN, Verdict.REDIRECTED)
_TO_LOOK_AT = (Verdict.INCONCLUSIVE, Verdict.BLOCKED)


def render(report: Report, fmt: str) -> bytes:
    """The report in one of FORMATS."""
    return FORMATS[fmt](report)


def _summary_line(report: Report) -> str:
    counts = report.summary
    parts = [f"{counts[v.value]} {v.value.replace('_', ' ')}" for v in Verdict if counts[v.value]]
    return f"{_links(len(report.links))}: " + (", ".join(parts) or "none")


def _links(count: int) -> str:
    return f"{count} link{'' if count == 1 else 's'}"


def _place(occurrence: Occurrence) -> str:
    if occurrence.edition is None:
        return "site links"
    if occurrence.item is None:
        return f"edition {occurrence.edition} ({occurrence.field})"
    return f"edition {occurrence.edition}, item {occurrence.item} ({occurrence.field})"


def _detail(link: LinkReport) -> str:
    outcome = link.outcome
    parts = []
    if outcome.verdict is Verdict.REDIRECTED:
        parts.append(f"→ {outcome.final_url}")
    if outcome.error:
        parts.append(outcome.error)
    parts.extend(outcome.warnings)
    return "; ".join(parts)


def _text(report: Report) -> bytes:
    lines = []
    for link in report.ordered():
        if link.verdict is Verdict.OK and not link.outcome.warnings:
            continue
        where = _place(link.occurrences[0])
        if len(link.occurrences) > 1:
            where += f" and {len(link.occurrences) - 1} more"
        detail = _detail(link)
        lines.append(f"{link.verdict.value:<12}  {link.url}" + (f"  {detail}" if detail else ""))
        lines.append(f"{'':<12}  in {where}")
    lines.append(_summary_line(report))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _json(report: Report) -> bytes:
    return report.to_json()


def _heading(place: Place) -> str:
    edition, item = place
    if edition is None:
        return "Site links"
    return f"Edition {edition}" + (f", item `{item}`" if item else ", intro and sign-off")


def _md_line(link: LinkReport, occurrence: Occurrence) -> str:
    outcome = link.outcome
    line = f"- **{outcome.verdict.value.replace('_', ' ')}** <{link.url}>"
    if outcome.verdict is Verdict.REDIRECTED:
        line += f" → <{outcome.final_url}>"
    notes = [n for n in (outcome.error, *outcome.warnings) if n]
    if notes:
        line += ": " + "; ".join(notes)
    return f"{line} ({occurrence.field})"


def _md_section(report: Report, title: str, verdicts: tuple[Verdict, ...]) -> list[str]:
    grouped: dict[Place, list[str]] = {}
    for verdict in verdicts:
        for link in report.links:
            if link.verdict is verdict:
                for occurrence in link.occurrences:
                    place = (occurrence.edition, occurrence.item)
                    grouped.setdefault(place, []).append(_md_line(link, occurrence))
    if not grouped:
        return []
    order = {place: index for index, place in enumerate(report.places)}
    lines = [f"## {title}", ""]
    for place in sorted(grouped, key=lambda p: order.get(p, len(order))):
        lines.extend([f"### {_heading(place)}", "", *grouped[place], ""])
    return lines


def _markdown(report: Report) -> bytes:
    when = report.as_json()["generated_at"]
    head = [
        f"# Link check of {report.site_url}",
        "",
        f"{_summary_line(report)} (checked {when}).",
        "",
    ]
    body = _md_section(report, "To fix", _TO_FIX) + _md_section(
        report, "To check by hand", _TO_LOOK_AT
    )
    waiting = report.summary[Verdict.NOT_CHECKED.value]
    if waiting:
        were = "was" if waiting == 1 else "were"
        note = f"{_links(waiting)} {were} not reached within the time budget;"
        note += f" the next run checks {'it' if waiting == 1 else 'them'} first."
        body.extend(["## Not checked", "", note, ""])
    return "\n".join(head + (body or ["Nothing to fix.", ""])).encode("utf-8")


def _junit(report: Report) -> bytes:
    counts = report.summary
    failures = counts[Verdict.BROKEN.value]
    skipped = sum(counts[v.value] for v in (Verdict.SKIPPED, Verdict.BLOCKED, Verdict.NOT_CHECKED))
    attributes = {
        "name": "links",
        "tests": str(len(report.links)),
        "failures": str(failures),
        "errors": "0",
        "skipped": str(skipped),
        "timestamp": report.as_json()["generated_at"],
    }
    suites = ET.Element("testsuites", {k: attributes[k] for k in ("tests", "failures", "skipped")})
    suite = ET.SubElement(suites, "testsuite", attributes)
    for link in report.ordered():
        case = ET.SubElement(suite, "testcase", _case_attributes(link))
        detail = _detail(link)
        places = "\n".join(_place(o) for o in link.occurrences)
        if link.verdict is Verdict.BROKEN:
            failure = ET.SubElement(case, "failure", {"type": "broken", "message": detail})
            failure.text = places
        elif link.verdict in (Verdict.SKIPPED, Verdict.BLOCKED, Verdict.NOT_CHECKED):
            ET.SubElement(case, "skipped", {"message": f"{link.verdict.value}: {detail}"})
        elif detail:
            ET.SubElement(case, "system-out").text = f"{link.verdict.value}: {detail}\n{places}"
    ET.indent(suites)
    body: bytes = ET.tostring(suites, encoding="utf-8", xml_declaration=True)
    return body + b"\n"


def _case_attributes(link: LinkReport) -> dict[str, str]:
    first = link.occurrences[0]
    classname = "site" if first.edition is None else f"edition-{first.edition}"
    if first.item:
        classname += f".{first.item}"
    seconds = (link.outcome.elapsed_ms or 0) / 1000
    return {"classname": classname, "name": link.url, "time": f"{seconds:.3f}"}


FORMATS: dict[str, Callable[[Report], bytes]] = {
    "text": _text,
    "json": _json,
    "markdown": _markdown,
    "junit": _junit,
}
