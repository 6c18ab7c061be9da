"""Build the Lambda package: aarch64 wheels from requirements.lock, the code, content, snapshot.

Two steps, so that only the first needs the network:

    python deploy/lambda_artifact.py download --wheels build/lambda-wheels
    python deploy/lambda_artifact.py build --wheels build/lambda-wheels \\
        --snapshot build/lambda-snapshot --out build/lambda/bulletin-feeds.zip

`download` fetches every pinned dependency as a wheel for CPython 3.12 on
manylinux aarch64, checked against the lock's hashes, and builds feedgen's wheel
(it ships none; pure Python) from its hash-checked source. `build` installs those
wheels with no index into a staging folder, adds `feeds/`, `content/` and the
snapshot, checks that every compiled extension is aarch64 and that the unzipped
size stays under Lambda's 250 MB, and writes a reproducible zip. With
`--compile-with python3.12` it adds bytecode (unchecked-hash pycs: Lambda's task
root is read-only, so Python could not cache them there itself).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAMBDA_LIMIT = 250 * 1024 * 1024  # Lambda's limit on the unzipped package
EM_AARCH64 = 183
# Lambda's python3.12 runs on Amazon Linux 2023 (glibc 2.34): any of these tags fits.
PLATFORMS = ("manylinux2014_aarch64", "manylinux_2_28_aarch64", "manylinux_2_34_aarch64")
TARGET = ["--python-version", "3.12", "--implementation", "cp", "--only-binary=:all:"]
for _platform in PLATFORMS:
    TARGET += ["--platform", _platform]
NO_WHEEL = ("feedgen",)  # pure-Python sdists: built here into a wheel
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class ArtifactError(Exception):
    """The package cannot be built as asked."""


def split_lock(lock: str) -> tuple[str, str]:
    """The lock's requirements with wheels on PyPI, and those without (built locally)."""
    wheels: list[str] = []
    sdists: list[str] = []
    current = wheels
    for line in lock.splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            name = line.split("==", 1)[0].strip().lower()
            current = sdists if name in NO_WHEEL else wheels
        current.append(line)
    return "\n".join(wheels) + "\n", "\n".join(sdists) + "\n"


def pins(requirements: Path) -> list[str]:
    """The `name==version` lines of a hashed requirements file, without their hashes."""
    lines = requirements.read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line and not line[0].isspace() and line[0] != "#"]


def _pip(*args: str) -> None:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    result = subprocess.run(command, check=False)  # noqa: S603 - our own interpreter
    if result.returncode != 0:
        raise ArtifactError(f"pip {args[0]} failed with exit code {result.returncode}")


def download(wheels: Path, lock: Path) -> None:
    """Fetch aarch64 wheels for every locked requirement, and build those PyPI lacks."""
    wheels.mkdir(parents=True, exist_ok=True)
    binary, source = split_lock(lock.read_text(encoding="utf-8"))
    (wheels / "requirements.txt").write_text(binary, encoding="utf-8")
    (wheels / "built-here.txt").write_text(source, encoding="utf-8")
    _pip("download", "--quiet", "--no-deps", "--require-hashes", "--dest", str(wheels),
         *TARGET, "-r", str(wheels / "requirements.txt"))  # fmt: skip
    _pip("wheel", "--quiet", "--no-deps", "--require-hashes", "--wheel-dir", str(wheels),
         "-r", str(wheels / "built-here.txt"))  # fmt: skip
    for wheel in wheels.glob("*.whl"):
        if wheel.name.split("-")[0].lower() in NO_WHEEL and not wheel.name.endswith(
            "-none-any.whl"
        ):
            raise ArtifactError(f"{wheel.name} is not a pure-Python wheel")


def elf_machine(header: bytes) -> int | None:
    """The e_machine of an ELF header (None when these bytes are not ELF)."""
    if len(header) < 20 or header[:4] != b"\x7fELF":
        return None
    if header[5] == 1:
        return int.from_bytes(header[18:20], "little")
    return int.from_bytes(header[18:20], "big")


def _files(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            yield Path(dirpath) / name


def check_tree(root: Path) -> int:
    """Unzipped size of `root`; ArtifactError on a non-aarch64 extension or over the limit."""
    total = 0
    for file in _files(root):
        total += file.stat().st_size
        if ".so" in file.suffixes or file.suffix == ".so":
            with file.open("rb") as stream:
                machine = elf_machine(stream.read(20))
            if machine != EM_AARCH64:
                raise ArtifactError(
                    f"{file.relative_to(root)} is not aarch64 (e_machine {machine})"
                )
    if total >= LAMBDA_LIMIT:
        raise ArtifactError(
            f"the package unzips to {total:,} bytes, over Lambda's {LAMBDA_LIMIT:,}"
        )
    return total


def _ignore(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n == "__pycache__" or n.endswith((".pyc", ".pyo"))}


def stage(wheels: Path, snapshot: Path, content: Path, into: Path) -> None:
    """Lay out the package: dependencies at the root, then feeds/, content/ and snapshot/."""
    if not (wheels / "requirements.txt").is_file():
        raise ArtifactError(f"{wheels} has no downloaded wheels; run `make lambda-wheels`")
    if not (snapshot / "snapshot.json").is_file():
        raise ArtifactError(f"{snapshot} holds no snapshot; run `make lambda-snapshot`")
    common = ["install", "--quiet", "--no-index", "--find-links", str(wheels), "--no-deps",
              "--no-compile", "--target", str(into), *TARGET]  # fmt: skip
    _pip(*common, "--require-hashes", "-r", str(wheels / "requirements.txt"))
    # Wheels built here have their own hashes; their sources were checked in `download`.
    _pip(*common, *pins(wheels / "built-here.txt"))
    shutil.rmtree(into / "bin", ignore_errors=True)  # console scripts: nothing runs them
    shutil.copytree(ROOT / "feeds", into / "feeds", ignore=_ignore)
    shutil.copytree(content, into / "content", ignore=_ignore)
    shutil.copytree(snapshot, into / "snapshot")


def compile_bytecode(python: str, root: Path) -> None:
    """Compile every module with Lambda's Python version, as unchecked-hash pycs."""
    command = [python, "-m", "compileall", "-q", "-j", "0",
               "--invalidation-mode", "unchecked-hash", str(root)]  # fmt: skip
    result = subprocess.run(command, check=False)  # noqa: S603 - an interpreter we were given
    if result.returncode != 0:
        raise ArtifactError(f"{python} -m compileall failed with exit code {result.returncode}")


def write_zip(root: Path, out: Path) -> None:
    """Zip `root` reproducibly: sorted names, fixed dates and modes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for file in _files(root):
            info = zipfile.ZipInfo(file.relative_to(root).as_posix(), ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            archive.writestr(info, file.read_bytes())
    partial.replace(out)


def build(wheels: Path, snapshot: Path, content: Path, out: Path, python: str | None) -> int:
    """Build the zip at `out`; returns its unzipped size in bytes."""
    with tempfile.TemporaryDirectory(prefix="lambda-artifact-") as work:
        root = Path(work) / "package"
        stage(wheels, snapshot, content, root)
        if python:
            compile_bytecode(python, root)
        size = check_tree(root)
        write_zip(root, out)
    return size


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: `download` (needs the network) or `build` (offline)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    get = commands.add_parser("download", help="fetch and build the aarch64 wheels")
    get.add_argument("--wheels", type=Path, required=True)
    get.add_argument("--lock", type=Path, default=ROOT / "requirements.lock")
    make = commands.add_parser("build", help="assemble and zip the package (offline)")
    make.add_argument("--wheels", type=Path, required=True)
    make.add_argument("--snapshot", type=Path, required=True)
    make.add_argument("--content", type=Path, default=ROOT / "content")
    make.add_argument("--out", type=Path, required=True)
    make.add_argument("--compile-with", default=None, help="a python3.12 to precompile with")
    args = parser.parse_args(argv)
    try:
        if args.command == "download":
            download(args.wheels, args.lock)
            print(f"aarch64 wheels in {args.wheels}", file=sys.stderr)
        else:
            size = build(args.wheels, args.snapshot, args.content, args.out, args.compile_with)
            zipped = args.out.stat().st_size
            print(f"{args.out}: {zipped:,} bytes, {size:,} unzipped", file=sys.stderr)
    except ArtifactError as exc:
        print(f"lambda_artifact: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
