//! Portuguese, in European and Brazilian spelling ("governação" and
//! "governança", "socioeconómico" and "socioeconômico", "susceptível" and
//! "suscetível"; accents do not matter to the matching, words do).

use super::{Language, PlaceWords};
use crate::model::DomainId::*;

pub(crate) static PT: Language = Language {
    code: "pt",
    domains: &[
        (
            MigrantsRights,
            &[
                "Direitos dos migrantes",
                "Direitos das pessoas migrantes",
                "Adesão às normas internacionais e respeito pelos direitos dos migrantes",
                "Adesão às normas internacionais e respeito aos direitos dos migrantes",
                "Adesão às normas internacionais e cumprimento dos direitos dos migrantes",
                "Adere às normas internacionais e respeita os direitos dos migrantes",
            ],
        ),
        (
            WholeOfGovernment,
            &[
                "Abordagem de governo integral",
                "Abordagem integrada de governo",
                "Abordagem governamental integrada",
                "Abordagem de todo o governo",
                "Abordagem governamental global",
                "Formula políticas com base em dados concretos e numa abordagem de governo integral",
                "Formula políticas com base em evidências e numa abordagem de governo integral",
                "Formula políticas baseadas em evidências e em uma abordagem de governo integral",
                "Formulação de políticas baseadas em evidências e abordagem de governo integral",
            ],
        ),
        (
            Partnerships,
            &[
                "Parcerias",
                "Cooperação e parcerias",
                "Estabelece parcerias para abordar a migração e questões conexas",
                "Estabelece parcerias para tratar a migração e questões relacionadas",
                "Colabora com parceiros para abordar a migração e questões relacionadas",
            ],
        ),
        (
            WellBeing,
            &[
                "Bem-estar dos migrantes",
                "Bem-estar das pessoas migrantes",
                "Bem-estar socioeconómico dos migrantes",
                "Bem-estar socioeconômico dos migrantes",
                "Bem-estar socioeconómico das pessoas migrantes",
                "Promove o bem-estar socioeconómico dos migrantes e da sociedade",
                "Promove o bem-estar socioeconômico dos migrantes e da sociedade",
            ],
        ),
        (
            MobilityCrises,
            &[
                "Dimensão de mobilidade das crises",
                "Dimensões de mobilidade das crises",
                "Dimensões de mobilidade em situações de crise",
                "Dimensão de mobilidade em situações de crise",
                "Mobilidade em situações de crise",
                "Aborda eficazmente as dimensões de mobilidade das crises",
                "Responde eficazmente às dimensões de mobilidade das crises",
            ],
        ),
        (
            SafeOrderlyRegular,
            &[
                "Migração segura, ordenada e regular",
                "Migração segura, ordenada e digna",
                "Garante que a migração ocorra de forma segura, ordenada e digna",
                "Assegura que a migração decorre de forma segura, ordenada e digna",
                "Assegura que a migração se realize de forma segura, ordenada e digna",
            ],
        ),
    ],
    strengths: &[
        "Governança da migração: exemplos de áreas bem desenvolvidas",
        "Governação da migração: exemplos de áreas bem desenvolvidas",
        "Governança das migrações: exemplos de áreas bem desenvolvidas",
        "Governação das migrações: exemplos de áreas bem desenvolvidas",
        "Exemplos de áreas bem desenvolvidas",
        "Áreas bem desenvolvidas",
    ],
    improvements: &[
        "Áreas com potencial para maior desenvolvimento",
        "Áreas com potencial para futuro desenvolvimento",
        "Áreas com potencial para desenvolvimento futuro",
        "Áreas com potencial para desenvolvimento adicional",
        "Áreas com potencial de desenvolvimento adicional",
        "Áreas com potencial para desenvolvimento",
        "Lacunas e áreas suscetíveis de melhoria",
        "Lacunas e áreas susceptíveis de melhoria",
        "Áreas suscetíveis de melhoria",
        "Áreas susceptíveis de melhoria",
    ],
    domain_keys: &[
        (MigrantsRights, &["direitos", "direito"]),
        (WholeOfGovernment, &["governo", "governamental"]),
        (
            Partnerships,
            &["parcerias", "parceiros", "parceria", "cooperação"],
        ),
        (
            WellBeing,
            &[
                "bem-estar",
                "socioeconómico",
                "socioeconômico",
                "socio-económico",
            ],
        ),
        (MobilityCrises, &["crises", "crise"]),
        (SafeOrderlyRegular, &["segura", "ordenada"]),
    ],
    strengths_keys: &["bem desenvolvidas", "bem desenvolvidos", "pontos fortes"],
    improvements_keys: &[
        "potencial",
        "maior desenvolvimento",
        "futuro desenvolvimento",
        "desenvolvimento adicional",
        "suscetíveis de melhoria",
        "susceptíveis de melhoria",
        "lacunas",
        "a melhorar",
        "a desenvolver",
    ],
    numbering_words: &[
        "domínio",
        "dimensão",
        "secção",
        "seção",
        "princípio",
        "objetivo",
        "objectivo",
    ],
    key_findings: &[
        "Principais conclusões",
        "Conclusões principais",
        "Principais resultados",
        "Resultados principais",
    ],
    introduction: &["Introdução"],
    end_of_findings: &[
        "Publicações relacionadas",
        "Outros perfis locais",
        "Outros perfis",
        "Análise COVID-19",
        "Análise da COVID-19",
        "Principais fontes",
        "Fontes principais",
        "Fontes",
        "Anexos",
        "Anexo",
        "Índice",
        "Objetivos",
        "Objectivos",
        "Quadro conceptual",
        "Quadro conceitual",
        "Progressos desde a última avaliação",
        "Progresso desde a última avaliação",
    ],
    end_of_findings_prefixes: &[
        "Progressos desde ",
        "Progresso desde ",
        "Atualizações desde ",
        "Actualizações desde ",
    ],
    intro_chrome: &[
        "Clique na",
        "Clique no",
        "Clique nos",
        "Os Indicadores de Governança da Migração (IGM) são um",
        "Os Indicadores de Governação da Migração (IGM) são um",
    ],
    months: &[
        ("janeiro", 1),
        ("fevereiro", 2),
        ("março", 3),
        ("abril", 4),
        ("maio", 5),
        ("junho", 6),
        ("julho", 7),
        ("agosto", 8),
        ("setembro", 9),
        ("outubro", 10),
        ("novembro", 11),
        ("dezembro", 12),
        ("fev", 2),
        ("abr", 4),
        ("mai", 5),
        ("ago", 8),
        ("set", 9),
        ("out", 10),
        ("dez", 12),
    ],
    ordinals: &[
        ("primeiro", 1),
        ("primeira", 1),
        ("segundo", 2),
        ("segunda", 2),
        ("terceiro", 3),
        ("terceira", 3),
        ("quarto", 4),
        ("quarta", 4),
        ("quinto", 5),
        ("quinta", 5),
        ("1.º", 1),
        ("2.º", 2),
        ("3.º", 3),
        ("4.º", 4),
        ("1.ª", 1),
        ("2.ª", 2),
        ("3.ª", 3),
        ("4.ª", 4),
        ("1º", 1),
        ("2º", 2),
        ("3º", 3),
        ("4º", 4),
    ],
    titles: &[
        // "Perfil de Governança da Migração: República de Cabo Verde (2021)",
        // the year optional; "Perfil Local de Governação das Migrações: …".
        r"^\s*(?:(?P<ord>{ORD})\s+)?perfil\s+(?P<local>local\s+)?de\s+governa(?:n[cç]a|[cç][aã]o)\s+d(?:a\s+migra[cç][aã]o|as\s+migra[cç][oõ]es)\s*[:|–—-]\s*(?P<place>.+?)\s*(?:\((?P<year>\d{4})\))?\s*$",
        // "Perfil de Governança da Migração a Nível Local: Município de São Paulo (2021)".
        r"^\s*(?:(?P<ord>{ORD})\s+)?perfil\s+de\s+governa(?:n[cç]a|[cç][aã]o)\s+d(?:a\s+migra[cç][aã]o|as\s+migra[cç][oõ]es)(?P<local>\s+(?:a|ao)\s+n[ií]vel\s+local)\s*[:|–—-]\s*(?P<place>.+?)\s*(?:\((?P<year>\d{4})\))?\s*$",
        // "Indicadores de Governança da Migração | Perfil 2021 | República de Angola",
        // "… a Nível Local | Perfil 2022 | Município de …", "… Segundo Perfil 2022 | Brasil".
        r"indicadores\s+de\s+governa(?:n[cç]a|[cç][aã]o)\s+d(?:a\s+migra[cç][aã]o|as\s+migra[cç][oõ]es)(?P<local>\s+(?:a|ao)\s+n[ií]vel\s+local)?\.?\s*[|:–—-]?\s*(?:(?P<ord>{ORD})\s+)?(?:perfil|relat[oó]rio)\s+(?P<year>\d{4})\s*[|:–—-]?\s*(?P<place>[^|]+?)\s*(?:\.\s|\.?$)",
    ],
    heading_styles: &["título", "subtítulo"],
    title_words: &[
        &["perfil"],
        &["governança", "governação"],
        &["migração", "migrações"],
    ],
    local_words: &["a nível local", "ao nível local", "local"],
    // Frequent words; those Spanish shares ("de", "que", "para", "por",
    // "no", "se") are listed too, so that they weigh the same in both.
    stopwords: &[
        "de", "que", "para", "por", "no", "se", "os", "do", "da", "dos", "das", "e", "em", "na",
        "nas", "um", "uma", "com", "não", "ao", "aos", "pelo", "pela", "pelos", "pelas", "à", "às",
        "é", "são", "foi", "também", "está", "estão",
    ],
    date_fillers: &["de"],
    places: PlaceWords {
        country_heads: &[
            "república",
            "república federativa",
            "república democrática",
            "república popular",
            "república socialista",
            "reino",
            "estado",
            "estado independente",
            "principado",
            "grão-ducado",
            "sultanato",
            "união",
            "federação",
        ],
        country_bare_heads: &["república"],
        local_heads: &[
            "município",
            "cidade",
            "prefeitura",
            "prefeitura municipal",
            "estado",
            "distrito",
        ],
        local_bare_heads: &[],
        local_suffixes: &[],
        connectors: &["de", "do", "da", "dos", "das"],
        articles: &[],
    },
};

#[cfg(test)]
mod tests {
    use crate::lang::{Meaning, match_date_line, match_heading, match_title};
    use crate::model::{DomainId, FindingKind};

    fn meaning(text: &str) -> Option<(Meaning, &'static str)> {
        match_heading(text).map(|m| (m.meaning, m.language))
    }

    #[test]
    fn domain_headings_short_local_and_migof() {
        for (text, id) in [
            ("Direitos dos migrantes", DomainId::MigrantsRights),
            ("DIREITOS DOS MIGRANTES", DomainId::MigrantsRights),
            (
                "ADESÃO ÀS NORMAS INTERNACIONAIS E RESPEITO PELOS DIREITOS DOS MIGRANTES",
                DomainId::MigrantsRights,
            ),
            ("Abordagem de governo integral", DomainId::WholeOfGovernment),
            ("Parcerias", DomainId::Partnerships),
            ("Bem-estar dos migrantes", DomainId::WellBeing),
            (
                "Bem-estar socioeconômico dos migrantes",
                DomainId::WellBeing,
            ),
            (
                "Bem-estar socioeconómico dos migrantes",
                DomainId::WellBeing,
            ),
            (
                "Dimensões de mobilidade das crises",
                DomainId::MobilityCrises,
            ),
            (
                "Migração segura, ordenada e regular",
                DomainId::SafeOrderlyRegular,
            ),
            (
                "Garante que a migração ocorra de forma segura, ordenada e digna",
                DomainId::SafeOrderlyRegular,
            ),
        ] {
            assert_eq!(meaning(text), Some((Meaning::Domain(id), "pt")), "{text}");
        }
    }

    #[test]
    fn list_headings_of_both_spellings() {
        let strength = Some((Meaning::List(FindingKind::Strength), "pt"));
        let improvement = Some((Meaning::List(FindingKind::Improvement), "pt"));
        assert_eq!(
            meaning("Governança da migração: exemplos de áreas bem desenvolvidas:"),
            strength
        );
        assert_eq!(
            meaning("Governação da migração: exemplos de áreas bem desenvolvidas"),
            strength
        );
        assert_eq!(meaning("áreas bem desenvolvidas"), strength);
        assert_eq!(
            meaning("Áreas com potencial para maior desenvolvimento:"),
            improvement
        );
        assert_eq!(
            meaning("áreas com potencial para futuro desenvolvimento"),
            improvement
        );
        assert_eq!(
            meaning("Lacunas e áreas suscetíveis de melhoria"),
            improvement
        );
        assert_eq!(
            meaning("Lacunas e áreas susceptíveis de melhoria"),
            improvement
        );
    }

    #[test]
    fn headings_in_wordings_the_table_does_not_list() {
        // Recognised by their key words among the words of the domain's names.
        for (text, id) in [
            ("Domínio 3: Parcerias e cooperação", DomainId::Partnerships),
            (
                "BEM-ESTAR SOCIOECONÔMICO DAS PESSOAS MIGRANTES E DA SOCIEDADE",
                DomainId::WellBeing,
            ),
            (
                "Dimensões de mobilidade das situações de crise",
                DomainId::MobilityCrises,
            ),
        ] {
            assert_eq!(meaning(text), Some((Meaning::Domain(id), "pt")), "{text}");
        }
        assert_eq!(
            meaning("Lacunas e áreas com potencial de melhoria:"),
            Some((Meaning::List(FindingKind::Improvement), "pt"))
        );
    }

    #[test]
    fn spanish_headings_stay_spanish() {
        assert_eq!(
            meaning("Derechos de los migrantes"),
            Some((Meaning::Domain(DomainId::MigrantsRights), "es"))
        );
        assert_eq!(
            meaning("Áreas con potencial de desarrollo adicional"),
            Some((Meaning::List(FindingKind::Improvement), "es"))
        );
        assert_eq!(
            meaning("Migración segura, ordenada y regular"),
            Some((Meaning::Domain(DomainId::SafeOrderlyRegular), "es"))
        );
        assert_eq!(
            meaning("Dominio 3: Alianzas y cooperación"),
            Some((Meaning::Domain(DomainId::Partnerships), "es"))
        );
        assert_eq!(
            meaning("BIENESTAR SOCIOECONÓMICO DE LAS PERSONAS MIGRANTES Y DE LA SOCIEDAD"),
            Some((Meaning::Domain(DomainId::WellBeing), "es"))
        );
    }

    #[test]
    fn printed_section_titles() {
        assert_eq!(
            meaning("PRINCIPAIS CONCLUSÕES").map(|m| m.0),
            Some(Meaning::KeyFindings)
        );
        assert_eq!(
            meaning("INTRODUÇÃO").map(|m| m.0),
            Some(Meaning::Introduction)
        );
        for end in [
            "ÍNDICE",
            "OBJETIVOS",
            "QUADRO CONCEPTUAL",
            "ANÁLISE COVID-19",
            "PRINCIPAIS FONTES",
        ] {
            assert_eq!(
                meaning(end).map(|m| m.0),
                Some(Meaning::EndOfFindings),
                "{end}"
            );
        }
    }

    #[test]
    fn dates() {
        assert_eq!(match_date_line("2021 Setembro").as_deref(), Some("2021-09"));
        assert_eq!(match_date_line("março de 2022").as_deref(), Some("2022-03"));
        assert_eq!(
            match_date_line("15 de dezembro de 2019").as_deref(),
            Some("2019-12")
        );
    }

    #[test]
    fn national_and_local_titles() {
        let t = match_title("Perfil de Governança da Migração: República de Cabo Verde").unwrap();
        assert_eq!(
            (t.language, t.place.as_str(), t.year, t.edition, t.local),
            ("pt", "República de Cabo Verde", None, None, false)
        );
        let t = match_title(
            "Segundo Perfil de Governança da Migração: República Federativa do Brasil (2022)",
        )
        .unwrap();
        assert_eq!(
            (t.place.as_str(), t.year, t.edition),
            ("República Federativa do Brasil", Some(2022), Some(2))
        );
        let t = match_title("2.º Perfil de Governação da Migração: República Portuguesa (2022)")
            .unwrap();
        assert_eq!((t.edition, t.year), (Some(2), Some(2022)));
        // Words in another order, found by the title's key words.
        let t = match_title("Perfil Local da Governação das Migrações: Município de Lisboa (2024)")
            .unwrap();
        assert_eq!(
            (t.language, t.place.as_str(), t.year, t.local),
            ("pt", "Município de Lisboa", Some(2024), true)
        );
        let t = match_title("3.º Perfil de Governação da Migração: República Portuguesa (2025)")
            .unwrap();
        assert_eq!(t.edition, Some(3));
        let t =
            match_title("Perfil Local de Governança da Migração: Município de São Paulo (2021)")
                .unwrap();
        assert_eq!(
            (t.place.as_str(), t.year, t.local),
            ("Município de São Paulo", Some(2021), true)
        );
        let t = match_title(
            "Perfil de Governança da Migração a Nível Local: Município da Praia (Cabo Verde) (2023)",
        )
        .unwrap();
        assert_eq!(
            (t.place.as_str(), t.country.as_deref(), t.year, t.local),
            ("Município da Praia", Some("Cabo Verde"), Some(2023), true)
        );
        let t = match_title(
            "INDICADORES DE GOVERNANÇA DA MIGRAÇÃO A NÍVEL LOCAL | PERFIL 2023 | MUNICÍPIO DA PRAIA (CABO VERDE)",
        )
        .unwrap();
        assert_eq!(
            (t.place.as_str(), t.country.as_deref(), t.year, t.local),
            ("MUNICÍPIO DA PRAIA", Some("CABO VERDE"), Some(2023), true)
        );
        let t = match_title("Citação obrigatória: Organização Internacional para as Migrações (OIM), 2022. Indicadores de Governança da Migração | Perfil 2021 | República de Angola. OIM, Genebra.").unwrap();
        assert_eq!(
            t.title,
            "Indicadores de Governança da Migração | Perfil 2021 | República de Angola"
        );
        assert_eq!(t.language, "pt");
        assert!(
            match_title(
                "Indicadores de Gobernanza de la Migración Perfil 2021 | República de Nicaragua"
            )
            .is_some_and(|t| t.language == "es")
        );
    }
}
