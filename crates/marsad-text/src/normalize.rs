//! Arabic normalisation that remembers where every output character came from.
//!
//! Two profiles:
//! - [`Profile::Display`] makes only fixes a reader would never notice: NFKC (so presentation forms such as
//!   "ﻫ" U+FEEB become "ه"), removal of tatweel and of invisible characters (zero-width and bidi controls,
//!   soft hyphen, BOM). Diacritics, letter shapes and digits are kept as written.
//! - [`Profile::Search`] folds everything that varies between outlets for the same word: all of the above,
//!   plus removal of diacritics, alef variants (أ إ آ ٱ) → ا, alef maqsura ى → ي, teh marbuta ة → ه, hamza
//!   carriers ؤ ئ → ء, Persian letters (ی ک) → Arabic, Arabic-Indic and Persian digits → ASCII, Latin
//!   lower-casing.
//!
//! Every fold can also be switched on its own with [`Options`]. Arabic punctuation (، ؛ ؟) is kept as
//! punctuation in both profiles.
//!
//! The output keeps a map back to the original text ([`Normalized::original_range`]), so that a span found in
//! normalised text (a name, a date, a quoted sentence) can be shown to the user exactly as the outlet wrote it.
//!
//! Why our own: Unicode crates do NFKC but not Arabic orthographic folding, and none of the Arabic tools we know
//! keeps offsets through normalisation.
//!
//! ```
//! use marsad_text::normalize::{normalize, Profile};
//! let original = "أعلنَ الوزيـــر";
//! let n = normalize(original, Profile::Search);
//! assert_eq!(n.text(), "اعلن الوزير");
//! let start = n.text().find("الوزير").unwrap();
//! assert_eq!(&original[n.original_range(start..n.text().len())], "الوزيـــر");
//! ```
//!
//! What it does not do: spelling correction, stemming, or anything that needs context beyond one character and
//! its combining marks.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use crate::utf8::{arabic_index, char_at};
use unicode_normalization::{
    IsNormalized, UnicodeNormalization, char::canonical_combining_class, is_nfkc_quick,
};

/// Which folds to apply. Build one from a [`Profile`] and adjust fields as needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Unicode NFKC: compatibility forms (Arabic presentation forms, ligatures, full-width Latin) to base letters.
    pub nfkc: bool,
    /// Remove zero-width and bidi control characters, soft hyphen and BOM.
    pub remove_invisible: bool,
    /// Remove tatweel (kashida, U+0640), a purely typographic stretch.
    pub remove_tatweel: bool,
    /// Remove harakat, shadda, sukun, superscript alef and Quranic marks.
    pub remove_diacritics: bool,
    /// أ إ آ ٱ (and wavy-hamza alefs) → ا.
    pub fold_alef: bool,
    /// ى → ي, and Persian ی → ي.
    pub fold_alef_maqsura: bool,
    /// ة → ه.
    pub fold_teh_marbuta: bool,
    /// ؤ ئ → ء, so that مسؤول and مسئول meet.
    pub fold_hamza_carriers: bool,
    /// Persian/Urdu letter shapes used on Arabic pages (ک → ك).
    pub fold_persian_letters: bool,
    /// Arabic-Indic (٠-٩) and Persian (۰-۹) digits → ASCII, Arabic decimal/thousands separators → . and ,
    pub ascii_digits: bool,
    /// Lower-case Latin letters.
    pub lowercase: bool,
}

/// A named set of [`Options`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Profile {
    /// Aggressive folding for matching, indexing, hashing and comparison.
    Search,
    /// Only the fixes a reader would not notice; safe to show.
    Display,
}

impl Profile {
    pub fn options(self) -> Options {
        match self {
            Profile::Search => Options {
                nfkc: true,
                remove_invisible: true,
                remove_tatweel: true,
                remove_diacritics: true,
                fold_alef: true,
                fold_alef_maqsura: true,
                fold_teh_marbuta: true,
                fold_hamza_carriers: true,
                fold_persian_letters: true,
                ascii_digits: true,
                lowercase: true,
            },
            Profile::Display => Options {
                nfkc: true,
                remove_invisible: true,
                remove_tatweel: true,
                remove_diacritics: false,
                fold_alef: false,
                fold_alef_maqsura: false,
                fold_teh_marbuta: false,
                fold_hamza_carriers: false,
                fold_persian_letters: false,
                ascii_digits: false,
                lowercase: false,
            },
        }
    }
}

impl From<Profile> for Options {
    fn from(profile: Profile) -> Self {
        profile.options()
    }
}

/// One stretch of output and the stretch of input it came from. In an aligned piece (`identity`) every output
/// char boundary lies at the same distance from the piece start as an input char boundary (characters kept,
/// or replaced by one of the same UTF-8 length, as أ → ا); in a replaced piece the output as a whole stands for
/// the input as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    out_start: u32,
    src_start: u32,
    src_end: u32,
    identity: bool,
}

/// Normalised text plus the map back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    text: String,
    pieces: Vec<Piece>,
    source_len: usize,
}

impl Normalized {
    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Consumes self, returning the normalised text.
    pub fn into_text(self) -> String {
        self.text
    }

    /// Maps a byte range of the normalised text to the byte range of the original text it came from.
    ///
    /// The result always lies on char boundaries of the original. A range that starts or ends inside a
    /// replaced piece (say, one of the two letters "لا" that NFKC made of the ligature "ﻻ") widens to the whole
    /// original piece. Ranges outside the text are clamped.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        if self.pieces.is_empty() {
            return 0..0;
        }
        let start = range.start.min(self.text.len());
        let end = range.end.clamp(start, self.text.len());
        let orig_start = self.map_start(start);
        if end == start {
            return orig_start..orig_start;
        }
        let orig_end = self.map_end(end).max(orig_start);
        orig_start..orig_end
    }

    /// The original byte offset of a normalised byte offset (the start of the piece it falls in, for replaced
    /// pieces).
    pub fn original_offset(&self, offset: usize) -> usize {
        self.original_range(offset..offset).start
    }

    fn piece_index(&self, offset: usize) -> usize {
        // Last piece whose output starts at or before `offset`.
        self.pieces
            .partition_point(|p| p.out_start as usize <= offset)
            .saturating_sub(1)
    }

    fn map_start(&self, offset: usize) -> usize {
        if offset >= self.text.len() {
            return self.source_len;
        }
        let piece = self.pieces[self.piece_index(offset)];
        if piece.identity {
            piece.src_start as usize + (offset - piece.out_start as usize)
        } else {
            piece.src_start as usize
        }
    }

    fn map_end(&self, offset: usize) -> usize {
        // The piece holding the last byte before `offset`.
        let idx = self.piece_index(offset - 1);
        let piece = self.pieces[idx];
        if piece.identity {
            piece.src_start as usize + (offset - piece.out_start as usize)
        } else {
            piece.src_end as usize
        }
    }
}

/// Normalises `text` with a profile or a custom set of options.
pub fn normalize(text: &str, options: impl Into<Options>) -> Normalized {
    let options = options.into();
    let mut out = Normalized {
        text: String::with_capacity(text.len()),
        pieces: Vec::new(),
        source_len: text.len(),
    };
    Normalizer {
        options,
        out: &mut out,
    }
    .run(text);
    out
}

/// Normalises without keeping offsets; cheaper when only the text is needed (hashing, keys).
pub fn normalize_str(text: &str, options: impl Into<Options>) -> String {
    let options = options.into();
    if unchanged_by(text, &options) {
        return text.to_string();
    }
    normalize(text, options).into_text()
}

/// Whether normalising would give `text` back as it is, judged cheaply: every character is ASCII (and not
/// upper-case when lower-casing) or an Arabic-block character the fast path keeps as it is, none of which
/// combines with its neighbour. Most display-profile paragraphs pass, and checking is a third of the cost
/// of normalising. `false` only means "not known to be unchanged".
fn unchanged_by(text: &str, options: &Options) -> bool {
    let table = table_for(options);
    let bytes = text.as_bytes();
    let mut pos = 0;
    while let Some(&b) = bytes.get(pos) {
        if b < 0x80 {
            if options.lowercase && b.is_ascii_uppercase() {
                return false;
            }
            pos += 1;
            continue;
        }
        // A kept Arabic character is simple (the table sends every other one to the general path), so
        // nothing before or after it can combine with it.
        match arabic_index(bytes, pos) {
            Some(index) if table[index] == Fast::Copy => pos += 2,
            _ => return false,
        }
    }
    true
}

struct Normalizer<'a> {
    options: Options,
    out: &'a mut Normalized,
}

/// What one input character becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mapped {
    Drop,
    Same,
    Char(char),
}

/// How the fast path treats a character of the Arabic block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fast {
    /// Kept as it is.
    Copy,
    /// Folded to a character of the same UTF-8 length.
    Fold(char),
    /// Anything else (NFKC, a drop, a change of length): the general path.
    Slow,
}

static SEARCH_TABLE: LazyLock<[Fast; 256]> =
    LazyLock::new(|| arabic_table(&Profile::Search.options()));
static DISPLAY_TABLE: LazyLock<[Fast; 256]> =
    LazyLock::new(|| arabic_table(&Profile::Display.options()));

/// What each character of the Arabic block U+0600..U+06FF becomes on the fast path under `options`.
fn arabic_table(options: &Options) -> [Fast; 256] {
    let mut table = [Fast::Slow; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let code = 0x0600 + i as u32;
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        if options.nfkc && !is_simple_code(code) {
            continue;
        }
        *slot = match map_char(options, c) {
            Mapped::Same => Fast::Copy,
            Mapped::Char(m) if m.len_utf8() == c.len_utf8() => Fast::Fold(m),
            _ => Fast::Slow,
        };
    }
    table
}

fn table_for(options: &Options) -> Cow<'static, [Fast; 256]> {
    if *options == Profile::Search.options() {
        Cow::Borrowed(&*SEARCH_TABLE)
    } else if *options == Profile::Display.options() {
        Cow::Borrowed(&*DISPLAY_TABLE)
    } else {
        Cow::Owned(arabic_table(options))
    }
}

impl Normalizer<'_> {
    fn run(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let table = table_for(&self.options);
        let mut pos = 0;
        while pos < bytes.len() {
            pos = self.fast_run(text, pos, &table);
            if pos >= bytes.len() {
                break;
            }
            // The character at `pos` needs the general path: NFKC, a fold that changes its length, or a drop.
            let c = char_at(text, pos).0;
            let next = pos + c.len_utf8();
            if self.options.nfkc && !(is_simple(c) && next_is_simple(text, next)) {
                pos = self.cluster(text, pos);
                continue;
            }
            self.push_mapped(c, pos, next);
            pos = next;
        }
    }

    /// Copies the longest run from `start` of ASCII and Arabic-block characters that keep their length (kept as
    /// they are, or folded to a letter of the same length such as أ → ا), with one offset-map update for the
    /// run. Returns where the run stops: the end, or a character for the general path.
    #[inline]
    fn fast_run(&mut self, text: &str, start: usize, table: &[Fast; 256]) -> usize {
        let bytes = text.as_bytes();
        let nfkc = self.options.nfkc;
        let lowercase = self.options.lowercase;
        let out_start = self.out.text.len();
        let mut copy_from = start;
        let mut pos = start;
        while pos < bytes.len() {
            let b = bytes[pos];
            let len = if b < 0x80 {
                if lowercase && b.is_ascii_uppercase() {
                    self.out.text.push_str(&text[copy_from..pos]);
                    self.out.text.push(b.to_ascii_lowercase() as char);
                    copy_from = pos + 1;
                }
                1
            } else {
                let Some(index) = arabic_index(bytes, pos) else {
                    break;
                };
                match table[index] {
                    Fast::Copy => {}
                    Fast::Fold(m) => {
                        self.out.text.push_str(&text[copy_from..pos]);
                        self.out.text.push(m);
                        copy_from = pos + 2;
                    }
                    Fast::Slow => break,
                }
                2
            };
            // A following character that may compose or reorder with this one under NFKC (a combining mark,
            // or an invisible character that hides one) sends this one to the general path.
            if nfkc && !next_is_simple(text, pos + len) {
                if copy_from > pos {
                    // This character was folded and written already: take it back.
                    self.out
                        .text
                        .truncate(self.out.text.len() - (copy_from - pos));
                    copy_from = pos;
                }
                break;
            }
            pos += len;
        }
        self.out.text.push_str(&text[copy_from..pos]);
        if pos > start {
            self.extend_aligned(out_start, start, pos);
        }
        pos
    }

    /// Normalises the cluster that starts at `start` (a character and every following one that may combine
    /// with it under NFKC) and returns where the next one starts.
    fn cluster(&mut self, text: &str, start: usize) -> usize {
        let c = char_at(text, start).0;
        let mut end = start + c.len_utf8();
        let mut buffer: Vec<char> = vec![c];
        while end < text.len() {
            let next = char_at(text, end).0;
            if self.is_transparent(next) {
                // Invisible characters must not keep a base and its marks apart, or a second pass would compose
                // what the first did not.
                end += next.len_utf8();
                continue;
            }
            if is_simple(next) || !may_combine_backwards(next) {
                break;
            }
            buffer.push(next);
            end += next.len_utf8();
        }
        self.push_cluster(&buffer, start, end);
        end
    }

    fn is_transparent(&self, c: char) -> bool {
        (self.options.remove_invisible && is_invisible(c))
            || (self.options.remove_tatweel && c == TATWEEL)
    }

    fn push_cluster(&mut self, chars: &[char], start: usize, end: usize) {
        let composed: Vec<char> = chars.iter().copied().nfkc().collect();
        if composed.as_slice() == chars && chars.len() == 1 && end - start == chars[0].len_utf8() {
            self.push_mapped(chars[0], start, end);
            return;
        }
        let out_start = self.out.text.len();
        for &c in &composed {
            match map_char(&self.options, c) {
                Mapped::Same => self.out.text.push(c),
                Mapped::Char(m) => self.out.text.push(m),
                Mapped::Drop => {}
            }
        }
        if self.out.text.len() > out_start {
            self.out.pieces.push(Piece {
                out_start: out_start as u32,
                src_start: start as u32,
                src_end: end as u32,
                identity: false,
            });
            self.recompose_across(out_start);
        }
    }

    /// When a cluster's output begins with something that combines backwards (marks NFKC made from a
    /// presentation form whose tatweel was then dropped), those marks now follow the previous base letter, and
    /// a second pass would reorder or compose them with it. Normalise the base and everything after it again,
    /// as that second pass would, and merge their pieces into one.
    fn recompose_across(&mut self, out_start: usize) {
        let text = &self.out.text;
        let joins_back = text[out_start..]
            .chars()
            .next()
            .is_some_and(may_combine_backwards);
        if !joins_back || out_start == 0 {
            return;
        }
        let base_start = text[..out_start]
            .char_indices()
            .rev()
            .find(|&(_, c)| canonical_combining_class(c) == 0)
            .map_or(0, |(i, _)| i);
        let mut merged = String::new();
        for c in text[base_start..].nfkc() {
            match map_char(&self.options, c) {
                Mapped::Same => merged.push(c),
                Mapped::Char(m) => merged.push(m),
                Mapped::Drop => {}
            }
        }
        self.out.text.truncate(base_start);
        self.out.text.push_str(&merged);
        let first = self.out.piece_index(base_start);
        let merged_end = self.out.pieces.last().map_or(0, |p| p.src_end);
        self.out.pieces.truncate(first + 1);
        if let Some(piece) = self.out.pieces.last_mut() {
            if piece.out_start as usize != base_start {
                // The base sat inside a longer piece: split it there, so the piece before stays exact.
                let split = Piece {
                    out_start: base_start as u32,
                    src_start: if piece.identity {
                        piece.src_start + (base_start as u32 - piece.out_start)
                    } else {
                        piece.src_start
                    },
                    src_end: merged_end,
                    identity: false,
                };
                if piece.identity {
                    piece.src_end = split.src_start;
                    self.out.pieces.push(split);
                } else {
                    piece.src_end = merged_end;
                }
            } else {
                piece.identity = false;
                piece.src_end = merged_end;
            }
        }
        if self
            .out
            .pieces
            .last()
            .is_some_and(|p| p.out_start as usize >= self.out.text.len())
        {
            // Everything from the base on was dropped.
            self.out.pieces.pop();
        }
    }

    /// Folds one character taken alone and records it: aligned when it keeps its length, replaced otherwise.
    fn push_mapped(&mut self, c: char, start: usize, end: usize) {
        match map_char(&self.options, c) {
            Mapped::Same => self.push_aligned(c, start, end),
            Mapped::Char(m) if m.len_utf8() == c.len_utf8() => self.push_aligned(m, start, end),
            Mapped::Char(m) => self.push_replaced_char(m, start, end),
            Mapped::Drop => {}
        }
    }

    #[inline]
    fn push_aligned(&mut self, c: char, start: usize, end: usize) {
        let out_start = self.out.text.len();
        self.out.text.push(c);
        self.extend_aligned(out_start, start, end);
    }

    /// Records that output from `out_start` on stands, byte for byte, for input `start..end`.
    #[inline]
    fn extend_aligned(&mut self, out_start: usize, start: usize, end: usize) {
        if let Some(last) = self.out.pieces.last_mut() {
            let last_out_len = out_start - last.out_start as usize;
            if last.identity
                && last.src_end as usize == start
                && last_out_len == (last.src_end - last.src_start) as usize
            {
                last.src_end = end as u32;
                return;
            }
        }
        self.out.pieces.push(Piece {
            out_start: out_start as u32,
            src_start: start as u32,
            src_end: end as u32,
            identity: true,
        });
    }

    #[inline]
    fn push_replaced_char(&mut self, c: char, start: usize, end: usize) {
        let out_start = self.out.text.len();
        self.out.pieces.push(Piece {
            out_start: out_start as u32,
            src_start: start as u32,
            src_end: end as u32,
            identity: false,
        });
        self.out.text.push(c);
    }
}

/// Whether the character at `pos` (if any) can be taken without looking back at its predecessor.
#[inline(always)]
fn next_is_simple(text: &str, pos: usize) -> bool {
    let bytes = text.as_bytes();
    match bytes.get(pos) {
        None => true,
        Some(&b) if b < 0x80 => true,
        Some(_) => match arabic_index(bytes, pos) {
            Some(index) => ARABIC_SIMPLE[index],
            None => is_simple(char_at(text, pos).0),
        },
    }
}

/// [`is_simple`] for each character of U+0600..U+06FF.
static ARABIC_SIMPLE: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = is_simple_code(0x0600 + i as u32);
        i += 1;
    }
    table
};

fn map_char(o: &Options, c: char) -> Mapped {
    if c.is_ascii() {
        if o.lowercase && c.is_ascii_uppercase() {
            return Mapped::Char(c.to_ascii_lowercase());
        }
        return Mapped::Same;
    }
    match c {
        TATWEEL if o.remove_tatweel => Mapped::Drop,
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' if o.fold_alef => Mapped::Char('ا'),
        'ى' if o.fold_alef_maqsura => Mapped::Char('ي'),
        'ی' | 'ې' if o.fold_alef_maqsura || o.fold_persian_letters => Mapped::Char('ي'),
        'ک' if o.fold_persian_letters => Mapped::Char('ك'),
        'ة' if o.fold_teh_marbuta => Mapped::Char('ه'),
        'ۀ' if o.fold_teh_marbuta => Mapped::Char('ه'),
        'ؤ' | 'ئ' if o.fold_hamza_carriers => Mapped::Char('ء'),
        '\u{0660}'..='\u{0669}' if o.ascii_digits => Mapped::Char(ascii_digit(c as u32 - 0x0660)),
        '\u{06F0}'..='\u{06F9}' if o.ascii_digits => Mapped::Char(ascii_digit(c as u32 - 0x06F0)),
        '\u{066B}' if o.ascii_digits => Mapped::Char('.'),
        '\u{066C}' if o.ascii_digits => Mapped::Char(','),
        _ if o.remove_diacritics && is_diacritic(c) => Mapped::Drop,
        _ if o.remove_invisible && is_invisible(c) => Mapped::Drop,
        _ if o.lowercase && c.is_uppercase() => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => Mapped::Char(l),
                _ => Mapped::Same,
            }
        }
        _ => Mapped::Same,
    }
}

const TATWEEL: char = '\u{0640}';

fn ascii_digit(value: u32) -> char {
    char::from_digit(value, 10).unwrap_or('0')
}

/// Characters that NFKC leaves alone and that never combine with a neighbour: the fast path.
#[inline]
fn is_simple(c: char) -> bool {
    is_simple_code(c as u32)
}

const fn is_simple_code(code: u32) -> bool {
    match code {
        0x00..=0x7F => true,
        // Arabic letters, punctuation and digits that are starters without compatibility decompositions. Left
        // out: the combining marks U+0610..U+061A, U+064B..U+065F and U+0670; the letters with decompositions
        // U+0675..U+0678; and ALM (U+061C) and tatweel (U+0640), which may be removed and must then not keep a
        // base letter apart from its marks.
        0x060C..=0x060F
        | 0x061B
        | 0x061D..=0x063F
        | 0x0641..=0x064A
        | 0x0660..=0x066F
        | 0x0671..=0x0674
        | 0x0679..=0x06D3
        | 0x06D5
        | 0x06EE..=0x06FF => true,
        _ => false,
    }
}

/// Whether `c` may compose with or reorder against what precedes it under NFKC: a combining mark, a character
/// that composes with its predecessor, or one whose compatibility decomposition starts with either (half-width
/// Hangul vowels, for instance).
fn may_combine_backwards(c: char) -> bool {
    let joins = |c: char| {
        canonical_combining_class(c) != 0
            || is_nfkc_quick(std::iter::once(c)) == IsNormalized::Maybe
    };
    joins(c)
        || std::iter::once(c)
            .nfkd()
            .next()
            .is_some_and(|first| first != c && joins(first))
}

/// Arabic diacritics: harakat, tanween, shadda, sukun, superscript alef, Quranic annotation marks.
pub fn is_diacritic(c: char) -> bool {
    matches!(c as u32,
        0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7 | 0x06E8 | 0x06EA..=0x06ED
        | 0x08D3..=0x08E1 | 0x08E3..=0x08FF)
}

/// Zero-width characters, bidi controls, soft hyphen and BOM.
pub fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x061C | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069 | 0xFEFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(s: &str) -> String {
        normalize_str(s, Profile::Search)
    }

    fn display(s: &str) -> String {
        normalize_str(s, Profile::Display)
    }

    #[test]
    fn presentation_forms_become_base_letters_in_both_profiles() {
        // "ﻫ" (U+FEEB, initial heh) as scraped in a Hijri date.
        assert_eq!(display("1447 \u{FEEB}"), "1447 ه");
        assert_eq!(search("\u{FEFB}"), "لا");
    }

    #[test]
    fn search_folds_alef_yeh_teh_marbuta_hamza_and_diacritics() {
        assert_eq!(search("أَحْمَد إِبْرَاهِيم آمِنَة"), "احمد ابراهيم امنه");
        assert_eq!(search("مستشفى"), "مستشفي");
        assert_eq!(search("مسؤول مسئول"), "مسءول مسءول");
        assert_eq!(search("وقّع"), "وقع");
    }

    #[test]
    fn display_keeps_what_a_reader_sees() {
        assert_eq!(display("أَعلنَ"), "أَعلنَ");
        assert_eq!(display("مستشفى ١٤"), "مستشفى ١٤");
        assert_eq!(display("الاتفـــاق"), "الاتفاق");
    }

    #[test]
    fn digits_fold_to_ascii_in_search() {
        assert_eq!(search("١٤ آب ٢٠٢٥"), "14 اب 2025");
        assert_eq!(search("۱۴۰۴"), "1404");
        assert_eq!(search("٣٫٥"), "3.5");
    }

    #[test]
    fn invisible_controls_are_removed_and_punctuation_kept() {
        assert_eq!(
            display("سوريا\u{200F}، تركيا\u{200C}؛ لماذا؟"),
            "سوريا، تركيا؛ لماذا؟"
        );
        assert_eq!(display("\u{FEFF}نص"), "نص");
    }

    #[test]
    fn combining_hamza_composes_with_alef() {
        // alef + combining hamza above (U+0654) is أ after NFKC, then ا in search.
        assert_eq!(display("ا\u{0654}حمد"), "أحمد");
        assert_eq!(search("ا\u{0654}حمد"), "احمد");
    }

    #[test]
    fn latin_is_lowercased_in_search_only() {
        assert_eq!(search("Reuters SANA"), "reuters sana");
        assert_eq!(display("Reuters"), "Reuters");
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let original = "قال الوزيـــر: «ﻻ تراجع»";
        let n = normalize(original, Profile::Search);
        assert_eq!(n.text(), "قال الوزير: «لا تراجع»");
        let find = |needle: &str| {
            let start = n.text().find(needle).unwrap();
            &original[n.original_range(start..start + needle.len())]
        };
        assert_eq!(find("الوزير"), "الوزيـــر");
        assert_eq!(find("لا"), "ﻻ");
        // Half of a ligature widens to the whole ligature.
        let la = n.text().find("لا").unwrap();
        assert_eq!(&original[n.original_range(la..la + 'ل'.len_utf8())], "ﻻ");
        assert_eq!(find("تراجع»"), "تراجع»");
    }

    #[test]
    fn empty_and_all_dropped_inputs() {
        let n = normalize("", Profile::Search);
        assert_eq!(n.text(), "");
        assert_eq!(n.original_range(0..0), 0..0);
        let n = normalize("\u{200F}ـ", Profile::Search);
        assert_eq!(n.text(), "");
        assert_eq!(n.original_range(0..0), 0..0);
    }
}
