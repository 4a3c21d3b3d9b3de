//! Text as the tool compares it: one set of apostrophes, one edit distance,
//! and a named fold for each comparison (headings, place names, findings
//! across editions). Each fold says what it keeps; none is used for output.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// The characters written for an apostrophe: the straight one, the
/// typographic ones (’ ‘ ‚ ‛), the modifier letter ʼ, and the prime, grave
/// and acute signs typed in their place.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}'
            | '\u{2018}'
            | '\u{201A}'
            | '\u{201B}'
            | '\u{02BC}'
            | '\u{2032}'
            | '`'
            | '\u{00B4}'
    )
}

/// Edit distance (insertions, deletions, substitutions) between `a` and `b`.
pub(crate) fn edit_distance(a: &[char], b: &[char]) -> usize {
    // No row of the table exceeds the longer length, so this bound never cuts.
    edit_distance_within(a, b, a.len().max(b.len())).unwrap_or(usize::MAX)
}

/// The edit distance between `a` and `b` if it is at most `max` (stopping
/// as soon as every cell of a row is over it).
pub(crate) fn edit_distance_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    // Only cells within `max` of the diagonal can stay within `max`: the
    // others are "over" (`over`), and are not computed.
    let over = max + 1;
    let n = b.len();
    let mut prev: Vec<usize> = (0..=n).map(|j| j.min(over)).collect();
    let mut cur = vec![over; n + 1];
    for (i, ca) in a.iter().enumerate() {
        let row = i + 1;
        let (lo, hi) = (row.saturating_sub(max), (row + max).min(n));
        let mut row_min = over;
        if lo == 0 {
            cur[0] = row.min(over);
            row_min = cur[0];
        } else {
            cur[lo - 1] = over;
        }
        for j in lo.max(1)..=hi {
            let cost = usize::from(*ca != b[j - 1]);
            let d = (prev[j - 1] + cost)
                .min(prev[j] + 1)
                .min(cur[j - 1] + 1)
                .min(over);
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if hi < n {
            cur[hi + 1] = over;
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[n];
    (d <= max).then_some(d)
}

/// A phrase as headings are matched: accents removed, lower case,
/// apostrophes dropped, hyphens and punctuation as spaces, a leading "1:" /
/// "2." removed, whitespace collapsed.
///
/// Equivalent to taking the NFKD form and dropping its combining marks, but
/// decomposes one character at a time (reordering, the only thing NFKD does
/// across characters, moves combining marks only, which are dropped), with
/// ASCII taking no table look-up at all: it runs on every block of every input.
pub(crate) fn fold_heading(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII by a table: most of any heading.
        if let Some(&folded) = ASCII_HEADING_FOLD.get(usize::from(bytes[i])) {
            match folded {
                b' ' if out.ends_with(' ') => {}
                0 => {}
                _ => out.push(char::from(folded)),
            }
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("a character starts here");
        fold_heading_char(&mut out, c);
        i += c.len_utf8();
    }
    // Trimmed in place, with a wheel index or list number in front of a
    // heading dropped: "1 droits des migrants".
    let mut start = out.len() - out.trim_start().len();
    let end = out.trim_end().len().max(start);
    if let Some((first, _)) = out[start..end].split_once(' ')
        && first.len() <= 2
        && first.chars().all(|c| c.is_ascii_digit())
    {
        start += first.len() + 1;
    }
    out.truncate(end);
    out.drain(..start);
    out
}

/// What [`fold_heading_char`] makes of each ASCII character: a letter or
/// digit in lower case, 0 for an apostrophe (dropped), else a space.
static ASCII_HEADING_FOLD: [u8; 128] = {
    let mut table = [b' '; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        } else if c == b'\'' || c == b'`' {
            table[b] = 0;
        }
        b += 1;
    }
    table
};

/// One character of a text, as [`fold_heading`] folds it: its compatibility
/// decomposition without combining marks, in lower case, apostrophes
/// dropped, anything else than a letter or digit as a space.
#[inline]
pub(crate) fn fold_heading_char(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
    } else if c.is_ascii() {
        push_heading_char(out, c);
    } else {
        decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                push_heading_char(out, d);
            }
        });
    }
}

/// One character of a decomposition, as [`fold_heading`] keeps it.
fn push_heading_char(out: &mut String, c: char) {
    match c {
        c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
        c if is_apostrophe(c) => {}
        c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
        _ => {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        }
    }
}

/// A place name as names are compared: lower case, accents dropped,
/// apostrophes made straight, hyphens and other punctuation made spaces,
/// spaces collapsed, nothing at either end but letters and digits.
pub(crate) fn fold_place(text: &str) -> String {
    fold_place_keeping_elision(text)
        .trim_matches('\'')
        .trim()
        .to_string()
}

/// [`fold_place`] without trimming apostrophes: "L’" stays "l'", so that
/// prefixes ending with an elided article can be matched.
pub(crate) fn fold_place_keeping_elision(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().flat_map(char::to_lowercase).nfd() {
        if is_combining_mark(c) || c == '\u{00AD}' {
            continue;
        }
        let c = if is_apostrophe(c) { '\'' } else { c };
        if c.is_alphanumeric() || c == '\'' {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

/// A finding's text as compared for "unchanged" across editions: whitespace
/// runs (no-break spaces included) collapsed to one space and trimmed,
/// apostrophes as `'`, typographic quotes and guillemets as `"` (the spaces
/// inside French guillemets dropped). Case, accents and wording are kept.
pub(crate) fn fold_finding(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let collapsed = collapsed
        .replace("« ", "«")
        .replace(" »", "»")
        .replace("‹ ", "‹")
        .replace(" ›", "›");
    collapsed
        .chars()
        .map(|c| match c {
            c if is_apostrophe(c) => '\'',
            '“' | '”' | '„' | '‟' | '«' | '»' | '‹' | '›' | '″' => '"',
            c => c,
        })
        .collect()
}

/// Whether `word` is all ASCII, and whether it holds an ASCII capital: every
/// byte looked at once, without a branch per byte.
fn ascii_and_capitals(word: &str) -> (bool, bool) {
    word.bytes().fold((true, false), |(ascii, upper), b| {
        (ascii & b.is_ascii(), upper | b.is_ascii_uppercase())
    })
}

/// `word` in lower case, without a copy when it already is (the common
/// case for the words of a text counted or looked up one by one).
pub(crate) fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    let (ascii, upper) = ascii_and_capitals(word);
    if ascii {
        if upper {
            word.to_ascii_lowercase().into()
        } else {
            word.into()
        }
    } else if word.chars().all(is_own_lowercase) {
        word.into()
    } else {
        word.to_lowercase().into()
    }
}

/// [`lowercase`] into `buffer` when the word changes, for loops that look
/// many words up: the buffer is reused, so a capitalised ASCII word costs
/// no allocation.
pub(crate) fn lowercase_in<'a>(word: &'a str, buffer: &'a mut String) -> &'a str {
    let (ascii, upper) = ascii_and_capitals(word);
    if ascii {
        if !upper {
            return word;
        }
        buffer.clear();
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
        return buffer;
    }
    match lowercase(word) {
        std::borrow::Cow::Borrowed(word) => word,
        std::borrow::Cow::Owned(lower) => {
            *buffer = lower;
            buffer
        }
    }
}

/// Whether lower-casing leaves `c` as it is (then no context can change it
/// either: only a capital sigma lower-cases by its context).
fn is_own_lowercase(c: char) -> bool {
    let mut lower = c.to_lowercase();
    lower.next() == Some(c) && lower.next().is_none()
}

/// How many bytes `bytes` starts with that `keeps`, read eight at a time:
/// `special` marks, in a word of eight bytes read little-endian, the high
/// bit of each byte that `keeps` refuses, at least of the first such byte
/// (later bytes may be marked falsely), so the lowest mark is where the
/// run ends. The last bytes, fewer than eight, are read one by one.
#[inline]
fn run_of(bytes: &[u8], special: fn(u64) -> u64, keeps: fn(u8) -> bool) -> usize {
    let mut n = 0;
    for chunk in bytes.chunks_exact(8) {
        let marks = special(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        if marks != 0 {
            return n + marks.trailing_zeros() as usize / 8;
        }
        n += 8;
    }
    n + bytes[n..].iter().take_while(|&&b| keeps(b)).count()
}

/// High bit of each byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The length of the ASCII run `bytes` starts with.
pub(crate) fn ascii_run(bytes: &[u8]) -> usize {
    run_of(bytes, |w| w & HIGH_BITS, |b| b.is_ascii())
}

/// The length of the run of printable ASCII (`!` to DEL) `bytes` starts
/// with. A byte below `!` borrows when `!` is taken from it, which sets its
/// high bit; a byte above it cannot borrow, so no borrow reaches the first
/// byte below `!` from the bytes before it.
pub(crate) fn printable_run(bytes: &[u8]) -> usize {
    run_of(
        bytes,
        |w| (w.wrapping_sub(0x2121_2121_2121_2121) | w) & HIGH_BITS,
        |b| (0x21..0x80).contains(&b),
    )
}

/// Whether `bytes` are ASCII text already collapsed: printable bytes (`!`
/// to DEL) and single spaces between them. May answer `false` for such a
/// text (see [`spaced_printable_run`]); then the caller collapses it the
/// long way.
pub(crate) fn is_collapsed_ascii(bytes: &[u8]) -> bool {
    bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && spaced_printable_run(bytes) == bytes.len()
}

/// The length of the run of printable ASCII and single spaces `bytes`
/// starts with, read eight bytes at a time: it ends at a byte below the
/// space or above DEL, or at the second of two spaces. Spaces are found as
/// the zero bytes of the text XOR spaces, a test that may also mark a `!`
/// right after a space, so the run may end there early (never late).
pub(crate) fn spaced_printable_run(bytes: &[u8]) -> usize {
    const SPACES: u64 = 0x2020_2020_2020_2020;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut n = 0;
    // The mark of a space ending the chunk before, where byte 0's mark is.
    let mut space_before = 0u64;
    for chunk in bytes.chunks_exact(8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // A byte below the space or above DEL (see `printable_run`).
        let outside = (w.wrapping_sub(SPACES) | w) & HIGH_BITS;
        let x = w ^ SPACES;
        let spaces = x.wrapping_sub(ONES) & !x & HIGH_BITS;
        let ends = outside | (spaces & ((spaces << 8) | space_before));
        if ends != 0 {
            return n + ends.trailing_zeros() as usize / 8;
        }
        space_before = spaces >> 56;
        n += 8;
    }
    let mut after_space = space_before != 0;
    for &b in &bytes[n..] {
        if !(0x20..0x80).contains(&b) || (b == b' ' && after_space) {
            break;
        }
        after_space = b == b' ';
        n += 1;
    }
    n
}

/// Whether `text` has more than `n` words as [`str::split_whitespace`]
/// counts them, reading ASCII without decoding it: it runs on every block.
pub(crate) fn has_more_words_than(text: &str, n: usize) -> bool {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        // Printable ASCII holds no space: the run is (part of) one word.
        if (0x21..0x80).contains(&bytes[i]) {
            if !in_word {
                in_word = true;
                words += 1;
                if words > n {
                    return true;
                }
            }
            i += printable_run(&bytes[i..]);
            continue;
        }
        let (white, len) = match bytes[i] {
            b if b < 0x80 => (b == b' ' || (b'\t'..=b'\r').contains(&b), 1),
            _ => text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
        };
        if white {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > n {
                return true;
            }
        }
        i += len;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_read_eight_bytes_at_once_as_one_by_one() {
        let texts: [&[u8]; 8] = [
            b"",
            b"abc",
            b"A justified line, of text!~\x7f and more words here",
            b"0123456789abcdef\tx",
            "pr\u{e9}sent\u{e9}es par l\u{2019}\u{c9}tat et les autres".as_bytes(),
            b"\x20\x21\x00\x1f\x80\xff0123456789",
            b"two  spaces and a\ttab in it, then more text",
            b"word !bang and  ! two, 0123456789 abcdef ghij klmn",
        ];
        for text in texts {
            for start in 0..text.len() {
                let bytes = &text[start..];
                let one_by_one =
                    |keeps: fn(&u8) -> bool| bytes.iter().take_while(|b| keeps(b)).count();
                assert_eq!(ascii_run(bytes), one_by_one(u8::is_ascii), "{start}");
                assert_eq!(
                    printable_run(bytes),
                    one_by_one(|b| (0x21..0x80).contains(b)),
                    "{start}"
                );
                // Printable bytes and single spaces: never longer than read
                // one by one, shorter only at a `!` after a space.
                let spaced = bytes
                    .iter()
                    .enumerate()
                    .take_while(|&(i, &b)| {
                        (0x20..0x80).contains(&b) && !(b == b' ' && i > 0 && bytes[i - 1] == b' ')
                    })
                    .count();
                let run = spaced_printable_run(bytes);
                assert!(run <= spaced, "{start}");
                if run < spaced {
                    assert_eq!(&bytes[run - 1..=run], b" !", "{start}");
                }
            }
        }
    }

    #[test]
    fn collapsed_ascii_is_printable_bytes_and_single_spaces_inside() {
        let collapsed = |b: &[u8]| {
            b.iter().all(|c| (0x20..0x80).contains(c))
                && b.first() != Some(&b' ')
                && b.last() != Some(&b' ')
                && !b.windows(2).any(|w| w == b"  ")
        };
        // Every text of up to six of these bytes, and each set at every
        // offset of a longer text, so that pairs straddle eight-byte chunks.
        let bytes = [b'a', b' ', b'!', b'~', b'\x7f', b'\t', 0xc3];
        let mut texts: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..6 {
            let longer: Vec<Vec<u8>> = texts
                .iter()
                .flat_map(|t| bytes.iter().map(move |&b| [t.as_slice(), &[b]].concat()))
                .collect();
            texts.extend(longer);
        }
        for text in &texts {
            for pad in [0, 5, 13] {
                let text = [&b"abcdefghijklmnop"[..pad], text].concat();
                let fast = is_collapsed_ascii(&text);
                if text.windows(2).any(|w| w == b" !") {
                    // May be refused (then collapsed the long way), never
                    // accepted wrongly.
                    assert!(!fast || collapsed(&text), "{text:?}");
                } else {
                    assert_eq!(fast, collapsed(&text), "{text:?}");
                }
            }
        }
        assert!(is_collapsed_ascii(
            b"The Government of Ghana adopted a policy."
        ));
        assert!(!is_collapsed_ascii(
            b"The Government of  Ghana adopted a policy."
        ));
    }

    #[test]
    fn the_ascii_table_folds_as_each_character_is_folded() {
        for b in 0u8..128 {
            let mut by_char = String::from("x");
            fold_heading_char(&mut by_char, char::from(b));
            let by_table = match ASCII_HEADING_FOLD[usize::from(b)] {
                0 => "x".to_string(),
                f => format!("x{}", char::from(f)),
            };
            assert_eq!(by_char, by_table, "{b}");
        }
    }

    #[test]
    fn lowercase_is_str_to_lowercase_and_borrows_what_is_already() {
        for word in [
            "",
            "law",
            "Law",
            "développement",
            "Développement",
            "ΟΔΟΣ",
            "ὀδός",
            "ǅemal",
            "İstanbul",
            "straße",
            "ÉTAT",
            "ﬁn",
            "漢字",
        ] {
            let lower = lowercase(word);
            assert_eq!(lower, word.to_lowercase(), "{word}");
            assert_eq!(lowercase_in(word, &mut String::new()), word.to_lowercase());
            assert_eq!(
                matches!(lower, std::borrow::Cow::Borrowed(_)),
                word.to_lowercase() == word,
                "{word}"
            );
        }
    }

    #[test]
    fn folding_trims_and_drops_a_leading_number() {
        assert_eq!(fold_heading(" – "), "");
        assert_eq!(fold_heading(""), "");
        assert_eq!(
            fold_heading(" 1. Droits des migrants "),
            "droits des migrants"
        );
        assert_eq!(fold_heading("12"), "12");
        assert_eq!(fold_heading("Migrants’ Rights:"), "migrants rights");
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            " ",
            "a",
            " a b ",
            "a\u{a0}b\u{2003}c",
            "é è\tà\n",
            "x\u{3000} y",
            "The National Migration Policy of 2019, adopted\tin 2020 (decree n°12).",
            "word\u{a0}longerword-with-no-space-at-all, and\u{2009}more",
        ] {
            let count = text.split_whitespace().count();
            for n in 0..12 {
                assert_eq!(has_more_words_than(text, n), count > n, "{text:?} {n}");
            }
        }
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn edit_distance_counts_edits_and_the_bound_cuts() {
        assert_eq!(edit_distance(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(edit_distance(&chars(""), &chars("abc")), 3);
        assert_eq!(edit_distance(&chars("same"), &chars("same")), 0);
        assert_eq!(
            edit_distance_within(&chars("kitten"), &chars("sitting"), 3),
            Some(3)
        );
        assert_eq!(
            edit_distance_within(&chars("kitten"), &chars("sitting"), 2),
            None
        );
    }

    /// Every fold treats every apostrophe alike, so heading matching, place
    /// names and the diff agree on which texts are the same.
    #[test]
    fn the_folds_agree_on_apostrophes() {
        for a in ['\'', '’', '‘', '‚', '‛', 'ʼ', '′', '`'] {
            let text = format!("Côte d{a}Ivoire");
            assert_eq!(fold_heading(&text), "cote divoire", "{a}");
            assert_eq!(fold_place(&text), "cote d'ivoire", "{a}");
            assert_eq!(fold_finding(&text), "Côte d'Ivoire", "{a}");
        }
    }

    #[test]
    fn fold_finding_keeps_case_and_accents() {
        assert_eq!(
            fold_finding("  L’État  «  protège » les\u{a0}migrants "),
            "L'État \"protège\" les migrants"
        );
    }
}
