//! Sentence splitting for Arabic news text, with byte offsets.
//!
//! A sentence ends at . ! ? ؟ … or a line break, except where the full stop belongs to a number
//! ("13.08.2025", "3.5"), an abbreviation ("د." for دكتور, "أ.د.", single Latin initials as in "U.S."), a URL
//! or a decimal. Quotes are respected: a full stop inside “…”, «…» or "…" does not end the sentence, so a
//! quoted statement stays with the words that attribute it; if a quote is never closed within the
//! paragraph, the paragraph is split as if there were no quotes. Closing quotes and brackets right after the
//! end mark belong to the sentence that ends.
//!
//! ```
//! use marsad_text::sentences::sentences;
//! let text = "قال الوزير: «وقّعنا الاتفاق. وسنبدأ غداً». وأضاف أن الموعد 13.08.2025 ثابت! هل من جديد؟";
//! let found: Vec<&str> = sentences(text).map(|r| &text[r]).collect();
//! assert_eq!(found, ["قال الوزير: «وقّعنا الاتفاق. وسنبدأ غداً».", "وأضاف أن الموعد 13.08.2025 ثابت!", "هل من جديد؟"]);
//! ```
//!
//! Not done here: splitting on colons or semicolons, or deciding what a sentence means.

use std::ops::Range;
use std::sync::LazyLock;

/// Iterates over the sentences of `text` as trimmed byte ranges.
pub fn sentences(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    paragraphs(text).flat_map(move |para| split_paragraph(text, para, true))
}

/// Byte ranges of the non-empty lines of `text`; a line break always ends a sentence.
fn paragraphs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |line| {
        let range = start..start + line.len();
        start += line.len();
        range
    })
}

fn split_paragraph(text: &str, para: Range<usize>, respect_quotes: bool) -> Vec<Range<usize>> {
    let slice = &text[para.clone()];
    let bytes = slice.as_bytes();
    let char_at = |pos: usize| slice.get(pos..).and_then(|rest| rest.chars().next());
    // The character before a position; every position visited is a character boundary.
    let char_before = |pos: usize| slice.get(..pos).and_then(|head| head.chars().next_back());
    let mut out = Vec::new();
    let mut sentence_start = 0;
    let mut straight_quote_open = false;
    let mut depth: i32 = 0;
    let mut pos = 0;
    while pos < bytes.len() {
        // Only end marks and quotes change anything: skip every other byte without decoding it (this runs
        // on every paragraph of every document, and most characters are letters).
        let Some(found) = next_mark(bytes, pos) else {
            break;
        };
        pos = found;
        let Some(c) = char_at(pos) else {
            pos += 1;
            continue;
        };
        let after = pos + c.len_utf8();
        let was_in_quote = depth > 0 || straight_quote_open;
        match c {
            '“' | '«' | '‹' | '„' if respect_quotes => depth += 1,
            '”' | '»' | '›' if respect_quotes => depth = (depth - 1).max(0),
            '"' if respect_quotes => {
                straight_quote_open = !straight_quote_open;
            }
            _ => {}
        }
        // A quote that closes right after an end mark ends the sentence with it: «…انتهى.» ثم …
        let closes_after_end = respect_quotes
            && was_in_quote
            && depth == 0
            && !straight_quote_open
            && char_before(pos).is_some_and(is_terminal)
            && char_at(after).is_some_and(char::is_whitespace);
        if closes_after_end {
            push_trimmed(&mut out, slice, para.start, sentence_start..after);
            sentence_start = after;
            pos = after;
            continue;
        }
        let in_quote = respect_quotes && (depth > 0 || straight_quote_open);
        if is_terminal(c) && !in_quote && ends_sentence(slice, pos, c, char_before(pos)) {
            // Take further end marks and closing quotes/brackets with this sentence.
            let mut end = after;
            while let Some(n) = char_at(end).filter(|&n| is_terminal(n) || is_closer(n)) {
                if respect_quotes {
                    match n {
                        '”' | '»' | '›' => depth = (depth - 1).max(0),
                        '"' => straight_quote_open = !straight_quote_open,
                        _ => {}
                    }
                }
                end += n.len_utf8();
            }
            push_trimmed(&mut out, slice, para.start, sentence_start..end);
            sentence_start = end;
            pos = end;
            continue;
        }
        pos = after;
    }
    if respect_quotes && (depth > 0 || straight_quote_open) {
        // An unclosed quote would swallow the paragraph: split it as if it had no quotes.
        return split_paragraph(text, para, false);
    }
    push_trimmed(&mut out, slice, para.start, sentence_start..slice.len());
    out
}

/// Bytes that mark where an end mark or a quote may be: . ! ? " (ASCII), the lead bytes of « » (C2), of
/// “ ” „ ‹ › … (E2) and of ۔ (DB), and the second byte of ؟ (D8 9F), which as a trailing byte is rarer in
/// Arabic text than its lead byte D8, shared by half the alphabet.
static MARK_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b, 0x21 | 0x22 | 0x2E | 0x3F | 0xC2 | 0xE2 | 0xDB | 0x9F);
        b += 1;
    }
    table
};

/// The first character boundary at or after `from` where an end mark or a quote may start. A false hit
/// only costs decoding the character there.
#[inline]
fn next_mark(bytes: &[u8], from: usize) -> Option<usize> {
    let mut pos = from;
    loop {
        pos += bytes
            .get(pos..)?
            .iter()
            .position(|&b| MARK_BYTES[b as usize])?;
        if bytes[pos] != 0x9F {
            return Some(pos);
        }
        // A trailing byte: only ؟ (D8 9F) matters, and it starts one byte back.
        if pos > from && bytes[pos - 1] == 0xD8 {
            return Some(pos - 1);
        }
        pos += 1;
    }
}

fn push_trimmed(out: &mut Vec<Range<usize>>, slice: &str, base: usize, range: Range<usize>) {
    let piece = &slice[range.clone()];
    let trimmed_start = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let start = base + range.start + trimmed_start;
        out.push(start..start + trimmed.len());
    }
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '»' | '›' | '"' | '\'' | ')' | ']' | '’')
}

/// Decides whether the end mark `c` at byte `pos` of `slice` (after `prev`) really ends a sentence.
fn ends_sentence(slice: &str, pos: usize, c: char, prev: Option<char>) -> bool {
    if c != '.' {
        return true;
    }
    let rest = &slice[pos + 1..];
    let next = rest.chars().next();
    // Inside a number or a run of dots that continues a word ("13.08.2025", "example.com").
    if let (Some(p), Some(n)) = (prev, next) {
        if p.is_alphanumeric() && n.is_alphanumeric() {
            return false;
        }
    }
    // Abbreviation: the word before the dot.
    let before = &slice[..pos];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, ch)| is_alphabetic(ch))
        .last()
        .map_or(pos, |(k, _)| k);
    if is_abbreviation(&before[word_start..]) {
        // "د. أحمد": an abbreviation followed by more text on the line does not end the sentence.
        return rest.chars().all(char::is_whitespace);
    }
    true
}

/// `char::is_alphabetic`, with the Arabic block read from a table made by it: the standard library finds
/// a non-Latin letter by searching range tables, and the abbreviation check asks it of every letter of
/// the word before each full stop (about 5 % of splitting an ANT article into sentences).
fn is_alphabetic(c: char) -> bool {
    static ARABIC_BLOCK: LazyLock<[bool; 256]> = LazyLock::new(|| {
        std::array::from_fn(|i| char::from_u32(0x0600 + i as u32).is_some_and(char::is_alphabetic))
    });
    let code = c as u32;
    if code < 0x80 {
        c.is_ascii_alphabetic()
    } else if (0x0600..0x0700).contains(&code) {
        ARABIC_BLOCK[(code - 0x0600) as usize]
    } else {
        c.is_alphabetic()
    }
}

/// Abbreviations that take a full stop in Arabic and English news.
fn is_abbreviation(word: &str) -> bool {
    let n = word.chars().count();
    if n == 1 {
        // Single letters: Latin initials ("U.S.", "J. Smith") and Arabic ones ("د." doctor, "م." engineer,
        // "أ." professor, "ج.م.ع").
        return true;
    }
    matches!(
        word,
        "Dr" | "Mr"
            | "Mrs"
            | "Ms"
            | "Prof"
            | "St"
            | "Jr"
            | "vs"
            | "etc"
            | "No"
            | "Inc"
            | "Ltd"
            | "Co"
            | "Gen"
            | "Col"
            | "Lt"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_letter_test_is_the_standard_librarys_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text).map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_arabic_question_mark_and_line_breaks() {
        assert_eq!(
            split("هل انتهى الاجتماع؟ نعم\nسطر ثان"),
            ["هل انتهى الاجتماع؟", "نعم", "سطر ثان"]
        );
    }

    #[test]
    fn keeps_dates_times_and_decimals_whole() {
        assert_eq!(
            split("آخر تحديث: 14.08.2025 1:24 مساءً. بلغ النمو 3.5 في المئة."),
            [
                "آخر تحديث: 14.08.2025 1:24 مساءً.",
                "بلغ النمو 3.5 في المئة."
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            split("التقى د. محمد العلي بالوفد. ثم غادر."),
            ["التقى د. محمد العلي بالوفد.", "ثم غادر."]
        );
        assert_eq!(
            split("said the U.S. envoy. Then left."),
            ["said the U.S. envoy.", "Then left."]
        );
    }

    #[test]
    fn quotes_keep_statements_together() {
        assert_eq!(
            split(
                "وتابعت الوزارة: \"وقع الوزيران المذكرة. وهي خطوة مهمة\". وأضافت المصادر أمراً آخر."
            ),
            [
                "وتابعت الوزارة: \"وقع الوزيران المذكرة. وهي خطوة مهمة\".",
                "وأضافت المصادر أمراً آخر."
            ]
        );
        assert_eq!(
            split("قال: “انتهى. غادرنا.” ثم صمت."),
            ["قال: “انتهى. غادرنا.”", "ثم صمت."]
        );
    }

    #[test]
    fn unclosed_quote_falls_back_to_plain_splitting() {
        assert_eq!(
            split("قال: «انتهى الأمر. ثم غادر. وعاد"),
            ["قال: «انتهى الأمر.", "ثم غادر.", "وعاد"]
        );
    }

    #[test]
    fn ellipsis_and_repeated_marks() {
        assert_eq!(
            split("ماذا بعد؟! لا أحد يعرف... ربما غداً"),
            ["ماذا بعد؟!", "لا أحد يعرف...", "ربما غداً"]
        );
    }
}
