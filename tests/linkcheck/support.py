"""Helpers shared by the link-checker tests: a fake clock and targets built inline."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from feeds.linkcheck.extract import Occurrence, Target, normalise

__all__ = ["PLACE", "START", "FakeClock", "self_signed", "targets_for"]

START = datetime(2026, 11, 25, 9, 0, 0, tzinfo=UTC)
PLACE = Occurrence(25, "an-item", "body")


class FakeClock:
    """A clock that moves only when slept on or advanced, and records every sleep."""

    def __init__(self, start: datetime = START) -> None:
        self.start = start
        self.ticks = 0.0
        self.waits: list[float] = []

    def monotonic(self) -> float:
        return 1000.0 + self.ticks

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.ticks)

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.ticks += seconds
        await asyncio.sleep(0)

    def advance(self, seconds: float) -> None:
        self.ticks += seconds


def targets_for(urls: Sequence[str]) -> list[Target]:
    """One target per URL, each cited once in an item body."""
    return [Target(normalise(url), (PLACE,)) for url in urls]


def self_signed(directory: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate and key for `name`, written as PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / f"{name}.crt", directory / f"{name}.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path
