//! The compendium in volumes: which profiles go in which book, what each
//! book is called, and compiling the books alongside the profiles' PDFs.
//!
//! - Profiles are grouped by language, level or UN M49 region (or not at
//!   all), groups in a fixed order, each profile in the folder's order.
//! - A group larger than the cap is split into numbered volumes of even
//!   size: typst's memory for one book grows faster than its pages, so the
//!   cap keeps every typst process small.
//! - One volume in all is `pdf/compendium.pdf`; otherwise each is
//!   `pdf/compendium-<group>[-<n>].pdf`, the group being `all` when
//!   profiles are not grouped. Each volume has its own data file
//!   (`OUT/.<name>.json`), its own hash in the build state and its own typst
//!   run, and volumes of an earlier plan are removed once the new ones are
//!   all made.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::fingerprint::{Digest, Fingerprint};
use serde::Serialize;

use crate::fsutil::write_if_changed;
use crate::model::{Level, Profile};
use crate::render::{Staged, Typst};

/// The name of the whole book, and the start of every volume's name.
pub(crate) const BOOK: &str = "compendium";

/// The language of the books' own labels (each chapter is in its
/// profile's language).
pub(crate) const BOOK_LANGUAGE: &str = "en";

/// Profiles in one volume unless told otherwise. typst needs about 0.8 GB
/// for a book of 50 profiles, and more than twice that for 100 (its
/// memory and time grow faster than the book): 50 keeps one typst process
/// under about 1 GB.
pub const DEFAULT_MAX_PROFILES: usize = 50;

/// The group of the profiles that say nothing of what is grouped by.
const UNKNOWN: &str = "unknown";

/// What volumes are made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    /// One book, split only by the cap.
    #[default]
    None,
    Language,
    /// National and local profiles apart.
    Level,
    /// The UN M49 region of the profile's country (CLDR).
    Region,
}

impl Grouping {
    pub fn as_str(self) -> &'static str {
        match self {
            Grouping::None => "none",
            Grouping::Language => "language",
            Grouping::Level => "level",
            Grouping::Region => "region",
        }
    }
}

/// How the compendium is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VolumeOptions {
    pub by: Grouping,
    /// Profiles in one volume at most (1 or more).
    pub max_profiles: usize,
}

impl Default for VolumeOptions {
    fn default() -> Self {
        VolumeOptions {
            by: Grouping::None,
            max_profiles: DEFAULT_MAX_PROFILES,
        }
    }
}

/// A region of the world (UN M49), from `data/regions.tsv`.
#[derive(Debug)]
pub struct Region {
    pub m49: &'static str,
    /// The English name in lower-case ASCII ("americas"), for file names.
    pub slug: &'static str,
    /// (language code, name), one per language table.
    pub names: Vec<(&'static str, &'static str)>,
    members: HashSet<&'static str>,
}

const REGIONS_TSV: &str = include_str!("../data/regions.tsv");

static REGIONS: LazyLock<Vec<Region>> = LazyLock::new(|| {
    let mut lines = REGIONS_TSV.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    assert!(
        header.len() > 3 && header[..2] == ["m49", "slug"] && header.last() == Some(&"members"),
        "data/regions.tsv: bad header {header:?}"
    );
    let languages = &header[2..header.len() - 1];
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let fields: Vec<&'static str> = line.split('\t').collect();
            assert_eq!(
                fields.len(),
                header.len(),
                "data/regions.tsv: bad row {line:?}"
            );
            Region {
                m49: fields[0],
                slug: fields[1],
                names: languages
                    .iter()
                    .copied()
                    .zip(fields[2..].iter().copied())
                    .collect(),
                members: fields[fields.len() - 1].split('|').collect(),
            }
        })
        .collect()
});

/// The region of a country (ISO 3166-1 alpha-3), if the table knows it.
pub(crate) fn region_of(iso3: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.members.contains(iso3))
}

/// The group of a volume, as its data gives it to the template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// `language`, `level` or `region`.
    pub by: &'static str,
    /// The language code, the level, the region's slug, or `unknown`: the
    /// part of the file name that names the group.
    pub key: String,
    /// The region's name in each language (regions only).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<&'static str, &'static str>,
}

impl Group {
    fn new(by: Grouping, key: &str) -> Group {
        Group {
            by: by.as_str(),
            key: key.to_string(),
            names: BTreeMap::new(),
        }
    }

    /// Known groups first, in their order; `unknown` last.
    fn rank(&self) -> (bool, u8, &str) {
        let level = match self.key.as_str() {
            "national" if self.by == "level" => 0,
            "local" if self.by == "level" => 1,
            _ => 2,
        };
        (self.key == UNKNOWN, level, &self.key)
    }
}

/// The group of one profile (`None` when profiles are not grouped).
fn group_of(p: &Profile, by: Grouping) -> Option<Group> {
    let key = |k: Option<&str>| {
        k.map(str::trim)
            .filter(|k| is_file_name_part(k))
            .unwrap_or(UNKNOWN)
            .to_string()
    };
    match by {
        Grouping::None => None,
        Grouping::Language => Some(Group::new(by, &key(Some(&p.language)))),
        Grouping::Level => Some(Group::new(
            by,
            match p.level {
                Some(Level::National) => "national",
                Some(Level::Local) => "local",
                None => UNKNOWN,
            },
        )),
        Grouping::Region => {
            let region = p.country_iso3.as_deref().and_then(region_of);
            let mut group = Group::new(by, region.map_or(UNKNOWN, |r| r.slug));
            group.names = region
                .map(|r| r.names.iter().copied().collect())
                .unwrap_or_default();
            Some(group)
        }
    }
}

/// Whether a key may stand in a file name as it is (`fr`, `pt-br`).
fn is_file_name_part(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 16
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// One book of the compendium.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volume {
    /// The file stem: `compendium`, `compendium-fr`, `compendium-all-2` …
    pub name: String,
    pub group: Option<Group>,
    /// Its number within its group, from 1, and how many the group has.
    pub number: usize,
    pub of: usize,
    /// Indices of its profiles in the list planned.
    pub members: Vec<usize>,
}

impl Volume {
    /// Where its PDF goes, relative to the output folder.
    pub fn pdf(&self) -> PathBuf {
        Path::new("pdf").join(format!("{}.pdf", self.name))
    }

    /// Its data file, relative to the output folder (out of `json/`, which
    /// holds only models).
    pub fn data(&self) -> PathBuf {
        PathBuf::from(format!(".{}.json", self.name))
    }
}

/// Split `profiles` into volumes: by group, then by the cap into volumes
/// of even size. No profiles, no volume.
pub fn plan(profiles: &[&Profile], opts: VolumeOptions) -> Vec<Volume> {
    let mut groups: Vec<(Option<Group>, Vec<usize>)> = Vec::new();
    for (i, p) in profiles.iter().enumerate() {
        let group = group_of(p, opts.by);
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, members)) => members.push(i),
            None => groups.push((group, vec![i])),
        }
    }
    groups.sort_by(|(a, _), (b, _)| {
        a.as_ref()
            .map(Group::rank)
            .cmp(&b.as_ref().map(Group::rank))
    });
    let cap = opts.max_profiles.max(1);
    let mut volumes = Vec::new();
    for (group, members) in groups {
        let of = members.len().div_ceil(cap);
        let (size, longer) = (members.len() / of, members.len() % of);
        let mut rest = members.as_slice();
        for number in 1..=of {
            let (these, after) = rest.split_at(size + usize::from(number <= longer));
            rest = after;
            volumes.push(Volume {
                name: String::new(),
                group: group.clone(),
                number,
                of,
                members: these.to_vec(),
            });
        }
    }
    let alone = volumes.len() == 1;
    for v in &mut volumes {
        v.name = match (&v.group, alone) {
            (_, true) => BOOK.to_string(),
            (None, false) => format!("{BOOK}-all-{}", v.number),
            (Some(g), false) if v.of == 1 => format!("{BOOK}-{}", g.key),
            (Some(g), false) => format!("{BOOK}-{}-{}", g.key, v.number),
        };
    }
    volumes
}

/// What became of one volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Compiled in this build.
    Built(PathBuf),
    /// Unchanged since the last build: left as it was.
    Same(PathBuf),
    /// Could not be made; a previous PDF of that name is left as it was.
    Failed(String),
}

/// A volume's data: the book's language, its profiles, the SHA-256 of each
/// profile's input (for its colophon), and which volume it is (absent for
/// the whole book in one).
#[derive(Serialize)]
struct VolumeData<'a> {
    language: &'a str,
    profiles: Vec<&'a Profile>,
    sha256: Vec<Option<Digest>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    volume: Option<VolumeInfo<'a>>,
}

#[derive(Serialize)]
struct VolumeInfo<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a Group>,
    number: usize,
    of: usize,
    /// The number of volumes in the whole compendium.
    volumes: usize,
}

/// A volume on its way: its data written, then compiled unless unchanged.
#[derive(Debug)]
pub struct Book {
    pub volume: Volume,
    /// Hash of its data, the templates, typst and the PDF standard.
    pub hash: Digest,
    pub outcome: Option<Outcome>,
}

/// Plan the volumes of `profiles` (with the SHA-256 of each one's input),
/// write each one's data file under `out`, and tell which are unchanged
/// since `previous` (volume name → hash of the last build).
pub(crate) fn prepare(
    out: &Path,
    profiles: &[&Profile],
    sha256: &[Option<Digest>],
    opts: VolumeOptions,
    salt: &str,
    previous: &BTreeMap<String, Digest>,
) -> Vec<Book> {
    let volumes = plan(profiles, opts);
    let count = volumes.len();
    volumes
        .into_iter()
        .map(|volume| {
            let data = VolumeData {
                language: BOOK_LANGUAGE,
                profiles: volume.members.iter().map(|&i| profiles[i]).collect(),
                sha256: volume.members.iter().map(|&i| sha256[i]).collect(),
                volume: (count > 1).then_some(VolumeInfo {
                    group: volume.group.as_ref(),
                    number: volume.number,
                    of: volume.of,
                    volumes: count,
                }),
            };
            let bytes = serde_json::to_string(&data).expect("a volume serializes") + "\n";
            let hash = Fingerprint::new().raw(salt).raw(BOOK).raw(&bytes).finish();
            let pdf = out.join(volume.pdf());
            let outcome = match write_if_changed(&out.join(volume.data()), bytes.as_bytes()) {
                Err(e) => Some(Outcome::Failed(e.to_string())),
                Ok(_) if previous.get(&volume.name) == Some(&hash) && pdf.is_file() => {
                    Some(Outcome::Same(pdf))
                }
                Ok(_) => None,
            };
            Book {
                volume,
                hash,
                outcome,
            }
        })
        .collect()
}

/// Compile the books not yet done while `work` runs (the profiles' PDFs),
/// on the same pool of workers: each book takes a worker for its typst run,
/// and starts first, as the longest tasks should. A book that has the
/// machine to itself (fewer books than workers) gets the workers left as
/// typst `--jobs`. `waiting` is called when `work` is done and books are
/// still being made. Returns what `work` returns.
pub(crate) fn compile_alongside<R: Send>(
    books: &mut [Book],
    compile: &(dyn Fn(&Volume, usize) -> Outcome + Sync),
    waiting: &(dyn Fn() + Sync),
    work: impl FnOnce() -> R + Send,
) -> R {
    let pending: Vec<&mut Book> = books.iter_mut().filter(|b| b.outcome.is_none()).collect();
    let workers = rayon::current_num_threads().max(1);
    let jobs = (workers / pending.len().max(1)).max(1);
    let running = AtomicUsize::new(pending.len());
    rayon::in_place_scope(|s| {
        for book in pending {
            let running = &running;
            s.spawn(move |_| {
                book.outcome = Some(compile(&book.volume, jobs));
                running.fetch_sub(1, Ordering::SeqCst);
            });
        }
        let result = work();
        if running.load(Ordering::SeqCst) > 0 {
            waiting();
        }
        result
    })
}

/// Compile one volume with typst from the staged templates.
pub(crate) fn compile_volume(
    typst: &Typst,
    staged: &Staged,
    out: &Path,
    volume: &Volume,
    jobs: usize,
    inputs: &[(&str, String)],
) -> Outcome {
    let pdf = out.join(volume.pdf());
    let mut typst = typst.clone();
    typst.jobs = jobs;
    match typst.compile(
        &staged.root,
        &staged.template("compendium.typ"),
        &volume.data(),
        &pdf,
        inputs,
    ) {
        Ok(()) => Outcome::Built(pdf),
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// Whether a file name is one a volume could have: `compendium.pdf`,
/// `compendium-….pdf` (or the data files, `.compendium….json`).
fn is_volume_file(name: &str) -> bool {
    let stem = name
        .strip_suffix(".pdf")
        .or_else(|| name.strip_prefix('.').and_then(|n| n.strip_suffix(".json")));
    stem.is_some_and(|s| s == BOOK || s.starts_with(&format!("{BOOK}-")))
}

/// Remove the volumes (PDF and data) of earlier plans: every file of a
/// volume's name in `pdf/` (and data file in `out`) that is not one of
/// `books` nor the PDF of a profile (`ids`). Done only when every book was
/// made, so that a failure never leaves fewer books than before. Returns
/// the PDFs removed.
pub(crate) fn remove_stale(out: &Path, books: &[Book], ids: &HashSet<&str>) -> Vec<PathBuf> {
    if !books
        .iter()
        .all(|b| matches!(b.outcome, Some(Outcome::Built(_) | Outcome::Same(_))))
    {
        return Vec::new();
    }
    let current: HashSet<&str> = books.iter().map(|b| b.volume.name.as_str()).collect();
    let mut removed = Vec::new();
    for dir in [out.join("pdf"), out.to_path_buf()] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stem = name
                .trim_start_matches('.')
                .rsplit_once('.')
                .map(|(s, _)| s);
            let is_pdf = name.ends_with(".pdf");
            if !is_volume_file(&name)
                || (is_pdf != (dir != out))
                || stem.is_none_or(|s| current.contains(s) || ids.contains(s))
            {
                continue;
            }
            if std::fs::remove_file(entry.path()).is_ok() && is_pdf {
                removed.push(entry.path());
            }
        }
    }
    removed.sort();
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(id: &str, language: &str, level: Option<Level>, iso3: Option<&str>) -> Profile {
        let mut p: Profile = serde_json::from_str(&format!(
            r#"{{"id": "{id}", "source": "x", "language": "{language}", "introduction": [], "domains": [], "warnings": []}}"#
        ))
        .expect("a minimal profile");
        p.level = level;
        p.country_iso3 = iso3.map(str::to_string);
        p
    }

    fn names(volumes: &[Volume]) -> Vec<&str> {
        volumes.iter().map(|v| v.name.as_str()).collect()
    }

    fn mixed() -> Vec<Profile> {
        vec![
            profile("mali", "fr", Some(Level::National), Some("MLI")),
            profile("fiji", "en", Some(Level::National), Some("FJI")),
            profile("nairobi", "en", Some(Level::Local), Some("KEN")),
            profile("guatemala", "es", Some(Level::National), Some("GTM")),
            profile("nowhere", "en", None, None),
            profile("niger", "fr", Some(Level::National), Some("NER")),
        ]
    }

    fn opts(by: Grouping, max_profiles: usize) -> VolumeOptions {
        VolumeOptions { by, max_profiles }
    }

    #[test]
    fn one_volume_is_the_compendium_whatever_the_grouping() {
        let ps = mixed();
        let refs: Vec<&Profile> = ps.iter().collect();
        for by in [Grouping::None, Grouping::Language] {
            let v = plan(&refs[..2], opts(by, 100));
            if by == Grouping::None {
                assert_eq!(names(&v), ["compendium"]);
                assert_eq!(v[0].members, [0, 1]);
            } else {
                assert_eq!(names(&v), ["compendium-en", "compendium-fr"]);
            }
        }
        let fr: Vec<&Profile> = vec![refs[0], refs[5]];
        assert_eq!(
            names(&plan(&fr, opts(Grouping::Language, 100))),
            ["compendium"]
        );
        assert!(plan(&[], VolumeOptions::default()).is_empty());
    }

    #[test]
    fn groups_are_named_and_ordered_unknown_last() {
        let ps = mixed();
        let refs: Vec<&Profile> = ps.iter().collect();
        let by_language = plan(&refs, opts(Grouping::Language, 100));
        assert_eq!(
            names(&by_language),
            ["compendium-en", "compendium-es", "compendium-fr"]
        );
        assert_eq!(by_language[0].members, [1, 2, 4]);
        let by_level = plan(&refs, opts(Grouping::Level, 100));
        assert_eq!(
            names(&by_level),
            [
                "compendium-national",
                "compendium-local",
                "compendium-unknown"
            ]
        );
        let by_region = plan(&refs, opts(Grouping::Region, 100));
        assert_eq!(
            names(&by_region),
            [
                "compendium-africa",
                "compendium-americas",
                "compendium-oceania",
                "compendium-unknown"
            ]
        );
        assert_eq!(by_region[0].members, [0, 2, 5]);
        let africa = by_region[0].group.as_ref().unwrap();
        assert_eq!(africa.names.get("fr"), Some(&"Afrique"));
    }

    #[test]
    fn the_cap_splits_a_group_into_even_numbered_volumes() {
        let ps: Vec<Profile> = (0..7)
            .map(|i| {
                profile(
                    &format!("p{i}"),
                    if i < 5 { "en" } else { "fr" },
                    None,
                    None,
                )
            })
            .collect();
        let refs: Vec<&Profile> = ps.iter().collect();
        let v = plan(&refs, opts(Grouping::None, 3));
        assert_eq!(
            names(&v),
            ["compendium-all-1", "compendium-all-2", "compendium-all-3"]
        );
        let sizes: Vec<usize> = v.iter().map(|v| v.members.len()).collect();
        assert_eq!(sizes, [3, 2, 2]);
        assert_eq!((v[2].number, v[2].of), (3, 3));
        let all: Vec<usize> = v.iter().flat_map(|v| v.members.clone()).collect();
        assert_eq!(
            all,
            (0..7).collect::<Vec<_>>(),
            "every profile once, in order"
        );
        let v = plan(&refs, opts(Grouping::Language, 3));
        assert_eq!(
            names(&v),
            ["compendium-en-1", "compendium-en-2", "compendium-fr"]
        );
    }

    #[test]
    fn a_language_code_unfit_for_a_file_name_is_unknown() {
        let ps = [
            profile("a", "en", None, None),
            profile("b", "../x", None, None),
        ];
        let refs: Vec<&Profile> = ps.iter().collect();
        let v = plan(&refs, opts(Grouping::Language, 100));
        assert_eq!(names(&v), ["compendium-en", "compendium-unknown"]);
    }

    #[test]
    fn every_country_has_a_region() {
        for iso3 in ["MLI", "FJI", "GTM", "CAN", "DEU", "JPN", "ATA"] {
            assert!(region_of(iso3).is_some(), "{iso3}");
        }
        assert_eq!(region_of("MEX").unwrap().slug, "americas");
        assert_eq!(region_of("TUR").unwrap().m49, "142");
        assert!(region_of("XYZ").is_none());
    }

    #[test]
    fn stale_volumes_go_profiles_and_current_volumes_stay() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir(out.join("pdf")).unwrap();
        for f in [
            "pdf/compendium.pdf",
            "pdf/compendium-fr.pdf",
            "pdf/compendium-en.pdf",
            "pdf/compendium-2.pdf",
            "pdf/mali-2021-fr.pdf",
            ".compendium.json",
            ".compendium-fr.json",
            ".mgi-build.json",
        ] {
            std::fs::write(out.join(f), b"x").unwrap();
        }
        let ps = [
            profile("a", "en", None, None),
            profile("b", "es", None, None),
        ];
        let refs: Vec<&Profile> = ps.iter().collect();
        let mut books = prepare(
            out,
            &refs,
            &[None, None],
            opts(Grouping::Language, 9),
            "",
            &BTreeMap::new(),
        );
        assert_eq!(books.len(), 2);
        // Nothing goes while a volume is not made.
        let ids = HashSet::from(["mali-2021-fr", "compendium-2"]);
        assert!(remove_stale(out, &books, &ids).is_empty());
        for b in &mut books {
            b.outcome = Some(Outcome::Built(out.join(b.volume.pdf())));
        }
        let removed = remove_stale(out, &books, &ids);
        assert_eq!(
            removed,
            [
                out.join("pdf/compendium-fr.pdf"),
                out.join("pdf/compendium.pdf")
            ]
        );
        let mut left: Vec<String> = std::fs::read_dir(out.join("pdf"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            ["compendium-2.pdf", "compendium-en.pdf", "mali-2021-fr.pdf"]
        );
        assert!(!out.join(".compendium.json").exists());
        assert!(!out.join(".compendium-fr.json").exists());
        assert!(out.join(".compendium-en.json").is_file());
        assert!(out.join(".compendium-es.json").is_file());
        assert!(out.join(".mgi-build.json").is_file());
    }
}
