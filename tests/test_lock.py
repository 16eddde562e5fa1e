"""The lock files in packaging/lock/ agree with pyproject.toml: every declared dependency is pinned
there, inside its declared range, with hashes (so `pip install --require-hashes` accepts them).

When this fails after a change to the dependencies: bash packaging/lock/refresh.sh
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "packaging" / "lock"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Python 3.11 on Debian 12 and 3.13 on Debian 13, x86_64 Linux: where CI and the bundle install
LINUX = [
    {"python_version": v, "python_full_version": f"{v}.0", "sys_platform": "linux"}
    for v in ("3.11", "3.13")
]


def _pins(path: Path) -> dict[str, tuple[str, Marker | None, int]]:
    """name → (version, marker, number of hashes) of one uv/pip-compile lock file."""
    pins: dict[str, tuple[str, Marker | None, int]] = {}
    name = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = re.match(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$", line)
        if entry:
            name = canonicalize_name(entry[1])
            marker = Marker(entry[3]) if entry[3] else None
            assert name not in pins, f"{name} pinned twice in {path.name}"
            pins[name] = (entry[2], marker, 0)
        elif line.strip().startswith("--hash=sha256:"):
            version, marker, hashes = pins[name]
            pins[name] = (version, marker, hashes + 1)
    return pins


def _declared(*extras: str) -> list[Requirement]:
    texts = list(PROJECT["dependencies"])
    for extra in extras:
        texts += PROJECT["optional-dependencies"][extra]
    requirements = [Requirement(t) for t in texts]
    return [r for r in requirements if canonicalize_name(r.name) != "wallet-app"]


@pytest.mark.parametrize(
    ("lock", "extras"),
    [("requirements-dev.txt", ("test", "dev")), ("requirements-bundle.txt", ("bundle",))],
)
def test_lock_pins_every_declared_dependency_in_range_with_hashes(
    lock: str, extras: tuple[str, ...]
) -> None:
    pins = _pins(LOCK / lock)
    assert pins, f"nothing pinned in {lock}"
    assert [name for name, (_, _, hashes) in pins.items() if hashes == 0] == []
    for build in ("pip", "setuptools"):  # .ci/setup builds the project with the locked ones
        assert build in pins
    for requirement in _declared(*extras):
        for env in LINUX:
            if requirement.marker is not None and not requirement.marker.evaluate(env):
                continue
            name = canonicalize_name(requirement.name)
            assert name in pins, f"{name} is declared but not in {lock}: run refresh.sh"
            version, marker, _ = pins[name]
            assert marker is None or marker.evaluate(env), f"{name} not installed on {env}"
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{name}=={version} in {lock} is outside {requirement.specifier}: run refresh.sh"
            )


def test_build_requirement_is_in_the_locks() -> None:
    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    for text in build["requires"]:
        requirement = Requirement(text)
        for lock in ("requirements-dev.txt", "requirements-bundle.txt"):
            version, _, _ = _pins(LOCK / lock)[canonicalize_name(requirement.name)]
            assert requirement.specifier.contains(version), (lock, version)
