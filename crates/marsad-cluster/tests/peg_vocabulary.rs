//! `new_headline_subject` checks a headline's head against the event's news peg (its first documents),
//! not against every headline the event has taken: once one actor's reaction has joined an event, the
//! next actor's reaction must still look like another actor. Every outlet, person and event here is
//! invented for this test.

use marsad_cluster::{Clusterer, Config, Context, Scorer};
use marsad_dedup::Analysis;
use marsad_model::Document;

fn doc(source: &str, title: &str, paragraphs: &[&str]) -> Document {
    let mut d = Document::new(source, paragraphs.iter().map(|p| p.to_string()).collect());
    d.title = Some(title.to_string());
    d.published = Some("2026-03-02".parse().unwrap());
    d
}

fn decision() -> Document {
    doc(
        "decision",
        "حكومة الواحات تعلن انسحابها من اتفاقية الصيد البحري",
        &[
            "أعلنت حكومة مملكة الواحات انسحابها من اتفاقية الصيد البحري الموقعة قبل عشر سنوات، مؤكدة أن بنود الاتفاقية لم تعد تحمي الثروة السمكية في مياهها الإقليمية.",
            "وقال بيان الحكومة إن قرار الانسحاب يسري بعد ستة أشهر، وإن أساطيل الصيد الأجنبية مطالبة بمغادرة المياه الإقليمية قبل ذلك الموعد.",
        ],
    )
}

fn first_reaction() -> Document {
    doc(
        "reaction-sanabil",
        "وزير خارجية السنابل يرحب بانسحاب الواحات من اتفاقية الصيد",
        &[
            "رحب وزير خارجية جمهورية السنابل بقرار مملكة الواحات الانسحاب من اتفاقية الصيد البحري، ووصفه بأنه خطوة لحماية الثروة السمكية.",
        ],
    )
}

fn second_reaction() -> Document {
    doc(
        "reaction-juzur",
        "وزير خارجية الجزر ينتقد انسحاب الواحات من اتفاقية الصيد",
        &[
            "انتقد وزير خارجية جمهورية الجزر قرار مملكة الواحات الانسحاب من اتفاقية الصيد البحري، محذرا من أضرار على آلاف الصيادين.",
        ],
    )
}

/// The `new_headline_subject` value of the second reaction against the decision's event, after the first
/// reaction was placed in that event, with the peg being the event's first `core_documents` documents.
fn new_subject_of_second_reaction(core_documents: usize) -> f32 {
    let config = Config {
        core_documents,
        ..Config::default()
    };
    let mut clusterer = Clusterer::new(config, Scorer::default());
    let context = Context::default();
    let decision = decision();
    let event = clusterer
        .add(&decision, &Analysis::of(&decision), &context)
        .event;
    // The first reaction joins the decision's event (as a scorer may wrongly decide).
    let first = first_reaction();
    let (prepared, _) = clusterer.candidates(&first, &Analysis::of(&first), &context);
    let placed = clusterer.commit(&first, prepared, &context, Some((event.clone(), 1.0)));
    assert_eq!(placed.event, event);

    let second = second_reaction();
    let (_, candidates) = clusterer.candidates(&second, &Analysis::of(&second), &context);
    let candidate = candidates
        .iter()
        .find(|c| c.event == event)
        .expect("the decision's event is a candidate of a reaction to it");
    let index = clusterer
        .scorer()
        .signals
        .iter()
        .position(|s| s.name() == "new_headline_subject")
        .expect("a built-in signal");
    candidate.features[index]
}

#[test]
fn a_joined_reaction_does_not_make_the_next_actor_look_known() {
    // The peg is the decision alone: "وزير خارجية الجزر" is another actor, whatever joined since.
    assert_eq!(new_subject_of_second_reaction(1), 1.0);
    // Were the first reaction part of the peg, its "وزير خارجية" would count as known.
    let with_reaction_in_peg = new_subject_of_second_reaction(2);
    assert!(
        (with_reaction_in_peg - 1.0 / 3.0).abs() < 1e-6,
        "{with_reaction_in_peg}"
    );
}
