//! How deep the elements of the source nest, as a parser would open and
//! close them, so that a page nested without end is refused before parsing.

use super::*;

/// How deep the elements of a page nest, as the HTML parser will build
/// them, estimated from the tags alone: each start tag opens an element
/// (void elements, `html`, `head`, `body`, raw-text elements and
/// self-closing tags in SVG or MathML do not); an end tag closes the last
/// open element of its name and what it holds; a paragraph, list item,
/// definition, option, row or cell is closed by the next one as the parser
/// closes it (only where the parser would: a list item inside a `section`
/// of another list item is nested). Linear in the number of tags.
#[derive(Debug, Default)]
pub(super) struct Nesting {
    /// The open elements, outermost first.
    pub(super) open: Vec<String>,
    /// Positions in `open` of each name, ascending.
    pub(super) at: HashMap<String, Vec<usize>>,
    /// Positions in `open` of the elements that stop the parser's search
    /// for an open paragraph (button scope), list item or definition.
    pub(super) p_scope: Vec<usize>,
    pub(super) li_scope: Vec<usize>,
    pub(super) dd_scope: Vec<usize>,
    /// The greatest depth met.
    pub(super) max: usize,
    /// The line of the first tag deeper than [`MAX_NESTING`].
    pub(super) too_deep_at: Option<usize>,
}

/// Elements that never have content.
pub(super) const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements that close an open paragraph when they start.
pub(super) const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "ul",
    "dd",
    "dt",
    "plaintext",
    "xmp",
];

/// Elements that end the parser's search for an open paragraph.
pub(super) const P_SCOPE: &[&str] = &[
    "applet",
    "button",
    "caption",
    "marquee",
    "object",
    "table",
    "td",
    "template",
    "th",
    "foreignobject",
    "desc",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
];

/// The parser's special elements, which end its search for an open list
/// item (`li`) or definition (`dd`, `dt`); `address`, `div` and `p` do not.
pub(super) const SPECIAL: &[&str] = &[
    "applet",
    "article",
    "aside",
    "blockquote",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "iframe",
    "li",
    "listing",
    "main",
    "marquee",
    "menu",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "pre",
    "search",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "xmp",
];

impl Nesting {
    pub(super) fn last(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .filter_map(|n| self.at.get(*n).and_then(|v| v.last().copied()))
            .max()
    }

    /// Close the element at `index` and every element inside it.
    pub(super) fn close_from(&mut self, index: usize) {
        while self.open.len() > index {
            let Some(name) = self.open.pop() else { break };
            let pos = self.open.len();
            if let Some(v) = self.at.get_mut(&name) {
                v.pop();
            }
            for scope in [&mut self.p_scope, &mut self.li_scope, &mut self.dd_scope] {
                if scope.last() == Some(&pos) {
                    scope.pop();
                }
            }
        }
    }

    /// Close the last open element of `names` if the parser finds it,
    /// searching down to the last element of `scope`.
    pub(super) fn close_in_scope(&mut self, names: &[&str], scope_last: Option<usize>) {
        if let Some(i) = self.last(names)
            && scope_last.is_none_or(|s| i > s)
        {
            self.close_from(i);
        }
    }

    pub(super) fn start(&mut self, name: &str, self_closing: bool, line: usize) {
        if matches!(name, "html" | "head" | "body") {
            return;
        }
        if CLOSES_P.contains(&name) {
            self.close_in_scope(&["p"], self.p_scope.last().copied());
        }
        match name {
            "li" => self.close_in_scope(&["li"], self.li_scope.last().copied()),
            "dd" | "dt" => self.close_in_scope(&["dd", "dt"], self.dd_scope.last().copied()),
            // Outside a table the parser drops these tags.
            "caption" | "col" | "colgroup" | "thead" | "tbody" | "tfoot" | "tr" | "td" | "th"
                if self.last(&["table"]).is_none() =>
            {
                return;
            }
            "td" | "th" => self.close_in_scope(&["td", "th"], self.last(&["table"])),
            "tr" => {
                let table = self.last(&["table"]);
                self.close_in_scope(&["tr"], table);
                self.close_in_scope(&["td", "th"], table);
            }
            "thead" | "tbody" | "tfoot" => {
                let table = self.last(&["table"]);
                self.close_in_scope(&["thead", "tbody", "tfoot"], table);
                self.close_in_scope(&["tr"], table);
                self.close_in_scope(&["td", "th"], table);
            }
            "option" | "optgroup" if self.open.last().is_some_and(|t| t == "option") => {
                self.close_from(self.open.len() - 1);
            }
            _ => {}
        }
        // `<x/>` opens an element in HTML; it is empty only in SVG and MathML.
        let foreign = self.last(&["svg", "math"]).is_some() || matches!(name, "svg" | "math");
        let raw_text = RAW_TEXT.contains(&name);
        if VOID.contains(&name) || raw_text || (self_closing && foreign) {
            return;
        }
        let pos = self.open.len();
        self.open.push(name.to_string());
        self.at.entry(name.to_string()).or_default().push(pos);
        if P_SCOPE.contains(&name) {
            self.p_scope.push(pos);
        }
        if SPECIAL.contains(&name) && name != "li" {
            self.li_scope.push(pos);
        }
        if SPECIAL.contains(&name) && name != "dd" && name != "dt" {
            self.dd_scope.push(pos);
        }
        self.max = self.max.max(self.open.len());
        if self.open.len() > MAX_NESTING && self.too_deep_at.is_none() {
            self.too_deep_at = Some(line);
        }
    }

    pub(super) fn end(&mut self, name: &str) {
        if let Some(i) = self.at.get(name).and_then(|v| v.last().copied()) {
            self.close_from(i);
        }
    }
}
