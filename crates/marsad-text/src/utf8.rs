//! Byte-level decoding shared by the hot loops of normalisation, tokenisation and stemming. Arabic letters are
//! two bytes in UTF-8 (lead byte 0xD8..=0xDB for U+0600..U+06FF); decoding them by hand, without building a
//! `char` iterator, is most of what makes those loops fast.

/// The index (0..256) in the Arabic block U+0600..U+06FF of the character starting at byte `pos`, if it is one.
#[inline(always)]
pub(crate) fn arabic_index(bytes: &[u8], pos: usize) -> Option<usize> {
    let lead = *bytes.get(pos)?;
    let trail = *bytes.get(pos + 1)?;
    if (0xD8..=0xDB).contains(&lead) {
        Some((((lead & 0x1F) as usize) << 6 | (trail & 0x3F) as usize) - 0x600)
    } else {
        None
    }
}

/// The character at byte `pos` of `text` (a char boundary) and its length in bytes, with one- and two-byte
/// characters decoded by hand.
#[inline(always)]
pub(crate) fn char_at(text: &str, pos: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    let b = bytes[pos];
    if b < 0x80 {
        return (b as char, 1);
    }
    if (0xC2..=0xDF).contains(&b) && pos + 1 < bytes.len() {
        let code = ((b as u32 & 0x1F) << 6) | (bytes[pos + 1] as u32 & 0x3F);
        if let Some(c) = char::from_u32(code) {
            return (c, 2);
        }
    }
    let c = text[pos..].chars().next().unwrap_or('\u{FFFD}');
    (c, c.len_utf8())
}
