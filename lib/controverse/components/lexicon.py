"""Word lists of the rules: reporting verbs, pronouns, role nouns and stance verbs (fr, en).

Regex sources over surface forms (the small models' French lemmas are unreliable for
these verbs). Tuned on the gold dev split only.
"""

from __future__ import annotations

REPORTING_VERBS = {
    "fr": (
        r"(?:affirm|estim|soulign|dénonc|denonc|jug|rappel|considèr|consid[ée]r|déclar|declar|"
        r"expliqu|indiqu|précis|ajout|assur|reconn|regrett|déplor|deplor|craign|craint|avert|"
        r"prévien|prévenu|préven|souten|souti|répond|repond|insist|martel|relev|observ|constat|"
        r"écri|ecri|confi|annonc|promet|promi|garanti|admet|admi|concè|conc[ée]d|plaid|"
        r"demand|exig|inquièt|inqui[ée]t|alert|rétorqu|retorqu|répliqu|lanc|poursui|conclu|"
        r"argu|défend|defend|justifi|reproch|fustig|engag|avanc|tranch|martèl|résum|resum|"
        r"recommand|préconis|propos|réclam|reclam|critiqu|contest|estimai|note|not[ée]|"
        r"reconnai|reconnaî|s'inquiét|s.alarm|insist|pointe|point[ée]|sout|dédui|dedui|"
        r"racont|fai(?:t|sait)\s+(?:\w+\s+)?(?:savoir|valoir)|titr|relèv|soulèv|rappell|réaffirm|reaffirm|"
        r"souhait)\w*"
    ),
    "en": (
        r"(?:said|says|say|argued|argues|argue|warned|warns|warn|noted|notes|stressed|stresses|"
        r"added|adds|explained|explains|told|tells|claimed|claims|insisted|insists|acknowledged|"
        r"admitted|wrote|writes|stated|states|believes|believed|considers|considered|found|finds|"
        r"concluded|concludes|complained|denied|denies|recalled|observed|replied|responded|"
        r"urged|urges|asked|asks|called|announced|announces|promised|promises|pledged|pledges|"
        r"conceded|maintained|maintains|contended|contends|contend|emphasi[sz]ed|underlined|regretted|regrets|"
        r"deplored|deplores|critici[sz]ed|criticizes|criticises|pointed out|points out|"
        r"reckons|reckoned|held|holds|ruled|rules|judged|feared|fears|recommended|recommends|"
        r"demanded|demands|committed|commits|arguing|saying|warning|adding|noting|insisting|"
        r"explaining|stressing|accusing|accused|accuses|accepted|accepts|holding|regretting|"
        r"concluding|considering|judging|reported|reports|confirmed|confirms|proposed|proposes|suggested|suggests|finding|"
        r"ruling)"
    ),
}

POSTPOSED_VERB = {
    # « … », souligne X / « … », a-t-elle ajouté / "…," X said
    "fr": r"(?:a\s+|avait\s+|ont\s+|a-t-(?P<aux>il|elle)\s+|avait-(?P<aux2>il|elle)\s+)?(?P<verb>fait (?:valoir|savoir)|[a-zàâçéèêëîïôûùüÿœ]+(?:-t)?)(?:-(?P<pron>il|elle|ils|elles|on))?",
    "en": r"(?P<verb>said|says|added|adds|warned|warns|argued|argues|noted|notes|explained|stressed|insisted|wrote|told|recalled|claimed|acknowledged|admitted|stated)",
}

PRONOUNS = {
    "fr": {"il": "m", "elle": "f", "ils": "pl", "elles": "pl"},
    "en": {"he": "m", "she": "f", "they": "pl", "it": "n"},
}

# Generic role nouns: the actors they can refer to (by type, affiliation or role words).
ROLE_NOUNS = {
    "fr": {
        r"(?:la|le) ministre(?: de la Santé| des Solidarités et de la Santé| délégué[e]?(?: chargée?)? du numérique| chargée? du numérique)?": (
            "role",
            "ministre",
        ),
        r"le secrétaire d['’]État(?: (?:chargé du|au) numérique)?": ("role", "secrétaire d'état"),
        r"la sénatrice(?: centriste)?|le sénateur(?: centriste)?": ("affiliation", "senat"),
        r"l['’]élue?|le parlementaire|la parlementaire": (
            "affiliation",
            "senat,assemblee-nationale",
        ),
        r"le député(?: MoDem)?|la députée": ("affiliation", "assemblee-nationale"),
        r"le rapporteur|la rapporteure": ("affiliation", "senat,assemblee-nationale"),
        r"la haute juridiction|le juge des référés|la juridiction|le juge(?: administratif)?|le Conseil": (
            "type",
            "court",
        ),
        r"le régulateur|le gendarme (?:des données(?: personnelles)?|de la vie privée)|l['’]autorité(?: de contrôle)?|la Commission": (
            "type",
            "regulator",
        ),
        r"la directrice(?: du Health Data Hub| du HDH| de la plateforme)?|le directeur(?: général)?": (
            "role",
            "direct",
        ),
        r"le président|la présidente": ("role", "président"),
        r"l['’]association|le collectif": ("type", "ngo"),
        r"le conseil": ("id", "cnam-council"),
        r"l['’]ordonnance|(?:sa|la) décision|l['’]arrêt|le jugement": ("type", "court"),
        r"la délibération|(?:l['’]|son )avis|le communiqué|le texte|le rapport": ("body", ""),
        r"le syndicat": ("type", "union"),
        r"le gouvernement|l['’]exécutif": ("id", "french-government"),
        r"le fondateur(?: d['’]OVH(?:cloud)?)?": ("role", "fondateur"),
        r"l['’]éditeur américain|le géant américain": ("id", "microsoft"),
        r"le (?:quotidien|journal|magazine|site spécialisé)|l['’]hebdomadaire": ("type", "media"),
    },
    "en": {
        r"the (?:health |digital )?minister": ("role", "ministre"),
        r"the (?:junior minister|secretary of state) for digital affairs": (
            "role",
            "secrétaire d'état",
        ),
        r"the senator": ("affiliation", "senat"),
        r"the (?:MP|deputy|rapporteur)": ("affiliation", "assemblee-nationale"),
        r"the (?:court|(?:urgent[- ]applications? |interim[- ]relief )?judge|"
        r"top administrative court|council of state)": ("type", "court"),
        r"the (?:regulator|watchdog|data protection authority|authority)": ("type", "regulator"),
        r"the (?:HDH |platform['’]s )?director": ("role", "direct"),
        r"the government|the executive": ("id", "french-government"),
        r"the (?:association|group|collective)": ("type", "ngo"),
        r"the council|the board": ("id", "cnam-council"),
        r"the (?:order|ruling|decision|judgment)": ("type", "court"),
        r"the (?:deliberation|opinion|statement|report)": ("body", ""),
        r"the union": ("type", "union"),
        r"the (?:newspaper|daily|paper|magazine|weekly)": ("type", "media"),
    },
}

# Stance-bearing verbs and phrases beyond the targets' own cues.
OPPOSE = {
    "fr": (
        r"\b(?:dénon\w*|denon\w*|contest\w*|critiqu\w*|s['’]oppos\w*|opposé\w*|oppos\w*|"
        r"attaqu\w*|saisi\w* (?:la justice|le Conseil d['’]État|le juge|le parquet|la CJUE)|"
        r"recours(?!\s+(?:à|au|aux)\b)|requête|(?<!juge des )(?<!juges des )référé|déplor\w*|fustig\w*|étrill\w*|alert\w*|condamn\w*|"
        r"refus\w*|s['’]inquièt\w*|inquiét\w*|réclam\w*|exig\w*|plaid\w* pour|"
        r"annulation|suspension|suspendre|plainte|porte plainte|mépris|niet|"
        r"désinvolture|opaque\w*|discrétion|sans appel d['’]offres?|regrett\w*|"
        r"commission d['’]enquête|soupçonn\w*|prononc\w* contre)"
    ),
    "en": (
        r"\b(?:denounc\w*|contest\w*|criticis\w*|criticiz\w*|oppos\w*|attack\w*|challeng\w*|"
        r"appeal\w*|complain\w*|deplor\w*|warn\w*|condemn\w*|refus\w*|reject\w*|demand\w*|"
        r"suspend\w*|suspension|annul\w*|lawsuit|petition\w*|concern\w*|risk\w*|"
        r"contempt|regret\w*|commission of inquiry|fought|fight\w*|suspect\w*)"
    ),
}
SUPPORT = {
    "fr": (
        r"\b(?:défend\w*|defend\w*|justifi\w*|salu\w*|soutien\w*|soutient|soutenu\w*|"
        r"se félicit\w*|autoris(?!ation)\w*|valid\w*|assum\w*|pragmati\w*|favorable\w*|"
        r"(?<!-t-il )(?<!-t-elle )(?<!», )lan[cç]\w*\b(?!\s+(?:un|une|d['’]un|l['’])\s*(?:appel|procédure|consultation|recours))|"
        r"inaugur\w*|cré[ée]\w*|porte le projet|plein soutien|"
        r"n['’]a pas été un choix d['’]influence|pas (?:un choix )?d['’]influence|"
        r"balay\w* (?:les |ces )?(?:critiques|inquiétudes|craintes))"
    ),
    "en": (
        r"\b(?:defend\w*|justif\w*|welcom\w*|support\w*|backed|authori[sz](?!ation)\w*|validat\w*|"
        r"upheld|uphold\w*|pragmatic|endors\w*|launch\w*\b(?!\s+(?:a|an)\s+(?:call|tender|procedure))|"
        r"inaugurat\w*|"
        r"champion\w*|in favou?r|"
        r"dismiss\w* (?:the |these |those )?(?:concerns|criticisms?|critics|fears)|"
        r"not (?:been )?(?:a choice|one) of influence)"
    ),
}
# A regretted alternative: the speaker concedes, and keeps, the choice made.
COUNTERFACTUAL = (
    r"\b(?:(?:(?:on|nous|je|il|elle|ils|elles|équipe)\s+|j['’])(?:aurait|aurions|aurais|auraient)\s+"
    r"(?:bien\s+|sans doute\s+)?(?:préféré|aimé|voulu)|would\s+have\s+(?:preferred|liked))"
)
# A target cue denied by what follows it: "a French solution would not have allowed the
# research", "une solution française n'aurait pas permis …" argue for the choice made.
DENIED_AFTER = {
    "fr": r"\s*(?:\w+\s+){0,2}?(?:(?:ne|n['’])\s*(?:\w+\s+)?\w+\s+(?:pas|jamais|guère)\b|"
    # "les offres souveraines présentaient encore un écart important de fonctionnalités"
    r"(?:présent|accus|montr)\w*\s+(?:encore\s+|toujours\s+)?(?:un|une|des)\s+(?:\w+\s+){0,2}?"
    r"(?:écart|lacune)s?\b)",
    "en": r"\s*(?:\w+\s+){0,2}?(?:(?:would|could|can|did|does|do|was|is|were|has|had)"
    r"(?:\s+not|n['’]t)\b|(?:show\w*|had|have|has|lag\w*)\s+(?:still\s+)?(?:an?\s+)?"
    r"(?:\w+\s+){0,2}?(?:gap|shortfall)s?\b)",
}
# The decision-maker planning its own tender ("nous puissions lancer un appel d'offres",
# "we will launch a call for tenders") announces a procedure; it does not oppose the hosting.
OWN_TENDER = (
    r"\b(?:nous|we)\s+(?:\w+\s+){0,2}?lan[cç]\w*\s+(?:un|une|a|an)\s+"
    r"(?:appel d['’]offres?|call for tenders?|tender)"
)
NEGATION = {
    "fr": r"\b(?:ne|n['’])\s+\w+(?:\s+\w+)?\s+(?:pas|plus|jamais|guère)\b",
    "en": r"\b(?:not|never|no longer|n['’]t)\b",
}

# Litigation against the hosting: a litigant's action is a stance against microsoft-hosting.
LITIGATION = {
    "fr": (
        r"\b(?:requ[êe]te|requérant\w*|recours|référé\w*|saisi\w*|saisine|plainte|"
        r"demand\w* (?:au juge|au Conseil d['’]État|l['’]annulation|la suspension|de suspendre)|"
        r"suspendre|"
        r"suspension|annulation|attaqu\w*|réunit|contre)\b"
    ),
    "en": (
        r"\b(?:fil(?:ed|es|ing)\s+(?:\w+\s+){0,3}?(?:complaint|suit|lawsuit|appeal|challenge|"
        r"petition|application|request|action|case)|"
        r"join(?:ed|s|ing)?\s+(?:\w+\s+){0,3}?(?:application|case|suit|lawsuit|appeal|challenge|action)|"
        r"petition\w*|lawsuit|suit|challeng\w*|applicants?|"
        r"complaint|appeal\w*|suspend\w*|suspension|annul\w*|against|"
        r"asked\s+the\s+(?:Council\s+of\s+State|court|judge)|overturn\w*)\b"
    ),
}
LITIGATION_TARGET = "microsoft-hosting"

# Per-target additions. Opposing the platform means wanting it stopped, so general verbs of
# criticism do not count toward health-data-hub (they are mostly about the hosting); its
# champions launch, announce, inaugurate and carry it.
TARGET_LEXICONS = {
    "microsoft-hosting": {
        "oppose": {
            "fr": (
                r"(?:prestataire|fournisseur|opérateur|h[ée]bergeur)s? (?:fran[çc]ais|europ[ée]en)|"
                r"changer d['’]h[ée]bergeur|faire quitter microsoft|quitter microsoft|"
                r"migr\w* (?:vers|hors)"
            ),
            "en": (
                r"(?:french|european) or (?:french|european) (?:provider|host|company)|"
                r"change (?:its |the )?host|move[ds]? (?:away|out|to a)|leav\w* microsoft"
            ),
        },
        "support": {"fr": r"(?!x)x", "en": r"(?!x)x"},
        # a stated non-position: letting it go on while asking for guarantees, not deciding
        "neutral": {
            "fr": (
                r"\b(?:sans (?:prendre parti|trancher|se prononcer|valider ni|juger)|"
                r"ne (?:prend|prennent|prendre) pas parti|s['’]en remet\w*|"
                r"ni (?:valid|approuv|condamn|bloqu|interdi)\w*,? ni|"
                r"(?:tout en )?(?:imposant|exigeant|demandant|ordonnant|impos\w*|exig\w*|"
                r"demand\w*|ordonn\w*) (?:de nouvelles |des |davantage de |de )?"
                r"(?:garanties|obligations contractuelles|mesures complémentaires)|"
                r"laiss\w* (?:la plateforme|le projet|le dispositif) (?:fonctionner|poursuivre|"
                r"continuer))"
            ),
            "en": (
                r"\b(?:neither \w+(?: \w+){0,4} nor|without taking (?:a |any )?sides?|"
                r"took no (?:position|side)|"
                r"declin\w* to (?:settle|rule on|take sides|take a position|decide)|"
                r"(?:while )?(?:ask\w*|demand\w*|requir\w*|order\w*) (?:for )?(?:further |"
                r"more |new |additional |extra )?(?:guarantees|safeguards)|"
                r"let the (?:platform|project) (?:carry on|continue|run|operate|"
                r"go ahead))"
            ),
        },
        "cues": {
            "fr": r"\b(?:prestataire|fournisseur|cloud)s?\b",
            "en": r"\b(?:provider|cloud)s?\b",
        },
    },
    "health-data-hub": {
        "oppose": None,
        "support": {
            "fr": (
                r"\b(?:(?<!-t-il )(?<!-t-elle )(?<!», )lan[cç]\w*\b(?!\s+(?:un|une|d['’]un|l['’])\s*(?:appel|procédure|consultation|recours))|"
                r"inaugur\w*|porte le projet|plein soutien|"
                r"favorable\w*|parfaitement vivant|salu\w*)"
            ),
            "en": (
                r"\b(?:launch\w*\b(?!\s+(?:a|an)\s+(?:call|tender|procedure))|inaugurat\w*|"
                r"champion\w*|full support|perfectly alive)"
            ),
        },
    },
}
