"""Actor mentions: a registry ruler ahead of NER, and a linker for NER spans after it.

The ruler matches every alias of ``corpus/actors.yml`` with accent, apostrophe and dash
variants; multi-word aliases ignore case, one-word aliases keep the case of their first
letter ("Orange" is not "orange") and all-capital acronyms match exactly ("ANS" is not
"ans"). The longest match wins, so "conseil de la Cnam" is cnam-council, not cnam. Elided
articles ("l'", "d'") stay outside the span. Matches become ``doc.ents`` (the NER then
predicts around them) and ``doc._.mentions``. After NER, PER and ORG entities the ruler did
not find are kept as unlinked mentions and linked by normalised or fuzzy match when one
actor is clearly best.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from controverse import paths
from controverse.components.common import (
    Mention,
    cached_registry,
    doc_text,
    ensure_sentences,
    loose_pattern,
    set_sentence_starts,
    strip_accents,
)
from controverse.registry import Registry, normalise_name

PERSON_LABELS = {"PER", "PERSON"}
ORG_LABELS = {"ORG"}
FUZZY_THRESHOLD = 92
FUZZY_MARGIN = 4


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in alias


def build_alias_regex(registry: Registry) -> tuple[re.Pattern, dict[str, str]]:
    """One regex over every alias (longest first) and the map from group name to actor id.

    The alternatives are bucketed by their first letter (accents and case folded) behind a
    lookahead on that letter, so at each word start the engine tries one bucket instead of
    every alias: the ruler's cost no longer grows with the size of the registry."""
    entries = []
    for actor in registry.actors.values():
        for alias in actor.surface_forms():
            entries.append((alias, actor.id))
    entries.sort(key=lambda e: (-len(e[0]), e[0]))
    buckets: dict[str, list[str]] = {}
    groups = {}
    for index, (alias, actor_id) in enumerate(entries):
        if _is_acronym(alias):
            body = re.escape(alias)
        else:
            body = loose_pattern(alias, case_sensitive_first=" " not in alias.strip())
        name = f"a{index}"
        groups[name] = actor_id
        first = strip_accents(alias[0]).lower()
        buckets.setdefault(first, []).append(f"(?P<{name}>{body})")
    alternatives = "|".join(
        f"(?={loose_pattern(first)})(?:{'|'.join(parts)})"
        for first, parts in sorted(buckets.items())
    )
    pattern = r"(?<![\w@/.-])(?:" + alternatives + r")(?![\w@-])"
    return re.compile(pattern), groups


def find_actor_mentions(text: str, regex: re.Pattern, groups: dict[str, str]) -> list[Mention]:
    found = []
    for match in regex.finditer(text):
        actor_id = groups[match.lastgroup]
        start = match.start()
        # "association InterHop" names InterHop: the common noun stays outside the span
        lead = GENERIC_LEAD.match(match.group())
        if lead and match.end() - start - lead.end() >= 3:
            start += lead.end()
        found.append(Mention(start, match.end(), text[start : match.end()], actor_id, "", "ruler"))
    return found


GENERIC_LEAD = re.compile(
    r"(?:l['’])?(?:association|collectif|syndicat|soci[ée]t[ée]|entreprise|group|company|"
    r"firm|the association)\s+(?=[A-Z])"
)


def _label_for(registry: Registry, actor_id: str) -> str:
    return "PER" if registry.get(actor_id).type == "person" else "ORG"


@Language.factory("controverse_actors", default_config={"actors_path": str(paths.ACTORS_FILE)})
def make_actor_ruler(nlp: Language, name: str, actors_path: str):
    return ActorRuler(cached_registry(actors_path))


class ActorRuler:
    def __init__(self, registry: Registry):
        self.registry = registry
        self.regex, self.groups = build_alias_regex(self.registry)

    def __call__(self, doc: Doc) -> Doc:
        set_sentence_starts(doc, ensure_sentences(doc))
        mentions = find_actor_mentions(doc_text(doc), self.regex, self.groups)
        spans = []
        kept = []
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            label = _label_for(self.registry, mention.actor_id)
            mention.ner_label = label
            spans.append(Span(doc, span.start, span.end, label=label, kb_id=mention.actor_id))
            kept.append(mention)
        doc.ents = filter_spans(spans)
        doc._.mentions = kept
        return doc


@Language.factory("controverse_linker", default_config={"actors_path": str(paths.ACTORS_FILE)})
def make_linker(nlp: Language, name: str, actors_path: str):
    return Linker(cached_registry(actors_path))


class Linker:
    """Keep NER PER/ORG entities the ruler missed; link them only when unambiguous."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.choices: dict[str, str] = {}
        ambiguous: set[str] = set()
        for form, actor_id in self.registry.aliases():
            key = normalise_name(form)
            if key in self.choices and self.choices[key] != actor_id:
                ambiguous.add(key)
            self.choices[key] = actor_id
        for key in ambiguous:
            del self.choices[key]
        self.keys = list(self.choices)

    def link(self, text: str, label: str) -> tuple[str | None, str]:
        key = normalise_name(re.sub(r"^(l|d)['’]", "", text.strip()))
        if key in self.choices:
            return self.choices[key], "normalised"
        if len(key) < 5:
            return None, "ner"
        best = process.extract(key, self.keys, scorer=fuzz.WRatio, limit=2)
        if best and best[0][1] >= FUZZY_THRESHOLD:
            first = self.choices[best[0][0]]
            runner_up = self.choices[best[1][0]] if len(best) > 1 else None
            if runner_up in (None, first) or best[0][1] - best[1][1] >= FUZZY_MARGIN:
                actor = self.registry.get(first)
                if (actor.type == "person") == (label in PERSON_LABELS):
                    return first, "fuzzy"
        return None, "ner"

    def __call__(self, doc: Doc) -> Doc:
        mentions = list(doc._.mentions or [])
        covered = [(m.start, m.end) for m in mentions]
        for ent in doc.ents:
            if ent.kb_id_ or ent.label_ not in PERSON_LABELS | ORG_LABELS:
                continue
            start, end = ent.start_char, ent.end_char
            if any(s < end and start < e for s, e in covered):
                continue
            text = ent.text
            actor_id, method = self.link(text, ent.label_)
            label = "PER" if ent.label_ in PERSON_LABELS else "ORG"
            mentions.append(Mention(start, end, text, actor_id, label, method))
        mentions.sort(key=lambda m: (m.start, m.end))
        doc._.mentions = mentions
        return doc
