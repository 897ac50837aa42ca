//! The three name groups the entity stage must be able to merge, as spelled by different outlets, and the
//! check that the groups stay apart. Names are written here by hand.

use marsad_text::NameKey;

const FOREIGN_MINISTER: &[&str] = &[
    "أسعد حسن الشيباني",
    "أسد حسن شيباني",
    "أسعد الشعيباني",
    "أسعد الشيباني",
];
const DEFENCE_MINISTER: &[&str] = &["مرهف أبو قصرة", "أبو قصرة", "أبو قسرة", "مرهف أبو قسرة"];
const INTELLIGENCE_CHIEF: &[&str] = &["حسين السلامة", "حسين السلمة", "حسين سلامة"];

fn similarity(a: &str, b: &str) -> f32 {
    NameKey::new(a).similarity(&NameKey::new(b))
}

#[test]
fn each_group_comes_together() {
    for group in [FOREIGN_MINISTER, DEFENCE_MINISTER, INTELLIGENCE_CHIEF] {
        for a in group {
            for b in group {
                let score = similarity(a, b);
                assert!(score >= NameKey::SAME_PERSON, "{a} ~ {b}: {score}");
            }
        }
    }
}

#[test]
fn groups_stay_apart() {
    let groups = [FOREIGN_MINISTER, DEFENCE_MINISTER, INTELLIGENCE_CHIEF];
    for (i, group) in groups.iter().enumerate() {
        for other in &groups[i + 1..] {
            for a in *group {
                for b in *other {
                    let score = similarity(a, b);
                    assert!(score < NameKey::SAME_PERSON, "{a} ~ {b}: {score}");
                }
            }
        }
    }
}

#[test]
fn people_sharing_a_first_or_family_name_stay_apart() {
    // حسن is the foreign minister's father's name and حسين the intelligence chief's first name.
    assert!(similarity("حسن الشيباني", "حسين الشيباني") < NameKey::SAME_PERSON);
    assert!(similarity("أسعد الشيباني", "أحمد الشيباني") < NameKey::SAME_PERSON);
    assert!(similarity("حسين سلامة", "حسين الشيباني") < NameKey::SAME_PERSON);
    assert!(similarity("محمد الأحمد", "محمود الأحمد") < NameKey::SAME_PERSON);
}
