//! The outputs of a build behind one trait, in the spirit of mdBook's
//! `Renderer`: each says what it is made from (its [`Output::fingerprint`])
//! and how it is written. [`refresh`] writes one only when its fingerprint
//! changed since the last build or one of its files is missing.

use std::path::{Path, PathBuf};

use crate::error::OutputError;
use crate::export::csv::{self, CsvOptions};
use crate::export::xlsx;
use crate::fingerprint::{Digest, Fingerprint};
use crate::fsutil::write_if_changed;
use crate::model::Profile;
use crate::render::{Provenance, Renderer};

/// One output of the build.
pub(crate) trait Output {
    /// What the output is made from.
    fn fingerprint(&self) -> Digest;
    /// The files it writes (all must exist for it to be left as it is).
    fn files(&self) -> Vec<PathBuf>;
    /// Make it and write its files, atomically, each only when its bytes change.
    fn write(&self) -> Result<(), OutputError>;
}

/// An output brought up to date, with the fingerprint to remember.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fresh {
    Written(Digest),
    /// Made from the same fingerprint by an earlier build: left as it was.
    Same(Digest),
}

impl Fresh {
    pub(crate) fn fingerprint(&self) -> Digest {
        match self {
            Fresh::Written(f) | Fresh::Same(f) => *f,
        }
    }
}

/// Write `output` unless an earlier build made it from the same fingerprint
/// (`previous`) and its files are all there; `force` writes it anyway.
pub(crate) fn refresh(
    output: &dyn Output,
    previous: Option<Digest>,
    force: bool,
) -> Result<Fresh, OutputError> {
    let fingerprint = output.fingerprint();
    if !force && previous == Some(fingerprint) && output.files().iter().all(|f| f.is_file()) {
        return Ok(Fresh::Same(fingerprint));
    }
    output.write()?;
    Ok(Fresh::Written(fingerprint))
}

/// `json/<id>.json`: the model of one profile.
pub(crate) struct ProfileJson<'a> {
    pub path: PathBuf,
    pub text: &'a str,
}

impl Output for ProfileJson<'_> {
    fn fingerprint(&self) -> Digest {
        Digest::of(self.text)
    }
    fn files(&self) -> Vec<PathBuf> {
        vec![self.path.clone()]
    }
    fn write(&self) -> Result<(), OutputError> {
        write_if_changed(&self.path, self.text.as_bytes()).map(|_| ())
    }
}

/// `pdf/<id>.pdf`: one profile printed, from its JSON.
pub(crate) struct ProfilePdf<'a> {
    pub renderer: &'a Renderer,
    /// What every PDF depends on besides its data.
    pub salt: &'a str,
    pub out: &'a Path,
    pub id: &'a str,
    pub json: &'a str,
    /// SHA-256 of the input's bytes (printed in the colophon).
    pub sha256: Option<Digest>,
}

impl Output for ProfilePdf<'_> {
    fn fingerprint(&self) -> Digest {
        Fingerprint::new()
            .raw(self.salt)
            .raw(self.sha256.map(|d| d.to_string()).unwrap_or_default())
            .raw(self.json)
            .finish()
    }
    fn files(&self) -> Vec<PathBuf> {
        vec![self.out.join("pdf").join(format!("{}.pdf", self.id))]
    }
    fn write(&self) -> Result<(), OutputError> {
        let data = PathBuf::from("json").join(format!("{}.json", self.id));
        let from = Provenance {
            sha256: self.sha256,
        };
        self.renderer.profile(&data, &self.files()[0], &from)
    }
}

/// The CSV tables of every profile in the folder.
pub(crate) struct Tables<'a> {
    pub dir: PathBuf,
    pub profiles: &'a [&'a Profile],
    /// Each profile's JSON, in the same order.
    pub jsons: &'a [&'a str],
    pub options: CsvOptions,
}

const CSV_FILES: [&str; 5] = [
    "findings.csv",
    "domains.csv",
    "profiles.csv",
    "changes.csv",
    "gcm.csv",
];

impl Output for Tables<'_> {
    fn fingerprint(&self) -> Digest {
        let opts = [u8::from(self.options.excel), u8::from(self.options.raw)];
        let f = Fingerprint::new().raw(env!("CARGO_PKG_VERSION")).raw(opts);
        self.jsons.iter().fold(f, |f, j| f.part(j)).finish()
    }
    fn files(&self) -> Vec<PathBuf> {
        CSV_FILES.iter().map(|f| self.dir.join(f)).collect()
    }
    /// Every table is written, even after one failed; the first failure is
    /// returned.
    fn write(&self) -> Result<(), OutputError> {
        let (profiles, opts) = (self.profiles, self.options);
        // Consecutive editions of each place, diffed.
        let changes = crate::diff::edition_diffs(profiles);
        let tables = [
            csv::findings_csv(profiles, opts),
            csv::domains_csv(profiles, opts),
            csv::profiles_csv(profiles, opts),
            csv::changes_csv(&changes, opts),
            csv::gcm_csv(profiles, opts),
        ];
        let mut first_error = None;
        for (path, bytes) in self.files().iter().zip(tables) {
            if let Err(e) = write_if_changed(path, &bytes) {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }
}

/// `mgi.xlsx`: the tables as sheets of one workbook.
pub(crate) struct Workbook<'a> {
    pub path: PathBuf,
    pub profiles: &'a [&'a Profile],
    pub jsons: &'a [&'a str],
}

impl Output for Workbook<'_> {
    fn fingerprint(&self) -> Digest {
        let f = Fingerprint::new()
            .raw(env!("CARGO_PKG_VERSION"))
            .raw("workbook");
        self.jsons.iter().fold(f, |f, j| f.part(j)).finish()
    }
    fn files(&self) -> Vec<PathBuf> {
        vec![self.path.clone()]
    }
    fn write(&self) -> Result<(), OutputError> {
        let bytes = xlsx::workbook(self.profiles)
            .map_err(|e| OutputError::write(&self.path, std::io::Error::other(e.to_string())))?;
        write_if_changed(&self.path, &bytes).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// An output that counts its writes.
    struct Counted<'a> {
        file: PathBuf,
        content: &'a str,
        writes: Cell<usize>,
    }

    impl Output for Counted<'_> {
        fn fingerprint(&self) -> Digest {
            Digest::of(self.content)
        }
        fn files(&self) -> Vec<PathBuf> {
            vec![self.file.clone()]
        }
        fn write(&self) -> Result<(), OutputError> {
            self.writes.set(self.writes.get() + 1);
            write_if_changed(&self.file, self.content.as_bytes()).map(|_| ())
        }
    }

    #[test]
    fn an_output_is_written_only_when_its_fingerprint_or_a_file_changed() {
        let dir = tempfile::tempdir().unwrap();
        let out = Counted {
            file: dir.path().join("a.txt"),
            content: "a",
            writes: Cell::new(0),
        };
        let first = refresh(&out, None, false).unwrap();
        assert!(matches!(first, Fresh::Written(_)));
        let same = refresh(&out, Some(first.fingerprint()), false).unwrap();
        assert_eq!(same, Fresh::Same(first.fingerprint()));
        assert_eq!(out.writes.get(), 1);
        refresh(&out, Some(first.fingerprint()), true).unwrap();
        assert_eq!(out.writes.get(), 2);
        std::fs::remove_file(&out.file).unwrap();
        refresh(&out, Some(first.fingerprint()), false).unwrap();
        assert_eq!(out.writes.get(), 3);
        assert!(refresh(&out, Some(Digest::of("another")), false).is_ok());
        assert_eq!(out.writes.get(), 4);
    }
}
