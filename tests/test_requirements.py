"""requirements.txt pins every package the product and its tests install, dependencies included,
so a new release on the registry never changes what a fresh machine runs."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements.txt"


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in REQUIREMENTS.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement = Requirement(line)
        (spec,) = requirement.specifier  # exactly one `==` per line
        assert spec.operator == "==", line
        pins[_canonical(requirement.name)] = spec.version
    return pins


def _installed_closure(roots: list[str]) -> dict[str, str]:
    """Every distribution the roots need in this environment (markers evaluated, extras the
    file asks for followed), with its installed version."""
    extras_wanted: dict[str, set[str]] = {}
    for line in REQUIREMENTS.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            extras_wanted[_canonical(requirement.name)] = set(requirement.extras)
    seen: dict[str, str] = {}
    todo = list(roots)
    while todo:
        name = _canonical(todo.pop())
        if name in seen:
            continue
        dist = metadata.distribution(name)
        seen[name] = dist.version
        for raw in dist.requires or []:
            dep = Requirement(raw)
            extras = extras_wanted.get(name, set())
            if dep.marker and not any(
                dep.marker.evaluate({"extra": extra}) for extra in (extras or {""})
            ):
                continue
            todo.append(dep.name)
    return seen


def test_every_line_is_one_exact_pin() -> None:
    assert len(_pins()) > 40


def test_every_dependency_installed_is_pinned_at_its_installed_version() -> None:
    pins = _pins()
    needed = _installed_closure(list(pins))
    missing = sorted(f"{name}=={version}" for name, version in needed.items() if name not in pins)
    assert not missing, f"pin these in requirements.txt: {missing}"
    drifted = sorted(
        f"{name}: pinned {pins[name]}, installed {version}"
        for name, version in needed.items()
        if pins[name] != version
    )
    assert not drifted, drifted
