//! Finding date expressions: tokens of search-normalised text, then a small hand-written grammar that says
//! what was written (day, month, year, weekday, "أمس", "منذ 3 أيام", …) without deciding yet which date it
//! means; [`crate::resolve`] does that against the publication date.
//!
//! Hand-written rather than regexes: the pieces (two-word month names, optional "من", proclitics on the
//! first word, combined "أغسطس/آب", weekday checks) combine in too many orders for one readable pattern, and
//! a token grammar keeps every span on token boundaries for free.

use marsad_text::tokenize::{TokenKind, tokens};

use crate::lexicon::{self, Modifier, MonthCal, Unit};

/// A token of the normalised text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    pub text: &'a str,
    /// A line break separates this token from the previous one; no expression crosses it.
    pub nl_before: bool,
}

/// Tokens of `norm`, with "و10"-style words (a conjunction or preposition glued to digits) split in two.
pub(crate) fn tokenize(norm: &str) -> Vec<Tok<'_>> {
    let mut out: Vec<Tok<'_>> = Vec::new();
    let mut prev_end = 0;
    for t in tokens(norm) {
        let nl_before = norm
            .get(prev_end..t.start)
            .is_some_and(|gap| gap.contains('\n'));
        prev_end = t.end;
        let text = &norm[t.start..t.end];
        if t.kind == TokenKind::Word {
            let mut chars = text.char_indices();
            if let Some((_, first)) = chars.next()
                && matches!(first, 'و' | 'ب' | 'ل' | 'ف')
                && let Some((split, _)) = chars.next()
                && text[split..].bytes().all(|b| b.is_ascii_digit())
            {
                out.push(Tok {
                    start: t.start,
                    end: t.start + split,
                    kind: TokenKind::Word,
                    text: &text[..split],
                    nl_before,
                });
                out.push(Tok {
                    start: t.start + split,
                    end: t.end,
                    kind: TokenKind::Number,
                    text: &text[split..],
                    nl_before: false,
                });
                continue;
            }
        }
        out.push(Tok {
            start: t.start,
            end: t.end,
            kind: t.kind,
            text,
            nl_before,
        });
    }
    out
}

/// Which month a date names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MonthRef {
    Named(u8),
    /// "الشهر الجاري" (0), "الشهر الماضي" (-1), "الشهر المقبل" (+1).
    Relative(i64),
}

/// What an expression says, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum What {
    /// Day and/or month and/or year in words (with optional numeric day and year).
    Date {
        cal: MonthCal,
        day: Option<u8>,
        /// The end of a day range ("بين 8 و10 مارس").
        day_to: Option<u8>,
        month: MonthRef,
        year: Option<i32>,
        /// "العام الماضي" after the month: -1.
        year_offset: Option<i64>,
        modifier: Option<Modifier>,
        combined: bool,
    },
    /// All-digit date (14.08.2025, 2025-08-14).
    Numeric {
        year: i32,
        month: u8,
        day: u8,
        hijri: bool,
    },
    /// "اليوم"، "أمس"، "الخميس": a day relative to publication or a weekday, as in `Parsed::rel_day` /
    /// `Parsed::weekday`.
    DayWord { modifier: Option<Modifier> },
    /// "منذ 34 ثانية".
    Ago {
        n: i64,
        unit: Unit,
        from_other_event: bool,
    },
    /// "الشهر الماضي", "العام المقبل".
    Period { unit: Unit, offset: i64 },
    /// "عام 2010", "1440 هـ".
    Year {
        cal: MonthCal,
        year: i32,
        to: Option<i32>,
    },
}

/// One expression: token range, what it says, and the checks written around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub start: usize,
    pub end: usize,
    pub what: What,
    /// A weekday written with it ("أمس الأربعاء", "الخميس 20 صفر"), Monday = 1.
    pub weekday: Option<i8>,
    /// A day-relative word written with it: 0 today, -1 yesterday, +1 tomorrow.
    pub rel_day: Option<i64>,
    /// The words before it are in the future tense ("سيعقد ... في مارس").
    pub future: bool,
}

/// Strips one proclitic letter (و ف ب ل ك) from a word of three or more letters.
fn strip(word: &str) -> Option<&str> {
    let mut chars = word.chars();
    let first = chars.next()?;
    if matches!(first, 'و' | 'ف' | 'ب' | 'ل' | 'ك') && word.chars().count() >= 3 {
        Some(chars.as_str())
    } else {
        None
    }
}

pub(crate) struct Parser<'t, 'a> {
    toks: &'t [Tok<'a>],
}

impl<'t, 'a> Parser<'t, 'a> {
    pub(crate) fn new(toks: &'t [Tok<'a>]) -> Self {
        Parser { toks }
    }

    /// Token `i` if it exists and, for `i > from`, sits on the same line as token `from`.
    fn tok(&self, i: usize) -> Option<&Tok<'a>> {
        self.toks.get(i)
    }

    /// The word at `i` if it continues the line (no line break before it, unless `i` is where we began).
    fn word_cont(&self, i: usize) -> Option<&'a str> {
        let t = self.tok(i)?;
        (t.kind == TokenKind::Word && !t.nl_before).then_some(t.text)
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.tok(i)?;
        (t.kind == TokenKind::Word).then_some(t.text)
    }

    /// The word at `i` matched with and without a proclitic.
    fn word_is(&self, i: usize, cont: bool, f: impl Fn(&str) -> bool) -> bool {
        let w = if cont {
            self.word_cont(i)
        } else {
            self.word(i)
        };
        w.is_some_and(|w| f(w) || strip(w).is_some_and(&f))
    }

    fn punct_cont(&self, i: usize) -> Option<char> {
        let t = self.tok(i)?;
        if t.nl_before || !matches!(t.kind, TokenKind::Punct | TokenKind::Symbol) {
            return None;
        }
        t.text.chars().next()
    }

    /// A plain number (digits only) at `i` on the same line, with its digit count.
    fn num_cont(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        if t.nl_before || t.kind != TokenKind::Number || t.text.len() > 4 {
            return None;
        }
        if !t.text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some((t.text.parse().ok()?, t.text.len()))
    }

    fn num_first(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        if t.kind != TokenKind::Number
            || t.text.len() > 4
            || !t.text.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        Some((t.text.parse().ok()?, t.text.len()))
    }

    /// Every expression in the tokens, left to right, not overlapping.
    pub(crate) fn all(&self) -> Vec<Parsed> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            match self.at(i) {
                Some(found) if !found.is_empty() => {
                    let end = found.iter().map(|p| p.end).max().unwrap_or(i + 1);
                    out.extend(found);
                    i = end.max(i + 1);
                }
                _ => i += 1,
            }
        }
        out
    }

    /// Expressions starting at token `i` (more than one for "عامي 1950 و1953").
    fn at(&self, i: usize) -> Option<Vec<Parsed>> {
        if let Some(p) = self.numeric(i) {
            return Some(vec![p]);
        }
        if let Some(p) = self.ago(i) {
            return Some(vec![p]);
        }
        if let Some(p) = self.day_phrase(i) {
            return Some(vec![p]);
        }
        if let Some(p) = self.month_only(i) {
            return Some(vec![p]);
        }
        if let Some(p) = self.period(i) {
            return Some(vec![p]);
        }
        self.years(i)
    }

    fn parsed(&self, start: usize, end: usize, what: What) -> Parsed {
        Parsed {
            start,
            end,
            what,
            weekday: None,
            rel_day: None,
            future: self.future_cue(start),
        }
    }

    /// A future-tense verb or planning word among the five words before `i`, on the same line and sentence.
    fn future_cue(&self, i: usize) -> bool {
        let mut j = i;
        for _ in 0..5 {
            if j == 0 || self.toks[j].nl_before {
                return false;
            }
            j -= 1;
            let t = &self.toks[j];
            if t.kind == TokenKind::Punct && matches!(t.text, "." | "؟" | "!" | "؛") {
                return false;
            }
            if t.kind != TokenKind::Word {
                continue;
            }
            let w = t.text;
            let w = strip(w).filter(|s| s.starts_with('س')).unwrap_or(w);
            if lexicon::future_word(w) {
                return true;
            }
            if (w.starts_with("سي") || w.starts_with("ست") || w.starts_with("سن"))
                && w.chars().count() >= 4
                && !lexicon::NOT_FUTURE_PREFIXES
                    .iter()
                    .any(|p| w.starts_with(p))
            {
                return true;
            }
        }
        false
    }

    /// All-digit dates in one number token: D.M.YYYY, D/M/YYYY, D-M-YYYY (day first), YYYY-MM-DD.
    fn numeric(&self, i: usize) -> Option<Parsed> {
        let t = self.tok(i)?;
        if t.kind != TokenKind::Number {
            return None;
        }
        let seps: Vec<char> = t.text.chars().filter(|c| !c.is_ascii_digit()).collect();
        if seps.len() != 2 || seps[0] != seps[1] || !matches!(seps[0], '.' | '/' | '-') {
            return None;
        }
        let parts: Vec<&str> = t.text.split(seps[0]).collect();
        let [a, b, c] = parts.as_slice() else {
            return None;
        };
        let (y, m, d): (i32, u8, u8) = if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
            (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?)
        } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
            (c.parse().ok()?, b.parse().ok()?, a.parse().ok()?)
        } else {
            return None;
        };
        // A year in the Hijri range ("1439/12/4هـ") makes a Hijri date; its era word joins the span.
        let hijri = (1300..=1500).contains(&y);
        let mut end = i + 1;
        if hijri {
            crate::resolve::hijri_to_gregorian(y, m, d)?;
            if self.word_cont(end).and_then(lexicon::era) == Some(MonthCal::Hijri) {
                end += 1;
            }
        } else if !(1800..=2200).contains(&y)
            || jiff::civil::Date::new(y as i16, m as i8, d as i8).is_err()
        {
            return None;
        }
        let mut p = self.parsed(
            i,
            end,
            What::Numeric {
                year: y,
                month: m,
                day: d,
                hijri,
            },
        );
        self.weekday_before(&mut p);
        Some(p)
    }

    /// A weekday (with optional "يوم" and comma) right before a numeric date joins it as a check.
    fn weekday_before(&self, p: &mut Parsed) {
        let mut j = p.start;
        if j > 0
            && self.punct_cont(j).is_none()
            && matches!(self.punct_cont(j - 1), Some('،' | ',' | '-'))
        {
            j -= 1;
        }
        if j > 0
            && !self.toks[j].nl_before
            && let Some(wd) = self.word(j - 1).and_then(lexicon::weekday)
        {
            p.weekday = Some(wd);
            p.start = j - 1;
            if p.start > 0 && self.word(p.start - 1) == Some("يوم") && !self.toks[p.start].nl_before
            {
                p.start -= 1;
            }
        }
    }

    /// "منذ 34 ثانية", "قبل ثلاثة أيام", "منذ يومين".
    fn ago(&self, i: usize) -> Option<Parsed> {
        if !self.word_is(i, false, |w| w == "منذ" || w == "قبل") {
            return None;
        }
        let (n, unit, end) = if let Some((n, digits)) = self.num_cont(i + 1) {
            if digits > 3 {
                return None;
            }
            let (unit, _) = lexicon::unit(self.word_cont(i + 2)?)?;
            (i64::from(n), unit, i + 3)
        } else if let Some(n) = self.word_cont(i + 1).and_then(lexicon::cardinal) {
            let (unit, _) = lexicon::unit(self.word_cont(i + 2)?)?;
            (n, unit, i + 3)
        } else {
            let (unit, implied) = lexicon::unit(self.word_cont(i + 1)?)?;
            // "منذ عام 2010" is a year, not "a year ago".
            if self.num_cont(i + 2).is_some_and(|(_, digits)| digits == 4) {
                return None;
            }
            (implied?, unit, i + 2)
        };
        // "قبل يومين من الانتخابات": counted from another event, not from publication.
        let from_other_event = self.word_cont(end).is_some_and(|w| w == "من" || w == "علي");
        Some(self.parsed(
            i,
            end,
            What::Ago {
                n,
                unit,
                from_other_event,
            },
        ))
    }

    /// A day number or ordinal day word at `i`: (day, next index).
    fn day_at(&self, i: usize, first: bool) -> Option<(u8, usize)> {
        let num = if first {
            self.num_first(i)
        } else {
            self.num_cont(i)
        };
        if let Some((n, digits)) = num {
            return (digits <= 2 && (1..=31).contains(&n)).then_some((n as u8, i + 1));
        }
        let w = if first {
            self.word(i)?
        } else {
            self.word_cont(i)?
        };
        let w = if lexicon::ordinal_unit(w).is_some() {
            w
        } else {
            strip(w).unwrap_or(w)
        };
        let unit = lexicon::ordinal_unit(w)?;
        if unit >= 20 {
            return Some((unit, i + 1));
        }
        match self.word_cont(i + 1) {
            Some("عشر") if unit < 10 => Some((unit + 10, i + 2)),
            Some("والعشرين") if unit < 10 => Some((unit + 20, i + 2)),
            Some("والثلاثين") if unit < 2 => Some((unit + 30, i + 2)),
            _ if w == "الحادي" => None,
            _ => Some((unit, i + 1)),
        }
    }

    /// A month name (one or two words, optional proclitic on the first) at `i`.
    fn month_name_at(&self, i: usize) -> Option<(lexicon::MonthName, usize)> {
        let w = self.word_cont(i)?;
        let second = self.word_cont(i + 1);
        for cand in [Some(w), strip(w)].into_iter().flatten() {
            if let Some(m) = lexicon::month_name(cand, second) {
                return Some((m, i + m.words));
            }
        }
        None
    }

    /// A month name, then an optional second name for the same month ("أغسطس/ آب", "مارس (آذار)").
    fn month_at(&self, i: usize) -> Option<(lexicon::MonthName, usize, bool)> {
        let (m, mut end) = self.month_name_at(i)?;
        let mut j = end;
        let open = self.punct_cont(j);
        if matches!(open, Some('/' | '(' | '-' | '،' | ',')) {
            j += 1;
        }
        if let Some((m2, end2)) = self.month_name_at(j)
            && m2.month == m.month
            && m2.cal == m.cal
        {
            end = end2;
            if open == Some('(') && self.punct_cont(end) == Some(')') {
                end += 1;
            }
            return Some((MonthName2::strong(m), end, true));
        }
        Some((m, end, false))
    }

    /// A year after a month: optional "-", "/", ",", "من", "عام"/"سنة", then four digits and an optional era
    /// word. Returns (year, era written, next index).
    fn year_at(&self, i: usize, cal: MonthCal) -> Option<(i32, Option<MonthCal>, usize)> {
        let mut j = i;
        if matches!(self.punct_cont(j), Some('-' | '/' | ',' | '،')) {
            j += 1;
        }
        if self.word_cont(j) == Some("من") {
            j += 1;
        }
        if self.word_is(j, true, |w| matches!(w, "عام" | "العام" | "سنه")) {
            j += 1;
        }
        let (y, digits) = self.num_cont(j)?;
        if digits != 4 {
            return None;
        }
        let y = y as i32;
        let (era, end) = match self.word_cont(j + 1).and_then(lexicon::era) {
            Some(e) => (Some(e), j + 2),
            None => (None, j + 1),
        };
        let ok = match era.unwrap_or(cal) {
            MonthCal::Gregorian => (1800..=2200).contains(&y),
            MonthCal::Hijri => (1200..=1600).contains(&y),
        };
        ok.then_some((y, era, end))
    }

    /// After the day: optional "من", then a month (named, "شهر X", or "الشهر الجاري"), year, modifier.
    /// Returns the date and the index after it.
    fn date_after_day(&self, day: u8, day_to: Option<u8>, i: usize) -> Option<(What, usize)> {
        let mut j = i;
        if matches!(self.punct_cont(j), Some('-' | '/')) {
            j += 1;
        }
        if self.word_cont(j) == Some("من") {
            j += 1;
        }
        if self.word_is(j, true, |w| w == "الشهر")
            && let Some(m) = self.word_cont(j + 1).and_then(lexicon::modifier)
        {
            let offset = match m {
                Modifier::Past => -1,
                Modifier::Next => 1,
                Modifier::Current => 0,
            };
            let what = What::Date {
                cal: MonthCal::Gregorian,
                day: Some(day),
                day_to,
                month: MonthRef::Relative(offset),
                year: None,
                year_offset: None,
                modifier: None,
                combined: false,
            };
            return Some((what, j + 2));
        }
        if self.word_cont(j) == Some("شهر") {
            j += 1;
        }
        let (m, end, combined) = self.month_at(j)?;
        let year = self.year_at(end, m.cal);
        // "صفر" is also "zero" (a score, "1 صفر"): only with a year.
        if m.cal == MonthCal::Hijri && m.month == 2 && year.is_none() {
            return None;
        }
        Some(self.finish_date(m, Some(day), day_to, year, end, combined))
    }

    fn finish_date(
        &self,
        m: lexicon::MonthName,
        day: Option<u8>,
        day_to: Option<u8>,
        year: Option<(i32, Option<MonthCal>, usize)>,
        end: usize,
        combined: bool,
    ) -> (What, usize) {
        let (year, end) = match year {
            Some((y, _, e)) => (Some(y), e),
            None => (None, end),
        };
        let (modifier, mut end) = match (year, self.word_cont(end).and_then(lexicon::modifier)) {
            (None, Some(md)) => (Some(md), end + 1),
            _ => (None, end),
        };
        // "يوليو/تموز العام الماضي", "مارس من العام المقبل": the year is relative to publication.
        let mut year_offset = None;
        if year.is_none() && modifier.is_none() {
            let k = if self.word_cont(end) == Some("من") {
                end + 1
            } else {
                end
            };
            if self
                .word_cont(k)
                .is_some_and(|w| matches!(w, "العام" | "السنه"))
                && let Some(md) = self.word_cont(k + 1).and_then(lexicon::modifier)
            {
                year_offset = Some(match md {
                    Modifier::Past => -1,
                    Modifier::Next => 1,
                    Modifier::Current => 0,
                });
                end = k + 2;
            }
        }
        let what = What::Date {
            cal: m.cal,
            day,
            day_to,
            month: MonthRef::Named(m.month),
            year,
            year_offset,
            modifier,
            combined,
        };
        (what, end)
    }

    /// "اليوم، الأربعاء 23 من تموز", "أمس الأربعاء", "يوم الخميس", "13 أغسطس 2025", "بين 8 و10 مارس".
    fn day_phrase(&self, i: usize) -> Option<Parsed> {
        let mut j = i;
        let mut rel: Option<i64> = None;
        let mut weekday: Option<i8> = None;
        let mut end_words = i;
        // "يوم أمس" / "يوم الخميس"
        if self.word(j) == Some("يوم")
            && self.word_cont(j + 1).is_some_and(|w| {
                lexicon::relative_day(w).is_some() || lexicon::weekday(w).is_some()
            })
        {
            j += 1;
        }
        let first_word = if j == i {
            self.word(j)
        } else {
            self.word_cont(j)
        };
        if let Some(w) = first_word {
            let w_rel =
                lexicon::relative_day(w).or_else(|| strip(w).and_then(lexicon::relative_day));
            if w == "اول" && self.word_cont(j + 1) == Some("امس") {
                rel = Some(-2);
                j += 2;
            } else if let Some(r) = w_rel {
                let next = self.word_cont(j + 1);
                if r == 0 && next == Some("السابق") {
                    rel = Some(-1);
                    j += 2;
                } else if r == 0
                    && next.is_some_and(|n| n.starts_with("ال") && lexicon::weekday(n).is_none())
                {
                    // "اليوم الوطني", "اليوم التالي": a day, not today.
                    return None;
                } else if r == -1 && next == Some("الاول") {
                    rel = Some(-2);
                    j += 2;
                } else if w == "غد" && !(j > 0 && self.word(j - 1) == Some("بعد")) {
                    return None;
                } else {
                    rel = Some(if w == "غد" { 2 } else { r });
                    j += 1;
                }
            }
            end_words = j;
            let mut k = j;
            if rel.is_some() && matches!(self.punct_cont(k), Some('،' | ',')) {
                k += 1;
            }
            if self.word_cont(k) == Some("يوم") {
                k += 1;
            }
            let wd_word = if k == i {
                self.word(k)
            } else {
                self.word_cont(k)
            };
            if let Some(wd) = wd_word
                .and_then(|w| lexicon::weekday(w).or_else(|| strip(w).and_then(lexicon::weekday)))
            {
                weekday = Some(wd);
                j = k + 1;
                end_words = j;
            }
        }
        // The date proper.
        let mut k = j;
        if (rel.is_some() || weekday.is_some())
            && matches!(self.punct_cont(k), Some('،' | ',' | '-'))
        {
            k += 1;
        }
        let first = k == i;
        let date = self
            .day_range_at(k, first)
            .and_then(|(d, d2, after)| self.date_after_day(d, d2, after));
        let start = i;
        if let Some((what, end)) = date {
            let mut p = self.parsed(start, end, what);
            p.weekday = weekday;
            p.rel_day = rel;
            return Some(p);
        }
        // A weekday before a numeric date.
        if (rel.is_some() || weekday.is_some())
            && let Some(mut p) = self.numeric(k)
        {
            p.start = start;
            p.weekday = weekday.or(p.weekday);
            p.rel_day = rel;
            return Some(p);
        }
        if rel.is_none() && weekday.is_none() {
            return None;
        }
        let mut end = end_words;
        let mut modifier = None;
        if weekday.is_some()
            && let Some(m) = self.word_cont(end).and_then(lexicon::modifier)
        {
            modifier = Some(m);
            end += 1;
        }
        let mut p = self.parsed(start, end, What::DayWord { modifier });
        p.weekday = weekday;
        p.rel_day = rel;
        Some(p)
    }

    /// A day, or a day range "8 و10", "8-10", "8 إلى 10", "من 8 حتى 10".
    fn day_range_at(&self, i: usize, first: bool) -> Option<(u8, Option<u8>, usize)> {
        // "8-10" is one number token.
        if let Some(t) = self.tok(i)
            && t.kind == TokenKind::Number
            && (first || !t.nl_before)
            && let Some((a, b)) = t.text.split_once('-')
            && a.len() <= 2
            && b.len() <= 2
            && let (Ok(a), Ok(b)) = (a.parse::<u8>(), b.parse::<u8>())
            && (1..=31).contains(&a)
            && (1..=31).contains(&b)
            && a < b
        {
            return Some((a, Some(b), i + 1));
        }
        let (d, next) = self.day_at(i, first)?;
        let joiner = self
            .word_cont(next)
            .filter(|w| matches!(*w, "و" | "الي" | "حتي"));
        if (joiner.is_some() || self.punct_cont(next) == Some('-'))
            && let Some((d2, after)) = self.day_at(next + 1, false)
            && d2 > d
            && self
                .tok(next + 1)
                .is_some_and(|t| t.kind == TokenKind::Number)
                == self.tok(i).is_some_and(|t| t.kind == TokenKind::Number)
        {
            return Some((d, Some(d2), after));
        }
        Some((d, None, next))
    }

    /// A month without a day: "في مارس", "شهر تموز الفائت", "حزيران الماضي", "مارس 2011", "مارس/آذار".
    fn month_only(&self, i: usize) -> Option<Parsed> {
        let mut j = i;
        let with_shahr =
            self.word_is(i, false, |w| w == "شهر") && self.month_name_at(i + 1).is_some();
        if with_shahr {
            j += 1;
        } else if self.word(i).is_none() {
            return None;
        }
        let (m, end, combined) = if j == i {
            // First token of the expression may follow a line break.
            let w = self.word(i)?;
            let second = self.word_cont(i + 1);
            let found = [Some(w), strip(w)]
                .into_iter()
                .flatten()
                .find_map(|c| lexicon::month_name(c, second))?;
            let (_, end, combined) = self.month_at(i).unwrap_or((found, i + found.words, false));
            (found, end, combined)
        } else {
            self.month_at(j)?
        };
        let year = self.year_at(end, m.cal);
        let modifier = self.word_cont(end).and_then(lexicon::modifier);
        let triggered =
            i > 0 && !self.toks[i].nl_before && self.word_is(i - 1, false, lexicon::month_trigger);
        let strong = with_shahr || year.is_some() || modifier.is_some() || combined;
        let accept = if m.cal == MonthCal::Hijri && m.month == 2 {
            year.is_some()
        } else if m.weak {
            strong
        } else {
            strong || triggered
        };
        if !accept {
            return None;
        }
        let (what, end) = self.finish_date(m, None, None, year, end, combined);
        Some(self.parsed(i, end, what))
    }

    /// "الشهر الماضي", "العام المقبل", "هذا العام", "السنة الحالية".
    fn period(&self, i: usize) -> Option<Parsed> {
        let w = self.word(i)?;
        let (start, unit, offset, end) = if matches!(w, "هذا" | "هذه") {
            let unit = lexicon::period(self.word_cont(i + 1)?)?;
            (i, unit, 0, i + 2)
        } else {
            let unit = lexicon::period(w).or_else(|| strip(w).and_then(lexicon::period))?;
            let m = lexicon::modifier(self.word_cont(i + 1)?)?;
            let offset = match m {
                Modifier::Past => -1,
                Modifier::Next => 1,
                Modifier::Current => 0,
            };
            (i, unit, offset, i + 2)
        };
        Some(self.parsed(start, end, What::Period { unit, offset }))
    }

    /// "عام 2010", "في 2018", "1440 هـ", "عامي 1950 و1953", "2014-2016".
    fn years(&self, i: usize) -> Option<Vec<Parsed>> {
        let with_noun = self.word_is(i, false, |w| {
            matches!(w, "عام" | "العام" | "سنه" | "عامي" | "سنتي")
        });
        let at = if with_noun { i + 1 } else { i };
        let t = self.tok(at)?;
        if t.kind != TokenKind::Number || (at > i && t.nl_before) {
            return None;
        }
        // A "YYYY-YYYY" span is one token.
        let (y, to) = match t.text.split_once('-') {
            Some((a, b)) if a.len() == 4 && b.len() == 4 => {
                (a.parse::<i32>().ok()?, Some(b.parse::<i32>().ok()?))
            }
            _ if t.text.len() == 4 && t.text.bytes().all(|b| b.is_ascii_digit()) => {
                (t.text.parse::<i32>().ok()?, None)
            }
            _ => return None,
        };
        let era = self.word_cont(at + 1).and_then(lexicon::era);
        let triggered = with_noun
            || (i > 0
                && !self.toks[i].nl_before
                && self.word_is(i - 1, false, lexicon::year_trigger));
        if !triggered && era.is_none() {
            return None;
        }
        let cal = era.unwrap_or(MonthCal::Gregorian);
        let valid = |y: i32| match cal {
            MonthCal::Gregorian => (1800..=2200).contains(&y),
            MonthCal::Hijri => (1200..=1600).contains(&y),
        };
        if !valid(y) || to.is_some_and(|t| !valid(t) || t <= y) {
            return None;
        }
        let end = if era.is_some() { at + 2 } else { at + 1 };
        let mut out = vec![self.parsed(i, end, What::Year { cal, year: y, to })];
        // "عامي 1950 و1953", "بين 2010 و2012": each year is its own mention.
        let mut k = end;
        while self
            .word_cont(k)
            .is_some_and(|w| matches!(w, "و" | "الي" | "حتي"))
            && let Some((y2, 4)) = self.num_cont(k + 1)
            && valid(y2 as i32)
        {
            let mut e = k + 2;
            if self.word_cont(e).and_then(lexicon::era).is_some() {
                e += 1;
            }
            out.push(self.parsed(
                k + 1,
                e,
                What::Year {
                    cal,
                    year: y2 as i32,
                    to: None,
                },
            ));
            k = e;
        }
        Some(out)
    }
}

/// Helper for combined month names: the pair is strong evidence even when one name is a common word.
struct MonthName2;

impl MonthName2 {
    fn strong(m: lexicon::MonthName) -> lexicon::MonthName {
        lexicon::MonthName { weak: false, ..m }
    }
}
