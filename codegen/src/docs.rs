//! Model documentation (Smithy's HTML flavour) to rustdoc Markdown.
//!
//! The models use a small HTML subset: `p`, `code`, `a`, `ul`/`ol`/`li`, `b`/`i`,
//! `strong`/`em`, `br`, `pre`, `dl`/`dt`/`dd`, and AWS's own `note`/`important`
//! blocks. A hand-written converter of that subset keeps the generator, which is a
//! build-dependency of every user, free of an HTML parser stack. Output is
//! deterministic, wrapped at [`WIDTH`] columns, and safe for rustdoc: no indented
//! lines (which would become doctests), brackets and angle brackets escaped (no
//! accidental intra-doc links or HTML), bare URLs in `<...>`, `pre` blocks fenced
//! as `text`.

/// The column at which paragraphs are wrapped.
pub const WIDTH: usize = 88;

/// Converts model HTML documentation to Markdown lines (no `///` prefix).
pub fn to_markdown(html: &str) -> Vec<String> {
    let mut md = Converter::default();
    md.run(html);
    md.finish()
}

#[derive(Default)]
struct Converter {
    /// Finished blocks (paragraphs, list items, fences), each a Markdown string.
    blocks: Vec<Block>,
    /// Inline text of the block being built.
    current: String,
    /// Nesting of lists: `None` for bullets, `Some(n)` for the next ordered number.
    lists: Vec<Option<usize>>,
    /// Prefix of the current block (`- `, `1. `, `**Note:** `).
    prefix: String,
    /// The href of an open `<a>`, with the text position where it started.
    link: Option<(String, usize)>,
    /// Inside `<code>` (no escaping, backticks around).
    code: bool,
    /// Inside `<pre>` (kept verbatim).
    pre: Option<String>,
    /// Open emphasis (`**` for `b`/`strong`, `*` for `i`/`em`) and where its
    /// marker starts in `current`.
    emphasis: Vec<(&'static str, usize)>,
}

enum Block {
    Text {
        indent: usize,
        prefix: String,
        text: String,
    },
    Fence(String),
}

impl Converter {
    fn run(&mut self, html: &str) {
        let mut rest = html;
        while let Some(start) = rest.find('<') {
            self.text(&rest[..start]);
            let after = &rest[start..];
            match after.find('>') {
                Some(end) if looks_like_tag(&after[1..end]) => {
                    self.tag(&after[1..end]);
                    rest = &after[end + 1..];
                }
                _ => {
                    self.text("<");
                    rest = &after[1..];
                }
            }
        }
        self.text(rest);
    }

    fn finish(mut self) -> Vec<String> {
        self.flush();
        let mut lines = Vec::new();
        for block in self.blocks {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            match block {
                Block::Fence(body) => {
                    lines.push("```text".to_owned());
                    lines.extend(body.trim_matches('\n').lines().map(str::to_owned));
                    lines.push("```".to_owned());
                }
                Block::Text {
                    indent,
                    prefix,
                    text,
                } => {
                    wrap(&mut lines, indent, &prefix, &text);
                }
            }
        }
        lines
    }

    fn text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        if let Some(pre) = &mut self.pre {
            pre.push_str(&decoded);
            return;
        }
        for c in decoded.chars() {
            if c.is_whitespace() {
                if !self.current.is_empty() && !self.current.ends_with(' ') {
                    self.current.push(' ');
                }
            } else if self.code {
                self.current.push(if c == '`' { '\'' } else { c });
            } else {
                match c {
                    '[' | ']' | '*' | '`' | '\\' | '<' | '>' | '_' | '#' | '|' => {
                        self.current.push('\\');
                        self.current.push(c);
                    }
                    _ => self.current.push(c),
                }
            }
        }
    }

    fn tag(&mut self, raw: &str) {
        let closing = raw.starts_with('/');
        let body = raw.trim_start_matches('/').trim_end_matches('/');
        let name = body
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("p" | "div" | "dl" | "dd", _) => self.flush(),
            ("dt", false) => self.flush(),
            ("dt", true) => {
                self.drop_open_emphasis();
                self.current = format!("**{}**", self.current.trim());
                self.flush();
            }
            ("note" | "important", false) => {
                self.flush();
                let label = if name == "note" { "Note" } else { "Important" };
                self.prefix = format!("**{label}:** ");
            }
            ("note" | "important", true) => self.flush(),
            ("ul", false) => {
                self.flush();
                self.lists.push(None);
            }
            ("ol", false) => {
                self.flush();
                self.lists.push(Some(1));
            }
            ("ul" | "ol", true) => {
                self.flush();
                self.lists.pop();
            }
            ("li", false) => {
                self.flush();
                self.prefix = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_owned(),
                };
            }
            ("li", true) => self.flush(),
            ("br", _) => self.flush(),
            ("code", false) if self.pre.is_none() => {
                self.current.push('`');
                self.code = true;
            }
            ("code", true) if self.pre.is_none() => {
                if self.current.ends_with(' ') {
                    self.current.pop();
                }
                if self.current.ends_with('`') {
                    // An empty code span; drop it rather than print "``".
                    self.current.pop();
                } else {
                    self.current.push('`');
                }
                self.code = false;
            }
            ("pre", false) => {
                self.flush();
                self.pre = Some(String::new());
            }
            ("pre", true) => {
                if let Some(body) = self.pre.take() {
                    self.blocks.push(Block::Fence(body));
                }
            }
            ("b" | "strong", false) if !self.code => self.open_emphasis("**"),
            ("i" | "em", false) if !self.code => self.open_emphasis("*"),
            ("b" | "strong", true) if !self.code => self.close_emphasis("**"),
            ("i" | "em", true) if !self.code => self.close_emphasis("*"),
            ("a", false) => {
                let href = attribute(body, "href").unwrap_or_default();
                self.link = Some((href, self.current.len()));
                if !href_is_empty(self.link.as_ref()) {
                    self.current.push('[');
                }
            }
            ("a", true) => {
                if let Some((href, _)) = self.link.take()
                    && !href.is_empty()
                {
                    self.current.push_str(&format!("]({href})"));
                }
            }
            // Other known tags (`fullname`, `span`, headings) keep their text only.
            _ => {}
        }
    }

    fn open_emphasis(&mut self, marker: &'static str) {
        self.emphasis.push((marker, self.current.len()));
        self.current.push_str(marker);
    }

    /// Closes the innermost emphasis with `marker` so that it renders as
    /// emphasis: whitespace moves outside the markers (`* x *` is not emphasis
    /// in Markdown, just two stray asterisks), and empty emphasis disappears.
    fn close_emphasis(&mut self, marker: &'static str) {
        let Some(at) = self.emphasis.iter().rposition(|(m, _)| *m == marker) else {
            return;
        };
        // Inner emphasis left open (mismatched tags) is dropped first.
        for (inner, start) in self.emphasis.drain(at + 1..).rev() {
            self.current.replace_range(start..start + inner.len(), "");
        }
        let Some((_, start)) = self.emphasis.pop() else {
            return;
        };
        let inner = self.current[start + marker.len()..].to_owned();
        self.current.truncate(start);
        let trimmed = inner.trim();
        if trimmed.is_empty() {
            if !inner.is_empty() && !self.current.ends_with(' ') {
                self.current.push(' ');
            }
            return;
        }
        if inner.starts_with(' ') && !self.current.ends_with(' ') {
            self.current.push(' ');
        }
        self.current.push_str(marker);
        self.current.push_str(trimmed);
        self.current.push_str(marker);
        if inner.ends_with(' ') {
            self.current.push(' ');
        }
    }

    /// Emphasis still open at the end of a block would print stray markers.
    fn drop_open_emphasis(&mut self) {
        for (marker, start) in std::mem::take(&mut self.emphasis).into_iter().rev() {
            self.current.replace_range(start..start + marker.len(), "");
        }
    }

    fn flush(&mut self) {
        self.drop_open_emphasis();
        let text = self.current.trim().to_owned();
        self.current.clear();
        self.code = false;
        if text.is_empty() {
            // An empty block (`<li><p>`) keeps its prefix for the text that follows.
            return;
        }
        let prefix = std::mem::take(&mut self.prefix);
        // Only list items are indented (by nesting), and never by four columns
        // or more: a block starting that far in would be a code block, and so a
        // doctest. Deeper lists flatten to the second level.
        let indent = if prefix.is_empty() || prefix.starts_with("**") {
            0
        } else {
            (self.lists.len().saturating_sub(1) * 2).min(2)
        };
        self.blocks.push(Block::Text {
            indent,
            prefix,
            text: autolink(&text),
        });
    }
}

fn href_is_empty(link: Option<&(String, usize)>) -> bool {
    link.is_none_or(|(href, _)| href.is_empty())
}

/// HTML tags the models use; anything else in angle brackets (`<AwsRegion>`,
/// `<ImageLabel>`) is a placeholder and stays as text.
const KNOWN_TAGS: &[&str] = &[
    "p",
    "div",
    "span",
    "code",
    "a",
    "ul",
    "ol",
    "li",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "br",
    "pre",
    "dl",
    "dt",
    "dd",
    "note",
    "important",
    "fullname",
    "sup",
    "sub",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

fn looks_like_tag(inner: &str) -> bool {
    let name = inner
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    !inner.contains('<') && KNOWN_TAGS.contains(&name.as_str())
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let quote = rest.chars().next()?;
    let value = if quote == '"' || quote == '\'' {
        rest[1..].split(quote).next()?
    } else {
        rest.split_whitespace().next()?
    };
    Some(decode_entities(value.trim()))
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Wraps bare URLs in `<...>` so rustdoc links them instead of warning,
/// wherever they start in a word (`"https://..."`, `*https://...*`): the URL
/// runs to the end of the word, without trailing punctuation.
fn autolink(text: &str) -> String {
    if !text.contains("://") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut words = text.split(' ').peekable();
    while let Some(word) = words.next() {
        let start = word.find("https://").or_else(|| word.find("http://"));
        match start {
            // Not inside a link this converter made (`[text](url)`), nor one
            // already in angle brackets.
            Some(at) if !word.contains("](") && !word[..at].ends_with('<') => {
                let (before, rest) = word.split_at(at);
                let url = rest.trim_end_matches(['.', ',', ')', ';', ':', '"', '\'', '*', '\\']);
                out.push_str(before);
                out.push('<');
                out.push_str(&url.replace('\\', ""));
                out.push('>');
                out.push_str(&rest[url.len()..]);
            }
            _ => out.push_str(word),
        }
        if words.peek().is_some() {
            out.push(' ');
        }
    }
    out
}

/// A paragraph the generator writes itself (Markdown, one line), wrapped at
/// [`WIDTH`] columns like the model's documentation.
pub fn paragraph(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    wrap(&mut lines, 0, "", text);
    lines
}

fn wrap(lines: &mut Vec<String>, indent: usize, prefix: &str, text: &str) {
    let first = format!("{}{prefix}", " ".repeat(indent));
    let rest_indent = " ".repeat(if prefix.starts_with("**") {
        0
    } else {
        indent + prefix.len()
    });
    let mut line = first.clone();
    let mut line_has_word = false;
    for word in text.split(' ') {
        if line_has_word && line.len() + 1 + word.len() > WIDTH {
            lines.push(std::mem::replace(&mut line, rest_indent.clone()));
            line_has_word = false;
        }
        if line_has_word {
            line.push(' ');
            line.push_str(word);
        } else if starts_block(word) {
            // At the start of a line this word would begin a list, a heading
            // underline or a rule; escaped, it reads as the text it is.
            let (body, last) = word.split_at(word.len() - 1);
            if body.bytes().all(|b| b.is_ascii_digit()) && !body.is_empty() {
                line.push_str(&format!("{body}\\{last}"));
            } else {
                line.push('\\');
                line.push_str(word);
            }
        } else {
            line.push_str(word);
        }
        line_has_word = true;
    }
    if line_has_word {
        lines.push(line);
    }
}

/// Whether a word at the start of a line is Markdown block syntax: a bullet
/// (`-`, `+`, `*`), an ordered-list marker (`1.`, `2)`), or a rule or setext
/// underline (`---`, `===`).
fn starts_block(word: &str) -> bool {
    let ordered = word.len() > 1
        && word.len() <= 10
        && word.ends_with(['.', ')'])
        && word[..word.len() - 1].bytes().all(|b| b.is_ascii_digit());
    let rule = |c: char| !word.is_empty() && word.chars().all(|w| w == c);
    matches!(word, "-" | "+" | "*") || ordered || rule('-') || rule('=') || rule('_')
}

/// `text` as inline code, fenced with two backticks when it holds one
/// (``` `` length(a) > `2` `` ```).
pub fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    fn md(html: &str) -> String {
        to_markdown(html).join("\n")
    }

    #[test]
    fn urls_are_linked_wherever_they_start_in_a_word() {
        assert_eq!(
            md(
                "<p>for example, <i>https://server.example.com:port/</i>. Or \"https://x.test/a.html\", see <a href=\"https://y.test\">https://y.test</a></p>"
            ),
            "for example, *<https://server.example.com:port/>*. Or \"<https://x.test/a.html>\", see\n[https://y.test](https://y.test)"
        );
    }

    #[test]
    fn paragraphs_code_and_whitespace() {
        assert_eq!(
            md("<p>Use the <code>GetDistributions</code>\n   action.</p>\n <p>Second.</p>"),
            "Use the `GetDistributions` action.\n\nSecond."
        );
    }

    #[test]
    fn lists_links_and_emphasis() {
        assert_eq!(
            md(
                "<ul><li><p><b>allow</b> - lets <a href=\"https://x.test/a\">it</a></p></li><li>b</li></ul>"
            ),
            "- **allow** - lets [it](https://x.test/a)\n\n- b"
        );
        assert_eq!(md("<ol><li>one</li><li>two</li></ol>"), "1. one\n\n2. two");
    }

    #[test]
    fn notes_entities_and_escapes() {
        assert_eq!(
            md("<note><p>a &lt;b&gt; [c] *d*</p></note>"),
            "**Note:** a \\<b\\> \\[c\\] \\*d\\*"
        );
    }

    #[test]
    fn bare_urls_pre_and_placeholders() {
        assert_eq!(
            md("<p>See https://example.com/x.</p>"),
            "See <https://example.com/x>."
        );
        assert_eq!(md("<pre>  a\n  b</pre>"), "```text\n  a\n  b\n```");
        assert_eq!(md("<p>arn:<AwsRegion>:x</p>"), "arn:\\<AwsRegion\\>:x");
    }

    #[test]
    fn never_panics_on_odd_html() {
        let pieces = [
            "<p>",
            "</p>",
            "<a href=\"",
            "\">",
            "</a>",
            "<code>",
            "</code>",
            "<ul>",
            "<li>",
            "</ul>",
            "<pre>",
            "</pre>",
            "<note>",
            "<",
            ">",
            "&",
            "&lt;",
            ";",
            "é",
            "日本",
            "'",
            "\"",
            " ",
            "\n",
            "word",
            "https://x.test/é",
            "`",
            "[",
            "]",
            "<a href='é",
            "<br/>",
            "</li>",
            "<dt>",
            "</dt>",
        ];
        let mut seed: u64 = 7;
        for _ in 0..3000 {
            let mut html = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                html.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            // A block (its first line) must not start four columns in; wrapped
            // lines inside a paragraph may.
            let lines = to_markdown(&html);
            let mut block_start = true;
            for line in &lines {
                if block_start && !line.starts_with("```") {
                    assert!(!line.starts_with("    "), "{html:?} -> {line:?}");
                }
                block_start = line.is_empty();
            }
        }
    }

    #[test]
    fn emphasis_never_leaves_stray_markers() {
        assert_eq!(
            md("<p><i> <b>Preview.</b> </i>Rest</p>"),
            "***Preview.*** Rest"
        );
        assert_eq!(md("<p>a <i>b </i>c</p>"), "a *b* c");
        assert_eq!(md("<p>a <b> </b>c</p>"), "a c");
        assert_eq!(
            md("<p>see <a href=\"https://x.test\"><i>the guide</i></a></p>"),
            "see [*the guide*](https://x.test)"
        );
        assert_eq!(
            md("<p><b>open <i>never closed</b> x</p>"),
            "**open never closed** x"
        );
        assert_eq!(md("<p><i>unclosed</p><p>next</p>"), "unclosed\n\nnext");
    }

    #[test]
    fn no_line_starts_with_block_syntax_it_did_not_mean() {
        // A paragraph that starts like an ordered list item, and wrapped text
        // that would put `-` or `2.` at the start of a line.
        assert_eq!(
            md("<p>2. ORGANIZATION - a share</p>"),
            "2\\. ORGANIZATION - a share"
        );
        let long = format!(
            "<ul><li>{} words - tail</li></ul>",
            "word ".repeat(16).trim()
        );
        let lines = to_markdown(&long);
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines[1..] {
            let first = line.trim_start().split(' ').next().unwrap_or_default();
            assert!(!super::starts_block(first), "{lines:?}");
        }
        for word in ["-", "+", "*", "1.", "12)", "---", "==="] {
            assert!(super::starts_block(word), "{word}");
        }
        for word in ["-x", "1.5", "a.", "**", "1"] {
            assert!(!super::starts_block(word), "{word}");
        }
    }

    #[test]
    fn wraps_long_paragraphs_without_indenting() {
        let words = "word ".repeat(60);
        for line in to_markdown(&format!("<p>{words}</p>")) {
            assert!(line.len() <= super::WIDTH);
            assert!(!line.starts_with(' '));
        }
    }
}
