//! Clustering quality against gold labels: BCubed and pairwise precision, recall and F1.
//!
//! BCubed averages, per item, how much of its predicted cluster shares its gold event (precision) and how
//! much of its gold event shares its predicted cluster (recall); singletons score perfectly on precision, so
//! a day of mostly one-article events flatters it. Pairwise counts pairs of items put together: it is 0 for
//! "every item alone" and is the stricter of the two. Always report both. [`Scores`] (from rates or from
//! counts) is also what marsad's other evaluations report.

use std::collections::HashMap;
use std::hash::Hash;

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Scores {
    /// The scores of a precision and a recall: F1 is their harmonic mean, 0 when both are 0.
    pub fn new(precision: f64, recall: f64) -> Scores {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Scores {
            precision,
            recall,
            f1,
        }
    }

    /// The scores of `correct` items among `predicted` ones, against `gold` ones (0 where a count is 0).
    pub fn from_counts(correct: usize, predicted: usize, gold: usize) -> Scores {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        Scores::new(ratio(correct, predicted), ratio(correct, gold))
    }
}

fn counts<K: Hash + Eq + Clone>(labels: impl Iterator<Item = K>) -> HashMap<K, usize> {
    let mut map = HashMap::new();
    for label in labels {
        *map.entry(label).or_insert(0) += 1;
    }
    map
}

/// BCubed scores of items given as (gold label, predicted label).
pub fn bcubed<G: Hash + Eq + Clone, P: Hash + Eq + Clone>(items: &[(G, P)]) -> Scores {
    if items.is_empty() {
        return Scores::default();
    }
    let gold = counts(items.iter().map(|(g, _)| g.clone()));
    let pred = counts(items.iter().map(|(_, p)| p.clone()));
    let both = counts(items.iter().cloned());
    let (mut p, mut r) = (0.0, 0.0);
    for item in items {
        let together = both[item] as f64;
        p += together / pred[&item.1] as f64;
        r += together / gold[&item.0] as f64;
    }
    let n = items.len() as f64;
    Scores::new(p / n, r / n)
}

fn pairs<K>(m: HashMap<K, usize>) -> f64 {
    m.values()
        .map(|&c| (c * c.saturating_sub(1) / 2) as f64)
        .sum()
}

/// Pairwise scores of items given as (gold label, predicted label). With no predicted pairs, precision is
/// 0 (nothing was claimed, nothing was right).
pub fn pairwise<G: Hash + Eq + Clone, P: Hash + Eq + Clone>(items: &[(G, P)]) -> Scores {
    let gold = pairs(counts(items.iter().map(|(g, _)| g.clone())));
    let pred = pairs(counts(items.iter().map(|(_, p)| p.clone())));
    let both = pairs(counts(items.iter().cloned()));
    let precision = if pred > 0.0 { both / pred } else { 0.0 };
    let recall = if gold > 0.0 { both / gold } else { 0.0 };
    Scores::new(precision, recall)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn perfect_and_singleton_clusterings() {
        let items = [("a", 1), ("a", 1), ("b", 2)];
        assert_eq!(bcubed(&items).f1, 1.0);
        assert_eq!(pairwise(&items).f1, 1.0);
        let alone = [("a", 1), ("a", 2), ("b", 3)];
        let b = bcubed(&alone);
        assert_eq!(b.precision, 1.0);
        assert!((b.recall - (0.5 + 0.5 + 1.0) / 3.0).abs() < 1e-12);
        assert_eq!(pairwise(&alone).f1, 0.0);
    }

    #[test]
    fn one_big_cluster_has_full_recall() {
        let items = [("a", 0), ("a", 0), ("b", 0), ("c", 0)];
        assert_eq!(bcubed(&items).recall, 1.0);
        assert_eq!(pairwise(&items).recall, 1.0);
        assert!((pairwise(&items).precision - 1.0 / 6.0).abs() < 1e-12);
    }

    proptest! {
        #[test]
        fn scores_do_not_depend_on_label_names(labels in proptest::collection::vec((0u8..5, 0u8..5), 1..40)) {
            let renamed: Vec<(u32, String)> = labels.iter().map(|(g, p)| (*g as u32 * 7 + 1, format!("x{p}"))).collect();
            prop_assert_eq!(bcubed(&labels), bcubed(&renamed));
            prop_assert_eq!(pairwise(&labels), pairwise(&renamed));
            let b = bcubed(&labels);
            prop_assert!((0.0..=1.0).contains(&b.precision) && (0.0..=1.0).contains(&b.recall));
        }
    }
}
