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
from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from controverse import paths
from controverse.components import reranker as reranker_module
from controverse.components.common import (
    Mention,
    Statement,
    cached_registry,
    cached_targets,
    doc_text,
    ensure_sentences,
)
from controverse.components.lexicon import (
    COUNTERFACTUAL,
    DENIED_AFTER,
    LITIGATION,
    LITIGATION_TARGET,
    NEGATION,
    OPPOSE,
    OWN_TENDER,
    SUPPORT,
    TARGET_LEXICONS,
)
from controverse.components.quotes import ATTRIBUTION_PREPS
from controverse.components.speakers import SpeakerResolver
from controverse.registry import Registry, Target

NON_HOLDERS = {"media"}
# bodies that judge or authorise rather than litigate
NON_LITIGANTS = {"court", "regulator", "media", "eu-body"}
OBJECT_CUE = re.compile(
    r"suspendre|suspension|annulation|contre|attaqu|against|challeng|suspend|annul", re.I
)
# never stance holders: the hosted platform and the host themselves
NOT_HOLDERS_IDS = {"microsoft", "health-data-hub"}
MAX_SUBJECTS = 6
LEADING_ARTICLE = re.compile(r"(?:l['’]|la\s+|le\s+|les\s+|the\s+)?", re.I)
# a cue word then "par"/"by": its agent follows ("déplorée par le député X")
PASSIVE_AGENT = re.compile(r"[\w'’-]+\s+(?:par|by)\s+", re.I)
CLAUSE_BREAK = re.compile(r",\s+(?:et|mais|tandis que|alors que|and|but|while)\b|;\s", re.I)
# an open question put to someone: what follows states no position
CHECK_WHETHER = re.compile(
    r"\b(?:vérifi|examin|étudi|évalu|determin|check|assess|stud|investigat)\w*\s+"
    r"(?:of\s+)?(?:si|s['’](?=il)|whether|if)\b",
    re.I,
)
QUOTED = re.compile(r"[«“\"]([^«»“”\"]*)[»”\"]")
# a shortfall said of a sovereign offer ("un écart très important de fonctionnalités")
GAP_AROUND = re.compile(
    r"\b(?:(?:un|an?)\s+(?:\w+\s+){0,2}?(?:écart|gap|shortfall)|"
    r"(?:écart|gap)s?\s+(?:\w+\s+){0,2}?(?:de fonctionnalités|in features|functional))",
    re.I,
)
# the object of a stance verb pointing back to the previous sentence's subject matter
ANAPHORIC_OBJECT = {
    "fr": re.compile(r"\b(?:la|cette|une|sa|leur) décision\b|\b(?:ce|le|son|leur) choix\b", re.I),
    "en": re.compile(r"\b(?:the|this|that|its|their) (?:decision|choice)\b", re.I),
}
ANAPHORIC_CLITIC = re.compile(r"\b(?:l['’]|les\s+)(?:a|ont|avait|avaient)?\s*$", re.I)
# a possessive promise to leave: "sa promesse de faire quitter Microsoft", "its pledge to"
PROMISE = re.compile(
    r"\b(?:sa|son|leur|ses|its|his|her|their)\s+(?:promesse|engagement|promise|pledge|"
    r"commitment)s?\s+(?:de|d['’]|to)\b",
    re.I,
)
CLAUSE_END = re.compile(r"[,;.]")
BROUGHT_BY = re.compile(
    r"\b(?:actions?|applications?|challenges?|cases?|complaints?|requests?|recours|requêtes?|"
    r"plaintes?|référés?)\s+(?:\w+\s+)?(?:brought|filed|lodged|introduit\w*|déposé\w*|formé\w*|"
    r"engagé\w*)\s+(?:by|par)\s+",
    re.I,
)
AGENTS_END = re.compile(r"\b(?:against|contre)\b|[.;:]")
# a party named by its role noun ("l'association a déposé un recours", "the union joined")
LITIGANT_ROLE = re.compile(
    r"\b(?:l['’]association|le collectif|le syndicat|les syndicats|the association|"
    r"the collective|the group|the union)\b",
    re.I,
)
# a negation just before a target cue ("a company not subject exclusively to European
# law"): a denial after it ("did not appear to be met") does not turn it around again
NEGATED_BEFORE = re.compile(r"\b(?:not|non|ne|n['’]|pas|no)\b[^,.;]{0,20}$", re.I)
# "Pour X, …", "Selon X, …", "According to X, …" opening a sentence
ATTRIBUTION = re.compile(
    rf"\s*(?:{ATTRIBUTION_PREPS['fr']}|{ATTRIBUTION_PREPS['en']})\s+"
    r"(?:l['’]|la\s+|le\s+|les\s+|the\s+)?",
    re.I,
)
# "auprès de la CNIL", "à la demande de", "pour l'Agence", "au Sénat", "devant
# l'Assemblée", "passé par l'UGAP", "avec OVHcloud": an addressee, requester, beneficiary,
# place, channel or companion, not the speaker
NOT_SUBJECT_BEFORE = re.compile(
    r"(?:auprès\s+d[eu]s?|à\s+la\s+demande\s+d[eu]s?|vis-à-vis\s+d[eu]s?|"
    r"à\s+l['’]égard\s+d[eu]s?|\s(?:pour|for|au|aux|à|devant|in|at|before|par|through|"
    r"via|avec|with))\s*(?:la\s+|l['’]|le\s+|les\s+|the\s+)?"
    r"(?:[a-zà-ÿ'’-]+\s+){0,4}?$",
    re.I,
)


@lru_cache(maxsize=1)
def _shipped_reranker():
    return reranker_module.load()


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
        # the other language's general verbs, read only inside quotation marks ("…",
        # Quentin Adam told La Tribune: « Il y a un mépris total de la donnée privée … »)
        other = "en" if self.lang == "fr" else "fr"
        self.quoted_general = (
            [re.compile(OPPOSE[other], re.I)],
            [re.compile(SUPPORT[other], re.I)],
        )
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
        self.neutral = {
            target_id: re.compile(extra["neutral"][self.lang], re.I)
            for target_id, extra in TARGET_LEXICONS.items()
            if extra and extra.get("neutral")
        }
        self.negation = re.compile(NEGATION[self.lang], re.I)
        self.denied_after = re.compile(DENIED_AFTER[self.lang], re.I)
        self.litigation = re.compile(LITIGATION[self.lang], re.I)
        self.counterfactual = re.compile(COUNTERFACTUAL, re.I)
        self.own_tender = re.compile(OWN_TENDER, re.I)
        # the trained document-level relabelling of the rules' statements (None: rules only)
        self.reranker = _shipped_reranker()
        self.last_groups: dict = {}

    def may_hold(self, actor_id: str | None) -> bool:
        """A registry actor that can state a position: not the host or the platform
        themselves, not an outlet."""
        actor = self.registry.actors.get(actor_id)
        return (
            actor is not None and actor.type not in NON_HOLDERS and actor_id not in NOT_HOLDERS_IDS
        )

    def litigants(self, doc: Doc, s_start: int, s_end: int) -> tuple[list, str]:
        """Actors before the last litigation cue of a sentence that files or joins a case."""
        sentence = doc_text(doc)[s_start:s_end]
        cues = list(self.litigation.finditer(sentence))
        if not cues:
            return [], ""
        brought = BROUGHT_BY.search(sentence)
        # "contre"/"against" alone is not litigation
        if not brought and all(c.group().lower() in ("contre", "against") for c in cues):
            return [], ""
        # parties come before the thing attacked: "X demandent de suspendre la délibération
        # de la CNIL"; "X filed a challenge against the decision of Y"
        objects = [c for c in cues if OBJECT_CUE.match(c.group())]
        if objects:
            last = s_start + objects[0].start()
        else:  # up to the end of the clause of the last cue ("…, et le fondateur d'OVH …")
            cut = CLAUSE_BREAK.search(sentence, cues[-1].end())
            last = s_start + cut.start() if cut else s_end
        found = []
        # "the actions brought by Internet Society France and by Clever Cloud against …": the
        # parties follow the agent marker
        agents = (s_start + brought.end(), s_start + brought.end() + 100) if brought else (0, 0)
        if brought:
            stop = AGENTS_END.search(sentence, brought.end())
            agents = (agents[0], s_start + stop.start() if stop else agents[1])
        for mention in doc._.mentions or []:
            if not mention.actor_id or not (
                s_start <= mention.start < last or agents[0] <= mention.start < agents[1]
            ):
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
        if not found:
            # "the association joined an urgent application": a role noun names the party
            role = LITIGANT_ROLE.search(sentence, 0, cues[0].start())
            actor_id = role and self.resolver.resolve_role(
                role.group(), doc._.mentions or [], s_start + role.start()
            )
            actor = self.registry.actors.get(actor_id) if actor_id else None
            if actor is not None and actor.type not in NON_LITIGANTS and actor.type != "person":
                start = s_start + role.start()
                found.append(
                    Mention(start, start + len(role.group()), role.group(), actor_id, "", "role")
                )
        return found, cues[-1].group()

    def polarity(
        self, text: str, oppose_patterns, support_patterns, general=None
    ) -> tuple[int, list[str]]:
        """Score (>0 support, <0 oppose) and the cues that fired.

        Target cues weigh 2, general verbs 1 (flipped by a negation). Overlapping matches
        count once, the longest first ("sans appel d'offres" is one cue, not two). A
        counterfactual preference ("on aurait préféré un acteur français", "would have
        preferred a French provider") is a concession by a defender of the choice: the
        oppose cues it governs are dropped and it counts as support. A decision-maker's own
        planned tender ("nous puissions lancer un appel d'offres") is dropped too.
        """
        negated = bool(self.negation.search(text))
        general_oppose, general_support = general or ([self.oppose], [self.support])
        quoted_other, quoted = self.quoted_general, [q.span(1) for q in QUOTED.finditer(text)]
        found = []  # (start, end, weight, cue)
        for patterns, weight, only_quoted in (
            (oppose_patterns, -2, False),
            (support_patterns, 2, False),
            (general_oppose, 1 if negated else -1, False),
            (general_support, -1 if negated else 1, False),
            (quoted_other[0], 1 if negated else -1, True),
            (quoted_other[1], -1 if negated else 1, True),
        ):
            for pattern in patterns:
                for match in pattern.finditer(text):
                    if only_quoted and not any(s <= match.start() < e for s, e in quoted):
                        continue
                    if match.end() > match.start():
                        signed = weight
                        if (
                            abs(weight) == 2
                            and (
                                self.denied_after.match(text, match.end())
                                # "révélait chez les offres souveraines un écart"
                                or weight == -2
                                and GAP_AROUND.search(
                                    text, max(0, match.start() - 40), match.end() + 25
                                )
                            )
                            and not NEGATED_BEFORE.search(
                                text, max(0, match.start() - 25), match.start()
                            )
                        ):
                            signed = -weight  # "a French solution would not have allowed"
                        elif abs(weight) == 1 and negated and self.negation.search(match.group()):
                            signed = -weight  # the cue carries its own negation: no flip
                        found.append((match.start(), match.end(), signed, match.group()))
        for match in self.own_tender.finditer(text):
            found = [f for f in found if not (match.start() <= f[0] < match.end())]
        for match in CHECK_WHETHER.finditer(text):
            # "chargé la DNS de vérifier si le projet pouvait être confié à un hébergeur
            # européen": an open question, no position, to the end of its clause
            clause_end = CLAUSE_END.search(text, match.end())
            stop = clause_end.start() if clause_end else len(text)
            found = [f for f in found if not (match.start() <= f[0] < stop)]
        # a general verb of support governing an oppose cue ("a défendu des amendements
        # imposant SecNumCloud", "soutient un hébergeur souverain", "créer une commission
        # d'enquête") carries that cue's sign
        found = [
            f
            for f in found
            if not (
                f[2] == 1
                and any(
                    (g[2] == -2 and 0 <= g[0] - f[1] <= 45 or g[2] == -1 and 0 <= g[0] - f[1] <= 12)
                    and not re.search(r"[,;.]", text[f[1] : g[0]])
                    for g in found
                )
            )
        ]
        for match in self.counterfactual.finditer(text):
            found = [f for f in found if not (match.start() <= f[0] <= match.end() + 60)]
            found.append((match.start(), match.end(), 2, match.group()))
        kept: list[tuple[int, int, int, str]] = []
        for item in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
            if all(item[1] <= k[0] or item[0] >= k[1] for k in kept):
                kept.append(item)
        kept.sort()
        return sum(k[2] for k in kept), [k[3] for k in kept]

    def holders(self, doc: Doc, start: int, end: int, first_cue: int, target_id: str) -> list:
        mentions = [
            m for m in doc._.mentions or [] if m.actor_id and start <= m.start < min(end, first_cue)
        ]
        holders = []
        for mention in mentions:
            actor = self.registry.actors.get(mention.actor_id)
            if actor is None or actor.type in NON_HOLDERS:
                continue
            window = max(start, mention.start - 30)
            before = doc_text(doc)[window : mention.start]
            # at the sentence start a preposition opens the window; inside the sentence a
            # window cut through a word must not read its tail as one
            before = re.sub(r"^\S*", "", before) if window > start else " " + before
            if NOT_SUBJECT_BEFORE.search(before):
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
        # "Au Conseil de l'ordre, le vice-président Serge Uzan se montre favorable": the
        # person speaks, not the body he belongs to
        speaking_for = {
            self.registry.actors[h.actor_id].affiliation
            for h in holders
            if h.actor_id in self.registry.actors
        }
        holders = [h for h in holders if h.actor_id not in speaking_for]
        return holders[:MAX_SUBJECTS]

    def attributed_holder(self, doc: Doc, s_start: int) -> list | None:
        """The source named by an opening attribution ("Pour L'Informaticien, …", "Selon
        la CNIL, …", "According to InterHop, …"): the view is that source's, so it is the
        only holder; none when the source is an outlet or a name outside the registry (its
        reading, not the stance of the actors it names). ``None`` when the sentence opens
        with no attribution."""
        text = doc_text(doc)
        match = ATTRIBUTION.match(text, s_start)
        comma = text.find(",", match.end(), match.end() + 60) if match else -1
        if match is None or comma < 0:
            return None
        source = next(
            (
                m
                for m in doc._.mentions or []
                if m.actor_id and s_start <= m.start <= match.end() + 4 and m.end <= comma
            ),
            None,
        )
        if source is None:
            named = text[match.end() : comma].strip()
            return [] if named[:1].isupper() else None
        actor = self.registry.actors.get(source.actor_id)
        if actor is None or actor.type in NON_HOLDERS:
            return []
        return [source]

    def reported_holder(self, doc: Doc, quote, target_id: str) -> str | None:
        """The actor whose position a report relays: "M. Gissot rappelle que le conseil de
        la Cnam s'est opposé à son transfert" states the council's stance, not the
        speaker's. Only when the reported clause opens with a registry actor followed at
        once by a verb of the stance lexicons."""
        if quote.kind != "indirect":
            return None
        text = doc_text(doc)
        opening = LEADING_ARTICLE.match(text, quote.start).end()
        subject = next(
            (
                m
                for m in doc._.mentions or []
                if m.actor_id and opening <= m.start <= opening + 3 and m.end <= quote.end
            ),
            None,
        )
        if subject is None or not self.may_hold(subject.actor_id):
            return None
        after = text[subject.end : min(quote.end, subject.end + 40)]
        general_oppose, general_support = self.general[target_id]
        for pattern in (*general_oppose, *general_support):
            verb = pattern.search(after)
            if verb and verb.start() <= 12:
                return subject.actor_id
        return None

    def promise_holder(self, doc: Doc, s_start: int, sentence: str, oppose) -> tuple:
        """Who promised to leave ("le gouvernement n'a pas tenu sa promesse de faire quitter
        Microsoft à la plateforme", "reproche au gouvernement … sa promesse de …"): the
        actor named just before the possessive promise, whatever the sentence's subject,
        and the promise; (None, "") when there is none."""
        promise = PROMISE.search(sentence)
        if promise is None or not any(
            0 <= m.start() - promise.end() <= 40 for p in oppose for m in p.finditer(sentence)
        ):
            return None, ""
        position = s_start + promise.start()
        mentions = doc._.mentions or []
        before = [
            m
            for m in mentions[: bisect_left(mentions, position, key=lambda m: m.start)]
            if m.actor_id and s_start <= m.start and position - m.end <= 45
        ]
        if not before or not self.may_hold(before[-1].actor_id):
            return None, ""
        return before[-1].actor_id, promise.group().strip()

    def agent_holder(self, doc: Doc, first_cue: int, s_end: int) -> list:
        """The agent of a passive cue ("la délibération a été déplorée par le député
        Philippe Latombe", "was challenged by InterHop")."""
        text = doc_text(doc)
        agent = PASSIVE_AGENT.match(text, first_cue, s_end)
        if agent is None:
            return []
        mention = next(
            (
                m
                for m in doc._.mentions or []
                if m.actor_id and agent.end() <= m.start <= agent.end() + 30 and m.start < s_end
            ),
            None,
        )
        if mention is None or re.search(r"[,;.]", text[agent.end() : mention.start]):
            return []
        return [mention] if self.may_hold(mention.actor_id) else []

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
        mentions = doc._.mentions or []
        statements: list[Statement] = []
        # every registry actor named in a sentence about a target: what the reranker may
        # find a stance for even when no rule fired
        candidates: dict[tuple[str, str], list[tuple[int, int]]] = {}
        seen: set[tuple[str, str, int]] = set()  # (actor, target, sentence start) stated
        about_hosting = any(
            p.search(text)
            for t, cues, _o, _s in self.compiled
            if t.id == LITIGATION_TARGET
            for p in cues
        )
        about_previous: dict[str, bool] = {}  # was the previous sentence about each target
        for s_start, s_end in sentences:
            if about_hosting:
                litigants, cue = self.litigants(doc, s_start, s_end)
                for mention in litigants:
                    seen.add((mention.actor_id, LITIGATION_TARGET, s_start))
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
            # the registry actors named in the sentence (mentions are sorted by start)
            named = [
                m
                for m in mentions[
                    bisect_left(mentions, s_start, key=lambda m: m.start) : bisect_left(
                        mentions, s_end, key=lambda m: m.start
                    )
                ]
                if m.actor_id
            ]
            for target, cues, oppose, support in self.compiled:
                neutral = self.neutral.get(target.id)
                neutral = neutral.search(sentence) if neutral else None
                # in a document about the hosting, letting the platform go on while asking
                # for guarantees is about the hosting even when the sentence does not say so
                cued = any(p.search(sentence) for p in cues)
                # "Le député a déploré la décision.", "Stéphanie Combes l'a défendu.": a verb
                # of stance on an anaphoric object continues the previous sentence's target
                follows = (
                    not cued
                    and about_previous.get(target.id)
                    and any(
                        ANAPHORIC_OBJECT[self.lang].search(sentence, m.start(), m.end() + 30)
                        or ANAPHORIC_CLITIC.search(sentence, max(0, m.start() - 8), m.start())
                        for p in (*self.general[target.id][0], *self.general[target.id][1])
                        for m in p.finditer(sentence)
                    )
                )
                about_previous[target.id] = cued
                if not cued and not (neutral and about_hosting) and not follows:
                    continue
                for mention in named:
                    candidates.setdefault((mention.actor_id, target.id), []).append(
                        (s_start, s_end)
                    )
                promiser, promised = self.promise_holder(doc, s_start, sentence, oppose)
                if promiser is not None:
                    self._add(
                        statements,
                        seen,
                        promiser,
                        target.id,
                        -2,
                        [promised],
                        s_start,
                        s_end,
                        sentence,
                        quoted=False,
                    )
                score, fired = self.polarity(sentence, oppose, support, self.general[target.id])
                if in_sentence:
                    for quote in in_sentence:
                        self._add(
                            statements,
                            seen,
                            self.reported_holder(doc, quote, target.id) or quote.speaker_id,
                            target.id,
                            score,
                            fired,
                            s_start,
                            s_end,
                            sentence,
                            quoted=True,
                            neutral=neutral,
                        )
                    continue
                if score == 0 and neutral is None:
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
                    default=neutral.start() if neutral else len(sentence),
                )
                attributed = self.attributed_holder(doc, s_start)
                if attributed is not None:
                    holders = attributed
                else:
                    holders = self.holders(doc, s_start, s_end, first_cue, target.id)
                if not holders and attributed is None:
                    holders = self.subject_holder(doc, s_start, first_cue)
                if not holders and attributed is None:
                    holders = self.agent_holder(doc, first_cue, s_end)
                for holder in holders:
                    self._add(
                        statements,
                        seen,
                        holder.actor_id,
                        target.id,
                        score,
                        fired,
                        s_start,
                        s_end,
                        sentence,
                        quoted=False,
                        neutral=neutral,
                    )
        doc._.statements = self.rerank(statements, candidates, text)
        return doc

    def groups(self, statements, candidates, text) -> dict[tuple[str, str], list[Statement]]:
        """The reranker's groups: each (actor, target) with its rule statements, or, when no
        rule fired, the sentences about the target that name the actor (as rows of stance
        "none")."""
        groups = reranker_module.group(statements)
        for (actor_id, target_id), spans in candidates.items():
            if (actor_id, target_id) in groups or not self.may_hold(actor_id):
                continue
            groups[actor_id, target_id] = [
                Statement(actor_id, target_id, "none", 0.0, "", start, end, text[start:end])
                for start, end in dict.fromkeys(spans)
            ]
        return groups

    def group_features(self, groups) -> dict[tuple[str, str], Counter]:
        """The reranker's features of each group (what it labels and what it learns from)."""
        found = {}
        for (actor_id, target_id), rows in groups.items():
            actor = self.registry.actors.get(actor_id)
            actor_type = actor.type if actor else "unknown"
            found[actor_id, target_id] = reranker_module.features(rows, actor_type, target_id)
        return found

    def rerank(self, statements, candidates, text) -> list[Statement]:
        """Each (actor, target) group labelled by the trained reranker: a rule row it
        relabels says so in its cue, a group it judges "none" is dropped, and a stance it
        finds where no rule fired comes with its sentences and the cue "reranker"."""
        groups = self.groups(statements, candidates, text)
        self.last_groups = groups  # what training reads (see reranker.training_samples)
        if self.reranker is None or not groups:
            return statements
        labels = {
            key: self.reranker.label(found) for key, found in self.group_features(groups).items()
        }
        reranked = []
        for statement in statements:
            label = labels[statement.actor_id, statement.target_id]
            if label == "none":
                continue
            if label != statement.stance:
                statement = replace(
                    statement,
                    stance=label,
                    cue=f"{statement.cue}; reranked {statement.stance} -> {label}",
                )
            reranked.append(statement)
        for (actor_id, target_id), rows in groups.items():
            label = labels[actor_id, target_id]
            if label == "none" or rows[0].stance != "none":
                continue
            reranked += [
                Statement(actor_id, target_id, label, 0.5, "reranker", r.start, r.end, r.evidence)
                for r in rows
            ]
        reranked.sort(key=lambda s: (s.start, s.end))
        return reranked

    def _add(
        self,
        statements,
        seen,
        actor_id,
        target_id,
        score,
        fired,
        start,
        end,
        sentence,
        quoted,
        neutral=None,
    ):
        """One statement, unless already stated in this sentence. A stated non-position
        (``neutral``, "sans prendre parti", "neither blocked nor endorsed") outweighs the
        verbs around it."""
        if (score == 0 and neutral is None) or actor_id in NOT_HOLDERS_IDS:
            return
        if (actor_id, target_id, start) in seen:
            return  # two quotes of one speaker in a sentence: one statement
        if neutral is not None:
            stance, score, fired = "neutral", 2, [neutral.group()]
        else:
            stance = "support" if score > 0 else "oppose"
        if (
            stance == "oppose"
            and target_id == "health-data-hub"
            and self.litigation.search(sentence)
        ):
            return  # litigants ask to suspend the platform to move it, not to end it
        actor = self.registry.actors.get(actor_id)
        if (
            actor is not None
            and actor.type == "court"
            and (stance == "oppose" or self.negation.search(sentence))
        ):
            # a court rejecting a request, refusing to suspend or noting a risk is ruling:
            # its findings are neutral, only its plain validations read as support (not a
            # negated objection: "Microsoft ne soit pas en mesure de s'opposer")
            stance = "neutral"
            fired = [*fired, "court ruling"]
        confidence = min(0.95, 0.5 + 0.1 * abs(score) + (0.1 if quoted else 0.0))
        seen.add((actor_id, target_id, start))
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
