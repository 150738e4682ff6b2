"""The actor registry (``corpus/actors.yml``) and stance targets (``corpus/targets.yml``).

Both are validated on load; every problem names the file, the line and the field, and all
problems are reported at once (``InputError``). Formats: ``docs/formats.md`` sections 2–3.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from controverse import paths
from controverse.errors import InputError, Problem

ACTOR_TYPES = (
    "person", "government", "ministry", "regulator", "court", "parliament", "public-body",
    "platform", "company", "ngo", "union", "eu-body", "media",
)  # fmt: skip
FIXED_ACTOR_IDS = (
    "health-data-hub", "cnam", "cnam-council", "cnil", "microsoft", "conseil-d-etat",
    "french-government", "ministry-of-health", "la-quadrature-du-net", "interhop", "cnll",
    "anticor", "ovhcloud", "anssi", "senat", "assemblee-nationale", "cjeu",
    "european-commission", "capgemini", "clever-cloud", "internet-society-france", "cedric-o",
    "olivier-veran", "stephanie-combes", "agnes-buzyn", "marie-laure-denis", "octave-klaba",
    "philippe-latombe", "catherine-morin-desailly", "nathalie-goulet", "jean-noel-barrot",
    "amelie-de-montchalin", "bruno-le-maire", "emmanuel-macron", "francois-braun",
    "thomas-fatome", "guillaume-poupard", "adrien-parrot", "ufml", "cnom",
)  # fmt: skip
LANGS = ("fr", "en")
ACTOR_KEYS = {"id", "label", "name", "type", "aliases", "role_nouns", "parent", "affiliation",
              "gender", "roles", "note"}  # fmt: skip
TARGET_KEYS = {"id", "label", "description", "cues", "oppose", "support", "note"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ROLE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def normalise_name(text: str) -> str:
    """Casefolded, accent-free, with apostrophes, dashes and spaces made uniform."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[’‘`´ʼ]", "'", text)
    text = re.sub(r"[‐‑‒–—−]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Actor:
    id: str
    label: str
    type: str
    name: str | None = None
    aliases: dict[str, list[str]] = field(default_factory=dict)
    role_nouns: dict[str, list[str]] = field(default_factory=dict)
    parent: str | None = None
    affiliation: str | None = None
    gender: str | None = None
    roles: list[dict[str, Any]] = field(default_factory=list)

    def surface_forms(self, lang: str | None = None) -> list[str]:
        """Label, name and aliases (of one language, or all), without repeats."""
        forms = [self.label] + ([self.name] if self.name else [])
        for language in (lang,) if lang else LANGS:
            forms += self.aliases.get(language, [])
        seen: dict[str, None] = {}
        for form in forms:
            seen.setdefault(form, None)
        return list(seen)


@dataclass(frozen=True)
class Target:
    id: str
    label: str
    description: str = ""
    cues: dict[str, list[str]] = field(default_factory=dict)
    oppose: dict[str, list[str]] = field(default_factory=dict)
    support: dict[str, list[str]] = field(default_factory=dict)

    def patterns(self, kind: str, lang: str) -> list[re.Pattern]:
        """Compiled regexes of ``kind`` (cues, oppose, support) for ``lang``."""
        return [re.compile(p, re.IGNORECASE) for p in getattr(self, kind).get(lang, [])]


class Registry:
    """The actors by id, with lookups by alias."""

    def __init__(self, actors: list[Actor], source: Path | None = None, digest: str = ""):
        self.actors: dict[str, Actor] = {a.id: a for a in actors}
        self.source = source
        self._digest = digest
        self._by_alias: dict[str, str] = {}
        for actor in actors:
            for form in actor.surface_forms():
                self._by_alias.setdefault(normalise_name(form), actor.id)

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self.actors

    def get(self, actor_id: str) -> Actor:
        try:
            return self.actors[actor_id]
        except KeyError:
            raise KeyError(f"unknown actor id {actor_id!r} in {self.source}") from None

    def by_alias(self, text: str, lang: str | None = None) -> Actor | None:
        """The actor one of whose names matches ``text`` (case and accents ignored)."""
        actor_id = self._by_alias.get(normalise_name(text))
        return self.actors[actor_id] if actor_id else None

    def aliases(self, lang: str | None = None) -> list[tuple[str, str]]:
        """(surface form, actor id) pairs for ``lang`` (all languages when None)."""
        return [(form, a.id) for a in self.actors.values() for form in a.surface_forms(lang)]

    def children(self, actor_id: str) -> list[Actor]:
        return [a for a in self.actors.values() if a.parent == actor_id]

    def labels(self) -> dict[str, str]:
        """{actor id: display label} for every actor."""
        return {a.id: a.label for a in self.actors.values()}

    def label(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.label if actor else actor_id

    def fingerprint(self) -> str:
        """sha256 of the registry file: part of the extraction cache key."""
        return self._digest


# ----------------------------------------------------------------------------- loading


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records each mapping's line as ``__line__`` (1-based)."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


_LineLoader.yaml_implicit_resolvers = {
    key: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read_list(path: Path) -> tuple[list[dict], str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", file=str(path)) from exc
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_LineLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            Problem(
                file=str(path), line=mark.line + 1 if mark else None, message=f"invalid YAML: {exc}"
            )
        ) from exc
    if not isinstance(data, list):
        raise InputError("must be a YAML list of entries", file=str(path))
    return data, hashlib.sha256(raw).hexdigest()


def _checked_entries(path: Path, entries: list, allowed: set[str], problems: list[Problem]):
    """Yield (entry, where, id) for each entry that is a mapping with a new, valid id;
    report non-mappings, unknown keys, bad and duplicate ids."""
    first_line: dict[str, int | None] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            problems.append(Problem(file=str(path), message=f"entry is not a mapping: {entry!r}"))
            continue
        line = entry.pop("__line__", None)
        where = {"file": str(path), "line": line}
        for key in sorted(set(entry) - allowed):
            problems.append(Problem(field=key, message="unknown key", **where))
        entry_id = entry.get("id")
        if not isinstance(entry_id, str) or not _ID.match(entry_id):
            message = f"missing or not a lowercase slug: {entry_id!r}"
            problems.append(Problem(field="id", message=message, **where))
            continue
        if entry_id in first_line:
            message = f"duplicate id {entry_id!r} (first at line {first_line[entry_id]})"
            problems.append(Problem(field="id", message=message, **where))
            continue
        first_line[entry_id] = line
        yield entry, where, entry_id


def _lang_lists(value: Any, where: dict, key: str, problems: list[Problem]) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(
            Problem(field=key, message="must be a mapping of language -> list", **where)
        )
        return {}
    out = {}
    for lang, items in value.items():
        if lang == "__line__":
            continue
        if lang not in LANGS:
            problems.append(
                Problem(
                    field=f"{key}.{lang}",
                    message=f"unknown language (use {', '.join(LANGS)})",
                    **where,
                )
            )
            continue
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            problems.append(
                Problem(
                    field=f"{key}.{lang}", message="must be a list of non-empty strings", **where
                )
            )
            continue
        out[lang] = [i.strip() for i in items]
    return out


def load_registry(actors_path: str | Path = paths.ACTORS_FILE) -> Registry:
    """The validated actor registry; InputError listing every problem otherwise."""
    path = Path(actors_path)
    entries, digest = _read_list(path)
    problems: list[Problem] = []
    actors: list[Actor] = []
    seen_ids: dict[str, int] = {}
    alias_owner: dict[str, tuple[str, int]] = {}
    for entry, where, actor_id in _checked_entries(path, entries, ACTOR_KEYS, problems):
        line = where["line"]
        seen_ids[actor_id] = line
        if not isinstance(entry.get("label"), str) or not entry["label"].strip():
            problems.append(Problem(field="label", message=f"{actor_id}: missing label", **where))
        if entry.get("type") not in ACTOR_TYPES:
            problems.append(
                Problem(
                    field="type",
                    message=f"{actor_id}: type {entry.get('type')!r} not in {', '.join(ACTOR_TYPES)}",
                    **where,
                )
            )
        aliases = _lang_lists(entry.get("aliases"), where, "aliases", problems)
        role_nouns = _lang_lists(entry.get("role_nouns"), where, "role_nouns", problems)
        gender = entry.get("gender")
        if gender not in (None, "f", "m"):
            problems.append(
                Problem(field="gender", message=f"{actor_id}: gender must be f or m", **where)
            )
        roles = entry.get("roles") or []
        if not isinstance(roles, list):
            problems.append(
                Problem(field="roles", message=f"{actor_id}: roles must be a list", **where)
            )
            roles = []
        clean_roles = []
        for index, role in enumerate(roles):
            if not isinstance(role, dict) or not role.get("role"):
                problems.append(
                    Problem(
                        field=f"roles[{index}]", message=f"{actor_id}: a role needs 'role'", **where
                    )
                )
                continue
            role = {k: v for k, v in role.items() if k != "__line__"}
            for bound in ("from", "to"):
                value = role.get(bound)
                if value is not None and not _ROLE_DATE.match(str(value)):
                    problems.append(
                        Problem(
                            field=f"roles[{index}].{bound}",
                            message=f"{actor_id}: date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
                            **where,
                        )
                    )
            clean_roles.append(role)
        actor = Actor(
            id=actor_id,
            label=str(entry.get("label") or actor_id),
            type=str(entry.get("type")),
            name=entry.get("name"),
            aliases=aliases,
            role_nouns=role_nouns,
            parent=entry.get("parent"),
            affiliation=entry.get("affiliation"),
            gender=gender,
            roles=clean_roles,
        )
        for form in actor.surface_forms():
            key = normalise_name(form)
            owner = alias_owner.get(key)
            if owner and owner[0] != actor_id:
                problems.append(
                    Problem(
                        field="aliases",
                        message=f"{actor_id}: alias {form!r} already names {owner[0]} (line {owner[1]})",
                        **where,
                    )
                )
            else:
                alias_owner[key] = (actor_id, line)
        actors.append(actor)
    ids = {a.id for a in actors}
    for actor in actors:
        where = {"file": str(path), "line": seen_ids.get(actor.id)}
        for key in ("parent", "affiliation"):
            ref = getattr(actor, key)
            if ref is not None and ref not in ids:
                problems.append(
                    Problem(field=key, message=f"{actor.id}: unknown {key} id {ref!r}", **where)
                )
        for index, role in enumerate(actor.roles):
            org = role.get("org")
            if org is not None and org not in ids:
                problems.append(
                    Problem(
                        field=f"roles[{index}].org",
                        message=f"{actor.id}: unknown org id {org!r}",
                        **where,
                    )
                )
    missing = [i for i in FIXED_ACTOR_IDS if i not in ids]
    if missing and path.resolve() == Path(paths.ACTORS_FILE).resolve():
        problems.append(
            Problem(file=str(path), message=f"fixed actor ids missing: {', '.join(missing)}")
        )
    if problems:
        raise InputError(problems)
    return Registry(actors, source=path, digest=digest)


def load_targets(path: str | Path = paths.TARGETS_FILE) -> list[Target]:
    """The validated stance targets; InputError listing every problem otherwise."""
    path = Path(path)
    entries, _ = _read_list(path)
    problems: list[Problem] = []
    targets: list[Target] = []
    for entry, where, target_id in _checked_entries(path, entries, TARGET_KEYS, problems):
        lists = {
            k: _lang_lists(entry.get(k), where, k, problems) for k in ("cues", "oppose", "support")
        }
        if not any(lists["cues"].values()):
            problems.append(Problem(field="cues", message=f"{target_id}: no cue patterns", **where))
        for kind, by_lang in lists.items():
            for lang, patterns in by_lang.items():
                for pattern in patterns:
                    try:
                        re.compile(pattern)
                    except re.error as exc:
                        problems.append(
                            Problem(
                                field=f"{kind}.{lang}",
                                message=f"{target_id}: pattern {pattern!r} does not compile: {exc}",
                                **where,
                            )
                        )
        targets.append(
            Target(
                id=target_id,
                label=str(entry.get("label") or target_id),
                description=str(entry.get("description") or ""),
                **lists,
            )
        )
    if problems:
        raise InputError(problems)
    return targets


def targets_fingerprint(path: str | Path = paths.TARGETS_FILE) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
