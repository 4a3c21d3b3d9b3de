//! Prints the blocks a reader makes of a file, one per line: the reader's
//! view before recognition, for checking a new input form by eye.
//!
//! `cargo run --example blocks -- FILE [auto|text|html|print|pdf]`

use std::path::PathBuf;

use mgi::read::{BlockKind, Form, read_file};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next().map(PathBuf::from) else {
        eprintln!("usage: blocks FILE [auto|text|html|print|pdf]");
        std::process::exit(2);
    };
    let form = match args.next().as_deref() {
        None | Some("auto") => Form::Auto,
        Some("text") => Form::Text,
        Some("html") => Form::Html,
        Some("print") => Form::Print,
        Some("pdf") => Form::Pdf,
        Some(other) => {
            eprintln!("unknown form {other}");
            std::process::exit(2);
        }
    };
    match read_file(&path, form) {
        Ok((doc, form)) => {
            println!("form: {}", form.as_str());
            for b in &doc.blocks {
                let kind = match b.kind {
                    BlockKind::Heading => "H".to_string(),
                    BlockKind::Paragraph => "P".to_string(),
                    BlockKind::ListItem { depth } => format!("L{depth}"),
                    BlockKind::Note => "N".to_string(),
                };
                println!("{:>5} {kind:<3} {}", b.line, b.text);
            }
            for w in &doc.warnings {
                println!("warning: {w:?}");
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
