//! An extractive multi-document summary of an event, length-bounded, each sentence citing the documents
//! that support it; and the brief's headline, chosen from the outlets' titles.
//!
//! **Choosing sentences** (maximal marginal relevance over TF-IDF vectors of content terms):
//! - *Candidates*: body sentences of 8–60 words that are not subheadings or questions.
//! - *Support*: the documents that carry the sentence — its own and every document with a sentence whose
//!   cosine to it is at least 0.5 or whose terms contain most of its terms (a near-identical or entailing
//!   sentence). A sentence many outlets carry is what the event is about.
//! - *Relevance* = 0.55 × cosine to the centroid of all sentences + 0.35 × share of documents supporting it
//!   + 0.10 × lead bonus (1 / (1 + position in its document)), because news puts the happening first.
//! - *MMR*: each step picks the candidate maximising 0.7 × relevance − 0.3 × its highest cosine to a
//!   sentence already chosen, and skips any candidate with cosine ≥ 0.5 to one already chosen.
//! - *Length*: whole sentences are added while the total stays within the budget (default 120 words); a
//!   sentence that would overflow is skipped and smaller ones are tried, so the summary never exceeds the
//!   budget unless its very first sentence does.
//! - *Order*: chosen sentences are shown in reading order: by position in their document, then by the
//!   document's date.
//!
//! **Headline**: the outlet title closest to all the others and to the event's centroid (a medoid), so a
//! lone sensational or off-topic title does not win.
//!
//! Why not a crate: summarisers on crates.io tokenise for English; this is a few dozen lines over the same
//! Arabic term vectors the rest of marsad uses. The baselines it is measured against live in
//! `crate::baselines`.

use std::collections::HashMap;

use marsad_model::{CitedText, DocumentId};

use crate::Evidence;
use crate::text::{Sentence, cosine, idf, terms, vector};

const MIN_WORDS: usize = 8;
const MAX_WORDS: usize = 60;
const SUPPORT_COSINE: f64 = 0.5;
const SUPPORT_CONTAINMENT: f64 = 0.7;
const LAMBDA: f64 = 0.7;
const REDUNDANT: f64 = 0.5;

/// The cited summary of the evidence, at most `words` words (whole sentences).
pub fn summarize(evidence: &Evidence, sentences: &[Sentence], words: usize) -> Vec<CitedText> {
    choose(evidence, sentences, words)
        .into_iter()
        .map(|(i, documents)| CitedText {
            text: sentences[i].text.clone(),
            documents,
        })
        .collect()
}

/// The chosen sentence indices, in reading order, with their supporting documents.
pub fn choose(
    evidence: &Evidence,
    sentences: &[Sentence],
    words: usize,
) -> Vec<(usize, Vec<DocumentId>)> {
    if sentences.is_empty() {
        return Vec::new();
    }
    let idf = idf(sentences, evidence.documents.len());
    let vectors: Vec<HashMap<String, f64>> =
        sentences.iter().map(|s| vector(&s.terms, &idf)).collect();
    let centroid = centroid(&vectors);
    let candidates: Vec<usize> = (0..sentences.len())
        .filter(|&i| {
            let s = &sentences[i];
            let n = s.word_count();
            !s.heading && (MIN_WORDS..=MAX_WORDS).contains(&n) && !s.text.ends_with(['؟', '?'])
        })
        .collect();
    let documents = evidence.documents.len().max(1) as f64;
    let support: HashMap<usize, Vec<usize>> = candidates
        .iter()
        .map(|&i| (i, supporting(i, sentences, &vectors)))
        .collect();
    let relevance: HashMap<usize, f64> = candidates
        .iter()
        .map(|&i| {
            let share = support.get(&i).map_or(0, Vec::len) as f64 / documents;
            let lead = 1.0 / (1.0 + sentences[i].position as f64);
            (
                i,
                0.55 * cosine(&vectors[i], &centroid) + 0.35 * share + 0.10 * lead,
            )
        })
        .collect();
    let mut chosen: Vec<usize> = Vec::new();
    let mut used = 0;
    let mut left = candidates.clone();
    while !left.is_empty() {
        let mut best: Option<(usize, f64)> = None;
        for (k, &i) in left.iter().enumerate() {
            let redundancy = chosen
                .iter()
                .map(|&c| cosine(&vectors[i], &vectors[c]))
                .fold(0.0, f64::max);
            if redundancy >= REDUNDANT {
                continue;
            }
            let score = LAMBDA * relevance[&i] - (1.0 - LAMBDA) * redundancy;
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((k, score));
            }
        }
        let Some((k, _)) = best else {
            break;
        };
        let i = left.remove(k);
        let n = sentences[i].word_count();
        if used + n <= words || chosen.is_empty() {
            chosen.push(i);
            used += n;
        }
        if used >= words {
            break;
        }
    }
    chosen.sort_by_key(|&i| {
        let doc = evidence.documents.get(sentences[i].doc);
        (
            sentences[i].position,
            doc.and_then(|d| d.published),
            sentences[i].doc,
        )
    });
    chosen
        .into_iter()
        .map(|i| {
            let docs = support
                .get(&i)
                .map(|ds| {
                    ds.iter()
                        .filter_map(|&d| evidence.documents.get(d).map(|doc| doc.id.clone()))
                        .collect()
                })
                .unwrap_or_default();
            (i, docs)
        })
        .collect()
}

/// The documents (indices) that carry sentence `i`: its own and those with a near-identical or entailing
/// sentence, in evidence order.
fn supporting(i: usize, sentences: &[Sentence], vectors: &[HashMap<String, f64>]) -> Vec<usize> {
    let own = sentences[i].doc;
    let mut docs = vec![own];
    let terms_i: std::collections::HashSet<&str> =
        sentences[i].terms.iter().map(String::as_str).collect();
    for (j, other) in sentences.iter().enumerate() {
        if other.doc == own || docs.contains(&other.doc) {
            continue;
        }
        let entails = !terms_i.is_empty() && {
            let inside = other
                .terms
                .iter()
                .map(String::as_str)
                .collect::<std::collections::HashSet<_>>()
                .intersection(&terms_i)
                .count();
            inside as f64 >= SUPPORT_CONTAINMENT * terms_i.len() as f64
        };
        if entails || cosine(&vectors[i], &vectors[j]) >= SUPPORT_COSINE {
            docs.push(other.doc);
        }
    }
    docs.sort_unstable();
    docs
}

fn centroid(vectors: &[HashMap<String, f64>]) -> HashMap<String, f64> {
    let mut c: HashMap<String, f64> = HashMap::new();
    for v in vectors {
        for (t, w) in v {
            *c.entry(t.clone()).or_default() += w;
        }
    }
    let norm = c.values().map(|w| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for w in c.values_mut() {
            *w /= norm;
        }
    }
    c
}

/// The headline: the outlet title most similar to the other titles and to the body centroid.
pub fn headline(evidence: &Evidence) -> Option<String> {
    let titles: Vec<&str> = evidence
        .documents
        .iter()
        .filter_map(|d| d.title.as_deref())
        .filter(|t| !t.trim().is_empty())
        .collect();
    if titles.len() <= 1 {
        return titles.first().map(|t| t.trim().to_string());
    }
    let title_terms: Vec<Vec<String>> = titles.iter().map(|t| terms(t)).collect();
    let body: Vec<String> = evidence
        .documents
        .iter()
        .flat_map(|d| d.paragraphs.iter().flat_map(|p| terms(p)))
        .collect();
    let mut df: HashMap<String, f64> = HashMap::new();
    for t in &title_terms {
        for term in t.iter().collect::<std::collections::BTreeSet<_>>() {
            *df.entry(term.clone()).or_default() += 1.0;
        }
    }
    // Title terms shared by many titles are what they agree on: weight by how many titles use them.
    let weights: HashMap<String, f64> = df.iter().map(|(t, n)| (t.clone(), 1.0 + n.ln())).collect();
    let vectors: Vec<HashMap<String, f64>> =
        title_terms.iter().map(|t| vector(t, &weights)).collect();
    let body_vector = vector(&body, &weights);
    let best = (0..titles.len()).max_by(|&a, &b| {
        let score = |i: usize| {
            let to_others: f64 = (0..titles.len())
                .filter(|&j| j != i)
                .map(|j| cosine(&vectors[i], &vectors[j]))
                .sum::<f64>()
                / (titles.len() - 1) as f64;
            to_others + 0.5 * cosine(&vectors[i], &body_vector)
        };
        score(a).total_cmp(&score(b)).then(b.cmp(&a))
    })?;
    titles.get(best).map(|t| t.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::split;
    use marsad_model::Document;

    fn doc(title: &str, paragraphs: &[&str]) -> Document {
        let mut d = Document::new(title, paragraphs.iter().map(|p| p.to_string()).collect());
        d.title = Some(title.into());
        d
    }

    fn corpus() -> (Document, Document, Document) {
        let a = doc(
            "افتتاح جسر النهر الجديد",
            &[
                "افتتح وزير النقل صباح اليوم الجسر الجديد فوق النهر بطول ثمانمئة متر بعد ثلاث سنوات من العمل.",
                "وقال الوزير إن الجسر سيختصر زمن الرحلة بين ضفتي المدينة إلى عشر دقائق فقط.",
                "وشهد الحفل حضور عدد من النواب ورؤساء البلديات المجاورة وسكان الأحياء القريبة.",
            ],
        );
        let b = doc(
            "وزير النقل يفتتح جسر النهر",
            &[
                "افتتح وزير النقل الجسر الجديد فوق النهر بطول ثمانمئة متر بعد ثلاث سنوات من الأعمال الإنشائية.",
                "ويتوقع المهندسون أن يخفف الجسر الازدحام المروري الخانق على الطريق الدائري القديم.",
            ],
        );
        let c = doc(
            "الجسر الجديد يفتح أمام السيارات",
            &[
                "افتتح وزير النقل الجسر الجديد فوق النهر اليوم، بطول ثمانمئة متر، بعد ثلاث سنوات من العمل.",
            ],
        );
        (a, b, c)
    }

    #[test]
    fn the_widely_carried_lead_comes_first_and_cites_every_outlet() {
        let (a, b, c) = corpus();
        let evidence = Evidence {
            documents: vec![&a, &b, &c],
            ..Evidence::default()
        };
        let sentences = split(&evidence.documents);
        let summary = summarize(&evidence, &sentences, 40);
        assert!(!summary.is_empty());
        assert!(summary[0].text.starts_with("افتتح وزير النقل"));
        assert_eq!(summary[0].documents.len(), 3, "{summary:#?}");
        let words: usize = summary
            .iter()
            .map(|s| s.text.split_whitespace().count())
            .sum();
        assert!(words <= 40, "{words}");
        // The three near-identical leads appear once.
        assert_eq!(
            summary
                .iter()
                .filter(|s| s.text.contains("ثمانمئة"))
                .count(),
            1
        );
    }

    #[test]
    fn headline_is_the_title_closest_to_the_others() {
        let (mut a, b, c) = corpus();
        a.title = Some("صور: زحام في الحفل".into());
        let evidence = Evidence {
            documents: vec![&a, &c, &b],
            ..Evidence::default()
        };
        // The off-topic title never wins; of the two on-topic ones, the one sharing more with the body does.
        assert_eq!(
            headline(&evidence).as_deref(),
            Some("وزير النقل يفتتح جسر النهر")
        );
    }

    #[test]
    fn empty_evidence_gives_an_empty_summary() {
        let evidence = Evidence::default();
        assert!(summarize(&evidence, &[], 120).is_empty());
        assert!(headline(&evidence).is_none());
    }
}
