//! The sentences every brief stage works on: each body sentence of each document, with its place in the
//! document, its text as written, and its content terms (search-normalised light stems, stop words out).
//!
//! One split shared by claims, timeline, contradictions and summary, so that a sentence cited by one stage
//! is the same sentence, byte for byte, in every other. The date expressions of each sentence are found
//! here once (`marsad_dates::find_dates`, against [`anchor`]) for the three stages that read them. Lines
//! that are only a subheading (short, no sentence end, no verb-like length) are kept as sentences but
//! flagged, so the summary can skip them.

use std::collections::HashMap;
use std::ops::Range;

use jiff::civil::Date;
use marsad_dates::{DateMention, find_dates};
use marsad_model::{Document, DocumentId};
use marsad_text::normalize::{Profile, normalize_str};
use marsad_text::sentences::sentences;
use marsad_text::stem::stem;
use marsad_text::stopwords::is_stop_word;
use marsad_text::tokenize::words;

/// One sentence of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Index of the document in the evidence.
    pub doc: usize,
    /// Paragraph index in the document.
    pub paragraph: usize,
    /// Position of the sentence in its document, counting from 0 across paragraphs.
    pub position: usize,
    /// Byte range in [`Document::body`].
    pub span: Range<usize>,
    /// The sentence as written (bullets and surrounding space trimmed).
    pub text: String,
    /// Content terms: search-normalised light stems of the words that are not stop words.
    pub terms: Vec<String>,
    /// A short line without sentence punctuation: a subheading or a list label.
    pub heading: bool,
    /// The date expressions in `text`, resolved against the document's [`anchor`].
    pub dates: Vec<DateMention>,
}

impl Sentence {
    /// Number of words as written.
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// The content terms of a text.
pub fn terms(text: &str) -> Vec<String> {
    let normalised = normalize_str(text, Profile::Search);
    words(&normalised)
        .filter(|w| !is_stop_word(w))
        .map(|w| stem(w).to_string())
        .filter(|s| s.chars().count() > 1)
        .collect()
}

/// The date relative and year-less expressions in `documents[index]` are resolved against: its
/// publication date, else the most common publication date of `documents` (an undated page reporting the
/// same event was almost surely published with the others), else none.
pub fn anchor(documents: &[&Document], index: usize) -> Option<Date> {
    if let Some(date) = documents.get(index).and_then(|d| d.published) {
        return Some(date);
    }
    let mut counts: std::collections::BTreeMap<Date, usize> = Default::default();
    for date in documents.iter().filter_map(|d| d.published) {
        *counts.entry(date).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(date, _)| date)
}

/// Splits every document into sentences, in document order.
pub fn split(documents: &[&Document]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (doc_index, doc) in documents.iter().enumerate() {
        let anchor = anchor(documents, doc_index);
        let mut offset = 0;
        let mut position = 0;
        for (paragraph_index, paragraph) in doc.paragraphs.iter().enumerate() {
            for range in sentences(paragraph) {
                let raw = &paragraph[range.clone()];
                let trimmed = raw.trim_start_matches(['•', '-', '–', '*', '·', ' ', '\u{a0}']);
                let lead = raw.len() - trimmed.len();
                let text = trimmed.trim_end();
                if text.is_empty() {
                    continue;
                }
                let start = offset + range.start + lead;
                let heading = is_heading(text);
                out.push(Sentence {
                    doc: doc_index,
                    paragraph: paragraph_index,
                    position,
                    span: start..start + text.len(),
                    text: text.to_string(),
                    terms: terms(text),
                    heading,
                    dates: find_dates(text, anchor),
                });
                position += 1;
            }
            offset += paragraph.len() + 1;
        }
    }
    out
}

fn is_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let ends_sentence = text.ends_with(['.', '!', '؟', '?', '…', '»', '"', '”', ':']);
    words <= 6 && !ends_sentence
}

/// Inverse document frequencies of terms over a set of sentences (each document counts once), smoothed:
/// `ln(1 + N / df)`.
pub fn idf(sentences: &[Sentence], documents: usize) -> HashMap<String, f64> {
    let mut df: HashMap<&str, std::collections::HashSet<usize>> = HashMap::new();
    for s in sentences {
        for t in &s.terms {
            df.entry(t.as_str()).or_default().insert(s.doc);
        }
    }
    let n = documents.max(1) as f64;
    df.into_iter()
        .map(|(t, docs)| (t.to_string(), (1.0 + n / docs.len() as f64).ln()))
        .collect()
}

/// A sparse TF-IDF vector of a term list, L2-normalised.
pub fn vector(terms: &[String], idf: &HashMap<String, f64>) -> HashMap<String, f64> {
    let mut v: HashMap<String, f64> = HashMap::new();
    for t in terms {
        *v.entry(t.clone()).or_default() += 1.0;
    }
    for (t, w) in v.iter_mut() {
        *w *= idf.get(t).copied().unwrap_or(1.0);
    }
    let norm = v.values().map(|w| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for w in v.values_mut() {
            *w /= norm;
        }
    }
    v
}

/// Cosine of two L2-normalised sparse vectors.
pub fn cosine(a: &HashMap<String, f64>, b: &HashMap<String, f64>) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small
        .iter()
        .filter_map(|(t, w)| large.get(t).map(|x| w * x))
        .sum()
}

/// Documents' ids in evidence order.
pub fn ids(documents: &[&Document]) -> Vec<DocumentId> {
    documents.iter().map(|d| d.id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_their_body_span() {
        let doc = Document::new(
            "a.txt",
            vec![
                "وقّع الوزيران الاتفاق. وقال الوزير إن الخطوة مهمة.".into(),
                "تفاصيل الاتفاقية".into(),
                "  • تبادل الخبراء بين البلدين.".into(),
            ],
        );
        let split = split(&[&doc]);
        let body = doc.body();
        assert_eq!(split.len(), 4);
        for s in &split {
            assert_eq!(&body[s.span.clone()], s.text);
        }
        assert!(split[2].heading);
        assert!(!split[0].heading);
        assert_eq!(split[3].text, "تبادل الخبراء بين البلدين.");
        assert_eq!(split[3].position, 3);
    }

    #[test]
    fn terms_fold_spelling_and_drop_function_words() {
        assert_eq!(
            terms("وقّعت الوزارة على الاتفاقية"),
            terms("وقعت الوزاره على الإتفاقية")
        );
        assert!(!terms("في على من").iter().any(|t| t == "في"));
    }
}
