//! Lines of the source: the start tags found by a small scanner and
//! matched, in document order, to the elements of the tree.

use super::*;

/// The start tags of the source, in order, with their lines.
///
/// html5ever builds a tree without positions. To give each block the line
/// of its start tag, the source is scanned once for start tags (skipping
/// comments, `<!…>`, `<?…>`, end tags, and the raw text of `script`,
/// `style` and the like, where a `<li>` is only text), and each element of
/// the tree, visited in document order, takes the next unused start tag of
/// the same name (`sync`). Elements the parser invents (`html`, `head`,
/// `body`, `tbody`, formatting elements it reopens) are not matched;
/// elements it may invent from stray end tags (`p`, `br`, `tr`) only match
/// a tag close ahead. A tag the tree does not have is passed over. Lines
/// are thus exact for ordinary pages and stay in order for broken ones.
#[derive(Debug, Default)]
pub(super) struct SourceTags {
    /// Line of each start tag.
    pub(super) lines: Vec<usize>,
    /// For each tag name, the indexes of its start tags, ascending.
    pub(super) by_name: HashMap<String, Vec<usize>>,
    /// The next start tag not yet matched to an element.
    pub(super) cursor: usize,
    /// How deep the elements nest.
    pub(super) nesting: Nesting,
}

/// Elements whose content is text, not markup, up to their end tag.
pub(super) const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements that are often implied by the parser, never matched to a tag.
pub(super) const IMPLIED: &[&str] = &[
    "html", "head", "body", "tbody", "colgroup", "a", "b", "big", "code", "em", "font", "i",
    "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Elements the parser may create from a stray end tag: only matched to a
/// tag at most this many tags ahead.
pub(super) const MAYBE_IMPLIED: &[&str] = &["p", "br", "tr"];
pub(super) const MAYBE_IMPLIED_WINDOW: usize = 64;

impl SourceTags {
    pub(super) fn scan(src: &str) -> Self {
        let lower = src.as_bytes().to_ascii_lowercase();
        let line_starts = line_starts(&lower);
        let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);
        let len = lower.len();
        let find = |from: usize, needle: &[u8]| -> Option<usize> {
            lower
                .get(from..)?
                .windows(needle.len())
                .position(|w| w == needle)
                .map(|p| p + from)
        };
        let after_gt = |from: usize| {
            lower
                .get(from..)
                .and_then(|r| r.iter().position(|&b| b == b'>'))
        };

        let mut tags = SourceTags::default();
        let mut i = 0;
        while let Some(p) = lower
            .get(i..)
            .and_then(|r| r.iter().position(|&b| b == b'<'))
        {
            let at = i + p;
            let rest = &lower[at..];
            let next = rest.get(1).copied().unwrap_or(0);
            if rest.starts_with(b"<!--") {
                i = find(at + 2, b"-->").map_or(len, |e| e + 3);
            } else if next == b'!' || next == b'?' {
                i = after_gt(at).map_or(len, |e| at + e + 1);
            } else if next == b'/' {
                let name_end = rest
                    .iter()
                    .skip(2)
                    .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
                    .map_or(len, |e| at + 2 + e);
                if let Some(name) = lower.get(at + 2..name_end) {
                    tags.nesting.end(&String::from_utf8_lossy(name));
                }
                i = after_gt(at).map_or(len, |e| at + e + 1);
            } else if next.is_ascii_alphabetic() {
                let name_end = rest
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
                    .map_or(len, |e| at + e);
                let name = String::from_utf8_lossy(&lower[at + 1..name_end]).into_owned();
                let end = skip_attributes(&lower, name_end);
                let index = tags.lines.len();
                tags.lines.push(line_of(at));
                if name == "plaintext" {
                    break;
                }
                let self_closing = end >= 2 && lower[end - 2] == b'/' && lower[end - 1] == b'>';
                let raw = RAW_TEXT.contains(&name.as_str());
                tags.nesting.start(&name, self_closing, line_of(at));
                i = end;
                if raw {
                    let close = format!("</{name}");
                    let mut from = end;
                    i = len;
                    while let Some(c) = find(from, close.as_bytes()) {
                        let after = lower.get(c + close.len()).copied();
                        if after.is_none_or(|b| b.is_ascii_whitespace() || b == b'/' || b == b'>') {
                            i = c;
                            break;
                        }
                        from = c + 1;
                    }
                }
                tags.by_name.entry(name).or_default().push(index);
            } else {
                i = at + 1;
            }
        }
        tags
    }

    /// Match an element of the tree to its start tag; its line if found.
    pub(super) fn sync(&mut self, name: &str) -> Option<usize> {
        let name = name.to_ascii_lowercase();
        if IMPLIED.contains(&name.as_str()) {
            return None;
        }
        let indexes = self.by_name.get(&name)?;
        let k = indexes.partition_point(|&i| i < self.cursor);
        let &index = indexes.get(k)?;
        if MAYBE_IMPLIED.contains(&name.as_str()) && index - self.cursor > MAYBE_IMPLIED_WINDOW {
            return None;
        }
        self.cursor = index + 1;
        self.lines.get(index).copied()
    }
}

/// Skip the attributes of a start tag from `from`; the offset after its `>`.
pub(super) fn skip_attributes(src: &[u8], from: usize) -> usize {
    let mut j = from;
    while j < src.len() {
        match src[j] {
            b'>' => return j + 1,
            b'=' => {
                j += 1;
                while j < src.len() && src[j].is_ascii_whitespace() {
                    j += 1;
                }
                if let Some(&q) = src.get(j).filter(|&&b| b == b'"' || b == b'\'') {
                    j = src[j + 1..]
                        .iter()
                        .position(|&b| b == q)
                        .map_or(src.len(), |e| j + 1 + e + 1);
                }
            }
            _ => j += 1,
        }
    }
    src.len()
}

/// Offsets where lines start (`\n`, `\r\n` and a lone `\r` end lines).
pub(super) fn line_starts(src: &[u8]) -> Vec<usize> {
    let mut starts = vec![0];
    for (i, &b) in src.iter().enumerate() {
        match b {
            b'\n' => starts.push(i + 1),
            b'\r' if src.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
            _ => {}
        }
    }
    starts
}
