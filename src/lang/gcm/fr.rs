//! French terms of the GCM objectives (see the README, "GCM objectives").

use super::GcmLexicon;

pub(crate) static FR: GcmLexicon = GcmLexicon {
    code: "fr",
    stopwords: &[
        "l", "d", "de", "du", "des", "la", "le", "les", "un", "une", "et", "ou", "a", "au", "aux",
        "en", "dans", "sur", "pour", "par", "avec", "leur", "leurs", "son", "sa", "ses", "tous",
        "toutes", "qu", "n", "s",
    ],
    suffixes: &[("aux", "al")],
    objectives: &[
        // 1 : données, statistiques, recherche (par. 17 ; mesure 1 f) observatoires).
        (
            1,
            &[
                "données",
                "!statistique*",
                "!recensement*",
                "enquête*",
                "!observatoire*",
                "travaux de recherche",
                "étude*",
                "base de données",
                "profil migratoire",
                "besoins du marché du travail",
            ],
        ),
        // 2 : catastrophes, changements climatiques, déplacements (par. 18).
        (
            2,
            &[
                "!catastrophe*",
                "changement climatique",
                "!déplacé*",
                "déplacement*",
                "plan de contingence",
                "alerte précoce",
                "alerte*",
                "!inondation*",
                "!sécheresse*",
                "érosion côtière",
                "protection civile",
                "réduction des risques",
                "action humanitaire",
                "assistance humanitaire",
                "réponse aux crises",
                "crise*",
                "dégradation de l'environnement",
                "relocalisation",
            ],
        ),
        // 3 : information à toutes les étapes de la migration (par. 19).
        (
            3,
            &[
                "information*",
                "informer",
                "langues",
                "dans leur langue",
                "campagne* de sensibilisation",
                "sensibilisation",
                "avant le départ",
                "orientation avant",
                "traduction",
                "traduit*",
            ],
        ),
        // 4 : identité légale et papiers (par. 20).
        (
            4,
            &[
                "acte* de naissance",
                "enregistrement des naissances",
                "état civil",
                "identité légale",
                "document* de voyage",
                "apatride*",
                "apatridie",
                "carte* consulaire*",
            ],
        ),
        // 5 : filières de migration régulière (par. 21).
        (
            5,
            &[
                "libre circulation",
                "circulation des personnes",
                "!visa",
                "migration de main-d'œuvre",
                "migration de travail",
                "migration professionnelle",
                "migrations professionnelles",
                "mobilité de main-d'œuvre",
                "accord* de main-d'œuvre",
                "permis de travail",
                "regroupement familial",
                "réunification familiale",
                "titre* de séjour",
                "droit de résidence",
                "travailleurs saisonniers",
                "placement",
                "filières",
                "liste* des métiers",
                "admission",
            ],
        ),
        // 6 : recrutement équitable et travail décent (par. 22 ; mesure 6 a)).
        (
            6,
            &[
                "!recrutement",
                "agences privées",
                "inspection* du travail",
                "travail décent",
                "conditions de travail",
                "salaire*",
                "rémunération",
                "code du travail",
                "droit du travail",
                "oit",
                "organisation internationale du travail",
                "droits de tous les travailleurs migrants",
                "travailleurs domestiques",
                "égalité de traitement",
                "exploitation par le travail",
                "accord* de main-d'œuvre",
            ],
        ),
        // 7 : vulnérabilités (par. 23).
        (
            7,
            &[
                "!vulnérab*",
                "aide juridique",
                "assistance juridique",
                "conseil juridique",
                "non accompagnés",
                "!régularisation",
                "secteur informel",
                "économie informelle",
                "violence* basée* sur le genre",
                "violence* sexiste*",
            ],
        ),
        // 8 : sauver des vies, migrants disparus (par. 24).
        (
            8,
            &[
                "migrants disparus",
                "disparus",
                "recherche et sauvetage",
                "sauvetage",
                "décès de migrants",
            ],
        ),
        // 9 : trafic de migrants (par. 25).
        (
            9,
            &[
                "trafic illicite de migrants",
                "trafic de migrants",
                "trafic illicite",
                "!passeur*",
            ],
        ),
        // 10 : traite des personnes (par. 26).
        (
            10,
            &[
                "traite",
                "traite des personnes",
                "traite des êtres humains",
                "victimes de la traite",
            ],
        ),
        // 11 : gestion des frontières (par. 27).
        (
            11,
            &[
                "frontière*",
                "poste* frontière*",
                "postes frontaliers",
                "gestion des frontières",
                "contrôle* aux frontières",
                "police aux frontières",
                "!biométrique*",
                "entrées et sorties",
            ],
        ),
        // 12 : contrôle, évaluation et orientation ; procédures prévisibles (par. 28).
        (
            12,
            &[
                "identification des victimes",
                "identification des migrants vulnérables",
                "identification",
                "mécanisme d'orientation",
                "orientation des victimes",
                "visas électroniques",
                "visa électronique",
                "e-visa",
                "procédures opérationnelles",
            ],
        ),
        // 13 : alternatives à la rétention (par. 29).
        (13, &["!rétention", "détention", "centre* de rétention"]),
        // 14 : protection consulaire (par. 30).
        (
            14,
            &[
                "!consulaire*",
                "!consulat*",
                "!ambassade*",
                "ressortissants à l'étranger",
                "nationaux à l'étranger",
                "rapatriement*",
                "cellule* de crise",
                "évacuation",
            ],
        ),
        // 15 : accès aux services de base (par. 31).
        (
            15,
            &[
                "santé",
                "soins",
                "assurance maladie",
                "médica*",
                "éducation",
                "enseignement",
                "école*",
                "scolari*",
                "services sociaux",
                "services de base",
                "services publics",
                "logement*",
            ],
        ),
        // 16 : intégration et cohésion sociale (par. 32).
        (
            16,
            &[
                "intégration",
                "inclusion",
                "cohésion sociale",
                "droit au travail",
                "accès à l'emploi",
                "accès au marché du travail",
                "insertion professionnelle",
                "!naturalisation",
                "citoyenneté",
                "droit de vote",
                "élections",
                "!interculturel*",
                "cours de langue",
                "offres d'emploi",
                "entrepreneuriat",
                "entrepreneur*",
            ],
        ),
        // 17 : éliminer les discriminations (par. 33).
        (
            17,
            &[
                "!discrimination*",
                "!xénophobie",
                "!racisme",
                "discours de haine",
                "crimes de haine",
                "égalité devant la loi",
                "mêmes droits",
                "égalité de traitement",
            ],
        ),
        // 18 : compétences et reconnaissance des qualifications (par. 34).
        (
            18,
            &[
                "!qualification*",
                "reconnaissance des compétences",
                "reconnaissance des diplômes",
                "reconnaissance des qualifications",
                "!diplôme*",
                "compétences acquises",
                "formation professionnelle",
                "reconnaissance mutuelle",
            ],
        ),
        // 19 : contributions des migrants et des diasporas (par. 35).
        (
            19,
            &[
                "!diaspora*",
                "de l'extérieur",
                "plan de développement",
                "plan national de développement",
                "développement du pays",
                "transfert de compétences",
                "associations de ressortissants",
                "investissement productif",
                "vote à l'étranger",
                "voter de l'étranger",
                "suffrage de l'étranger",
            ],
        ),
        // 20 : envois de fonds et inclusion financière (par. 36).
        (
            20,
            &[
                "envois de fonds",
                "transferts de fonds",
                "transferts d'argent",
                "coût des transferts",
                "éducation financière",
                "inclusion financière",
                "circuits formels",
            ],
        ),
        // 21 : retour, réadmission et réintégration (par. 37).
        (
            21,
            &[
                "retour",
                "de retour",
                "!réintégration",
                "!réinsertion",
                "!réadmission",
                "!rapatrié*",
                "!expulsé*",
                "migrants de retour",
            ],
        ),
        // 22 : protection sociale et portabilité des droits (par. 38).
        (
            22,
            &[
                "sécurité sociale",
                "protection sociale",
                "assurance maladie",
                "assurance*",
                "!pension*",
                "retraite*",
                "prestations sociales",
                "transferts monétaires",
                "!cotisation*",
                "filets sociaux",
                "portabilité",
            ],
        ),
        // 23 : coopération internationale (par. 39).
        (
            23,
            &[
                "processus consultatif*",
                "dialogue",
                "processus",
                "conférence régionale",
                "coopération internationale",
                "pacte mondial",
                "union africaine",
                "réseau de villes",
                "villes jumelles",
                "jumelage",
            ],
        ),
    ],
    out_of_scope: &[
        "statut des réfugiés",
        "convention relative aux réfugiés",
        "camp* de réfugiés",
        "mirps",
    ],
};
