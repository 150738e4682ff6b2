"""Speakers: registry actors behind names, pronouns and role nouns at a position.

The quote and stance components share one resolver per language: a pronoun goes to the most
salient compatible actor before it (the last speaker, else the subject of the nearest
sentence), a role noun ("la ministre", "the regulator", "le juge des référés") to its own
registry actor or the most mentioned compatible one, a name given to the role first.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from controverse.components.common import find_direct_quotes
from controverse.components.lexicon import PRONOUNS, ROLE_NOUNS
from controverse.registry import Registry


class SpeakerResolver:
    """Resolves names, pronouns and role nouns to registry actors at a position."""

    def __init__(self, registry: Registry, lang: str):
        self.registry = registry
        self.lang = lang if lang in PRONOUNS else "fr"
        roles = {**ROLE_NOUNS[self.lang]}
        for actor in registry.actors.values():
            for noun in actor.role_nouns.get(self.lang, []):
                roles[re.escape(noun)] = ("id", actor.id)
        self.role_patterns = sorted(
            ((re.compile(rf"^(?:{p})$", re.I), rule) for p, rule in roles.items()),
            key=lambda item: -len(item[0].pattern),
        )
        self.role_regex = re.compile(
            r"\b(?:" + "|".join(sorted(roles, key=len, reverse=True)) + r")\b", re.I
        )

    def compatible(self, actor_id: str, rule: tuple[str, str]) -> bool:
        actor = self.registry.actors.get(actor_id)
        if actor is None:
            return False
        kind, value = rule
        if kind == "id":
            return actor_id == value
        if kind == "type":
            return actor.type == value
        if kind == "affiliation":
            return actor.affiliation in value.split(",")
        if kind == "body":
            return actor.type not in ("person", "company", "platform", "media")
        if kind == "role":
            return actor.type == "person" and any(
                value in str(r.get("role", "")).lower() for r in actor.roles
            )
        return False

    def person_of(self, mention, mentions):
        """The person a body's name introduces ("OVHcloud's founder Octave Klaba", "le patron
        d'OVHcloud Octave Klaba"): the person speaks, the body only qualifies them."""
        text = getattr(self, "text", "")
        first = bisect_left(mentions, mention.end, key=lambda m: m.start)
        for after in mentions[first : first + 2]:
            actor = self.registry.actors.get(after.actor_id)
            if (
                actor is not None
                and actor.type == "person"
                and actor.affiliation == mention.actor_id
                and re.fullmatch(
                    r"(?:['’]s)?\s+(?:[a-zà-ÿ-]+\s+){0,3}", text[mention.end : after.start]
                )
            ):
                return after
        return mention

    def _rules(self, noun: str) -> list[tuple[str, str]]:
        """The rules of the role patterns the noun matches."""
        return [rule for pattern, rule in self.role_patterns if pattern.match(noun.strip())]

    def role_fits(self, noun: str, actor_id: str) -> bool:
        """Whether the role noun can name this actor ("the council of state": a court)."""
        return any(self.compatible(actor_id, rule) for rule in self._rules(noun))

    def resolve_role(self, noun: str, mentions, position: int) -> str | None:
        """The actor a role noun refers to: its own actor when the registry names one, else
        the most mentioned compatible actor so far (ties: the most recent)."""
        matching = self._rules(noun)
        # the actor named right after the role ("le juge des référés du Conseil d'État",
        # "l'association Anticor")
        end = position + len(noun)
        text = getattr(self, "text", "")
        first = bisect_left(mentions, end, key=lambda m: m.start)  # mentions come sorted
        for mention in mentions[first : first + 3]:
            if (
                mention.actor_id
                and end <= mention.start <= end + 12
                and re.fullmatch(
                    r"[\s,]*(?:(?:du|de\s+la|de\s+l['’]|des|d['’]|of\s+the|of)\s*)?",
                    text[end : mention.start],
                    re.I,
                )
                and any(self.compatible(mention.actor_id, rule) for rule in matching)
            ):
                return mention.actor_id
        before = [m for m in mentions if m.actor_id and m.start < position]
        # "la ministre" is a woman, "le ministre" a man
        article = re.match(r"\s*(la|le)\s", noun, re.I) if self.lang == "fr" else None
        if article:
            wanted = "f" if article.group(1).lower() == "la" else "m"
            actors = self.registry.actors
            before = [
                m
                for m in before
                if getattr(actors.get(m.actor_id), "type", None) != "person"
                or actors[m.actor_id].gender in (None, wanted)
            ]
        # a name already given to this role ("le juge des référés du Conseil d'État") counts
        # three times: "le juge" goes back to it
        given = re.compile(rf"(?:{re.escape(noun.split()[-1])})\b[^.;:]{{0,25}}$", re.I)
        # registry role nouns first ("le conseil" is cnam-council before it is any court)
        matching.sort(key=lambda rule: rule[0] != "id")
        for rule in matching:
            if rule[0] == "id" and rule[1] in self.registry.actors:
                if not before or any(m.actor_id == rule[1] for m in before):
                    return rule[1]
            counts: dict[str, list[int]] = {}
            for rank, mention in enumerate(before):
                if self.compatible(mention.actor_id, rule):
                    cell = counts.setdefault(mention.actor_id, [0, 0])
                    named = given.search(text, max(0, mention.start - 40), mention.start)
                    cell[0] += 3 if named else 1
                    cell[1] = rank
            if counts:
                return max(counts, key=lambda a: (counts[a][0], counts[a][1]))
        for rule in matching:
            if rule[0] == "id" and rule[1] in self.registry.actors:
                return rule[1]
        return None

    def set_context(self, text: str, sentences: list[tuple[int, int]]) -> None:
        """The document being resolved (the component sets it once per doc)."""
        self.text = text
        self.sentences = sentences
        spans, _ = find_direct_quotes(text)
        self.quoted = [(inner_start, inner_end) for _o, _c, inner_start, inner_end in spans]

    def body_gender(self, mention) -> str | None:
        """Grammatical gender of a body from its article ("la CNIL" f, "le conseil" m)."""
        text = getattr(self, "text", "")
        before = text[max(0, mention.start - 8) : mention.start].lower()
        if re.search(r"\b(la|de la|à la|cette|sa)\s+$", before):
            return "f"
        if re.search(r"\b(le|du|au|ce|son)\s+$", before):
            return "m"
        return None

    def resolve_pronoun(
        self, pronoun: str, mentions, position: int, last_speaker=None
    ) -> str | None:
        """Most salient compatible actor: the last speaker when recent, else the first
        compatible actor (the subject) of the nearest sentence before ``position``."""
        gender = PRONOUNS[self.lang].get(pronoun.lower())
        if gender is None:
            return None
        # names inside quotations are what was said, not who said it
        quoted = getattr(self, "quoted", [])
        candidates = [
            m
            for m in mentions
            if m.actor_id and m.end <= position and not any(s <= m.start < e for s, e in quoted)
        ]
        if last_speaker and self._pronoun_fits(last_speaker, gender):
            recent = [m for m in candidates if m.start >= position - 400]
            if any(m.actor_id == last_speaker for m in recent) or not recent:
                return last_speaker
        sentences = [s for s in getattr(self, "sentences", []) if s[0] < position]
        for s_start, s_end in reversed(sentences[-4:]):
            inside = [m for m in candidates if s_start <= m.start < min(s_end, position)]
            # a role noun opening the sentence is its subject ("La directrice a tenu à …")
            heading = re.match(
                r"(?:[\W\d]*?\*\*[^*]{0,80}\*\*\s*|[\W\d]*)", self.text[s_start:position]
            )
            if heading and heading.end():
                s_start += heading.end()
            lead = re.match(r"[^,.;:«»]{0,40},\s*", self.text[s_start:position])
            role = self.role_regex.match(self.text, s_start, min(s_end, position))
            if role is None and lead:
                role = self.role_regex.match(self.text, s_start + lead.end(), min(s_end, position))
            if role:
                actor_id = self.resolve_role(role.group(), mentions, s_start)
                if actor_id:
                    inside.insert(0, _Ref(actor_id, s_start))
            # a role noun naming a person later in the sentence ("…, la sénatrice revient à la
            # charge"): a candidate in its place
            for later in self.role_regex.finditer(self.text, s_start, min(s_end, position)):
                if role is not None and later.start() == role.start():
                    continue
                actor_id = self.resolve_role(later.group(), mentions, later.start())
                actor = self.registry.actors.get(actor_id)
                if actor is not None and actor.type == "person":
                    inside.append(_Ref(actor_id, later.start()))
            inside.sort(key=lambda m: m.start)
            # companies and names after a preposition ("hébergée sur Microsoft") are rarely
            # the antecedent when a subject is at hand
            inside.sort(key=lambda m: (self._is_company(m.actor_id), self.after_preposition(m)))
            # persons whose gender matches first, then bodies; subject (first) first
            for mention in inside:
                if self._pronoun_fits(mention.actor_id, gender, mention, strict=True):
                    return mention.actor_id
            for mention in inside:
                if self._is_company(mention.actor_id) and self.after_preposition(mention):
                    continue  # "avec OVH": an object, look further back for the subject
                if self._pronoun_fits(mention.actor_id, gender, mention):
                    return mention.actor_id
        for mention in reversed(candidates):
            if self._pronoun_fits(mention.actor_id, gender, mention):
                return mention.actor_id
        return None

    def after_preposition(self, mention) -> bool:
        """Whether a preposition comes right before the mention ("vers Microsoft", "dans Le
        Monde", "under the CNIL's"): an object, rarely a subject or an antecedent."""
        before = getattr(self, "text", "")[max(0, mention.start - 12) : mention.start].lower()
        return bool(
            re.search(
                r"\b(?:sur|vers|chez|à|au|aux|avec|par|de|du|des|d['’]|contre|devant|dans|on|to|"
                r"with|by|of|at|from|against|before|in|into|under)\s*(?:la |le |les |l['’]|the )?$",
                before,
            )
        )

    def _is_company(self, actor_id: str) -> bool:
        actor = self.registry.actors.get(actor_id)
        return actor is not None and actor.type in ("company", "platform")

    def _pronoun_fits(self, actor_id: str, gender: str, mention=None, strict=False) -> bool:
        actor = self.registry.actors.get(actor_id)
        if actor is None or actor.type == "media":
            return False
        if actor.type == "person":
            return actor.gender == gender
        if strict or (self.lang == "en" and gender in ("f", "m")):
            return False
        if gender in ("f", "m") and mention is not None and self.lang == "fr":
            found = self.body_gender(mention)
            return found in (None, gender)
        return gender in ("f", "m", "pl", "n")


class _Ref:
    """A resolved role noun standing in for a mention during pronoun resolution."""

    def __init__(self, actor_id: str, start: int):
        self.actor_id = actor_id
        self.start = start
        self.end = start
