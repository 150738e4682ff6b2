"""Quotes and their speakers, in French and English.

Direct quotes are the text inside « », “ ” or " " (unbalanced marks are reported in
``doc._.problems``, never fatal). Reported speech: "X estime que …", "X says that …",
"selon X, …", "pour X, …", "d'après X, …", "according to X, …"; the span is the reported
clause. Speakers come from the attribution next to the quote ("« … », souligne X";
"« … », a-t-elle ajouté"; "X a déclaré : « … »"; '"…," X said'), resolved to registry
actors; pronouns and role nouns go to the nearest compatible actor before them.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from controverse import paths
from controverse.components.common import (
    Quote,
    cached_registry,
    doc_text,
    ensure_sentences,
    find_direct_quotes,
    sentence_of,
)
from controverse.components.lexicon import POSTPOSED_VERB, REPORTING_VERBS
from controverse.components.speakers import SpeakerResolver
from controverse.registry import Registry

BARE_CLAUSE_VERBS = {
    "said",
    "says",
    "say",
    "told",
    "argued",
    "argues",
    "warned",
    "believes",
    "claimed",
}
MIN_WORDS = 3
# Prepositions that attribute what follows: "selon X, …", "according to X, …"; "pour sa
# part" / "for her part" are not attributions. Also used by the stance rules.
ATTRIBUTION_PREPS = {
    "fr": r"[Ss]elon|[Pp]our(?!\s+(?:sa|leur|ma|notre|votre)\s+part)|[Dd]['’]après|D['’]apr[èe]s|"
    r"[Aa]ux\s+yeux\s+d(?:e|u|es)(?=\s)",
    "en": r"[Aa]ccording to|[Ff]or(?!\s+(?:his|her|its|their|our|my)\s+part)",
}
ACCORDING = {
    "fr": rf"(?:^|(?<=[\s,;(:]))(?P<prep>{ATTRIBUTION_PREPS['fr']})\s+",
    "en": rf"(?:^|(?<=[\s,;(]))(?P<prep>{ATTRIBUTION_PREPS['en']})\s+",
}


# a sentence opening on a noun phrase outside the registry, right before its reporting verb
UNNAMED_SUBJECT = re.compile(
    r"(?:[^,.;:«»\"]{0,30},\s*|(?:In|On|At|En|Dès|Depuis|Since|Last|Early|Late)\s+(?:[\w'’-]+\s+){0,3}?)?"
    r"(?P<subject>(?:[Uu]ne?|[Dd]es|[Pp]lusieurs|[Ss]everal|[Ss]ome|[Nn]otre|[Oo]ur|"
    r"[Mm]any|[Aa]n?)\s+[a-zà-ÿ'’-]+(?:\s+[a-zà-ÿ'’-]+){0,3}?|"
    # a name outside the registry ("Next annonce que …", "mind Health reported that …")
    r"[A-Za-z][\w'’.-]*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]*){0,2})\s+"
    r"(?:en\s+|y\s+)?(?:a\s+|ont\s+|avait\s+|avaient\s+|have\s+|has\s+|had\s+)?(?:sans détour\s+)?$"
)
ADVERB_BEFORE_SUBJECT = re.compile(
    r"\s*(?:alors|encore|aussi|ensuite|enfin|déjà|then|also|again)\b(?=\s)", re.I
)

# a determiner right before a reporting verb's form makes it a noun ("la demande", "the call")
DETERMINER_BEFORE = {
    lang: re.compile(rf"\b(?:{words})\s+$", re.I)
    for lang, words in {
        "fr": "la|le|les|une|un|sa|son|ses|leur|leurs|cette|ce|ces|du|des",
        "en": "the|a|an|its|his|her|their",  # not in French: "a" is "la Cnam a assuré"
    }.items()
}
# the connector, and up to four words of subject, between a reported clause and a second
# reporting verb: ", and said", ", et rappelle", "; the CNIL also warned"
NEXT_REPORT = re.compile(
    r"(?:,\s*|\s+)(?:and|et|mais|but|puis)\s+(?:[\w'’-]+\s+){0,4}$|;\s+(?:[\w'’-]+\s+){0,4}$",
    re.I,
)
# "In his view, …": the attribution is a possessive pronoun
POSSESSIVE_VIEW = re.compile(
    r"(?:^|(?<=[\s,;(]))[Ii]n\s+(?P<poss>his|her|its|their)\s+(?:view|opinion|eyes)\s*,"
)
NAMED_VIEW = re.compile(
    r"(?:^|(?<=[\s,;(:]))[Ii]n\s+(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})['’]s\s+"
    r"(?:view|words|opinion|eyes)\s*,"
)
POSSESSIVE_PRONOUN = {"his": "he", "her": "she", "its": "it", "their": "they"}
# a source outside the registry opening the sentence: "D'après Next INpact, …"
UNNAMED_SOURCE = re.compile(
    r"(?P<name>(?:[LlDd]['’]|Le\s+|La\s+|Les\s+|The\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}|"
    r"(?:one|an?|some|several|un|une|des|plusieurs|certains|certaines)\s+[a-zà-ÿ'’-]+(?:\s+[a-zà-ÿ'’-]+)?)"
    r"\s*,"
)
# "…, a plaidé X, pour qui …": a relative attribution after the speaker
RELATIVE_ATTRIBUTION = {
    "fr": re.compile(r",\s*(?:pour|selon)\s+qui\s+"),
    "en": re.compile(r",\s*(?:for whom|in whose view|who (?:says|said|argues|argued|believes))\s+"),
}
# words that mark a short quotation as something a speaker said ("le qualifie
# d'« hypothétique »", "s'est dite « convaincue »", "in the judge's word, \"…\"")
SPEECH_FRAME = re.compile(
    r"(?:\bqualifi\w*\s+(?:[\w'’]+\s+){0,2}?(?:d['’]|de\s+)|\bs['’]est\s+dit\w*\s+|"
    r"\bprésent\w*\s+(?:[\w'’]+\s+){0,3}?comme\s+|\bdescrib\w*\s+(?:[\w'’]+\s+){0,3}?as\s+|"
    r"\bin\s+(?:the|its|his|her|their)\s+(?:[\w'’-]+\s+)?words?,?\s*|"
    r"\bcalled\s+(?:it|them|the\s+\w+)\s+|"
    # "a redit son « plein soutien »", "restating its \"plein soutien\"", "urged \"…\""
    r"\b(?:redi\w*|réaffirm\w*|renouvel\w*|restat\w*|reaffirm\w*|reiterat\w*|urged|urging)\s+"
    r"(?:(?:son|sa|ses|leur|its|their|his|her|the\s+[\w'’]+['’]s|une?|an?|the)\s+)?|"
    r"\b(?:demeure|reste|remains|remained)\s+)[«“\"]\s*$",
    re.I,
)

SUBORDINATE_SUBJECT = re.compile(
    r"\b(?:où|quand|lorsque|alors que|tandis que|when|while|as|where)\s+"
    r"(?P<subject>(?:un|une|le|la|les|des|a|an|the)\s+[a-zà-ÿ'’-]+)",
    re.I,
)
# "that" as a determiner before a noun, not a complementiser
THAT_DETERMINER = re.compile(
    r"\s+(?:decision|order|ruling|deliberation|authori[sz]ation|choice|contract|request|plan|"
    r"report|opinion|law|decree|platform|agreement|case|claim)\b",
    re.I,
)
# an indirect question after an asking verb, past up to four words of addressee
QUESTION_VERB = re.compile(r"demand|ask|interrog", re.I)
QUESTION = {
    lang: re.compile(
        rf"(?:\s+[\w'’-]+){{0,4}}?\s+(?P<clause>(?:(?:à|de|en|pour|depuis|by|until)\s+)?(?:{words})\b)",
        re.I,
    )
    for lang, words in {
        "fr": r"quel(?:le)?s?|comment|pourquoi|quand|combien|si\s|s['’](?=il)",
        "en": r"when|whether|how|why|what|which|where",
    }.items()
}

APPOSITION = re.compile(r",\s*(?:the|an?|la|le|les|l['’]|une?)\s*[a-zà-ÿ][^,]*,")

# a quoted term rather than speech: "l'expression « … »", "the phrase “…”"
QUOTED_TERM = re.compile(
    r"\b(?:l['’]expression|le terme|les termes|le mot|les mots|the (?:phrase|term|word|expression)|"
    r"so-called|(?<!s'est )(?<!s’est )dite|intitulée?s?|titled(?:\s+[\w'’]+){0,3}|entitled|"
    r"baptisée?s?|headlines?(?:\s+\w+)?\s*:?|sous le titre|(?:un|le|son|leur) titre|"
    r"intitulé[^«“\"]{0,30}:)\s*[«“\"]$",
    re.I,
)
# a short name before the thing it names: 'the first "cloud de confiance" labels'
NAMED_AFTER = re.compile(
    r"\s*(?:labels?|circular|strategy|doctrine|label|programme|program)\b", re.I
)
# a short name after the thing it names: "la circulaire « cloud au centre »"
NAMED_THING = re.compile(
    r"\b(?:(?:la|une|the|a) (?:circulaire|doctrine|stratégie|strategy|circular)|labels?(?: de)?)"
    r"\s*[«“\"]$",
    re.I,
)


def _strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without its surrounding quotation marks, spaces and ellipses."""
    while start < end and text[start] in ' \u00a0\u202f«“"':
        start += 1
    while end > start and text[end - 1] in ' \u00a0\u202f»”"….':
        end -= 1
    return start, end


def _is_speech(text: str) -> bool:
    return len(re.findall(r"\w+", text)) >= MIN_WORDS


@Language.factory(
    "controverse_quotes", default_config={"lang": "fr", "actors_path": str(paths.ACTORS_FILE)}
)
def make_quotes(nlp: Language, name: str, lang: str, actors_path: str):
    return QuoteFinder(lang, cached_registry(actors_path))


class QuoteFinder:
    def __init__(self, lang: str, registry: Registry):
        self.lang = lang if lang in REPORTING_VERBS else "fr"
        self.registry = registry
        self.resolver = SpeakerResolver(self.registry, self.lang)
        verbs = REPORTING_VERBS[self.lang]
        self.postposed = re.compile(r"^\s*[,—–-]?\s*" + POSTPOSED_VERB[self.lang] + r"\b", re.I)
        self.verb_regex = re.compile(rf"\b{verbs}\b", re.I)
        self.that = re.compile(r"\b(?:que\b|qu['’])" if self.lang == "fr" else r"\bthat\b", re.I)
        self.according = re.compile(ACCORDING[self.lang])

    # -- speaker of a span ------------------------------------------------------------
    def speaker_after(self, doc, end: int, mentions, last_speaker):
        """Attribution right after a closing mark: '», souligne X' / '», a-t-elle dit'."""
        tail = doc_text(doc)[end : end + 120]
        if self.lang == "fr":
            match = self.postposed.match(tail)
            if not match or not re.match(r"^\s*[,—–-]", tail):
                return None
            verb = match.group("verb")
            has_pron = match.group("pron") or match.group("aux") or match.group("aux2")
            if not self.verb_regex.fullmatch(verb) and not has_pron:
                return None
            pron = match.group("pron") or match.group("aux") or match.group("aux2")
            if pron:
                actor = self.resolver.resolve_pronoun(pron, mentions, end, last_speaker)
                return actor, pron, verb
            rest_start = end + match.end()
            return self._subject_after(doc, rest_start, mentions, last_speaker, verb)
        # English: '"…," X said' or '"…," said X'
        match = re.match(r"^\s*[,]?\s*(?:[\"”])?\s*", tail)
        position = end + (match.end() if match else 0)
        rest = doc_text(doc)[position : position + 100]
        verb_match = re.match(rf"^(?P<verb>{REPORTING_VERBS['en']})\b\s*", rest, re.I)
        if verb_match:
            return self._subject_after(
                doc, position + verb_match.end(), mentions, last_speaker, verb_match.group("verb")
            )
        pron = re.match(r"^(he|she|they)\s+(" + REPORTING_VERBS["en"] + r")\b", rest, re.I)
        if pron:
            actor = self.resolver.resolve_pronoun(pron.group(1), mentions, end, last_speaker)
            return actor, pron.group(1), pron.group(2)
        following = [m for m in mentions if position <= m.start < position + 60]
        if len(following) > 1 and re.fullmatch(
            r"['’]s\s+", doc_text(doc)[following[0].end : following[1].start]
        ):
            following = following[1:]  # "Clever Cloud's Quentin Adam told": the person
        if following:
            after_mention = doc_text(doc)[following[0].end : following[0].end + 40]
            verb = re.match(
                rf"^\s*(?:,[^,]{{0,60}},\s*)?({REPORTING_VERBS['en']})\b", after_mention, re.I
            )
            if verb and re.match(r"^[\s\w'’.-]*$", doc_text(doc)[position : following[0].start]):
                return following[0].actor_id, following[0].text, verb.group(1)
        role = self.resolver.role_regex.match(rest)
        if role:
            after_role = rest[role.end() : role.end() + 30]
            verb = re.match(rf"^\s*({REPORTING_VERBS['en']})\b", after_role, re.I)
            if verb:
                actor = self.resolver.resolve_role(role.group(), mentions, end)
                return actor, role.group(), verb.group(1)
        return None

    def _subject_after(self, doc, position: int, mentions, last_speaker, verb: str):
        # "», relevait alors l'association": an adverb before the subject
        adverb = ADVERB_BEFORE_SUBJECT.match(doc_text(doc), position)
        if adverb:
            position = adverb.end()
        rest = doc_text(doc)[position : position + 100]
        following = [m for m in mentions if position <= m.start < position + 60 and m.actor_id]
        role = self.resolver.role_regex.match(rest.lstrip())
        if role and not (following and following[0].start <= position + role.start()):
            offset = position + (len(rest) - len(rest.lstrip()))
            actor = self.resolver.resolve_role(role.group(), mentions, offset)
            return actor, role.group(), verb
        if following and re.match(r"^[\s\w'’-]*$", doc_text(doc)[position : following[0].start]):
            return following[0].actor_id, following[0].text, verb
        pron = re.match(r"^\s*(il|elle|ils|elles|he|she|they)\b", rest, re.I)
        if pron:
            actor = self.resolver.resolve_pronoun(pron.group(1), mentions, position, last_speaker)
            return actor, pron.group(1), verb
        return None

    def speaker_before(self, doc, sent_start: int, start: int, mentions, last_speaker):
        """Attribution in the sentence before the span: 'X a déclaré : «', 'X estime que'."""
        prefix = doc_text(doc)[sent_start:start]
        quoted = getattr(self.resolver, "quoted", [])
        # a verb inside an earlier quotation is what was said, not the attribution
        verbs = [
            v
            for v in self.verb_regex.finditer(prefix)
            if not any(s <= sent_start + v.start() < e for s, e in quoted)
            # "sa demande d'autorisation": a noun, not the attribution
            and not DETERMINER_BEFORE[self.lang].search(prefix, max(0, v.start() - 12), v.start())
        ]
        colon = prefix.rstrip().endswith(":")
        if not verbs and not colon:
            return None
        anchor = sent_start + (verbs[-1].start() if verbs else len(prefix.rstrip()) - 1)
        cue = verbs[-1].group() if verbs else ":"
        # names in a bold heading opening the sentence ("**Quand Microsoft a-t-il été choisi
        # ?** Le secrétaire d'État a affirmé …") are not its subject
        heading = re.match(r"\s*\*\*[^*]{0,160}\*\*", prefix)
        first = sent_start + (heading.end() if heading else 0)
        before = [m for m in mentions if m.actor_id and first <= m.start and m.end <= anchor]
        # the subject: the last actor before the verb outside relative clauses and
        # appositions ("Octave Klaba, who founded OVHcloud, hit back:")
        relative = [
            (sent_start + r.start(), sent_start + r.end())
            for r in re.finditer(
                r",\s*(?:[\w'’-]+\s+){0,2}(?:qui|who|whose|which|dont|où|lui-même|elle-même|de|du|of)"
                r"\b[^,]*,",
                prefix,
            )
            # not the main clause after an opening adverbial ("Le 19 février, le conseil de
            # la Cnam s'est prononcé …, jugeant que")
            if not self._opening_adverbial(doc, mentions, sent_start, sent_start + r.start())
        ]
        # an apposition of common nouns right after a name ("the board of the Cnam, the
        # health insurance fund in charge of the SNDS, voted") names no second speaker
        relative += [
            (sent_start + a.start(), sent_start + a.end())
            for a in APPOSITION.finditer(prefix)
            if any(m.end == sent_start + a.start() for m in before)
        ]
        outside = [m for m in before if not any(s <= m.start < e for s, e in relative)]
        head = doc_text(doc)[sent_start:anchor]
        role_matches = list(self.resolver.role_regex.finditer(head))
        # a name inside a role noun ("The HDH director argued") belongs to the role, unless
        # the role noun is that actor's own name ("The Council of State said")
        outside = [
            m
            for m in outside
            if not any(
                sent_start + r.start() <= m.start
                and m.end <= sent_start + r.end()
                and not self.resolver.role_fits(r.group(), m.actor_id)
                for r in role_matches
            )
        ]
        # "X s'oppose au transfert vers Microsoft, en considérant que": not the object
        subjects = [m for m in outside if not self.resolver.after_preposition(m)]
        if subjects:
            # "Cloud Temple s'est porté candidat, au moment où un rapport … jugeait « … »": the
            # verb's subject is the unnamed noun of a later clause, not the name before it
            unnamed = SUBORDINATE_SUBJECT.search(doc_text(doc), subjects[-1].end, anchor)
            if unnamed and not any(unnamed.end() <= m.start < anchor for m in before):
                return None, unnamed.group("subject"), cue
        if subjects and re.match(r"\w+(?:ing|ant)$", cue, re.I) and head.rstrip().endswith(","):
            # ", jugeant que …" / ", arguing that …": the participle shares the sentence's
            # subject, not the object named last ("Anticor saisissait le Parquet national
            # financier, jugeant que …")
            return subjects[0].actor_id, subjects[0].text, cue
        if subjects:
            return subjects[-1].actor_id, subjects[-1].text, cue
        pron = re.search(
            r"\b(il|elle|ils|elles|he|she|they|it)\b\s*(?:\w+\s*){0,5}$", head, re.I
        ) or (  # a participle shares the subject opening the sentence ("He …, arguing that")
            re.match(r"\s*(?:[\w'’-]+\s+){0,3}?(il|elle|he|she|it)\b", head, re.I)
            if re.match(r"\w+ing$|\w+ant$", cue, re.I)
            else None
        )
        if pron:
            actor = self.resolver.resolve_pronoun(
                pron.group(1), mentions, sent_start + pron.start(), last_speaker
            )
            return actor, pron.group(1), cue
        # role nouns after the last name ("vers Microsoft …, le conseil considère que")
        last_name = outside[-1].end - sent_start if outside else 0
        roles = [r for r in role_matches if r.start() >= last_name]
        if not roles and not outside:
            roles = role_matches
        if roles:
            role = roles[-1]
            actor = self.resolver.resolve_role(role.group(), mentions, sent_start + role.start())
            return actor, role.group(), cue
        if outside:
            return outside[-1].actor_id, outside[-1].text, cue
        if before:
            return before[-1].actor_id, before[-1].text, cue
        return None

    def _opening_adverbial(self, doc, mentions, start: int, end: int) -> bool:
        """Whether the text from the sentence start to ``end`` is a short adverbial (a date,
        "Ensuite"): no name, no role noun."""
        head = doc_text(doc)[start:end]
        return (
            len(head.strip(" *")) <= 30
            and not any(start <= m.start < end for m in mentions if m.actor_id)
            and not self.resolver.role_regex.search(head)
        )

    def sentence_subject(self, doc, sent_start: int, position: int, mentions, last_speaker):
        """The subject opening the sentence before ``position``: a name, role noun or pronoun
        ("Le conseil s'oppose à « … »"; "La Commission ne voit qu'« … »")."""
        head = doc_text(doc)[sent_start:position]
        # a role noun opening the sentence before an aside ("Le juge, lui, laisse …")
        opening = self.resolver.role_regex.match(head)
        if opening and re.match(r"\s*,", head[opening.end() :]):
            actor = self.resolver.resolve_role(opening.group(), mentions, sent_start)
            if actor:
                return actor, opening.group(), ""
        lead = re.match(r"^(?:[^,]{0,40},\s*)?", head)
        offset = sent_start + (lead.end() if lead else 0)
        rest = doc_text(doc)[offset:position]
        first = next(
            (m for m in mentions if m.actor_id and offset <= m.start < offset + 4 + 3),
            None,
        )
        if first is None:
            first = next(
                (
                    m
                    for m in mentions
                    if m.actor_id
                    and offset <= m.start < position
                    and re.fullmatch(
                        r"(?:[LlDd]['’]|[Ll]es?\s|[Ll]a\s|[Tt]he\s)?\s*",
                        doc_text(doc)[offset : m.start],
                    )
                ),
                None,
            )
        if first is not None:
            first = self.resolver.person_of(first, mentions)
            return first.actor_id, first.text, ""
        role = self.resolver.role_regex.match(rest)
        if role:
            actor = self.resolver.resolve_role(role.group(), mentions, offset)
            return (actor, role.group(), "") if actor else None
        pron = re.match(r"^(il|elle|he|she)\b", rest, re.I)
        if pron:
            actor = self.resolver.resolve_pronoun(pron.group(1), mentions, offset, last_speaker)
            return (actor, pron.group(1), "") if actor else None
        return None

    def according_to(self, doc, sent_start: int, sent_end: int, mentions):
        """'Selon X, clause' → (speaker id, speaker text, prep, clause start)."""
        sentence = doc_text(doc)[sent_start:sent_end]
        results = []
        for match in self.according.finditer(sentence):
            position = sent_start + match.end()
            mention = next(
                (
                    m
                    for m in mentions
                    if m.actor_id
                    and m.start >= position
                    and m.start - position <= 12
                    and "," not in doc_text(doc)[position : m.start]  # "Selon le conseil, X"
                    # "…, pour remplacer Microsoft, …": a purpose, not an attribution
                    and (
                        match.group("prep").lower() not in ("pour", "for")
                        or re.fullmatch(
                            r"(?:[LlDd]['’]|(?:les?|la|the|des)\s+)?(?:[\w'’-]+\s+){0,2}?",
                            doc_text(doc)[position : m.start],
                        )
                        and not re.match(r"[a-zà-ÿ]+er\b", doc_text(doc)[position : m.start])
                    )
                ),
                None,
            )
            pron = re.match(r"(lui|elle|eux|elles|him|her|them)\b", doc_text(doc)[position:])
            if mention is None and pron:
                gender = {"lui": "il", "eux": "ils", "him": "he", "her": "she", "them": "they"}
                word = gender.get(pron.group(1).lower(), pron.group(1).lower())
                actor = self.resolver.resolve_pronoun(word, mentions, position)
                if actor is None:
                    continue
                speaker_text, speaker_end = pron.group(1), position + pron.end()
            elif mention is None:
                role = self.resolver.role_regex.match(doc_text(doc)[position : position + 60])
                source = UNNAMED_SOURCE.match(doc_text(doc), position, sent_end)
                if role:
                    actor = self.resolver.resolve_role(role.group(), mentions, position)
                    speaker_text, speaker_end = role.group(), position + role.end()
                elif source and not sentence[: match.start()].strip(" *"):
                    # "D'après Next INpact, …": a named source outside the registry
                    actor, speaker_text, speaker_end = None, source.group("name"), source.end() - 1
                else:
                    continue
            else:
                actor, speaker_text, speaker_end = mention.actor_id, mention.text, mention.end
            comma = doc_text(doc).find(",", speaker_end, sent_end)
            if comma == -1 or comma - speaker_end > 60:
                continue
            if (
                match.group("prep").lower() in ("pour", "for")
                and match.start() > 0
                and not sentence[: match.start()].strip().endswith((".", ",", ":", ";"))
                and match.start() > 2
            ):
                continue
            results.append((actor, speaker_text, match.group("prep"), comma + 1))
        if self.lang == "en":
            for match in NAMED_VIEW.finditer(sentence):
                name_start, name_end = (
                    sent_start + match.start("name"),
                    sent_start + match.end("name"),
                )
                named = next(
                    (m for m in mentions if m.actor_id and name_start <= m.start < name_end), None
                )
                if named is not None:
                    results.append(
                        (named.actor_id, named.text, "in the words of", sent_start + match.end())
                    )
            for match in POSSESSIVE_VIEW.finditer(sentence):
                word = POSSESSIVE_PRONOUN[match.group("poss").lower()]
                actor = self.resolver.resolve_pronoun(word, mentions, sent_start + match.start())
                if actor:
                    results.append(
                        (actor, match.group("poss"), "in the view of", sent_start + match.end())
                    )
        return results

    # -- component ----------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        sentences = ensure_sentences(doc)
        mentions = doc._.mentions or []
        text = doc_text(doc)
        self.resolver.set_context(text, sentences)
        quotes: list[Quote] = []
        spans, problems = find_direct_quotes(text)
        doc._.problems = (doc._.problems or []) + problems
        last_speaker = None
        last_end = -1
        for _open, close, start, end in spans:
            content = text[start:end]
            sent_start, sent_end = sentence_of(doc, _open)
            found = self.speaker_after(doc, close, mentions, last_speaker)
            if found is None:
                found = self.speaker_before(doc, sent_start, _open, mentions, last_speaker)
            if found is None:
                for actor, speaker_text, prep, _clause in self.according_to(
                    doc, sent_start, sent_end, mentions
                ):
                    found = (actor, speaker_text, prep)
            if any(m.start <= start and end <= m.end for m in mentions if m.actor_id):
                continue  # a quoted name (« Health Data Hub »), not speech
            short = len(content.split()) <= 4
            if QUOTED_TERM.search(text, max(0, _open - 30), _open + 1) or (
                short
                and (
                    NAMED_AFTER.match(text, close)
                    or NAMED_THING.search(text, max(0, _open - 30), _open + 1)
                )
            ):
                continue  # "l'expression « il y a un an »": a term, not speech
            framed = SPEECH_FRAME.search(text, max(0, _open - 60), _open + 1) is not None
            if found is None and not (_is_speech(content) or framed):
                continue
            if found is None:
                found = self.sentence_subject(doc, sent_start, _open, mentions, last_speaker)
            if found is None:
                # a name before the quotation, not an object after a preposition ("une
                # sortie de Microsoft")
                same = [
                    m
                    for m in mentions
                    if m.actor_id
                    and sent_start <= m.start < _open
                    and not any(s <= m.start < e for s, e in self.resolver.quoted)
                    and not self.resolver.after_preposition(m)
                ]
                if same:
                    subject = self.resolver.person_of(same[0], mentions)
                    found = (subject.actor_id, subject.text, "")
                elif last_speaker and _open - last_end < 300:
                    found = (last_speaker, "", "continuation")
            if found is None:
                found = (None, "", "")
            if not (_is_speech(content) or framed) and not found[0]:
                continue
            speaker_id, speaker_text, cue = found
            quotes.append(
                Quote(start, end, content, speaker_id, speaker_text or "", cue or "", "direct")
            )
            if speaker_id:
                last_speaker, last_end = speaker_id, close
        direct_spans = [(q.start - 1, q.end + 1) for q in quotes]
        for sent_start, sent_end in sentences:
            self._indirect(doc, sent_start, sent_end, mentions, quotes, direct_spans)
            quotes.sort(key=lambda q: (q.start, q.end))
        # a reported clause that is nothing but a quotation ("a ajouté qu'« … »") is that
        # direct quote, once
        direct = {_strip_marks(text, q.start, q.end) for q in quotes if q.kind == "direct"}
        quotes = [
            q
            for q in quotes
            if q.kind == "direct" or _strip_marks(text, q.start, q.end) not in direct
        ]
        quotes.sort(key=lambda q: (q.start, q.end))
        doc._.quotes = quotes
        return doc

    def _indirect(self, doc, sent_start, sent_end, mentions, quotes, direct_spans):
        text = doc_text(doc)
        end = sent_end
        while end > sent_start and text[end - 1] in ".!?;…»” ":
            end -= 1
        for actor, speaker_text, prep, clause_start in self.according_to(
            doc, sent_start, sent_end, mentions
        ):
            start = clause_start
            while start < end and text[start].isspace():
                start += 1
            if end - start > 3 and not self._inside_direct(start, end, direct_spans):
                quotes.append(
                    Quote(start, end, text[start:end], actor, speaker_text, prep, "indirect")
                )
        self._relative_and_inverted(doc, sent_start, sent_end, end, mentions, quotes, direct_spans)
        previous = None  # the reported clause found so far in this sentence
        for verb in self.verb_regex.finditer(text, sent_start, sent_end):
            if any(s <= verb.start() < e for s, e in direct_spans):
                continue
            cut = None
            if previous is not None:
                # a second report in the sentence ("She admitted that …, and said the team
                # would have preferred …"): the first clause ends at the connector before it
                if verb.start() <= previous.start:
                    continue
                cut = NEXT_REPORT.search(text, previous.start, verb.start())
                if cut is None:
                    continue
            before = max(sent_start, verb.start() - 12)
            if DETERMINER_BEFORE[self.lang].search(text, before, verb.start()):
                continue  # a noun ("la demande d'autorisation qu'il …"), not a verb
            if re.search(r"(?:ations?|ions)$", verb.group(), re.I):
                continue  # "le mémoire en observations que …": a noun
            that = self.that.search(text, verb.end(), min(sent_end, verb.end() + 80))
            if that and (
                THAT_DETERMINER.match(text, that.end())
                or re.search(r"\bce\s*$", text[max(0, that.start() - 4) : that.start()], re.I)
            ):
                that = None  # "annul that decision", "contestent ce qu'ils tiennent pour …"
            if that:
                between = text[verb.end() : that.start()]
                if (
                    re.search(r"[.;:!?«»“”\"]", between)
                    or len(between.split()) > 9
                    or between.count(",") % 2  # "à la DREES, que dirige X": a relative
                ):
                    continue
                start = that.end()
            elif QUESTION_VERB.match(verb.group()) and (
                question := QUESTION[self.lang].match(text, verb.end(), sent_end)
            ):
                # an indirect question: "demande au Gouvernement quel est …", "asked when …"
                start = question.start("clause")
            else:
                # English drops "that": "The judge said access … was hypothetical";
                # "told senators he wanted …"
                bare = None
                if self.lang == "en" and verb.group().lower() in BARE_CLAUSE_VERBS:
                    bare = (
                        re.match(
                            r"\s+(?:(?:senators|MPs|deputies|reporters|journalists|lawmakers|"
                            r"parliament|the \w+|him|her|them)\s+)?(?=(?:he|she|they|it|we|the|a|an|"
                            r"his|her|its|their|only|no|access|data|this|there|[A-Z])\b)",
                            text[verb.end() : sent_end],
                        )
                        or re.match(  # "said migration did not look feasible"
                            r"\s+(?=[a-z]+\s+(?:was|were|is|are|had|has|did|does|would|could|should|"
                            r"will|can|might|must|looked|remained)\b)",
                            text[verb.end() : sent_end],
                        )
                    )
                if not bare or ":" in text[verb.end() : end]:
                    continue  # "told a mission: « … »": the quotation carries it
                start = verb.end() + bare.end()
                if len(text[start:end].split()) < 3:
                    continue  # "told the Senate.": an addressee, not a clause
            while start < end and text[start].isspace():
                start += 1
            if end - start < 4 or self._inside_direct(start, end, direct_spans):
                continue
            last = next(
                (q.speaker_id for q in reversed(quotes) if q.speaker_id and q.end <= verb.start()),
                None,
            )
            found = None
            if cut is not None and not any(
                cut.start() <= m.start < verb.start() for m in mentions if m.actor_id
            ):
                # coordinated verbs share their subject: "She admitted …, and said …"
                found = (previous.speaker_id, previous.speaker_text, "")
            if found is None:
                found = self.speaker_before(doc, sent_start, verb.end(), mentions, last)
            if found is None:
                found = self.speaker_after(doc, verb.end(), mentions, last) or (None, "", "")
            actor, speaker_text, _cue = found
            if actor is None:
                # "Several sources say …", "une mission d'expertise avait conclu que …": a
                # report whose speaker is not in the registry
                unnamed = UNNAMED_SUBJECT.match(text, sent_start, verb.start())
                if unnamed is None or any(
                    sent_start <= m.start < verb.start() for m in mentions if m.actor_id
                ):
                    continue
                speaker_text = unnamed.group("subject").strip()
            if previous is not None:
                previous.end = cut.start()
                previous.text = text[previous.start : previous.end]
            previous = Quote(
                start, end, text[start:end], actor, speaker_text, verb.group(), "indirect"
            )
            quotes.append(previous)

    def _relative_and_inverted(
        self, doc, sent_start, sent_end, end, mentions, quotes, direct_spans
    ):
        """'…, a plaidé X, pour qui <clause>' and '<clause>, a précisé X.' / '<clause>, X said.'"""
        text = doc_text(doc)
        for match in RELATIVE_ATTRIBUTION[self.lang].finditer(text, sent_start, sent_end):
            speaker = next(
                (
                    m
                    for m in reversed(mentions)
                    if m.actor_id and m.end <= match.start() and match.start() - m.end <= 2
                ),
                None,
            )
            if speaker and len(text[match.end() : end].split()) >= MIN_WORDS:
                quotes.append(
                    Quote(
                        match.end(),
                        end,
                        text[match.end() : end],
                        speaker.actor_id,
                        speaker.text,
                        match.group().strip(" ,"),
                        "indirect",
                    )
                )
        # the reported clause first, the attribution closing the sentence
        comma = text.rfind(",", sent_start, end)
        if comma == -1 or any(s <= comma < e for s, e in direct_spans):
            return
        tail = text[comma:end]
        # the attribution closes the sentence: a verb and its subject, nothing after
        if (
            len(tail.split()) > 6
            or re.search(r"[.!?;:]", tail)
            or re.search(r"[«»“”\"]", text[sent_start:end])
        ):
            return
        if self.lang == "fr":
            attribution = self.postposed.match(tail)
            if attribution is None or not self.verb_regex.fullmatch(attribution.group("verb")):
                return
        found = self.speaker_after(doc, comma, mentions, None)
        if not found or not found[0] or found[2] not in tail or found[1] not in tail:
            return  # an attribution in the next sentence
        start = sent_start
        heading = text.rfind("**", sent_start, comma)
        if heading != -1:
            start = heading + 2
        while start < comma and text[start].isspace():
            start += 1
        if len(text[start:comma].split()) < 4 or self.verb_regex.search(text, start, comma):
            return
        actor, speaker_text, verb = found
        quotes.append(Quote(start, comma, text[start:comma], actor, speaker_text, verb, "indirect"))

    @staticmethod
    def _inside_direct(start, end, direct_spans) -> bool:
        return any(s <= start and end <= e for s, e in direct_spans)
