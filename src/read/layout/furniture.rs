//! Page furniture (running headers and footers, page numbers, a browser's
//! own header and footer) and footnote zones, found by where lines stand
//! and how they repeat across pages.

use std::collections::HashMap;

use super::lines::Line;

/// Share of the page height, at the top and at the bottom, where furniture stands.
const BAND: f64 = 0.1;

/// Running headers and footers are set no larger than the body text; a
/// heading that happens to open two pages at the same height is larger.
const MAX_FURNITURE_SIZE: f64 = 1.05;

/// Why a line is not part of the running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Aside {
    /// Repeated at the same place on several pages, or a page number.
    Running,
    /// A browser's print header or footer: page counter, address, date.
    Browser,
    /// Smaller type at the foot of the page.
    Footnote,
}

/// What was found across the document, for the form decision.
#[derive(Debug, Clone, Default)]
pub(crate) struct Findings {
    pub browser_pages: usize,
    pub running_pages: usize,
    pub running_header: Option<String>,
}

fn in_band(line: &Line, page_height: f64) -> bool {
    line.y1 < BAND * page_height || line.y0 > (1.0 - BAND) * page_height
}

/// The text with every digit as `#`, so that "3" and "12" repeat.
fn repeat_key(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// A browser's page counter (`3/7`), address or print date.
fn is_browser_line(text: &str) -> bool {
    let t = text.trim();
    let counter = t.split_once('/').is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && a.chars().all(|c| c.is_ascii_digit())
            && b.chars().all(|c| c.is_ascii_digit())
    });
    let address = ["file:/", "http://", "https://", "about:blank"]
        .iter()
        .any(|p| t.starts_with(p));
    // 11/29/26, 6:01 PM or 29/11/2026 18:01
    let date = t.len() <= 24
        && t.chars().filter(|c| c.is_ascii_digit()).count() >= 5
        && t.contains('/')
        && t.contains(':');
    counter || address || date
}

fn is_page_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

/// Mark the furniture of every page (`pages[i]` are the lines of page i,
/// `heights[i]` its height). Returns the mark of each line and what was seen.
pub(crate) fn find(
    pages: &[Vec<Line>],
    heights: &[f64],
    body: f64,
) -> (Vec<Vec<Option<Aside>>>, Findings) {
    let mut seen: HashMap<String, Vec<(usize, f64)>> = HashMap::new();
    for (p, lines) in pages.iter().enumerate() {
        for l in lines.iter().filter(|l| in_band(l, heights[p])) {
            seen.entry(repeat_key(&l.text)).or_default().push((p, l.y0));
        }
    }
    let repeated = |l: &Line| {
        seen.get(&repeat_key(&l.text)).is_some_and(|v| {
            let pages: std::collections::HashSet<usize> = v
                .iter()
                .filter(|(_, y)| (y - l.y0).abs() < 4.0)
                .map(|(p, _)| *p)
                .collect();
            pages.len() >= 2
        })
    };
    let mut found = Findings::default();
    let mut marks = Vec::with_capacity(pages.len());
    for (p, lines) in pages.iter().enumerate() {
        let mut page_marks: Vec<Option<Aside>> = lines
            .iter()
            .map(|l| {
                if !in_band(l, heights[p]) {
                    None
                } else if is_browser_line(&l.text) {
                    Some(Aside::Browser)
                } else if (repeated(l) && l.size <= MAX_FURNITURE_SIZE * body)
                    || is_page_number(&l.text)
                {
                    Some(Aside::Running)
                } else {
                    None
                }
            })
            .collect();
        // A browser header also prints the page title beside the date.
        let browser_rows: Vec<f64> = lines
            .iter()
            .zip(&page_marks)
            .filter(|(_, m)| **m == Some(Aside::Browser))
            .map(|(l, _)| l.y0)
            .collect();
        for (l, m) in lines.iter().zip(page_marks.iter_mut()) {
            if m.is_none()
                && in_band(l, heights[p])
                && browser_rows.iter().any(|y| (y - l.y0).abs() < 3.0)
            {
                *m = Some(Aside::Browser);
            }
        }
        if page_marks.contains(&Some(Aside::Browser)) {
            found.browser_pages += 1;
        }
        if let Some((l, _)) = lines.iter().zip(&page_marks).find(|(l, m)| {
            **m == Some(Aside::Running) && !is_page_number(&l.text) && l.y1 < heights[p] / 2.0
        }) {
            found.running_pages += 1;
            found.running_header.get_or_insert_with(|| l.text.clone());
        }
        mark_footnotes(lines, &mut page_marks, heights[p], body);
        marks.push(page_marks);
    }
    (marks, found)
}

/// The footnote zone: the lines at the foot of the page, below all running
/// text, set in smaller type than the body.
fn mark_footnotes(lines: &[Line], marks: &mut [Option<Aside>], height: f64, body: f64) {
    let mut order: Vec<usize> = (0..lines.len()).filter(|&i| marks[i].is_none()).collect();
    order.sort_by(|&a, &b| lines[b].y0.total_cmp(&lines[a].y0));
    let zone: Vec<usize> = order
        .iter()
        .copied()
        .take_while(|&i| lines[i].size < 0.9 * body && lines[i].y0 > 0.5 * height)
        .collect();
    // Only under running text: a page all in small type (an imprint) has
    // no footnote zone.
    if zone.len() < order.len() {
        for i in zone {
            marks[i] = Some(Aside::Footnote);
        }
    }
}
