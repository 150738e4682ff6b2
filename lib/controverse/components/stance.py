"""Stances: (actor, target, support/oppose/neutral) statements with their cue and evidence.

Transparent rules. A sentence (or quote) is about a target when one of the target's cue
patterns matches. Its polarity is the balance of the target's own oppose/support cues and
the general stance verbs of ``lexicon.py``, with negation flipping a verb. The actor is the
speaker of a quote in the sentence, or else the registry actors named before the first
stance cue (the grammatical subjects: "InterHop et le CNLL saisissent le Conseil d'État").
The cue that decided is in every row.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from controverse import paths
from controverse.components.common import (
    Statement,
    cached_registry,
    cached_targets,
    ensure_sentences,
)
from controverse.components.lexicon import NEGATION, OPPOSE, SUPPORT
from controverse.registry import Registry, Target

NON_HOLDERS = {"media"}
MAX_SUBJECTS = 6


@Language.factory(
    "controverse_stance",
    default_config={
        "lang": "fr",
        "actors_path": str(paths.ACTORS_FILE),
        "targets_path": str(paths.TARGETS_FILE),
    },
)
def make_stance(nlp: Language, name: str, lang: str, actors_path: str, targets_path: str):
    return StanceFinder(lang, cached_registry(actors_path), cached_targets(targets_path))


class StanceFinder:
    def __init__(self, lang: str, registry: Registry, targets: list[Target]):
        self.lang = lang if lang in OPPOSE else "fr"
        self.registry = registry
        self.targets = targets
        self.compiled = [
            (
                target,
                target.patterns("cues", self.lang),
                target.patterns("oppose", self.lang),
                target.patterns("support", self.lang),
            )
            for target in self.targets
        ]
        self.oppose = re.compile(OPPOSE[self.lang], re.I)
        self.support = re.compile(SUPPORT[self.lang], re.I)
        self.negation = re.compile(NEGATION[self.lang], re.I)

    def polarity(self, text: str, oppose_patterns, support_patterns) -> tuple[int, list[str]]:
        """Score (>0 support, <0 oppose) and the cues that fired."""
        score = 0
        cues: list[str] = []
        negated = bool(self.negation.search(text))
        for pattern in oppose_patterns:
            for match in pattern.finditer(text):
                score -= 2
                cues.append(match.group())
        for pattern in support_patterns:
            for match in pattern.finditer(text):
                score += 2
                cues.append(match.group())
        for match in self.oppose.finditer(text):
            score += 1 if negated else -1
            cues.append(match.group())
        for match in self.support.finditer(text):
            score += -1 if negated else 1
            cues.append(match.group())
        return score, cues

    def holders(self, doc: Doc, start: int, end: int, first_cue: int, target_id: str) -> list:
        mentions = [
            m for m in doc._.mentions or [] if m.actor_id and start <= m.start < min(end, first_cue)
        ]
        holders = []
        for mention in mentions:
            actor = self.registry.actors.get(mention.actor_id)
            if actor is None or actor.type in NON_HOLDERS:
                continue
            if mention.actor_id in ("microsoft", target_id) and target_id in (
                "microsoft-hosting",
                "health-data-hub",
            ):
                if mention.actor_id == "microsoft" and target_id == "microsoft-hosting":
                    continue
                if mention.actor_id == "health-data-hub" and target_id == "health-data-hub":
                    continue
            if mention.actor_id not in [h.actor_id for h in holders]:
                holders.append(mention)
        return holders[:MAX_SUBJECTS]

    def __call__(self, doc: Doc) -> Doc:
        sentences = ensure_sentences(doc)
        text = doc.text
        quotes = doc._.quotes or []
        statements: list[Statement] = []
        for s_start, s_end in sentences:
            sentence = text[s_start:s_end]
            in_sentence = [q for q in quotes if s_start <= q.start < s_end and q.speaker_id]
            for target, cues, oppose, support in self.compiled:
                if not any(p.search(sentence) for p in cues):
                    continue
                if in_sentence:
                    for quote in in_sentence:
                        score, fired = self.polarity(sentence, oppose, support)
                        self._add(
                            statements,
                            quote.speaker_id,
                            target.id,
                            score,
                            fired,
                            s_start,
                            s_end,
                            sentence,
                            quoted=True,
                        )
                    continue
                score, fired = self.polarity(sentence, oppose, support)
                if score == 0:
                    continue
                first_cue = s_start + min(
                    (
                        m.start()
                        for p in [*oppose, *support, self.oppose, self.support]
                        for m in p.finditer(sentence)
                    ),
                    default=len(sentence),
                )
                for holder in self.holders(doc, s_start, s_end, first_cue, target.id):
                    self._add(
                        statements,
                        holder.actor_id,
                        target.id,
                        score,
                        fired,
                        s_start,
                        s_end,
                        sentence,
                        quoted=False,
                    )
        doc._.statements = statements
        return doc

    @staticmethod
    def _add(statements, actor_id, target_id, score, fired, start, end, sentence, quoted):
        if score == 0:
            return
        stance = "support" if score > 0 else "oppose"
        confidence = min(0.95, 0.5 + 0.1 * abs(score) + (0.1 if quoted else 0.0))
        statements.append(
            Statement(
                actor_id,
                target_id,
                stance,
                round(confidence, 2),
                "; ".join(dict.fromkeys(fired)),
                start,
                end,
                sentence,
            )
        )
