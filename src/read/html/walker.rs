//! The walk over the parsed tree that turns elements into blocks.

use super::*;

/// What kind of block a container's text makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FrameKind {
    /// A paragraph; `bold_heading`: a heading when all its text is bold.
    Paragraph {
        bold_heading: bool,
    },
    Heading,
    Item {
        depth: usize,
    },
}

/// An open block-level element.
#[derive(Debug)]
pub(super) struct Frame {
    pub(super) kind: FrameKind,
    /// Line of the element's start tag.
    pub(super) line: usize,
    /// Whether a block was already emitted in it (its own text or a child's).
    pub(super) touched: bool,
    /// For an item: the block already emitted for it, to which text after a
    /// nested list is added.
    pub(super) item: Option<usize>,
    /// Inside a footnote: blocks are notes.
    pub(super) note: bool,
}

/// Text gathered since the last block boundary.
#[derive(Debug, Default)]
pub(super) struct Run {
    pub(super) text: String,
    /// Some non-blank text was outside bold markup / inside it.
    pub(super) plain: bool,
    pub(super) bold: bool,
    /// The line where the first non-blank text was seen.
    pub(super) line: Option<usize>,
}

/// What opening a node did, undone when it closes.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Opened {
    pub(super) frame: bool,
    /// A block inside an item or heading: only a space in its text.
    pub(super) transparent: bool,
    pub(super) bold: bool,
    pub(super) list: bool,
    pub(super) section: bool,
}

pub(super) struct Walker {
    pub(super) tags: SourceTags,
    pub(super) blocks: Vec<Block>,
    pub(super) frames: Vec<Frame>,
    pub(super) opened: Vec<Opened>,
    pub(super) run: Run,
    /// Inside dropped chrome: the number of open nodes in it.
    pub(super) skip: usize,
    pub(super) bold: usize,
    pub(super) lists: usize,
    pub(super) sections: usize,
    /// Line of the last start tag found in the source.
    pub(super) last_line: usize,
}

impl Walker {
    pub(super) fn new(tags: SourceTags) -> Self {
        Walker {
            tags,
            blocks: Vec::new(),
            frames: vec![Frame {
                kind: FrameKind::Paragraph {
                    bold_heading: false,
                },
                line: 1,
                touched: false,
                item: None,
                note: false,
            }],
            opened: Vec::new(),
            run: Run::default(),
            skip: 0,
            bold: 0,
            lists: 0,
            sections: 0,
            last_line: 1,
        }
    }

    /// Visit every node in document order without recursion (deeply nested
    /// input must not exhaust the stack).
    pub(super) fn walk(&mut self, html: &Html) {
        let root = html.tree.root();
        let mut node = root;
        'walk: loop {
            self.open(node.value(), ElementRef::wrap(node));
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
            loop {
                self.close();
                if node.id() == root.id() {
                    break 'walk;
                }
                if let Some(next) = node.next_sibling() {
                    node = next;
                    continue 'walk;
                }
                match node.parent() {
                    Some(parent) => node = parent,
                    None => break 'walk,
                }
            }
        }
        self.flush();
    }

    pub(super) fn open(&mut self, node: &Node, el: Option<ElementRef>) {
        if let Some(el) = el
            && let Some(line) = self.tags.sync(el.value().name())
        {
            self.last_line = line;
        }
        if self.skip > 0 {
            self.skip += 1;
            return;
        }
        let mut opened = Opened::default();
        match (node, el) {
            (Node::Text(text), _) => self.add_text(text),
            (Node::Element(_), Some(el)) => {
                if is_chrome(el, self.sections > 0) {
                    self.skip = 1;
                    return;
                }
                opened = self.open_element(el);
            }
            _ => {}
        }
        self.opened.push(opened);
    }

    pub(super) fn open_element(&mut self, el: ElementRef) -> Opened {
        let name = el.value().name();
        let mut opened = Opened::default();
        if name == "br" {
            self.run.text.push(' ');
            return opened;
        }
        if name == "hr" {
            self.flush();
            return opened;
        }
        if is_bold(el) {
            self.bold += 1;
            opened.bold = true;
        }
        if SECTIONING.contains(&name) {
            self.sections += 1;
            opened.section = true;
        }
        let in_text_block = matches!(
            self.frame().kind,
            FrameKind::Item { .. } | FrameKind::Heading
        );
        let kind = if LIST_ELEMENTS.contains(&name) {
            self.lists += 1;
            opened.list = true;
            Some(FrameKind::Paragraph {
                bold_heading: false,
            })
        } else if name == "li" {
            Some(FrameKind::Item {
                depth: self.lists.saturating_sub(1),
            })
        } else if let Some(depth) = word_list_depth(el) {
            Some(FrameKind::Item { depth })
        } else if is_heading_element(el) {
            Some(FrameKind::Heading)
        } else if BLOCK_ELEMENTS.contains(&name) {
            Some(FrameKind::Paragraph {
                bold_heading: matches!(name, "p" | "div"),
            })
        } else {
            None
        };
        let Some(kind) = kind else {
            return opened;
        };
        let is_list_part = opened.list || matches!(kind, FrameKind::Item { .. });
        if in_text_block && !is_list_part {
            // `<li><p>…</p></li>`, `<h2><div>…</div></h2>`: one block.
            self.run.text.push(' ');
            opened.transparent = true;
            return opened;
        }
        self.flush();
        let note = self.frame().note || is_note_container(el);
        if let Some(parent) = self.frames.last_mut() {
            parent.touched = true;
        }
        self.frames.push(Frame {
            kind,
            line: self.last_line,
            touched: false,
            item: None,
            note,
        });
        opened.frame = true;
        opened
    }

    pub(super) fn close(&mut self) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        let Some(opened) = self.opened.pop() else {
            return;
        };
        if opened.transparent {
            self.run.text.push(' ');
        }
        if opened.frame {
            self.flush();
            if self.frames.len() > 1 {
                self.frames.pop();
            }
        }
        if opened.bold {
            self.bold = self.bold.saturating_sub(1);
        }
        if opened.list {
            self.lists = self.lists.saturating_sub(1);
        }
        if opened.section {
            self.sections = self.sections.saturating_sub(1);
        }
    }

    pub(super) fn frame(&self) -> &Frame {
        self.frames.last().expect("the root frame is never popped")
    }

    pub(super) fn add_text(&mut self, text: &str) {
        if text.chars().any(|c| !c.is_whitespace()) {
            if self.bold > 0 {
                self.run.bold = true;
            } else {
                self.run.plain = true;
            }
            if self.run.line.is_none() {
                self.run.line = Some(self.last_line);
            }
        }
        self.run.text.push_str(text);
    }

    /// End the current run: it becomes a block of the innermost frame.
    pub(super) fn flush(&mut self) {
        let mut run = std::mem::take(&mut self.run);
        // NFC already: collapsing makes it so.
        let text = collapse_whitespace_owned(std::mem::take(&mut run.text));
        if text.is_empty() {
            return;
        }
        let previous_line = self.blocks.last().map_or(1, |b| b.line);
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        if let Some(i) = frame.item {
            // Text of an item after its nested list.
            if let Some(block) = self.blocks.get_mut(i) {
                block.text.push(' ');
                block.text.push_str(&text);
                return;
            }
        }
        let kind = match frame.kind {
            _ if frame.note => BlockKind::Note,
            FrameKind::Heading => BlockKind::Heading,
            FrameKind::Item { depth } => BlockKind::ListItem { depth },
            FrameKind::Paragraph { bold_heading } => {
                if bold_heading && run.bold && !run.plain {
                    BlockKind::Heading
                } else {
                    BlockKind::Paragraph
                }
            }
        };
        let line = if frame.touched {
            run.line.unwrap_or(self.last_line)
        } else {
            frame.line
        };
        frame.touched = true;
        if matches!(frame.kind, FrameKind::Item { .. }) {
            frame.item = Some(self.blocks.len());
        }
        self.blocks
            .push(Block::new(kind, text, line.max(previous_line)));
    }
}
