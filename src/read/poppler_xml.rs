//! The XML that poppler's extractors print (`pdftotext -bbox-layout`,
//! `pdftohtml -xml`), read as the flat stream of tags it is: no DOM, since
//! a page of words is a long list of small tags with one attribute layout.

/// The tags of an XML text in order, and the text between them.
pub(crate) struct Tags<'a> {
    rest: &'a str,
}

impl<'a> Tags<'a> {
    pub(crate) fn new(xml: &'a str) -> Self {
        Tags { rest: xml }
    }

    /// The next tag, without its angle brackets (`word xMin="1"`, `/line`).
    pub(crate) fn next_tag(&mut self) -> Option<&'a str> {
        let open = self.rest.find('<')?;
        self.rest = &self.rest[open + 1..];
        let close = self.rest.find('>')?;
        let tag = &self.rest[..close];
        self.rest = &self.rest[close + 1..];
        Some(tag)
    }

    /// The text from the last tag up to `end` (`</word>`), or to the end of
    /// the input; the scan goes on from `end`.
    pub(crate) fn content(&mut self, end: &str) -> &'a str {
        let len = self.rest.find(end).unwrap_or(self.rest.len());
        let content = &self.rest[..len];
        self.rest = &self.rest[len..];
        content
    }
}

/// A number attribute of a tag (`xMin="70.86"`).
pub(crate) fn attribute(tag: &str, key: &str) -> Option<f64> {
    text_attribute(tag, key)?.parse().ok()
}

/// An attribute of a tag as written (`family="Arial,Bold"`).
pub(crate) fn text_attribute<'a>(tag: &'a str, key: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {key}=\""))? + key.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// The entities of pdftotext's XHTML (and numeric ones) as characters.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_their_content_in_order() {
        let mut tags = Tags::new("<page width=\"9.5\"><word xMin=\"1\">a &amp; b</word></page>");
        let page = tags.next_tag().unwrap();
        assert_eq!(attribute(page, "width"), Some(9.5));
        assert_eq!(attribute(page, "height"), None);
        let word = tags.next_tag().unwrap();
        assert_eq!(text_attribute(word, "xMin"), Some("1"));
        assert_eq!(decode_entities(tags.content("</word>")), "a & b");
        assert_eq!(tags.next_tag(), Some("/word"));
        assert_eq!(tags.next_tag(), Some("/page"));
        assert_eq!(tags.next_tag(), None);
    }

    #[test]
    fn broken_entities_are_kept() {
        assert_eq!(
            decode_entities("a & b &nosuch; &#xZZ; &"),
            "a & b &nosuch; &#xZZ; &"
        );
    }

    #[test]
    fn an_unclosed_tag_ends_the_scan() {
        let mut tags = Tags::new("text <word xMin=\"1\"");
        assert_eq!(tags.next_tag(), None);
    }
}
