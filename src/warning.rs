//! What a reader of a profile should know, as kinds: each kind carries the
//! facts it names and has one wording, written once in its `Display`. The
//! wording is part of the interface (`mgi check` prints it, the JSON model
//! stores it): change it only on purpose.

use std::fmt;

/// One kind of warning about a profile, with what it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarningKind {
    // Decoding the bytes.
    /// A charset declaration no decoder knows.
    UnknownCharset { label: String },
    /// A page that declares a legacy charset but whose bytes are UTF-8.
    DeclaredButUtf8 { label: String },
    /// UTF-16 told by its byte-order mark or its zero bytes.
    DecodedAs { encoding: &'static str, why: String },
    /// Legacy 8-bit text whose encoding was guessed.
    EncodingDetected {
        declared: Option<String>,
        encoding: &'static str,
    },
    /// A page with no charset read as UTF-8.
    NoCharsetDeclared,

    // Reading the form.
    /// A hyphenated line break the text extractor joined with a space.
    SpacedHyphenBreak { pair: String, joined: String },
    /// Bullet marks printed in a column of their own, before their texts.
    BulletColumn { marks: usize },
    /// Text from a PDF set in columns, read side by side.
    SideBySideColumns { lines: usize },
    /// `pdftotext -bbox` gave no font sizes.
    FontSizesUnread { reason: String },
    /// `pdftotext` gave bytes that are not UTF-8.
    InvalidUtf8FromPdftotext,
    /// A word-processor document with tracked changes or comments.
    ReviewMarks {
        insertions: usize,
        deletions: usize,
        comments: usize,
    },
    /// The title taken from the document's properties.
    TitleFromProperties { title: String, part: String },
    /// A PDF made by mgi: its attached model is given back.
    AttachedModel { name: String, source: String },

    // Recognising the findings.
    /// A bullet before any domain heading.
    BulletOutsideDomain { excerpt: String },
    /// A bullet with no text.
    EmptyBullet,
    /// A bullet that repeats an earlier one of the same list.
    RepeatedBullet { first_line: usize },
    /// A finding holding a list label a word processor left.
    ListLabelInFinding { what: String, excerpt: String },
    /// Text of the key findings that is neither a finding nor a heading.
    UnplacedText { excerpt: String },
    /// A heading matched by edit distance.
    ApproximateHeading { text: String, canonical: String },
    /// A domain heading seen a second time.
    DomainAgain { name: String, first_line: usize },
    /// A list heading before any domain heading.
    ListHeadingOutsideDomain { text: String },
    /// The recogniser's own count of blocks did not add up.
    AuditFailed {
        items_seen: usize,
        items_as_findings: usize,
        items_warned: usize,
        blocks_in_findings: usize,
        blocks_accounted: usize,
    },
    /// A bullet under a domain but under no list heading.
    BulletWithoutListHeading {
        domain: &'static str,
        excerpt: String,
    },
    /// A domain heading with no bullet under it.
    DomainHeadingWithoutBullets { text: String },
    /// Domains the profile does not have.
    DomainsMissing { ids: Vec<&'static str> },
    /// A list heading with no bullet under it.
    EmptyList {
        heading: String,
        domain: &'static str,
        list: ListName,
    },
    /// A domain with no list heading of one kind.
    NoListHeading {
        domain: &'static str,
        list: ListName,
        domain_heading: String,
    },

    // Assembling the profile.
    /// Neither the text nor the manifest tells the language.
    LanguageAssumedEnglish,
    /// The manifest and the title name different places.
    ManifestPlaceDiffers { manifest: String, title: String },
    /// Neither the text nor the manifest tells the level.
    LevelUnknown,
    /// A country named by the profile's own text.
    CountryFromText { name: String, iso3: String },
    /// No country known from anywhere.
    CountryUnknown,
    /// No place from the title or the manifest.
    PlaceUnknown,
    /// No year from the title or the manifest.
    YearUnknown,
    /// No title line.
    NoTitle,

    // Building many profiles.
    /// Two profiles whose ids would be the same.
    IdTaken {
        base: String,
        first_source: String,
        id: String,
    },
}

/// Which of a domain's two lists a warning names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListName {
    Strengths,
    Improvements,
}

impl fmt::Display for ListName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ListName::Strengths => "strengths",
            ListName::Improvements => "improvements",
        })
    }
}

/// The start of [`WarningKind::SideBySideColumns`]' wording.
pub const SIDE_BY_SIDE_START: &str = "the text sets two columns side by side";

impl WarningKind {
    /// The warning names text of the key findings that the model does not
    /// carry (`mgi check` fails on it).
    pub(crate) fn names_unplaced_text(&self) -> bool {
        matches!(
            self,
            WarningKind::BulletOutsideDomain { .. }
                | WarningKind::UnplacedText { .. }
                | WarningKind::AuditFailed { .. }
                | WarningKind::BulletWithoutListHeading { .. }
        )
    }

    fn fmt_reading(&self, f: &mut fmt::Formatter<'_>) -> Option<fmt::Result> {
        use WarningKind::*;
        Some(match self {
            UnknownCharset { label } => write!(
                f,
                "the declared charset \"{label}\" is unknown or unsupported: the declaration was ignored"
            ),
            DeclaredButUtf8 { label } => write!(
                f,
                "the page declares charset \"{label}\" but its bytes are UTF-8: read as UTF-8"
            ),
            DecodedAs { encoding, why } => write!(f, "decoded as {encoding} ({why})"),
            EncodingDetected {
                declared: Some(label),
                encoding,
            } => write!(
                f,
                "the page declares charset \"{label}\" but is not UTF-8: decoded as {encoding} (detected)"
            ),
            EncodingDetected {
                declared: None,
                encoding,
            } => write!(f, "no encoding declared: decoded as {encoding} (detected)"),
            NoCharsetDeclared => f.write_str("the page declares no charset: read as UTF-8"),
            SpacedHyphenBreak { pair, joined } => write!(
                f,
                "\"{pair}\" read as \"{joined}\": the text extractor joined a hyphenated line break with a space"
            ),
            BulletColumn { marks } => write!(
                f,
                "{marks} bullet marks printed in a column before their texts: read as one item"
            ),
            SideBySideColumns { lines } => write!(
                f,
                "{SIDE_BY_SIDE_START} ({lines} lines hold the ends of two sentences): \
                 findings may be cut or mixed; give the PDF itself, which is read by its layout"
            ),
            FontSizesUnread { reason } => write!(
                f,
                "font sizes could not be read ({reason}): headings are told by the height of their words only"
            ),
            InvalidUtf8FromPdftotext => {
                f.write_str("pdftotext gave text that is not valid UTF-8: odd bytes replaced")
            }
            ReviewMarks {
                insertions,
                deletions,
                comments,
            } => write!(
                f,
                "the document holds review marks ({}): read as if every change were accepted \
                 (insertions kept, deletions dropped); comments are not read",
                review_marks(*insertions, *deletions, *comments)
            ),
            TitleFromProperties { title, part } => write!(
                f,
                "the text has no title line: the title \"{title}\" is taken from the document's properties ({part})"
            ),
            AttachedModel { name, source } => write!(
                f,
                "made by mgi: the model attached to this PDF ({name}, made from {source}) is returned as it is; the printed text was not read"
            ),
            _ => return None,
        })
    }

    fn fmt_recognising(&self, f: &mut fmt::Formatter<'_>) -> Option<fmt::Result> {
        use WarningKind::*;
        Some(match self {
            BulletOutsideDomain { excerpt } => write!(
                f,
                "bullet outside any domain, not taken as a finding: \"{excerpt}\""
            ),
            EmptyBullet => f.write_str("empty bullet ignored"),
            RepeatedBullet { first_line } => write!(
                f,
                "this bullet repeats the one of line {first_line} in the same list; kept once"
            ),
            ListLabelInFinding { what, excerpt } => write!(
                f,
                "finding holds {what} (a list label of a word processor?): \"{excerpt}\""
            ),
            UnplacedText { excerpt } => write!(
                f,
                "text in the key findings that is neither a finding nor a heading, not kept: \"{excerpt}\""
            ),
            ApproximateHeading { text, canonical } => write!(
                f,
                "heading \"{text}\" matched approximately as \"{canonical}\""
            ),
            DomainAgain { name, first_line } => write!(
                f,
                "domain \"{name}\" appears again (first at line {first_line}); the findings of both are kept in one domain"
            ),
            ListHeadingOutsideDomain { text } => write!(
                f,
                "list heading \"{text}\" outside any domain: its bullets are not findings"
            ),
            AuditFailed {
                items_seen,
                items_as_findings,
                items_warned,
                blocks_in_findings,
                blocks_accounted,
            } => write!(
                f,
                "internal check failed: {items_seen} bullets seen, {items_as_findings} in findings, {items_warned} reported; {blocks_in_findings} blocks in the key findings, {blocks_accounted} accounted for"
            ),
            BulletWithoutListHeading { domain, excerpt } => write!(
                f,
                "bullet under domain {domain} has no list heading (strengths or improvements above it), not taken as a finding: \"{excerpt}\""
            ),
            DomainHeadingWithoutBullets { text } => {
                write!(f, "domain heading \"{text}\" has no bullets")
            }
            DomainsMissing { ids } => {
                write!(f, "domains missing (a truncated copy?): {}", ids.join(", "))
            }
            EmptyList {
                heading,
                domain,
                list,
            } => write!(
                f,
                "list heading \"{heading}\" has no bullets: domain {domain} has no {list}"
            ),
            NoListHeading {
                domain,
                list,
                domain_heading,
            } => {
                let hint = if *list == ListName::Improvements {
                    " (if that heading is missing, its bullets were read as strengths)"
                } else {
                    ""
                };
                write!(
                    f,
                    "domain {domain} has no {list}: no list heading of {list} under domain heading \"{domain_heading}\"{hint}"
                )
            }
            _ => return None,
        })
    }

    fn fmt_assembling(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use WarningKind::*;
        match self {
            LanguageAssumedEnglish => f.write_str(
                "language not recognised and not in the manifest; assumed English",
            ),
            ManifestPlaceDiffers { manifest, title } => write!(
                f,
                "the manifest gives place \"{manifest}\" but the title says \"{title}\"; the title is kept"
            ),
            LevelUnknown => f.write_str(
                "level (national or local) not stated by the text nor the manifest; left empty",
            ),
            CountryFromText { name, iso3 } => write!(
                f,
                "country taken from the profile's own text, which names {name}: {iso3}"
            ),
            CountryUnknown => f.write_str(
                "country not known from the text, the table of MGI places or the manifest; country_iso3 left empty",
            ),
            PlaceUnknown => f.write_str(
                "no title naming the place and no place in the manifest; place left empty",
            ),
            YearUnknown => {
                f.write_str("profile year not stated by the title nor the manifest; left empty")
            }
            NoTitle => {
                f.write_str("no title line found (edition and year come from the manifest only)")
            }
            IdTaken {
                base,
                first_source,
                id,
            } => write!(
                f,
                "id `{base}` is already used by {first_source}; this profile is `{id}`"
            ),
            _ => unreachable!("every kind of reading and recognising is written above"),
        }
    }
}

/// `2 pending insertions, 1 pending deletion`: the marks there are.
fn review_marks(insertions: usize, deletions: usize, comments: usize) -> String {
    let count = |n: usize, one: &str, many: &str| {
        (n > 0).then(|| format!("{n} {}", if n == 1 { one } else { many }))
    };
    [
        count(insertions, "pending insertion", "pending insertions"),
        count(deletions, "pending deletion", "pending deletions"),
        count(comments, "comment", "comments"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(done) = self.fmt_reading(f) {
            return done;
        }
        if let Some(done) = self.fmt_recognising(f) {
            return done;
        }
        self.fmt_assembling(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The printed wording of a few kinds, as users and scripts see it.
    #[test]
    fn wording_is_kept() {
        let cases = [
            (
                WarningKind::ApproximateHeading {
                    text: "Aspects d’une crises relatifs à la mobilité".into(),
                    canonical: "Aspects d'une crise relatifs à la mobilité".into(),
                },
                "heading \"Aspects d’une crises relatifs à la mobilité\" matched approximately as \"Aspects d'une crise relatifs à la mobilité\"",
            ),
            (
                WarningKind::ReviewMarks {
                    insertions: 2,
                    deletions: 1,
                    comments: 0,
                },
                "the document holds review marks (2 pending insertions, 1 pending deletion): read as if every change were accepted (insertions kept, deletions dropped); comments are not read",
            ),
            (
                WarningKind::NoListHeading {
                    domain: "migrant_rights",
                    list: ListName::Improvements,
                    domain_heading:
                        "Adherence to international standards and fulfilment of migrants' rights"
                            .into(),
                },
                "domain migrant_rights has no improvements: no list heading of improvements under domain heading \"Adherence to international standards and fulfilment of migrants' rights\" (if that heading is missing, its bullets were read as strengths)",
            ),
            (
                WarningKind::DomainsMissing {
                    ids: vec!["partnerships", "mobility_dimensions_of_crises"],
                },
                "domains missing (a truncated copy?): partnerships, mobility_dimensions_of_crises",
            ),
            (
                WarningKind::IdTaken {
                    base: "fiji-2023-en".into(),
                    first_source: "a.txt".into(),
                    id: "fiji-2023-en-2".into(),
                },
                "id `fiji-2023-en` is already used by a.txt; this profile is `fiji-2023-en-2`",
            ),
            (
                WarningKind::EncodingDetected {
                    declared: None,
                    encoding: "windows-1252",
                },
                "no encoding declared: decoded as windows-1252 (detected)",
            ),
        ];
        for (kind, printed) in cases {
            assert_eq!(kind.to_string(), printed);
        }
    }

    #[test]
    fn only_text_the_model_drops_is_unplaced() {
        assert!(
            WarningKind::UnplacedText {
                excerpt: "x".into()
            }
            .names_unplaced_text()
        );
        assert!(!WarningKind::EmptyBullet.names_unplaced_text());
        assert!(!WarningKind::NoTitle.names_unplaced_text());
    }
}
