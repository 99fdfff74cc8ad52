"""Find, read, validate and resolve framework files (``extends`` and year deltas)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from csrating.errors import BadExtension, FrameworkError, UnknownFramework
from csrating.frameworks import rules as _rules  # noqa: F401  (registers the rule kinds)
from csrating.frameworks.model import Framework, FrameworkFile, Rule, RuleSpec
from csrating.frameworks.registry import RULE_KINDS
from csrating.profile.settings import DEFAULT_GROUPS, IndicatorBands, ProfileSettings, ShareSource
from csrating.reference import DEFAULT_CATALOGUE, catalogues, indicator_catalogue, vintages

DEFAULT_FRAMEWORK = "rating-2009"


def shipped_frameworks() -> tuple[str, ...]:
    """Return the identifiers of the frameworks shipped with csrating."""
    folder = resources.files("csrating.frameworks").joinpath("data")
    return tuple(
        sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))
    )


def default_framework(vintage: str) -> str:
    """Return the shipped rating framework for councils of ``vintage`` when none is named.

    The earliest-dated rating framework of that geography: ``rating-2009`` for the
    councils of 2009, ``simulation-2025`` for those of 2023.

    Raises:
        FrameworkError: no shipped rating framework rates councils of ``vintage``.
    """
    if vintage == load_framework(DEFAULT_FRAMEWORK).vintage:
        return DEFAULT_FRAMEWORK
    candidates = [load_framework(f) for f in shipped_frameworks()]
    fitting = [f for f in candidates if f.kind == "rating" and f.vintage == vintage]
    if not fitting:
        raise FrameworkError(f"no shipped rating framework rates the councils of {vintage}")
    return min(fitting, key=lambda f: (f.as_at, f.id)).id


def read_framework_file(source: str | Path) -> FrameworkFile:
    """Read and validate one framework file, by shipped identifier or by path.

    Raises:
        UnknownFramework: no shipped framework has that identifier and no file is there.
        FrameworkError: the file is not valid TOML or breaks the framework schema; the
            message names the file and the key.
    """
    name, text = _framework_text(source)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FrameworkError(f"framework {name}: not valid TOML: {error}") from None
    try:
        return FrameworkFile.model_validate(data)
    except ValidationError as error:
        raise FrameworkError(f"framework {name}: {_first_problem(error)}") from None


def _framework_text(source: str | Path) -> tuple[str, str]:
    path = Path(source)
    if path.suffix == ".toml" and path.is_file():
        return path.name, path.read_text(encoding="utf-8")
    ident = str(source)
    resource = resources.files("csrating.frameworks").joinpath("data", f"{ident}.toml")
    if not resource.is_file():
        known = ", ".join(shipped_frameworks())
        raise UnknownFramework(f"no framework {ident!r} (shipped frameworks: {known})")
    return f"{ident}.toml", resource.read_text(encoding="utf-8")


def _first_problem(error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"])
        problems.append(f"key {key!r}: {item['msg']}")
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return problems[0] + more


def load_framework(source: str | Path = DEFAULT_FRAMEWORK) -> Framework:
    """Return the effective framework: the file, with every framework it extends applied.

    Raises:
        UnknownFramework, FrameworkError: as :func:`read_framework_file`.
        BadExtension: an extension removes or changes a rule its parent lacks, adds one it
            has, or the chain of ``extends`` loops.
    """
    chain: list[FrameworkFile] = []
    current: str | Path | None = source
    while current is not None:
        file = read_framework_file(current)
        if any(f.id == file.id for f in chain):
            raise BadExtension(f"framework {file.id} extends itself through {chain[0].id}")
        chain.append(file)
        current = file.extends
    chain.reverse()
    base = chain[0]
    if base.extends is None and (base.added or base.changed or base.removed):
        raise BadExtension(f"framework {base.id}: 'added', 'changed' and 'removed' need 'extends'")
    specs: list[RuleSpec] = list(base.rules)
    for file in chain[1:]:
        specs = apply_delta(specs, file)
    return _resolve(chain, specs)


def apply_delta(specs: list[RuleSpec], file: FrameworkFile) -> list[RuleSpec]:
    """Apply one extension's ``removed``, ``changed`` and ``added`` to its parent's rules."""
    if file.rules:
        raise BadExtension(
            f"framework {file.id} extends {file.extends}: list rules under 'added', not 'rules'"
        )
    codes = [s.code for s in specs]
    for code in file.removed:
        if code not in codes:
            raise BadExtension(
                f"framework {file.id} removes rule {code}, which {file.extends} lacks"
            )
    kept = [s for s in specs if s.code not in set(file.removed)]
    by_code = {s.code: s for s in kept}
    for change in file.changed:
        old = by_code.get(change.code)
        if old is None:
            raise BadExtension(f"framework {file.id} changes rule {change.code}, which it lacks")
        by_code[change.code] = old.model_copy(
            update={
                "description": change.description or old.description,
                "source": change.source or old.source,
                "params": {**old.params, **change.params},
            }
        )
    result = [by_code[s.code] for s in kept]
    for spec in file.added:
        if spec.code in by_code or spec.code in codes:
            raise BadExtension(
                f"framework {file.id} adds rule {spec.code}, which exists already "
                "(rule codes are never reused: choose a new one)"
            )
        result.append(spec)
    return result


def _resolve(chain: list[FrameworkFile], specs: list[RuleSpec]) -> Framework:
    top = chain[-1]
    merged: dict[str, Any] = {}
    bands: dict[str, list[float]] = {}
    as_at: dt.date | None = None
    published: dt.date | None = None
    decided: dt.date | None = None
    vintage: str | None = None
    catalogue: str | None = None
    transitional = False
    simulation = False
    signatory: str | None = None
    kind = None
    for file in chain:
        published = file.publication_date or published
        decided = file.decision_date or decided
        vintage = file.vintage or vintage
        catalogue = file.catalogue or catalogue
        transitional = file.transitional if file.transitional is not None else transitional
        simulation = file.simulation if file.simulation is not None else simulation
        signatory = file.signatory or signatory
        merged.update(file.profile.model_dump(exclude_none=True))
        bands.update(file.indicator_bands)
        as_at = file.as_at or as_at
        kind = file.kind or kind
    if as_at is None or kind is None:
        raise FrameworkError(f"framework {top.id}: needs 'as_at' and 'kind' (here or inherited)")
    settings = ProfileSettings(as_at=as_at)
    changes: dict[str, Any] = {"decision_date": decided}
    if vintage is not None:
        if vintage not in vintages():
            known = ", ".join(vintages())
            raise FrameworkError(
                f"framework {top.id}: key 'vintage': no geography {vintage!r} (shipped: {known})"
            )
        changes["vintage"] = vintage
    if catalogue is not None:
        if catalogue not in catalogues():
            known = ", ".join(catalogues())
            raise FrameworkError(
                f"framework {top.id}: key 'catalogue': no indicator catalogue {catalogue!r} "
                f"(shipped: {known})"
            )
        changes["catalogue"] = catalogue
    if "scope" in merged:
        changes["scope"] = frozenset(merged["scope"])
    for key in ("block_a_tolerance_points", "indicator_tolerance"):
        if key in merged:
            changes[key] = merged[key]
    if "block_a_shares" in merged:
        changes["block_a_shares"] = _shares(top.id, merged["block_a_shares"], changes)
    for indicator, cutoffs in bands.items():
        if len(cutoffs) != 3 or sorted(cutoffs) != cutoffs:
            raise FrameworkError(
                f"framework {top.id}: key 'indicator_bands.{indicator}' must be three "
                "ascending cut-offs"
            )
    changes["indicator_bands"] = {k: IndicatorBands((v[0], v[1], v[2])) for k, v in bands.items()}
    settings = dataclasses.replace(settings, **changes)
    return Framework(
        id=top.id,
        title=top.title,
        kind=kind,
        version=top.version,
        lineage=tuple(f.id for f in chain),
        description=top.description,
        source=top.source,
        profile=settings,
        rules=tuple(_rule(top.id, i, spec) for i, spec in enumerate(specs)),
        publication_date=published,
        transitional=transitional,
        simulation=simulation,
        **({"signatory": signatory} if signatory else {}),
    )


def _rule(framework: str, index: int, spec: RuleSpec) -> Rule:
    kind = RULE_KINDS.get(spec.kind)
    if kind is None:
        known = ", ".join(sorted(RULE_KINDS))
        raise FrameworkError(
            f"framework {framework}: rule {spec.code}: key 'kind': unknown rule kind "
            f"{spec.kind!r} (known: {known})"
        )
    try:
        params = kind.params.model_validate(spec.params)
    except ValidationError as error:
        raise FrameworkError(
            f"framework {framework}: rule {spec.code}: params: {_first_problem(error)}"
        ) from None
    return Rule(spec.code, spec.kind, spec.description, spec.source, params, kind.is_limiter)


def _shares(
    framework: str, specs: list[dict[str, Any]], changes: dict[str, Any]
) -> tuple[ShareSource, ...]:
    """Check a framework's Block A shares against its catalogue and groups."""
    catalogue = changes.get("catalogue", DEFAULT_CATALOGUE)
    known = {str(i.id) for i in indicator_catalogue(catalogue)}
    groups = {gid for gid, _, _ in DEFAULT_GROUPS}
    out = []
    for spec in specs:
        if spec["group"] not in groups:
            raise FrameworkError(
                f"framework {framework}: key 'profile.block_a_shares': no Block A group "
                f"{spec['group']!r} (groups: {', '.join(sorted(groups))})"
            )
        for ident in (i for pair in spec["parts"] for i in pair):
            if ident not in known:
                raise FrameworkError(
                    f"framework {framework}: key 'profile.block_a_shares': {ident!r} is not in "
                    f"the indicator catalogue {catalogue!r}"
                )
        out.append(ShareSource(spec["group"], tuple(tuple(pair) for pair in spec["parts"])))
    return tuple(out)
