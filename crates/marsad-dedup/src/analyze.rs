//! One pass over a document's text that every later comparison shares: each word's light stem as a stable
//! 64-bit hash, whether it is a stop word, where it sits in the original paragraph, and sentence boundaries
//! with any agency credit at the edges marked off.
//!
//! Words are hashed rather than kept as strings so that signatures, shingles and term vectors are plain
//! integers; the hash is xxh3 with a fixed seed, so a hash computed today matches one stored yesterday.
//!
//! What it does not do: decide anything about other documents. Credit detection is a small set of rules
//! (a reporting verb before إن/أن, "بحسب …،", a dateline "(وكالة) -", a trailing "(رويترز)") that only
//! marks where the reported text starts and ends; it does not say who is credited.

use std::ops::Range;
use std::sync::LazyLock;

use marsad_model::Document;
use marsad_text::normalize::{Profile, normalize};
use marsad_text::sentences::sentences;
use marsad_text::stem::stem;
use marsad_text::stopwords::is_stop_word;
use marsad_text::tokenize::{TokenKind, tokens};
use rustc_hash::FxHashSet;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Seed of every word hash. Changing it invalidates stored signatures: never change it.
pub const WORD_HASH_SEED: u64 = 0x6d61_7273_6164_0001;

/// The stable hash of a (search-normalised, stemmed) word.
pub fn word_hash(stem: &str) -> u64 {
    xxh3_64_with_seed(stem.as_bytes(), WORD_HASH_SEED)
}

/// One word of a paragraph or title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// [`word_hash`] of the light stem of the search-normalised word (of the word itself for a stop word
    /// or a number).
    pub hash: u64,
    /// A function word (or a number-free single letter): left out of shingles and term vectors.
    pub stop: bool,
    /// A number token.
    pub number: bool,
    /// Byte range of the word in the original paragraph text.
    pub start: u32,
    pub end: u32,
}

/// A sentence of a paragraph as a range of word indices, with the reported text inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// All words of the sentence.
    pub words: Range<usize>,
    /// The words left once an agency credit at the start or end is cut off (equal to `words` when there is
    /// none).
    pub body: Range<usize>,
}

/// A paragraph's words and sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    pub words: Vec<Word>,
    pub sentences: Vec<Sentence>,
}

/// A document's title and paragraphs, analysed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    pub title: Vec<Word>,
    pub paragraphs: Vec<Paragraph>,
}

impl Analysis {
    /// Analyses a document's title and body paragraphs.
    pub fn of(doc: &Document) -> Analysis {
        Analysis {
            title: doc
                .title
                .as_deref()
                .map(|t| analyse_paragraph(t).words)
                .unwrap_or_default(),
            paragraphs: doc
                .paragraphs
                .iter()
                .map(|p| analyse_paragraph(p))
                .collect(),
        }
    }

    /// Every body word, paragraph after paragraph.
    pub fn body_words(&self) -> impl Iterator<Item = &Word> {
        self.paragraphs.iter().flat_map(|p| p.words.iter())
    }
}

/// Reporting verbs (search-normalised, without a leading و or ف) that open a credit clause ending in إن/أن.
const REPORTING: &[&str] = &[
    "قال",
    "قالت",
    "اضاف",
    "اضافت",
    "اوضح",
    "اوضحت",
    "ذكر",
    "ذكرت",
    "افاد",
    "افادت",
    "اعلن",
    "اعلنت",
    "اكد",
    "اكدت",
    "اشار",
    "اشارت",
    "نقل",
    "نقلت",
    "صرح",
    "صرحت",
    "بين",
    "بينت",
    "لفت",
    "لفتت",
    "كشف",
    "كشفت",
    "تابع",
    "تابعت",
    "يقول",
    "تقول",
];

/// [`REPORTING`] as a set: the first words of every sentence are looked up, and a scan of the list compared
/// each with thirty strings.
static REPORTING_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| REPORTING.iter().copied().collect());

fn is_reporting(word: &str) -> bool {
    REPORTING_SET.contains(word)
}

/// Words that open a credit clause ending at the first comma ("بحسب وكالة …،").
const ACCORDING_TO: &[&str] = &["بحسب", "حسب", "وفق", "وفقا", "نقلا", "طبقا"];

/// How many words from a sentence's start a credit clause may run.
const MAX_CREDIT_WORDS: usize = 14;

fn strip_conjunction(word: &str) -> &str {
    word.strip_prefix('و')
        .or_else(|| word.strip_prefix('ف'))
        .filter(|rest| rest.chars().count() >= 2)
        .unwrap_or(word)
}

/// A token of the normalised paragraph, kept while analysing.
struct Tok<'a> {
    text: &'a str,
    kind: TokenKind,
    /// Index into the paragraph's words, for word and number tokens.
    word: Option<usize>,
}

fn analyse_paragraph(text: &str) -> Paragraph {
    let normalised = normalize(text, Profile::Search);
    let ntext = normalised.text();
    // About one token per six bytes of Arabic text: sized up front, growing these was a tenth of analysis.
    let mut words = Vec::with_capacity(ntext.len() / 6);
    let mut toks = Vec::with_capacity(ntext.len() / 5);
    for token in tokens(ntext) {
        let t = token.text(ntext);
        let original = normalised.original_range(token.range());
        let word = match token.kind {
            TokenKind::Word | TokenKind::Number => {
                let number = token.kind == TokenKind::Number;
                let stop = !number && (is_stop_word(t) || t.chars().nth(1).is_none());
                // Stop words take part in no comparison but the exact-duplicate key, where the word as
                // written serves as well as its stem: stemming them was a third of the stemmer's calls.
                let stemmed = if number || stop { t } else { stem(t) };
                words.push(Word {
                    hash: word_hash(stemmed),
                    stop,
                    number,
                    start: u32::try_from(original.start).unwrap_or(u32::MAX),
                    end: u32::try_from(original.end).unwrap_or(u32::MAX),
                });
                Some(words.len() - 1)
            }
            _ => None,
        };
        toks.push((
            original.start,
            Tok {
                text: t,
                kind: token.kind,
                word,
            },
        ));
    }
    let mut out_sentences = Vec::new();
    for range in sentences(text) {
        let first = toks.partition_point(|(start, _)| *start < range.start);
        let last = toks.partition_point(|(start, _)| *start < range.end);
        let sentence_toks = &toks[first..last];
        let w0 = sentence_toks.iter().find_map(|(_, t)| t.word);
        let wn = sentence_toks.iter().rev().find_map(|(_, t)| t.word);
        let (Some(w0), Some(wn)) = (w0, wn) else {
            continue;
        };
        let all = w0..wn + 1;
        let body = credit_trimmed(sentence_toks).unwrap_or(all.clone());
        out_sentences.push(Sentence { words: all, body });
    }
    Paragraph {
        words,
        sentences: out_sentences,
    }
}

/// The word range of a sentence's reported text, or `None` when nothing was cut.
fn credit_trimmed(toks: &[(usize, Tok<'_>)]) -> Option<Range<usize>> {
    // Token positions found by scanning, not collected: this runs for every sentence of every document.
    let is_word = |(_, t): &(usize, Tok<'_>)| t.word.is_some();
    let first_word = toks.iter().position(is_word)?;
    let last_word = toks.iter().rposition(is_word)?;
    let mut start_tok = first_word;
    let mut end_tok = last_word;

    // A dateline "مدينة (وكالة) -" or a credit clause "قال مصدر … إن" / "بحسب وكالة …،" at the start.
    let mut saw_reporting = false;
    let opens_according = toks[first_word].1.word.is_some()
        && ACCORDING_TO.contains(&strip_conjunction(toks[first_word].1.text));
    // The token of the last word within the first MAX_CREDIT_WORDS words.
    let head_end = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| is_word(t))
        .take(MAX_CREDIT_WORDS)
        .last()
        .map_or(first_word, |(i, _)| i);
    for (i, (_, tok)) in toks.iter().enumerate().take(head_end + 1) {
        match tok.kind {
            TokenKind::Word => {
                let w = strip_conjunction(tok.text);
                if is_reporting(w) || is_reporting(tok.text) {
                    saw_reporting = true;
                } else if saw_reporting && (tok.text == "ان" || tok.text == "بان") {
                    start_tok = i + 1;
                    break;
                }
            }
            TokenKind::Punct if (tok.text == "،" || tok.text == ",") && opens_according => {
                start_tok = i + 1;
                break;
            }
            TokenKind::Punct
                if (tok.text == "-" || tok.text == "–" || tok.text == "—")
                    && i > 0
                    && i <= 8
                    && toks[..i].iter().any(|(_, t)| t.text == ")") =>
            {
                start_tok = i + 1;
                break;
            }
            _ => {}
        }
    }

    // A trailing "(رويترز)" or "(سانا)".
    if toks.get(last_word + 1).map(|(_, t)| t.text) == Some(")") {
        if let Some(open) = toks[..=last_word].iter().rposition(|(_, t)| t.text == "(") {
            let inside = toks[open..=last_word]
                .iter()
                .filter(|(_, t)| t.word.is_some())
                .count();
            if inside <= 3 && open > start_tok {
                end_tok = open;
            }
        }
    }

    let first = toks[start_tok..=end_tok.max(start_tok).min(toks.len() - 1)]
        .iter()
        .find_map(|(_, t)| t.word)?;
    let last = toks[start_tok..=end_tok.min(toks.len() - 1)]
        .iter()
        .rev()
        .find_map(|(_, t)| t.word)?;
    let whole_first = toks[first_word].1.word?;
    let whole_last = toks[last_word].1.word?;
    if first == whole_first && last == whole_last || last < first {
        return None;
    }
    Some(first..last + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_text(p: &str) -> String {
        let a = analyse_paragraph(p);
        let s = &a.sentences[0];
        let first = a.words[s.body.start];
        let last = a.words[s.body.end - 1];
        p[first.start as usize..last.end as usize].to_string()
    }

    #[test]
    fn words_keep_original_offsets() {
        let p = "أعلنَ الوزيـــر الخطة.";
        let a = analyse_paragraph(p);
        assert_eq!(a.words.len(), 3);
        let w = a.words[1];
        assert_eq!(&p[w.start as usize..w.end as usize], "الوزيـــر");
    }

    #[test]
    fn reporting_clause_is_cut_before_the_reported_text() {
        let p = "وقالت وكالة النسيم للأنباء إن الحكومة أقرت موازنة جديدة للعام المقبل.";
        assert_eq!(body_text(p), "الحكومة أقرت موازنة جديدة للعام المقبل");
    }

    #[test]
    fn according_to_clause_is_cut_at_the_comma() {
        let p = "وبحسب وكالة النسيم، افتتح المعرض أبوابه صباح السبت في المدينة القديمة.";
        assert_eq!(
            body_text(p),
            "افتتح المعرض أبوابه صباح السبت في المدينة القديمة"
        );
    }

    #[test]
    fn dateline_and_trailing_credit_are_cut() {
        let p = "الرباط (النسيم) - افتتح المعرض أبوابه صباح السبت في المدينة القديمة (النسيم).";
        assert_eq!(
            body_text(p),
            "افتتح المعرض أبوابه صباح السبت في المدينة القديمة"
        );
    }

    #[test]
    fn sentences_without_credit_are_whole() {
        let p = "افتتح المعرض أبوابه صباح السبت. وحضر الافتتاح جمهور كبير.";
        let a = analyse_paragraph(p);
        assert_eq!(a.sentences.len(), 2);
        for s in &a.sentences {
            assert_eq!(s.words, s.body);
        }
    }

    #[test]
    fn stems_hash_the_same_across_clitics_and_spelling() {
        let a = analyse_paragraph("الوزارة");
        let b = analyse_paragraph("والوزاره");
        assert_eq!(a.words[0].hash, b.words[0].hash);
    }
}
