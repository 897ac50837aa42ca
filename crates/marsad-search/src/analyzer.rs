//! marsad's Arabic analyzer for tantivy, built on `marsad-text`.
//!
//! [`ArabicTokenizer`] search-normalises the text ([`marsad_text::normalize()`] with [`Profile::Search`]: no
//! diacritics or tatweel, أ/إ/آ → ا, ة → ه, ى → ي, hamza carriers folded, Latin lower-cased, digits ASCII)
//! and emits its words and numbers, with offsets mapped back to the original text so snippets highlight
//! what the reader sees. [`StemFilter`] then applies marsad's light stemmer. Two analyzers are registered:
//! [`EXACT`] (normalised words: exact names match exactly) and [`STEMMED`] (normalised and stemmed).
//!
//! Hand-written rather than a tantivy built-in: tantivy's own Arabic support is a Snowball stemmer with no
//! orthographic folding and no offsets back through normalisation.
//!
//! ```
//! use marsad_search::analyzer::{ArabicTokenizer, StemFilter};
//! use tantivy::tokenizer::{TextAnalyzer, TokenStream};
//! let mut analyzer = TextAnalyzer::builder(ArabicTokenizer).filter(StemFilter).build();
//! let mut stream = analyzer.token_stream("وأكّدت الوزارةُ");
//! let mut out = Vec::new();
//! while let Some(token) = stream.next() {
//!     out.push(token.text.clone());
//! }
//! assert_eq!(out, ["اكدت", "وزار"]);
//! ```

use marsad_text::normalize::{Profile, normalize};
use marsad_text::stem::stem;
use marsad_text::tokenize::{TokenKind, tokens};
use tantivy::tokenizer::{
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

/// Name of the normalised, unstemmed analyzer.
pub const EXACT: &str = "marsad_ar_exact";
/// Name of the normalised and stemmed analyzer.
pub const STEMMED: &str = "marsad_ar_stem";

/// Longest token kept (bytes): longer runs are noise (base64, URLs glued to words) and bloat the index.
const MAX_TOKEN_BYTES: usize = 120;

/// Search-normalises and splits into words and numbers; offsets point into the original text.
#[derive(Debug, Clone, Copy, Default)]
pub struct ArabicTokenizer;

/// The tokens of one text, computed up front (normalisation needs the whole text anyway).
#[derive(Debug)]
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// The analysed tokens of `text`: (normalised word, byte range in `text`).
pub fn analyse(text: &str) -> Vec<Token> {
    let normalised = normalize(text, Profile::Search);
    let n = normalised.text();
    tokens(n)
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .filter(|t| t.end - t.start <= MAX_TOKEN_BYTES)
        .enumerate()
        .map(|(position, t)| {
            let original = normalised.original_range(t.range());
            Token {
                offset_from: original.start,
                offset_to: original.end,
                position,
                text: t.text(n).to_string(),
                position_length: 1,
            }
        })
        .collect()
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: analyse(text),
            next: 0,
        }
    }
}

/// Replaces each token's text by its light stem ([`marsad_text::stem()`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct StemFilter;

impl TokenFilter for StemFilter {
    type Tokenizer<T: Tokenizer> = StemTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> StemTokenizer<T> {
        StemTokenizer(tokenizer)
    }
}

/// A tokenizer followed by [`StemFilter`].
#[derive(Debug, Clone)]
pub struct StemTokenizer<T>(T);

impl<T: Tokenizer> Tokenizer for StemTokenizer<T> {
    type TokenStream<'a> = StemStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemStream(self.0.token_stream(text))
    }
}

/// The stream of [`StemTokenizer`].
#[derive(Debug)]
pub struct StemStream<S>(S);

impl<S: TokenStream> TokenStream for StemStream<S> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        let token = self.0.token_mut();
        let stemmed = stem(&token.text);
        if stemmed.len() != token.text.len() {
            token.text = stemmed.to_string();
        }
        true
    }

    fn token(&self) -> &Token {
        self.0.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

/// Registers [`EXACT`] and [`STEMMED`] with an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    manager.register(EXACT, TextAnalyzer::builder(ArabicTokenizer).build());
    manager.register(
        STEMMED,
        TextAnalyzer::builder(ArabicTokenizer)
            .filter(StemFilter)
            .build(),
    );
}

/// The analysed terms of a text with one of the two analyzers (for building queries).
pub fn terms(text: &str, stemmed: bool) -> Vec<String> {
    analyse(text)
        .into_iter()
        .map(|t| {
            if stemmed {
                stem(&t.text).to_string()
            } else {
                t.text
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn run(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn orthographic_variants_give_the_same_terms() {
        let mut exact = TextAnalyzer::builder(ArabicTokenizer).build();
        let a: Vec<String> = run(&mut exact, "أعلنت الوزارةُ إلى مستشفى")
            .into_iter()
            .map(|t| t.0)
            .collect();
        let b: Vec<String> = run(&mut exact, "اعلنت الوزاره الي مستشفي")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(a, b);
    }

    #[test]
    fn offsets_point_at_the_original_words() {
        let mut stemmed = TextAnalyzer::builder(ArabicTokenizer)
            .filter(StemFilter)
            .build();
        let text = "قالَ الوزيـــرُ: 23 قتيلاً";
        for (_, from, to) in run(&mut stemmed, text) {
            let original = &text[from..to];
            assert!(!original.trim().is_empty(), "{original:?}");
        }
        let words: Vec<&str> = run(&mut stemmed, text)
            .iter()
            .map(|(_, f, t)| &text[*f..*t])
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        assert_eq!(words, ["قالَ", "الوزيـــرُ", "23", "قتيلاً"]);
    }

    proptest! {
        #[test]
        fn offsets_are_char_boundaries_in_order(text in "[ء-ي ًٌٍَُِّْـ0-9a-zA-Z.,،]{0,60}") {
            let mut stemmed = TextAnalyzer::builder(ArabicTokenizer).filter(StemFilter).build();
            let mut last = 0;
            for (term, from, to) in run(&mut stemmed, &text) {
                prop_assert!(text.is_char_boundary(from) && text.is_char_boundary(to));
                prop_assert!(from >= last && to > from);
                prop_assert!(!term.is_empty());
                last = to;
            }
        }
    }
}
