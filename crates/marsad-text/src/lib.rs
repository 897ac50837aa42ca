//! marsad's Arabic text layer, usable on its own.
//!
//! One module per job, in the order a pipeline uses them:
//!
//! | module | job |
//! |---|---|
//! | [`normalize`](mod@normalize) | NFKC and Arabic orthographic folding, in a `search` and a `display` profile, with offsets back to the original |
//! | [`tokenize`] | words, numbers and punctuation with byte offsets |
//! | [`sentences`] | sentence boundaries that respect quotes, numbers and abbreviations |
//! | [`stem`](mod@stem) | a light stemmer that strips clitics and inflections without over-stemming |
//! | [`stopwords`] | function words, written for marsad |
//! | [`name_key`] | keys that bring spelling variants of a name together |
//!
//! ```
//! use marsad_text::{normalize::{normalize, Profile}, tokenize::words, stem::stem, stopwords::is_stop_word};
//! let page = "وأكّدت الوزارةُ في بيانها أنّ الاتفاقيات ستُوقّع";
//! let n = normalize(page, Profile::Search);
//! let stems: Vec<&str> = words(n.text()).filter(|w| !is_stop_word(w)).map(stem).collect();
//! assert_eq!(stems, ["اكدت", "وزار", "بيان", "اتفاق", "ستوقع"]);
//! ```
//!
//! Everything here is hand-written: no crate does Arabic normalisation with offsets, light stemming or name
//! keys well (see each module's doc for why).

pub mod name_key;
pub mod normalize;
pub mod sentences;
pub mod stem;
pub mod stopwords;
pub mod tokenize;
mod utf8;

pub use name_key::NameKey;
pub use normalize::{Normalized, Options, Profile, normalize};
pub use stem::stem;
pub use stopwords::is_stop_word;
