//! The normalized model of one MGI profile.
//!
//! The JSON field names are a contract read by other tools (and by the Typst
//! template): rename nothing without a migration note in the README.
//! The model knows nothing about how it is read or rendered.

use serde::{Deserialize, Serialize};

/// The six MiGOF domains, in the order every profile uses.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DomainId {
    MigrantsRights,
    WholeOfGovernment,
    Partnerships,
    WellBeing,
    MobilityCrises,
    SafeOrderlyRegular,
}

impl DomainId {
    /// All domains in MiGOF order.
    pub const ALL: [DomainId; 6] = [
        DomainId::MigrantsRights,
        DomainId::WholeOfGovernment,
        DomainId::Partnerships,
        DomainId::WellBeing,
        DomainId::MobilityCrises,
        DomainId::SafeOrderlyRegular,
    ];

    /// The stable identifier used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            DomainId::MigrantsRights => "migrants_rights",
            DomainId::WholeOfGovernment => "whole_of_government",
            DomainId::Partnerships => "partnerships",
            DomainId::WellBeing => "well_being",
            DomainId::MobilityCrises => "mobility_crises",
            DomainId::SafeOrderlyRegular => "safe_orderly_regular",
        }
    }

    /// 0-based position in MiGOF order.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// National (a country) or local (a city, province, municipality …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    National,
    Local,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Local => "local",
        }
    }
}

/// Which of the two lists of a domain a finding belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// "Examples of well-developed areas".
    Strength,
    /// "Areas with potential for further development".
    Improvement,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Strength => "strength",
            FindingKind::Improvement => "improvement",
        }
    }
}

/// One bullet of a profile, word for word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Finding {
    /// The text as in the source: bullet mark removed, whitespace collapsed.
    /// A finding with sub-points reads as its own text followed by each
    /// sub-point, joined with `; ` (a single space after a text ending in `:`).
    pub text: String,
    /// 1-based line of the bullet in the input.
    pub line: usize,
    /// The sub-points listed under the bullet, each word for word (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// The Global Compact for Migration objectives the finding is about, most
    /// evidence first, at most three (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gcm: Vec<GcmLink>,
}

/// A finding's link to one objective of the Global Compact for Safe, Orderly
/// and Regular Migration (A/RES/73/195), with the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct GcmLink {
    /// The objective's number, 1–23.
    pub objective: u8,
    /// The words of the finding that matched the objective's terms, as written.
    pub terms: Vec<String>,
}

impl Finding {
    pub fn new(text: impl Into<String>, line: usize) -> Self {
        Finding {
            text: text.into(),
            line,
            items: Vec::new(),
            gcm: Vec::new(),
        }
    }

    /// The numbers of the finding's GCM objectives, in rank order.
    pub fn gcm_objectives(&self) -> impl Iterator<Item = u8> + '_ {
        self.gcm.iter().map(|l| l.objective)
    }

    /// Add a sub-point: kept apart in `items` and appended to `text`.
    pub fn push_item(&mut self, item: &str) {
        let joiner = if self.items.is_empty() && self.text.ends_with(':') {
            " "
        } else {
            "; "
        };
        self.text.push_str(joiner);
        self.text.push_str(item);
        self.items.push(item.to_string());
    }
}

/// One MiGOF domain of a profile with its two lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Domain {
    pub domain: DomainId,
    /// The heading as written in the source (typos included).
    pub name: String,
    pub strengths: Vec<Finding>,
    pub improvements: Vec<Finding>,
}

impl Domain {
    pub fn list(&self, kind: FindingKind) -> &[Finding] {
        match kind {
            FindingKind::Strength => &self.strengths,
            FindingKind::Improvement => &self.improvements,
        }
    }

    pub fn list_mut(&mut self, kind: FindingKind) -> &mut Vec<Finding> {
        match kind {
            FindingKind::Strength => &mut self.strengths,
            FindingKind::Improvement => &mut self.improvements,
        }
    }
}

/// Something a reader of the profile should know: an approximate heading,
/// a guessed field, a bullet that could not be placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Warning {
    pub line: Option<usize>,
    pub message: String,
    /// The warning names text of the key findings that became neither a
    /// finding, a heading nor page furniture: words of the source that the
    /// model does not carry. `mgi check` fails on it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unplaced_text: bool,
}

impl Warning {
    pub fn at(line: usize, message: impl Into<String>) -> Self {
        Warning {
            line: Some(line),
            message: message.into(),
            unplaced_text: false,
        }
    }

    pub fn general(message: impl Into<String>) -> Self {
        Warning {
            line: None,
            message: message.into(),
            unplaced_text: false,
        }
    }

    /// A warning naming text of the key findings that the model does not carry.
    pub fn unplaced(line: usize, message: impl Into<String>) -> Self {
        Warning {
            unplaced_text: true,
            ..Warning::at(line, message)
        }
    }
}

/// A whole profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Profile {
    /// Stable slug: place, year, language (`mali-2021-fr`); unique within a build.
    pub id: String,
    /// The input path as given.
    pub source: String,
    /// Where the profile was published, when the manifest says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// `fr`, `en`, `es` …
    pub language: String,
    /// The profile's title line, when the text has one.
    pub title: Option<String>,
    /// Short name in the profile's language ("Mali", "Nairobi").
    pub place: Option<String>,
    /// The place as written in the title ("République du Mali").
    pub place_official: Option<String>,
    pub level: Option<Level>,
    /// ISO 3166-1 alpha-3 of the country (of the city's country for a local profile).
    pub country_iso3: Option<String>,
    pub edition: Option<u32>,
    pub year: Option<i32>,
    /// `YYYY-MM`, when a date line gives it.
    pub published: Option<String>,
    /// The profile-specific introduction paragraphs.
    pub introduction: Vec<String>,
    /// Domains in MiGOF order (only those the profile has).
    pub domains: Vec<Domain>,
    pub warnings: Vec<Warning>,
}

impl Profile {
    /// Number of findings of one kind over all domains.
    pub fn count(&self, kind: FindingKind) -> usize {
        self.domains.iter().map(|d| d.list(kind).len()).sum()
    }

    /// Every finding with its domain and kind, in reading order.
    pub fn findings(&self) -> impl Iterator<Item = (&Domain, FindingKind, usize, &Finding)> {
        self.domains.iter().flat_map(|d| {
            [FindingKind::Strength, FindingKind::Improvement]
                .into_iter()
                .flat_map(move |k| {
                    d.list(k)
                        .iter()
                        .enumerate()
                        .map(move |(i, f)| (d, k, i + 1, f))
                })
        })
    }
}
