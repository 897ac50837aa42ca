//! Charset: turning a page's bytes into text without ever guessing silently wrong.
//!
//! The order, first match wins:
//! 1. UTF-8 (a BOM is dropped): most of the web, and every byte sequence that is valid UTF-8 is taken as it.
//! 2. A declared charset: the HTTP `Content-Type` charset when the container gave one, else a `charset=` in
//!    the page's first 2 KB (`<meta charset>` or `http-equiv`), if encoding_rs knows the label and the bytes
//!    decode with no errors.
//! 3. Detection with `chardetng` (Firefox's detector), accepted only when it says windows-1256, ISO-8859-6 or
//!    UTF-8 — the charsets Arabic news sites actually use — and the bytes decode with no errors.
//!
//! Anything else is [`Undecodable`]: a Cyrillic or Latin guess over Arabic bytes is mojibake, and mojibake
//! that reaches clustering and entity resolution is worse than a page reported as unreadable.
//!
//! Not done here: UTF-16 without a declaration (news pages are not served in it), or repairing text that was
//! already double-encoded before it reached us.

use encoding_rs::{Encoding, ISO_8859_6, UTF_8, WINDOWS_1256};

/// How many bytes detection looks at: enough for any page's statistics, bounded so a 60 MB page costs
/// no more than a 1 MB one.
const DETECT_BYTES: usize = 1 << 20;

/// How far into a page a `charset=` declaration is looked for (HTML requires it in the first 1024 bytes;
/// real pages are sloppier).
const DECLARATION_WINDOW: usize = 2048;

/// The bytes are neither UTF-8 nor in a charset they declare or that detection trusts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Undecodable {
    /// The first byte offset that is not valid UTF-8.
    pub offset: usize,
}

/// Decodes `bytes` by the rules in the module doc. `declared` is a charset label the container gave
/// (an HTTP `Content-Type` charset parameter), tried before any declaration inside the bytes.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<String, Undecodable> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text.to_string()),
        Err(error) => error,
    };
    let container = declared.and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    for encoding in [container, declared_in_page(bytes)].into_iter().flatten() {
        // UTF-8 already failed above; a page that lies about being UTF-8 goes on to detection.
        if encoding != UTF_8
            && let Some(text) = decode_cleanly(encoding, bytes)
        {
            return Ok(text);
        }
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(&bytes[..bytes.len().min(DETECT_BYTES)], true);
    let guess = detector.guess(None, true);
    if [WINDOWS_1256, ISO_8859_6].contains(&guess)
        && let Some(text) = decode_cleanly(guess, bytes)
    {
        return Ok(text);
    }
    Err(Undecodable {
        offset: utf8_error.valid_up_to(),
    })
}

/// [`decode`] for bytes the caller no longer needs: UTF-8 (the common case) becomes the `String` without a
/// copy.
pub fn decode_vec(mut bytes: Vec<u8>, declared: Option<&str>) -> Result<String, Undecodable> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => decode(error.as_bytes(), declared),
    }
}

fn decode_cleanly(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// The charset a page declares in its first 2 KB (`<meta charset="…">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">`), if encoding_rs knows it.
pub fn declared_in_page(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(DECLARATION_WINDOW)];
    let at = find_ascii_ci(head, b"charset")? + b"charset".len();
    let rest = &head[at..];
    let rest = trim_start(rest, |b| b.is_ascii_whitespace());
    let rest = rest.strip_prefix(b"=")?;
    let rest = trim_start(rest, |b| b.is_ascii_whitespace() || b == b'"' || b == b'\'');
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

/// The `charset` parameter of a `Content-Type` header value, if any.
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']))
    })
}

fn trim_start(bytes: &[u8], drop: impl Fn(u8) -> bool) -> &[u8] {
    let start = bytes.iter().position(|&b| !drop(b)).unwrap_or(bytes.len());
    &bytes[start..]
}

/// Byte offset of the first ASCII-case-insensitive occurrence of `needle` (lowercase) in `haystack`.
pub(crate) fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ARTICLE: &str = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة الساحلية، \
        بسعة مئتي سرير وقسم للطوارئ يعمل على مدار الساعة. وقال المتحدث باسم الوزارة إن المشروع \
        استغرق ثلاث سنوات من العمل المتواصل، وإن الكوادر الطبية ستباشر عملها مطلع الشهر المقبل.";

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("نص".as_bytes(), None).unwrap(), "نص");
        assert_eq!(decode_vec("\u{FEFF}نص".into(), None).unwrap(), "نص");
        assert_eq!(decode("\u{FEFF}نص".as_bytes(), None).unwrap(), "نص");
        assert_eq!(decode(b"", None).unwrap(), "");
    }

    #[test]
    fn undeclared_windows_1256_and_iso_8859_6_are_detected() {
        for encoding in [WINDOWS_1256, ISO_8859_6] {
            let bytes = encode(encoding, ARTICLE);
            assert_eq!(
                decode(&bytes, None).unwrap(),
                ARTICLE,
                "{}",
                encoding.name()
            );
        }
    }

    #[test]
    fn declared_charsets_from_the_container_and_the_page() {
        let bytes = encode(WINDOWS_1256, "مرحبا");
        assert_eq!(decode(&bytes, Some("windows-1256")).unwrap(), "مرحبا");
        let mut page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset = ISO-8859-6\">"
                .to_vec();
        page.extend(encode(ISO_8859_6, "مرحبا"));
        assert!(decode(&page, None).unwrap().ends_with("مرحبا"));
        assert_eq!(declared_in_page(&page), Some(ISO_8859_6));
        assert_eq!(charset_param("text/html; Charset=\"UTF-8\""), Some("UTF-8"));
        assert_eq!(charset_param("text/html"), None);
    }

    #[test]
    fn a_lying_declaration_falls_through_to_detection() {
        // Declared UTF-8, really windows-1256: detection finds the truth.
        let bytes = encode(WINDOWS_1256, ARTICLE);
        assert_eq!(decode(&bytes, Some("utf-8")).unwrap(), ARTICLE);
    }

    #[test]
    fn non_arabic_legacy_text_is_refused_not_mojibaked() {
        let cyrillic = encode(
            encoding_rs::WINDOWS_1251,
            "Министерство здравоохранения объявило сегодня об открытии новой больницы в приморском городе.",
        );
        assert_eq!(decode(&cyrillic, None), Err(Undecodable { offset: 0 }));
        assert_eq!(
            decode(b"ok \xff\xfe\x00\x01 junk", None),
            Err(Undecodable { offset: 3 })
        );
    }

    proptest! {
        #[test]
        fn valid_utf8_is_always_itself(text in "\\PC*") {
            prop_assert_eq!(decode(text.as_bytes(), None).unwrap(), text);
        }

        #[test]
        fn any_bytes_decode_or_fail_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..512), label in "[a-z0-9-]{0,12}") {
            let _ = decode(&bytes, Some(&label));
            let _ = declared_in_page(&bytes);
        }
    }
}
