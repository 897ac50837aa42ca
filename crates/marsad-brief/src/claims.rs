//! Claims: sentences that report what someone said (statements) or did (actions), with who said or did it
//! and the chain that carried the words to the outlet.
//!
//! A small grammar over search-normalised tokens, written for Arabic news prose:
//! - **Verb.** The first reporting verb (قال، أكد، أعلن، أوضح، أشار، أضاف، ذكر، أفاد، نقل، كشف، شدد …, with
//!   their feminine, dual and plural forms and a leading و/ف) or action verb (وقّع، التقى، استقبل، طلب، بحث،
//!   زار، عقد، افتتح …) in the sentence. A sentence with only a credit phrase (بحسب، وفقاً لـ، نقلاً عن) is a
//!   statement credited to whoever follows the phrase.
//! - **Speaker.** Arabic news is verb-first: the subject is the noun phrase right after the verb, up to a
//!   comma, colon, quote, a complementiser (أنّ/إنّ), a time word (اليوم، أمس، يوم …) or an adjunct (في بيان،
//!   خلال، عبر، للصحفيين). No noun phrase there (وأضاف أنّ …) means the previous speaker in the document goes
//!   on. A bare definite noun (الوزارة، الوكالة، المصدر، الوزير) is resolved to the last speaker of the
//!   document that contains that word, so "وأضافت الوزارة" becomes "وزارة الدفاع التركية".
//! - **Chain.** News agencies and media named in the sentence outside the speaker: after the preposition لـ
//!   (لرويترز), in a credit phrase (بحسب سانا، وفقاً لما نقلته وكالة الأناضول، نقلاً عن), "وسائل إعلام X", or an
//!   agency as the subject of نقل/ذكر with عن introducing the original speaker (نقلت وكالة … عن الوزارة أنّ).
//!   An agency is a name from our own list of agencies, any "وكالة X" phrase, or a name seen as "وكالة X"
//!   elsewhere in the same evidence («النخيل» after "وكالة النخيل للأنباء" on another page). An agency credit
//!   also covers the rest of its paragraph and the next paragraph when that one names no source of its own,
//!   because wire copy is credited once at the top of the paragraphs it supplies.
//! - **Action details.** Participants are the persons and organisations (resolved entities) named in the
//!   sentence besides the actor; the object is the phrase from the first agreement-like noun (مذكرة، اتفاق،
//!   اتفاقية، عقد، طلب …) to the next punctuation; the date is the first day-precise date in the sentence
//!   (resolved against the publication date); the place is the first place entity named.
//!
//! What it does not do: parse nested quotations, subject-first word order beyond the credit phrases, or
//! negation ("نفى" is a statement like any other; what is denied is in the text).

use std::collections::HashSet;

use marsad_dates::Precision;
use marsad_model::{Claim, ClaimKind, EntityType};
use marsad_text::normalize::{Normalized, Profile, normalize, normalize_str};
use marsad_text::tokenize::{TokenKind, tokens};

use crate::Evidence;
use crate::text::Sentence;

/// A claim with the index of its sentence in the shared split.
#[derive(Debug, Clone)]
pub struct Found {
    pub sentence: usize,
    pub claim: Claim,
}

/// Claims and credits of a whole evidence set.
#[derive(Debug, Clone, Default)]
pub struct Claims {
    pub found: Vec<Found>,
    /// Per sentence (same index as the split): the agencies or media credited for its words, as written,
    /// nearest first; empty when the outlet credits nobody for it.
    pub credits: Vec<Vec<String>>,
}

const STATEMENT_VERBS: &[&str] = &[
    "قال",
    "قالت",
    "قالا",
    "قالوا",
    "يقول",
    "تقول",
    "أكد",
    "أكدت",
    "أكدا",
    "أكدوا",
    "يؤكد",
    "تؤكد",
    "أعلن",
    "أعلنت",
    "أعلنا",
    "أعلنوا",
    "أوضح",
    "أوضحت",
    "أوضحوا",
    "أشار",
    "أشارت",
    "أشاروا",
    "أضاف",
    "أضافت",
    "أضافوا",
    "ذكر",
    "ذكرت",
    "ذكروا",
    "أفاد",
    "أفادت",
    "أفادوا",
    "نقل",
    "نقلت",
    "كشف",
    "كشفت",
    "شدد",
    "شددت",
    "صرح",
    "صرحت",
    "تابع",
    "تابعت",
    "لفت",
    "لفتت",
    "اعتبر",
    "اعتبرت",
    "نفى",
    "نفت",
    "حذر",
    "حذرت",
    "دعا",
    "دعت",
    "طالب",
    "طالبت",
    "أورد",
    "أوردت",
    "بين",
    "بينت",
    "رأى",
    "رأت",
    "أبلغ",
    "أبلغت",
];

const ACTION_VERBS: &[&str] = &[
    "وقع",
    "وقعت",
    "وقعا",
    "وقعتا",
    "وقعوا",
    "يوقع",
    "توقع",
    "التقى",
    "التقت",
    "استقبل",
    "استقبلت",
    "طلب",
    "طلبت",
    "بحث",
    "بحثت",
    "بحثا",
    "زار",
    "زارت",
    "عقد",
    "عقدت",
    "عقدا",
    "افتتح",
    "افتتحت",
    "اجتمع",
    "اجتمعت",
    "أجرى",
    "أجرت",
    "أجريا",
    "أبرم",
    "أبرمت",
    "أبرما",
];

/// Action verbs by lemma: the forms of one verb merge when actions are compared across outlets.
const ACTION_FAMILIES: &[(&str, &[&str])] = &[
    (
        "وقع",
        &["وقع", "وقعت", "وقعا", "وقعتا", "وقعوا", "يوقع", "توقع"],
    ),
    ("التقى", &["التقى", "التقت"]),
    ("استقبل", &["استقبل", "استقبلت"]),
    ("طلب", &["طلب", "طلبت"]),
    ("بحث", &["بحث", "بحثت", "بحثا"]),
    ("زار", &["زار", "زارت"]),
    ("عقد", &["عقد", "عقدت", "عقدا"]),
    ("افتتح", &["افتتح", "افتتحت"]),
    ("اجتمع", &["اجتمع", "اجتمعت"]),
    ("أجرى", &["أجرى", "أجرت", "أجريا"]),
    ("أبرم", &["أبرم", "أبرمت", "أبرما"]),
];

/// Phrases that credit a source without a verb: the source follows them.
const CREDIT_PHRASES: &[&str] = &["بحسب", "حسب", "وفقا", "وفق", "طبقا", "نقلا", "لسان"];

/// Nouns an action is about: the object phrase starts at the first of them.
const OBJECT_NOUNS: &[&str] = &[
    "مذكرة",
    "مذكرات",
    "اتفاق",
    "اتفاقية",
    "اتفاقيات",
    "عقد",
    "بروتوكول",
    "طلب",
    "طلبا",
    "دعما",
    "مساعدة",
    "سبل",
    "مباحثات",
    "محادثات",
    "اجتماعا",
    "لقاء",
    "إعلان",
    "خطة",
    "خارطة",
];

/// News agencies and media, as usually written; any "وكالة X" phrase counts too.
const AGENCIES: &[&str] = &[
    "رويترز",
    "فرانس برس",
    "أ ف ب",
    "أسوشيتد برس",
    "أسوشيتدبرس",
    "الأناضول",
    "سانا",
    "واس",
    "وام",
    "قنا",
    "بترا",
    "كونا",
    "إرنا",
    "تاس",
    "سبوتنيك",
    "نوفوستي",
    "شينخوا",
    "يونهاب",
    "كيودو",
    "بلومبرغ",
    "وكالات",
    "الوكالات",
];

/// Words that end a subject noun phrase.
const SUBJECT_STOPS: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "انهم",
    "انهما",
    "بان",
    "بانه",
    "بانها",
    "خلال",
    "عبر",
    "يوم",
    "اليوم",
    "امس",
    "صباح",
    "مساء",
    "ظهر",
    "اليوم",
    "للصحفيين",
    "لوسائل",
    "الي",
    "على",
    "علي",
    "عن",
    "حيث",
    "بعد",
    "قبل",
    "عقب",
    "امام",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "الذي",
    "التي",
    "اذ",
    "بينما",
    "كما",
    "مع",
    "مساء",
    "لدي",
    "بشان",
    "حول",
    "مشيرا",
    "مشيره",
    "مؤكدا",
    "مؤكده",
    "مضيفا",
    "مضيفه",
    "موضحا",
    "موضحه",
    "لافتا",
    "لافته",
    "معتبرا",
    "معتبره",
    "قد",
    "ان",
    "لن",
    "لم",
    "لا",
];

/// Words that can head a source after a credit phrase (بحسب مصدر …، وفقاً لبيان …), besides agencies and
/// named people and organisations.
const SOURCE_HEADS: &[&str] = &[
    "مصدر",
    "مصادر",
    "مسؤول",
    "مسؤولين",
    "مسؤولون",
    "وزارة",
    "الوزارة",
    "بيان",
    "البيان",
    "تصريح",
    "تصريحات",
    "المتحدث",
    "متحدث",
    "الناطق",
    "ناطق",
    "وكالة",
    "الوكالة",
    "وسائل",
    "صحيفة",
    "موقع",
    "قناة",
    "الرئاسة",
    "الحكومة",
    "الجيش",
    "مكتب",
    "رئيس",
    "وزير",
    "الوزير",
    "مسؤولي",
    "خبراء",
    "شهود",
    "مراسل",
    "إعلام",
];

/// After في, these words continue the subject ("مصدر في وزارة الدفاع"); any other word starts an adjunct
/// ("في بيان", "في الرباط").
const INSTITUTIONS_AFTER_FI: &[&str] = &[
    "وزارة",
    "الوزارة",
    "مكتب",
    "الحكومة",
    "الجيش",
    "الرئاسة",
    "جهاز",
    "هيئة",
    "مجلس",
    "منظمة",
    "حزب",
    "حركة",
    "الشرطة",
    "الأمن",
    "قوات",
    "إدارة",
    "لجنة",
    "البرلمان",
    "السفارة",
    "الشركة",
    "شركة",
    "مؤسسة",
    "الأمم",
    "الخارجية",
    "الدفاع",
    "الداخلية",
    "البيت",
    "القصر",
    "الكرملين",
    "التحالف",
];

/// Bare nouns that refer back to an earlier speaker.
const ANAPHORS: &[&str] = &[
    "الوزاره",
    "الوكاله",
    "المصدر",
    "المصادر",
    "المتحدث",
    "الوزير",
    "المسؤول",
    "البيان",
    "الجيش",
    "الحكومه",
    "الرئيس",
    "الرئاسه",
    "الهيئه",
    "المنظمه",
    "اللجنه",
    "الخارجيه",
];

struct Lexicon {
    statement: HashSet<String>,
    action: HashSet<String>,
    credit: HashSet<String>,
    objects: HashSet<String>,
    agencies: Vec<Vec<String>>,
    stops: HashSet<String>,
    source_heads: HashSet<String>,
    institutions_after_fi: HashSet<String>,
    anaphors: HashSet<String>,
}

fn norm(word: &str) -> String {
    normalize_str(word, Profile::Search)
}

fn set(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| norm(w)).collect()
}

impl Lexicon {
    fn new(evidence: &Evidence) -> Lexicon {
        let mut agencies: Vec<Vec<String>> = AGENCIES
            .iter()
            .map(|a| norm(a).split_whitespace().map(str::to_string).collect())
            .collect();
        // Names written as "وكالة X" anywhere in the evidence become agency names on their own.
        for doc in &evidence.documents {
            for paragraph in &doc.paragraphs {
                let n = norm(paragraph);
                let words: Vec<&str> = n
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                for (i, w) in words.iter().enumerate() {
                    if (*w == "وكاله" || *w == "لوكاله" || *w == "ووكاله")
                        && let Some(next) = words.get(i + 1)
                        && next.chars().count() > 2
                        && !["الانباء", "انباء", "الاعلام"].contains(next)
                    {
                        let name = vec![next.to_string()];
                        if !agencies.contains(&name) {
                            agencies.push(name);
                        }
                    }
                }
            }
        }
        Lexicon {
            statement: set(STATEMENT_VERBS),
            action: set(ACTION_VERBS),
            credit: set(CREDIT_PHRASES),
            objects: set(OBJECT_NOUNS),
            agencies,
            stops: set(SUBJECT_STOPS),
            source_heads: set(SOURCE_HEADS),
            institutions_after_fi: set(INSTITUTIONS_AFTER_FI),
            anaphors: set(ANAPHORS),
        }
    }

    /// An object noun, with or without و and the article: "اتفاقية", "والاتفاقية".
    fn is_object(&self, word: &str) -> bool {
        let w = word
            .strip_prefix('و')
            .filter(|r| r.chars().count() > 2)
            .unwrap_or(word);
        let w = w
            .strip_prefix("ال")
            .filter(|r| r.chars().count() > 2)
            .unwrap_or(w);
        self.objects.contains(w)
    }

    fn verb(&self, word: &str) -> Option<ClaimKind> {
        let candidates = [Some(word), word.strip_prefix('و'), word.strip_prefix('ف')];
        for w in candidates.into_iter().flatten() {
            if self.statement.contains(w) {
                return Some(ClaimKind::Statement);
            }
            if self.action.contains(w) {
                return Some(ClaimKind::Action);
            }
        }
        None
    }

    /// Length in tokens of an agency name starting at `i`, if one does.
    fn agency_at(&self, toks: &[Tok], i: usize) -> Option<usize> {
        let first = toks.get(i)?;
        if clitic_forms(&first.norm)
            .iter()
            .any(|f| f == "وكاله" || f == "وسائل")
        {
            // "وكالة الأنباء السورية (سانا)", "وسائل إعلام تركية": up to the next punctuation or clause word.
            let mut end = i + 1;
            while let Some(t) = toks.get(end) {
                if t.kind != TokenKind::Word || self.stops.contains(t.norm.as_str()) || end - i >= 5
                {
                    break;
                }
                end += 1;
            }
            // Keep a parenthesised short name: "(سانا)".
            if toks.get(end).is_some_and(|t| t.norm == "(")
                && toks.get(end + 1).is_some_and(|t| t.kind == TokenKind::Word)
                && toks.get(end + 2).is_some_and(|t| t.norm == ")")
            {
                end += 3;
            }
            return (end > i + 1).then_some(end - i);
        }
        for name in &self.agencies {
            let matches = name.iter().enumerate().all(|(k, part)| {
                toks.get(i + k).is_some_and(|t| {
                    if k == 0 {
                        clitic_forms(&t.norm).contains(part)
                    } else {
                        t.norm == *part
                    }
                })
            });
            if matches {
                return Some(name.len());
            }
        }
        None
    }
}

/// A word and the forms it takes without the conjunctions and prepositions that attach to names (و، ف،
/// ل، ب; "للأناضول" → "الأناضول"), the word itself first.
fn clitic_forms(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let mut bases = vec![word];
    for prefix in ["و", "ف"] {
        if let Some(rest) = word.strip_prefix(prefix)
            && rest.chars().count() > 2
        {
            out.push(rest.to_string());
            bases.push(rest);
        }
    }
    for base in bases {
        if let Some(rest) = base.strip_prefix("لل")
            && rest.chars().count() > 2
        {
            out.push(format!("ال{rest}"));
        }
        for prefix in ["ل", "ب"] {
            if let Some(rest) = base.strip_prefix(prefix)
                && rest.chars().count() > 2
            {
                out.push(rest.to_string());
            }
        }
    }
    out
}

#[derive(Debug, Clone)]
struct Tok {
    norm: String,
    kind: TokenKind,
    /// Byte range in the normalised sentence.
    start: usize,
    end: usize,
}

fn tokenise(n: &Normalized) -> Vec<Tok> {
    tokens(n.text())
        .map(|t| Tok {
            norm: t.text(n.text()).to_string(),
            kind: t.kind,
            start: t.start,
            end: t.end,
        })
        .collect()
}

/// The original text of tokens `from..to` of a sentence.
fn surface(sentence: &str, n: &Normalized, toks: &[Tok], from: usize, to: usize) -> Option<String> {
    let first = toks.get(from)?;
    let last = toks.get(to.checked_sub(1)?)?;
    let range = n.original_range(first.start..last.end);
    sentence
        .get(range)
        .map(|s| s.trim_matches(['،', ',', ' ']).to_string())
}

/// Every claim and credit in the evidence.
pub fn find(evidence: &Evidence, sentences: &[Sentence]) -> Claims {
    let lexicon = Lexicon::new(evidence);
    let mut out = Claims {
        found: Vec::new(),
        credits: vec![Vec::new(); sentences.len()],
    };
    let places: Vec<(String, String)> = entity_names(evidence, &[EntityType::Location]);
    let actors: Vec<(String, String)> =
        entity_names(evidence, &[EntityType::Person, EntityType::Organisation]);
    // Speakers of the current document, most recent last, for pronoun and anaphor resolution.
    let mut speakers: Vec<String> = Vec::new();
    let mut current_doc = usize::MAX;
    // An agency credit carried over from the previous paragraph: (doc, paragraph it may cover, agency).
    let mut carried: Option<(usize, usize, String)> = None;
    for (index, sentence) in sentences.iter().enumerate() {
        if sentence.doc != current_doc {
            current_doc = sentence.doc;
            speakers.clear();
            carried = None;
        }
        let n = normalize(&sentence.text, Profile::Search);
        let toks = tokenise(&n);
        let agencies = agency_mentions(&lexicon, &sentence.text, &n, &toks);
        let claim = read_claim(&lexicon, sentence, &n, &toks, &speakers, 0, false);
        let mut credit: Vec<String> = Vec::new();
        let doc = evidence.documents.get(sentence.doc);
        let context = Context {
            lexicon: &lexicon,
            sentence,
            n: &n,
            toks: &toks,
            places: &places,
            actors: &actors,
            date: sentence.dates.iter().find_map(|m| {
                m.date()
                    .filter(|(_, p)| *p == Precision::Day)
                    .map(|(d, _)| d)
            }),
            document: doc.map(|d| d.id.clone()).unwrap_or_else(|| "".into()),
        };
        if let Some((kind, verb, speaker_span, speaker, verb_at)) = claim {
            // Agencies outside the speaker's own words make the chain.
            let mut via: Vec<String> = agencies
                .iter()
                .filter(|(span, _)| speaker_span.as_ref().is_none_or(|s| !overlaps(s, span)))
                .map(|(_, name)| name.clone())
                .collect();
            let speaker_is_agency = speaker_span
                .as_ref()
                .is_some_and(|s| agencies.iter().any(|(span, _)| overlaps(s, span)));
            let mut speaker = speaker;
            // "نقلت وكالة الأناضول عن وزارة الدفاع أنّ …": the agency carries, the ministry speaks.
            if speaker_is_agency && let Some(original) = after_an(&lexicon, sentence, &n, &toks) {
                if let Some(agency) = speaker.take() {
                    via.insert(0, agency);
                }
                speaker = Some(original);
            } else if speaker_is_agency {
                credit.extend(speaker.clone());
            }
            credit.extend(via.iter().cloned());
            if let Some(s) = &speaker {
                speakers.push(s.clone());
            }
            // A statement that reports an action ("وتابعت الوزارة: وقّع الوزيران …"): the action too, carried
            // by the statement's speaker.
            let reported = (kind == ClaimKind::Statement)
                .then(|| read_claim(&lexicon, sentence, &n, &toks, &speakers, verb_at + 1, true))
                .flatten();
            out.found.push(Found {
                sentence: index,
                claim: context.claim(kind, verb, speaker.clone(), via.clone(), verb_at),
            });
            if let Some((_, action_verb, _, actor, action_at)) = reported {
                let mut chain = via;
                chain.extend(speaker);
                out.found.push(Found {
                    sentence: index,
                    claim: context.claim(ClaimKind::Action, action_verb, actor, chain, action_at),
                });
            }
        } else {
            credit.extend(agencies.iter().map(|(_, a)| a.clone()));
        }
        // Wire copy is credited once for the paragraphs it supplies: an agency's credit covers the rest of
        // its paragraph and the next one, except sentences quoting a speaker of their own.
        let own_statement = out
            .found
            .iter()
            .rev()
            .take_while(|f| f.sentence == index)
            .any(|f| f.claim.kind == ClaimKind::Statement);
        if let Some(agency) = credit.first() {
            carried = Some((sentence.doc, sentence.paragraph + 1, agency.clone()));
        } else if !own_statement
            && let Some((doc, paragraph, agency)) = &carried
            && *doc == sentence.doc
            && *paragraph >= sentence.paragraph
        {
            credit.push(agency.clone());
        } else if carried
            .as_ref()
            .is_some_and(|(_, paragraph, _)| *paragraph < sentence.paragraph)
        {
            carried = None;
        }
        out.credits[index] = credit;
    }
    out
}

/// What building a claim from one sentence needs.
struct Context<'a> {
    lexicon: &'a Lexicon,
    sentence: &'a Sentence,
    n: &'a Normalized,
    toks: &'a [Tok],
    places: &'a [(String, String)],
    actors: &'a [(String, String)],
    /// The first day-precise date in the sentence.
    date: Option<jiff::civil::Date>,
    document: marsad_model::DocumentId,
}

impl Context<'_> {
    fn claim(
        &self,
        kind: ClaimKind,
        verb: String,
        speaker: Option<String>,
        via: Vec<String>,
        verb_at: usize,
    ) -> Claim {
        let (object, clause_end) = if kind == ClaimKind::Action {
            object_phrase(self.lexicon, self.sentence, self.n, self.toks, verb_at)
        } else {
            (None, self.n.text().len())
        };
        let verb_offset = self.toks.get(verb_at).map_or(0, |t| t.start);
        // Names after the action's clause (a subordinate "since the fall of …") are not its participants.
        let clause = self.n.text().get(verb_offset..clause_end).unwrap_or("");
        let participants = if kind == ClaimKind::Action {
            participants(self.actors, clause, speaker.as_deref())
        } else {
            Vec::new()
        };
        Claim {
            document: self.document.clone(),
            kind,
            text: self.sentence.text.clone(),
            span: (self.sentence.span.start, self.sentence.span.end),
            verb,
            speaker,
            via,
            date: self.date,
            place: place(self.places, self.n.text()),
            participants,
            object,
        }
    }
}

/// The first place named after a locative (في، بـ، إلى، العاصمة): "في أنقرة", "بعمّان", "إلى أنقرة". A
/// country that acts ("وقّعت تركيا وسوريا") is not where it happened.
fn place(places: &[(String, String)], sentence: &str) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for (key, name) in places {
        let mut from = 0;
        while let Some(at) = find_word_seq(&sentence[from..], key).map(|a| a + from) {
            let before = &sentence[..at];
            let locative = before.ends_with('ب') && !before.ends_with(" ب") && {
                let word_start = before.rfind(' ').map_or(0, |i| i + 1);
                &before[word_start..] == "ب"
            };
            let previous = before.split_whitespace().next_back().unwrap_or("");
            if locative
                || [
                    "في",
                    "الي",
                    "العاصمه",
                    "بالعاصمه",
                    "مدينه",
                    "بمدينه",
                    "ولايه",
                ]
                .contains(&previous)
            {
                if best.is_none_or(|(b, _)| at < b) {
                    best = Some((at, name));
                }
                break;
            }
            from = at + key.len();
        }
    }
    best.map(|(_, name)| name.to_string())
}

/// The lemma of an action verb as written ("ووقّعت" → "وقع").
fn action_lemma(verb: &str) -> Option<&'static str> {
    let n = norm(verb);
    let candidates = [Some(n.as_str()), n.strip_prefix('و'), n.strip_prefix('ف')];
    for form in candidates.into_iter().flatten() {
        for (lemma, forms) in ACTION_FAMILIES {
            if forms.iter().any(|f| norm(f) == form) {
                return Some(lemma);
            }
        }
    }
    None
}

/// Action claims merged across documents: the same verb (lemma) about the same thing (object phrases sharing
/// a content term, or both without an object and sharing a participant). The merged action takes the
/// fullest actor and object any outlet gives, every participant, and the place and date most outlets give,
/// so one outlet's "في أنقرة" and another's "في 13 أغسطس" complete each other.
pub fn actions(found: &[Found]) -> Vec<marsad_model::Action> {
    struct Group<'a> {
        lemma: &'static str,
        object_terms: HashSet<String>,
        members: Vec<&'a Claim>,
    }
    let mut groups: Vec<Group> = Vec::new();
    for claim in found
        .iter()
        .map(|f| &f.claim)
        .filter(|c| c.kind == ClaimKind::Action)
    {
        let Some(lemma) = action_lemma(&claim.verb) else {
            continue;
        };
        let terms: HashSet<String> = claim
            .object
            .as_deref()
            .map(|o| crate::text::terms(o).into_iter().collect())
            .unwrap_or_default();
        let same = groups.iter_mut().find(|g| {
            g.lemma == lemma
                && (g.object_terms.intersection(&terms).next().is_some()
                    || (terms.is_empty()
                        && g.members.iter().any(|m| {
                            m.participants
                                .iter()
                                .any(|p| claim.participants.contains(p))
                        })))
        });
        match same {
            Some(g) => {
                g.object_terms.extend(terms);
                g.members.push(claim);
            }
            None => groups.push(Group {
                lemma,
                object_terms: terms,
                members: vec![claim],
            }),
        }
    }
    fn most_common<T: Clone + PartialEq>(values: impl Iterator<Item = T>) -> Option<T> {
        let mut counts: Vec<(T, usize)> = Vec::new();
        for v in values {
            match counts.iter_mut().find(|(x, _)| *x == v) {
                Some((_, n)) => *n += 1,
                None => counts.push((v, 1)),
            }
        }
        let best = counts.iter().map(|(_, n)| *n).max()?;
        counts.into_iter().find(|(_, n)| *n == best).map(|(v, _)| v)
    }
    let mut out: Vec<marsad_model::Action> = groups
        .into_iter()
        .filter_map(|g| {
            let first = g.members.first()?;
            let longest = |f: fn(&Claim) -> Option<&String>| {
                g.members
                    .iter()
                    .filter_map(|m| f(m))
                    .max_by_key(|s| s.chars().count())
                    .cloned()
            };
            let actor = longest(|c| c.speaker.as_ref());
            let actor_key = actor.as_deref().map(norm).unwrap_or_default();
            let mut participants: Vec<String> = Vec::new();
            for p in g.members.iter().flat_map(|m| &m.participants) {
                if !participants.contains(p) && !actor_key.contains(&norm(p)) {
                    participants.push(p.clone());
                }
            }
            let mut documents: Vec<marsad_model::DocumentId> = Vec::new();
            for m in &g.members {
                if !documents.contains(&m.document) {
                    documents.push(m.document.clone());
                }
            }
            Some(marsad_model::Action {
                verb: first.verb.clone(),
                actor,
                object: longest(|c| c.object.as_ref()),
                participants,
                place: most_common(g.members.iter().filter_map(|m| m.place.clone())),
                date: most_common(g.members.iter().filter_map(|m| m.date)),
                text: first.text.clone(),
                documents,
            })
        })
        .collect();
    out.sort_by_key(|a| std::cmp::Reverse(a.documents.len()));
    out
}

fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Agency and media names in a sentence, with their token ranges.
fn agency_mentions(
    lexicon: &Lexicon,
    sentence: &str,
    n: &Normalized,
    toks: &[Tok],
) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind == TokenKind::Word
            && let Some(len) = lexicon.agency_at(toks, i)
        {
            if let Some(text) = surface(sentence, n, toks, i, i + len) {
                out.push((i..i + len, without_clitics(lexicon, &text)));
            }
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

/// A written agency name without a leading "و/ل/ب" ("لرويترز" → "رويترز").
fn without_clitics(lexicon: &Lexicon, written: &str) -> String {
    for skip in 0..=2 {
        let Some((at, _)) = written.char_indices().nth(skip) else {
            break;
        };
        let candidate = &written[at..];
        let n = norm(candidate);
        let first = n.split_whitespace().next().unwrap_or("");
        if first == "وكاله"
            || first == "وسائل"
            || lexicon
                .agencies
                .iter()
                .any(|a| a.first().is_some_and(|p| p == first))
        {
            return candidate.to_string();
        }
    }
    written.to_string()
}

/// What [`read_claim`] finds: kind, verb as written, the speaker's token range, the speaker (resolved),
/// and the verb's token index.
type ClaimParts = (
    ClaimKind,
    String,
    Option<std::ops::Range<usize>>,
    Option<String>,
    usize,
);

/// The verb, the speaker's token range and the speaker (resolved) of a sentence's claim.
fn read_claim(
    lexicon: &Lexicon,
    sentence: &Sentence,
    n: &Normalized,
    toks: &[Tok],
    speakers: &[String],
    from: usize,
    only_action: bool,
) -> Option<ClaimParts> {
    if sentence.heading {
        return None;
    }
    for (i, tok) in toks.iter().enumerate().skip(from) {
        if tok.kind != TokenKind::Word {
            continue;
        }
        // A verb opens a clause: first word, after punctuation, with a leading و/ف, or after كما/ثم/قد/حيث.
        // "قرر الرئيس … طلب مساعدة" (a verbal noun mid-clause) is not a claim.
        let clause_start = i == 0
            || toks[i - 1].kind == TokenKind::Punct
            || tok.norm.starts_with('و')
            || tok.norm.starts_with('ف')
            || ["كما", "ثم", "قد", "وقد", "حيث", "هذا", "فيما", "بينما"]
                .contains(&toks[i - 1].norm.as_str());
        let kind = if clause_start {
            lexicon.verb(&tok.norm)
        } else {
            None
        };
        if only_action && kind != Some(ClaimKind::Action) {
            continue;
        }
        let credit_phrase = kind.is_none()
            && clitic_forms(&tok.norm)
                .iter()
                .any(|f| lexicon.credit.contains(f));
        if kind.is_none() && !credit_phrase {
            continue;
        }
        let verb = surface(&sentence.text, n, toks, i, i + 1)?;
        // A passive written with its vowels ("وُقّعت", "عُقدت") has no actor after it.
        if kind == Some(ClaimKind::Action) && verb.contains('\u{064F}') {
            continue;
        }
        // After a credit phrase, skip "لـ", "ما", "ذكرته/نقلته/أوردته" to reach the source.
        let mut start = i + 1;
        if credit_phrase {
            while let Some(t) = toks.get(start) {
                let w = t.norm.as_str();
                let filler = t.kind != TokenKind::Word
                    || ["ل", "لما", "ما", "عن", "على"].contains(&w)
                    || w.ends_with("ته") && w.chars().count() <= 7;
                if !filler {
                    break;
                }
                start += 1;
            }
        }
        let end = subject_end(lexicon, toks, start);
        if credit_phrase && !looks_like_source(lexicon, toks, start) {
            continue;
        }
        let kind = kind.unwrap_or(ClaimKind::Statement);
        if end == start {
            if credit_phrase {
                continue;
            }
            // "وكان الوزيران قد وقّعا": the subject sits between كان and قد.
            if kind == ClaimKind::Action {
                let kana = toks[..i]
                    .iter()
                    .position(|t| ["كان", "وكان", "كانت", "وكانت"].contains(&t.norm.as_str()));
                let subject = kana.and_then(|k| {
                    let e = subject_end(lexicon, toks, k + 1);
                    (e > k + 1)
                        .then(|| surface(&sentence.text, n, toks, k + 1, e))
                        .flatten()
                });
                return Some((kind, verb, None, subject, i));
            }
            // No noun phrase after the verb: the previous speaker goes on.
            return Some((kind, verb, None, speakers.last().cloned(), i));
        }
        let written = surface(&sentence.text, n, toks, start, end)?;
        // "مصدر مطّلع لـ«المرقاب»": the dangling preposition before a quoted outlet is not the speaker's.
        let written = written
            .trim_end_matches(['ـ', ' '])
            .strip_suffix(" ل")
            .map(str::to_string)
            .unwrap_or(written);
        let speaker = resolve_anaphor(lexicon, &toks[start..end], &written, speakers);
        return Some((kind, verb, Some(start..end), Some(speaker), i));
    }
    None
}

/// Whether the words after a credit phrase name a source: an agency, a source noun (مصدر، بيان، وزارة …)
/// or a quoted name; "وفقاً لأفضل الممارسات" does not.
fn looks_like_source(lexicon: &Lexicon, toks: &[Tok], start: usize) -> bool {
    let Some(first) = toks.get(start) else {
        return false;
    };
    if lexicon.agency_at(toks, start).is_some() {
        return true;
    }
    let quoted = start > 0
        && toks
            .get(start - 1)
            .is_some_and(|t| t.kind == TokenKind::Punct && t.norm != "،" && t.norm != ",");
    quoted
        || clitic_forms(&first.norm)
            .iter()
            .any(|f| lexicon.source_heads.contains(f))
}

/// Where the subject noun phrase starting at `start` ends (exclusive).
fn subject_end(lexicon: &Lexicon, toks: &[Tok], start: usize) -> usize {
    let mut end = start;
    while let Some(t) = toks.get(end) {
        if end - start >= 12 {
            break;
        }
        if t.kind == TokenKind::Punct {
            // "(سانا)" right after the subject belongs to it.
            if t.norm == "("
                && end > start
                && toks.get(end + 1).is_some_and(|x| x.kind == TokenKind::Word)
                && toks.get(end + 2).is_some_and(|x| x.norm == ")")
            {
                end += 3;
                continue;
            }
            break;
        }
        if t.kind != TokenKind::Word && t.kind != TokenKind::Number {
            break;
        }
        let w = t.norm.as_str();
        if lexicon.stops.contains(w) || lexicon.verb(w).is_some() {
            break;
        }
        if w == "في"
            && !toks
                .get(end + 1)
                .is_some_and(|x| lexicon.institutions_after_fi.contains(x.norm.as_str()))
        {
            break;
        }
        // "لرويترز", "لوكالة": the chain, not the speaker.
        if end > start && w.starts_with('ل') && lexicon.agency_at(toks, end).is_some() {
            break;
        }
        // An object noun ends the subject ("وقّعت تركيا وسوريا اتفاقية"); right after the verb it means a
        // subject-less action ("طلبت دعماً").
        if lexicon.is_object(w) {
            break;
        }
        // A noun with a possessive suffix is the object ("أكدت الوزارة دعمها"): names do not end so.
        if end > start
            && w.chars().count() >= 5
            && (w.ends_with("ها") || w.ends_with("هم") || w.ends_with("هما"))
        {
            break;
        }
        end += 1;
    }
    end
}

/// "الوزارة" → the last speaker containing "وزاره".
fn resolve_anaphor(
    lexicon: &Lexicon,
    subject: &[Tok],
    written: &str,
    speakers: &[String],
) -> String {
    if let [only] = subject
        && lexicon.anaphors.contains(only.norm.as_str())
    {
        let bare = only.norm.trim_start_matches("ال");
        if let Some(full) = speakers.iter().rev().find(|s| {
            norm(s).split_whitespace().any(|w| w.contains(bare)) && s.split_whitespace().count() > 1
        }) {
            return full.clone();
        }
    }
    written.to_string()
}

/// For "نقلت الوكالة عن X أنّ …": X.
fn after_an(
    lexicon: &Lexicon,
    sentence: &Sentence,
    n: &Normalized,
    toks: &[Tok],
) -> Option<String> {
    let at = toks.iter().position(|t| t.norm == "عن")?;
    let end = subject_end(lexicon, toks, at + 1);
    (end > at + 1)
        .then(|| surface(&sentence.text, n, toks, at + 1, end))
        .flatten()
}

/// The phrase from the first object noun after the verb to the next punctuation, number or time word (at
/// most 14 words), and the normalised byte offset where the action's clause ends (the object's end, else the
/// sentence end).
fn object_phrase(
    lexicon: &Lexicon,
    sentence: &Sentence,
    n: &Normalized,
    toks: &[Tok],
    verb_at: usize,
) -> (Option<String>, usize) {
    let sentence_end = n.text().len();
    let Some(start) = toks
        .iter()
        .enumerate()
        .skip(verb_at + 1)
        .position(|(_, t)| {
            t.kind == TokenKind::Word && lexicon.objects.contains(t.norm.trim_start_matches('و'))
        })
    else {
        // Without an object ("استقبل الوزير، في مقر الوزارة، نظيره …") the whole sentence is the clause.
        return (None, n.text().len());
    };
    let start = start + verb_at + 1;
    let mut end = start + 1;
    while let Some(t) = toks.get(end) {
        let quote_mark =
            t.kind == TokenKind::Punct && ["\"", "“", "”", "«", "»"].contains(&t.norm.as_str());
        if (t.kind == TokenKind::Punct && !quote_mark)
            || t.kind == TokenKind::Number
            || end - start >= 14
        {
            break;
        }
        if ["يوم", "امس", "اليوم", "خلال", "عقب"].contains(&t.norm.as_str()) {
            break;
        }
        end += 1;
    }
    // A trailing "في" or quote belongs to what follows.
    while end > start + 1
        && toks
            .get(end - 1)
            .is_some_and(|t| t.norm == "في" || t.kind == TokenKind::Punct)
    {
        end -= 1;
    }
    let clause_end = toks.get(end - 1).map_or(sentence_end, |t| t.end);
    (surface(&sentence.text, n, toks, start, end), clause_end)
}

/// The persons and organisations named in an action sentence, in order, without the actor (the first one
/// named inside the speaker phrase).
fn participants(actors: &[(String, String)], sentence: &str, speaker: Option<&str>) -> Vec<String> {
    let mut named: Vec<(usize, &str, &str)> = Vec::new();
    for (key, name) in actors {
        if let Some(at) = find_word_seq(sentence, key)
            && !named.iter().any(|(_, _, n)| *n == name.as_str())
            && !named.iter().any(|(p, k, _)| *p <= at && at < p + k.len())
        {
            named.push((at, key, name));
        }
    }
    named.sort_by_key(|(at, _, _)| *at);
    let speaker_key = speaker.map(norm).unwrap_or_default();
    let mut out: Vec<String> = named.iter().map(|(_, _, name)| name.to_string()).collect();
    if let Some((_, key, _)) = named.first()
        && speaker_key.contains(key)
    {
        out.remove(0);
    }
    out
}

/// Search-normalised keys and display names of the entities of the given types (every variant).
fn entity_names(evidence: &Evidence, types: &[EntityType]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = evidence
        .entities
        .iter()
        .filter(|e| types.contains(&e.entity_type))
        .flat_map(|e| {
            e.variants
                .iter()
                .map(move |v| (norm(&v.text), e.name.clone()))
        })
        .filter(|(key, _)| key.chars().count() > 2)
        .collect();
    // Longer variants first, so "يشار غولر" wins over "غولر".
    out.sort_by_key(|(key, _)| std::cmp::Reverse(key.len()));
    out
}

/// Where `haystack` contains `needle` as whole words (a leading clitic و/ب/ل/ف allowed).
fn find_word_seq(haystack: &str, needle: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(pos) = haystack[from..].find(needle) {
        let at = from + pos;
        let before = haystack[..at].chars().next_back();
        let before_ok = match before {
            None => true,
            Some(c) if !c.is_alphanumeric() => true,
            Some(c) if "وبلف".contains(c) => {
                let prev = haystack[..at].chars().rev().nth(1);
                prev.is_none_or(|p| !p.is_alphanumeric())
            }
            _ => false,
        };
        let after = haystack[at + needle.len()..].chars().next();
        if before_ok && after.is_none_or(|c| !c.is_alphanumeric()) {
            return Some(at);
        }
        from = at + needle.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::split;
    use marsad_model::{Document, Entity, Variant};

    fn doc(paragraphs: &[&str]) -> Document {
        let mut d = Document::new("t.txt", paragraphs.iter().map(|p| p.to_string()).collect());
        d.published = Some(jiff::civil::date(2026, 5, 7));
        d.outlet = Some("صحيفة الاختبار".into());
        d
    }

    fn claims_of(d: &Document, entities: &[Entity]) -> Claims {
        let evidence = Evidence {
            documents: vec![d],
            shared_passages: vec![],
            entities: entities.iter().collect(),
        };
        let sentences = split(&evidence.documents);
        find(&evidence, &sentences)
    }

    #[test]
    fn speaker_and_agency_chain() {
        let d = doc(&[
            "قال مسؤول في وزارة الزراعة المغربية لرويترز إن الموسم سيكون جيداً.",
            "وأكدت وزارة الزراعة، اليوم الخميس، أن المخزون كافٍ.",
            "وأضافت الوزارة: \"لا داعي للقلق\".",
            "وأضاف أن الأسعار ستنخفض.",
        ]);
        let c = claims_of(&d, &[]);
        let speakers: Vec<_> = c
            .found
            .iter()
            .map(|f| f.claim.speaker.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            speakers,
            [
                "مسؤول في وزارة الزراعة المغربية",
                "وزارة الزراعة",
                "وزارة الزراعة",
                "وزارة الزراعة"
            ]
        );
        assert_eq!(c.found[0].claim.via, ["رويترز"]);
        assert_eq!(c.credits[0], ["رويترز"]);
        assert!(c.credits[1].is_empty());
    }

    #[test]
    fn agency_as_speaker_and_relayed_speaker() {
        let d = doc(&[
            "وأوضحت وكالة الأنباء الموريتانية (وما) أن الاجتماع انتهى.",
            "ونقلت وكالة الأناضول عن وزارة النقل أن الطريق سيفتح غداً.",
            "وذلك وفقاً لما نقلته وكالة الأناضول.",
        ]);
        let c = claims_of(&d, &[]);
        assert_eq!(
            c.found[0].claim.speaker.as_deref(),
            Some("وكالة الأنباء الموريتانية (وما)")
        );
        assert_eq!(c.credits[0], ["وكالة الأنباء الموريتانية (وما)"]);
        assert_eq!(c.found[1].claim.speaker.as_deref(), Some("وزارة النقل"));
        assert_eq!(c.found[1].claim.via, ["وكالة الأناضول"]);
        assert_eq!(c.credits[2], ["وكالة الأناضول"]);
    }

    #[test]
    fn credit_carries_to_the_next_uncredited_paragraph() {
        let d = doc(&[
            "وذكرت وكالة السهل للأنباء أن المراسم جرت ظهراً.",
            "ووقّع الطرفان العقد في القاعة الكبرى بحضور المحافظ.",
            "وفي شأن آخر، ارتفعت درجات الحرارة.",
        ]);
        let c = claims_of(&d, &[]);
        assert_eq!(c.credits[0], ["وكالة السهل للأنباء"]);
        assert_eq!(c.credits[1], ["وكالة السهل للأنباء"]);
        assert!(c.credits[2].is_empty());
    }

    #[test]
    fn action_with_participants_object_date_and_place() {
        let entities = vec![
            Entity {
                id: "p1".into(),
                entity_type: EntityType::Person,
                name: "كريم الناصري".into(),
                variants: vec![Variant {
                    text: "كريم الناصري".into(),
                    documents: vec![],
                }],
            },
            Entity {
                id: "p2".into(),
                entity_type: EntityType::Person,
                name: "ليلى بنعلي".into(),
                variants: vec![Variant {
                    text: "ليلى بنعلي".into(),
                    documents: vec![],
                }],
            },
            Entity {
                id: "l1".into(),
                entity_type: EntityType::Location,
                name: "الرباط".into(),
                variants: vec![Variant {
                    text: "الرباط".into(),
                    documents: vec![],
                }],
            },
        ];
        let d = doc(&[
            "ووقّع وزير النقل كريم الناصري ونظيرته ليلى بنعلي في الرباط أمس الأربعاء مذكرة تفاهم للربط السككي، في خطوة أولى.",
        ]);
        let c = claims_of(&d, &entities);
        let claim = &c.found[0].claim;
        assert_eq!(claim.kind, ClaimKind::Action);
        assert_eq!(
            claim.speaker.as_deref(),
            Some("وزير النقل كريم الناصري ونظيرته ليلى بنعلي")
        );
        assert_eq!(claim.object.as_deref(), Some("مذكرة تفاهم للربط السككي"));
        assert_eq!(claim.date, Some(jiff::civil::date(2026, 5, 6)));
        assert_eq!(claim.place.as_deref(), Some("الرباط"));
        assert_eq!(claim.participants, ["ليلى بنعلي"]);
    }

    #[test]
    fn sentences_without_verbs_are_not_claims() {
        let d = doc(&["ارتفعت الأسعار في الأسواق المحلية بنسبة كبيرة."]);
        assert!(claims_of(&d, &[]).found.is_empty());
    }
}
