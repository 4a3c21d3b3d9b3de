//! Geometry: the words of a page cut into regions (XY-cut), read column by
//! column, top to bottom, and gathered into lines.

use super::source::Word;

/// Glyphs that mark a list item when they stand first on a line. Symbol
/// fonts' bullets (U+F0B7, U+F0A7 …, in the Private Use Area) count too:
/// see [`is_bullet_glyph`].
pub const BULLET_GLYPHS: &[&str] = &[
    "\u{2022}", "\u{25e6}", "\u{25aa}", "\u{25ab}", "\u{25cf}", "\u{25cb}", "\u{25a0}", "\u{25a1}",
    "\u{25c6}", "\u{25c7}", "\u{25ba}", "\u{25b6}", "\u{27a2}", "\u{27a4}", "\u{2713}", "\u{2714}",
    "-", "\u{2013}", "\u{2014}", "*", "\u{b7}", "\u{2219}", "\u{2043}", "o",
];

/// Glyphs that are never words: a bullet even when a mere space follows.
const STRONG_GLYPHS: &[&str] = &[
    "\u{2022}", "\u{25e6}", "\u{25aa}", "\u{25cf}", "\u{25a0}", "\u{27a2}", "\u{25ba}",
];

/// One character of the Private Use Area, where symbol fonts put their bullets.
fn is_private_use(text: &str) -> bool {
    let mut chars = text.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if ('\u{e000}'..='\u{f8ff}').contains(&c))
}

pub fn is_bullet_glyph(text: &str) -> bool {
    BULLET_GLYPHS.contains(&text) || is_private_use(text)
}

/// The label of a numbered or lettered list item (`1.`, `12)`, `a)`): a
/// mark like a bullet's when a tab sets it apart from its text.
fn is_number_label(text: &str) -> bool {
    let Some(body) = text.strip_suffix(['.', ')']) else {
        return false;
    };
    let digits = !body.is_empty() && body.len() <= 2 && body.bytes().all(|b| b.is_ascii_digit());
    let letter =
        text.ends_with(')') && body.len() == 1 && body.bytes().all(|b| b.is_ascii_lowercase());
    digits || letter
}

/// One printed line of one column. Footnote markers stay glued to the
/// word they follow, as printed.
#[derive(Debug, Clone)]
pub struct Line {
    pub page: usize,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    /// Left edge of the text, after a bullet glyph when there is one.
    pub left: f64,
    /// The bullet glyph the line starts with.
    pub glyph: Option<String>,
    pub text: String,
    /// The first word of the text (for the "would it have fitted" test).
    pub first_word_width: f64,
    /// Dominant font size and weight, by letters.
    pub size: f64,
    pub bold: bool,
    /// The words of the line.
    pub words: Vec<Word>,
}

/// A region of a page and the left and right edges of the column it is in.
pub type Region = (Vec<Word>, (f64, f64));

/// The words of one page as regions in reading order: columns left to
/// right, and each column top to bottom.
pub fn reading_order(words: Vec<Word>, min_gutter: f64) -> Vec<Region> {
    let mut out = Vec::new();
    let column = bounds(&words);
    cut(words, column, min_gutter, 0, &mut out);
    out
}

/// Cuts deeper than this leave the rest as one region (its lines are still
/// told apart by height): a page of thousands of lines stays cheap.
const MAX_DEPTH: usize = 400;

fn bounds(words: &[Word]) -> (f64, f64) {
    words
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), w| (a.min(w.x0), b.max(w.x1)))
}

/// Gaps of a projection, widest first: (start, end) of each empty stretch.
fn gaps(mut spans: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    let mut end = f64::NEG_INFINITY;
    for (s, e) in spans {
        if end > f64::NEG_INFINITY && s > end {
            out.push((end, s));
        }
        end = end.max(e);
    }
    out.sort_by(|a, b| (b.1 - b.0).total_cmp(&(a.1 - a.0)));
    out
}

/// A word that only marks something (a bullet, a list or box number).
fn is_marker(text: &str) -> bool {
    is_bullet_glyph(text)
        || (text.chars().count() <= 3
            && text.chars().next().is_some_and(|c| c.is_ascii_digit())
            && text.chars().all(|c| c.is_ascii_digit() || ".)".contains(c)))
}

fn cut(words: Vec<Word>, column: (f64, f64), min_gutter: f64, depth: usize, out: &mut Vec<Region>) {
    if words.len() <= 1 || depth > MAX_DEPTH {
        if !words.is_empty() {
            out.push((words, column));
        }
        return;
    }
    let horizontal = gaps(words.iter().map(|w| (w.y0, w.y1)).collect());
    // A column gutter must be wide, and must not only set bullets or
    // numbers apart from their text.
    let vertical = gaps(words.iter().map(|w| (w.x0, w.x1)).collect())
        .into_iter()
        .filter(|g| g.1 - g.0 >= min_gutter)
        .find(|g| {
            !words
                .iter()
                .filter(|w| w.x1 <= g.0)
                .all(|w| is_marker(&w.text))
        });
    let h_width = horizontal.first().map_or(0.0, |g| g.1 - g.0);
    match vertical {
        Some(g) if g.1 - g.0 > h_width => {
            let (left, right): (Vec<Word>, Vec<Word>) =
                words.into_iter().partition(|w| w.x1 <= g.0);
            if left.is_empty() || right.is_empty() {
                out.push(([left, right].concat(), column));
                return;
            }
            let (lc, rc) = (bounds(&left), bounds(&right));
            cut(left, lc, min_gutter, depth + 1, out);
            cut(right, rc, min_gutter, depth + 1, out);
        }
        _ if h_width > 0.0 => {
            let at = horizontal[0].0;
            let (top, bottom): (Vec<Word>, Vec<Word>) = words.into_iter().partition(|w| w.y1 <= at);
            if top.is_empty() || bottom.is_empty() {
                out.push(([top, bottom].concat(), column));
                return;
            }
            cut(top, column, min_gutter, depth + 1, out);
            cut(bottom, column, min_gutter, depth + 1, out);
        }
        _ => out.push((words, column)),
    }
}

/// The lines of one region: words that share a height band, left to right.
pub fn lines_of(page: usize, mut words: Vec<Word>) -> Vec<Line> {
    words.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    // A number set large beside a heading (in a coloured box) stands
    // across the heading's lines: it is a line of its own.
    let mut heights: Vec<f64> = words.iter().map(Word::height).collect();
    heights.sort_by(f64::total_cmp);
    let median = heights.get(heights.len() / 2).copied().unwrap_or(0.0);
    let (big_numbers, words): (Vec<Word>, Vec<Word>) = words.into_iter().partition(|w| {
        w.height() >= 1.25 * median && is_marker(&w.text) && !is_bullet_glyph(&w.text)
    });
    let mut groups: Vec<Vec<Word>> = big_numbers.into_iter().map(|w| vec![w]).collect();
    let first_text_group = groups.len();
    for w in words {
        let joins = groups.len() > first_text_group
            && groups.last().is_some_and(|g| {
                let (y0, y1) = g
                    .iter()
                    .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v.y0), b.max(v.y1)));
                let overlap = w.y1.min(y1) - w.y0.max(y0);
                overlap >= 0.5 * w.height().min(y1 - y0)
            });
        match groups.last_mut() {
            Some(g) if joins => g.push(w),
            _ => groups.push(vec![w]),
        }
    }
    groups
        .into_iter()
        .filter_map(|mut g| {
            g.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            make_line(page, g)
        })
        .collect()
}

fn make_line(page: usize, words: Vec<Word>) -> Option<Line> {
    let letters = |w: &Word| {
        w.text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .count()
            .max(1)
    };
    let total: usize = words.iter().map(letters).sum();
    let bold: usize = words.iter().filter(|w| w.bold).map(letters).sum();
    let size = dominant_size(&words);
    let first = words.first()?;
    let (x0, y0) = (
        first.x0,
        words.iter().map(|w| w.y0).fold(f64::MAX, f64::min),
    );
    let x1 = words.iter().map(|w| w.x1).fold(f64::MIN, f64::max);
    let y1 = words.iter().map(|w| w.y1).fold(f64::MIN, f64::max);
    // A glyph that can also be a word (`o`, `-`) counts only when a tab,
    // not a space, follows it.
    let strong = STRONG_GLYPHS.contains(&first.text.as_str()) || is_private_use(&first.text);
    let tab_after = words.len() > 1 && words[1].x0 - first.x1 >= 0.6 * size;
    let glyph_alone = words.len() > 1
        && ((is_bullet_glyph(&first.text) && (strong || tab_after))
            || (is_number_label(&first.text) && tab_after));
    let (glyph, rest) = if glyph_alone {
        (Some(first.text.clone()), &words[1..])
    } else {
        (None, &words[..])
    };
    let text = join_words(rest);
    let (left, first_word_width) = (rest[0].x0, rest[0].x1 - rest[0].x0);
    Some(Line {
        page,
        x0,
        y0,
        x1,
        y1,
        left,
        glyph,
        first_word_width,
        text,
        size,
        bold: bold * 2 > total,
        words,
    })
}

/// The font size carrying most letters of a line.
fn dominant_size(words: &[Word]) -> f64 {
    let mut sizes: Vec<(f64, usize)> = Vec::new();
    for w in words {
        let n = w.text.chars().count();
        match sizes.iter_mut().find(|(s, _)| (s - w.size).abs() < 0.3) {
            Some(e) => e.1 += n,
            None => sizes.push((w.size, n)),
        }
    }
    sizes.into_iter().max_by_key(|e| e.1).map_or(0.0, |e| e.0)
}

/// Words of a line joined by a space where a gap separates them (a marker
/// glued to its word stays glued).
fn join_words(words: &[Word]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Word> = None;
    for w in words {
        // A space is wider than 15 % of the type size; narrower gaps are
        // kerning, a marker glued to its word, or a word cut in pieces.
        if let Some(p) = prev
            && w.x0 - p.x1 >= 0.15 * p.size.min(p.height())
        {
            out.push(' ');
        }
        out.push_str(&w.text);
        prev = Some(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x0: f64, y0: f64, x1: f64, text: &str) -> Word {
        Word {
            x0,
            y0,
            x1,
            y1: y0 + 10.0,
            text: text.into(),
            size: 10.0,
            bold: false,
        }
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        let mut words = Vec::new();
        for row in 0..5 {
            let y = 100.0 + 12.0 * row as f64;
            words.push(word(50.0, y, 250.0, &format!("left{row}")));
            words.push(word(290.0, y, 500.0, &format!("right{row}")));
        }
        let order: Vec<String> = reading_order(words, 18.0)
            .into_iter()
            .flat_map(|r| lines_of(0, r.0))
            .map(|l| l.text)
            .collect();
        assert_eq!(
            order,
            [
                "left0", "left1", "left2", "left3", "left4", "right0", "right1", "right2",
                "right3", "right4"
            ]
        );
    }

    #[test]
    fn bullets_stay_with_their_text() {
        let words = vec![
            word(50.0, 100.0, 54.0, "•"),
            word(75.0, 100.0, 300.0, "first"),
            word(75.0, 112.0, 300.0, "more"),
            word(50.0, 124.0, 54.0, "•"),
            word(75.0, 124.0, 300.0, "second"),
        ];
        let lines: Vec<Line> = reading_order(words, 18.0)
            .into_iter()
            .flat_map(|r| lines_of(0, r.0))
            .collect();
        let texts: Vec<(Option<&str>, &str)> = lines
            .iter()
            .map(|l| (l.glyph.as_deref(), l.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [(Some("•"), "first"), (None, "more"), (Some("•"), "second")]
        );
    }

    #[test]
    fn number_labels() {
        for label in ["1.", "12)", "a)"] {
            assert!(is_number_label(label), "{label}");
        }
        for word in ["2021.", "a.", "A)", "e.g.", "1", "(a)", "123."] {
            assert!(!is_number_label(word), "{word}");
        }
    }
}
