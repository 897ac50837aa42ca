//! Word tokenisation with byte offsets.
//!
//! Splits text into words, numbers, punctuation and symbols, giving each token's byte range in the text it was
//! given (usually search-normalised text; map back with [`crate::normalize::Normalized::original_range`]).
//! Allocation-free: [`tokens`] is an iterator of ranges.
//!
//! Rules, chosen for news text:
//! - A word is a run of letters and combining marks (Arabic, Latin or any script), with digits allowed after a
//!   letter ("G20"). Arabic clitics stay attached ("وبالتالي" is one token); separating them is the stemmer's job.
//! - A number is a run of digits with single inner separators between digits, so "13.08.2025", "1:24",
//!   "5,000", "2025/08/14" and "3.5" are one token each. ASCII and Arabic-Indic digits both count.
//! - Every other visible character is its own token: punctuation (، ؛ ؟ . « » " …) or a symbol ($ % +).
//!
//! ```
//! use marsad_text::tokenize::{tokens, TokenKind};
//! let text = "وقّع الوزيران، في 13.08.2025، الاتفاق.";
//! let words: Vec<&str> = tokens(text).filter(|t| t.kind == TokenKind::Word).map(|t| &text[t.range()]).collect();
//! assert_eq!(words, ["وقّع", "الوزيران", "في", "الاتفاق"]);
//! assert!(tokens(text).any(|t| t.kind == TokenKind::Number && &text[t.range()] == "13.08.2025"));
//! ```
//!
//! Not done here: clitic segmentation, multi-word expressions, URLs and e-mail addresses as single tokens.

use std::ops::Range;

use crate::utf8::{arabic_index, char_at};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
}

/// A token: its kind and byte range in the tokenised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The token's text in the text it was found in.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Iterates over the tokens of `text`.
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, pos: 0 }
}

/// The words of `text` (tokens of kind [`TokenKind::Word`]) as string slices.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    tokens(text)
        .filter(|t| t.kind == TokenKind::Word)
        .map(move |t| t.text(text))
}

/// Iterator returned by [`tokens`].
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        // Skip whitespace and invisible separators.
        let (first, first_len) = loop {
            let b = *bytes.get(self.pos)?;
            if matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                self.pos += 1;
                continue;
            }
            let (c, len) = char_at(self.text, self.pos);
            if c.is_whitespace() || crate::normalize::is_invisible(c) {
                self.pos += len;
                continue;
            }
            break (c, len);
        };
        let start = self.pos;
        let mut end = start + first_len;
        let kind = match class_of(first) {
            Class::Word => {
                while end < bytes.len() {
                    // Arabic letters, two bytes each, without decoding a char.
                    if let Some(index) = arabic_index(bytes, end) {
                        if matches!(ARABIC_CLASS[index], Class::Word | Class::Digit) {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    let (c, len) = char_at(self.text, end);
                    match class_of(c) {
                        Class::Word | Class::Digit | Class::Joiner => end += len,
                        _ => break,
                    }
                }
                TokenKind::Word
            }
            Class::Digit => {
                while end < bytes.len() {
                    let (c, len) = char_at(self.text, end);
                    match class_of(c) {
                        Class::Digit => end += len,
                        _ if is_number_separator(c) && end + len < bytes.len() => {
                            let (d, _) = char_at(self.text, end + len);
                            if class_of(d) == Class::Digit {
                                end += len;
                            } else {
                                break;
                            }
                        }
                        _ => break,
                    }
                }
                TokenKind::Number
            }
            _ if is_punct(first) => {
                // "..." is one token.
                if first == '.' {
                    while end < bytes.len() && bytes[end] == b'.' {
                        end += 1;
                    }
                }
                TokenKind::Punct
            }
            _ => TokenKind::Symbol,
        };
        self.pos = end;
        Some(Token { start, end, kind })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Digit,
    Joiner,
    Other,
}

/// Character classes of the Arabic block, computed once at compile time.
static ARABIC_CLASS: [Class; 256] = {
    let mut table = [Class::Other; 256];
    let mut i = 0;
    while i < 256 {
        let code = 0x0600 + i as u32;
        table[i] = match code {
            0x0621..=0x064A
            | 0x0671..=0x06D3
            | 0x06D5
            | 0x064B..=0x065F
            | 0x0670
            | 0x06D6..=0x06ED => Class::Word,
            0x0660..=0x0669 | 0x06F0..=0x06F9 => Class::Digit,
            _ => Class::Other,
        };
        i += 1;
    }
    table
};

#[inline]
fn class_of(c: char) -> Class {
    let code = c as u32;
    if code < 0x80 {
        return if c.is_ascii_alphabetic() {
            Class::Word
        } else if c.is_ascii_digit() {
            Class::Digit
        } else {
            Class::Other
        };
    }
    if (0x0600..=0x06FF).contains(&code) {
        return ARABIC_CLASS[(code - 0x0600) as usize];
    }
    if is_joiner(c) {
        Class::Joiner
    } else if c.is_alphabetic() || is_mark(c) {
        Class::Word
    } else {
        Class::Other
    }
}

/// Letters and combining marks of any script (Arabic diacritics and tatweel included, so raw text tokenises too).
#[inline]
pub fn is_word_char(c: char) -> bool {
    class_of(c) == Class::Word
}

#[inline]
fn is_number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | ':' | '/' | '\u{066B}' | '\u{066C}' | '-')
}

/// Zero-width joiners inside a word do not split it.
#[inline]
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Punctuation, Arabic and Latin.
#[inline]
pub fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        && !matches!(
            c,
            '$' | '%' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' | '#' | '&' | '@'
        )
        || matches!(
            c,
            '،' | '؛'
                | '؟'
                | '٪'
                | '۔'
                | '«'
                | '»'
                | '“'
                | '”'
                | '„'
                | '‘'
                | '’'
                | '…'
                | '–'
                | '—'
                | '‹'
                | '›'
                | '•'
                | '·'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokens(text).map(|t| (t.text(text), t.kind)).collect()
    }

    #[test]
    fn arabic_punctuation_is_split_off() {
        use TokenKind::*;
        assert_eq!(
            toks("سوريا، تركيا؛ لماذا؟"),
            [
                ("سوريا", Word),
                ("،", Punct),
                ("تركيا", Word),
                ("؛", Punct),
                ("لماذا", Word),
                ("؟", Punct)
            ]
        );
    }

    #[test]
    fn numbers_keep_inner_separators() {
        use TokenKind::*;
        assert_eq!(toks("13.08.2025"), [("13.08.2025", Number)]);
        assert_eq!(
            toks("الساعة 1:24 مساءً."),
            [
                ("الساعة", Word),
                ("1:24", Number),
                ("مساءً", Word),
                (".", Punct)
            ]
        );
        assert_eq!(
            toks("14 - أغسطس - 2025"),
            [
                ("14", Number),
                ("-", Punct),
                ("أغسطس", Word),
                ("-", Punct),
                ("2025", Number)
            ]
        );
        assert_eq!(toks("٢٠٢٥/٠٨/١٤"), [("٢٠٢٥/٠٨/١٤", Number)]);
        assert_eq!(
            toks("5 مليارات."),
            [("5", Number), ("مليارات", Word), (".", Punct)]
        );
    }

    #[test]
    fn quotes_and_brackets_are_tokens() {
        let words: Vec<_> = words("دعت “قسد” و«الحكومة» (سانا)").collect();
        assert_eq!(words, ["دعت", "قسد", "و", "الحكومة", "سانا"]);
    }

    #[test]
    fn latin_words_with_digits_and_symbols() {
        use TokenKind::*;
        assert_eq!(
            toks("G20 +5% Loading..."),
            [
                ("G20", Word),
                ("+", Symbol),
                ("5", Number),
                ("%", Symbol),
                ("Loading", Word),
                ("...", Punct)
            ]
        );
    }

    #[test]
    fn diacritics_and_tatweel_stay_inside_words() {
        assert_eq!(
            words("وقّع الاتفـــاق").collect::<Vec<_>>(),
            ["وقّع", "الاتفـــاق"]
        );
    }
}
