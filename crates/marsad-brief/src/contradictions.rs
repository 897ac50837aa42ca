//! Fact slots on which outlets disagree, and the stance of a pair of headlines.
//!
//! [`find`] reads every sentence of an event's documents for fact slots ([`crate::slots`]: the date of a
//! happening, the number killed or injured, an amount, a count), links mentions of the same slot
//! across documents (same kind and key, a shared context term), and reports a slot when two different
//! outlets (a document without an outlet counts as its own source) give values that cannot both be
//! true, and neither outlet also gives a value compatible with the other's (an outlet that dates both
//! "the fire" of last month and today's is writing about two fires, not contradicting anyone). Each [`ContradictionValue`] is one value as marsad normalises it ("2026-03-05",
//! "14", "1200000000 USD"), the first sentence giving it as written, and every document giving it. Values
//! that are only coarser (a month, "أكثر من 300", "نحو 60") are listed beside the conflicting ones, since
//! a reader wants to see them, but never make a contradiction by themselves: precision is told from
//! disagreement by comparing intervals (a month contains its days; "more than 300" contains 320 and 350;
//! "about 60" is ±10 %), see [`crate::slots`].
//!
//! ```
//! use marsad_brief::{Evidence, contradictions::find, text::split};
//! use marsad_model::Document;
//! let mut a = Document::new("a", vec!["أصيب 9 أشخاص في انهيار مبنى سكني في الحي القديم.".into()]);
//! a.outlet = Some("صحيفة أ".into());
//! let mut b = Document::new("b", vec!["أسفر انهيار المبنى السكني عن إصابة 12 شخصاً.".into()]);
//! b.outlet = Some("موقع ب".into());
//! let evidence = Evidence { documents: vec![&a, &b], ..Default::default() };
//! let found = find(&evidence, &split(&evidence.documents));
//! assert_eq!(found[0].values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(), ["12", "9"]);
//! ```
//!
//! [`headline_stance`] is the same comparison for two headlines without their articles, as in the ANS
//! corpus (`marsad eval stance`): unrelated when the headlines share too few content terms, disagree when
//! a fact slot conflicts, when exactly one of them is negated (لا، لم، لن، ليس، غير، عدم، نفى …), or when
//! they use opposite words of one pair from our own list ([`OPPOSITES`]: rise/fall, win/lose,
//! accept/reject, open/close, hold/postpone …); agree otherwise.
//!
//! The gap between the two: ANS pairs are one real headline and an annotator's edit of it: a swapped
//! word, an inserted negation, an antonym, another country or person. Most "disagree" pairs contradict
//! through *meaning of a word*, with no number or date to compare, and the pair is known to be about one
//! claim. Fact slots are the other way round: full articles from different outlets about the same
//! happening, whose words differ freely (paraphrase is the norm, not a signal) while a number or a date
//! differs; the hard part is deciding that two sentences are about the same slot at all. So the headline
//! measure says little about the article detector: the slot comparison fires on few ANS pairs (few carry
//! numbers on both sides), and the lexical cues that carry the headline score (negation, antonyms) would
//! fire on every article that quotes a denial. Measured (`marsad eval stance`, "disagree"): test precision
//! 0.839, recall 0.215, F1 0.342 (dev 0.932 / 0.263 / 0.411; train 0.957 / 0.277 / 0.430), against 0.639 /
//! 1.0 / 0.779 for always answering "disagree": precise, and blind to substitutions.
//!
//! What it does not do: places and names in a role; a number an outlet updates within one article
//! ("ارتفع عدد المصابين من 14 إلى 17") is read as two values for that outlet; entity substitutions in
//! headlines ("الليرة التركية" vs "الليرة اللبنانية") are not caught.
//!
//! Why hand-written: no crate compares Arabic fact slots or headline stance; the lists are ours.

use std::collections::{BTreeSet, HashSet};
use std::sync::LazyLock;

use marsad_model::{Contradiction, ContradictionValue, DocumentId};
use marsad_text::normalize::{Profile, normalize_str};
use marsad_text::stem::stem;
use marsad_text::stopwords::is_stop_word;
use marsad_text::tokenize::words;

use crate::Evidence;
use crate::numbers::strip_clitic;
use crate::slots::{SlotKind, SlotMention, mentions, sentence_mentions};
use crate::text::Sentence;

/// Every fact slot on which documents of different outlets give incompatible values.
pub fn find(evidence: &Evidence, sentences: &[Sentence]) -> Vec<Contradiction> {
    let found = mentions(sentences);
    let doc_of = |m: &SlotMention| sentences.get(m.sentence).map(|s| s.doc);

    // Link mentions of the same slot (union-find), then look at each group.
    let mut parent: Vec<usize> = (0..found.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..found.len() {
        for j in i + 1..found.len() {
            if found[i].same_slot(&found[j]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root: std::collections::HashMap<usize, usize> = Default::default();
    for i in 0..found.len() {
        let r = root(&mut parent, i);
        let g = *group_of_root.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }

    let mut out = Vec::new();
    for group in groups {
        // Outlets disagree when nothing one of them says for the slot is compatible with anything the
        // other says: an outlet that gives the other's value too is talking about two happenings (this
        // fire and last month's), not contradicting.
        let mut by_outlet: Vec<(&str, Vec<usize>)> = Vec::new();
        for &i in &group {
            let Some(doc) = doc_of(&found[i]) else {
                continue;
            };
            let outlet = evidence.outlet(doc);
            match by_outlet.iter_mut().find(|(o, _)| *o == outlet) {
                Some((_, members)) => members.push(i),
                None => by_outlet.push((outlet, vec![i])),
            }
        }
        // An outlet's vague values ("اتفاق مارس" beside its own "8 مارس") only bound what it says
        // precisely; they count only for an outlet that gives nothing precise.
        for (_, members) in by_outlet.iter_mut() {
            if members.iter().any(|&i| !found[i].value.is_vague()) {
                members.retain(|&i| !found[i].value.is_vague());
            }
        }
        let conflict = by_outlet.iter().enumerate().any(|(x, (_, a))| {
            by_outlet[x + 1..].iter().any(|(_, b)| {
                a.iter().all(|&i| {
                    b.iter()
                        .all(|&j| !found[i].value.compatible(&found[j].value))
                })
            })
        });
        if !conflict {
            continue;
        }
        out.push(contradiction(evidence, sentences, &found, &group));
    }
    out.sort_by(|a, b| a.about.cmp(&b.about));
    out
}

fn contradiction(
    evidence: &Evidence,
    sentences: &[Sentence],
    found: &[SlotMention],
    group: &[usize],
) -> Contradiction {
    let mut values: Vec<(ContradictionValue, bool)> = Vec::new();
    for &i in group {
        let m = &found[i];
        let Some(sentence) = sentences.get(m.sentence) else {
            continue;
        };
        let Some(doc) = evidence.documents.get(sentence.doc) else {
            continue;
        };
        let shown = m.value.shown();
        match values.iter_mut().find(|(v, _)| v.value == shown) {
            Some((v, _)) => {
                if !v.documents.contains(&doc.id) {
                    v.documents.push(doc.id.clone());
                }
            }
            None => values.push((
                ContradictionValue {
                    value: shown.to_string(),
                    text: sentence.text.clone(),
                    documents: vec![doc.id.clone()],
                },
                m.value.is_vague(),
            )),
        }
    }
    // Exact values first, most supported first; vague ones after.
    values.sort_by(|(a, av), (b, bv)| {
        av.cmp(bv)
            .then(b.documents.len().cmp(&a.documents.len()))
            .then(a.value.cmp(&b.value))
    });
    let about = most_common_about(found, group);
    Contradiction {
        about,
        values: values.into_iter().map(|(v, _)| v).collect(),
    }
}

fn most_common_about(found: &[SlotMention], group: &[usize]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for &i in group {
        let about = found[i].about.as_str();
        match counts.iter_mut().find(|(a, _)| *a == about) {
            Some((_, n)) => *n += 1,
            None => counts.push((about, 1)),
        }
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(a, _)| a.to_string())
        .unwrap_or_default()
}

/// The documents of a contradiction value, for callers that index by id.
pub fn documents(c: &Contradiction) -> BTreeSet<&DocumentId> {
    c.values.iter().flat_map(|v| &v.documents).collect()
}

/// The stance of one headline towards another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stance {
    Agree,
    Disagree,
    /// About something else.
    Unrelated,
}

/// Knobs of [`headline_stance`], tuned on the ANS train and dev splits only.
#[derive(Debug, Clone, Copy)]
pub struct StanceConfig {
    /// Below this share of the shorter headline's content terms found in the other, the pair is unrelated.
    pub min_overlap: f64,
}

impl Default for StanceConfig {
    fn default() -> StanceConfig {
        StanceConfig { min_overlap: 0.15 }
    }
}

/// Negation and denial words (search-normalised).
const NEGATIONS: &[&str] = &[
    "لا",
    "لم",
    "لن",
    "ليس",
    "ليست",
    "غير",
    "عدم",
    "دون",
    "بدون",
    "نفي",
    "ينفي",
    "تنفي",
    "نفت",
    "تنفى",
    "ينكر",
    "تنكر",
    "انكر",
    "يستبعد",
    "تستبعد",
    "استبعد",
    "كذب",
    "تكذب",
    "يكذب",
];

/// Pairs of opposite meanings, written for marsad: each is (one side, the other side). A headline pair
/// disagrees when one uses a word of one side and the other a word of the other side only.
pub const OPPOSITES: &[(&[&str], &[&str])] = &[
    (
        &[
            "ارتفاع",
            "يرتفع",
            "ترتفع",
            "ارتفع",
            "ارتفعت",
            "صعود",
            "يصعد",
            "تصعد",
            "صعد",
            "قفزة",
            "يقفز",
            "تقفز",
            "قفز",
            "زيادة",
            "يزيد",
            "تزيد",
            "مكاسب",
            "يكسب",
            "تكسب",
            "أعلى",
            "نمو",
            "ينمو",
            "تنمو",
            "تعافي",
            "يتعافى",
            "انتعاش",
            "ينتعش",
            "رفع",
            "يرفع",
            "ترفع",
            "مرتفع",
        ],
        &[
            "انخفاض",
            "ينخفض",
            "تنخفض",
            "انخفض",
            "انخفضت",
            "هبوط",
            "يهبط",
            "تهبط",
            "هبط",
            "تراجع",
            "يتراجع",
            "تتراجع",
            "تراجعت",
            "خسائر",
            "يخسر",
            "تخسر",
            "أدنى",
            "تدهور",
            "يتدهور",
            "انهيار",
            "ينهار",
            "تنهار",
            "خفض",
            "يخفض",
            "تخفض",
            "تفقد",
            "يفقد",
            "منخفض",
            "انكماش",
            "نقص",
            "تهوي",
            "يهوي",
            "تخفيض",
        ],
    ),
    (
        &[
            "فوز",
            "يفوز",
            "تفوز",
            "فاز",
            "فازت",
            "انتصار",
            "ينتصر",
            "تنتصر",
            "يتأهل",
            "تأهل",
        ],
        &[
            "خسارة",
            "يخسر",
            "تخسر",
            "خسر",
            "خسرت",
            "هزيمة",
            "يهزم",
            "تهزم",
            "إقصاء",
            "يقصى",
            "خروج",
        ],
    ),
    (
        &[
            "يوافق",
            "توافق",
            "وافق",
            "وافقت",
            "موافقة",
            "قبول",
            "يقبل",
            "تقبل",
            "يؤيد",
            "تؤيد",
            "تأييد",
            "يرحب",
            "ترحب",
        ],
        &[
            "يرفض",
            "ترفض",
            "رفض",
            "رفضت",
            "معارضة",
            "يعارض",
            "تعارض",
            "يندد",
            "تندد",
        ],
    ),
    (
        &[
            "فتح",
            "يفتح",
            "تفتح",
            "افتتاح",
            "يفتتح",
            "تفتتح",
            "إعادة فتح",
        ],
        &["إغلاق", "يغلق", "تغلق", "أغلق", "أغلقت", "غلق"],
    ),
    (
        &[
            "بدء",
            "يبدأ",
            "تبدأ",
            "بدأ",
            "بدأت",
            "استئناف",
            "يستأنف",
            "تستأنف",
            "انطلاق",
            "تنطلق",
            "ينطلق",
            "يباشر",
            "يباشرون",
            "تباشر",
        ],
        &[
            "وقف",
            "توقف",
            "يوقف",
            "توقف",
            "تعليق",
            "يعلق",
            "تعلق",
            "إيقاف",
            "تأجيل",
            "يؤجل",
            "تؤجل",
            "إلغاء",
            "يلغي",
            "تلغي",
            "ألغى",
        ],
    ),
    (
        &["نجاح", "ينجح", "تنجح", "نجح", "نجحت", "إنجاز"],
        &["فشل", "يفشل", "تفشل", "فشلت", "إخفاق", "تخفق", "يخفق"],
    ),
    (
        &["هدوء", "تهدئة", "سلام", "هدنة"],
        &["مواجهات", "اشتباكات", "تصعيد", "حرب", "توتر", "معارك"],
    ),
    (
        &["اعتقال", "القبض", "توقيف", "سجن", "حبس", "احتجاز"],
        &[
            "الإفراج",
            "إطلاق سراح",
            "يفرج",
            "تفرج",
            "براءة",
            "تبرئة",
            "يبرئ",
        ],
    ),
    (
        &["يسمح", "تسمح", "السماح", "سمحت", "يجيز", "تجيز"],
        &["حظر", "يحظر", "تحظر", "منع", "يمنع", "تمنع", "حرمان"],
    ),
    (
        &["حضور", "يحضر", "تحضر", "يشارك", "تشارك", "مشاركة"],
        &["غياب", "يغيب", "تغيب", "يقاطع", "تقاطع", "مقاطعة"],
    ),
    (
        &["دعم", "يدعم", "تدعم", "مساعدة", "يساعد"],
        &["عقوبات", "يعاقب", "تعاقب", "عقاب"],
    ),
    (
        &["كبير", "كبيرة", "أكبر", "ضخم", "ضخمة"],
        &["صغير", "صغيرة", "أصغر", "ضئيل", "محدود"],
    ),
    (&["قبل"], &["بعد"]),
    (&["اتفاق", "توافق", "تفاهم"], &["خلاف", "خلافات", "نزاع"]),
    (
        &["استمرار", "يستمر", "تستمر", "يواصل", "تواصل"],
        &["توقف", "وقف", "يتوقف", "انتهاء", "ينتهي"],
    ),
    (
        &["يمنح", "تمنح", "منح", "منحت"],
        &["يمنع", "تمنع", "منعت", "منع", "يحرم", "تحرم"],
    ),
    (
        &["إعدام", "الإعدام", "إدانة", "يدين"],
        &["براءة", "ببراءة", "تبرئة"],
    ),
];

static NEGATION_SET: LazyLock<HashSet<String>> = LazyLock::new(|| {
    NEGATIONS
        .iter()
        .map(|w| normalize_str(w, Profile::Search))
        .collect()
});

/// Each side of each pair as normalised word sequences (some entries are two words).
static OPPOSITE_SETS: LazyLock<Vec<[HashSet<String>; 2]>> = LazyLock::new(|| {
    let side = |ws: &[&str]| -> HashSet<String> {
        ws.iter()
            .map(|w| {
                normalize_str(w, Profile::Search)
                    .split_whitespace()
                    .map(|p| stem(p).to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    };
    OPPOSITES.iter().map(|(a, b)| [side(a), side(b)]).collect()
});

struct Headline {
    words: Vec<String>,
    stems: Vec<String>,
    terms: HashSet<String>,
    negations: usize,
    slots: Vec<SlotMention>,
}

impl Headline {
    fn read(text: &str) -> Headline {
        let norm = normalize_str(text, Profile::Search);
        let words: Vec<String> = words(&norm).map(str::to_string).collect();
        let stems: Vec<String> = words.iter().map(|w| stem(w).to_string()).collect();
        // "لا تزال" / "لا يزال" mean "still": not a negation.
        let still = |i: usize| {
            words
                .get(i + 1)
                .is_some_and(|n| matches!(n.as_str(), "تزال" | "يزال" | "زال" | "زالت"))
        };
        let negations = (0..words.len())
            .filter(|&i| !still(i))
            .map(|i| &words[i])
            .filter(|w| {
                NEGATION_SET.contains(w.as_str()) || NEGATION_SET.contains(strip_clitic(w, 2))
            })
            .count();
        let terms = words
            .iter()
            .filter(|w| !is_stop_word(w) && !NEGATION_SET.contains(w.as_str()))
            .map(|w| stem(w).to_string())
            .filter(|s| s.chars().count() > 1)
            .collect();
        let mut slots = Vec::new();
        sentence_mentions(text, &marsad_dates::find_dates(text, None), 0, &mut slots);
        Headline {
            words,
            stems,
            terms,
            negations,
            slots,
        }
    }

    /// Which sides of [`OPPOSITES`] it uses: bit 0 for the first side, bit 1 for the second, per pair.
    fn sides(&self) -> Vec<u8> {
        OPPOSITE_SETS
            .iter()
            .map(|pair| {
                let mut bits = 0;
                for (side, set) in pair.iter().enumerate() {
                    let hit = (0..self.stems.len()).any(|i| {
                        let one = &self.stems[i];
                        let bare = stem(strip_clitic(&self.words[i], 3));
                        let two = self.stems.get(i + 1).map(|n| format!("{one} {n}"));
                        set.contains(one)
                            || set.contains(bare)
                            || two.is_some_and(|t| set.contains(&t))
                    });
                    if hit {
                        bits |= 1 << side;
                    }
                }
                bits
            })
            .collect()
    }
}

/// Why [`headline_stance`] decided as it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StanceCues {
    pub overlap_low: bool,
    pub slot_conflict: bool,
    pub negation_mismatch: bool,
    pub opposite_words: bool,
}

/// The stance of headline `b` towards headline `a`.
pub fn headline_stance(a: &str, b: &str) -> Stance {
    headline_stance_with(a, b, &StanceConfig::default()).0
}

/// [`headline_stance`] with explicit knobs, also returning the cues that fired.
pub fn headline_stance_with(a: &str, b: &str, config: &StanceConfig) -> (Stance, StanceCues) {
    let (ha, hb) = (Headline::read(a), Headline::read(b));
    let shared = ha.terms.intersection(&hb.terms).count();
    let smaller = ha.terms.len().min(hb.terms.len()).max(1);
    let mut cues = StanceCues {
        overlap_low: (shared as f64) / (smaller as f64) < config.min_overlap,
        ..StanceCues::default()
    };
    // Headlines are one claim each: numbers and dates of the same kind and key compare without the
    // context test that articles need.
    cues.slot_conflict = ha.slots.iter().any(|x| {
        hb.slots.iter().any(|y| {
            x.kind == y.kind
                && x.kind != SlotKind::HappeningDate
                && x.key == y.key
                && !x.value.compatible(&y.value)
        })
    });
    cues.negation_mismatch = (ha.negations % 2) != (hb.negations % 2);
    cues.opposite_words = ha
        .sides()
        .iter()
        .zip(hb.sides())
        .any(|(x, y)| (*x == 1 && y == 2) || (*x == 2 && y == 1));
    let stance = if cues.overlap_low && !cues.slot_conflict {
        Stance::Unrelated
    } else if cues.slot_conflict || (cues.negation_mismatch != cues.opposite_words) {
        Stance::Disagree
    } else {
        Stance::Agree
    };
    (stance, cues)
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_model::Document;

    fn doc(
        source: &str,
        outlet: Option<&str>,
        published: Option<jiff::civil::Date>,
        text: &[&str],
    ) -> Document {
        let mut d = Document::new(source, text.iter().map(|s| s.to_string()).collect());
        d.outlet = outlet.map(str::to_string);
        d.published = published;
        d
    }

    fn run(docs: &[&Document]) -> Vec<Contradiction> {
        let evidence = Evidence {
            documents: docs.to_vec(),
            ..Default::default()
        };
        find(&evidence, &crate::text::split(&evidence.documents))
    }

    fn values(c: &Contradiction) -> Vec<(&str, usize)> {
        c.values
            .iter()
            .map(|v| (v.value.as_str(), v.documents.len()))
            .collect()
    }

    #[test]
    fn two_outlets_date_one_truce_differently() {
        // Our own wording of the seeds' case: the same accord, dated 6 and 9 June by two outlets, while
        // a third gives only the month and a fourth mentions a different happening (a rally) in the
        // same sentence.
        let when = Some(jiff::civil::date(2025, 9, 2));
        let a = doc(
            "a",
            Some("الرائد"),
            when,
            &["وطالبت الوزارة الفصائل بالالتزام بالاتفاق الموقع مع الحكومة المركزية في 6 حزيران."],
        );
        let b = doc(
            "b",
            Some("المنبر"),
            when,
            &["وهددت الوزارة بعملية إذا لم تلتزم الفصائل باتفاق 9 حزيران مع الحكومة المركزية."],
        );
        let c = doc(
            "c",
            Some("الصدى"),
            when,
            &["وقالت إن الفصائل لم تنفذ بنود الاتفاق المبرم في حزيران مع الحكومة."],
        );
        let d = doc(
            "d",
            Some("الرائد"),
            when,
            &["وانتقدت الوزارة خطاب الفصائل في مؤتمرها بتاريخ 28 آب."],
        );
        let found = run(&[&a, &b, &c, &d]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].about.starts_with("date: "), "{}", found[0].about);
        assert_eq!(
            values(&found[0]),
            [("2025-06-06", 1), ("2025-06-09", 1), ("2025-06", 1)]
        );
    }

    #[test]
    fn same_outlet_disagreeing_with_itself_is_not_reported() {
        let a = doc(
            "a",
            Some("الرائد"),
            None,
            &["أصيب 5 أشخاص في انهيار جسر المشاة."],
        );
        let b = doc(
            "b",
            Some("الرائد"),
            None,
            &["ارتفع عدد المصابين في انهيار جسر المشاة إلى 8 مصابين."],
        );
        assert!(run(&[&a, &b]).is_empty());
        // Unknown outlets count as their own sources.
        let c = doc("c", None, None, &["أصيب 5 أشخاص في انهيار جسر المشاة."]);
        let d = doc(
            "d",
            None,
            None,
            &["ارتفع عدد المصابين في انهيار جسر المشاة إلى 8 مصابين."],
        );
        assert_eq!(run(&[&c, &d]).len(), 1);
    }

    #[test]
    fn relative_and_absolute_dates_of_one_signing_agree() {
        let a = doc(
            "a",
            Some("س"),
            Some(jiff::civil::date(2025, 4, 17)),
            &["وقّع الوزيران أمس الأربعاء اتفاقية للنقل البحري."],
        );
        let b = doc(
            "b",
            Some("ص"),
            Some(jiff::civil::date(2025, 4, 18)),
            &["وكانت اتفاقية النقل البحري قد وُقّعت في 16 نيسان."],
        );
        assert!(run(&[&a, &b]).is_empty());
    }

    #[test]
    fn vague_and_approximate_counts_do_not_contradict() {
        let a = doc(
            "a",
            Some("س"),
            None,
            &["يشارك في المهرجان أكثر من 200 فرقة موسيقية."],
        );
        let b = doc(
            "b",
            Some("ص"),
            None,
            &["تشارك 240 فرقة موسيقية في المهرجان."],
        );
        let c = doc(
            "c",
            Some("ع"),
            None,
            &["يضم المهرجان نحو 250 فرقة موسيقية."],
        );
        assert!(run(&[&a, &b, &c]).is_empty());
        let d = doc(
            "d",
            Some("ق"),
            None,
            &["تشارك 310 فرقة موسيقية في المهرجان."],
        );
        let found = run(&[&a, &b, &c, &d]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            values(&found[0]),
            [("240", 1), ("310", 1), (">200", 1), ("~250", 1)]
        );
    }

    #[test]
    fn amounts_in_any_digits_and_a_rejected_value() {
        let a = doc("a", Some("س"), None, &["وتبلغ كلفة الجسر ٢٫٤ مليار دولار."]);
        let b = doc(
            "b",
            Some("ص"),
            None,
            &["قال مصدر إن كلفة الجسر تبلغ 2.7 مليار دولار، لا 2.4 مليار كما أُعلن."],
        );
        let c = doc("c", Some("ع"), None, &["بكلفة 2.4 مليار دولار لإنشاء الجسر."]);
        let found = run(&[&a, &b, &c]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            values(&found[0]),
            [("2400000000 USD", 2), ("2700000000 USD", 1)]
        );
    }

    #[test]
    fn killed_and_injured_are_different_slots() {
        let a = doc(
            "a",
            Some("س"),
            None,
            &["أسفر القصف عن مقتل 4 مدنيين وإصابة 11 آخرين."],
        );
        let b = doc("b", Some("ص"), None, &["قتل 4 مدنيين وأصيب 15 في القصف."]);
        let found = run(&[&a, &b]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].about, "number injured (مصابون)");
        assert_eq!(values(&found[0]), [("11", 1), ("15", 1)]);
    }

    #[test]
    fn headline_stance_cues() {
        assert_eq!(
            headline_stance(
                "ارتفاع أسعار القمح في الأسواق",
                "تراجع أسعار القمح في الأسواق"
            ),
            Stance::Disagree
        );
        assert_eq!(
            headline_stance("الوزير يزور العاصمة", "الوزير لن يزور العاصمة"),
            Stance::Disagree
        );
        assert_eq!(
            headline_stance(
                "البرلمان يرفض مشروع القانون",
                "البرلمان لا يوافق على مشروع القانون"
            ),
            Stance::Agree
        );
        assert_eq!(
            headline_stance(
                "مقتل 3 في حادث سير على الطريق الصحراوي",
                "مقتل 7 في حادث سير على الطريق الصحراوي"
            ),
            Stance::Disagree
        );
        assert_eq!(
            headline_stance("أسعار القمح ترتفع في الأسواق", "ارتفاع جديد لأسعار القمح"),
            Stance::Agree
        );
        assert_eq!(
            headline_stance(
                "افتتاح معرض للكتاب في المدينة",
                "فريق الكرة يخسر المباراة النهائية"
            ),
            Stance::Unrelated
        );
    }
}
