//! Cross-document resolution: mentions of one person, organisation or place, across outlets and spellings,
//! become one [`Entity`] with every surface variant and the documents that write it.
//!
//! Evidence, each recorded as a [`Merge`] so that every join can be shown (`marsad entity ID --why`):
//! - **same key**: two spellings with the same name key (person) or the same skeleton (others);
//! - **gazetteer**: two spellings the gazetteer lists for one entry, or an acronym it lists;
//! - **name key**: two persons' names whose [`NameKey::similarity`] reaches [`NameKey::SAME_PERSON`];
//! - **shared role**: names that are close but not close enough (0.6 and up), given with the same role;
//! - **acronym**: an acronym and the name it was spelled out after;
//! - **family name / short form**: a bare family name (السلامة) or an organisation without its adjective
//!   (وزارة الدفاع) joins the one full name in the same document that it can stand for; failing that, the one
//!   in the same event, failing that the one in the corpus. When two could be meant, it joins none.
//!
//! Guard against chaining: two groups of person names are not joined if any name of one contradicts any
//! name of the other (similarity 0.5 or less: different family names, or different first names), so that
//! people who share a first or a family name stay apart.
//!
//! Not done here: detection ([`crate::detect()`]), or roles as evidence on their own: a shared role without a
//! similar name never joins two people (ministers change).

use std::collections::HashMap;
use std::fmt;

use marsad_model::{DocumentId, Entity, EntityId, EntityType, EventId, Variant};
use marsad_text::NameKey;
use marsad_text::name_key::token_key;
use marsad_text::normalize::{Profile, normalize_str};
use marsad_text::tokenize::words;
use rustc_hash::FxHashMap;

use crate::detect::{FoundBy, Mention};
use crate::gazetteer::type_tag;

/// Which rule joined two variants.
#[derive(Debug, Clone, PartialEq)]
pub enum MergeRule {
    /// Same name key or skeleton.
    SameKey { key: String },
    /// Listed together in the gazetteer under this canonical name.
    Gazetteer { canonical: String },
    /// Name-key similarity of two person names.
    NameKey { score: f32 },
    /// Near names given with the same role.
    SharedRole { score: f32, role: String },
    /// An acronym and its expansion.
    Acronym,
    /// A bare family name or short organisation name and the one full name in this document.
    SameDocument { document: DocumentId },
    /// … the one full name in this event.
    SameEvent { event: EventId },
    /// … the one full name in the whole corpus.
    OnlyCandidate,
}

/// One join: `left` and `right` are surface forms, `rule` why they are one entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub left: String,
    pub right: String,
    pub rule: MergeRule,
}

impl fmt::Display for Merge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (l, r) = (&self.left, &self.right);
        match &self.rule {
            MergeRule::SameKey { key } => write!(f, "{l} = {r}: same key «{key}»"),
            MergeRule::Gazetteer { canonical } => {
                write!(
                    f,
                    "{l} = {r}: both listed in the gazetteer as «{canonical}»"
                )
            }
            MergeRule::NameKey { score } => write!(f, "{l} = {r}: name-key similarity {score:.2}"),
            MergeRule::SharedRole { score, role } => write!(
                f,
                "{l} = {r}: name-key similarity {score:.2} and the same role «{role}»"
            ),
            MergeRule::Acronym => write!(f, "{l} = {r}: acronym spelled out in the text"),
            MergeRule::SameDocument { document } => write!(
                f,
                "{l} → {r}: the only full name it can stand for in document {}",
                short(&document.0)
            ),
            MergeRule::SameEvent { event } => write!(
                f,
                "{l} → {r}: the only full name it can stand for in event {event}"
            ),
            MergeRule::OnlyCandidate => write!(
                f,
                "{l} → {r}: the only full name it can stand for in the corpus"
            ),
        }
    }
}

fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

/// An entity with how it was put together.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedEntity {
    pub entity: Entity,
    /// Roles given before the name, as written, most frequent first.
    pub roles: Vec<String>,
    /// Indices into the mentions given to [`resolve`].
    pub mentions: Vec<usize>,
    pub merges: Vec<Merge>,
}

/// What one group of same-key mentions is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    /// Listed in the gazetteer.
    Listed,
    /// A person's name of two words or more.
    FullName,
    /// A one-word person name (a family name alone), local to its document until attached.
    Bare,
    /// An organisation that another organisation's name extends (وزارة الدفاع ⊂ وزارة الدفاع التركية),
    /// local to its document until attached.
    ShortOrg,
    /// An acronym spelled out in the corpus.
    Acronym,
    /// Anything else, joined by key.
    Other,
}

struct Node {
    kind: Kind,
    entity_type: EntityType,
    /// Key without the document part.
    key: String,
    document: Option<DocumentId>,
    mentions: Vec<usize>,
    name: NameKey,
    /// The last word of a full name, as a key of its own.
    family: NameKey,
    /// The skeleton words of an organisation.
    words: Vec<String>,
    roles: Vec<String>,
}

/// Resolves mentions (from any number of documents) into entities. `events` maps documents to events, when
/// clustering has run; co-occurrence in one event then helps attach bare family names.
pub fn resolve(
    mentions: &[Mention],
    events: Option<&HashMap<DocumentId, EventId>>,
) -> Vec<ResolvedEntity> {
    let mut nodes: Vec<Node> = Vec::new();
    let mut by_key: FxHashMap<(String, Option<DocumentId>), usize> = FxHashMap::default();
    let mut merges: Vec<(usize, Merge)> = Vec::new();

    // Organisation skeletons that some longer organisation name extends.
    let org_keys: Vec<Vec<String>> = mentions
        .iter()
        .filter(|m| m.entity_type == EntityType::Organisation && m.listed.is_none())
        .map(|m| skeleton(&m.surface))
        .collect();
    let is_prefix_of_other = |words: &[String]| {
        org_keys
            .iter()
            .any(|o| o.len() > words.len() && o.starts_with(words))
    };

    for (i, m) in mentions.iter().enumerate() {
        let tag = type_tag(m.entity_type);
        let name = NameKey::new(&m.surface);
        let words = skeleton(&m.surface);
        let (kind, key) = if let Some(canonical) = &m.listed {
            (Kind::Listed, format!("G|{tag}|{canonical}"))
        } else if m.entity_type == EntityType::Person {
            if name.tokens().len() >= 2 {
                (Kind::FullName, format!("P|{name}"))
            } else {
                (Kind::Bare, format!("S|{name}"))
            }
        } else if m.expansion.is_some() {
            (Kind::Acronym, format!("A|{}", words.join(" ")))
        } else if m.entity_type == EntityType::Organisation && is_prefix_of_other(&words) {
            (Kind::ShortOrg, format!("O|{}", words.join(" ")))
        } else {
            (Kind::Other, format!("K|{tag}|{}", words.join(" ")))
        };
        let document = matches!(kind, Kind::Bare | Kind::ShortOrg).then(|| m.document.clone());
        let slot = (key.clone(), document.clone());
        let node = match by_key.get(&slot) {
            Some(&n) => n,
            None => {
                let last = normalize_str(&m.surface, Profile::Search);
                let family = NameKey::new(words_of(&last).last().copied().unwrap_or(""));
                nodes.push(Node {
                    kind,
                    entity_type: m.entity_type,
                    key,
                    document,
                    mentions: Vec::new(),
                    name,
                    family,
                    words,
                    roles: Vec::new(),
                });
                by_key.insert(slot, nodes.len() - 1);
                nodes.len() - 1
            }
        };
        // A new spelling of the same key: say why it joins.
        if let Some(&first) = nodes[node].mentions.first() {
            let first_surface = display(&mentions[first].surface);
            let surface = display(&m.surface);
            let seen = nodes[node]
                .mentions
                .iter()
                .any(|&j| display(&mentions[j].surface) == surface);
            if !seen {
                let rule = match (&m.listed, &m.found_by) {
                    (Some(canonical), FoundBy::Gazetteer { acronym: true }) => {
                        let _ = canonical;
                        MergeRule::Acronym
                    }
                    (Some(canonical), _) => MergeRule::Gazetteer {
                        canonical: canonical.clone(),
                    },
                    _ => MergeRule::SameKey {
                        key: nodes[node]
                            .key
                            .splitn(3, '|')
                            .last()
                            .unwrap_or("")
                            .to_string(),
                    },
                };
                merges.push((
                    node,
                    Merge {
                        left: first_surface,
                        right: surface,
                        rule,
                    },
                ));
            }
        }
        if let Some(role) = &m.role {
            nodes[node].roles.push(normalize_str(role, Profile::Search));
        }
        nodes[node].mentions.push(i);
    }

    let mut sets = Sets::new(nodes.len());
    let surface_of = |n: &Node| display(&mentions[n.mentions[0]].surface);

    // Acronyms and what they stand for.
    for a in 0..nodes.len() {
        if nodes[a].kind != Kind::Acronym {
            continue;
        }
        let Some(expansion) = nodes[a]
            .mentions
            .iter()
            .find_map(|&i| mentions[i].expansion.as_deref())
        else {
            continue;
        };
        let words = skeleton(expansion);
        let target = nodes.iter().position(|n| {
            n.entity_type == EntityType::Organisation && n.kind != Kind::Acronym && n.words == words
        });
        if let Some(b) = target {
            let merge = Merge {
                left: surface_of(&nodes[b]),
                right: surface_of(&nodes[a]),
                rule: MergeRule::Acronym,
            };
            if sets.union(a, b) {
                merges.push((a, merge));
            }
        }
    }

    // Full names of persons, by name key, closest pairs first.
    let full: Vec<usize> = (0..nodes.len())
        .filter(|&n| nodes[n].kind == Kind::FullName)
        .collect();
    let mut by_token: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for &n in &full {
        for token in nodes[n].name.tokens() {
            by_token.entry(token.as_str()).or_default().push(n);
        }
    }
    let mut pairs: Vec<(f32, usize, usize, Option<String>)> = Vec::new();
    for &a in &full {
        let mut seen: Vec<usize> = Vec::new();
        for token in nodes[a].name.tokens() {
            for &b in by_token.get(token.as_str()).into_iter().flatten() {
                if b <= a || seen.contains(&b) {
                    continue;
                }
                seen.push(b);
                let score = nodes[a].name.similarity(&nodes[b].name);
                if score >= NameKey::SAME_PERSON {
                    pairs.push((score, a, b, None));
                } else if score >= 0.6
                    && let Some(role) = shared_role(&nodes[a].roles, &nodes[b].roles)
                {
                    pairs.push((score, a, b, Some(role)));
                }
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0));
    for (score, a, b, role) in pairs {
        if sets.find(a) == sets.find(b) {
            continue;
        }
        let contradicts = sets.members(a).iter().any(|&x| {
            sets.members(b).iter().any(|&y| {
                nodes[x].kind == Kind::FullName
                    && nodes[y].kind == Kind::FullName
                    && nodes[x].name.similarity(&nodes[y].name) <= 0.5
            })
        });
        if contradicts {
            continue;
        }
        let rule = match role {
            Some(role) => MergeRule::SharedRole { score, role },
            None => MergeRule::NameKey { score },
        };
        let merge = Merge {
            left: surface_of(&nodes[a]),
            right: surface_of(&nodes[b]),
            rule,
        };
        sets.union(a, b);
        merges.push((a, merge));
    }

    // Bare family names and short organisation names: attach to the one full name they can stand for.
    let docs_of = |n: &Node| -> Vec<DocumentId> {
        n.mentions
            .iter()
            .map(|&i| mentions[i].document.clone())
            .collect()
    };
    let mut unattached: Vec<usize> = Vec::new();
    for s in 0..nodes.len() {
        let short = &nodes[s];
        let fits = |n: &Node| -> bool {
            match short.kind {
                Kind::Bare => {
                    n.entity_type == EntityType::Person
                        && matches!(n.kind, Kind::FullName | Kind::Listed)
                        && short.name.similarity(&n.family) >= NameKey::SAME_PERSON
                }
                Kind::ShortOrg => {
                    n.entity_type == EntityType::Organisation
                        && n.kind != Kind::ShortOrg
                        && n.words.len() > short.words.len()
                        && n.words.starts_with(&short.words)
                }
                _ => false,
            }
        };
        if !matches!(short.kind, Kind::Bare | Kind::ShortOrg) {
            continue;
        }
        let Some(document) = short.document.clone() else {
            continue;
        };
        let roots_where = |pred: &dyn Fn(&DocumentId) -> bool, sets: &mut Sets| -> Vec<usize> {
            let mut roots: Vec<usize> = Vec::new();
            for (n, node) in nodes.iter().enumerate() {
                if fits(node) && docs_of(node).iter().any(pred) {
                    let root = sets.find(n);
                    if !roots.contains(&root) {
                        roots.push(root);
                    }
                }
            }
            roots
        };
        let in_doc = roots_where(&|d| *d == document, &mut sets);
        let (target, rule) = match in_doc.len() {
            1 => (
                Some(in_doc[0]),
                MergeRule::SameDocument {
                    document: document.clone(),
                },
            ),
            0 => {
                let event = events.and_then(|e| e.get(&document));
                let in_event = match event {
                    Some(ev) => {
                        roots_where(&|d| events.and_then(|e| e.get(d)) == Some(ev), &mut sets)
                    }
                    None => Vec::new(),
                };
                match (in_event.len(), event) {
                    (1, Some(ev)) => (
                        Some(in_event[0]),
                        MergeRule::SameEvent { event: ev.clone() },
                    ),
                    (0, _) => {
                        let anywhere = roots_where(&|_| true, &mut sets);
                        if anywhere.len() == 1 {
                            (Some(anywhere[0]), MergeRule::OnlyCandidate)
                        } else {
                            (None, MergeRule::OnlyCandidate)
                        }
                    }
                    _ => (None, MergeRule::OnlyCandidate),
                }
            }
            _ => (None, MergeRule::OnlyCandidate),
        };
        match target {
            Some(t) => {
                let merge = Merge {
                    left: surface_of(&nodes[s]),
                    right: surface_of(&nodes[t]),
                    rule,
                };
                sets.union(s, t);
                merges.push((s, merge));
            }
            None => unattached.push(s),
        }
    }
    // Unattached bare names with one key are one (unknown) entity across documents.
    let mut first_with_key: FxHashMap<(Kind, &str), usize> = FxHashMap::default();
    for &s in &unattached {
        match first_with_key.get(&(nodes[s].kind, nodes[s].key.as_str())) {
            Some(&f) => {
                if sets.union(f, s) {
                    merges.push((
                        s,
                        Merge {
                            left: surface_of(&nodes[f]),
                            right: surface_of(&nodes[s]),
                            rule: MergeRule::SameKey {
                                key: nodes[s].key.splitn(2, '|').last().unwrap_or("").to_string(),
                            },
                        },
                    ));
                }
            }
            None => {
                first_with_key.insert((nodes[s].kind, nodes[s].key.as_str()), s);
            }
        }
    }

    // Gather.
    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for n in 0..nodes.len() {
        groups.entry(sets.find(n)).or_default().push(n);
    }
    let mut merges_by_root: FxHashMap<usize, Vec<Merge>> = FxHashMap::default();
    for (n, merge) in merges {
        merges_by_root.entry(sets.find(n)).or_default().push(merge);
    }
    let mut out: Vec<ResolvedEntity> = groups
        .into_iter()
        .map(|(root, members)| {
            build(
                &nodes,
                &members,
                mentions,
                merges_by_root.remove(&root).unwrap_or_default(),
            )
        })
        .collect();
    out.sort_by(|a, b| {
        type_tag(a.entity.entity_type)
            .cmp(type_tag(b.entity.entity_type))
            .then(b.mentions.len().cmp(&a.mentions.len()))
            .then(a.entity.name.cmp(&b.entity.name))
    });
    out
}

fn build(
    nodes: &[Node],
    members: &[usize],
    mentions: &[Mention],
    merges: Vec<Merge>,
) -> ResolvedEntity {
    let mut indices: Vec<usize> = members
        .iter()
        .flat_map(|&n| nodes[n].mentions.iter().copied())
        .collect();
    indices.sort_unstable();
    let entity_type = nodes[members[0]].entity_type;
    let mut variants: Vec<(Variant, usize, bool)> = Vec::new();
    for &i in &indices {
        let m = &mentions[i];
        let text = display(&m.surface);
        let is_acronym =
            m.expansion.is_some() || matches!(m.found_by, FoundBy::Gazetteer { acronym: true });
        match variants.iter_mut().find(|(v, _, _)| v.text == text) {
            Some((v, count, _)) => {
                *count += 1;
                if !v.documents.contains(&m.document) {
                    v.documents.push(m.document.clone());
                }
            }
            None => variants.push((
                Variant {
                    text,
                    documents: vec![m.document.clone()],
                },
                1,
                is_acronym,
            )),
        }
    }
    let listed = indices.iter().find_map(|&i| mentions[i].listed.clone());
    let name = listed.unwrap_or_else(|| {
        variants
            .iter()
            .max_by(|a, b| {
                (!a.2, words_of(&a.0.text).len(), a.1, a.0.text.len())
                    .cmp(&(!b.2, words_of(&b.0.text).len(), b.1, b.0.text.len()))
                    .then(b.0.text.cmp(&a.0.text))
            })
            .map(|v| v.0.text.clone())
            .unwrap_or_default()
    });
    let mut roles: Vec<(String, usize)> = Vec::new();
    for &i in &indices {
        if let Some(role) = &mentions[i].role {
            let role = display(role);
            match roles.iter_mut().find(|(r, _)| *r == role) {
                Some((_, c)) => *c += 1,
                None => roles.push((role, 1)),
            }
        }
    }
    roles.sort_by_key(|r| std::cmp::Reverse(r.1));
    ResolvedEntity {
        entity: Entity {
            id: entity_id(entity_type, &name),
            entity_type,
            name,
            variants: variants.into_iter().map(|v| v.0).collect(),
        },
        roles: roles.into_iter().map(|r| r.0).collect(),
        mentions: indices,
        merges,
    }
}

/// The id of an entity: BLAKE3 of its type and its canonical name's key, first 8 bytes in hex, so that the
/// same entity keeps its id as documents arrive (as long as its canonical name holds).
pub fn entity_id(entity_type: EntityType, canonical: &str) -> EntityId {
    let key = match entity_type {
        EntityType::Person => NameKey::new(canonical).to_string(),
        _ => skeleton(canonical).join(" "),
    };
    let hash = blake3::hash(format!("{}|{key}", type_tag(entity_type)).as_bytes());
    EntityId(hash.to_hex()[..16].to_string())
}

/// Search-normalised words, each reduced to its name-key skeleton.
fn skeleton(text: &str) -> Vec<String> {
    let normalised = normalize_str(text, Profile::Search);
    words_of(&normalised)
        .into_iter()
        .map(token_key)
        .filter(|k| !k.is_empty())
        .collect()
}

fn words_of(text: &str) -> Vec<&str> {
    words(text).collect()
}

fn display(text: &str) -> String {
    normalize_str(text, Profile::Display)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A role two names share, in full (two words or more, so that a bare وزير is no evidence).
fn shared_role(a: &[String], b: &[String]) -> Option<String> {
    a.iter()
        .find(|r| words(r).count() >= 2 && b.contains(r))
        .cloned()
}

/// Union-find with member lists.
struct Sets {
    parent: Vec<usize>,
    members: Vec<Vec<usize>>,
}

impl Sets {
    fn new(n: usize) -> Sets {
        Sets {
            parent: (0..n).collect(),
            members: (0..n).map(|i| vec![i]).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn members(&mut self, x: usize) -> Vec<usize> {
        let root = self.find(x);
        self.members[root].clone()
    }

    /// Joins two sets; false if they were one already.
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        let (big, small) = if self.members[ra].len() >= self.members[rb].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[small] = big;
        let moved = std::mem::take(&mut self.members[small]);
        self.members[big].extend(moved);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::detect;
    use crate::gazetteer::Gazetteer;
    use crate::learn::LearnedNames;
    use marsad_model::Document;

    fn resolve_texts(texts: &[&str]) -> (Vec<Mention>, Vec<ResolvedEntity>) {
        let docs: Vec<Document> = texts
            .iter()
            .map(|t| Document::new("t", vec![t.to_string()]))
            .collect();
        let g = Gazetteer::builtin();
        let learned = LearnedNames::learn(&docs, &g);
        let mentions: Vec<Mention> = docs.iter().flat_map(|d| detect(d, &g, &learned)).collect();
        let entities = resolve(&mentions, None);
        (mentions, entities)
    }

    fn entity_of<'a>(entities: &'a [ResolvedEntity], variant: &str) -> &'a ResolvedEntity {
        entities
            .iter()
            .find(|e| e.entity.variants.iter().any(|v| v.text == variant))
            .unwrap_or_else(|| panic!("no entity has variant {variant}: {entities:#?}"))
    }

    #[test]
    fn spellings_of_one_minister_meet_and_namesakes_stay_apart() {
        // Invented people.
        let (_, entities) = resolve_texts(&[
            "قال وزير الزراعة الأردني سليم عبد الرزاق الطحان إن الموسم جيد.",
            "وأكد وزير الزراعة سليم طحان أن الموسم جيد.",
            "وقال وزير الزراعة سليم التحان للصحفيين إن المطر كاف. وأضاف التحان أن العمل بدأ.",
            "وقال المدير كريم الطحان إن المصنع جاهز.",
            "وقال رئيس الجمعية سليم الحداد إن الأسعار مرتفعة.",
        ]);
        let minister = entity_of(&entities, "سليم طحان");
        for v in ["سليم عبد الرزاق الطحان", "سليم التحان", "التحان"]
        {
            assert!(
                minister.entity.variants.iter().any(|x| x.text == v),
                "{v}: {minister:#?}"
            );
        }
        assert_eq!(minister.entity.name, "سليم عبد الرزاق الطحان");
        for other in ["كريم الطحان", "سليم الحداد"] {
            assert!(minister.entity.variants.iter().all(|x| x.text != other));
        }
        assert!(!minister.merges.is_empty());
        assert!(minister.roles.iter().any(|r| r.starts_with("وزير الزراعة")));
    }

    #[test]
    fn acronyms_join_their_organisation() {
        let (_, entities) = resolve_texts(&[
            "أعلنت جمعية مزارعي الزيتون (جمز) عن موسم جيد.",
            "وقالت جمز إن الموسم جيد، وذكرت قسد وقوات سوريا الديمقراطية.",
        ]);
        let org = entity_of(&entities, "جمز");
        assert!(
            org.entity
                .variants
                .iter()
                .any(|v| v.text == "جمعية مزارعي الزيتون")
        );
        assert!(org.merges.iter().any(|m| m.rule == MergeRule::Acronym));
        let sdf = entity_of(&entities, "قسد");
        assert!(
            sdf.entity
                .variants
                .iter()
                .any(|v| v.text == "قوات سوريا الديمقراطية")
        );
    }

    #[test]
    fn ids_are_stable_and_typed() {
        assert_eq!(
            entity_id(EntityType::Person, "سليم الطحان"),
            entity_id(EntityType::Person, "سليم طحان")
        );
        assert_ne!(
            entity_id(EntityType::Person, "سليم الطحان"),
            entity_id(EntityType::Organisation, "سليم الطحان")
        );
    }
}
