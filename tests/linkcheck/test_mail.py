"""mailto links: syntax always, MX records only when asked, never SMTP."""

from __future__ import annotations

from typing import Any

import dns.asyncresolver
import dns.exception
import dns.resolver
import dns.rrset
import pytest
from support import START

from feeds.linkcheck.mail import address_problem, check_mail, dns_mail_lookup
from feeds.linkcheck.verdicts import Outcome, Verdict


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("cyberanddigital@local.gov.uk", None),
        ("first.last+tag@example.org", None),
        ("o'brien@example.org", None),
        ("zoë@bücher.example", None),
        ("nobody", "not a mail address (no local part before @)"),
        ("@example.org", "not a mail address (no local part before @)"),
        ("two..dots@example.org", "the part before @ is not valid: 'two..dots'"),
        ("a b@example.org", "the part before @ is not valid: 'a b'"),
        ("x" * 65 + "@example.org", f"the part before @ is not valid: {'x' * 65!r}"),
        ("someone@localhost", "the domain is not valid: 'localhost'"),
        ("someone@example.123", "the domain is not valid: 'example.123'"),
        ("someone@-bad.example", "the domain is not valid: '-bad.example'"),
        ("someone@exa_mple.org", "the domain is not valid: 'exa_mple.org'"),
        ("someone@example..org", "the domain is not valid: 'example..org'"),
    ],
)
def test_address_problem(address: str, problem: str | None) -> None:
    assert address_problem(address) == problem


async def test_check_mail_without_lookup_checks_syntax_only() -> None:
    def now() -> Any:
        return START

    assert await check_mail("mailto:a@example.org", None, now) == Outcome(
        Verdict.OK, checked_at=START
    )
    assert await check_mail("mailto:a@b", None, now) == Outcome(
        Verdict.BROKEN, error="the domain is not valid: 'b'", checked_at=START
    )


async def test_check_mail_asks_the_lookup_for_the_domain() -> None:
    asked: list[str] = []

    async def lookup(domain: str) -> tuple[Verdict, str | None]:
        asked.append(domain)
        return Verdict.INCONCLUSIVE, "DNS lookup for example.org failed: timeout"

    outcome = await check_mail("mailto:a@example.org", lookup, lambda: START)

    assert (outcome, asked) == (
        Outcome(
            Verdict.INCONCLUSIVE,
            error="DNS lookup for example.org failed: timeout",
            checked_at=START,
        ),
        ["example.org"],
    )


def _fake_dns(monkeypatch: pytest.MonkeyPatch, answers: dict[tuple[str, str], Any]) -> None:
    async def resolve(self: Any, name: str, kind: str, **kwargs: Any) -> Any:
        answer = answers[(name, kind)]
        if isinstance(answer, Exception):
            raise answer
        return dns.rrset.from_text(name + ".", 300, "IN", kind, *answer)

    monkeypatch.setattr(dns.asyncresolver.Resolver, "resolve", resolve)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({("a.example", "MX"): ["10 mail.a.example."]}, (Verdict.OK, None)),
        (
            {("a.example", "MX"): ["0 ."]},
            (Verdict.BROKEN, "mail domain a.example accepts no mail (null MX)"),
        ),
        (
            {("a.example", "MX"): dns.resolver.NXDOMAIN()},
            (Verdict.BROKEN, "mail domain a.example does not exist"),
        ),
        (
            {
                ("a.example", "MX"): dns.resolver.NoAnswer(),
                ("a.example", "A"): ["192.0.2.1"],
            },
            (Verdict.OK, None),
        ),
        (
            {
                ("a.example", "MX"): dns.resolver.NoAnswer(),
                ("a.example", "A"): dns.resolver.NoAnswer(),
                ("a.example", "AAAA"): dns.resolver.NoAnswer(),
            },
            (Verdict.BROKEN, "mail domain a.example has no mail server"),
        ),
        (
            {("a.example", "MX"): dns.exception.Timeout()},
            (Verdict.INCONCLUSIVE, "DNS lookup for a.example failed: The DNS operation timed out."),
        ),
    ],
)
async def test_dns_mail_lookup(
    monkeypatch: pytest.MonkeyPatch, answers: dict[tuple[str, str], Any], expected: Any
) -> None:
    _fake_dns(monkeypatch, answers)

    assert await dns_mail_lookup("a.example") == expected
