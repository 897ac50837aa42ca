//! Attributions across outlets: who is credited for which words, and which outlets carry the same words
//! without crediting anyone.
//!
//! Sentences of different documents that carry the same words are grouped: two sentences join when a shared
//! passage (from the dedup stage) lies in both, or when most of the shorter one's content terms are in the
//! longer one (containment ≥ 0.6 over at least six terms, which survives an added credit clause or a dropped
//! word). Each credited sentence with its direct copies — to an agency (claims::Claims::credits) or to a speaker —
//! becomes one [`Attribution`]: `source` is the nearest credit (the agency when one is named, else the
//! speaker), `speaker` the original speaker behind an agency, `documents` every document in the group, and
//! `uncredited` the documents whose copy names no agency and no speaker of its own. So when 003 credits
//! Reuters for a paragraph that 000 also carries, 000 is listed as an uncredited copy of Reuters' words.
//!
//! What it does not do: decide who copied from whom (publication times are too coarse), or follow credits
//! across paragraphs beyond what [`crate::claims`] carries.

use std::collections::{BTreeSet, HashMap};

use marsad_model::{Attribution, ClaimKind, DocumentId};
use marsad_text::normalize::{Profile, normalize_str};

use crate::Evidence;
use crate::claims::Claims;
use crate::text::Sentence;

/// Minimum share of the shorter sentence's terms found in the longer one for the two to carry the same
/// words.
const CONTAINMENT: f64 = 0.6;
/// Sentences with fewer content terms are never grouped on term overlap alone.
const MIN_TERMS: usize = 6;

/// Attributions across the evidence, most widely carried first.
pub fn attributions(
    evidence: &Evidence,
    sentences: &[Sentence],
    claims: &Claims,
) -> Vec<Attribution> {
    let matches = same_words(evidence, sentences);
    let claim_of: HashMap<usize, &crate::claims::Found> =
        claims.found.iter().map(|f| (f.sentence, f)).collect();
    // The nearest credit a sentence gives: an agency, else a statement's speaker.
    let credit = |s: usize| -> Option<(String, Option<String>)> {
        let speaker = claim_of
            .get(&s)
            .filter(|f| f.claim.kind == ClaimKind::Statement)
            .and_then(|f| f.claim.speaker.clone());
        match claims.credits.get(s).and_then(|c| c.first()) {
            Some(agency) => Some((
                agency.clone(),
                speaker.filter(|sp| {
                    normalize_str(sp, Profile::Search) != normalize_str(agency, Profile::Search)
                }),
            )),
            None => speaker.map(|sp| (sp, None)),
        }
    };
    let has_agency = |s: usize| claims.credits.get(s).is_some_and(|c| !c.is_empty());
    let doc_id = |s: usize| -> Option<&DocumentId> {
        sentences
            .get(s)
            .and_then(|x| evidence.documents.get(x.doc))
            .map(|d| &d.id)
    };
    let mut out: Vec<(usize, Attribution)> = Vec::new();
    let mut absorbed: BTreeSet<usize> = BTreeSet::new();
    for s in 0..sentences.len() {
        if absorbed.contains(&s) {
            continue;
        }
        let Some((own_source, own_speaker)) = credit(s) else {
            continue;
        };
        let copies: &[usize] = matches.get(&s).map(Vec::as_slice).unwrap_or(&[]);
        // An agency named by any copy is the nearer link for all of them ("لرويترز" in one outlet).
        let (source, speaker) = if has_agency(s) {
            (own_source, own_speaker)
        } else if let Some(&j) = copies.iter().find(|&&j| has_agency(j)) {
            let (agency, _) = credit(j).unwrap_or_default();
            let speaker = Some(own_source)
                .filter(|sp| !same_name(sp, &normalize_str(&agency, Profile::Search)));
            (agency, speaker)
        } else {
            (own_source, own_speaker)
        };
        let source_key = normalize_str(&source, Profile::Search);
        let mut documents: Vec<DocumentId> = Vec::new();
        let mut uncredited: Vec<DocumentId> = Vec::new();
        for &member in std::iter::once(&s).chain(copies) {
            let Some(id) = doc_id(member) else {
                continue;
            };
            if !documents.contains(id) {
                documents.push(id.clone());
            }
            let member_credit = credit(member);
            let names_source = member_credit
                .as_ref()
                .is_some_and(|(who, _)| same_name(who, &source_key))
                || claims
                    .credits
                    .get(member)
                    .is_some_and(|c| c.iter().any(|a| same_name(a, &source_key)));
            // Every copy is represented here; it does not open an attribution of its own.
            absorbed.insert(member);
            if !names_source && !has_agency(member) && !uncredited.contains(id) {
                uncredited.push(id.clone());
            }
        }
        // A document that credits the source in another copy is not an uncredited one.
        uncredited.retain(|d| {
            !std::iter::once(&s).chain(copies).any(|&m| {
                doc_id(m) == Some(d)
                    && credit(m).is_some_and(|(who, _)| same_name(&who, &source_key))
            })
        });
        let text = sentences.get(s).map(|x| x.text.clone()).unwrap_or_default();
        out.push((
            s,
            Attribution {
                source,
                text,
                documents,
                speaker,
                uncredited,
            },
        ));
    }
    out.sort_by(|(a_first, a), (b_first, b)| {
        b.documents
            .len()
            .cmp(&a.documents.len())
            .then(b.uncredited.len().cmp(&a.uncredited.len()))
            .then(a_first.cmp(b_first))
    });
    out.into_iter().map(|(_, a)| a).collect()
}

fn same_name(written: &str, key: &str) -> bool {
    let n = normalize_str(written, Profile::Search);
    n == key || n.contains(key) || key.contains(&n)
}

/// For every sentence, the sentences of other documents that carry the same words: both hold one shared
/// passage, or most of the shorter one's terms are in the longer one. Direct matches only (no chains through
/// a third sentence), so a long paragraph cannot pull unrelated sentences together.
pub fn same_words(evidence: &Evidence, sentences: &[Sentence]) -> HashMap<usize, Vec<usize>> {
    let sets: Vec<BTreeSet<&str>> = sentences
        .iter()
        .map(|s| s.terms.iter().map(String::as_str).collect())
        .collect();
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for passage in &evidence.shared_passages {
        let terms: BTreeSet<String> = crate::text::terms(&passage.text).into_iter().collect();
        if terms.len() < 4 {
            continue;
        }
        let carriers: Vec<usize> = sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                evidence
                    .documents
                    .get(s.doc)
                    .is_some_and(|d| passage.documents.contains(&d.id))
            })
            .filter(|(i, _)| {
                let inside = terms
                    .iter()
                    .filter(|t| sets[*i].contains(t.as_str()))
                    .count();
                inside >= 4 && inside as f64 >= 0.6 * terms.len().min(sets[*i].len()).max(1) as f64
            })
            .map(|(i, _)| i)
            .collect();
        for (k, &a) in carriers.iter().enumerate() {
            for &b in &carriers[k + 1..] {
                if sentences[a].doc != sentences[b].doc {
                    pairs.insert((a, b));
                }
            }
        }
    }
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, set) in sets.iter().enumerate() {
        for t in set {
            index.entry(t).or_default().push(i);
        }
    }
    for (i, set) in sets.iter().enumerate() {
        if set.len() < MIN_TERMS {
            continue;
        }
        let mut overlap: HashMap<usize, usize> = HashMap::new();
        for t in set {
            for &j in index.get(t).map(Vec::as_slice).unwrap_or(&[]) {
                if j > i && sentences[j].doc != sentences[i].doc {
                    *overlap.entry(j).or_default() += 1;
                }
            }
        }
        for (j, shared) in overlap {
            let smaller = set.len().min(sets[j].len());
            if smaller >= MIN_TERMS && shared as f64 >= CONTAINMENT * smaller as f64 {
                pairs.insert((i, j));
            }
        }
    }
    let mut out: HashMap<usize, Vec<usize>> = HashMap::new();
    for (a, b) in pairs {
        out.entry(a).or_default().push(b);
        out.entry(b).or_default().push(a);
    }
    for list in out.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims;
    use crate::text::split;
    use marsad_model::Document;

    fn doc(outlet: &str, paragraphs: &[&str]) -> Document {
        let mut d = Document::new(outlet, paragraphs.iter().map(|p| p.to_string()).collect());
        d.outlet = Some(outlet.into());
        d
    }

    #[test]
    fn an_uncredited_copy_of_agency_words_is_shown() {
        let credited = doc(
            "أ",
            &[
                "وقال متحدث باسم شركة الموانئ لرويترز إن الشركة ستفتح ثلاثة أرصفة جديدة لسفن الحاويات قبل نهاية العام الجاري.",
            ],
        );
        let copied = doc(
            "ب",
            &[
                "وقال متحدث باسم شركة الموانئ إن الشركة ستفتح ثلاثة أرصفة جديدة لسفن الحاويات قبل نهاية العام.",
            ],
        );
        let evidence = Evidence {
            documents: vec![&credited, &copied],
            ..Evidence::default()
        };
        let sentences = split(&evidence.documents);
        let found = claims::find(&evidence, &sentences);
        let attributions = attributions(&evidence, &sentences, &found);
        assert_eq!(attributions.len(), 1);
        let a = &attributions[0];
        assert_eq!(a.source, "رويترز");
        assert_eq!(a.speaker.as_deref(), Some("متحدث باسم شركة الموانئ"));
        assert_eq!(a.documents, [credited.id.clone(), copied.id.clone()]);
        assert_eq!(a.uncredited, std::slice::from_ref(&copied.id));
    }

    #[test]
    fn unrelated_sentences_stay_apart() {
        let a = doc(
            "أ",
            &["افتتح المعرض أبوابه بمشاركة عشرات الدور من بلدان عربية وأجنبية كثيرة."],
        );
        let b = doc(
            "ب",
            &["ارتفعت أسعار النفط في الأسواق العالمية بعد قرار خفض الإنتاج الأخير."],
        );
        let evidence = Evidence {
            documents: vec![&a, &b],
            ..Evidence::default()
        };
        let sentences = split(&evidence.documents);
        assert!(same_words(&evidence, &sentences).is_empty());
    }
}
