//! `mgi gcm`: the objectives of the Global Compact for Migration, on stdout.

use std::process::ExitCode;

/// Print the table: one block per objective, its number and titles in
/// English, French and Spanish; or the data table as JSON.
pub fn print(json: bool) -> ExitCode {
    if json {
        print!("{}", include_str!("../../templates/gcm-objectives.json"));
        return ExitCode::SUCCESS;
    }
    let mut out = String::new();
    for o in mgi::gcm::objectives() {
        let mark = |lang: &str| {
            if o.unverified.iter().any(|l| l == lang) {
                " [unverified]"
            } else {
                ""
            }
        };
        out.push_str(&format!(
            "{:>2}  {}{}\n    fr  {}{}\n    es  {}{}\n",
            o.n,
            o.en,
            mark("en"),
            o.fr,
            mark("fr"),
            o.es,
            mark("es")
        ));
    }
    out.push_str(
        "\nObjectives of the Global Compact for Safe, Orderly and Regular Migration \
         (A/RES/73/195); commitments in paragraph 16 + n. `mgi gcm --json` says where \
         each title was read; [unverified]: the exact title was not seen on a page.\n",
    );
    print!("{out}");
    ExitCode::SUCCESS
}
