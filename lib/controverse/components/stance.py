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
    Mention,
    Statement,
    cached_registry,
    cached_targets,
    doc_text,
    ensure_sentences,
)
from controverse.components.lexicon import (
    LITIGATION,
    LITIGATION_TARGET,
    NEGATION,
    OPPOSE,
    SUPPORT,
    TARGET_LEXICONS,
)
from controverse.components.quotes import SpeakerResolver
from controverse.registry import Registry, Target

NON_HOLDERS = {"media"}
# bodies that judge or authorise rather than litigate
NON_LITIGANTS = {"court", "regulator", "media", "eu-body"}
OBJECT_CUE = re.compile(
    r"suspendre|suspension|annulation|contre|attaqu|against|challeng|suspend|annul", re.I
)
COURT_PROCEDURE = re.compile(
    r"rejet|refus|recours|requ[êe]te|suspen|r[ée]f[ée]r[ée]|reject|declin|dismiss|attaqu|saisi",
    re.I,
)
# never stance holders: the hosted platform and the host themselves
NOT_HOLDERS_IDS = {"microsoft", "health-data-hub"}
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
        self.resolver = SpeakerResolver(registry, self.lang)
        self.targets = targets
        # Both languages' patterns: documents quote across languages (an English article
        # quoting « C'est la peur de faire confiance aux acteurs français »). A target's own
        # stance cues also mark a sentence as being about it.
        languages = (self.lang, *[x for x in ("fr", "en") if x != self.lang])
        self.compiled = []

        def patterns(target, kind):
            own = list(target.patterns(kind, self.lang))
            # the other language's patterns only at word starts ("lance" is not in "balance")
            other = [
                re.compile(rf"(?<![^\W\d_])(?:{p.pattern})", p.flags)
                for lang in languages[1:]
                for p in target.patterns(kind, lang)
            ]
            return own + other

        for target in self.targets:
            oppose = patterns(target, "oppose")
            support = patterns(target, "support")
            cues = patterns(target, "cues")
            extra = TARGET_LEXICONS.get(target.id, {}).get("cues")
            if extra:
                cues.append(re.compile(extra[self.lang], re.I))
            self.compiled.append((target, [*cues, *oppose, *support], oppose, support))
        self.oppose = re.compile(OPPOSE[self.lang], re.I)
        self.support = re.compile(SUPPORT[self.lang], re.I)
        # general (oppose, support) lexicons per target: the defaults plus additions
        self.general = {}
        for target in self.targets:
            extra = TARGET_LEXICONS.get(target.id)
            if extra is None:
                self.general[target.id] = [self.oppose], [self.support]
                continue
            oppose = [] if extra["oppose"] is None else [self.oppose]
            if extra["oppose"]:
                oppose.append(re.compile(extra["oppose"][self.lang], re.I))
            support = [re.compile(extra["support"][self.lang], re.I)]
            if target.id != "health-data-hub":
                support.append(self.support)
            self.general[target.id] = oppose, support
        self.negation = re.compile(NEGATION[self.lang], re.I)
        self.litigation = re.compile(LITIGATION[self.lang], re.I)

    def litigants(self, doc: Doc, s_start: int, s_end: int) -> tuple[list, str]:
        """Actors before the last litigation cue of a sentence that files or joins a case."""
        sentence = doc_text(doc)[s_start:s_end]
        cues = list(self.litigation.finditer(sentence))
        if not cues:
            return [], ""
        # "contre"/"against" alone is not litigation
        if all(c.group().lower() in ("contre", "against") for c in cues):
            return [], ""
        # parties come before the thing attacked: "X demandent de suspendre la délibération
        # de la CNIL"; "X filed a challenge against the decision of Y"
        objects = [c for c in cues if OBJECT_CUE.match(c.group())]
        last = s_start + objects[0].start() if objects else s_end
        found = []
        for mention in doc._.mentions or []:
            if not mention.actor_id or not (s_start <= mention.start < last):
                continue
            actor = self.registry.actors.get(mention.actor_id)
            if actor is None or actor.type in NON_LITIGANTS or actor.type == "person":
                continue
            if mention.actor_id in ("microsoft", "health-data-hub", "french-government"):
                continue
            # "la délibération de la CNIL": an object, not a party
            before = doc_text(doc)[max(s_start, mention.start - 25) : mention.start]
            if re.search(
                r"(délibération|décision|arrêt|avis|ordonnance)\s+(?:\S+\s+){0,3}d", before
            ):
                continue
            if mention.actor_id not in [m.actor_id for m in found]:
                found.append(mention)
        return found, cues[-1].group()

    def polarity(
        self, text: str, oppose_patterns, support_patterns, general=None
    ) -> tuple[int, list[str]]:
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
        general_oppose, general_support = general or ([self.oppose], [self.support])
        for regex in general_oppose:
            for match in regex.finditer(text):
                score += 1 if negated else -1
                cues.append(match.group())
        for regex in general_support:
            for match in regex.finditer(text):
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

    def subject_holder(self, doc: Doc, s_start: int, first_cue: int) -> list:
        """A role noun or pronoun opening the sentence, resolved ("Cette délibération
        autorise …", "Il estime …"): the holder when no name precedes the cue."""
        head = doc_text(doc)[s_start:first_cue]
        head = re.sub(r"^(?:[^,]{0,40},\s*)", "", head) if "," in head[:42] else head
        offset = first_cue - len(head)
        mentions = doc._.mentions or []
        role = self.resolver.role_regex.match(re.sub(r"^(?:[Cc]ette|[Cc]e|[Tt]his)\s", "la ", head))
        actor_id = None
        if role:
            noun = re.sub(r"^(?:[Cc]ette|[Cc]e|[Tt]his)\s", "la ", head)[: role.end()]
            actor_id = self.resolver.resolve_role(noun, mentions, offset)
        else:
            pron = re.match(r"(il|elle|he|she)\b", head, re.I)
            if pron:
                actor_id = self.resolver.resolve_pronoun(pron.group(1), mentions, offset)
        if actor_id is None:
            return []
        return [Mention(offset, offset, "", actor_id, "", "subject")]

    def __call__(self, doc: Doc) -> Doc:
        sentences = ensure_sentences(doc)
        self.resolver.set_context(doc_text(doc), sentences)
        text = doc_text(doc)
        quotes = doc._.quotes or []
        statements: list[Statement] = []
        about_hosting = any(
            p.search(text)
            for t, cues, _o, _s in self.compiled
            if t.id == LITIGATION_TARGET
            for p in cues
        )
        for s_start, s_end in sentences:
            if about_hosting:
                litigants, cue = self.litigants(doc, s_start, s_end)
                for mention in litigants:
                    statements.append(
                        Statement(
                            mention.actor_id,
                            LITIGATION_TARGET,
                            "oppose",
                            0.6,
                            f"litigation: {cue}",
                            s_start,
                            s_end,
                            text[s_start:s_end],
                        )
                    )
            sentence = text[s_start:s_end]
            in_sentence = [q for q in quotes if s_start <= q.start < s_end and q.speaker_id]
            for target, cues, oppose, support in self.compiled:
                if not any(p.search(sentence) for p in cues):
                    continue
                if in_sentence:
                    for quote in in_sentence:
                        score, fired = self.polarity(
                            sentence, oppose, support, self.general[target.id]
                        )
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
                score, fired = self.polarity(sentence, oppose, support, self.general[target.id])
                if score == 0:
                    continue
                first_cue = s_start + min(
                    (
                        m.start()
                        for p in [
                            *oppose,
                            *support,
                            *self.general[target.id][0],
                            *self.general[target.id][1],
                        ]
                        for m in p.finditer(sentence)
                    ),
                    default=len(sentence),
                )
                holders = self.holders(doc, s_start, s_end, first_cue, target.id)
                if not holders:
                    holders = self.subject_holder(doc, s_start, first_cue)
                for holder in holders:
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

    def _add(self, statements, actor_id, target_id, score, fired, start, end, sentence, quoted):
        if score == 0 or actor_id in NOT_HOLDERS_IDS:
            return
        stance = "support" if score > 0 else "oppose"
        if (
            stance == "oppose"
            and target_id == "health-data-hub"
            and self.litigation.search(sentence)
        ):
            return  # litigants ask to suspend the platform to move it, not to end it
        actor = self.registry.actors.get(actor_id)
        if (
            stance == "oppose"
            and actor is not None
            and actor.type == "court"
            and any(COURT_PROCEDURE.search(cue) for cue in fired)
        ):
            # a court rejecting a request or refusing to suspend is ruling, not opposing
            stance = "neutral"
            fired = [*fired, "court ruling"]
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
