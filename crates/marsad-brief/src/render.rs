//! A brief as Markdown (for the terminal and for pasting) and as a standalone HTML page. Pure functions:
//! the caller gives the brief and what it knows about each cited document.
//!
//! Right-to-left safety: Markdown lines start with Arabic text, so a bidi-aware terminal or viewer sets
//! them right to left; citation markers, ids, dates and numbers are wrapped in Unicode first-strong
//! isolates (U+2068 … U+2069) so that brackets and digits do not reorder the Arabic around them. The HTML
//! page is `dir="rtl" lang="ar"` with ids and dates in `<bdi>`.
//!
//! Every sentence shown carries its citations as numbers into the brief's source list, which names each
//! document's outlet, title, date and id.

use std::collections::HashMap;
use std::fmt::Write;

use marsad_model::{Brief, DatePrecision, Document, DocumentId, TimelineEntry};

/// What the renderer shows for a cited document.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    /// Where the document came from (path or URL).
    pub location: String,
}

/// Document id → what to show for it.
pub type Sources = HashMap<DocumentId, Source>;

/// What to show for each document: its outlet, title and date, and where it came from as `location`
/// gives it (a URL, a path relative to a corpus).
pub fn sources<'a>(
    documents: impl IntoIterator<Item = &'a Document>,
    location: impl Fn(&Document) -> String,
) -> Sources {
    documents
        .into_iter()
        .map(|d| {
            (
                d.id.clone(),
                Source {
                    outlet: d.outlet.clone(),
                    title: d.title.clone(),
                    published: d.published.map(|p| p.to_string()),
                    location: location(d),
                },
            )
        })
        .collect()
}

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

fn isolate(s: &str) -> String {
    format!("{FSI}{s}{PDI}")
}

/// Numbers each document in first-cited order, so citations are short.
struct Numbering {
    order: Vec<DocumentId>,
}

impl Numbering {
    fn new(brief: &Brief) -> Numbering {
        let mut order: Vec<DocumentId> = Vec::new();
        let mut add = |d: &DocumentId| {
            if !order.contains(d) {
                order.push(d.clone());
            }
        };
        brief.documents.iter().for_each(&mut add);
        brief
            .summary
            .iter()
            .flat_map(|s| &s.documents)
            .for_each(&mut add);
        brief
            .timeline
            .iter()
            .flat_map(|s| &s.documents)
            .for_each(&mut add);
        brief
            .attributions
            .iter()
            .flat_map(|s| &s.documents)
            .for_each(&mut add);
        Numbering { order }
    }

    /// The source numbers (1-based) of some documents, ascending, each once.
    fn numbers(&self, documents: &[DocumentId]) -> Vec<usize> {
        let mut numbers: Vec<usize> = documents
            .iter()
            .filter_map(|d| self.order.iter().position(|o| o == d).map(|i| i + 1))
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }

    /// A Markdown citation: "[1، 3]", isolated.
    fn cite(&self, documents: &[DocumentId]) -> String {
        let list: Vec<String> = self
            .numbers(documents)
            .iter()
            .map(|n| n.to_string())
            .collect();
        isolate(&format!("[{}]", list.join("، ")))
    }
}

fn date_text(entry: &TimelineEntry) -> String {
    match entry.precision {
        DatePrecision::Day => entry.date.to_string(),
        DatePrecision::Month => format!("{:04}-{:02}", entry.date.year(), entry.date.month()),
        DatePrecision::Year => format!("{:04}", entry.date.year()),
    }
}

/// The outlets of some documents, each once, in order.
fn outlets_of(sources: &Sources, ids: &[DocumentId]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        let outlet = outlet_of(sources, id);
        if !out.contains(&outlet) {
            out.push(outlet);
        }
    }
    out
}

fn outlet_of(sources: &Sources, id: &DocumentId) -> String {
    sources
        .get(id)
        .and_then(|s| s.outlet.clone())
        .unwrap_or_else(|| format!("وثيقة {}", isolate(&id.0[..id.0.len().min(8)])))
}

/// The brief as Markdown.
pub fn markdown(brief: &Brief, sources: &Sources) -> String {
    let numbers = Numbering::new(brief);
    let mut out = String::new();
    let _ = writeln!(out, "# {}", brief.headline);
    let kind = if brief.story.as_ref().is_some_and(|s| s.0 == brief.event.0) {
        "قصة"
    } else {
        "حدث"
    };
    let _ = writeln!(
        out,
        "\n{kind} {} — {} وثيقة من {} منفذ\n",
        isolate(&brief.event.0),
        isolate(&brief.documents.len().to_string()),
        isolate(
            &brief
                .documents
                .iter()
                .map(|d| outlet_of(sources, d))
                .collect::<std::collections::BTreeSet<_>>()
                .len()
                .to_string()
        ),
    );

    let _ = writeln!(out, "## الملخص\n");
    for s in &brief.summary {
        let _ = writeln!(out, "- {} {}", s.text, numbers.cite(&s.documents));
    }

    if !brief.actions.is_empty() {
        let _ = writeln!(out, "\n## من فعل ماذا، وأين ومتى\n");
        for a in brief.actions.iter().take(10) {
            let mut line = format!("- **{}** ({})", a.actor.as_deref().unwrap_or("—"), a.verb);
            if let Some(object) = &a.object {
                let _ = write!(line, " — {object}");
            }
            if !a.participants.is_empty() {
                let _ = write!(line, " — مع: {}", a.participants.join("، "));
            }
            if let Some(place) = &a.place {
                let _ = write!(line, " — في: {place}");
            }
            if let Some(date) = a.date {
                let _ = write!(line, " — {}", isolate(&date.to_string()));
            }
            let _ = writeln!(line, " {}", numbers.cite(&a.documents));
            out.push_str(&line);
        }
    }

    if !brief.contradictions.is_empty() {
        let _ = writeln!(out, "\n## تناقضات بين المنافذ\n");
        for c in &brief.contradictions {
            let _ = writeln!(out, "- **{}**", c.about);
            for v in &c.values {
                let outlets = outlets_of(sources, &v.documents);
                let _ = writeln!(
                    out,
                    "  - {} — {}: «{}» {}",
                    isolate(&v.value),
                    outlets.join("، "),
                    v.text,
                    numbers.cite(&v.documents)
                );
            }
        }
    }

    if !brief.attributions.is_empty() {
        let _ = writeln!(out, "\n## الإسناد: من قال، وعبر من وصل\n");
        for a in brief.attributions.iter().take(15) {
            let mut chain = a.source.clone();
            if let Some(speaker) = &a.speaker {
                let _ = write!(chain, " ← {speaker}");
            }
            let _ = writeln!(
                out,
                "- **{chain}**: «{}» {}",
                a.text,
                numbers.cite(&a.documents)
            );
            if !a.uncredited.is_empty() {
                let outlets = outlets_of(sources, &a.uncredited);
                let _ = writeln!(
                    out,
                    "  - نُقل دون إسناد إلى {} في: {} {}",
                    a.source,
                    outlets.join("، "),
                    numbers.cite(&a.uncredited)
                );
            }
        }
    }

    if !brief.timeline.is_empty() {
        let _ = writeln!(out, "\n## الخط الزمني\n");
        for e in &brief.timeline {
            let marker = if e.background { " (خلفية)" } else { "" };
            let _ = writeln!(
                out,
                "- {}{marker}: {} {}",
                isolate(&date_text(e)),
                e.text,
                numbers.cite(&e.documents)
            );
        }
    }

    let _ = writeln!(out, "\n## المصادر\n");
    for (i, id) in numbers.order.iter().enumerate() {
        let s = sources.get(id).cloned().unwrap_or_default();
        let _ = writeln!(
            out,
            "{}. {} — {} — {} — {}",
            isolate(&(i + 1).to_string()),
            s.outlet.as_deref().unwrap_or("منفذ غير معروف"),
            s.title.as_deref().unwrap_or("بلا عنوان"),
            isolate(s.published.as_deref().unwrap_or("----------")),
            isolate(&format!("{} {}", &id.0[..id.0.len().min(12)], s.location)),
        );
    }
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The brief as a standalone HTML page (no scripts, no external resources).
pub fn html(brief: &Brief, sources: &Sources) -> String {
    let numbers = Numbering::new(brief);
    let cite = |docs: &[DocumentId]| -> String {
        let links: Vec<String> = numbers
            .numbers(docs)
            .iter()
            .map(|i| format!("<a href=\"#src-{i}\">{i}</a>"))
            .collect();
        format!(
            " <sup class=\"cite\"><bdi>[{}]</bdi></sup>",
            links.join("، ")
        )
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\nbody{{font-family:'Noto Naskh Arabic','Amiri',serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.8;color:#1b1b1b}}\nh1{{font-size:1.6rem}} h2{{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}}\n.cite{{color:#555;font-size:.75em}} .bg{{color:#666}} .value{{font-weight:bold}} .meta{{color:#555}} .uncredited{{color:#8a2a0a}}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"meta\"><bdi>{}</bdi> — {} وثيقة</p>\n",
        escape(&brief.headline),
        escape(&brief.headline),
        escape(&brief.event.0),
        brief.documents.len()
    );
    out.push_str("<h2>الملخص</h2>\n<ul>\n");
    for s in &brief.summary {
        let _ = writeln!(out, "<li>{}{}</li>", escape(&s.text), cite(&s.documents));
    }
    out.push_str("</ul>\n");
    if !brief.actions.is_empty() {
        out.push_str("<h2>من فعل ماذا، وأين ومتى</h2>\n<ul>\n");
        for a in &brief.actions {
            let mut line = format!(
                "<b>{}</b> ({})",
                escape(a.actor.as_deref().unwrap_or("—")),
                escape(&a.verb)
            );
            if let Some(object) = &a.object {
                let _ = write!(line, " — {}", escape(object));
            }
            if !a.participants.is_empty() {
                let _ = write!(line, " — مع: {}", escape(&a.participants.join("، ")));
            }
            if let Some(place) = &a.place {
                let _ = write!(line, " — في: {}", escape(place));
            }
            if let Some(date) = a.date {
                let _ = write!(line, " — <bdi>{date}</bdi>");
            }
            let _ = writeln!(out, "<li>{line}{}</li>", cite(&a.documents));
        }
        out.push_str("</ul>\n");
    }
    if !brief.contradictions.is_empty() {
        out.push_str("<h2>تناقضات بين المنافذ</h2>\n<ul>\n");
        for c in &brief.contradictions {
            let _ = writeln!(out, "<li>{}<ul>", escape(&c.about));
            for v in &c.values {
                let outlets = outlets_of(sources, &v.documents);
                let _ = writeln!(
                    out,
                    "<li><span class=\"value\"><bdi>{}</bdi></span> — {}: «{}»{}</li>",
                    escape(&v.value),
                    escape(&outlets.join("، ")),
                    escape(&v.text),
                    cite(&v.documents)
                );
            }
            out.push_str("</ul></li>\n");
        }
        out.push_str("</ul>\n");
    }
    if !brief.attributions.is_empty() {
        out.push_str("<h2>الإسناد</h2>\n<ul>\n");
        for a in &brief.attributions {
            let mut chain = escape(&a.source);
            if let Some(speaker) = &a.speaker {
                let _ = write!(chain, " ← {}", escape(speaker));
            }
            let _ = write!(
                out,
                "<li><b>{chain}</b>: «{}»{}",
                escape(&a.text),
                cite(&a.documents)
            );
            if !a.uncredited.is_empty() {
                let outlets = outlets_of(sources, &a.uncredited);
                let _ = write!(
                    out,
                    "<br><span class=\"uncredited\">نُقل دون إسناد في: {}</span>{}",
                    escape(&outlets.join("، ")),
                    cite(&a.uncredited)
                );
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    if !brief.timeline.is_empty() {
        out.push_str("<h2>الخط الزمني</h2>\n<ol>\n");
        for e in &brief.timeline {
            let class = if e.background { " class=\"bg\"" } else { "" };
            let marker = if e.background { " (خلفية)" } else { "" };
            let _ = writeln!(
                out,
                "<li{class}><bdi>{}</bdi>{marker}: {}{}</li>",
                date_text(e),
                escape(&e.text),
                cite(&e.documents)
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("<h2>المصادر</h2>\n<ol>\n");
    for (i, id) in numbers.order.iter().enumerate() {
        let s = sources.get(id).cloned().unwrap_or_default();
        let _ = writeln!(
            out,
            "<li id=\"src-{}\">{} — {} — <bdi>{}</bdi> — <bdi>{}</bdi></li>",
            i + 1,
            escape(s.outlet.as_deref().unwrap_or("منفذ غير معروف")),
            escape(s.title.as_deref().unwrap_or("بلا عنوان")),
            escape(s.published.as_deref().unwrap_or("")),
            escape(&s.location)
        );
    }
    out.push_str("</ol>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_model::{Attribution, CitedText};

    fn brief() -> Brief {
        Brief {
            event: "ev-1".into(),
            story: Some("st-1".into()),
            headline: "افتتاح الجسر <الجديد>".into(),
            summary: vec![CitedText {
                text: "افتتح الوزير الجسر.".into(),
                documents: vec!["d2".into(), "d1".into()],
            }],
            timeline: vec![],
            attributions: vec![Attribution {
                source: "وكالة السهل".into(),
                text: "قال المتحدث إن الجسر آمن.".into(),
                documents: vec!["d1".into(), "d2".into()],
                speaker: Some("المتحدث".into()),
                uncredited: vec!["d2".into()],
            }],
            contradictions: vec![],
            entities: vec![],
            documents: vec!["d1".into(), "d2".into()],
            claims: vec![],
            actions: vec![],
        }
    }

    #[test]
    fn markdown_cites_every_sentence_and_shows_uncredited_copies() {
        let mut sources = Sources::new();
        sources.insert(
            "d2".into(),
            Source {
                outlet: Some("صحيفة النهر".into()),
                ..Source::default()
            },
        );
        let md = markdown(&brief(), &sources);
        assert!(
            md.contains("افتتح الوزير الجسر. \u{2068}[1، 2]\u{2069}"),
            "{md}"
        );
        assert!(
            md.contains("نُقل دون إسناد إلى وكالة السهل في: صحيفة النهر"),
            "{md}"
        );
        assert!(md.contains("**وكالة السهل ← المتحدث**"));
    }

    #[test]
    fn html_is_escaped_and_right_to_left() {
        let page = html(&brief(), &Sources::new());
        assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"));
        assert!(page.contains("&lt;الجديد&gt;"));
        assert!(!page.contains("<الجديد>"));
        assert!(page.contains("href=\"#src-2\""));
    }
}
