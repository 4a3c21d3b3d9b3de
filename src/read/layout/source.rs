//! The raw material of the layout reader: the words of each page with their
//! boxes (`pdftotext -bbox-layout`) and the font of each text run
//! (`pdftohtml -xml -i`), joined word by word.

use crate::read::expand_ligatures;
use crate::read::poppler_xml::{Tags, attribute, decode_entities, text_attribute};

/// One word on a page, in PDF points from the top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
    /// Font size in points (from the run the word lies in, else its height).
    pub size: f64,
    pub bold: bool,
}

impl Word {
    pub(crate) fn height(&self) -> f64 {
        self.y1 - self.y0
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
}

/// A text run of `pdftohtml -xml`, in that tool's own scale.
#[derive(Debug, Clone)]
struct Run {
    top: f64,
    left: f64,
    width: f64,
    height: f64,
    size: f64,
    bold: bool,
}

/// The pages of `pdftotext -bbox-layout` output.
pub(crate) fn parse_words(xhtml: &str) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut tags = Tags::new(xhtml);
    while let Some(tag) = tags.next_tag() {
        if tag.starts_with("page ") {
            pages.push(Page {
                width: attribute(tag, "width").unwrap_or(0.0),
                height: attribute(tag, "height").unwrap_or(0.0),
                words: Vec::new(),
            });
        } else if tag.starts_with("word ") && !tag.ends_with('/') {
            let text = expand_ligatures(&decode_entities(tags.content("</word>"))).into_owned();
            let attr = |key: &str| attribute(tag, key).unwrap_or(0.0);
            let (y0, y1) = (attr("yMin"), attr("yMax"));
            let word = Word {
                x0: attr("xMin"),
                y0,
                x1: attr("xMax"),
                y1,
                size: (y1 - y0).abs(),
                bold: false,
                text,
            };
            let finite = [word.x0, word.x1, word.y0, word.y1]
                .iter()
                .all(|v| v.is_finite());
            if let Some(page) = pages.last_mut()
                && finite
                && !word.text.trim().is_empty()
            {
                page.words.push(word);
            }
        }
    }
    pages
}

/// Give each word the size and weight of the `pdftohtml -xml` run it lies
/// in. Words outside every run keep their height as size.
pub(crate) fn attach_fonts(pages: &mut [Page], xml: &str) {
    let (runs, page_widths) = parse_runs(xml);
    for (i, page) in pages.iter_mut().enumerate() {
        let (Some(runs), Some(&width)) = (runs.get(i), page_widths.get(i)) else {
            continue;
        };
        let scale = if page.width > 0.0 && width > 0.0 {
            width / page.width
        } else {
            1.0
        };
        for word in &mut page.words {
            let cx = (word.x0 + word.x1) / 2.0 * scale;
            let cy = (word.y0 + word.y1) / 2.0 * scale;
            let found = runs.iter().find(|r| {
                cx >= r.left - 1.0
                    && cx <= r.left + r.width + 1.0
                    && cy >= r.top - 1.0
                    && cy <= r.top + r.height + 1.0
            });
            if let Some(run) = found.filter(|r| (r.size / scale).is_finite()) {
                word.size = run.size / scale;
                word.bold = run.bold;
            }
        }
    }
}

/// The runs of each page and the width of each page, from `pdftohtml -xml`.
fn parse_runs(xml: &str) -> (Vec<Vec<Run>>, Vec<f64>) {
    let mut pages: Vec<Vec<Run>> = Vec::new();
    let mut widths = Vec::new();
    // Font id → (size, bold by family name).
    let mut fonts: Vec<(u32, f64, bool)> = Vec::new();
    let mut tags = Tags::new(xml);
    while let Some(tag) = tags.next_tag() {
        if tag.starts_with("page ") {
            pages.push(Vec::new());
            widths.push(attribute(tag, "width").unwrap_or(0.0));
        } else if tag.starts_with("fontspec ") {
            let id = attribute(tag, "id").unwrap_or(-1.0) as u32;
            let family = text_attribute(tag, "family").unwrap_or_default();
            let bold = family.to_ascii_lowercase().contains("bold");
            fonts.push((id, attribute(tag, "size").unwrap_or(0.0), bold));
        } else if tag.starts_with("text ") {
            let inner = tags.content("</text>");
            let font = attribute(tag, "font").unwrap_or(-1.0) as u32;
            let (size, family_bold) = fonts
                .iter()
                .rev()
                .find(|f| f.0 == font)
                .map_or((0.0, false), |f| (f.1, f.2));
            let attr = |key: &str| attribute(tag, key).unwrap_or(0.0);
            let run = Run {
                top: attr("top"),
                left: attr("left"),
                width: attr("width"),
                height: attr("height"),
                size,
                bold: family_bold || mostly_bold(inner),
            };
            if let Some(page) = pages.last_mut() {
                page.push(run);
            }
        }
    }
    (pages, widths)
}

/// More than half of the letters of a run are inside `<b>`.
fn mostly_bold(inner: &str) -> bool {
    let (mut bold, mut all, mut depth) = (0usize, 0usize, 0i32);
    let mut rest = inner;
    while !rest.is_empty() {
        if let Some(tail) = rest.strip_prefix('<') {
            let close = tail.find('>').map_or(tail.len(), |c| c + 1);
            let tag = &tail[..close.saturating_sub(1)];
            match tag {
                "b" => depth += 1,
                "/b" => depth -= 1,
                _ => {}
            }
            rest = &tail[close.min(tail.len())..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if c.is_alphanumeric() {
            all += 1;
            if depth > 0 {
                bold += 1;
            }
        }
        rest = &rest[c.len_utf8()..];
    }
    all > 0 && bold * 2 > all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_take_the_font_of_their_run() {
        let words = "<page width=\"100\" height=\"200\"><word xMin=\"10\" yMin=\"20\" xMax=\"30\" yMax=\"30\">Key</word>\
                     <word xMin=\"32\" yMin=\"20\" xMax=\"60\" yMax=\"30\">ﬁndings</word>\
                     <word xMin=\"10\" yMin=\"50\" xMax=\"30\" yMax=\"58\">body</word></page>";
        let xml = "<page number=\"1\" width=\"150\" height=\"300\">\
                   <fontspec id=\"0\" size=\"18\" family=\"A+Sans\" color=\"#000\"/>\
                   <fontspec id=\"1\" size=\"12\" family=\"A+Sans\" color=\"#000\"/>\
                   <text top=\"30\" left=\"15\" width=\"75\" height=\"15\" font=\"0\"><b>Key ﬁndings</b></text>\
                   <text top=\"75\" left=\"15\" width=\"30\" height=\"12\" font=\"1\">body</text></page>";
        let mut pages = parse_words(words);
        attach_fonts(&mut pages, xml);
        let w = &pages[0].words;
        assert_eq!(w[1].text, "findings");
        assert!(w[0].bold && w[1].bold && !w[2].bold);
        assert!((w[0].size - 12.0).abs() < 1e-9, "{}", w[0].size);
        assert!((w[2].size - 8.0).abs() < 1e-9);
    }
}
