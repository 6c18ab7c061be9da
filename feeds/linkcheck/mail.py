"""Checking `mailto:` links: the address's syntax, and its domain's mail servers if asked.

Takes a normalised `mailto:` URL; gives an `Outcome`. Only DNS is ever asked
(MX, then the address records a sender falls back to); there is never an SMTP
conversation, which would be a probe of someone else's mail server.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import datetime

from feeds.linkcheck.verdicts import Outcome, Verdict

__all__ = ["MailLookup", "address_problem", "check_mail", "dns_mail_lookup"]

MailLookup = Callable[[str], Awaitable[tuple[Verdict, str | None]]]
"""Judges a mail domain by DNS: (verdict, error); injectable so tests need no DNS."""

_ATOM = r"[^\s@\"(),.:;<>\[\\\]]+"
_LOCAL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def address_problem(address: str) -> str | None:
    """What is wrong with a mail address's syntax, or None when it is well formed."""
    local, at, domain = address.rpartition("@")
    if not at or not local:
        return "not a mail address (no local part before @)"
    if len(local) > 64 or not _LOCAL.fullmatch(local):
        return f"the part before @ is not valid: {local!r}"
    try:
        ascii_domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return f"the domain is not valid: {domain!r}"
    labels = ascii_domain.split(".")
    if len(ascii_domain) > 253 or len(labels) < 2 or labels[-1].isdigit():
        return f"the domain is not valid: {domain!r}"
    if not all(_LABEL.fullmatch(label) for label in labels):
        return f"the domain is not valid: {domain!r}"
    return None


async def check_mail(url: str, lookup: MailLookup | None, now: Callable[[], datetime]) -> Outcome:
    """Judge a mailto URL: syntax always, the domain's mail servers with a lookup."""
    address = url.removeprefix("mailto:")
    problem = address_problem(address)
    if problem is not None:
        return Outcome(Verdict.BROKEN, error=problem, checked_at=now())
    if lookup is None:
        return Outcome(Verdict.OK, checked_at=now())
    verdict, error = await lookup(address.rpartition("@")[2])
    return Outcome(verdict, error=error, checked_at=now())


async def dns_mail_lookup(domain: str, timeout: float = 10.0) -> tuple[Verdict, str | None]:
    """Whether a domain receives mail, by its MX records (or address records without MX)."""
    # Imported here: dnspython costs start-up time and is used only with --check-mail-dns.
    import dns.asyncresolver
    import dns.exception
    import dns.resolver

    resolver = dns.asyncresolver.Resolver()
    try:
        answer = await resolver.resolve(domain, "MX", lifetime=timeout)
    except dns.resolver.NXDOMAIN:
        return Verdict.BROKEN, f"mail domain {domain} does not exist"
    except dns.resolver.NoAnswer:
        for kind in ("A", "AAAA"):
            try:
                await resolver.resolve(domain, kind, lifetime=timeout)
            except dns.resolver.NoAnswer:
                continue
            except dns.exception.DNSException as exc:
                return Verdict.INCONCLUSIVE, f"DNS lookup for {domain} failed: {exc}"
            return Verdict.OK, None
        return Verdict.BROKEN, f"mail domain {domain} has no mail server"
    except dns.exception.DNSException as exc:
        return Verdict.INCONCLUSIVE, f"DNS lookup for {domain} failed: {exc}"
    exchanges = {str(record.exchange) for record in answer}
    if exchanges == {"."}:
        return Verdict.BROKEN, f"mail domain {domain} accepts no mail (null MX)"
    return Verdict.OK, None
