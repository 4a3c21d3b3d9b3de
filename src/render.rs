//! Stage 4b: the model as a printable PDF, made by typst from a template.
//!
//! The profile reaches typst only as data: the model JSON file is passed with
//! `--input data=PATH` and read by the template with `json()`. No profile text
//! is ever written into Typst source.
//!
//! Every PDF goes one way: a [`RenderConfig`] (typst with its PDF standard,
//! time limit and date, the templates, the folder they are staged in)
//! resolved once, and a [`Renderer`] made from it that compiles profiles,
//! the compendium and the change report.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::error::OutputError;
use crate::fingerprint::{Digest, Fingerprint};
use crate::tool;

/// The one typst-cli version the templates are made for.
pub const TYPST_VERSION: &str = "0.15.1";

/// This tool's version, printed in each PDF's colophon.
pub(crate) const MGI_VERSION: &str = env!("CARGO_PKG_VERSION");

/// How to install it, for messages.
pub(crate) const INSTALL_HINT: &str = "run `scripts/setup` (it installs typst-cli 0.15.1 with `cargo install --locked typst-cli@0.15.1`), or set TYPST to a typst 0.15.1 binary";

/// The PDF standard of every PDF unless told otherwise: PDF/A-3a (archival:
/// fonts embedded, colours device-independent, XMP metadata, tagged; unlike
/// PDF/A-2 it allows the profile's JSON to travel attached to its PDF)
/// together with PDF/UA-1 (accessible).
pub const DEFAULT_PDF_STANDARD: &str = "a-3a,ua-1";

/// Whether a PDF made to `standard` may carry attached files: PDF/A-1 and
/// PDF/A-2 forbid them (PDF/A-4 allows them only as PDF/A-4f).
pub(crate) fn allows_attachments(standard: Option<&str>) -> bool {
    standard.is_none_or(|s| {
        s.split(',')
            .map(str::trim)
            .all(|p| !(p.starts_with("a-1") || p.starts_with("a-2") || p == "a-4" || p == "a-4e"))
    })
}

/// The values typst 0.15.1 takes for `--pdf-standard` (several may be given,
/// separated by commas, at most one of them PDF/A).
pub(crate) const PDF_STANDARDS: [&str; 17] = [
    "1.4", "1.5", "1.6", "1.7", "2.0", "a-1b", "a-1a", "a-2b", "a-2u", "a-2a", "a-3b", "a-3u",
    "a-3a", "a-4", "a-4f", "a-4e", "ua-1",
];

/// A `--pdf-standard` value typst does not take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfStandardError {
    #[error(
        "unknown PDF standard `{0}` (typst {typst} takes {list}, several separated by commas, or `none`)",
        typst = TYPST_VERSION,
        list = PDF_STANDARDS.join(", ")
    )]
    Unknown(String),
    #[error("choose at most one PDF/A standard")]
    SeveralPdfA,
}

/// Check a `--pdf-standard` value: a comma-separated list of
/// `PDF_STANDARDS` with at most one PDF/A, or `none` (typst's default, no
/// standard enforced). Returns what to pass to typst.
pub fn parse_pdf_standard(value: &str) -> Result<Option<String>, PdfStandardError> {
    let value = value.trim();
    if value.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let parts: Vec<&str> = value.split(',').map(str::trim).collect();
    for p in &parts {
        if !PDF_STANDARDS.contains(p) {
            return Err(PdfStandardError::Unknown(p.to_string()));
        }
    }
    if parts.iter().filter(|p| p.starts_with("a-")).count() > 1 {
        return Err(PdfStandardError::SeveralPdfA);
    }
    Ok(Some(parts.join(",")))
}

/// A checked typst binary and the folders a compile needs.
#[derive(Debug, Clone)]
pub struct Typst {
    pub program: PathBuf,
    pub timeout: Duration,
    /// Passed as `--pdf-standard` when set.
    pub pdf_standard: Option<String>,
    /// The PDFs' date (seconds since 1970), passed as
    /// `--creation-timestamp` when set; else typst takes
    /// `SOURCE_DATE_EPOCH` or the time of each compile.
    pub date: Option<i64>,
    /// typst's `--jobs`: 1 for a profile, more for a book that has CPUs to
    /// itself.
    pub jobs: usize,
}

impl Typst {
    /// Find typst: `$TYPST`, else the project's own install
    /// (`.tools/bin/typst` in the checkout the running binary was built in,
    /// then in the current folder), else `typst` on `PATH`; and check its
    /// version.
    pub fn find() -> Result<Typst, OutputError> {
        Self::from_candidates(candidates(None))
    }

    /// Like [`Typst::find`], trying `project/.tools/bin/typst` first.
    pub fn locate(project: &Path) -> Result<Typst, OutputError> {
        Self::from_candidates(candidates(Some(project)))
    }

    fn from_candidates(candidates: Vec<PathBuf>) -> Result<Typst, OutputError> {
        let mut last_err = String::new();
        for program in candidates {
            match version_of(&program) {
                Ok(v) if v == TYPST_VERSION => {
                    return Ok(Typst {
                        program,
                        timeout: Duration::from_secs(120),
                        pdf_standard: None,
                        date: None,
                        jobs: 1,
                    });
                }
                Ok(v) => {
                    last_err = format!(
                        "{} is typst {v}, but the templates need typst {TYPST_VERSION}",
                        program.display()
                    );
                }
                Err(e) => {
                    if last_err.is_empty() {
                        last_err = e.to_string();
                    }
                }
            }
        }
        Err(OutputError::Typst(format!(
            "typst {TYPST_VERSION} not found ({last_err}): {INSTALL_HINT}"
        )))
    }

    /// Compile `template` with the model at `data` into `pdf` (written
    /// atomically). `root` is typst's `--root`; `template` and `data` must be
    /// inside it, `data` is given relative to it. `inputs` are more
    /// `--input key=value` pairs (provenance, attachment). The PDF's date is
    /// `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
    pub fn compile(
        &self,
        root: &Path,
        template: &Path,
        data_rel: &Path,
        pdf: &Path,
        inputs: &[(&str, String)],
    ) -> Result<(), OutputError> {
        let tmp = crate::fsutil::temp_path(pdf);
        let mut cmd = Command::new(&self.program);
        cmd.arg("compile")
            .arg("--root")
            .arg(root)
            .arg("--input")
            .arg(format!("data={}", data_rel.to_string_lossy()));
        for (key, value) in inputs {
            cmd.arg("--input").arg(format!("{key}={value}"));
        }
        cmd.args(["--format", "pdf", "--jobs"])
            .arg(self.jobs.max(1).to_string())
            .args(["--diagnostic-format", "short"])
            .arg("--ignore-system-fonts")
            // Row headers in tables (`pdf.header-cell`), said to the templates.
            .args(["--features", "a11y-extras", "--input", "a11y-extras=on"]);
        if let Some(std) = &self.pdf_standard {
            cmd.arg("--pdf-standard").arg(std);
        }
        if let Some(date) = self.date {
            cmd.arg("--creation-timestamp").arg(date.to_string());
        }
        cmd.arg(template).arg(&tmp);
        let limits = tool::Limits {
            timeout: self.timeout,
            stdout: 0,
            stderr: 1 << 20,
        };
        let outcome = match tool::run(cmd, limits) {
            Ok(done) if done.status.success() => {
                std::fs::rename(&tmp, pdf).map_err(|e| OutputError::write(pdf, e))
            }
            Ok(done) => Err(OutputError::Typst(format!(
                "typst could not compile {}: {}",
                pdf.display(),
                String::from_utf8_lossy(&done.stderr).trim()
            ))),
            Err(e) => Err(OutputError::Typst(format!(
                "typst ({}) for {}: {e}",
                self.program.display(),
                pdf.display()
            ))),
        };
        if outcome.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        outcome
    }

    /// Compile `template` with `data` (JSON bytes) into `pdf`. The data goes
    /// to a temporary file inside `root` (next to `pdf` when its folder is
    /// inside `root`, else at the top of `root`), removed after the compile.
    pub(crate) fn compile_json(
        &self,
        root: &Path,
        template: &Path,
        data: &[u8],
        pdf: &Path,
        inputs: &[(&str, String)],
    ) -> Result<(), OutputError> {
        let root = std::fs::canonicalize(root).map_err(|e| OutputError::write(root, e))?;
        let folder = match pdf.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let folder_abs = std::fs::canonicalize(folder).map_err(|e| OutputError::write(pdf, e))?;
        let data_dir = if folder_abs.starts_with(&root) {
            folder_abs
        } else {
            root.clone()
        };
        let stem = pdf
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let data_path = data_dir.join(format!(".{stem}.{}.data.json", std::process::id()));
        crate::fsutil::write_atomic(&data_path, data)?;
        let rel = data_path.strip_prefix(&root).unwrap_or(&data_path);
        let result = std::fs::canonicalize(template)
            .map_err(|e| OutputError::Typst(format!("{}: {e}", template.display())))
            .and_then(|t| self.compile(&root, &t, rel, pdf, inputs));
        let _ = std::fs::remove_file(&data_path);
        result
    }
}

/// Everything a PDF depends on besides its data, resolved once per command.
#[derive(Debug, Clone)]
pub struct RenderConfig {
    /// The typst that compiles, with its PDF standard, time limit and date.
    pub typst: Typst,
    pub templates: Templates,
    /// The folder the templates are staged in; typst's root is its parent,
    /// so that data beside the folder (`json/…`) is inside the root.
    pub staging: PathBuf,
}

impl RenderConfig {
    /// The configuration of one command: its PDFs all carry one date,
    /// `SOURCE_DATE_EPOCH` when it is set (reproducible builds), else now.
    pub fn new(mut typst: Typst, templates: Templates, staging: PathBuf) -> RenderConfig {
        typst.date = Some(build_date());
        RenderConfig {
            typst,
            templates,
            staging,
        }
    }

    /// What every PDF depends on besides its own data: the same salt and
    /// data as when a PDF was made means it need not be made again.
    pub(crate) fn salt(&self) -> String {
        format!(
            "typst {} at {}; templates {}; pdf-standard {}; mgi {}",
            TYPST_VERSION,
            self.typst.program.display(),
            self.templates.hash(),
            self.typst.pdf_standard.as_deref().unwrap_or("none"),
            MGI_VERSION,
        )
    }
}

/// `SOURCE_DATE_EPOCH` when it holds a number of seconds, else now.
fn build_date() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        })
}

/// What a profile's PDF says of where it comes from.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    /// SHA-256 of the input's bytes.
    pub sha256: Option<Digest>,
}

/// The one way PDFs are made: templates staged, typst run on data.
#[derive(Debug)]
pub struct Renderer {
    config: RenderConfig,
    staged: Staged,
    /// The first 12 hex digits of the templates' hash, printed in each PDF.
    templates_version: String,
}

impl Renderer {
    /// Stage the templates (each file written only when its bytes change).
    pub fn new(config: RenderConfig) -> Result<Renderer, OutputError> {
        let staged = stage(&config.templates, &config.staging)?;
        let templates_version = config.templates.hash().to_string()[..12].to_string();
        Ok(Renderer {
            config,
            staged,
            templates_version,
        })
    }

    pub fn config(&self) -> &RenderConfig {
        &self.config
    }

    /// typst's root: data files are given relative to it.
    pub fn root(&self) -> &Path {
        &self.staged.root
    }

    /// A profile's PDF from its model at `data` (relative to [`Self::root`]);
    /// the model is attached when the PDF standard allows it.
    pub fn profile(&self, data: &Path, pdf: &Path, from: &Provenance) -> Result<(), OutputError> {
        let mut inputs = self.provenance();
        if let Some(sha) = from.sha256 {
            inputs.push(("sha256", sha.to_string()));
        }
        if allows_attachments(self.config.typst.pdf_standard.as_deref()) {
            inputs.push(("attach", "true".to_string()));
        }
        self.compile("profile.typ", data, pdf, &inputs)
    }

    /// The compendium from its data at `data` (relative to [`Self::root`]).
    pub fn compendium(&self, data: &Path, pdf: &Path) -> Result<(), OutputError> {
        self.compile("compendium.typ", data, pdf, &self.provenance())
    }

    /// One volume of the compendium (its data written by
    /// [`crate::compendium::prepare`] under `out`), with `jobs` typst threads.
    pub(crate) fn compendium_volume(
        &self,
        out: &Path,
        volume: &crate::compendium::Volume,
        jobs: usize,
    ) -> crate::compendium::Outcome {
        let typst = &self.config.typst;
        crate::compendium::compile_volume(
            typst,
            &self.staged,
            out,
            volume,
            jobs,
            &self.provenance(),
        )
    }

    /// The change report from the changes as JSON.
    pub fn change_report(&self, changes: &[u8], pdf: &Path) -> Result<(), OutputError> {
        self.config.typst.compile_json(
            &self.staged.root,
            &self.staged.template("diff.typ"),
            changes,
            pdf,
            &self.provenance(),
        )
    }

    fn compile(
        &self,
        template: &str,
        data: &Path,
        pdf: &Path,
        inputs: &[(&str, String)],
    ) -> Result<(), OutputError> {
        let template = self.staged.template(template);
        (self.config.typst).compile(&self.staged.root, &template, data, pdf, inputs)
    }

    /// What every PDF says of its making: this tool's and the templates'
    /// versions, as typst `--input`s.
    fn provenance(&self) -> Vec<(&'static str, String)> {
        vec![
            ("mgi-version", MGI_VERSION.to_string()),
            ("templates", self.templates_version.clone()),
        ]
    }
}

/// Where typst may be, in order: `$TYPST` alone when it is set; else the
/// `.tools/bin/typst` of `project`, of the checkout holding the running
/// binary (`target/<profile>/mgi`), of the current folder; then `PATH`.
fn candidates(project: Option<&Path>) -> Vec<PathBuf> {
    if let Some(p) = std::env::var_os("TYPST").filter(|p| !p.is_empty()) {
        return vec![PathBuf::from(p)];
    }
    let local = Path::new(".tools/bin/typst");
    let mut dirs: Vec<PathBuf> = project.map(Path::to_path_buf).into_iter().collect();
    if let Some(checkout) = std::env::current_exe().ok().and_then(|exe| {
        exe.ancestors()
            .find(|d| d.join("Cargo.toml").is_file())
            .map(Path::to_path_buf)
    }) {
        dirs.push(checkout);
    }
    if let Ok(cwd) = std::env::current_dir() {
        dirs.push(cwd);
    }
    let mut found: Vec<PathBuf> = dirs
        .iter()
        .map(|d| d.join(local))
        .filter(|p| p.is_file())
        .collect();
    found.dedup();
    found.push(PathBuf::from("typst"));
    found
}

/// Why a candidate typst told no version.
#[derive(Debug, thiserror::Error)]
enum VersionError {
    #[error("cannot run {program}: {source}", program = program.display())]
    Run {
        program: PathBuf,
        #[source]
        source: tool::ToolError,
    },
    #[error("{program} --version failed", program = program.display())]
    Failed { program: PathBuf },
    #[error("unexpected `typst --version` output: {0}")]
    Unexpected(String),
}

/// `typst --version` → "0.15.1".
fn version_of(program: &Path) -> Result<String, VersionError> {
    let mut cmd = Command::new(program);
    cmd.arg("--version");
    let limits = tool::Limits {
        timeout: Duration::from_secs(30),
        stdout: 4096,
        stderr: 4096,
    };
    let out = tool::run(cmd, limits).map_err(|source| VersionError::Run {
        program: program.to_path_buf(),
        source,
    })?;
    if !out.status.success() {
        return Err(VersionError::Failed {
            program: program.to_path_buf(),
        });
    }
    let text = String::from_utf8_lossy(&out.stdout);
    // "typst 0.15.1 (abcdef12)"
    text.split_whitespace()
        .nth(1)
        .map(str::to_string)
        .ok_or_else(|| VersionError::Unexpected(text.into_owned()))
}

/// The template files compiled into the binary, by name.
const EMBEDDED: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// Where a template set comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateSource {
    /// Compiled into the binary.
    Embedded,
    /// A folder on disk (`--templates DIR`, or `./templates`).
    Folder(PathBuf),
}

/// A set of template files (`profile.typ`, `compendium.typ`, `diff.typ`,
/// `lib.typ`, `labels.json` …), staged to disk for typst.
#[derive(Debug, Clone)]
pub struct Templates {
    pub source: TemplateSource,
    files: Vec<(String, std::borrow::Cow<'static, [u8]>)>,
}

/// Why a template folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("{}: cannot read the template folder: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: not a template folder: it has no profile.typ", path.display())]
    NoProfile { path: PathBuf },
}

impl Templates {
    /// The set compiled into the binary.
    pub(crate) fn embedded() -> Templates {
        Templates {
            source: TemplateSource::Embedded,
            files: EMBEDDED
                .iter()
                .map(|(n, b)| (n.to_string(), std::borrow::Cow::Borrowed(*b)))
                .collect(),
        }
    }

    /// Every file of a folder (not its subfolders).
    pub fn from_folder(dir: &Path) -> Result<Templates, TemplateError> {
        let unreadable = |source| TemplateError::Unreadable {
            path: dir.to_path_buf(),
            source,
        };
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(unreadable)? {
            let path = entry.map_err(unreadable)?.path();
            if path.is_file() {
                let bytes = std::fs::read(&path).map_err(unreadable)?;
                let name = path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                files.push((name, std::borrow::Cow::Owned(bytes)));
            }
        }
        files.sort();
        if !files.iter().any(|(n, _)| n == "profile.typ") {
            return Err(TemplateError::NoProfile {
                path: dir.to_path_buf(),
            });
        }
        Ok(Templates {
            source: TemplateSource::Folder(dir.to_path_buf()),
            files,
        })
    }

    /// `explicit` (`--templates DIR`) when given, else the `templates/` of
    /// the current folder when it holds a `profile.typ`, else the embedded set.
    pub fn resolve(explicit: Option<&Path>) -> Result<Templates, TemplateError> {
        if let Some(dir) = explicit {
            return Templates::from_folder(dir);
        }
        let local = Path::new("templates");
        if local.join("profile.typ").is_file() {
            return Templates::from_folder(local);
        }
        Ok(Templates::embedded())
    }

    /// Says where the set comes from, for messages.
    pub fn describe(&self) -> String {
        match &self.source {
            TemplateSource::Embedded => format!("built in (mgi {})", env!("CARGO_PKG_VERSION")),
            TemplateSource::Folder(dir) => {
                format!("from folder {}", crate::error::display_path(dir))
            }
        }
    }

    /// A hash of every file, by name and content.
    pub(crate) fn hash(&self) -> Digest {
        self.files
            .iter()
            .fold(Fingerprint::new(), |f, (name, bytes)| {
                f.raw(name).part(bytes)
            })
            .finish()
    }
}

/// Templates staged on disk: typst's root is the folder above them, so that
/// data files beside them (`json/…`) are inside the root.
#[derive(Debug, Clone)]
pub(crate) struct Staged {
    pub root: PathBuf,
    dir: PathBuf,
}

impl Staged {
    /// The path of one staged template file.
    pub fn template(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

/// Write the template files into `dir` (each only when its bytes change);
/// typst's root is `dir`'s parent.
pub(crate) fn stage(templates: &Templates, dir: &Path) -> Result<Staged, OutputError> {
    crate::fsutil::create_dir(dir)?;
    let dir = std::fs::canonicalize(dir).map_err(|e| OutputError::write(dir, e))?;
    for (name, bytes) in &templates.files {
        crate::fsutil::write_if_changed(&dir.join(name), bytes)?;
    }
    let root = dir.parent().unwrap_or(&dir).to_path_buf();
    Ok(Staged { root, dir })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_standards() {
        assert_eq!(parse_pdf_standard("a-2b"), Ok(Some("a-2b".into())));
        assert_eq!(
            parse_pdf_standard("a-2b, ua-1"),
            Ok(Some("a-2b,ua-1".into()))
        );
        assert_eq!(parse_pdf_standard("none"), Ok(None));
        assert_eq!(
            parse_pdf_standard("a-9z"),
            Err(PdfStandardError::Unknown("a-9z".into()))
        );
        assert!(
            parse_pdf_standard("a-9z")
                .unwrap_err()
                .to_string()
                .starts_with("unknown PDF standard `a-9z` (typst 0.15.1 takes 1.4, 1.5,")
        );
        assert_eq!(
            parse_pdf_standard("a-2b,a-3b"),
            Err(PdfStandardError::SeveralPdfA)
        );
        assert!(parse_pdf_standard("").is_err());
    }

    #[test]
    fn attachments_only_where_the_standard_allows_them() {
        assert!(allows_attachments(None));
        assert!(allows_attachments(Some("a-3a,ua-1")));
        assert!(allows_attachments(Some("a-4f")));
        assert!(!allows_attachments(Some("a-2b,ua-1")));
        assert!(!allows_attachments(Some("a-1b")));
        assert!(!allows_attachments(Some("a-4")));
    }

    #[test]
    fn embedded_templates_stage_and_hash_like_the_folder() {
        let embedded = Templates::embedded();
        let folder =
            Templates::from_folder(&Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"))
                .unwrap();
        assert_eq!(embedded.hash(), folder.hash());
        let dir = tempfile::tempdir().unwrap();
        let staged = stage(&embedded, &dir.path().join(".templates")).unwrap();
        assert!(staged.template("profile.typ").is_file());
        assert_eq!(staged.root, std::fs::canonicalize(dir.path()).unwrap());
        assert!(matches!(
            Templates::from_folder(dir.path()),
            Err(TemplateError::NoProfile { .. })
        ));
    }
}
