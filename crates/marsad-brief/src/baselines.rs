//! Baseline extractive summarisers, for measuring marsad's own [`crate::summary`] against: lead, centroid
//! and LexRank. Each picks whole sentences from [`crate::text::split`] and returns their texts, best first.
//!
//! - [`lead`]: the first sentences of the first document (the evidence's first document; callers put the
//!   earliest article first), then of the next documents if the first is shorter than the budget.
//! - [`centroid`]: the TF-IDF centroid of all sentences; sentences by cosine to it. No redundancy control,
//!   so wire copy repeated by several outlets is chosen again and again: that is the point of the baseline.
//! - [`lexrank`]: Erkan & Radev (2004) with a cosine threshold of 0.1: an unweighted graph of sentences
//!   whose cosine exceeds the threshold (no self-loops), degree-normalised, PageRank-style power iteration
//!   (damping 0.85) until the scores move less than 1e-9 in L1, or 200 rounds.
//!
//! All three share one budget rule ([`fill_budget`]): sentences are taken in rank order, whole, until the
//! word count reaches the budget; the sentence that crosses the budget is kept whole, so a summary may run
//! over by less than one sentence. (The evaluation then cuts every system's output at the budget, the same
//! way, so no system gains from the overrun.) Subheading lines and sentences without content terms are never
//! chosen; nothing else is filtered, so the baselines stay plain.
//!
//! Not done here: sentence ordering for reading (the output is in rank order), compression, citations.
//! Why hand-written: these are the textbook algorithms over our own term vectors ([`crate::text`]); a crate
//! would tokenise Arabic its own way and make the comparison with marsad's summariser unfair.

use std::collections::HashMap;

use crate::text::{Sentence, cosine, idf, vector};

/// LexRank's cosine threshold for an edge.
pub const LEXRANK_THRESHOLD: f64 = 0.1;
const DAMPING: f64 = 0.85;
const MAX_ROUNDS: usize = 200;
const TOLERANCE: f64 = 1e-9;

/// Whether a sentence may be chosen at all.
fn eligible(s: &Sentence) -> bool {
    !s.heading && !s.terms.is_empty()
}

/// Takes sentences in the given order, whole, until at least `words` words are taken (the last one may
/// cross the budget).
pub fn fill_budget<'a>(
    ranked: impl IntoIterator<Item = &'a Sentence>,
    words: usize,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut taken = 0;
    for s in ranked {
        if taken >= words {
            break;
        }
        taken += s.word_count();
        out.push(s.text.clone());
    }
    out
}

/// The first `words` whitespace-separated words of a text: the common cut applied to every system before
/// scoring.
pub fn truncate_words(text: &str, words: usize) -> String {
    text.split_whitespace()
        .take(words)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lead: the sentences of document 0 in order, then document 1, … until the budget is reached.
pub fn lead(sentences: &[Sentence], words: usize) -> Vec<String> {
    let mut ordered: Vec<&Sentence> = sentences.iter().filter(|s| eligible(s)).collect();
    ordered.sort_by_key(|s| (s.doc, s.position));
    fill_budget(ordered, words)
}

/// The number of documents the sentences come from (the highest index + 1).
fn documents(sentences: &[Sentence]) -> usize {
    sentences.iter().map(|s| s.doc + 1).max().unwrap_or(0)
}

/// TF-IDF vectors of the eligible sentences, with the sentences.
fn vectors(sentences: &[Sentence]) -> (Vec<&Sentence>, Vec<HashMap<String, f64>>) {
    let idf = idf(sentences, documents(sentences));
    let chosen: Vec<&Sentence> = sentences.iter().filter(|s| eligible(s)).collect();
    let vectors = chosen.iter().map(|s| vector(&s.terms, &idf)).collect();
    (chosen, vectors)
}

/// Sorts indices by score, highest first; ties go to the earlier sentence (document, then position), so
/// results never depend on hash order.
fn rank(sentences: &[&Sentence], scores: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    order.sort_by(|&a, &b| {
        scores[b].total_cmp(&scores[a]).then_with(|| {
            (sentences[a].doc, sentences[a].position)
                .cmp(&(sentences[b].doc, sentences[b].position))
        })
    });
    order
}

/// Centroid: sentences by cosine to the normalised sum of all sentence vectors.
pub fn centroid(sentences: &[Sentence], words: usize) -> Vec<String> {
    let (chosen, vectors) = vectors(sentences);
    let mut center: HashMap<String, f64> = HashMap::new();
    for v in &vectors {
        for (t, w) in v {
            *center.entry(t.clone()).or_default() += w;
        }
    }
    let norm = center.values().map(|w| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for w in center.values_mut() {
            *w /= norm;
        }
    }
    let scores: Vec<f64> = vectors.iter().map(|v| cosine(v, &center)).collect();
    fill_budget(rank(&chosen, &scores).into_iter().map(|i| chosen[i]), words)
}

/// LexRank scores of sentence vectors: the stationary distribution of a random walk over the thresholded
/// cosine graph. No self-loops: with them every sentence of a regular component (an isolated sentence as
/// much as a clique of wire copies) would keep the uniform score. A sentence with no neighbour spreads its
/// score evenly over all sentences, the usual treatment of dangling nodes.
pub fn lexrank_scores(vectors: &[HashMap<String, f64>], threshold: f64) -> Vec<f64> {
    let n = vectors.len();
    if n == 0 {
        return Vec::new();
    }
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        for j in i + 1..n {
            if cosine(&vectors[i], &vectors[j]) > threshold {
                neighbours[i].push(j);
                neighbours[j].push(i);
            }
        }
    }
    let uniform = 1.0 / n as f64;
    let mut p = vec![uniform; n];
    for _ in 0..MAX_ROUNDS {
        let dangling: f64 = neighbours
            .iter()
            .zip(&p)
            .filter(|(links, _)| links.is_empty())
            .map(|(_, x)| x)
            .sum();
        let mut next = vec![(1.0 - DAMPING) * uniform + DAMPING * dangling * uniform; n];
        for (i, links) in neighbours.iter().enumerate() {
            if links.is_empty() {
                continue;
            }
            let share = DAMPING * p[i] / links.len() as f64;
            for &j in links {
                next[j] += share;
            }
        }
        let moved: f64 = next.iter().zip(&p).map(|(a, b)| (a - b).abs()).sum();
        p = next;
        if moved < TOLERANCE {
            break;
        }
    }
    p
}

/// LexRank: sentences by their LexRank score (threshold [`LEXRANK_THRESHOLD`]).
pub fn lexrank(sentences: &[Sentence], words: usize) -> Vec<String> {
    let (chosen, vectors) = vectors(sentences);
    let scores = lexrank_scores(&vectors, LEXRANK_THRESHOLD);
    fill_budget(rank(&chosen, &scores).into_iter().map(|i| chosen[i]), words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::split;
    use marsad_model::Document;

    /// Three invented reports of one invented event: a wire sentence repeated, plus each outlet's own.
    fn docs() -> Vec<Document> {
        let wire = "أعلنت وزارة الزراعة في جمهورية الواحة افتتاح سد الرمال الجديد بسعة مئتي مليون متر مكعب.";
        vec![
            Document::new(
                "a.txt",
                vec![
                    "حضر رئيس الوزراء الحفل صباح الثلاثاء مع السفراء.".into(),
                    wire.into(),
                    "وكانت الأمطار قد تأخرت هذا العام في الشمال.".into(),
                ],
            ),
            Document::new(
                "b.txt",
                vec![
                    wire.into(),
                    "وقال خبراء إن السد سيروي أراضي زراعية واسعة في الجنوب.".into(),
                ],
            ),
            Document::new(
                "c.txt",
                vec![
                    "نتائج مباريات الدوري".into(),
                    wire.into(),
                    "وتوقع تجار ارتفاع أسعار القمح في الموسم المقبل.".into(),
                ],
            ),
        ]
    }

    fn sentences() -> Vec<Sentence> {
        let docs = docs();
        split(&docs.iter().collect::<Vec<_>>())
    }

    #[test]
    fn lead_takes_the_first_document_in_order() {
        let s = sentences();
        let out = lead(&s, 12);
        assert_eq!(out.len(), 2, "{out:?}"); // 8 words, then the wire sentence crosses 12
        assert!(out[0].starts_with("حضر رئيس الوزراء"));
        assert!(out[1].starts_with("أعلنت وزارة الزراعة"));
        // A larger budget runs on into the next document.
        assert_eq!(
            lead(&s, 1000).len(),
            s.iter().filter(|s| !s.heading).count()
        );
    }

    #[test]
    fn budget_keeps_the_crossing_sentence_whole_and_stops() {
        let s = sentences();
        assert!(fill_budget(&s, 0).is_empty());
        let one = fill_budget(&s, 1);
        assert_eq!(one, [s[0].text.clone()]);
        assert_eq!(truncate_words("أ ب ج د", 2), "أ ب");
    }

    #[test]
    fn centroid_and_lexrank_prefer_the_repeated_wire_sentence() {
        let s = sentences();
        let c = centroid(&s, 10);
        assert!(c[0].starts_with("أعلنت وزارة الزراعة"), "{c:?}");
        let l = lexrank(&s, 10);
        assert!(l[0].starts_with("أعلنت وزارة الزراعة"), "{l:?}");
        // No redundancy control: with a bigger budget the same wire sentence comes back from another outlet.
        let c = centroid(&s, 40);
        assert!(
            c.iter()
                .filter(|t| t.starts_with("أعلنت وزارة الزراعة"))
                .count()
                >= 2
        );
    }

    #[test]
    fn headings_are_never_chosen() {
        let s = sentences();
        for out in [lead(&s, 1000), centroid(&s, 1000), lexrank(&s, 1000)] {
            assert!(!out.iter().any(|t| t == "نتائج مباريات الدوري"));
        }
    }

    #[test]
    fn lexrank_scores_are_a_distribution() {
        let s = sentences();
        let (_, vectors) = vectors(&s);
        let p = lexrank_scores(&vectors, LEXRANK_THRESHOLD);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-6);
        assert!(lexrank_scores(&[], 0.1).is_empty());
        assert!(centroid(&[], 10).is_empty());
    }
}
