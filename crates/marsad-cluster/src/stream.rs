//! The streaming clusterer: each document, in arrival order, joins an existing event or opens a new one;
//! history is never reclustered, so ids and earlier assignments stay put.
//!
//! Per document: build its TF-IDF vectors; retrieve candidate events through an inverted index over events'
//! top terms (only events active within [`Config::window_hours`] are kept in it, so the cost per document
//! does not grow with the corpus); add events the document shares a passage with; score each candidate with
//! the [`Scorer`]; join the best one if its probability reaches the threshold. A new event is linked to a
//! story arc: the arc of the most similar event of the last [`Config::story_window_days`], if similar enough
//! to that event and to the arc as a whole (the sum of its events' vectors), and only while the arc is
//! younger than the same window: linking through single events let a war's arc run on for months.
//! An event still alone in its arc looks again each time it gains a document, by its centroid: a first
//! report may say too little, and the later ones name the ministries, people and terms that tie it to a
//! request weeks earlier. An event in an arc with other events never moves, so arcs only grow.
//!
//! Undated documents (no publication date could be found; `marsad ingest` feeds them last) take the time of
//! the candidate event they resemble most, so the time signal does not count them as far from every
//! event, and they do not move any event's dates.
//!
//! Ids: an event's id is a hash of its first document's id, a story's id a hash of its first event's id, so
//! they never change as documents arrive, and the same stream gives the same ids on every run.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use marsad_dedup::Analysis;
use marsad_model::{Document, DocumentId, Event, EventId, Story, StoryId};
use rustc_hash::{FxHashMap, FxHashSet};
use xxhash_rust::xxh3::xxh3_64;

use crate::signals::{DocView, EventView, MemberView, Scorer};
use crate::vector::{DocFreq, DocVectors, SparseVec, Weighting, heaviest};

/// Settings of the clusterer.
#[derive(Debug, Clone)]
pub struct Config {
    /// An event takes new documents up to this long after (or before, for backfill) its members.
    pub window_hours: f32,
    /// Candidate events scored per document.
    pub max_candidates: usize,
    /// Document terms looked up in the index.
    pub query_terms: usize,
    /// Centroid terms an event is indexed under.
    pub index_terms: usize,
    /// Terms kept in an event centroid.
    pub centroid_terms: usize,
    /// Members kept per event for max-similarity signals.
    pub max_members: usize,
    /// An event's news peg is its first this many documents: their headlines and main terms are the
    /// vocabulary a new headline's subject is checked against ([`crate::signals::NewHeadlineSubject`]).
    pub core_documents: usize,
    /// Heaviest terms of each of those documents' text that the peg's vocabulary takes.
    pub core_terms: usize,
    /// A new event joins the story of an earlier event up to this many days old...
    pub story_window_days: f32,
    /// ...whose centroid has at least this cosine with the new event's first document.
    pub story_similarity: f32,
    pub weighting: Weighting,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            window_hours: 72.0,
            max_candidates: 12,
            query_terms: 12,
            index_terms: 16,
            centroid_terms: 100,
            max_members: 12,
            core_documents: 3,
            core_terms: 30,
            story_window_days: 45.0,
            story_similarity: 0.2,
            weighting: Weighting::default(),
        }
    }
}

/// What is known about a document beyond its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// When it was published, finer than [`Document::published`]; that date at noon UTC is used otherwise.
    pub time: Option<Timestamp>,
    /// Entity ids or name keys it mentions, such as `marsad_entities::lead_entity_keys` gives (the pipeline
    /// leaves this empty: the entity signal's weight is 0).
    pub entities: &'a [String],
    /// Earlier documents it shares a passage with ([`marsad_dedup::PassageFinder::add`]).
    pub shared_with: &'a [DocumentId],
    /// The earlier document it duplicates ([`marsad_dedup::Duplicate::of`]): it joins that one's event.
    pub duplicate_of: Option<&'a DocumentId>,
}

/// Where a document went.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub event: EventId,
    pub story: StoryId,
    /// It opened the event.
    pub new_event: bool,
    /// The scorer's probability for the event it joined (1 for duplicates, 0 for a new event).
    pub probability: f32,
}

/// A candidate event for a document, with its signal values and probability.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub event: EventId,
    pub features: Vec<f32>,
    pub probability: f32,
}

/// A document made ready for scoring (vectors computed once).
#[derive(Debug, Clone)]
pub struct Prepared {
    vectors: DocVectors,
    time: Option<i64>,
    /// The first content words of the headline (the lead when there is none): usually who acts.
    head: Vec<u64>,
}

/// Content words of a headline's head: Arabic headlines open with their subject ("X تدين", "X: …") or
/// with the verb and then the subject, so three words cover it.
const HEAD_WORDS: usize = 3;

/// A document's headline head: its first content words.
fn headline_head(analysis: &Analysis) -> Vec<u64> {
    let words: Box<dyn Iterator<Item = &marsad_dedup::analyze::Word>> = if analysis.title.is_empty()
    {
        Box::new(analysis.body_words())
    } else {
        Box::new(analysis.title.iter())
    };
    words
        .filter(|w| !w.stop && !w.number)
        .map(|w| w.hash)
        .take(HEAD_WORDS)
        .collect()
}

#[derive(Debug, Clone)]
struct EventState {
    id: EventId,
    story: usize,
    documents: Vec<DocumentId>,
    doc_set: FxHashSet<DocumentId>,
    titles: Vec<(String, SparseVec)>,
    /// The vocabulary of its news peg: the headline words and the heaviest terms of the text of its first
    /// [`Config::core_documents`] documents. Fixed after them, so that actors of reactions that joined do
    /// not make the next actor's reaction look known.
    core_terms: FxHashSet<u64>,
    sum: TermSum,
    centroid: SparseVec,
    /// Summed title vectors of its documents, and their normalised top terms: what its headlines say.
    title_sum: TermSum,
    title_centroid: SparseVec,
    members: Vec<MemberView>,
    indexed: FxHashSet<u64>,
    entities: FxHashMap<String, u32>,
    first_time: Option<i64>,
    last_time: Option<i64>,
    date: Option<Date>,
    /// Terms the event is listed under in the story index.
    story_indexed: FxHashSet<u64>,
    /// Left the window: only what story links and output need is kept (see [`Clusterer::prune`]).
    retired: bool,
}

impl EventState {
    /// Drops what only scoring new documents needs (members, sums, the document set), keeping the
    /// centroid (story links look back weeks), the documents and the headline.
    fn retire(&mut self) {
        let headline = headline(&self.titles);
        self.titles = vec![(headline, SparseVec::default())];
        self.members = Vec::new();
        self.sum = TermSum::new();
        self.title_sum = TermSum::new();
        self.core_terms = FxHashSet::default();
        self.doc_set = FxHashSet::default();
        self.indexed = FxHashSet::default();
        self.retired = true;
    }

    /// Makes a retired event able to take documents again (a late duplicate of one of its pages). Its peg
    /// vocabulary is rebuilt from what was kept: the headline and text centroids' terms.
    fn revive(&mut self, core_terms: usize) {
        if !self.retired {
            return;
        }
        self.doc_set = self.documents.iter().cloned().collect();
        self.sum = self.centroid.0.clone();
        self.title_sum = self.title_centroid.0.clone();
        self.core_terms = self.title_centroid.0.iter().map(|(t, _)| *t).collect();
        self.core_terms
            .extend(self.centroid.top(core_terms).into_iter().map(|(t, _)| t));
        self.retired = false;
    }
}

#[derive(Debug, Clone)]
struct StoryState {
    id: StoryId,
    events: Vec<usize>,
    /// Summed vectors of its events (first document at opening, centroid when an event moves in).
    sum: TermSum,
    centroid: SparseVec,
}

impl StoryState {
    fn new(id: StoryId) -> StoryState {
        StoryState {
            id,
            events: Vec::new(),
            sum: TermSum::new(),
            centroid: SparseVec::default(),
        }
    }

    fn absorb(&mut self, vector: &SparseVec, keep: usize) {
        self.centroid = accumulate(&mut self.sum, vector, keep);
    }
}

/// A running sum of vectors: (term, summed weight), sorted by term, as a [`SparseVec`]'s terms are, so
/// adding a vector is one merge of two sorted lists rather than a hash-table update per term.
type TermSum = Vec<(u64, f32)>;

/// Adds a vector to a running sum of vectors and returns the sum's normalised top `keep` terms. The sum is
/// kept bounded: past four times `keep` terms, only the heaviest twice `keep` stay.
fn accumulate(sum: &mut TermSum, vector: &SparseVec, keep: usize) -> SparseVec {
    let added = &vector.0;
    let mut merged = Vec::with_capacity(sum.len() + added.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(&(ts, ws)), Some(&(tv, wv))) = (sum.get(i), added.get(j)) {
        match ts.cmp(&tv) {
            std::cmp::Ordering::Less => {
                merged.push((ts, ws));
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                merged.push((tv, wv));
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                merged.push((ts, ws + wv));
                i += 1;
                j += 1;
            }
        }
    }
    merged.extend_from_slice(&sum[i..]);
    merged.extend_from_slice(&added[j..]);
    if merged.len() > keep * 4 {
        // The terms `SparseVec::from_weights` would keep, with their raw sums, back in term order.
        merged = heaviest(merged, keep * 2);
        merged.sort_unstable_by_key(|(t, _)| *t);
    }
    *sum = merged;
    SparseVec::from_weights(sum.iter().copied(), keep)
}

/// For each event listed under the query's terms (and kept by `keep`), the summed weights of the terms
/// that list it, in query order. The map is sized for every listing at once: grown as it filled, it was
/// rehashed five times per look-up.
fn listed_weights(
    index: &FxHashMap<u64, Vec<u32>>,
    query: impl IntoIterator<Item = (u64, f32)>,
    keep: impl Fn(u32) -> bool,
) -> FxHashMap<u32, f32> {
    let lists: Vec<(&[u32], f32)> = query
        .into_iter()
        .filter_map(|(term, weight)| Some((index.get(&term)?.as_slice(), weight)))
        .collect();
    let listings = lists.iter().map(|(list, _)| list.len()).sum();
    let mut weights = FxHashMap::with_capacity_and_hasher(listings, Default::default());
    for (list, weight) in lists {
        for &e in list {
            if keep(e) {
                *weights.entry(e).or_default() += weight;
            }
        }
    }
    weights
}

/// An event's first and latest times, its arc and when that arc began, as the event and story look-ups
/// filter their candidates by them. Times are seconds, [`ArcFilter::NO_TIME`] when unknown: with the arc's
/// start beside the event's own times, a filter reads one 32-byte entry per listed event, not that and
/// then the arc's entry elsewhere.
#[derive(Debug, Clone, Copy)]
struct ArcFilter {
    first_time: i64,
    last_time: i64,
    story_start: i64,
    story: u32,
}

impl ArcFilter {
    const NO_TIME: i64 = i64::MIN;

    fn new(story: u32, story_start: Option<i64>) -> ArcFilter {
        ArcFilter {
            first_time: ArcFilter::NO_TIME,
            last_time: ArcFilter::NO_TIME,
            story_start: ArcFilter::stored(story_start),
            story,
        }
    }

    fn set_times(&mut self, first: Option<i64>, last: Option<i64>) {
        self.first_time = ArcFilter::stored(first);
        self.last_time = ArcFilter::stored(last);
    }

    fn set_story(&mut self, story: u32, story_start: Option<i64>) {
        self.story = story;
        self.story_start = ArcFilter::stored(story_start);
    }

    fn first_time(&self) -> Option<i64> {
        ArcFilter::known(self.first_time)
    }

    fn last_time(&self) -> Option<i64> {
        ArcFilter::known(self.last_time)
    }

    fn story_start(&self) -> Option<i64> {
        ArcFilter::known(self.story_start)
    }

    fn stored(time: Option<i64>) -> i64 {
        time.unwrap_or(ArcFilter::NO_TIME)
    }

    fn known(time: i64) -> Option<i64> {
        Some(time).filter(|&t| t != ArcFilter::NO_TIME)
    }
}

/// Streaming event clustering.
#[derive(Debug)]
pub struct Clusterer {
    config: Config,
    scorer: Scorer,
    df: DocFreq,
    events: Vec<EventState>,
    /// Per event, what the window filters of both look-ups and the index pruning read (a copy of the
    /// event's `first_time`, `last_time` and `story`, and that story's start, updated where those are),
    /// kept apart from the events' whole state: reading that, scattered in memory, for every event listed
    /// under a query term was most of the cost of finding an arc once the lists had filled (about a tenth
    /// of the time on the whole ANT corpus).
    arc_filter: Vec<ArcFilter>,
    stories: Vec<StoryState>,
    /// Per story, when its first event began: an arc spans at most [`Config::story_window_days`] from
    /// here.
    story_start: Vec<Option<i64>>,
    index: FxHashMap<u64, Vec<u32>>,
    story_index: FxHashMap<u64, Vec<u32>>,
    event_of: FxHashMap<DocumentId, u32>,
    by_id: FxHashMap<EventId, u32>,
    clock: i64,
    added: usize,
    /// Every event before this index is retired.
    retired_before: usize,
}

impl Default for Clusterer {
    fn default() -> Self {
        Clusterer::new(Config::default(), Scorer::default())
    }
}

fn hex_id(prefix: &str, of: &str) -> String {
    format!("{prefix}{:016x}", xxh3_64(of.as_bytes()))
}

impl Clusterer {
    pub fn new(config: Config, scorer: Scorer) -> Clusterer {
        Clusterer {
            config,
            scorer,
            df: DocFreq::default(),
            events: Vec::new(),
            arc_filter: Vec::new(),
            stories: Vec::new(),
            story_start: Vec::new(),
            index: FxHashMap::default(),
            story_index: FxHashMap::default(),
            event_of: FxHashMap::default(),
            by_id: FxHashMap::default(),
            clock: i64::MIN,
            added: 0,
            retired_before: 0,
        }
    }

    pub fn scorer(&self) -> &Scorer {
        &self.scorer
    }

    /// Places a document: joins the most probable candidate event or opens a new one.
    pub fn add(
        &mut self,
        doc: &Document,
        analysis: &Analysis,
        context: &Context<'_>,
    ) -> Assignment {
        if let Some(known) = self.known(doc, context) {
            return self.join_known(doc, analysis, context, known);
        }
        // Only events that can reach the threshold are scored in full.
        let floor = Some(self.scorer.threshold);
        let (prepared, candidates) = self.scored_candidates(doc, analysis, context, floor);
        let best = candidates
            .iter()
            .filter(|c| c.probability >= self.scorer.threshold)
            .max_by(|a, b| a.probability.total_cmp(&b.probability));
        let choice = best.map(|c| (c.event.clone(), c.probability));
        self.commit(doc, prepared, context, choice)
    }

    fn known(&self, doc: &Document, context: &Context<'_>) -> Option<u32> {
        self.event_of
            .get(&doc.id)
            .or_else(|| context.duplicate_of.and_then(|d| self.event_of.get(d)))
            .copied()
    }

    fn join_known(
        &mut self,
        doc: &Document,
        analysis: &Analysis,
        context: &Context<'_>,
        e: u32,
    ) -> Assignment {
        if self.event_of.contains_key(&doc.id) {
            let event = &self.events[e as usize];
            return Assignment {
                event: event.id.clone(),
                story: self.stories[event.story].id.clone(),
                new_event: false,
                probability: 1.0,
            };
        }
        let prepared = self.prepare(doc, analysis, context);
        let id = self.events[e as usize].id.clone();
        self.commit(doc, prepared, context, Some((id, 1.0)))
    }

    fn prepare(&self, doc: &Document, analysis: &Analysis, context: &Context<'_>) -> Prepared {
        let time = context.time.map(|t| t.as_second()).or_else(|| {
            doc.published
                .and_then(|d| d.at(12, 0, 0, 0).to_zoned(TimeZone::UTC).ok())
                .map(|z| z.timestamp().as_second())
        });
        Prepared {
            vectors: self.config.weighting.vectors(analysis, &self.df),
            time,
            head: headline_head(analysis),
        }
    }

    /// The candidate events of a document with their signal values and probabilities, without placing it
    /// (for fitting the scorer, or for a caller that decides itself; then call [`Self::commit`]).
    pub fn candidates(
        &self,
        doc: &Document,
        analysis: &Analysis,
        context: &Context<'_>,
    ) -> (Prepared, Vec<Candidate>) {
        self.scored_candidates(doc, analysis, context, None)
    }

    /// [`Self::candidates`], leaving out (with `floor`) the events whose probability cannot reach it.
    fn scored_candidates(
        &self,
        doc: &Document,
        analysis: &Analysis,
        context: &Context<'_>,
        floor: Option<f32>,
    ) -> (Prepared, Vec<Candidate>) {
        let prepared = self.prepare(doc, analysis, context);
        let window = (self.config.window_hours * 3600.0) as i64;
        // The heaviest terms of the whole text, and every title term: a live page or an explainer whose
        // body wanders still names the happening in its headline.
        let title_terms = prepared.vectors.title.top(self.config.query_terms);
        let query = prepared
            .vectors
            .full
            .top(self.config.query_terms)
            .into_iter()
            .chain(title_terms);
        let partial = listed_weights(&self.index, query, |_| true);
        // From the compact per-event times, not the events' whole state: the index lists every event
        // active in the last days, and most of what a look-up gathers is not among the best few.
        let in_window = |e: u32| {
            let arc = &self.arc_filter[e as usize];
            match (prepared.time, arc.first_time(), arc.last_time()) {
                (Some(t), Some(first), Some(last)) => t >= first - window && t <= last + window,
                _ => true,
            }
        };
        let mut ranked: Vec<(u32, f32)> =
            partial.into_iter().filter(|&(e, _)| in_window(e)).collect();
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(self.config.max_candidates);
        let mut chosen: Vec<u32> = ranked.into_iter().map(|(e, _)| e).collect();
        for d in context.shared_with {
            // A passage shared with an event outside the window (a background paragraph reused months
            // later) does not reopen it.
            if let Some(&e) = self.event_of.get(d)
                && !chosen.contains(&e)
                && in_window(e)
            {
                chosen.push(e);
            }
        }
        // An undated document (no publication date could be found; such documents come last) takes the
        // time of the candidate it resembles most, rather than a time signal that would count it as far
        // from every event.
        let time = prepared.time.or_else(|| {
            chosen
                .iter()
                .map(|&e| &self.events[e as usize])
                .filter(|e| e.last_time.is_some())
                .max_by(|a, b| {
                    let (x, y) = (
                        prepared.vectors.full.dot(&a.centroid),
                        prepared.vectors.full.dot(&b.centroid),
                    );
                    x.total_cmp(&y)
                })
                .and_then(|e| e.last_time)
        });
        let view = DocView {
            vector: &prepared.vectors.full,
            title: &prepared.vectors.title,
            peg: &prepared.vectors.peg,
            time,
            outlet: doc.outlet.as_deref(),
            entities: context.entities,
            shared_with: context.shared_with,
            head: &prepared.head,
        };
        let candidates = chosen
            .into_iter()
            .filter_map(|e| {
                let event = &self.events[e as usize];
                let event_view = EventView {
                    centroid: &event.centroid,
                    title_centroid: &event.title_centroid,
                    core_terms: &event.core_terms,
                    members: &event.members,
                    entities: &event.entities,
                    documents: &event.doc_set,
                };
                let features = match floor {
                    Some(floor) => self.scorer.features_reaching(&view, &event_view, floor)?,
                    None => self.scorer.features(&view, &event_view),
                };
                Some(Candidate {
                    event: event.id.clone(),
                    probability: self.scorer.probability(&features),
                    features,
                })
            })
            .collect();
        (prepared, candidates)
    }

    /// Places a prepared document: into the given event (with the probability that chose it), or into a new
    /// one when `choice` is `None` or names an unknown event.
    pub fn commit(
        &mut self,
        doc: &Document,
        prepared: Prepared,
        context: &Context<'_>,
        choice: Option<(EventId, f32)>,
    ) -> Assignment {
        self.added += 1;
        if let Some(t) = prepared.time {
            self.clock = self.clock.max(t);
        }
        self.df.add(&prepared.vectors.terms);
        let found = choice.and_then(|(id, p)| self.by_id.get(&id).map(|&i| (i, p)));
        let (e, new_event, probability) = match found {
            Some((e, p)) => (e, false, p),
            None => (self.open_event(doc, &prepared), true, 0.0),
        };
        self.event_of.insert(doc.id.clone(), e);
        self.update_event(e, doc, &prepared, context);
        if self.added % 512 == 0 {
            self.prune();
        }
        let event = &self.events[e as usize];
        Assignment {
            event: event.id.clone(),
            story: self.stories[event.story].id.clone(),
            new_event,
            probability,
        }
    }

    fn open_event(&mut self, doc: &Document, prepared: &Prepared) -> u32 {
        let e = self.events.len() as u32;
        let mut id = EventId(hex_id("ev-", &doc.id.0));
        // Two first documents with one id cannot happen (ids are content hashes and a known id joins its
        // event); a hash collision gets a suffix rather than merging two events.
        while self.by_id.contains_key(&id) {
            id = EventId(format!("{id}-"));
        }
        let story = self
            .find_story(&prepared.vectors.full, prepared.time, None)
            .unwrap_or_else(|| {
                let s = self.stories.len();
                self.stories
                    .push(StoryState::new(StoryId(hex_id("st-", &id.0))));
                self.story_start.push(prepared.time);
                s
            });
        self.stories[story].events.push(e as usize);
        self.stories[story].absorb(&prepared.vectors.full, self.config.centroid_terms);
        self.by_id.insert(id.clone(), e);
        let story_terms: Vec<u64> = prepared
            .vectors
            .full
            .top(self.config.index_terms)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        self.arc_filter
            .push(ArcFilter::new(story as u32, self.story_start[story]));
        self.events.push(EventState {
            id,
            story,
            documents: Vec::new(),
            doc_set: FxHashSet::default(),
            titles: Vec::new(),
            core_terms: FxHashSet::default(),
            sum: TermSum::new(),
            centroid: SparseVec::default(),
            title_sum: TermSum::new(),
            title_centroid: SparseVec::default(),
            members: Vec::new(),
            indexed: FxHashSet::default(),
            entities: FxHashMap::default(),
            first_time: None,
            last_time: None,
            date: doc.published,
            story_indexed: FxHashSet::default(),
            retired: false,
        });
        self.index_story_terms(e, story_terms);
        e
    }

    fn index_story_terms(&mut self, e: u32, terms: Vec<u64>) {
        let horizon = self.twice_behind_clock(self.config.story_window_days * 86400.0);
        for term in terms {
            if !self.events[e as usize].story_indexed.insert(term) {
                continue;
            }
            let list = self.story_index.entry(term).or_default();
            // Listed events whose last document or arc start is further back than twice the story window
            // can take no new event of a stream in time order; they are the oldest entries, at the front.
            // Left in, they filled the list of every common term and were read on every look-up.
            let stale = list
                .iter()
                .take_while(|&&old| {
                    let arc = &self.arc_filter[old as usize];
                    arc.last_time().is_some_and(|l| l < horizon)
                        || arc.story_start().is_some_and(|s| s < horizon)
                })
                .count();
            list.drain(..stale);
            list.push(e);
            // Only the most recent events per term: old ones fall out of the story window anyway.
            if list.len() > 64 {
                list.remove(0);
            }
        }
    }

    /// Twice a window (in seconds) behind the latest document time seen: what was last active before then
    /// is past taking documents (the event window) or new events (the story window) of a stream in time
    /// order, with a window's slack for documents a little out of order.
    fn twice_behind_clock(&self, window_seconds: f32) -> i64 {
        self.clock.saturating_sub((window_seconds * 2.0) as i64)
    }

    /// The story of the earlier event most similar to `vector` (a new event's first document, or an
    /// event's centroid), within the story window, if similar enough; events of `skip`'s story are not
    /// considered.
    fn find_story(
        &self,
        vector: &SparseVec,
        time: Option<i64>,
        skip: Option<u32>,
    ) -> Option<usize> {
        let window = (self.config.story_window_days * 86400.0) as i64;
        let own_story = skip.map(|e| self.events[e as usize].story);
        // Rank the indexed events by the weight of the terms they share with `vector`, then compare only
        // the best few in full: a dot product per listed event cost more than the rest of the clusterer.
        let near = |other: Option<i64>| match (time, other) {
            (Some(t), Some(o)) => (t - o).abs() <= window,
            _ => true,
        };
        // Within the window of the event and of the arc's start, so an arc spans weeks, not the months of
        // a war whose every battle resembles the last.
        let eligible = |e: u32| {
            let arc = &self.arc_filter[e as usize];
            Some(arc.story as usize) != own_story
                && near(arc.last_time())
                && near(arc.story_start())
        };
        let partial = listed_weights(
            &self.story_index,
            vector.top(self.config.query_terms),
            eligible,
        );
        let mut ranked: Vec<(u32, f32)> = partial.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(self.config.max_candidates);
        let mut best: Option<(usize, f32)> = None;
        for (e, _) in ranked {
            let event = &self.events[e as usize];
            // Similar to the event and to its arc as a whole: linking through one event alone lets an
            // arc chain on for months (a war's every battle), each link close to the last.
            let qualifies =
                |sim: f32| sim >= self.config.story_similarity && best.is_none_or(|(_, b)| sim > b);
            // The arc's cosine only matters when the event's already qualifies (the score is the lower one).
            let to_event = vector.dot(&event.centroid);
            if !qualifies(to_event) {
                continue;
            }
            let sim = to_event.min(vector.dot(&self.stories[event.story].centroid));
            if qualifies(sim) {
                best = Some((event.story, sim));
            }
        }
        best.map(|(s, _)| s)
    }

    fn update_event(&mut self, e: u32, doc: &Document, prepared: &Prepared, context: &Context<'_>) {
        let config = &self.config;
        let event = &mut self.events[e as usize];
        event.revive(config.core_terms);
        if event.doc_set.insert(doc.id.clone()) {
            event.documents.push(doc.id.clone());
        }
        if let Some(title) = doc.title.as_deref().filter(|t| !t.trim().is_empty()) {
            event
                .titles
                .push((title.trim().to_string(), prepared.vectors.title.clone()));
        }
        event.centroid = accumulate(
            &mut event.sum,
            &prepared.vectors.full,
            config.centroid_terms,
        );
        event.title_centroid = accumulate(
            &mut event.title_sum,
            &prepared.vectors.title,
            config.centroid_terms,
        );
        if event.documents.len() <= config.core_documents {
            let text_terms = prepared.vectors.full.top(config.core_terms);
            let title_terms = prepared.vectors.title.0.iter();
            event.core_terms.extend(
                title_terms
                    .map(|(t, _)| *t)
                    .chain(text_terms.into_iter().map(|(t, _)| t)),
            );
        }
        event.members.push(MemberView {
            title: prepared.vectors.title.clone(),
            peg: prepared.vectors.peg.clone(),
            time: prepared.time,
            outlet: doc.outlet.clone(),
        });
        if event.members.len() > config.max_members {
            // Keep the first member (the event's peg) and the most recent ones.
            event.members.remove(1);
        }
        for entity in context.entities {
            *event.entities.entry(entity.clone()).or_default() += 1;
        }
        if let Some(t) = prepared.time {
            event.first_time = Some(event.first_time.map_or(t, |f| f.min(t)));
            event.last_time = Some(event.last_time.map_or(t, |l| l.max(t)));
            self.arc_filter[e as usize].set_times(event.first_time, event.last_time);
        }
        if let Some(d) = doc.published {
            event.date = Some(event.date.map_or(d, |old| old.min(d)));
        }
        let top = event.centroid.top(config.index_terms);
        let title_top = event.title_centroid.top(config.index_terms / 2);
        for (term, _) in top.iter().chain(&title_top) {
            if event.indexed.insert(*term) {
                self.index.entry(*term).or_default().push(e);
            }
        }
        // An event still alone in its story looks again for an earlier arc as it grows: its first
        // document may have said too little (a late, undated report often names what the first did not).
        // Events already joined by others stay put, so a story never splits.
        let alone = self.stories[event.story].events.len() == 1;
        if alone && event.documents.len() >= 2 {
            let (centroid, time) = (event.centroid.clone(), event.first_time);
            if let Some(s) = self.find_story(&centroid, time, Some(e)) {
                let old = self.events[e as usize].story;
                self.stories[old].events.clear();
                self.stories[s].events.push(e as usize);
                self.stories[s].absorb(&centroid, self.config.centroid_terms);
                self.events[e as usize].story = s;
                self.arc_filter[e as usize].set_story(s as u32, self.story_start[s]);
            } else {
                // Still alone: its arc is the event itself, as it stands now.
                let story = &mut self.stories[self.events[e as usize].story];
                story.sum = centroid.0.clone();
                story.centroid = centroid;
            }
            self.index_story_terms(e, top.into_iter().map(|(t, _)| t).collect());
        }
    }

    /// Drops events that left the window from the index, and retires them: their members and sums are
    /// what made memory grow with the corpus.
    fn prune(&mut self) {
        let horizon = self.twice_behind_clock(self.config.window_hours * 3600.0);
        // The compact per-event times, as in find_story: the index lists every active event many times.
        let arc_filter = &self.arc_filter;
        self.index.retain(|_, list| {
            list.retain(|&e| {
                arc_filter[e as usize]
                    .last_time()
                    .is_none_or(|l| l >= horizon)
            });
            !list.is_empty()
        });
        for event in &mut self.events[self.retired_before..] {
            if !event.retired && event.last_time.is_some_and(|l| l < horizon) {
                event.retire();
            }
        }
        // Events open in time order: the ones before the first still active need no second look.
        while self
            .events
            .get(self.retired_before)
            .is_some_and(|e| e.retired)
        {
            self.retired_before += 1;
        }
    }

    /// Number of events so far.
    pub fn event_count(&self) -> usize {
        self.events.len()
    }

    /// The event a document was placed in.
    pub fn event_of(&self, doc: &DocumentId) -> Option<&EventId> {
        self.event_of.get(doc).map(|&e| &self.events[e as usize].id)
    }

    /// Every event so far, in the order they were opened, each with its most representative headline.
    pub fn events(&self) -> Vec<Event> {
        self.events
            .iter()
            .map(|e| Event {
                id: e.id.clone(),
                story: self.stories[e.story].id.clone(),
                documents: e.documents.clone(),
                date: e.date.or_else(|| {
                    e.first_time
                        .and_then(|t| Timestamp::from_second(t).ok())
                        .map(|t| t.to_zoned(TimeZone::UTC).date())
                }),
                headline: headline(&e.titles),
            })
            .collect()
    }

    /// Every story arc so far; its headline is that of its largest event.
    pub fn stories(&self) -> Vec<Story> {
        self.stories
            .iter()
            // A story emptied when its only event moved to an earlier arc.
            .filter(|s| !s.events.is_empty())
            .map(|s| {
                let biggest = s
                    .events
                    .iter()
                    .max_by(|a, b| {
                        self.events[**a]
                            .documents
                            .len()
                            .cmp(&self.events[**b].documents.len())
                            .then(b.cmp(a))
                    })
                    .map(|&e| headline(&self.events[e].titles))
                    .unwrap_or_default();
                Story {
                    id: s.id.clone(),
                    events: s
                        .events
                        .iter()
                        .map(|&e| self.events[e].id.clone())
                        .collect(),
                    headline: biggest,
                }
            })
            .collect()
    }
}

/// The title closest to all the others (the medoid by title cosine); the earliest on ties.
fn headline(titles: &[(String, SparseVec)]) -> String {
    let titles = &titles[..titles.len().min(50)];
    let mut best: Option<(usize, f32)> = None;
    for (i, (_, v)) in titles.iter().enumerate() {
        let score: f32 = titles.iter().map(|(_, o)| v.dot(o)).sum();
        if best.is_none_or(|(_, b)| score > b + 1e-6) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| titles[i].0.clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report on an invented port's expansion, published on a given day.
    fn report(id: &str, date: &str) -> Document {
        let mut d = Document::new(
            id,
            vec![format!(
                "وقعت سلطة ميناء القرنفل عقد توسعة الرصيف الشمالي مع شركة المرافئ المتحدة، في خطوة تضاعف قدرة الميناء على استقبال الحاويات. ({id})"
            )],
        );
        d.title = Some("توسعة الرصيف الشمالي في ميناء القرنفل".to_string());
        d.published = date.parse().ok();
        d
    }

    fn add(clusterer: &mut Clusterer, doc: &Document) -> Assignment {
        clusterer.add(doc, &Analysis::of(doc), &Context::default())
    }

    proptest::proptest! {
        /// The sorted-merge sum gives the centroid a plain map of sums, pruned the same way, gives (a
        /// vector's terms are distinct, as a document's are).
        #[test]
        fn accumulate_sums_like_a_map_of_terms(
            vectors in proptest::collection::vec(
                proptest::collection::btree_map(0u64..40, 0.01f32..1.0, 0..12), 1..20),
        ) {
            let keep = 3;
            let mut sum = TermSum::new();
            let mut plain: std::collections::BTreeMap<u64, f32> = Default::default();
            for weights in vectors {
                let vector = SparseVec::from_weights(weights, 100);
                let centroid = accumulate(&mut sum, &vector, keep);
                for (t, w) in &vector.0 {
                    *plain.entry(*t).or_default() += w;
                }
                if plain.len() > keep * 4 {
                    let kept = SparseVec::from_weights(plain.iter().map(|(t, w)| (*t, *w)), keep * 2);
                    plain.retain(|t, _| kept.0.iter().any(|(k, _)| k == t));
                }
                let expected = SparseVec::from_weights(plain.iter().map(|(t, w)| (*t, *w)), keep);
                let summed: Vec<(u64, f32)> = plain.iter().map(|(t, w)| (*t, *w)).collect();
                proptest::prop_assert_eq!(&sum, &summed);
                proptest::prop_assert_eq!(centroid.0.len(), expected.0.len());
                for ((t, w), (te, we)) in centroid.0.iter().zip(&expected.0) {
                    proptest::prop_assert_eq!(t, te);
                    proptest::prop_assert!((w - we).abs() < 1e-5);
                }
            }
        }
    }

    #[test]
    fn the_story_index_lets_go_of_arcs_long_past_the_story_window() {
        let mut clusterer = Clusterer::default();
        let first = add(&mut clusterer, &report("a", "2026-01-01"));
        // Three weeks later: a new event (past the event window) in the same arc.
        let later = add(&mut clusterer, &report("b", "2026-01-22"));
        assert!(later.new_event);
        assert_eq!(later.story, first.story);
        // Half a year later the arc is long closed: a new arc, and the old events are no longer listed
        // under the terms the new one was indexed under.
        let much_later = add(&mut clusterer, &report("c", "2026-07-01"));
        assert_ne!(much_later.story, first.story);
        let new_event = clusterer.by_id[&much_later.event];
        for term in &clusterer.events[new_event as usize].story_indexed {
            assert_eq!(clusterer.story_index[term], vec![new_event]);
        }
    }
}
