"""A synthetic corpus for benchmarks and scale tests, clearly marked synthetic.

Documents of varied length, type and language are assembled from phrase templates, the
registry's actors and fictitious speakers. They are not facts: every file says
``synthetic: true``, its title starts with "[synthetic]", and its source is this generator.
Registry actors are only *mentioned*, in neutral sentences; every quote and position is
given to a fictitious speaker ("le collectif fictif Alpha"), so no real person or body is
made to say anything.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from controverse import paths
from controverse.tables import DOC_TYPES

MONTHS_FR = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
MONTHS_EN = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip

CLAIMS = {
    "fr": {
        "oppose": [
            "l'hébergement des données de santé chez {host} les expose au droit américain",
            "un appel d'offres doit permettre de choisir un hébergeur souverain",
            "la plateforme doit quitter {host} dans les plus brefs délais",
        ],
        "support": [
            "le choix de {host} était la seule solution technique disponible",
            "aucune solution alternative viable n'existait à court terme",
        ],
        "neutral": [
            "la question de l'hébergement sera tranchée après une étude technique",
            "les garanties contractuelles doivent être examinées avec soin",
        ],
    },
    "en": {
        "oppose": [
            "hosting health data at {host} exposes it to US law",
            "a call for tenders should pick a sovereign host",
            "the platform must leave {host} as soon as possible",
        ],
        "support": [
            "choosing {host} was the only workable technical option",
            "no viable alternative existed in the short term",
        ],
        "neutral": [
            "the hosting question will be settled after a technical study",
            "the contractual guarantees must be examined carefully",
        ],
    },
}
VERBS = {
    "fr": ["estime", "rappelle", "affirme", "considère", "souligne", "juge"],
    "en": ["said", "argued", "warned", "noted", "stressed"],
}
FICTITIOUS_SPEAKERS = {
    "fr": [
        f"le collectif fictif {name}" for name in ("Alpha", "Bêta", "Gamma", "Delta", "Epsilon")
    ],
    "en": [
        f"the fictitious group {name}" for name in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon")
    ],
}
NEUTRAL_MENTIONS = {
    "fr": ["Le dossier cite {actor}.", "{actor} figure parmi les acteurs du dossier."],
    "en": ["The file mentions {actor}.", "{actor} is among the actors of the case."],
}
FILLER = {
    "fr": [
        "La plateforme rassemble des données de santé pseudonymisées pour la recherche.",
        "Le dossier est suivi de près par les associations de patients.",
        "Plusieurs procédures restent pendantes devant les juridictions.",
        "Le calendrier de migration a déjà été révisé à plusieurs reprises.",
        "Les chercheurs attendent un accès plus simple aux bases de données.",
    ],
    "en": [
        "The platform gathers pseudonymised health data for research.",
        "Patient groups are following the case closely.",
        "Several cases are still pending before the courts.",
        "The migration timetable has already been revised several times.",
        "Researchers are waiting for simpler access to the databases.",
    ],
}


@dataclass(frozen=True)
class SynthActor:
    id: str
    names: dict[str, str]


def _registry_organisations(actors_path: Path) -> list[SynthActor]:
    data = yaml.safe_load(actors_path.read_text(encoding="utf-8")) or []
    actors = []
    for entry in data:
        if entry.get("type") == "person":
            continue
        aliases = entry.get("aliases") or {}
        fr = (aliases.get("fr") or [entry["label"]])[0]
        en = (aliases.get("en") or [fr])[0]
        actors.append(SynthActor(entry["id"], {"fr": fr, "en": en}))
    if len(actors) < 2:
        raise ValueError(
            f"{actors_path}: need at least two non-person actors for a synthetic corpus"
        )
    return actors


def _date_expression(rng: random.Random, lang: str, year: int) -> str:
    month = rng.randrange(12)
    day = rng.randint(1, 28)
    if lang == "fr":
        return rng.choice(
            [
                f"le {day} {MONTHS_FR[month]} {year}",
                f"en {MONTHS_FR[month]} {year}",
                f"à l'été {year}",
            ]
        )
    return rng.choice([f"on {MONTHS_EN[month]} {day}, {year}", f"in {MONTHS_EN[month]} {year}"])


def _sentence(rng: random.Random, lang: str, actors: list[SynthActor], host: str, year: int) -> str:
    if rng.random() < 0.35:
        return rng.choice(NEUTRAL_MENTIONS[lang]).format(actor=rng.choice(actors).names[lang])
    actor = rng.choice(FICTITIOUS_SPEAKERS[lang])
    stance = rng.choice(["oppose", "oppose", "support", "neutral"])
    claim = rng.choice(CLAIMS[lang][stance]).format(host=host)
    verb = rng.choice(VERBS[lang])
    form = rng.randrange(5)
    if form == 0:
        return f"{actor} {verb} que {claim}." if lang == "fr" else f"{actor} {verb} that {claim}."
    if form == 1:
        quoted = claim[0].upper() + claim[1:]
        return f"« {quoted} », {verb} {actor}." if lang == "fr" else f'"{quoted}," {actor} {verb}.'
    if form == 2:
        when = _date_expression(rng, lang, year)
        when = when[0].upper() + when[1:]
        if lang == "fr":
            return f"{when}, {actor} a rappelé que {claim}."
        return f"{when}, {actor} {verb} that {claim}."
    if form == 3:
        return f"Selon {actor}, {claim}." if lang == "fr" else f"According to {actor}, {claim}."
    return rng.choice(FILLER[lang])


def synthetic_documents(
    n_docs: int, *, seed: int = 0, actors_path: Path = paths.ACTORS_FILE
) -> Iterator[dict]:
    """Yield ``n_docs`` synthetic documents (front-matter fields plus ``text``), deterministic."""
    rng = random.Random(seed)
    actors = _registry_organisations(actors_path)
    hosts = [a.names["fr"] for a in actors if "microsoft" in a.id] or ["Microsoft"]
    width = max(5, len(str(n_docs)))
    for index in range(n_docs):
        lang = "fr" if rng.random() < 0.7 else "en"
        year = rng.randint(2019, 2024)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        n_paragraphs = rng.choice([1, 2, 3, 4, 6, 10])
        paragraphs = [
            " ".join(
                _sentence(rng, lang, actors, rng.choice(hosts), year)
                for _ in range(rng.randint(2, 6))
            )
            for _ in range(n_paragraphs)
        ]
        yield {
            "id": f"synthetic-{index:0{width}d}",
            "date": date,
            "title": f"[synthetic] document {index} ({lang})",
            "source": "controverse synthetic generator",
            "doc_type": rng.choice(DOC_TYPES),
            "language": lang,
            "synthetic": True,
            "note": "Synthetic text generated from templates for benchmarks; not a real source.",
            "text": "\n\n".join(paragraphs),
        }


def write_synthetic_corpus(
    n_docs: int, out_dir: str | Path, *, seed: int = 0, actors_path: Path = paths.ACTORS_FILE
) -> int:
    """Write the synthetic documents as Markdown files in ``out_dir``; return how many."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for document in synthetic_documents(n_docs, seed=seed, actors_path=actors_path):
        meta = {k: v for k, v in document.items() if k != "text"}
        body = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"
        target = out / f"{document['id']}.md"
        temporary = out / f".{document['id']}.md.tmp"
        temporary.write_text(body + document["text"] + "\n", encoding="utf-8")
        os.replace(temporary, target)
        count += 1
    return count
