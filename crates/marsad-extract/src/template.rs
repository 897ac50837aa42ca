//! An outlet's template, learned from its pages in one batch: lines that repeat on several of its pages
//! (masthead, menus, footer, fixed prompts) are furniture, whatever they say.
//!
//! Guarded against wire copy: a long sentence-like line shared by two pages of one outlet is more likely
//! the same agency paragraph in two articles than furniture, so such lines need to repeat on at least
//! three pages and half of the outlet's pages.
//!
//! Not done here: remembering templates between runs (a batch is the unit).

use std::collections::{HashMap, HashSet};

use marsad_text::normalize::{Profile, normalize_str};

use crate::lines::Line;

/// The normalised lines that repeat across an outlet's pages.
#[derive(Debug, Default, Clone)]
pub struct Template {
    pub lines: HashSet<String>,
}

/// Learns the template of one outlet from its pages' lines.
pub fn learn(pages: &[&[Line]]) -> Template {
    let mut template = Template::default();
    if pages.len() < 2 {
        return template;
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for lines in pages {
        let unique: HashSet<String> = lines
            .iter()
            .map(|l| normalize_str(l.text.trim(), Profile::Search))
            .filter(|l| !l.is_empty())
            .collect();
        for line in unique {
            *counts.entry(line).or_default() += 1;
        }
    }
    for (line, count) in counts {
        let words = line.split_whitespace().count();
        let sentence_like = words >= 12 && line.ends_with(['.', '"', '”', '؟', '!']);
        let enough = if sentence_like {
            count >= 3 && count * 2 >= pages.len()
        } else {
            count >= 2
        };
        if enough {
            template.lines.insert(line);
        }
    }
    template
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_furniture_is_learned_but_shared_wire_copy_is_not() {
        let wire = "وقال المصدر إن الاتفاقية ستدخل حيز التنفيذ مطلع الشهر المقبل بعد المصادقة عليها من البرلمان.";
        let a = [
            Line::plain("جريدة المدينة"),
            Line::plain(wire),
            Line::plain("خبر أول"),
        ];
        let b = [
            Line::plain("جريدة المدينة"),
            Line::plain(wire),
            Line::plain("خبر ثان"),
        ];
        let t = learn(&[&a, &b]);
        assert!(t.lines.contains("جريده المدينه"));
        assert_eq!(t.lines.len(), 1, "{:?}", t.lines);
    }
}
