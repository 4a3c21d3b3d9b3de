//! The layout reader: a PDF read by what its pages show, not by its text
//! stream. From the words with their boxes and fonts it finds the columns
//! (XY-cut), the page furniture and footnote zones, then headings (by size
//! and weight against the body text), list items and their depth (by a
//! bullet glyph or by hanging indentation), paragraphs, and text that
//! continues over a column or a page, and gives the same [`Block`](super::Block) stream
//! as every other reader.

mod build;
mod furniture;
pub(crate) mod lines;
pub(crate) mod source;

use super::Document;
use furniture::Aside;
use lines::Line;
use source::Page;

/// What kind of PDF this is, as far as its pages show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintForm {
    /// A web page printed from a browser.
    WebPage,
    /// A printed report (running headers, page numbers).
    Report,
    /// Neither could be told.
    Other,
}

impl PrintForm {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            PrintForm::WebPage => "a web page printed from a browser",
            PrintForm::Report => "a printed report",
            PrintForm::Other => "a PDF of another kind",
        }
    }
}

/// A document read by its layout, and the form it was taken for and why.
#[derive(Debug, Clone)]
pub struct Layout {
    pub doc: Document,
    pub form: PrintForm,
    pub evidence: String,
}

/// Programs whose PDFs are web pages printed from a browser (the PDF's
/// Creator or Producer).
const BROWSER_PRODUCERS: &[&str] = &[
    "HeadlessChrome",
    "Chrome/",
    "Skia/PDF",
    "Firefox",
    "Safari/",
];

/// Read the output of `pdftotext -bbox-layout` (`words`) and, when there is
/// one, of `pdftohtml -xml -i` (`fonts`) for the same PDF.
pub(crate) fn read_layout(words: &str, fonts: Option<&str>) -> Layout {
    let mut pages = source::parse_words(words);
    if let Some(xml) = fonts {
        source::attach_fonts(&mut pages, xml);
    }
    let body = body_size(&pages);
    let gutter = (1.6 * body).max(12.0);
    let heights: Vec<f64> = pages.iter().map(|p| p.height).collect();
    // First pass: lines of every page, to find what repeats and the notes.
    let first: Vec<Vec<Line>> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| page_lines(i, p.words.clone(), gutter))
        .collect();
    let (marks, seen) = furniture::find(&first, &heights, body);
    let producer = producer(words);
    let (form, evidence) = decide(&seen, producer.as_deref(), pages.len());
    // Second pass: the running text alone, cut into columns again now that
    // headers and footers no longer bridge them.
    let mut b = build::Builder::new(body, form == PrintForm::WebPage);
    for (p, lines) in first.into_iter().enumerate() {
        let (mut asides, mut kept): (Vec<(Line, Aside)>, Vec<source::Word>) =
            (Vec::new(), Vec::new());
        for (line, mark) in lines.into_iter().zip(&marks[p]) {
            match mark {
                Some(a) => asides.push((line, *a)),
                None => kept.extend(line.words.iter().cloned()),
            }
        }
        let regions = lines::reading_order(kept, gutter);
        let content: Vec<(Line, (f64, f64))> = regions
            .into_iter()
            .flat_map(|(words, col)| lines::lines_of(p, words).into_iter().map(move |l| (l, col)))
            .collect();
        b.page(&asides, content, heights[p]);
    }
    let mut doc = b.finish();
    doc.running_header = seen.running_header.clone();
    Layout {
        doc,
        form,
        evidence,
    }
}

fn page_lines(page: usize, words: Vec<source::Word>, gutter: f64) -> Vec<Line> {
    lines::reading_order(words, gutter)
        .into_iter()
        .flat_map(|(w, _)| lines::lines_of(page, w))
        .collect()
}

/// The font size that carries most of the letters.
fn body_size(pages: &[Page]) -> f64 {
    let mut sizes: Vec<(f64, usize)> = Vec::new();
    for w in pages.iter().flat_map(|p| &p.words) {
        let size = (w.size * 2.0).round() / 2.0;
        let n = w.text.chars().count();
        match sizes.iter_mut().find(|(s, _)| *s == size) {
            Some(e) => e.1 += n,
            None => sizes.push((size, n)),
        }
    }
    sizes.into_iter().max_by_key(|e| e.1).map_or(10.0, |e| e.0)
}

/// The Creator and Producer the PDF declares (`pdftotext` copies them
/// into the head of its output).
fn producer(xhtml: &str) -> Option<String> {
    let head = xhtml.find("<body").map_or(xhtml, |end| &xhtml[..end]);
    let mut out = Vec::new();
    for name in ["Creator", "Producer"] {
        let key = format!("<meta name=\"{name}\" content=\"");
        if let Some(i) = head.find(&key) {
            let rest = &head[i + key.len()..];
            out.push(rest[..rest.find('"').unwrap_or(0)].to_string());
        }
    }
    (!out.is_empty()).then(|| out.join("; "))
}

/// Decide the form from what the pages show, and say why.
fn decide(seen: &furniture::Findings, producer: Option<&str>, pages: usize) -> (PrintForm, String) {
    let browser = producer.and_then(|p| BROWSER_PRODUCERS.iter().find(|b| p.contains(*b)));
    if seen.browser_pages > 0 && seen.browser_pages * 2 >= pages {
        return (
            PrintForm::WebPage,
            format!(
                "a browser's print header or footer (date, address, page n/N) on {} of {pages} pages",
                seen.browser_pages
            ),
        );
    }
    if let Some(b) = browser {
        return (
            PrintForm::WebPage,
            format!("the PDF was made by a browser ({b})"),
        );
    }
    if seen.running_pages >= 2 {
        return (
            PrintForm::Report,
            format!(
                "a running header on {} of {pages} pages (\"{}\")",
                seen.running_pages,
                seen.running_header.as_deref().unwrap_or("")
            ),
        );
    }
    (
        PrintForm::Other,
        "neither a browser's header and footer nor a report's running header was found".to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_extractor_output_never_panics() {
        for words in [
            "",
            "<page",
            "<page width=\"x\" height=\"NaN\"><word xMin=\"NaN\" yMin=\"1\" xMax=\"2\" yMax=\"3\">a</word></page>",
            "<word xMin=\"1\" yMin=\"1\" xMax=\"2\" yMax=\"3\">before any page</word>",
            "<page width=\"100\" height=\"100\"><word xMin=\"5\" yMin=\"5\" xMax=\"5\" yMax=\"5\">é</word>\
             <word xMin=\"5\" yMin=\"5\" xMax=\"5\" yMax=\"5\">é</word></page>",
        ] {
            let l = read_layout(
                words,
                Some("<page width=\"0\"><fontspec id=\"0\" size=\"inf\"/><text font=\"0\">"),
            );
            assert!(l.doc.blocks.len() <= 2);
        }
    }

    #[test]
    fn a_page_of_thousands_of_lines_is_read_whole() {
        let mut words = String::from("<page width=\"600\" height=\"100000\">");
        for i in 0..5000 {
            let y = 10.0 + 12.0 * f64::from(i);
            words.push_str(&format!(
                "<word xMin=\"50\" yMin=\"{y}\" xMax=\"80\" yMax=\"{}\">w{i}</word>",
                y + 10.0
            ));
        }
        words.push_str("</page>");
        let l = read_layout(&words, None);
        let text: String = l
            .doc
            .blocks
            .iter()
            .map(|b| b.text.clone())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(text.split_whitespace().count(), 5000);
    }
}
