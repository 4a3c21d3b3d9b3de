//! `mgi init`: a folder ready for profiles.

use std::path::Path;
use std::process::ExitCode;

/// The manifest `mgi init` writes: the header and one example row, commented
/// out so that it names no file.
pub const MANIFEST: &str = "file,place,level,country_iso3,year,edition,language,source_url
# nairobi-2020-en-web.txt,Nairobi,local,KEN,2020,1,en,https://www.migrationdataportal.org/overviews/mgi/nairobi
";

pub fn init() -> ExitCode {
    let dir = Path::new("inputs");
    let manifest = dir.join(mgi::manifest::FILE_NAME);
    if manifest.exists() {
        eprintln!("{} exists already: left as it is", manifest.display());
    } else if let Err(e) = mgi::fsutil::create_dir(dir)
        .and_then(|()| mgi::fsutil::write_atomic(&manifest, MANIFEST.as_bytes()))
    {
        eprintln!("error: {e}");
        return ExitCode::from(1);
    } else {
        eprintln!("made {}", manifest.display());
    }
    eprintln!(
        "next: put profiles (.txt, .html, .pdf) in {}/, then run `mgi build`",
        dir.display()
    );
    ExitCode::SUCCESS
}
