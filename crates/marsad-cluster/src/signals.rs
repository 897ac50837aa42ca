//! The evidence that a document belongs to an event, one [`Signal`] per kind, and the [`Scorer`] that turns
//! the signals into a probability (logistic regression).
//!
//! Built in: [`CentroidCosine`] (TF-IDF of the whole text against the event's), [`TimeProximity`],
//! [`SharedPassages`] (a wire paragraph the document shares with a member), [`EntityOverlap`] (fed only by
//! `marsad eval clustering --entities`; weight 0, see the constants below), [`SameOutlet`], and the
//! headline-and-lead signals that model the annotation rule (same news peg, not same topic): [`PegTitle`],
//! [`PegLead`] and [`PegTime`] (against the event's first document), [`TitleCentroid`] (against all its
//! headlines), [`MemberLead`] and [`NewHeadlineSubject`] (another actor at the head of the headline); and
//! [`ContentTime`], text agreement times nearness in time (an interaction the sum of the others cannot
//! express). A new signal is a struct that implements [`Signal`], added to a scorer with its weight.
//!
//! Left out on purpose: the best cosine of the whole text or the title with any one member, and the event's
//! size. Leave-one-day-out over four labelled days (`marsad eval clustering --cross-validate --without …`)
//! showed they let an event chain from member to member across a day's topic (every Douma reaction into one
//! event) and large events grow larger: with them the held-out pairwise F1 was 0.643 on average and fell
//! to 0.17 on one day; without them 0.666 and no day below 0.62.
//!
//! The default weights ([`Scorer::default`]) were fitted by `marsad eval clustering --fit` on the labelled
//! days; see the constants below.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::vector::SparseVec;
use marsad_model::DocumentId;

/// What a signal sees of the document being placed.
#[derive(Debug)]
pub struct DocView<'a> {
    pub vector: &'a SparseVec,
    pub title: &'a SparseVec,
    /// Title and lead.
    pub peg: &'a SparseVec,
    /// Seconds since the epoch.
    pub time: Option<i64>,
    pub outlet: Option<&'a str>,
    pub entities: &'a [String],
    pub shared_with: &'a [DocumentId],
    /// The first content words of its headline (who acts, in most Arabic headlines).
    pub head: &'a [u64],
}

/// One earlier document of an event, as kept for scoring.
#[derive(Debug, Clone)]
pub struct MemberView {
    pub title: SparseVec,
    pub peg: SparseVec,
    pub time: Option<i64>,
    pub outlet: Option<String>,
}

/// What a signal sees of a candidate event.
#[derive(Debug)]
pub struct EventView<'a> {
    pub centroid: &'a SparseVec,
    /// The normalised sum of its documents' title vectors.
    pub title_centroid: &'a SparseVec,
    /// The vocabulary of its news peg: headline words and main text terms of its first documents.
    pub core_terms: &'a FxHashSet<u64>,
    /// The first member (its peg) and the most recent ones.
    pub members: &'a [MemberView],
    pub entities: &'a FxHashMap<String, u32>,
    pub documents: &'a FxHashSet<DocumentId>,
}

/// One kind of evidence, scored in about [0, 1].
pub trait Signal: Send + Sync + std::fmt::Debug {
    fn name(&self) -> &'static str;
    fn score(&self, doc: &DocView<'_>, event: &EventView<'_>) -> f32;
    /// The score, given the values of the signals before this one in its scorer (in order): a signal made
    /// of others reads them here instead of computing them again. By default, [`Signal::score`].
    fn score_after(&self, doc: &DocView<'_>, event: &EventView<'_>, _before: &[f32]) -> f32 {
        self.score(doc, event)
    }
    /// The lowest and highest values the signal can take, where they are known. A signal that gives them
    /// may be left uncomputed when the others already show that an event cannot reach the threshold
    /// whatever its value ([`Scorer::features_reaching`]), and computed last otherwise: no other signal may
    /// read its value through `before`. By default, unknown.
    fn range(&self) -> Option<(f32, f32)> {
        None
    }
}

/// Cosine of the document's TF-IDF vector with the event centroid.
#[derive(Debug, Clone, Copy)]
pub struct CentroidCosine;
impl Signal for CentroidCosine {
    fn name(&self) -> &'static str {
        "centroid_cosine"
    }
    fn score(&self, doc: &DocView<'_>, event: &EventView<'_>) -> f32 {
        doc.vector.dot(event.centroid)
    }
}

/// Cosine of the document's title with the title of the event's first document, its news peg. It does not
/// follow the event as it drifts: the annotation rule (the ANT labels' README) joins reports whose headline
/// and lead give the same happening, and a reaction that resembles the last report but not the peg is
/// another event.
#[derive(Debug, Clone, Copy)]
pub struct PegTitle;
impl Signal for PegTitle {
    fn name(&self) -> &'static str {
        "peg_title"
    }
    fn score(&self, doc: &DocView<'_>, event: &EventView<'_>) -> f32 {
        event
            .members
            .first()
            .map_or(0.0, |m| doc.title.dot(&m.title))
    }
}

/// Cosine of the document's title with the event's summed titles: what the event's headlines say in
/// common, so one odd headline among its members does not decide.
#[derive(Debug, Clone, Copy)]
pub struct TitleCentroid;
impl Signal for TitleCentroid {
    fn name(&self) -> &'static str {
        "title_centroid"
    }
    fn score(&self, doc: &DocView<'_>, event: &EventView<'_>) -> f32 {
        doc.title.dot(event.title_centroid)
    }
}

/// Share of the document's headline head (its first content words) that the event's news peg does not
/// name: "أبو الغيط: افتتاح السفارة خطوة خطيرة" beside an event whose first reports are about the embassy
/// opening is another actor's statement, which the annotation rule makes an event of its own, however
/// close its words are to the event's. The peg is the event's first documents, headlines and the main
/// terms of their text: the protagonist or the targeted party their text names (Moscow, in the first
/// reports of Britain expelling Russian diplomats) is not another actor, and the actors of reactions
/// that joined later do not make the next reaction look known. Measured against every member's
/// headline instead, one day's reactions to a decision chained into one event (held-out pairwise F1
/// 0.22 on 2018-05-09).
#[derive(Debug, Clone, Copy)]
pub struct NewHeadlineSubject;
impl Signal for NewHeadlineSubject {
    fn name(&self) -> &'static str {
        "new_headline_subject"
    }
    fn score(&self, doc: &DocView<'_>, event: &EventView<'_>) -> f32 {
        if doc.head.is_empty() || event.core_terms.is_empty() {
            return 0.0;
        }
        let new = doc
            .head
            .iter()
            .filter(|t| !event.core_terms.contains(*t))
            .count();
        new as f32 / doc.head.len() as f32
    }
}

/// Cosine of the document's title and lead with those of the event's first document: the annotation rule
/// joins reports whose "headline and lead" give the same happening, and bodies that share a topic (every
/// report of a war's day) do not.
#[derive(Debug, Clone, Copy)]
pub struct PegLead;
impl Signal for PegLead {
    fn name(&self) -> &'static str {
        "peg_lead"
    }
    fn score(&self, doc: &DocView<'_>, event: &EventView<'_>) -> f32 {
        event.members.first().map_or(0.0, |m| doc.peg.dot(&m.peg))
    }
}

/// Highest cosine of the document's title and lead with any member's.
#[derive(Debug, Clone, Copy)]
pub struct MemberLead;
impl Signal for MemberLead {
    fn name(&self) -> &'static str {
        "member_lead"
    }
    fn score(&self, doc: &DocView<'_>, event: &EventView<'_>) -> f32 {
        event
            .members
            .iter()
            .map(|m| doc.peg.dot(&m.peg))
            .fold(0.0, f32::max)
    }
    /// A cosine of vectors without negative weights. Its dozen cosines per candidate are most of the
    /// scoring's cost, and most candidates are ruled out without them.
    fn range(&self) -> Option<(f32, f32)> {
        Some((0.0, 1.0))
    }
}

/// exp(-hours / scale) of a gap, or 0.5 when it is unknown: how the time signals turn a gap into evidence.
fn time_decay(gap_seconds: Option<u64>, scale_hours: f32) -> f32 {
    gap_seconds.map_or(0.5, |seconds| {
        (-(seconds as f32 / 3600.0) / scale_hours).exp()
    })
}

/// exp(-hours / scale) of the gap to the nearest member in time; 0.5 when times are unknown.
#[derive(Debug, Clone, Copy)]
pub struct TimeProximity {
    pub scale_hours: f32,
}
impl Signal for TimeProximity {
    fn name(&self) -> &'static str {
        "time_proximity"
    }
    fn score(&self, doc: &DocView<'_>, event: &EventView<'_>) -> f32 {
        let gap = doc.time.and_then(|t| {
            event
                .members
                .iter()
                .filter_map(|m| m.time)
                .map(|mt| (t - mt).unsigned_abs())
                .min()
        });
        time_decay(gap, self.scale_hours)
    }
}

/// [`CentroidCosine`] times [`TimeProximity`]: nearness in time, counted only as far as the text agrees.
///
/// The scorer adds its signals up (logistic regression), so on their own the two time signals lifted any
/// event opened in the last hours: an unrelated report of the same hour, sharing a few common words
/// (cosine 0.1), could cross the threshold on time alone. With this product the fit moves weight from
/// time alone to time with text: leave-one-day-out over ten labelled days, held-out pairwise F1 0.648 →
/// 0.668 on average, higher on eight days of ten (see the constants below).
#[derive(Debug, Clone, Copy)]
pub struct ContentTime {
    pub scale_hours: f32,
    /// Where [`CentroidCosine`] and a [`TimeProximity`] of the same scale sit among the signals before
    /// this one, when they do: their values are then multiplied, not computed again.
    pub reuse: Option<(usize, usize)>,
}
impl Signal for ContentTime {
    fn name(&self) -> &'static str {
        "content_time"
    }
    fn score(&self, doc: &DocView<'_>, event: &EventView<'_>) -> f32 {
        let time = TimeProximity {
            scale_hours: self.scale_hours,
        };
        CentroidCosine.score(doc, event) * time.score(doc, event)
    }
    fn score_after(&self, doc: &DocView<'_>, event: &EventView<'_>, before: &[f32]) -> f32 {
        self.reuse
            .and_then(|(text, time)| Some(before.get(text)? * before.get(time)?))
            .unwrap_or_else(|| self.score(doc, event))
    }
}

/// exp(-hours / scale) of the gap to the event's first document, its news peg; 0.5 when either time is
/// unknown. [`TimeProximity`] measures the gap to the nearest member, which a day of follow-ups keeps short
/// however far they have moved from the happening; the annotation rule makes most of those follow-ups
/// (another actor's statement, a next-day speech, new measures) events of their own.
#[derive(Debug, Clone, Copy)]
pub struct PegTime {
    pub scale_hours: f32,
}
impl Signal for PegTime {
    fn name(&self) -> &'static str {
        "peg_time"
    }
    fn score(&self, doc: &DocView<'_>, event: &EventView<'_>) -> f32 {
        let peg = event.members.first().and_then(|m| m.time);
        let gap = doc.time.zip(peg).map(|(t, p)| (t - p).unsigned_abs());
        time_decay(gap, self.scale_hours)
    }
}

/// 1 when the document shares a passage (wire copy) with a document of the event.
#[derive(Debug, Clone, Copy)]
pub struct SharedPassages;
impl Signal for SharedPassages {
    fn name(&self) -> &'static str {
        "shared_passages"
    }
    fn score(&self, doc: &DocView<'_>, event: &EventView<'_>) -> f32 {
        f32::from(u8::from(
            doc.shared_with.iter().any(|d| event.documents.contains(d)),
        ))
    }
}

/// How much of the event names the document's entities (ids or name keys): for each entity, the share of
/// the event's documents that name it, averaged over the document's entities; 0 without entities. A share,
/// not a yes/no, so that a name one member of a large event mentioned in passing does not pull in every
/// report about that person.
#[derive(Debug, Clone, Copy)]
pub struct EntityOverlap;
impl Signal for EntityOverlap {
    fn name(&self) -> &'static str {
        "entity_overlap"
    }
    fn score(&self, doc: &DocView<'_>, event: &EventView<'_>) -> f32 {
        if doc.entities.is_empty() {
            return 0.0;
        }
        let members = event.documents.len().max(1) as f32;
        let shared: f32 = doc
            .entities
            .iter()
            .filter_map(|e| event.entities.get(e))
            .map(|&n| (n as f32 / members).min(1.0))
            .sum();
        shared / doc.entities.len() as f32
    }
}

/// Share of the event's members from the document's own outlet (an outlet rarely files the same happening
/// twice).
#[derive(Debug, Clone, Copy)]
pub struct SameOutlet;
impl Signal for SameOutlet {
    fn name(&self) -> &'static str {
        "same_outlet"
    }
    fn score(&self, doc: &DocView<'_>, event: &EventView<'_>) -> f32 {
        let Some(outlet) = doc.outlet else { return 0.0 };
        if event.members.is_empty() {
            return 0.0;
        }
        let same = event
            .members
            .iter()
            .filter(|m| m.outlet.as_deref() == Some(outlet))
            .count();
        same as f32 / event.members.len() as f32
    }
}

/// Logistic regression over signals: p = σ(bias + Σ wᵢ·sᵢ). A document joins its most probable candidate
/// event when p ≥ `threshold`, else it opens a new event.
#[derive(Debug)]
pub struct Scorer {
    pub signals: Vec<Box<dyn Signal>>,
    pub weights: Vec<f32>,
    pub bias: f32,
    pub threshold: f32,
}

/// The time scale of the built-in time signals ([`TimeProximity`], [`PegTime`], [`ContentTime`]): a day.
/// Leave-one-day-out over the twenty-six labelled days, each fold refitted at the scale (mean BCubed F1 /
/// pairwise F1 of the held-out days): 12 hours 0.925 / 0.666, 24 hours 0.928 / 0.696, 36 hours 0.931 /
/// 0.694, 48 hours 0.931 / 0.691. Past a day the differences are smaller than a single day's swing from
/// one scale to the next (up to 0.12 pairwise), so the scale stays at a day; half a day is clearly worse.
/// A scale of its own for [`PegTime`], the others at a day, did no better: 12 hours 0.927 / 0.694, 48 hours
/// 0.930 / 0.684.
const TIME_SCALE_HOURS: f32 = 24.0;

// Fitted with `marsad eval clustering --fit` on all ten labelled days, 2018-02-20, 03-14, 03-18, 03-20,
// 03-27, 04-04, 04-10, 05-09, 05-14 and 06-04 (the two dev days of ../shared/data/ant-events-dev and our own
// eight in eval/clustering/): logistic regression (L2 1e-3, 4000 steps of batch gradient descent) on the
// teacher-forced candidate pairs of every labelled article, features in the order of
// `Scorer::builtin_signals`, IDF with the `vector::PRIOR_DOCS` prior; the threshold was then chosen on the
// same days (best mean of BCubed and pairwise F1, averaged over the thresholds within 0.02 of it).
//
// The fit runs twice: the teacher forcing must place the days' unlabelled articles somehow, and so that
// nothing depends on the weights shipped at the time, the first round lets each of them open its own event
// and the second places them with the first round's scorer.
//
// What to expect on a day not fitted on is what `--cross-validate` reports: each day scored by weights
// fitted on the other nine, mean BCubed F1 0.925, pairwise F1 0.668; without `content_time` (`--without
// content_time`), 0.917 / 0.648. Over the seven days labelled first, 0.921 / 0.679 with it and 0.915 /
// 0.670 without. The lowest pairwise F1 is 2018-05-14's 0.433 (the embassy opening's reports split over
// two events), then 2018-03-18's 0.500 (the Russian election's live page opened its own event). The
// previous weights, fitted on seven days without `content_time`, scored the three days labelled after them
// (2018-02-20, 03-27, 06-04) at BCubed F1 0.942, 0.912, 0.935 and pairwise F1 0.636, 0.556, 0.669.
//
// Three more days were labelled after these weights (2018-03-01, 04-30, 05-24): they score BCubed F1
// 0.956, 0.935, 0.925 and pairwise F1 0.625, 0.691, 0.701 on them. Cross-validated over all thirteen days:
// 0.924 / 0.659. Refitted on the thirteen, the threshold fell to 0.11 and the thirteen days scored lower
// (pooled BCubed 0.922, pairwise 0.650, against these weights' 0.929 / 0.674), so these stay.
//
// Three more after that (2018-03-23, 04-13, 05-17): BCubed F1 0.920, 0.915, 0.985 and pairwise F1 0.740,
// 0.670, 0.900 (the thirteen-day refit: 0.927, 0.911, 0.976 and 0.753, 0.656, 0.847). Over the six days
// labelled after these weights, mean BCubed F1 0.939 and pairwise F1 0.721; cross-validated over all
// sixteen days, 0.926 / 0.659.
//
// Four more after that (2018-03-11, 04-16, 05-03, 05-30): BCubed F1 0.954, 0.916, 0.958, 0.914 and pairwise
// F1 0.800, 0.452, 0.783, 0.686. Over the ten days labelled after these weights, mean BCubed F1 0.938 and
// pairwise F1 0.705 (five of the ten below 0.70); the folds of the twenty-day cross-validation, each
// fitted on nineteen days, score those ten at 0.704, so refitting on more days has not helped. Over all
// twenty days held out one at a time: 0.928 / 0.686 (pooled 0.927 / 0.671).
//
// Since shared passages compare only documents of different outlets (an outlet's own repeated lines, such
// as an app promotion under every article, had fed `shared_passage` between unrelated reports), these
// weights score the ten later days at 0.941 / 0.713 and all twenty at 0.935 / 0.701 (pooled pairwise
// precision 0.743 -> 0.778); cross-validated over the twenty, 0.930 / 0.694 (pooled 0.930 / 0.686).
//
// Four more days labelled after that (2018-04-07, 04-24, 05-21, 06-07): BCubed F1 0.946, 0.920, 0.936,
// 0.955 and pairwise F1 0.834, 0.592, 0.587, 0.810. Over the fourteen days labelled after these weights,
// mean 0.940 / 0.711 (six of the fourteen below 0.70; the cross-validation folds score them 0.712).
// Cross-validated over all twenty-four days: mean 0.931 / 0.701, pooled 0.931 / 0.692.
//
// The last two days that meet the labelling rule (2018-05-06, 05-27): BCubed F1 0.901, 0.883 and pairwise F1
// 0.632, 0.578. Over the sixteen days labelled after these weights, mean 0.934 / 0.698 (eight below 0.70;
// the folds score them 0.701). Cross-validated over all twenty-six days: mean 0.928 / 0.696, pooled 0.929 /
// 0.683.
//
// Four days labelled under a relaxed rule (2018-03-16, 05-11, 06-18, 07-10; `eval/clustering/README.md`),
// with a test written down before scoring them: BCubed F1 0.938, 0.930, 0.886, 0.933 and pairwise F1
// 0.778, 0.667, 0.404, 0.769 (mean 0.922 / 0.655). No variant tried (120 terms per vector, IDF not raised,
// a headline-and-lead to centroid signal), fitted on the twenty-six days, beat these weights there by the
// margin set beforehand; refitted on the twenty-six days, these signals did worse (0.915 / 0.621). Over
// the twenty days labelled after these weights: mean 0.932 / 0.689, ten below 0.70. Cross-validated over
// all thirty days: mean 0.926 / 0.675 (standard error over days 0.005 / 0.023), pooled 0.926 / 0.665.
//
// Four days held out unscored for one test (2018-02-26, 04-02, 06-01, 06-28): BCubed F1 0.942, 0.938,
// 0.929, 0.933 and pairwise F1 0.690, 0.686, 0.714, 0.691 (mean 0.936 / 0.695). IDF not raised, fitted on
// the thirty days, scored 0.932 / 0.690 there and failed the test. Over the twenty-four days labelled
// after these weights: mean 0.932 / 0.690, thirteen below 0.70.
//
// Two more held-out sets, each with its test written first (`eval/clustering/held-out/README.md`): on
// 2018-03-25, 03-31, 06-12, 06-14 these weights score 0.902 / 0.488 (the Trump–Kim summit day 0.893 /
// 0.231), and neither name skeletons in the term vectors nor a refit on thirty-four days passed; on
// 2018-02-23, 06-10, 06-21, 08-14 they score 0.944 / 0.722, and framing words left out of the headline head
// did not pass. A fourth, 2018-02-17, 04-19, 06-25, 07-17: 0.940 / 0.712 (2018-06-25 0.866 / 0.397); the
// news peg widened to an event's first three documents did not pass the gate (forty-two days
// cross-validated: +0.002 pairwise, paired standard error 0.005). Over the thirty-six days labelled after
// these weights: mean 0.931 / 0.674, nineteen below 0.70. Cross-validated over forty-two days: mean 0.926 /
// 0.670, pooled 0.926 / 0.647.
//
// The threshold is chosen for pairwise F1 alone since the fifth held-out set (2018-03-29, 04-26, 06-30,
// 07-20): at 0.13, chosen for the mean of BCubed and pairwise F1, the four days scored 0.924 / 0.516; at
// 0.11, the best for pairwise F1 over the forty-six days labelled before, 0.926 / 0.544, which passed the
// test written down before scoring them (and a forty-two-day cross-validation gate: +0.004 pairwise, paired
// standard error 0.002). Over the forty days labelled after these weights: 0.929 / 0.667 at 0.11 against
// 0.930 / 0.658 at 0.13 (paired standard error 0.007; twenty-three days below 0.70 either way). A sixth
// held-out set (2018-07-03, 07-06, 07-15, 08-10), kept to replicate the change, did not: 0.906 / 0.473 at
// 0.11 against 0.907 / 0.486 at 0.13 (paired standard error 0.023). Over the eight days not used to choose
// 0.11 the two are level (0.916 / 0.509 and 0.916 / 0.501); over the forty-four days labelled after these
// weights, 0.927 / 0.649 at 0.11 and 0.928 / 0.642 at 0.13, twenty-seven days below 0.70 either way.
//
// The entity weight is 0: with the persons and organisations of headline and lead fed in (`--entities`)
// the held-out scores did not rise (on four days), and detecting them costs about a quarter of the
// pipeline's time. The threshold is low because same-event pairs are rare among candidates (about 3 %), so
// the fitted probabilities are low.
const WEIGHTS: [f32; 12] = [
    1.437, 2.384, 0.679, 0.0, -0.552, 0.49, 0.926, -1.252, 1.312, 1.687, 1.523, 1.768,
];
const BIAS: f32 = -6.065;
const THRESHOLD: f32 = 0.11;

impl Default for Scorer {
    fn default() -> Self {
        Scorer::with_weights(&WEIGHTS, BIAS, THRESHOLD)
    }
}

impl Scorer {
    /// The built-in signals, in the order their weights are given.
    pub fn builtin_signals() -> Vec<Box<dyn Signal>> {
        let scale_hours = TIME_SCALE_HOURS;
        let mut signals: Vec<Box<dyn Signal>> = vec![
            Box::new(CentroidCosine),
            Box::new(TimeProximity { scale_hours }),
            Box::new(SharedPassages),
            Box::new(EntityOverlap),
            Box::new(SameOutlet),
            Box::new(PegTitle),
            Box::new(TitleCentroid),
            Box::new(NewHeadlineSubject),
            Box::new(PegLead),
            Box::new(MemberLead),
            Box::new(PegTime { scale_hours }),
        ];
        // The product reads the two factors the scorer has already computed, found by name.
        let at = |name: &str| signals.iter().position(|s| s.name() == name);
        let reuse = at(CentroidCosine.name()).zip(at(TimeProximity { scale_hours }.name()));
        signals.push(Box::new(ContentTime { scale_hours, reuse }));
        signals
    }

    /// The built-in signals with the given weights (one per signal; missing ones are 0).
    pub fn with_weights(weights: &[f32], bias: f32, threshold: f32) -> Scorer {
        let signals = Scorer::builtin_signals();
        let mut w = weights.to_vec();
        w.resize(signals.len(), 0.0);
        Scorer {
            signals,
            weights: w,
            bias,
            threshold,
        }
    }

    /// Adds a signal with its weight.
    pub fn with_signal(mut self, signal: Box<dyn Signal>, weight: f32) -> Scorer {
        self.signals.push(signal);
        self.weights.push(weight);
        self
    }

    /// The signal values for a document and an event, in signal order.
    pub fn features(&self, doc: &DocView<'_>, event: &EventView<'_>) -> Vec<f32> {
        let mut features = Vec::with_capacity(self.signals.len());
        for signal in &self.signals {
            let value = signal.score_after(doc, event, &features);
            features.push(value);
        }
        features
    }

    /// The signal values, as [`Scorer::features`] gives them, for an event that can reach probability
    /// `floor`; `None` for one that cannot, found without computing the signals that give their
    /// [`Signal::range`]: their values are bounded by it, the others' are known. A rounding margin keeps
    /// every event that reaches `floor` (the bound is summed in another order than
    /// [`Scorer::probability`] sums), so placing a document with this gives the same result as with
    /// every feature computed.
    pub fn features_reaching(
        &self,
        doc: &DocView<'_>,
        event: &EventView<'_>,
        floor: f32,
    ) -> Option<Vec<f32>> {
        const MARGIN: f32 = 1e-3;
        let mut features = Vec::with_capacity(self.signals.len());
        // Signals left for later, by position (the built-in scorer has a dozen).
        let mut deferred: u64 = 0;
        let mut highest = self.bias;
        for (i, (signal, &weight)) in self.signals.iter().zip(&self.weights).enumerate() {
            if let Some((low, high)) = signal.range().filter(|_| i < 64) {
                deferred |= 1 << i;
                features.push(0.0);
                highest += (weight * low).max(weight * high);
            } else {
                let value = signal.score_after(doc, event, &features);
                features.push(value);
                highest += weight * value;
            }
        }
        if deferred != 0 && sigmoid(highest + MARGIN) < floor {
            return None;
        }
        for i in 0..features.len().min(64) {
            if deferred & (1 << i) != 0 {
                features[i] = self.signals[i].score_after(doc, event, &features[..i]);
            }
        }
        Some(features)
    }

    /// The probability that the document belongs to the event, given its features.
    pub fn probability(&self, features: &[f32]) -> f32 {
        let z = self.bias
            + self
                .weights
                .iter()
                .zip(features)
                .map(|(w, f)| w * f)
                .sum::<f32>();
        sigmoid(z)
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Fits logistic-regression weights and bias by batch gradient descent with L2 regularisation.
/// `rows` are feature vectors of equal length; `labels` say which pairs are the same event.
pub fn fit_logistic(
    rows: &[Vec<f32>],
    labels: &[bool],
    l2: f32,
    iterations: usize,
) -> (Vec<f32>, f32) {
    let k = rows.first().map_or(0, Vec::len);
    let (mut w, mut b) = (vec![0.0f32; k], 0.0f32);
    if rows.is_empty() {
        return (w, b);
    }
    let n = rows.len() as f32;
    let rate = 1.0;
    for _ in 0..iterations {
        let mut gw = vec![0.0f32; k];
        let mut gb = 0.0f32;
        for (x, &y) in rows.iter().zip(labels) {
            let z = b + w.iter().zip(x).map(|(a, c)| a * c).sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let err = p - f32::from(u8::from(y));
            for (g, xi) in gw.iter_mut().zip(x) {
                *g += err * xi;
            }
            gb += err;
        }
        for (wi, g) in w.iter_mut().zip(&gw) {
            *wi -= rate * (g / n + l2 * *wi);
        }
        b -= rate * gb / n;
    }
    (w, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_overlap_weighs_how_many_members_name_the_entity() {
        let empty = SparseVec::default();
        let doc_entities = vec!["p:a".to_string(), "o:b".to_string()];
        let doc = DocView {
            vector: &empty,
            title: &empty,
            peg: &empty,
            time: None,
            outlet: None,
            entities: &doc_entities,
            shared_with: &[],
            head: &[],
        };
        let documents: FxHashSet<DocumentId> =
            (0..4).map(|i| DocumentId(format!("d{i}"))).collect();
        // Every member names the person; one of four names the organisation.
        let entities: FxHashMap<String, u32> = [("p:a".to_string(), 4), ("o:b".to_string(), 1)]
            .into_iter()
            .collect();
        let terms = FxHashSet::default();
        let event = EventView {
            centroid: &empty,
            title_centroid: &empty,
            core_terms: &terms,
            members: &[],
            entities: &entities,
            documents: &documents,
        };
        let score = EntityOverlap.score(&doc, &event);
        assert!((score - (1.0 + 0.25) / 2.0).abs() < 1e-6, "{score}");
        let none = DocView {
            entities: &[],
            ..doc
        };
        assert_eq!(EntityOverlap.score(&none, &event), 0.0);
    }

    static EMPTY: SparseVec = SparseVec(Vec::new());

    /// A member published `hours` after the epoch, with empty vectors.
    fn member_at(hours: i64) -> MemberView {
        MemberView {
            title: SparseVec::default(),
            peg: SparseVec::default(),
            time: Some(hours * 3600),
            outlet: None,
        }
    }

    /// A document with a text vector and a time in hours (if any), and nothing else.
    fn doc_at(vector: &SparseVec, hours: Option<i64>) -> DocView<'_> {
        DocView {
            vector,
            title: &EMPTY,
            peg: &EMPTY,
            time: hours.map(|h| h * 3600),
            outlet: None,
            entities: &[],
            shared_with: &[],
            head: &[],
        }
    }

    /// Calls `f` with an event of these members and this centroid, and nothing else.
    fn with_event<R>(
        centroid: &SparseVec,
        members: &[MemberView],
        f: impl FnOnce(&EventView<'_>) -> R,
    ) -> R {
        let (terms, entities, documents) = (
            FxHashSet::default(),
            FxHashMap::default(),
            FxHashSet::default(),
        );
        f(&EventView {
            centroid,
            title_centroid: &EMPTY,
            core_terms: &terms,
            members,
            entities: &entities,
            documents: &documents,
        })
    }

    #[test]
    fn peg_time_measures_from_the_first_member_and_time_proximity_from_the_nearest() {
        // The peg 24 hours before the document, a follow-up one hour before it.
        let members = [member_at(0), member_at(23)];
        let doc = doc_at(&EMPTY, Some(24));
        with_event(&EMPTY, &members, |event| {
            let scale_hours = 24.0;
            let peg = PegTime { scale_hours }.score(&doc, event);
            let nearest = TimeProximity { scale_hours }.score(&doc, event);
            assert!((peg - (-1.0f32).exp()).abs() < 1e-6, "{peg}");
            assert!((nearest - (-1.0f32 / 24.0).exp()).abs() < 1e-6, "{nearest}");
            let undated = doc_at(&EMPTY, None);
            assert_eq!(PegTime { scale_hours }.score(&undated, event), 0.5);
        });
    }

    #[test]
    fn content_time_is_text_times_nearness_whether_computed_or_reused() {
        let members = [member_at(0), member_at(10)];
        let vector = SparseVec::from_weights([(1, 3.0), (2, 4.0)], 10);
        let centroid = SparseVec::from_weights([(2, 1.0), (3, 1.0)], 10);
        let doc = doc_at(&vector, Some(16));
        with_event(&centroid, &members, |event| {
            let text = CentroidCosine.score(&doc, event);
            let near = TimeProximity { scale_hours: 24.0 }.score(&doc, event);
            assert!(text > 0.5 && near < 0.8, "{text} {near}");
            let alone = ContentTime {
                scale_hours: 24.0,
                reuse: None,
            };
            assert!((alone.score(&doc, event) - text * near).abs() < 1e-6);
            // The built-in scorer reads the two values it already has: the same number.
            let scorer = Scorer::default();
            let features = scorer.features(&doc, event);
            let at = scorer
                .signals
                .iter()
                .position(|s| s.name() == "content_time")
                .expect("a built-in signal");
            assert!((features[at] - text * near).abs() < 1e-6, "{features:?}");
            // Pointing past the signals before it falls back to computing them.
            let misplaced = ContentTime {
                scale_hours: 24.0,
                reuse: Some((0, 40)),
            };
            assert!((misplaced.score_after(&doc, event, &[text]) - text * near).abs() < 1e-6);
        });
    }

    proptest::proptest! {
        #[test]
        fn features_reaching_leaves_out_only_events_below_the_floor(
            doc_terms in proptest::collection::hash_map(0u64..40, 0.1f32..5.0, 1..20),
            pegs in proptest::collection::vec(
                (proptest::collection::hash_map(0u64..40, 0.1f32..5.0, 0..15), 0i64..96), 1..14),
            doc_hours in 0i64..120,
            floor in 0.0f32..1.0,
        ) {
            let vector = SparseVec::from_weights(doc_terms, 60);
            let members: Vec<MemberView> = pegs
                .into_iter()
                .map(|(peg, hours)| {
                    let peg = SparseVec::from_weights(peg, 60);
                    MemberView { title: peg.clone(), peg, time: Some(hours * 3600), outlet: None }
                })
                .collect();
            let doc = DocView { title: &vector, peg: &vector, ..doc_at(&vector, Some(doc_hours)) };
            let centroid = members[0].peg.clone();
            let scorer = Scorer::default();
            with_event(&centroid, &members, |event| {
                let all = scorer.features(&doc, event);
                match scorer.features_reaching(&doc, event, floor) {
                    Some(features) => proptest::prop_assert_eq!(features, all),
                    None => proptest::prop_assert!(scorer.probability(&all) < floor),
                }
                Ok(())
            })?;
        }
    }

    #[test]
    fn logistic_fit_separates_a_separable_signal() {
        let rows: Vec<Vec<f32>> = (0..100).map(|i| vec![i as f32 / 100.0, 0.5]).collect();
        let labels: Vec<bool> = (0..100).map(|i| i >= 60).collect();
        let (w, b) = fit_logistic(&rows, &labels, 1e-4, 3000);
        let scorer = Scorer {
            signals: Vec::new(),
            weights: w,
            bias: b,
            threshold: 0.5,
        };
        assert!(scorer.probability(&[0.9, 0.5]) > 0.5);
        assert!(scorer.probability(&[0.2, 0.5]) < 0.5);
    }
}
