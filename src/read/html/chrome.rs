//! What an element is to the walker: page chrome, a block, a list, a
//! heading, a footnote; told by its name, attributes and style.

use super::*;

/// Elements whose text is never content.
pub(super) const CHROME_ELEMENTS: &[&str] = &[
    "head", "title", "script", "style", "noscript", "template", "svg", "math", "nav", "iframe",
    "button", "select", "textarea", "object", "embed", "canvas", "audio", "video", "map", "dialog",
];

/// Elements that start a block of their own.
pub(super) const BLOCK_ELEMENTS: &[&str] = &[
    "html",
    "body",
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "legend",
    "main",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
];

pub(super) const LIST_ELEMENTS: &[&str] = &["ul", "ol", "menu", "dir"];

/// Elements inside which a `header` or `footer` is part of the content
/// (an article's header holds its title), not the site's banner.
pub(super) const SECTIONING: &[&str] = &["article", "main", "section"];

/// Whether an element is page chrome, to be dropped with everything in it.
/// `in_section`: the element is inside an `article`, `main` or `section`.
pub(super) fn is_chrome(el: ElementRef, in_section: bool) -> bool {
    let e = el.value();
    let name = e.name();
    if CHROME_ELEMENTS.contains(&name) || e.attr("hidden").is_some() {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let style = compact_style(style);
        if style.contains("display:none")
            || style.contains("mso-hide:all")
            // Word's bullet glyphs and footnote reference marks.
            || style.contains("mso-list:ignore")
            || style.contains("mso-footnote-id:")
            || style.contains("mso-endnote-id:")
            // Reviewers' comments and their anchors.
            || style.contains("mso-element:comment")
            || style.contains("mso-comment-reference:")
        {
            return true;
        }
    }
    let role = e.attr("role").map(str::to_ascii_lowercase);
    let role = role.as_deref().unwrap_or("");
    if matches!(role, "navigation" | "search" | "menubar" | "doc-noteref") {
        return true;
    }
    if is_list_label(el) || is_footnote_reference(el) {
        return true;
    }
    let classes = e.attr("class").map(str::to_ascii_lowercase);
    let classes = classes.as_deref().unwrap_or("");
    let screen_reader_only = classes.split_ascii_whitespace().any(|c| {
        matches!(
            c,
            "visually-hidden"
                | "sr-only"
                | "element-invisible"
                | "screen-reader-text"
                | "msocomanchor"
                | "msocommentreference"
        )
    });
    if screen_reader_only {
        return true;
    }
    // The rules below can match a wrapper by accident (a `body` class set
    // by a cookie script, `aria-hidden` on the page while a dialog is
    // open, an ASP.NET `form` around everything): they never drop the
    // page itself.
    if matches!(name, "html" | "body") {
        return false;
    }
    let id = e.attr("id").map(str::to_ascii_lowercase);
    let id = id.as_deref().unwrap_or("");
    let landmark = matches!(name, "header" | "footer") || matches!(role, "banner" | "contentinfo");
    let aria_hidden = e
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    let named_chrome = ["cookie", "sliding-popup", "breadcrumb", "language-switcher"]
        .iter()
        .any(|w| classes.contains(w))
        || id.contains("cookie")
        || id.contains("sliding-popup");
    let maybe_chrome = (landmark && !in_section) || name == "form" || aria_hidden || named_chrome;
    maybe_chrome && !holds_page_content(el)
}

/// A list label that a word processor wrote into the text: LibreOffice's
/// `ListLabel` spans and the floated glyph or number of its XHTML export
/// (`<span style="float:left">•</span>`).
pub(super) fn is_list_label(el: ElementRef) -> bool {
    let e = el.value();
    if e.name() != "span" {
        return false;
    }
    let labelled = e.attr("class").is_some_and(|c| {
        c.split_ascii_whitespace()
            .any(|c| c.starts_with("ListLabel"))
    });
    let floated = e
        .attr("style")
        .is_some_and(|s| compact_style(s).contains("float:left"));
    labelled || (floated && el.text().collect::<String>().trim().chars().count() <= 4)
}

/// A footnote's reference mark in the running text: a link to a note in
/// the page whose text is its number (LibreOffice's `sdfootnoteanc`, its
/// XHTML `#ftn3`, pandoc's `#fn3`).
pub(super) fn is_footnote_reference(el: ElementRef) -> bool {
    let e = el.value();
    if e.name() != "a" {
        return false;
    }
    let classes = e.attr("class").unwrap_or("");
    if classes.contains("sdfootnoteanc") || classes.contains("sdendnoteanc") {
        return true;
    }
    let href = e.attr("href").unwrap_or("");
    let text: String = el.text().collect();
    let text = text.trim();
    href.starts_with('#')
        && !text.is_empty()
        && text.len() <= 3
        && text.chars().all(|c| c.is_ascii_digit())
        && [
            "#ftn",
            "#_ftn",
            "#fn",
            "#sdfootnote",
            "#sdendnote",
            "#edn",
            "#_edn",
        ]
        .iter()
        .any(|p| href.starts_with(p))
}

/// Whether an element contains the page itself: a top-level heading or
/// the main content.
pub(super) fn holds_page_content(el: ElementRef) -> bool {
    el.descendants().any(|n| {
        n.value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "h1" | "main" | "article"))
    })
}

/// A `style` attribute lowercased, without whitespace.
pub(super) fn compact_style(style: &str) -> String {
    style
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Text that belongs to a footnote, not to the running text.
pub(super) fn is_note_container(el: ElementRef) -> bool {
    let e = el.value();
    let style_note = e.attr("style").is_some_and(|s| {
        let s = compact_style(s);
        s.contains("mso-element:footnote") || s.contains("mso-element:endnote")
    });
    let role_note = e.attr("role").is_some_and(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "doc-footnote" | "doc-endnote" | "doc-endnotes"
        )
    });
    // LibreOffice: `<div id="sdfootnote3">` (HTML), `<p class="Footnote">` (XHTML).
    let id_note = e.attr("id").is_some_and(|id| {
        (id.starts_with("sdfootnote") || id.starts_with("sdendnote"))
            && !id.ends_with("anc")
            && !id.ends_with("sym")
    });
    let class_note = e.attr("class").is_some_and(|c| {
        c.split_ascii_whitespace()
            .any(|c| c.eq_ignore_ascii_case("footnote") || c.starts_with("sdfootnote"))
    });
    style_note || role_note || id_note || class_note
}

/// Word's list paragraph: the depth of the item (`level1` is depth 0).
pub(super) fn word_list_depth(el: ElementRef) -> Option<usize> {
    let e = el.value();
    if e.name() != "p" {
        return None;
    }
    let list_class = e.classes().any(|c| {
        let c = c.to_ascii_lowercase();
        ["msolistparagraph", "msolistbullet", "msolistnumber"]
            .iter()
            .any(|p| c.starts_with(p))
    });
    let style = e.attr("style").map(compact_style).unwrap_or_default();
    let list_style = style
        .split(';')
        .filter_map(|decl| decl.strip_prefix("mso-list:"))
        .find(|v| *v != "none" && *v != "ignore" && *v != "skip");
    if !list_class && list_style.is_none() {
        return None;
    }
    let level = list_style
        .and_then(|v| MSO_LIST_LEVEL.captures(v))
        .and_then(|c| c[1].parse::<usize>().ok())
        .unwrap_or(1);
    Some(level.saturating_sub(1))
}

/// Whether an element marks its block as a heading by name or class.
pub(super) fn is_heading_element(el: ElementRef) -> bool {
    let e = el.value();
    if matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
        return true;
    }
    e.classes().any(|c| {
        let c = c.to_ascii_lowercase();
        c == "field--label"
            || c == "field__label"
            || (e.name() == "p" && (c.starts_with("msotitle") || c.starts_with("msosubtitle")))
    })
}

/// Inline elements that make their text bold.
pub(super) fn is_bold(el: ElementRef) -> bool {
    let e = el.value();
    if matches!(e.name(), "b" | "strong") {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s = compact_style(s);
        [
            "font-weight:bold",
            "font-weight:600",
            "font-weight:700",
            "font-weight:800",
            "font-weight:900",
        ]
        .iter()
        .any(|w| s.contains(w))
    })
}
