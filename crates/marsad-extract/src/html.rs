//! HTML pages: finds the main content block by DOM scoring and turns the page into lines for the line
//! classifier, each marked with what the DOM says about it (outside the main block, inside a furniture
//! element, link density, heading).
//!
//! The scoring follows readability's idea (paragraph-like blocks give points to their parent and
//! grandparent by length and punctuation; class and id names push up or down; the score is cut by link
//! density; siblings of the winner that look like content join it), with Arabic punctuation counted and
//! Arabic class names (many Arabic sites use English class names, so those matter most) considered.
//! Hand-written on top of scraper/html5ever because the Rust readability ports score 0.87–0.88 on the
//! extraction benchmark and give no per-line decisions to audit.
//!
//! Not done here: deciding furniture inside the main block (the line classifier does that) or metadata
//! (see `meta`, which reads the same parsed document).

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node};

use crate::lines::{Line, Reason};

/// Tags whose content is never text to read.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "iframe", "select", "option",
    "canvas", "object", "embed", "video", "audio", "map", "math", "button", "input", "textarea",
];

/// Tags that are furniture wherever they are.
const FURNITURE_TAGS: &[&str] = &["nav", "aside", "footer", "form", "menu", "dialog"];

/// Class/id fragments that mark furniture.
const NEGATIVE: &[&str] = &[
    "comment",
    "share",
    "social",
    "related",
    "sidebar",
    "footer",
    "menu",
    "nav",
    "breadcrumb",
    "widget",
    "promo",
    "advert",
    "banner",
    "sponsor",
    "newsletter",
    "subscribe",
    "popup",
    "modal",
    "cookie",
    "tags",
    "tag-",
    "taglist",
    "keywords",
    "author-box",
    "byline",
    "caption",
    "credit",
    "masthead",
    "header",
    "toolbar",
    "outbrain",
    "taboola",
    "more-",
    "read-more",
    "readmore",
    "recommend",
    "trending",
    "most-read",
    "mostread",
    "popular",
    "donat",
    "support-us",
    "pagination",
    "pager",
    "print",
    "rating",
    "skip",
    "hidden",
    "meta",
    "date",
    "time",
    "teaser",
    "card",
    "also",
];

/// Class/id fragments that mark the article.
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "main",
    "page",
    "post",
    "text",
    "blog",
    "story",
    "news-details",
    "details",
    "single",
    "prose",
];

/// Block-level tags: each starts a new line.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "figure"
            | "figcaption"
            | "blockquote"
            | "br"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "form"
            | "dd"
            | "dt"
            | "dl"
            | "pre"
            | "address"
            | "time"
            | "label"
            | "body"
            | "hr"
            | "caption"
            | "center"
            | "fieldset"
            | "details"
            | "summary"
    )
}

/// Text statistics of one element and everything under it.
#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    chars: usize,
    link_chars: usize,
}

/// The lines of an HTML page, with the main block chosen.
pub fn page_lines(document: &Html) -> Vec<Line> {
    let root = document.tree.root();
    let mut stats = HashMap::new();
    let body = document
        .root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .map(|e| *e)
        .unwrap_or(root);
    collect_stats(body, false, &mut stats);
    let main = choose_main(body, &stats);
    let mut lines = Vec::new();
    let mut current = Current::default();
    let state = State {
        inside_main: main.contains(&body.id()),
        furniture: None,
        heading: false,
    };
    walk(body, state, false, &main, &mut lines, &mut current);
    current.flush(&mut lines);
    lines
}

fn collect_stats(
    node: NodeRef<'_, Node>,
    in_link: bool,
    stats: &mut HashMap<NodeId, Stats>,
) -> Stats {
    let mut total = Stats::default();
    match node.value() {
        Node::Text(text) => {
            let n = text.chars().filter(|c| !c.is_whitespace()).count();
            total.chars = n;
            if in_link {
                total.link_chars = n;
            }
        }
        Node::Element(element) => {
            let name = element.name();
            if SKIPPED.contains(&name) {
                return total;
            }
            let link = in_link || name == "a";
            for child in node.children() {
                let s = collect_stats(child, link, stats);
                total.chars += s.chars;
                total.link_chars += s.link_chars;
            }
            stats.insert(node.id(), total);
        }
        _ => {
            for child in node.children() {
                let s = collect_stats(child, in_link, stats);
                total.chars += s.chars;
                total.link_chars += s.link_chars;
            }
        }
    }
    total
}

/// An element's id and classes, lower-cased, space-separated: what class-name markers are matched against.
fn class_and_id(element: &scraper::node::Element) -> String {
    let mut names = String::new();
    for name in element.id().into_iter().chain(element.classes()) {
        names.push_str(&name.to_ascii_lowercase());
        names.push(' ');
    }
    names
}

fn class_weight(element: &scraper::node::Element) -> f32 {
    let names = class_and_id(element);
    if names.is_empty() {
        return 0.0;
    }
    let mut weight = 0.0;
    if NEGATIVE.iter().any(|n| names.contains(n)) {
        weight -= 25.0;
    }
    if POSITIVE.iter().any(|p| names.contains(p)) {
        weight += 25.0;
    }
    weight
}

/// Whether an element's class or id marks it as furniture, and which kind.
fn furniture_kind(element: &scraper::node::Element) -> Option<Reason> {
    let name = element.name();
    if FURNITURE_TAGS.contains(&name) {
        return Some(match name {
            "nav" | "menu" => Reason::Navigation,
            _ => Reason::Furniture,
        });
    }
    if name == "figcaption" || name == "figure" {
        return Some(Reason::Caption);
    }
    let names = class_and_id(element);
    if names.is_empty() {
        return None;
    }
    // Strong markers only: a class naming the article ("article-content") wins over a weak negative.
    const STRONG: &[(&str, Reason)] = &[
        ("comment", Reason::Furniture),
        ("share", Reason::Furniture),
        ("social", Reason::Furniture),
        ("related", Reason::Related),
        ("read-also", Reason::Related),
        ("readalso", Reason::Related),
        ("more-news", Reason::Related),
        ("sidebar", Reason::Furniture),
        ("breadcrumb", Reason::Navigation),
        ("newsletter", Reason::Furniture),
        ("subscribe", Reason::Furniture),
        ("advert", Reason::Furniture),
        ("donat", Reason::Furniture),
        ("caption", Reason::Caption),
        ("credit", Reason::Caption),
        ("taboola", Reason::Related),
        ("outbrain", Reason::Related),
        ("tags", Reason::Furniture),
        ("cookie", Reason::Furniture),
        ("popup", Reason::Furniture),
        ("footer", Reason::Furniture),
        ("author", Reason::Byline),
        ("byline", Reason::Byline),
    ];
    if POSITIVE.iter().any(|p| names.contains(p)) && !names.contains("comment") {
        return None;
    }
    STRONG
        .iter()
        .find(|(marker, _)| names.contains(marker))
        .map(|(_, reason)| *reason)
}

fn tag_weight(name: &str) -> f32 {
    match name {
        "article" => 10.0,
        "main" | "section" => 5.0,
        "div" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// The main content: the best-scoring container and its content-like siblings, as a set of node ids
/// (the nodes and everything under them are main).
fn choose_main(
    body: NodeRef<'_, Node>,
    stats: &HashMap<NodeId, Stats>,
) -> std::collections::HashSet<NodeId> {
    let mut scores: HashMap<NodeId, f32> = HashMap::new();
    // Wrappers of the headline hold the article, whatever their class says ("post has-author-box").
    let mut headline_ancestors = std::collections::HashSet::new();
    for node in body.descendants() {
        if ElementRef::wrap(node).is_some_and(|e| e.value().name() == "h1") {
            headline_ancestors
                .extend(std::iter::successors(Some(node), |n| n.parent()).map(|n| n.id()));
        }
    }
    for node in body.descendants() {
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        let name = element.value().name();
        let paragraph_like = matches!(name, "p" | "pre" | "td" | "blockquote")
            || name == "div"
                && !node.children().any(|c| {
                    ElementRef::wrap(c)
                        .is_some_and(|e| is_block(e.value().name()) && e.value().name() != "br")
                });
        if !paragraph_like {
            continue;
        }
        let text: String = element.text().collect();
        let len = text.chars().filter(|c| !c.is_whitespace()).count();
        if len < 25 {
            continue;
        }
        // Paragraphs of comments, related teasers or sidebars must not lift their container: a long comment
        // thread would otherwise outscore the article.
        let in_furniture = std::iter::successors(Some(node), |n| n.parent())
            .filter(|n| !headline_ancestors.contains(&n.id()))
            .filter_map(ElementRef::wrap)
            .any(|e| furniture_kind(e.value()).is_some());
        if in_furniture {
            continue;
        }
        let commas = text
            .chars()
            .filter(|c| matches!(c, ',' | '،' | '.' | '؛'))
            .count();
        let score = 1.0 + commas.min(30) as f32 + (len as f32 / 100.0).min(3.0);
        let mut ancestor = node.parent();
        let mut level = 0;
        while let Some(a) = ancestor {
            if level >= 3 {
                break;
            }
            if let Some(e) = ElementRef::wrap(a) {
                let entry = scores
                    .entry(a.id())
                    .or_insert_with(|| tag_weight(e.value().name()) + class_weight(e.value()));
                *entry += score / [1.0, 2.0, 3.0][level];
            }
            ancestor = a.parent();
            level += 1;
        }
    }
    let link_density = |id: NodeId| {
        stats
            .get(&id)
            .map(|s| s.link_chars as f32 / s.chars.max(1) as f32)
            .unwrap_or(0.0)
    };
    let best = scores
        .iter()
        .map(|(id, s)| (*id, s * (1.0 - link_density(*id))))
        // Equal scores go to the earlier node, so the choice never depends on hash-map order.
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
    let mut main = std::collections::HashSet::new();
    let Some((top, top_score)) = best else {
        main.insert(body.id());
        return main;
    };
    main.insert(top);
    let Some(top_node) = body.tree().get(top) else {
        return main;
    };
    if let Some(parent) = top_node.parent() {
        let threshold = (top_score * 0.2).max(10.0);
        for sibling in parent.children() {
            if sibling.id() == top {
                continue;
            }
            let Some(e) = ElementRef::wrap(sibling) else {
                continue;
            };
            let score = scores.get(&sibling.id()).copied().unwrap_or(0.0)
                * (1.0 - link_density(sibling.id()));
            let text: String = e.text().collect();
            let len = text.chars().filter(|c| !c.is_whitespace()).count();
            let ld = link_density(sibling.id());
            let content_like = score >= threshold
                || e.value().name() == "p"
                    && (len > 80 && ld < 0.25
                        || len > 0 && ld == 0.0 && text.trim_end().ends_with(['.', '؟', '!']));
            if content_like && furniture_kind(e.value()).is_none() {
                main.insert(sibling.id());
            }
        }
    }
    main
}

#[derive(Debug, Clone, Copy)]
struct State {
    inside_main: bool,
    furniture: Option<Reason>,
    heading: bool,
}

#[derive(Debug, Default)]
struct Current {
    text: String,
    link_chars: usize,
    chars: usize,
    state: Option<State>,
}

impl Current {
    fn flush(&mut self, lines: &mut Vec<Line>) {
        let text = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            let state = self.state.unwrap_or(State {
                inside_main: false,
                furniture: None,
                heading: false,
            });
            let removed = if !state.inside_main {
                Some(Reason::OutsideMain)
            } else {
                state.furniture
            };
            lines.push(Line {
                text,
                link_density: self.link_chars as f32 / self.chars.max(1) as f32,
                heading: state.heading,
                removed,
            });
        }
        self.text.clear();
        self.link_chars = 0;
        self.chars = 0;
        self.state = None;
    }

    fn push(&mut self, text: &str, state: State, in_link: bool) {
        let n = text.chars().filter(|c| !c.is_whitespace()).count();
        if n == 0 {
            if !self.text.is_empty() {
                self.text.push(' ');
            }
            return;
        }
        self.chars += n;
        if in_link {
            self.link_chars += n;
        }
        self.text.push_str(text);
        // A line takes the state of its first text.
        if self.state.is_none() {
            self.state = Some(state);
        }
    }
}

fn walk(
    node: NodeRef<'_, Node>,
    mut state: State,
    in_link: bool,
    main: &std::collections::HashSet<NodeId>,
    lines: &mut Vec<Line>,
    current: &mut Current,
) {
    match node.value() {
        Node::Text(text) => current.push(text, state, in_link),
        Node::Element(element) => {
            let name = element.name();
            if SKIPPED.contains(&name) {
                return;
            }
            if main.contains(&node.id()) {
                // The main block was chosen over its ancestors' classes: what wraps it says nothing.
                state.inside_main = true;
                state.furniture = None;
            } else if state.furniture.is_none() {
                state.furniture = furniture_kind(element);
            }
            if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                state.heading = true;
            }
            let block = is_block(name);
            if block {
                current.flush(lines);
            }
            let link = in_link || name == "a";
            for child in node.children() {
                walk(child, state, link, main, lines, current);
            }
            if block {
                current.flush(lines);
            }
        }
        _ => {
            for child in node.children() {
                walk(child, state, in_link, main, lines, current);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_block_wins_over_navigation_and_related_links() {
        let html = r##"<html><body>
<nav><a href="/">الرئيسية</a> <a href="/a">سياسة</a></nav>
<div class="sidebar"><ul><li><a href="/x">خبر آخر عن موضوع مختلف تماما في مدينة بعيدة</a></li></ul></div>
<div class="article-body">
<h1>افتتاح جسر جديد</h1>
<p>افتتح رئيس البلدية صباح اليوم الجسر الجديد فوق نهر المدينة، بحضور عدد من المسؤولين والسكان.</p>
<figure><img src="x.jpg"><figcaption>جانب من حفل الافتتاح (صورة: المدينة)</figcaption></figure>
<p>وقال رئيس البلدية إن الجسر سيخفف الازدحام في وسط المدينة، ويختصر زمن الرحلة إلى النصف.</p>
<div class="share-bar"><a href="#">فيسبوك</a> <a href="#">تويتر</a></div>
</div>
<footer>جميع الحقوق محفوظة</footer>
</body></html>"##;
        let document = Html::parse_document(html);
        let lines = page_lines(&document);
        let kept: Vec<&str> = lines
            .iter()
            .filter(|l| l.removed.is_none())
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(kept.len(), 3, "{lines:#?}");
        assert!(kept[1].starts_with("افتتح رئيس البلدية"));
        let caption = lines
            .iter()
            .find(|l| l.text.contains("جانب من"))
            .map(|l| l.removed);
        assert_eq!(caption, Some(Some(Reason::Caption)));
        let nav = lines
            .iter()
            .find(|l| l.text.contains("الرئيسية"))
            .map(|l| l.removed);
        assert_eq!(nav, Some(Some(Reason::OutsideMain)));
    }
}
