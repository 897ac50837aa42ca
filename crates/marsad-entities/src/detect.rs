//! Mention detection: where a document names a person, an organisation or a place.
//!
//! Four sources, all offline and all explainable:
//! - **titles**: a role before a name (وزير الدفاع التركي يشار غولر، رئيس جهاز الاستخبارات حسين سلامة،
//!   المتحدث باسم الوزارة، الأدميرال زكي أكتورك). The role is kept with the mention;
//! - **organisation patterns**: a head noun and its modifiers (وزارة الدفاع التركية، وكالة النخيل للأنباء،
//!   قوات سوريا الديمقراطية), and an acronym in brackets or quotes right after one (… (قسد));
//! - **the gazetteer** ([`Gazetteer`]): countries, cities, agencies, organisations and their acronyms;
//! - **learned names** ([`LearnedNames`]): names found after a title in some document of the corpus, found bare
//!   in the others; within one document, a person's family name alone once the full name was seen.
//!
//! Overlaps are settled longest first; at equal length a title beats the gazetteer, which beats a learned name,
//! which beats a pattern. Matching runs on search-normalised text; spans point into the paragraph as written.
//!
//! Not done here: deciding which mentions are the same entity (see [`crate::resolve()`]), nested entities
//! (the place inside an organisation's name), or nationality adjectives (السوري) as entities.

use std::ops::Range;

use marsad_model::{Document, DocumentId, EntityType};
use marsad_text::normalize::{Normalized, Profile, normalize};
use marsad_text::stopwords::is_stop_word;
use marsad_text::tokenize::{TokenKind, tokens};

use crate::gazetteer::{Gazetteer, Hit, PhraseIndex};
use crate::learn::LearnedNames;
use crate::lexicon::{
    CLITICS, HONORIFICS, LINK_NOUNS, NAME_PARTICLES, NOT_MODIFIERS, NOT_NAMES, ORDINALS, ORG_HEADS,
    TITLES,
};

/// How a mention was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FoundBy {
    /// After a title or rank, as written (وزير، الأدميرال).
    Title(String),
    /// By an organisation pattern opened by this head noun, as written (وزارة).
    Pattern(String),
    /// A gazetteer name; `acronym` when through one of its acronyms.
    Gazetteer { acronym: bool },
    /// An acronym in brackets or quotes after an organisation's name.
    Acronym { expansion: String },
    /// A name learned from another document of the corpus.
    Learned,
    /// A family name alone, after the full name in the same document.
    FamilyName { full: String },
}

/// One place where a document names an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub document: DocumentId,
    /// Index into [`Document::paragraphs`].
    pub paragraph: usize,
    /// Byte range in that paragraph, as written; the clitic before a name (و، ب، ل) is left out.
    pub span: Range<usize>,
    /// The name as written.
    pub surface: String,
    pub entity_type: EntityType,
    /// The role given before a person's name, as written (وزير الخارجية السوري).
    pub role: Option<String>,
    pub found_by: FoundBy,
    /// The gazetteer's canonical name, when the name is listed there.
    pub listed: Option<String>,
    /// For an acronym, or a learned acronym: the full name it stands for.
    pub expansion: Option<String>,
}

/// Finds the mentions of one document.
pub fn detect(doc: &Document, gazetteer: &Gazetteer, learned: &LearnedNames) -> Vec<Mention> {
    let paragraphs: Vec<Paragraph> = doc.paragraphs.iter().map(|p| Paragraph::new(p)).collect();
    let mut accepted: Vec<Vec<Candidate>> = paragraphs
        .iter()
        .map(|p| p.candidates(gazetteer, learned))
        .collect();

    // Family names alone, once the full name was seen in this document.
    let mut families = PhraseIndex::default();
    let mut fulls: Vec<String> = Vec::new();
    for (para, cands) in paragraphs.iter().zip(&accepted) {
        for cand in cands {
            if cand.entity_type != EntityType::Person || cand.end - cand.first < 2 {
                continue;
            }
            let full = para.norm.text()[cand.start..cand.stop].to_string();
            let last = para.word(cand.end - 1);
            let before_last = para.word(cand.end - 2);
            let family = if NAME_PARTICLES.contains(before_last) {
                format!("{before_last} {last}")
            } else {
                last.to_string()
            };
            if family.chars().count() < 3 || is_stop_word(&family) || NOT_NAMES.contains(&family) {
                continue;
            }
            if families.insert(
                &family,
                Hit {
                    entry: fulls.len(),
                    acronym: false,
                },
            ) {
                fulls.push(full);
            }
        }
    }
    if families.len() > 0 {
        for (para, cands) in paragraphs.iter().zip(accepted.iter_mut()) {
            let mut found = Vec::new();
            for i in 0..para.toks.len() {
                if !para.is_word(i) {
                    continue;
                }
                if let Some((hit, len, skip)) = para.phrase_at(i, &families) {
                    let full = fulls.get(hit.entry).cloned().unwrap_or_default();
                    found.push(para.candidate(
                        i,
                        i + len,
                        skip,
                        EntityType::Person,
                        By::Family(full),
                    ));
                }
            }
            for cand in found {
                if !cands.iter().any(|c| c.overlaps(&cand)) {
                    cands.push(cand);
                }
            }
        }
    }

    let mut mentions = Vec::new();
    for (index, (para, cands)) in paragraphs.iter().zip(accepted).enumerate() {
        let mut cands = cands;
        cands.sort_by_key(|c| c.start);
        for cand in cands {
            mentions.push(para.mention(&doc.id, index, cand, gazetteer, learned));
        }
    }
    mentions
}

/// How a candidate was found, before it becomes a [`FoundBy`].
#[derive(Debug, Clone)]
enum By {
    Title { trigger: Range<usize> },
    Pattern { head: Range<usize> },
    Gazetteer(Hit),
    Learned(Hit),
    Acronym(Range<usize>),
    Family(String),
}

impl By {
    fn priority(&self) -> u8 {
        match self {
            By::Title { .. } => 0,
            By::Gazetteer(_) => 1,
            By::Learned(_) => 2,
            By::Family(_) => 3,
            By::Acronym(_) => 4,
            By::Pattern { .. } => 5,
        }
    }
}

#[derive(Debug, Clone)]
struct Candidate {
    /// Token range.
    first: usize,
    end: usize,
    /// Byte range in the normalised paragraph.
    start: usize,
    stop: usize,
    entity_type: EntityType,
    /// Byte range of the role in the normalised paragraph.
    role: Option<Range<usize>>,
    by: By,
    listed: Option<usize>,
}

impl Candidate {
    fn overlaps(&self, other: &Candidate) -> bool {
        self.first < other.end && other.first < self.end
    }
}

struct Paragraph<'a> {
    original: &'a str,
    norm: Normalized,
    toks: Vec<(usize, usize, TokenKind)>,
    /// For each token, the index of the first token at or after it that is not a word.
    run_end: Vec<usize>,
}

impl<'a> Paragraph<'a> {
    fn new(original: &'a str) -> Paragraph<'a> {
        let norm = normalize(original, Profile::Search);
        let toks: Vec<(usize, usize, TokenKind)> = tokens(norm.text())
            .map(|t| (t.start, t.end, t.kind))
            .collect();
        let mut run_end = vec![toks.len(); toks.len()];
        let mut next = toks.len();
        for i in (0..toks.len()).rev() {
            if toks[i].2 != TokenKind::Word {
                next = i;
            }
            run_end[i] = next;
        }
        Paragraph {
            original,
            norm,
            toks,
            run_end,
        }
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.2 == TokenKind::Word)
    }

    fn word(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .map(|t| &self.norm.text()[t.0..t.1])
            .unwrap_or("")
    }

    fn is_punct(&self, i: usize, marks: &[&str]) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.2 == TokenKind::Punct && marks.contains(&&self.norm.text()[t.0..t.1])
        })
    }

    /// The longest phrase of `index` starting at token `i`, the word there read with or without a clitic:
    /// (hit, words spanned, clitic bytes skipped).
    fn phrase_at(&self, i: usize, index: &PhraseIndex) -> Option<(Hit, usize, usize)> {
        let end = self.run_end[i];
        let next = |k: usize| {
            let j = i + 1 + k;
            (j < end).then(|| self.word(j))
        };
        with_bases(self.word(i), |base, skip| {
            index.longest(base, next).map(|(hit, len)| (hit, len, skip))
        })
    }

    fn candidate(
        &self,
        first: usize,
        end: usize,
        skip: usize,
        ty: EntityType,
        by: By,
    ) -> Candidate {
        Candidate {
            first,
            end,
            start: self.toks[first].0 + skip,
            stop: self.toks[end - 1].1,
            entity_type: ty,
            role: None,
            by,
            listed: None,
        }
    }

    fn candidates(&self, gazetteer: &Gazetteer, learned: &LearnedNames) -> Vec<Candidate> {
        let mut all = Vec::new();
        for i in 0..self.toks.len() {
            if !self.is_word(i) {
                continue;
            }
            if let Some((hit, len, skip)) = self.phrase_at(i, &gazetteer.index)
                && let Some(entry) = gazetteer.entry(hit.entry)
            {
                let mut cand =
                    self.candidate(i, i + len, skip, entry.entity_type, By::Gazetteer(hit));
                cand.listed = Some(hit.entry);
                all.push(cand);
            }
            if let Some((hit, len, skip)) = self.phrase_at(i, &learned.index)
                && let Some(name) = learned.names.get(hit.entry)
            {
                all.push(self.candidate(i, i + len, skip, name.entity_type, By::Learned(hit)));
            }
            if let Some(cand) = self.title_at(i, gazetteer) {
                all.push(cand);
            }
            if let Some(cand) = self.organisation_at(i, gazetteer) {
                all.push(cand);
            }
        }
        // Longest first; at equal length the more trusted source.
        all.sort_by(|a, b| {
            (b.end - b.first)
                .cmp(&(a.end - a.first))
                .then(a.by.priority().cmp(&b.by.priority()))
                .then(a.first.cmp(&b.first))
        });
        let mut accepted: Vec<Candidate> = Vec::new();
        for cand in &all {
            if accepted.iter().any(|c| c.overlaps(cand)) {
                continue;
            }
            let mut cand = cand.clone();
            if cand.listed.is_none() {
                cand.listed = all
                    .iter()
                    .find(|c| {
                        matches!(c.by, By::Gazetteer(_))
                            && c.first == cand.first
                            && c.end == cand.end
                            && c.entity_type == cand.entity_type
                    })
                    .and_then(|c| c.listed);
            }
            accepted.push(cand);
        }
        // Acronyms in brackets or quotes right after an organisation: وكالة الأنباء السورية (سانا).
        let mut acronyms = Vec::new();
        for cand in &accepted {
            if cand.entity_type != EntityType::Organisation {
                continue;
            }
            let e = cand.end;
            let opens = self.is_punct(e, &["(", "«", "“", "\"", "”", "["]);
            let closes = self.is_punct(e + 2, &[")", "»", "”", "\"", "“", "]"]);
            if opens && closes && self.is_word(e + 1) {
                let w = self.word(e + 1);
                let n = w.chars().count();
                if (2..=8).contains(&n) && !is_stop_word(w) {
                    let mut acr = self.candidate(
                        e + 1,
                        e + 2,
                        0,
                        EntityType::Organisation,
                        By::Acronym(cand.start..cand.stop),
                    );
                    acr.listed = cand.listed;
                    acronyms.push(acr);
                }
            }
        }
        for acr in acronyms {
            match accepted.iter_mut().find(|c| c.overlaps(&acr)) {
                // Already known (a gazetteer acronym): keep it, but tie it to the name before it.
                Some(existing) => {
                    if existing.listed.is_none() {
                        existing.listed = acr.listed;
                    }
                    if !matches!(existing.by, By::Gazetteer(_)) {
                        existing.by = acr.by;
                    }
                }
                None => accepted.push(acr),
            }
        }
        accepted
    }

    /// A role opened at token `i` by a title or rank, and the name after it.
    fn title_at(&self, i: usize, gazetteer: &Gazetteer) -> Option<Candidate> {
        let (skip, title_is_rank) = with_bases(self.word(i), |base, skip| {
            if TITLES.contains(base) {
                Some((skip, false))
            } else if HONORIFICS.contains(base) {
                Some((skip, true))
            } else {
                None
            }
        })?;
        let role_start = self.toks[i].0 + skip;
        let mut role_end = self.toks[i].1;
        let mut j = i + 1;
        let mut after_rank = title_is_rank;
        while self.is_word(j) {
            let w = self.word(j);
            if HONORIFICS.contains(w) {
                after_rank = true;
                j += 1;
                continue;
            }
            if after_rank {
                break;
            }
            if is_role_word(w) {
                role_end = self.toks[j].1;
                j += 1;
                continue;
            }
            if let Some((hit, len, 0)) = self.phrase_at(j, &gazetteer.index)
                && gazetteer
                    .entry(hit.entry)
                    .is_some_and(|e| e.entity_type != EntityType::Person)
            {
                role_end = self.toks[j + len - 1].1;
                j += len;
                continue;
            }
            break;
        }
        // A comma may stand between the role and the name, and ranks after it.
        if self.is_punct(j, &["،", ","]) {
            j += 1;
            while self.is_word(j) && HONORIFICS.contains(self.word(j)) {
                after_rank = true;
                j += 1;
            }
        }
        let end = self.name_at(j, gazetteer)?;
        let mut cand = self.candidate(
            j,
            end,
            0,
            EntityType::Person,
            By::Title {
                trigger: role_start..self.toks[i].1,
            },
        );
        if !(title_is_rank && role_end == self.toks[i].1) {
            cand.role = Some(role_start..role_end);
        }
        let _ = after_rank;
        Some(cand)
    }

    /// The end (exclusive token index) of a personal name starting at token `j`.
    fn name_at(&self, j: usize, gazetteer: &Gazetteer) -> Option<usize> {
        if !self.is_word(j) {
            return None;
        }
        let first = self.word(j);
        if !is_name_word(first)
            || has_article(first)
            || first.starts_with('و') && !is_name_start_with_waw(first)
        {
            return None;
        }
        // A place or organisation is not a name (سفير سوريا).
        if let Some((hit, _, _)) = self.phrase_at(j, &gazetteer.index)
            && gazetteer
                .entry(hit.entry)
                .is_some_and(|e| e.entity_type != EntityType::Person)
        {
            return None;
        }
        let mut k = j;
        let mut count = 0;
        while self.is_word(k) && count < 4 {
            let w = self.word(k);
            if count > 0 && (w.starts_with('و') || !is_name_word(w) || has_clitic_article(w)) {
                break;
            }
            if count > 0
                && let Some((hit, _, 0)) = self.phrase_at(k, &gazetteer.index)
                && gazetteer
                    .entry(hit.entry)
                    .is_some_and(|e| e.entity_type != EntityType::Person)
            {
                break;
            }
            if NAME_PARTICLES.contains(w) {
                if !self.is_word(k + 1) || !is_name_word(self.word(k + 1)) {
                    break;
                }
                let next = self.word(k + 1);
                k += 2;
                count += 2;
                // عبد الله، عبد الرحمن: the article belongs to the divine name, the name goes on.
                if has_article(next) && w != "عبد" {
                    break;
                }
                continue;
            }
            k += 1;
            count += 1;
            if count > 1 && has_article(w) {
                if self.is_word(k) && ORDINALS.contains(self.word(k)) {
                    k += 1;
                }
                break;
            }
            if count == 1 && self.is_word(k) && ORDINALS.contains(self.word(k)) {
                k += 1;
                break;
            }
        }
        // A name ending on a particle is cut before it.
        while k > j && NAME_PARTICLES.contains(self.word(k - 1)) {
            k -= 1;
        }
        (k > j).then_some(k)
    }

    /// An organisation opened at token `i` by a head noun.
    fn organisation_at(&self, i: usize, gazetteer: &Gazetteer) -> Option<Candidate> {
        let skip = with_bases(self.word(i), |base, skip| {
            ORG_HEADS.contains(base).then_some(skip)
        })?;
        let end = self.run_end[i];
        let mut j = i + 1;
        let mut modifiers = 0;
        let mut last = i;
        while j < end && j - i < 8 {
            let w = self.word(j);
            if let Some((hit, len, 0)) = self.phrase_at(j, &gazetteer.index)
                && gazetteer
                    .entry(hit.entry)
                    .is_some_and(|e| e.entity_type == EntityType::Location)
            {
                j += len;
                last = j - 1;
                modifiers += 1;
                continue;
            }
            let next_definite = j + 1 < end && has_article(self.word(j + 1));
            if has_article(w) && !NOT_MODIFIERS.contains(w) && !HONORIFICS.contains(w) {
                modifiers += 1;
            } else if w.starts_with("لل")
                && w.chars().count() >= 4
                && !NOT_MODIFIERS.contains(w)
                && !is_nisba(self.word(j - 1))
            {
                // وكالة النخيل للأنباء; but not وزارة الدفاع التركية للصحفيين.
                modifiers += 1;
            } else if modifiers > 0
                && w.starts_with("وال")
                && w.chars().count() >= 5
                && !is_nisba(self.word(j - 1))
                && !TITLES.contains(&w['و'.len_utf8()..])
            {
                // وزارة الطاقة والثروة المعدنية; but not وزارتي الدفاع التركية والسورية.
                modifiers += 1;
            } else if j == i + 1 && next_definite && is_name_word(w) && !has_clitic_article(w) {
                // Construct state: جمعية مستثمري الطاقة.
            } else {
                break;
            }
            last = j;
            j += 1;
        }
        if modifiers == 0 {
            return None;
        }
        // A purpose phrase (المؤسسة العربية لتمويل البنية التحتية) belongs to the name only when an acronym in
        // brackets follows it: otherwise it is usually the sentence going on (الجيش السوري لمواجهة …).
        if self.word(j).starts_with('ل') && !has_article(self.word(j)) && j < end {
            let mut k = j + 1;
            while k < end && has_article(self.word(k)) && k - i < 10 {
                k += 1;
            }
            if k > j + 1
                && self.is_punct(k, &["("])
                && self.is_word(k + 1)
                && self.is_punct(k + 2, &[")"])
            {
                last = k - 1;
            }
        }
        let mut cand = self.candidate(
            i,
            last + 1,
            skip,
            EntityType::Organisation,
            By::Pattern {
                head: self.toks[i].0 + skip..self.toks[i].1,
            },
        );
        cand.role = None;
        Some(cand)
    }

    fn original(&self, range: Range<usize>) -> &str {
        let r = self.norm.original_range(range);
        self.original.get(r).unwrap_or("")
    }

    fn mention(
        &self,
        doc: &DocumentId,
        paragraph: usize,
        cand: Candidate,
        gazetteer: &Gazetteer,
        learned: &LearnedNames,
    ) -> Mention {
        let span = self.norm.original_range(cand.start..cand.stop);
        let surface = self.original.get(span.clone()).unwrap_or("").to_string();
        let mut expansion = None;
        let found_by = match &cand.by {
            By::Title { trigger } => FoundBy::Title(self.original(trigger.clone()).to_string()),
            By::Pattern { head } => FoundBy::Pattern(self.original(head.clone()).to_string()),
            By::Gazetteer(hit) => FoundBy::Gazetteer {
                acronym: hit.acronym,
            },
            By::Learned(hit) => {
                expansion = learned
                    .names
                    .get(hit.entry)
                    .and_then(|n| n.expansion.clone());
                FoundBy::Learned
            }
            By::Acronym(range) => {
                let text = self.original(range.clone()).to_string();
                expansion = Some(text.clone());
                FoundBy::Acronym { expansion: text }
            }
            By::Family(full) => FoundBy::FamilyName { full: full.clone() },
        };
        Mention {
            document: doc.clone(),
            paragraph,
            span,
            surface,
            entity_type: cand.entity_type,
            role: cand.role.map(|r| self.original(r).to_string()),
            found_by,
            listed: cand
                .listed
                .and_then(|id| gazetteer.entry(id))
                .map(|e| e.canonical.clone()),
            expansion,
        }
    }
}

/// Calls `f` with the word as written and then with each clitic reading of it (وسوريا → سوريا, للأنباء →
/// الأنباء), with the bytes skipped, until `f` answers.
pub(crate) fn with_bases<T>(word: &str, mut f: impl FnMut(&str, usize) -> Option<T>) -> Option<T> {
    if let Some(found) = f(word, 0) {
        return Some(found);
    }
    for clitic in CLITICS {
        let Some(rest) = word.strip_prefix(clitic) else {
            continue;
        };
        if rest.chars().count() < 2 {
            continue;
        }
        // ل before the article drops its alef: لل+word is ل + ال+word.
        if clitic.ends_with('ل') && rest.starts_with('ل') && !rest.starts_with("ال") {
            let with_article = format!("ا{rest}");
            if let Some(found) = f(&with_article, clitic.len() - 'ل'.len_utf8()) {
                return Some(found);
            }
        }
        if let Some(found) = f(rest, clitic.len()) {
            return Some(found);
        }
    }
    None
}

/// A relative adjective with the article (التركية، السوري): it ends an organisation's name.
fn is_nisba(w: &str) -> bool {
    has_article(w) && (w.ends_with('ي') || w.ends_with("يه"))
}

fn has_article(w: &str) -> bool {
    w.starts_with("ال") && w.chars().count() >= 4
}

/// A clitic before the article (بالانضمام، للأمم، والسوري): never inside a personal name.
fn has_clitic_article(w: &str) -> bool {
    ["بال", "لل", "وال", "فال", "كال"]
        .iter()
        .any(|p| w.starts_with(p))
}

/// Could be a word of a personal name: letters, not a function word, title or common report word.
fn is_name_word(w: &str) -> bool {
    w.chars().count() >= 2
        && w.chars().all(char::is_alphabetic)
        && !is_stop_word(w)
        && !NOT_NAMES.contains(w)
        && !TITLES.contains(w)
        && !HONORIFICS.contains(w)
        && !ORG_HEADS.contains(w)
        && !NOT_MODIFIERS.contains(w)
}

/// وليد، وائل: a name may start with و, unless the و is a conjunction before a title or another function word.
fn is_name_start_with_waw(w: &str) -> bool {
    let rest = &w['و'.len_utf8()..];
    !(TITLES.contains(rest)
        || HONORIFICS.contains(rest)
        || is_stop_word(rest)
        || NOT_NAMES.contains(rest)
        || ORG_HEADS.contains(rest)
        || rest.starts_with("ال"))
}

/// A word that continues a role: a definite noun or adjective (الدفاع، التركي), one joined by و (والمغتربين),
/// a construct noun (جهاز، باسم), or one of those after ب or ل (بوزارة).
fn is_role_word(w: &str) -> bool {
    if has_article(w) {
        return !NOT_MODIFIERS.contains(w);
    }
    if let Some(rest) = w.strip_prefix("وال") {
        return rest.chars().count() >= 2;
    }
    if w.starts_with("لل") && w.chars().count() >= 4 {
        return true;
    }
    if LINK_NOUNS.contains(w) {
        return true;
    }
    ["ب", "ل"].iter().any(|p| {
        w.strip_prefix(p)
            .is_some_and(|rest| LINK_NOUNS.contains(rest))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, EntityType, Option<String>)> {
        let doc = Document::new("t", vec![text.to_string()]);
        detect(&doc, &Gazetteer::builtin(), &LearnedNames::default())
            .into_iter()
            .map(|m| (m.surface, m.entity_type, m.role))
            .collect()
    }

    fn person(text: &str, name: &str, role: Option<&str>) {
        let got = found(text);
        assert!(
            got.iter()
                .any(|(s, t, r)| s == name && *t == EntityType::Person && r.as_deref() == role),
            "{name} / {role:?} not in {got:?}"
        );
    }

    #[test]
    fn names_after_titles_keep_their_role() {
        // Invented people and sentences.
        person(
            "استقبل وزير الزراعة الأردني سليم الطحان وفدا",
            "سليم الطحان",
            Some("وزير الزراعة الأردني"),
        );
        person(
            "وقال رئيس هيئة الطيران المدني، العميد ركان عبد الله الزعبي، إن",
            "ركان عبد الله الزعبي",
            Some("رئيس هيئة الطيران المدني"),
        );
        person(
            "وأكد المتحدث باسم الوزارة، الأدميرال فارس تونجر، أن",
            "فارس تونجر",
            Some("المتحدث باسم الوزارة"),
        );
        person(
            "التقى وزير النقل مراد أبو زيد ووزير المالية",
            "مراد أبو زيد",
            Some("وزير النقل"),
        );
    }

    #[test]
    fn common_words_after_titles_are_not_names() {
        let got = found("ووقع الوزير مذكرة تفاهم وقال الوزير إن الاتفاق مهم");
        assert!(
            got.iter().all(|(_, t, _)| *t != EntityType::Person),
            "{got:?}"
        );
    }

    #[test]
    fn organisations_places_and_acronyms() {
        let got = found(
            "أعلنت وزارة النقل العراقية أن جمعية مزارعي النخيل (جمن) تلقت دعما من بغداد ولسوريا",
        );
        let names: Vec<&str> = got.iter().map(|(s, _, _)| s.as_str()).collect();
        assert!(names.contains(&"وزارة النقل العراقية"), "{names:?}");
        assert!(names.contains(&"جمعية مزارعي النخيل"), "{names:?}");
        assert!(names.contains(&"جمن"), "{names:?}");
        assert!(names.contains(&"بغداد"), "{names:?}");
        assert!(names.contains(&"سوريا"), "{names:?}");
    }

    #[test]
    fn family_name_alone_after_the_full_name() {
        let doc = Document::new(
            "t",
            vec![
                "قال وزير الري حامد القيسي إن السد جاهز.".into(),
                "وأضاف القيسي أن العمل بدأ.".into(),
            ],
        );
        let ms = detect(&doc, &Gazetteer::builtin(), &LearnedNames::default());
        let bare = ms.iter().find(|m| m.paragraph == 1).unwrap();
        assert_eq!(bare.surface, "القيسي");
        assert_eq!(&doc.paragraphs[1][bare.span.clone()], "القيسي");
        assert!(matches!(bare.found_by, FoundBy::FamilyName { .. }));
    }

    #[test]
    fn spans_point_into_the_text_as_written() {
        let text = "وصـل الوزيرُ سليم الطّحان إلى عمّان";
        let doc = Document::new("t", vec![text.into()]);
        for m in detect(&doc, &Gazetteer::builtin(), &LearnedNames::default()) {
            assert_eq!(&text[m.span.clone()], m.surface);
        }
    }

    #[test]
    fn clitic_readings() {
        let mut seen = Vec::new();
        let _: Option<()> = with_bases("للأنباء", |b, s| {
            seen.push((b.to_string(), s));
            None
        });
        assert!(seen.contains(&("لأنباء".to_string(), 2)));
        let _: Option<()> = with_bases("للانباء", |b, s| {
            seen.push((b.to_string(), s));
            None
        });
        assert!(seen.contains(&("الانباء".to_string(), 0)));
    }
}
