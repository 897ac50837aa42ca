//! marsad's shared data model.
//!
//! Every pipeline stage is a function over these types: ingest and extract make [`Document`]s; dedup finds
//! [`SharedPassage`]s; clustering groups documents into [`Event`]s and events into [`Story`] arcs; the
//! entity stage makes [`Entity`] records; the claims stage makes [`Claim`]s; the brief stage makes a
//! [`Brief`] per event. None of them knows about storage, HTTP or the command line.
//!
//! The field names and shapes follow the export contract (`marsad export`, schema 1), so that export is a plain
//! serialisation of [`Record`]s, one JSON object per line:
//!
//! ```
//! use marsad_model::{Document, DateSource, Record};
//! let doc = Document::new("pages/a.txt", vec!["فقرة أولى.".into(), "فقرة ثانية.".into()]);
//! let line = serde_json::to_string(&Record::Document(doc)).unwrap();
//! assert!(line.starts_with(r#"{"kind":"document","id":""#));
//! # let _ = DateSource::Meta;
//! ```

use std::fmt;

use jiff::civil::Date;
use marsad_text::normalize::{Profile, normalize_str};
use serde::{Deserialize, Serialize};

/// Version of the export contract these types serialise to.
pub const SCHEMA_VERSION: u32 = 1;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_string())
            }
        }
    };
}

id_type!(
    /// A document's id: the content hash of its normalised body (see [`DocumentId::for_body`]).
    DocumentId
);
id_type!(
    /// An event's id; stable as documents arrive.
    EventId
);
id_type!(
    /// A story arc's id.
    StoryId
);
id_type!(
    /// A resolved entity's id.
    EntityId
);

impl DocumentId {
    /// The id of a body: BLAKE3 of its paragraphs in display normalisation, whitespace collapsed, joined by
    /// newlines; the first 16 bytes in hex. The same article reaching us from two files or formats (or with
    /// different invisible characters, tatweel or presentation forms) gets the same id; a changed word gives
    /// a different one.
    pub fn for_body<S: AsRef<str>>(paragraphs: &[S]) -> DocumentId {
        // One buffer hashed at once: BLAKE3 fed word by word spent more time per call than hashing.
        let mut text = String::new();
        for paragraph in paragraphs {
            let normalised = normalize_str(paragraph.as_ref(), Profile::Display);
            let mark = text.len();
            if !text.is_empty() {
                text.push('\n');
            }
            if !push_words(&mut text, &normalised) {
                text.truncate(mark);
            }
        }
        let mut hasher = blake3::Hasher::new();
        hasher.update(text.as_bytes());
        let hash = hasher.finalize();
        DocumentId(hash.to_hex()[..32].to_string())
    }
}

/// Bytes that may start a whitespace character: ASCII whitespace, and the lead bytes of every other one
/// (U+0085 and U+00A0; U+1680; U+2000..U+205F; U+3000), which never occur inside another character.
static MAY_START_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b, 0x09..=0x0D | 0x20 | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        b += 1;
    }
    table
};

/// The length of the whitespace character at byte `pos` (a character boundary), if there is one.
fn space_at(text: &str, pos: usize) -> Option<usize> {
    let b = *text.as_bytes().get(pos)?;
    if !MAY_START_SPACE[b as usize] {
        return None;
    }
    let c = text.get(pos..)?.chars().next()?;
    c.is_whitespace().then(|| c.len_utf8())
}

/// Appends the words of `text` (split at Unicode whitespace) to `out`, one space between them, as
/// `split_whitespace` and `join(" ")` would; returns whether there was any word. Stretches whose words are
/// already one plain space apart (most of a paragraph) are copied whole, and words are skipped through a
/// byte at a time without decoding them.
fn push_words(out: &mut String, text: &str) -> bool {
    let bytes = text.as_bytes();
    let skip_space = |mut pos: usize| {
        while let Some(len) = space_at(text, pos) {
            pos += len;
        }
        pos
    };
    let end_of_word = |mut pos: usize| {
        loop {
            while pos < bytes.len() && !MAY_START_SPACE[bytes[pos] as usize] {
                pos += 1;
            }
            if pos >= bytes.len() || space_at(text, pos).is_some() {
                return pos;
            }
            // A lead byte of a character that is not whitespace: its other bytes are not in the table.
            pos += 1;
        }
    };
    let mut pos = skip_space(0);
    if pos >= bytes.len() {
        return false;
    }
    let mut run_start = pos;
    loop {
        let word_end = end_of_word(pos);
        let next = skip_space(word_end);
        if next >= bytes.len() {
            out.push_str(&text[run_start..word_end]);
            return true;
        }
        if next != word_end + 1 || bytes[word_end] != b' ' {
            // Anything but one plain space between two words ends the stretch; one space follows it.
            out.push_str(&text[run_start..word_end]);
            out.push(' ');
            run_start = next;
        }
        pos = next;
    }
}

/// Where a document's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// An HTML meta tag (article:published_time, date, …) or a JSON Lines field.
    Meta,
    /// The feed item's date.
    Feed,
    /// A date in the URL path.
    Url,
    /// A dateline or byline near the title.
    Byline,
    /// A date the article's own text gives for itself ("اليوم، الأربعاء 23 من تموز").
    Body,
}

/// A news article as marsad keeps it: clean body paragraphs plus what was removed around them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: DocumentId,
    /// The path as given to ingest; a WARC record's target URI; a feed item's or JSON Lines record's url,
    /// else `PATH:LINE`.
    pub source: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    pub published_from: Option<DateSource>,
    /// BCP 47 language tag ("ar").
    pub language: String,
    /// The article body, boilerplate removed.
    pub paragraphs: Vec<String>,
    /// Lines and blocks dropped as boilerplate, kept so every decision can be audited.
    pub removed: Vec<String>,
}

impl Document {
    /// A document with the given source and body; the id is computed from the body.
    pub fn new(source: impl Into<String>, paragraphs: Vec<String>) -> Document {
        Document {
            id: DocumentId::for_body(&paragraphs),
            source: source.into(),
            url: None,
            outlet: None,
            title: None,
            published: None,
            published_from: None,
            language: "ar".to_string(),
            paragraphs,
            removed: Vec::new(),
        }
    }

    /// The body as one text, paragraphs separated by newlines.
    pub fn body(&self) -> String {
        self.paragraphs.join("\n")
    }
}

/// One real-world happening, reported by one or more documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    pub story: StoryId,
    pub documents: Vec<DocumentId>,
    pub date: Option<Date>,
    pub headline: String,
}

/// A story arc: related events over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    pub id: StoryId,
    pub events: Vec<EventId>,
    pub headline: String,
}

/// The type of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityType {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "ORG")]
    Organisation,
    #[serde(rename = "LOC")]
    Location,
    #[serde(rename = "MISC")]
    Misc,
}

/// A person, organisation or place, with every spelling seen for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// The canonical name.
    pub name: String,
    pub variants: Vec<Variant>,
}

/// One surface form of an entity, as written, and the documents that write it so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub text: String,
    pub documents: Vec<DocumentId>,
}

/// A passage that documents of two or more outlets share (wire copy, a reused statement); a document whose
/// outlet is unknown counts as an outlet of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedPassage {
    pub documents: Vec<DocumentId>,
    /// The passage as it appears in the first document.
    pub text: String,
}

/// What a claim sentence does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// Reported speech or a statement (قال، أكد، أعلن …).
    Statement,
    /// An action with participants (وقّع، التقى، استقبل …).
    Action,
}

/// A sentence-level claim with who said or did it and through whom it reached the outlet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub document: DocumentId,
    pub kind: ClaimKind,
    /// The sentence as written.
    pub text: String,
    /// Byte range of the sentence in the document body ([`Document::body`]).
    pub span: (usize, usize),
    /// The reporting or action verb as written.
    pub verb: String,
    /// Who is quoted or acts, as written.
    pub speaker: Option<String>,
    /// The chain through which the claim reached the outlet, nearest first (an agency, another outlet).
    pub via: Vec<String>,
    pub date: Option<Date>,
    pub place: Option<String>,
    /// For an action: who takes part besides the speaker (the other signatory, the person met), as written.
    #[serde(default)]
    pub participants: Vec<String>,
    /// For an action: what was signed, requested or discussed, as written.
    #[serde(default)]
    pub object: Option<String>,
}

/// One action as several outlets report it: who did what, with whom, where and when, merged from the
/// action claims of the documents that report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// The action verb as first written.
    pub verb: String,
    /// Who acts, as written (the fullest form any outlet gives).
    pub actor: Option<String>,
    /// What was signed, requested or discussed, as written.
    pub object: Option<String>,
    pub participants: Vec<String>,
    pub place: Option<String>,
    pub date: Option<Date>,
    /// The first outlet's sentence.
    pub text: String,
    pub documents: Vec<DocumentId>,
}

/// A sentence with the documents that support it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitedText {
    pub text: String,
    pub documents: Vec<DocumentId>,
}

/// How precisely a timeline date is known; a coarser date is stored as the first day of its month or year.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    #[default]
    Day,
    Month,
    Year,
}

/// A dated happening on an event's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub date: Date,
    #[serde(default)]
    pub precision: DatePrecision,
    pub text: String,
    pub documents: Vec<DocumentId>,
    /// Mentioned as background rather than part of the event.
    #[serde(default)]
    pub background: bool,
}

/// Who is quoted or credited for a text, and how it reached each outlet.
///
/// `source` is the nearest credit the outlets give (an agency when one is named, else the speaker);
/// `speaker` the original speaker when an agency stands between; `documents` every document carrying the
/// text, including `uncredited` ones, which carry the same words (a shared passage) without naming `source`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// As written.
    pub source: String,
    pub text: String,
    pub documents: Vec<DocumentId>,
    /// The original speaker, as written, when `source` is an agency or outlet passing on someone's words.
    #[serde(default)]
    pub speaker: Option<String>,
    /// Documents that carry the text but do not credit `source` (copied wire text).
    #[serde(default)]
    pub uncredited: Vec<DocumentId>,
}

/// A fact slot on which outlets disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contradiction {
    pub about: String,
    pub values: Vec<ContradictionValue>,
}

/// One of the conflicting values, with the sentence and outlets that give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContradictionValue {
    pub value: String,
    pub text: String,
    pub documents: Vec<DocumentId>,
}

/// What a user reads for an event (or a whole story arc, when `story` is set and `event` is the story's
/// id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brief {
    pub event: EventId,
    /// The story arc the event belongs to; for a story brief, the story itself.
    #[serde(default)]
    pub story: Option<StoryId>,
    pub headline: String,
    pub summary: Vec<CitedText>,
    pub timeline: Vec<TimelineEntry>,
    pub attributions: Vec<Attribution>,
    pub contradictions: Vec<Contradiction>,
    pub entities: Vec<EntityId>,
    /// The documents the brief is built from.
    #[serde(default)]
    pub documents: Vec<DocumentId>,
    /// Every statement and action found, with speaker and chain.
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Who did what, where and when: the action claims merged across outlets, most widely reported first.
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// The first line of an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub schema: u32,
    pub marsad: String,
    pub documents: u64,
}

/// One line of `marsad export`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Record {
    Meta(Meta),
    Document(Document),
    Event(Event),
    Story(Story),
    Entity(Entity),
    SharedPassage(SharedPassage),
    Brief(Brief),
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn to_value(record: &Record) -> Value {
        serde_json::to_value(record).unwrap()
    }

    proptest::proptest! {
        #[test]
        fn words_are_joined_as_split_whitespace_joins_them(
            text in "[ \t\n\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{202f}\u{3000}a-zابت«»…“]{0,40}"
        ) {
            let mut out = String::from("x");
            let any = push_words(&mut out, &text);
            let words: Vec<&str> = text.split_whitespace().collect();
            proptest::prop_assert_eq!(any, !words.is_empty());
            let expected = if words.is_empty() { "x".to_string() } else { format!("x{}", words.join(" ")) };
            proptest::prop_assert_eq!(out, expected);
        }
    }

    #[test]
    fn document_ids_ignore_invisible_differences_but_not_words() {
        let a = DocumentId::for_body(&["وقّع الوزيران  الاتفاق", "", "فقرة"]);
        let b = DocumentId::for_body(&["وقّع الوزيـــران الاتفاق\u{200F}", "فقرة"]);
        let c = DocumentId::for_body(&["وقّع الوزيران الاتفاق", "فقرة أخرى"]);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.0.len(), 32);
    }

    #[test]
    fn document_serialises_to_the_contract_fields() {
        let mut doc = Document::new("corpus/a.txt", vec!["نص".into()]);
        doc.published = Some(jiff::civil::date(2026, 8, 13));
        doc.published_from = Some(DateSource::Byline);
        doc.removed = vec!["شارك الخبر".into()];
        let v = to_value(&Record::Document(doc.clone()));
        assert_eq!(v["kind"], "document");
        assert_eq!(v["published"], "2026-08-13");
        assert_eq!(v["published_from"], "byline");
        assert_eq!(v["url"], Value::Null);
        for field in [
            "id",
            "source",
            "url",
            "outlet",
            "title",
            "published",
            "published_from",
            "language",
            "paragraphs",
            "removed",
        ] {
            assert!(v.get(field).is_some(), "missing {field}");
        }
        let back: Record = serde_json::from_value(v).unwrap();
        assert_eq!(back, Record::Document(doc));
    }

    #[test]
    fn entity_and_brief_shapes() {
        let entity = Entity {
            id: "e1".into(),
            entity_type: EntityType::Person,
            name: "سليم الطحان".into(),
            variants: vec![Variant {
                text: "سليم طحان".into(),
                documents: vec!["d1".into()],
            }],
        };
        assert_eq!(
            to_value(&Record::Entity(entity)),
            json!({"kind":"entity","id":"e1","type":"PER","name":"سليم الطحان","variants":[{"text":"سليم طحان","documents":["d1"]}]})
        );
        let brief = Brief {
            event: "ev1".into(),
            story: None,
            headline: "h".into(),
            summary: vec![CitedText {
                text: "s".into(),
                documents: vec!["d1".into()],
            }],
            timeline: vec![],
            attributions: vec![],
            contradictions: vec![Contradiction {
                about: "date".into(),
                values: vec![ContradictionValue {
                    value: "2026-03-03".into(),
                    text: "t".into(),
                    documents: vec!["d2".into()],
                }],
            }],
            entities: vec!["e1".into()],
            documents: vec!["d1".into(), "d2".into()],
            claims: vec![],
            actions: vec![],
        };
        let v = to_value(&Record::Brief(brief));
        assert_eq!(v["kind"], "brief");
        assert_eq!(v["contradictions"][0]["values"][0]["value"], "2026-03-03");
        let meta = Record::Meta(Meta {
            schema: SCHEMA_VERSION,
            marsad: "0.1.0".into(),
            documents: 3,
        });
        assert_eq!(
            to_value(&meta),
            json!({"kind":"meta","schema":1,"marsad":"0.1.0","documents":3})
        );
    }
}
