//! The line classifier: decides, for each line of a page whose DOM is gone (or for each block of the main
//! content an HTML page yields), whether it is the title, article body, an in-article subheading, or
//! furniture to drop, and why.
//!
//! It reads what a line says (furniture phrases, Latin interface words, timestamps, photo credits,
//! teaser prefixes, run-together navigation) and how it sits (length, sentence punctuation, stop-word
//! density, whether it repeats on other pages of the outlet, whether it shares vocabulary with the rest of
//! the article, whether it lies inside a "related news" block, before the lead, or next to a teaser's
//! timestamp). Hand-written: jusText's classifier is the nearest relative, but it knows neither Arabic
//! furniture nor the page structures (teaser = caption + headline + timestamp) that Arabic sites print.
//!
//! Not done here: parsing HTML (see `html`), or metadata (see `meta`), though the roles found here (title,
//! byline, source line) are what `meta` reads.

use std::collections::{HashMap, HashSet};

use marsad_text::normalize::{Profile, normalize_str};
use marsad_text::stem::stem;
use marsad_text::stopwords::is_stop_word;
use marsad_text::tokenize::words;

use crate::markers::{
    BYLINE_PREFIXES, CAPTION_MARKERS, FURNITURE_PHRASES, LATIN_UI_WORDS, RELATED_HEADINGS,
    TEASER_PREFIXES,
};

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Body,
    /// A subheading between body paragraphs: kept in the body.
    Heading,
    Removed(Reason),
}

/// Why a line was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Repeats on other pages of the same outlet.
    Template,
    /// Inside a "related news" / "read also" block.
    Related,
    /// A teaser for another article.
    Teaser,
    /// Share bar, comment form, footer, tags, subscription or donation prompt.
    Furniture,
    /// Latin interface words (Loading..., FacebookTwitter).
    Interface,
    /// A date or time on its own line.
    Timestamp,
    /// Photo caption or credit.
    Caption,
    /// Menu or navigation.
    Navigation,
    /// Author or place-and-outlet byline.
    Byline,
    /// "المصدر:" and the agencies it lists.
    Source,
    /// Between the title and the lead: section labels, captions, kickers.
    BeforeLead,
    /// Too short to be a sentence and not placed like a heading.
    Fragment,
    /// Outside the main content block of an HTML page.
    OutsideMain,
    /// Mostly links.
    Links,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Template => "template",
            Reason::Related => "related",
            Reason::Teaser => "teaser",
            Reason::Furniture => "furniture",
            Reason::Interface => "interface",
            Reason::Timestamp => "timestamp",
            Reason::Caption => "caption",
            Reason::Navigation => "navigation",
            Reason::Byline => "byline",
            Reason::Source => "source",
            Reason::BeforeLead => "before-lead",
            Reason::Fragment => "fragment",
            Reason::OutsideMain => "outside-main",
            Reason::Links => "links",
        }
    }
}

/// One line to classify, with what the DOM said about it when there was one.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub text: String,
    /// Share of the text inside links (0 for text dumps).
    pub link_density: f32,
    /// A heading element (h1–h6) in the DOM.
    pub heading: bool,
    /// Set by the HTML stage when the block lies outside the chosen main content, or in an element whose
    /// class or tag marks it as furniture; the classifier keeps that decision.
    pub removed: Option<Reason>,
}

impl Line {
    pub fn plain(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            ..Line::default()
        }
    }
}

/// What the classifier knows beyond the lines.
#[derive(Debug, Default)]
pub struct Context<'a> {
    /// Normalised lines that repeat across the outlet's pages.
    pub template: Option<&'a HashSet<String>>,
    /// The title known from elsewhere (HTML meta, feed item); a line equal to it is the title.
    pub known_title: Option<&'a str>,
    /// Whether a line must be chosen as title when none is known (text dumps).
    pub find_title: bool,
    /// The lines come from a main block the DOM chose (HTML): a line nothing marks is body, not a fragment.
    pub trust_structure: bool,
}

/// Facts about one line, computed once.
#[derive(Debug, Clone, Default)]
struct Features {
    normalised: String,
    words: usize,
    ends_sentence: bool,
    stop_ratio: f32,
    latin_ratio: f32,
    starts_like_sentence: bool,
    bullet: bool,
    terms: Vec<String>,
}

/// Classifies every line; the result has one role per line.
pub fn classify(lines: &[Line], context: &Context<'_>) -> Vec<Role> {
    // Lines the DOM already ruled out (outside the main block) need no features: most of a large page.
    let features: Vec<Features> = lines
        .iter()
        .map(|l| {
            if l.removed.is_some() {
                Features::default()
            } else {
                features(&l.text)
            }
        })
        .collect();
    let mut roles: Vec<Option<Role>> = lines
        .iter()
        .zip(&features)
        .map(|(line, f)| {
            line.removed
                .map(Role::Removed)
                .or_else(|| hard_mark(line, f, context))
        })
        .collect();

    // A "related news" heading opens a block of teasers. Near the end of the page the rest is the block;
    // higher up, the block ends at the next line that reads like the article.
    let n = lines.len();
    let mut i = 0;
    while i < n {
        if roles[i] == Some(Role::Removed(Reason::Related)) {
            let tail = i * 2 >= n;
            let mut j = i + 1;
            while j < n {
                let f = &features[j];
                if !tail && is_body_like(f) && roles[j].is_none() {
                    break;
                }
                if roles[j].is_none() || roles[j] == Some(Role::Removed(Reason::Fragment)) {
                    roles[j] = Some(Role::Removed(Reason::Related));
                }
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }

    // Teaser = caption + headline + timestamp: a short line next to a timestamp or caption credit in the
    // body region is a headline of another article.
    // Above the lead, the line next to a timestamp is the article's own headline, so only lines below the
    // first paragraph are candidates.
    let lead = (0..n).find(|&i| roles[i].is_none() && is_body_like(&features[i]));
    for i in lead.map_or(n, |l| l + 1)..n {
        if roles[i].is_some() || features[i].ends_sentence && features[i].words >= 15 {
            continue;
        }
        let near = |j: usize| {
            matches!(
                roles[j],
                Some(Role::Removed(Reason::Timestamp | Reason::Caption))
            )
        };
        let next = (i + 1..n).find(|&j| !lines[j].text.trim().is_empty());
        if next.is_some_and(near) && lines[next.unwrap_or(i)].removed.is_none() {
            roles[i] = Some(Role::Removed(Reason::Teaser));
        }
    }

    // The article's vocabulary, from the lines that read like body text.
    let body_terms = vocabulary(&features, &roles);

    // Title: a known one, else the first headline-like line above the lead that shares the article's
    // vocabulary.
    let first_body = (0..n).find(|&i| roles[i].is_none() && is_body_like(&features[i]));
    let mut title_at = None;
    if let Some(known) = context.known_title {
        let known = normalize_str(known, Profile::Search);
        let known_words = words(&known).count();
        title_at = (0..n).find(|&i| {
            roles[i].is_none()
                && (features[i].normalised == known
                    || features[i].words >= 3
                        && known_words >= 3
                        && (known.contains(&features[i].normalised)
                            || features[i].normalised.contains(&known)))
        });
    } else if context.find_title {
        // The headline shares most of its words with the article; a masthead ("بوابة المدينة الإخبارية")
        // shares one at most. Best share wins, the earlier line on a tie.
        let end = first_body.unwrap_or(n);
        let mut best: Option<(usize, f32)> = None;
        for i in 0..end {
            let f = &features[i];
            if roles[i].is_some()
                || !(3..=30).contains(&f.words)
                || f.latin_ratio >= 0.5
                || f.normalised.ends_with('.')
            {
                continue;
            }
            let score = topical(f, &body_terms);
            if crate::meta::masthead_name(&lines[i].text).is_some() {
                continue;
            }
            // The first line that clearly shares the article's vocabulary is the headline (a photo caption
            // below it may share even more); failing that, the best weak one.
            if score >= 0.35 {
                best = Some((i, score));
                break;
            }
            if score >= 0.2 && best.is_none_or(|(_, b)| score > b) {
                best = Some((i, score));
            }
        }
        title_at = best.map(|(i, _)| i);
    }
    if let Some(t) = title_at {
        roles[t] = Some(Role::Title);
    }

    // A caption's neighbour that describes the photo rather than reporting (no sentence opening) is part of
    // the caption.
    for i in 0..n {
        if roles[i].is_some()
            || features[i].starts_like_sentence
            || features[i].bullet
            || title_at == Some(i)
        {
            continue;
        }
        let caption_next =
            |j: Option<usize>| j.is_some_and(|j| roles[j] == Some(Role::Removed(Reason::Caption)));
        if caption_next(i.checked_sub(1)) || caption_next((i + 1 < n).then_some(i + 1)) {
            roles[i] = Some(Role::Removed(Reason::Caption));
        }
    }

    // Before the lead: what lies between the top of the page (or the title) and the first body paragraph
    // is masthead, kicker, byline or caption.
    if let Some(first) = first_body {
        for role in roles.iter_mut().take(first) {
            if role.is_none() {
                *role = Some(Role::Removed(Reason::BeforeLead));
            }
        }
    }

    // The rest: body, subheadings between body lines, and fragments.
    let mut result: Vec<Role> = Vec::with_capacity(n);
    for i in 0..n {
        if let Some(role) = roles[i] {
            result.push(role);
            continue;
        }
        let f = &features[i];
        let role = if is_body_like(f)
            || f.bullet && f.words >= 3
            || f.words >= 8 && f.stop_ratio >= 0.1 && topical(f, &body_terms) >= 0.3
        {
            Role::Body
        } else if context.trust_structure && (f.words >= 4 || lines[i].heading) {
            if lines[i].heading {
                Role::Heading
            } else {
                Role::Body
            }
        } else if is_heading_placed(i, &roles, &features)
            && (f.words <= 4 || topical(f, &body_terms) > 0.0)
            || lines[i].heading && topical(f, &body_terms) > 0.0
        {
            Role::Heading
        } else {
            Role::Removed(Reason::Fragment)
        };
        result.push(role);
    }
    // A heading must lead into body text: one left at the end, or followed only by furniture, goes.
    for i in 0..n {
        if result[i] == Role::Heading {
            let next_kept = (i + 1..n).find(|&j| !matches!(result[j], Role::Removed(_)));
            if !next_kept.is_some_and(|j| result[j] == Role::Body) {
                result[i] = Role::Removed(Reason::Fragment);
            }
        }
    }
    result
}

fn features(text: &str) -> Features {
    let normalised = normalize_str(text.trim(), Profile::Search);
    let tokens: Vec<&str> = words(&normalised).collect();
    let stops = tokens.iter().filter(|w| is_stop_word(w)).count();
    let (mut latin, mut letters) = (0usize, 0usize);
    for c in normalised.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_ascii_alphabetic() {
                latin += 1;
            }
        }
    }
    let trimmed = text.trim_end();
    // A closing quote ends a sentence when punctuation precedes it (."), or on a long line; a headline
    // often ends on a quoted name (… رسالة لـ"قسد").
    let quote_end = trimmed.ends_with(['"', '”', '»', '\''])
        && (trimmed
            .trim_end_matches(['"', '”', '»', '\''])
            .ends_with(['.', '!', '?', '؟', '…'])
            || tokens.len() >= 20);
    let ends_sentence = trimmed.ends_with(['.', '!', '?', '؟', ':', '…', '؛', '،'])
        && !trimmed.ends_with("..")
        || quote_end;
    let first = tokens.first().copied().unwrap_or("");
    let bullet = text
        .trim_start()
        .starts_with(['•', '-', '–', '*', '·', '▪', '◦']);
    let terms = tokens
        .iter()
        .filter(|w| !is_stop_word(w) && w.chars().count() >= 3)
        .map(|w| stem(w).to_string())
        .collect();
    Features {
        words: tokens.len(),
        ends_sentence,
        stop_ratio: if tokens.is_empty() {
            0.0
        } else {
            stops as f32 / tokens.len() as f32
        },
        latin_ratio: if letters == 0 {
            0.0
        } else {
            latin as f32 / letters as f32
        },
        starts_like_sentence: starts_like_sentence(first),
        bullet,
        terms,
        normalised,
    }
}

/// Whether a line reads like running text: a sentence of some length, mostly not Latin interface text.
fn is_body_like(f: &Features) -> bool {
    f.latin_ratio < 0.5
        && (f.ends_sentence && f.words >= 10
            || f.words >= 25 && f.stop_ratio >= 0.08
            || f.ends_sentence && f.words >= 6 && f.starts_like_sentence && f.stop_ratio >= 0.15)
}

/// Arabic news sentences open with a conjunction (و، ف), a verb or a preposition; captions and headlines
/// open with a noun ("وزير الدفاع … خلال"). Used only to extend a caption to its neighbour.
fn starts_like_sentence(first: &str) -> bool {
    const OPENERS: &[&str] = &[
        "في",
        "من",
        "منذ",
        "علي",
        "الي",
        "بعد",
        "قبل",
        "لكن",
        "كما",
        "هذا",
        "ان",
        "اذ",
        "حيث",
        "قال",
        "اكد",
        "اعلن",
        "ذكر",
        "افاد",
        "اشار",
        "اوضح",
        "اضاف",
        "كشف",
        "نقل",
        "جاء",
        "ياتي",
        "تاتي",
        "يذكر",
        "يشار",
        "بحسب",
        "وفقا",
        "تشمل",
        "يشمل",
        "تهدف",
        "يهدف",
        "بحث",
        "التقي",
        "استقبل",
        "دعا",
        "شدد",
        "حذر",
        "اعتبر",
        "راي",
        "يري",
        "تري",
        "اما",
        "رغم",
        "مع",
        "خلال",
        "عقب",
        "اثر",
        "كان",
        "كانت",
        "ليس",
        "لم",
        "لا",
        "لن",
        "قد",
        "the",
        "a",
        "in",
        "on",
        "at",
    ];
    if first.is_empty() {
        return false;
    }
    if OPENERS.contains(&first) {
        return true;
    }
    // Nouns that begin with و or ف themselves: "وزير الدفاع … خلال" is a caption, not "و + verb".
    const NOUNS: &[&str] = &[
        "وزير",
        "وزيرا",
        "وزيره",
        "وزاره",
        "وزراء",
        "وكاله",
        "وكيل",
        "وفد",
        "وحده",
        "وحدات",
        "وثيقه",
        "ولي",
        "والي",
        "وسائل",
        "وسط",
        "وضع",
        "وطن",
        "واشنطن",
        "فريق",
        "فرق",
        "فرع",
        "فصائل",
        "فلسطين",
        "فرنسا",
        "فعاليات",
        "فندق",
        "فيلم",
    ];
    if NOUNS.contains(&first) {
        return false;
    }
    let chars: Vec<char> = first.chars().collect();
    // و/ف + word: the conjunction that opens most running sentences.
    if chars.len() >= 3 && matches!(chars[0], 'و' | 'ف') {
        return true;
    }
    // Past-tense verbs: feminine ending ت (اكدت، وقعت، اعلنت) or the أفعل pattern (اكد، اعلن، اوضح).
    let len = chars.len();
    (4..=6).contains(&len) && chars[len - 1] == 'ت' && !first.starts_with("ال")
        || (3..=5).contains(&len) && chars[0] == 'ا' && chars[1] != 'ل'
}

/// Decisions that need nothing but the line itself (and the outlet's template).
fn hard_mark(line: &Line, f: &Features, context: &Context<'_>) -> Option<Role> {
    let n = &f.normalised;
    let removed = |r| Some(Role::Removed(r));
    if n.is_empty() {
        return removed(Reason::Fragment);
    }
    if context.template.is_some_and(|t| t.contains(n.as_str())) {
        return removed(Reason::Template);
    }
    let bare = n.trim_matches(|c: char| !c.is_alphanumeric() && c != ' ');
    if f.words <= 5
        && RELATED_HEADINGS
            .iter()
            .any(|h| bare == *h || bare.starts_with(h) && f.words <= 4)
    {
        return removed(Reason::Related);
    }
    if TEASER_PREFIXES.iter().any(|p| n.starts_with(p)) {
        return removed(Reason::Teaser);
    }
    if line.link_density > 0.5 && f.words <= 25 {
        return removed(Reason::Links);
    }
    // Run-together menu: tab labels glued into one very long "word".
    if n.split_whitespace()
        .any(|w| w.chars().filter(|c| is_arabic_letter(*c)).count() > 22)
    {
        return removed(Reason::Navigation);
    }
    // Latin interface labels ("Loading...", "FacebookTwitter"); a longer English quote in the page stays.
    let ui = has_latin_ui_word(n);
    if ui && (f.words <= 6 || f.latin_ratio > 0.3 && f.words <= 12)
        || f.latin_ratio > 0.3 && f.words <= 3
    {
        return removed(Reason::Interface);
    }
    if is_timestamp(n, f.words) {
        return removed(Reason::Timestamp);
    }
    if is_caption_credit(n) || has_caption_marker(n) && !f.ends_sentence_long() {
        return removed(Reason::Caption);
    }
    if n.starts_with("المصدر") && f.words <= 8 {
        return removed(Reason::Source);
    }
    if f.words <= 8 && BYLINE_PREFIXES.iter().any(|p| n.starts_with(p)) {
        return removed(Reason::Byline);
    }
    if f.words <= 4 && n.contains(" - ") && !f.ends_sentence {
        // "عمّان - السنبلة": place and outlet.
        return removed(Reason::Byline);
    }
    if f.words <= 14 && !f.ends_sentence_long() && FURNITURE_PHRASES.iter().any(|p| n.contains(p)) {
        return removed(Reason::Furniture);
    }
    if f.words <= 14 && n.contains('*') && (n.contains("بريد") || n.contains("التعليق"))
    {
        return removed(Reason::Furniture);
    }
    if n.contains('©') || n.contains("(c)") && f.words <= 12 {
        return removed(Reason::Furniture);
    }
    if f.words == 0 {
        return removed(Reason::Fragment);
    }
    None
}

impl Features {
    fn ends_sentence_long(&self) -> bool {
        self.ends_sentence && self.words >= 20 && self.starts_like_sentence
    }
}

fn has_latin_ui_word(text: &str) -> bool {
    let lower = text.to_lowercase();
    LATIN_UI_WORDS.iter().any(|w| lower.contains(w))
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c)
}

const MONTHS: &[&str] = &[
    "يناير",
    "فبراير",
    "مارس",
    "ابريل",
    "مايو",
    "يونيو",
    "يوليو",
    "اغسطس",
    "سبتمبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "شباط",
    "اذار",
    "نيسان",
    "ايار",
    "حزيران",
    "تموز",
    "اب",
    "ايلول",
    "تشرين",
    "محرم",
    "صفر",
    "ربيع",
    "جمادي",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "القعده",
    "الحجه",
];
const WEEKDAYS: &[&str] = &[
    "السبت",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
];
const TIME_WORDS: &[&str] = &[
    "ثانيه",
    "ثوان",
    "دقيقه",
    "دقائق",
    "دقيقتين",
    "ساعه",
    "ساعات",
    "ساعتين",
    "يوم",
    "ايام",
    "يومين",
    "اسبوع",
    "اسابيع",
    "شهر",
    "اشهر",
    "سنه",
    "منذ",
    "صباحا",
    "مساء",
    "مساءا",
    "ظهرا",
    "gmt",
    "utc",
    "م",
    "هـ",
    "ه",
    "date",
    "عربي",
    "الموافق",
    "|",
    "-",
    "/",
];

/// A line that is only a date and/or time: "5 أغسطس, 13:56 GMT", "منذ 34 ثانية", "14 تموز 2026",
/// "الخميس 20 صفر 1447 هـ - 14 أغسطس 2025 |", " date 2025-08-14".
fn is_timestamp(n: &str, word_count: usize) -> bool {
    if word_count == 0 || word_count > 16 {
        return false;
    }
    let has_time = n
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    let mut datelike = 0;
    let mut other = 0;
    for w in n.split(|c: char| c.is_whitespace() || c == ',' || c == '،') {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        let digits = w.chars().all(|c| c.is_ascii_digit() || ".:/-".contains(c));
        let w_lower = w.to_lowercase();
        if digits
            || MONTHS.contains(&w)
            || MONTHS
                .iter()
                .any(|m| w.starts_with(m) && w.len() <= m.len() + 4)
            || WEEKDAYS.contains(&w)
            || TIME_WORDS.contains(&w_lower.as_str())
            || w == "الاول"
            || w == "الثاني"
            || w == "الاخر"
            || w == "من"
        {
            datelike += 1;
        } else {
            other += 1;
        }
    }
    datelike >= 2 && other == 0 || has_time && other <= 2 && word_count <= 8
}

/// Whether a line reads as a photo caption or credit, wherever it sits (used to keep caption dates out of
/// the publish date even when the DOM already dropped the line).
pub fn looks_like_caption(text: &str) -> bool {
    let n = normalize_str(text, Profile::Search);
    is_caption_credit(&n) || has_caption_marker(&n)
}

fn has_caption_marker(n: &str) -> bool {
    CAPTION_MARKERS.iter().any(|m| n.contains(m))
}

/// "… - سبوتنيك عربي, 1920, 05.08.2025": a picture agency credit with its archive number and date.
fn is_caption_credit(n: &str) -> bool {
    let tail: String = n
        .chars()
        .rev()
        .take(22)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let parts: Vec<&str> = tail.rsplitn(3, ',').map(str::trim).collect();
    parts.len() == 3
        && parts[0].len() == 10
        && parts[0].chars().filter(|c| *c == '.').count() == 2
        && parts[1].chars().all(|c| c.is_ascii_digit())
        && !parts[1].is_empty()
}

/// The stems of body-like lines, counted once per line.
fn vocabulary(features: &[Features], roles: &[Option<Role>]) -> HashMap<String, usize> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (f, role) in features.iter().zip(roles) {
        if role.is_none() && is_body_like(f) {
            let unique: HashSet<&str> = f.terms.iter().map(String::as_str).collect();
            for t in unique {
                *counts.entry(t).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

/// Share of a line's content terms that the body uses elsewhere (its own occurrence discounted).
fn topical(f: &Features, vocabulary: &HashMap<String, usize>) -> f32 {
    if f.terms.is_empty() {
        return 0.0;
    }
    let own_is_body = is_body_like(f);
    let shared = f
        .terms
        .iter()
        .filter(|t| {
            vocabulary
                .get(t.as_str())
                .is_some_and(|c| *c > usize::from(own_is_body))
        })
        .count();
    shared as f32 / f.terms.len() as f32
}

/// A short line placed like a subheading: body text right before and right after it.
fn is_heading_placed(i: usize, roles: &[Option<Role>], features: &[Features]) -> bool {
    let kept_body = |j: usize| roles[j].is_none() && is_body_like(&features[j]);
    let kept = |j: &usize| {
        !features[*j].normalised.is_empty() && !matches!(roles[*j], Some(Role::Removed(_)))
    };
    let prev = (0..i).rev().find(kept);
    let next = (i + 1..features.len()).find(kept);
    features[i].words <= 14
        && (!features[i].ends_sentence || features[i].normalised.ends_with(['؟', '?']))
        && prev.is_some_and(kept_body)
        && next.is_some_and(kept_body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(Role, String)> {
        let lines: Vec<Line> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(Line::plain)
            .collect();
        let roles = classify(
            &lines,
            &Context {
                find_title: true,
                ..Context::default()
            },
        );
        roles
            .into_iter()
            .zip(lines)
            .map(|(r, l)| (r, l.text))
            .collect()
    }

    #[test]
    fn timestamps_and_credits() {
        assert!(is_timestamp("5 اغسطس, 13:56 gmt", 4));
        assert!(is_timestamp("منذ 34 ثانيه", 3));
        assert!(is_timestamp("14 تموز 2026", 3));
        assert!(is_timestamp("date 2025-08-14 عربي", 3));
        assert!(!is_timestamp("وقع الوزيران الاتفاقيه في 13 اغسطس", 6));
        assert!(is_caption_credit(
            "محطه غاز - سبوتنيك عربي, 1920, 02.08.2025"
        ));
        assert!(!is_caption_credit("قال الوزير, 1920 كلمه"));
    }

    #[test]
    fn a_text_dump_is_split_into_title_body_and_furniture() {
        let page = "\
بوابة المدينة الإخبارية
أخبارسياسةاقتصادمنوعاتصحةتكنولوجيا
افتتاح جسر جديد فوق نهر المدينة بعد عامين من العمل
منذ 20 دقيقة
camera iconجانب من حفل افتتاح الجسر (صورة: المدينة)
افتتح رئيس البلدية صباح اليوم الجسر الجديد فوق نهر المدينة بحضور عدد من المسؤولين والسكان.
وقال رئيس البلدية إن الجسر سيخفف الازدحام في وسط المدينة ويختصر زمن الرحلة إلى النصف.
شاهد أيضاً: مهرجان الربيع يعود إلى الحديقة العامة
تفاصيل المشروع
وبلغت كلفة الجسر الجديد نحو عشرين مليون دينار، وشارك في بنائه أكثر من ثلاثمئة عامل.
ويأمل السكان أن يفتح الجسر الباب أمام مشاريع أخرى في الأحياء الشرقية من المدينة.
أخبار ذات صلة
ارتفاع أسعار الخضار في الأسواق
منذ ساعتين
اترك تعليقاً
";
        let out = run(page);
        let role_of = |needle: &str| {
            out.iter()
                .find(|(_, t)| t.contains(needle))
                .map(|(r, _)| *r)
        };
        assert_eq!(role_of("افتتاح جسر جديد"), Some(Role::Title));
        assert_eq!(role_of("افتتح رئيس البلدية"), Some(Role::Body));
        assert_eq!(role_of("ويأمل السكان"), Some(Role::Body));
        assert_eq!(role_of("تفاصيل المشروع"), Some(Role::Heading));
        assert!(matches!(role_of("بوابة المدينة"), Some(Role::Removed(_))));
        assert_eq!(
            role_of("أخبارسياسة"),
            Some(Role::Removed(Reason::Navigation))
        );
        assert_eq!(role_of("منذ 20"), Some(Role::Removed(Reason::Timestamp)));
        assert_eq!(role_of("camera"), Some(Role::Removed(Reason::Caption)));
        assert_eq!(role_of("شاهد أيضاً"), Some(Role::Removed(Reason::Teaser)));
        assert_eq!(
            role_of("ارتفاع أسعار الخضار"),
            Some(Role::Removed(Reason::Related))
        );
        assert!(matches!(role_of("اترك تعليقاً"), Some(Role::Removed(_))));
    }
}
