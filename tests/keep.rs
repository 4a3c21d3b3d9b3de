//! `keep` of `templates/lib.typ`: lines of profile text break at spaces
//! only. Each word follows "Xx " in a column a little narrower than the
//! two, so typst breaks inside the word when it may, else at the space; the
//! text read back (`pdftotext -raw`) must give "Xx" and the whole word. The
//! words `keep` leaves without a box (letters, digits and the punctuation it
//! trusts) check that typst itself never breaks inside them; the others
//! check the boxes.

mod common;

use std::path::Path;
use std::process::Command;

use common::root;

/// Compile each of `words` through `keep` after "Xx " in a block a little
/// narrower than both (`width: "tight"`), or in a block 1 pt wide, and
/// return the lines of text read back from the PDF.
fn narrow_lines(name: &str, width: &str, words: &[String]) -> Vec<String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("keep");
    std::fs::create_dir_all(&dir).unwrap();
    let main = dir.join(format!("{name}.typ"));
    let pdf = dir.join(format!("{name}.pdf"));
    std::fs::write(
        &main,
        "#import \"/templates/lib.typ\": keep\n\
         #set text(font: \"Libertinus Serif\", lang: \"fr\", hyphenate: false)\n\
         #set page(width: 10cm, height: auto, margin: 1cm)\n\
         #for w in json(bytes(sys.inputs.words)) {\n\
           if sys.inputs.width == \"tight\" {\n\
             context block(width: measure(\"Xx \" + w).width - 0.5pt, \"Xx \" + keep(w))\n\
           } else { block(width: 1pt, keep(w)) }\n\
         }\n",
    )
    .unwrap();
    let root = root();
    let typst = mgi::render::Typst::locate(&root).expect("typst (scripts/setup)");
    let o = Command::new(&typst.program)
        .arg("compile")
        .arg("--root")
        .arg(&root)
        .arg("--ignore-system-fonts")
        .args(["--input", &format!("width={width}"), "--input"])
        .arg(format!("words={}", serde_json::to_string(words).unwrap()))
        .arg(&main)
        .arg(&pdf)
        .output()
        .expect("typst runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| l.trim_matches('\u{c}').trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Each word whole on the line after "Xx" (pdftotext gives a no-break
/// space as a space and drops a narrow one).
fn assert_whole(name: &str, words: &[String]) {
    let lines = narrow_lines(name, "tight", words);
    let want: Vec<String> = words
        .iter()
        .flat_map(|w| {
            let read = w.replace('\u{a0}', " ").replace('\u{202f}', "");
            ["Xx".to_string(), read]
        })
        .collect();
    assert_eq!(lines, want);
}

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

#[test]
fn trusted_punctuation_never_opens_a_break_between_letters_or_digits() {
    let marks = ".,;:'’‘\"“”«»()[]%°¿¡\u{a0}\u{202f}";
    let mut words = vec![];
    for c in marks.chars() {
        for (l, r) in [("aa", "bb"), ("11", "22"), ("aa", "22"), ("11", "bé")] {
            words.push(format!("{l}{c}{r}"));
        }
    }
    assert_whole("trusted", &words);
}

#[test]
fn words_typst_could_break_are_kept_whole() {
    assert_whole(
        "breakable",
        &strings(&[
            "2019-2023",
            "(2019–2023)",
            "a/b/c",
            "Nord—Sud",
            "quoi?non",
            "oui!non",
            "suite…fin",
            "a|b",
            "{a}b",
            "aa.(bb",
            "11%°22",
            "l’OIM/ONU-Femmes,",
            "socio- économique",
            "sans-",
        ]),
    );
}

#[test]
fn plain_words_still_break_at_spaces() {
    let text = "Les migrants (n° 97), l’OIM et l’ONU, 2021.";
    let lines = narrow_lines("plain", "1pt", &strings(&[text]));
    let words: Vec<&str> = text.split(' ').collect();
    assert_eq!(lines, words, "one word a line");
    // Quotation marks set apart by spaces stay with their word (typst's
    // own rule); the words are whole all the same.
    let text = "l’OIM « Partenariats » : 2021.";
    let lines = narrow_lines("quotes", "1pt", &strings(&[text]));
    assert_eq!(lines.join(" "), text);
    assert_eq!(lines[0], "l’OIM");
}
