//! A data dir holding one small story, as a user's first ingest often is: a request, then weeks later the
//! signing it led to, reported by four outlets of which two give no publication date, plus unrelated news.
//! Every outlet, person and event here is invented for this test.
//!
//! Checks what a journalist expects: the four signing reports are one event (the undated ones are not
//! pushed out by the time signal), the request is another event of the same story arc, and unrelated news
//! stays in other arcs. Documents go in the order `marsad ingest` uses: by date, undated last.

use marsad_cluster::{Assignment, Clusterer, Pipeline};
use marsad_dedup::Analysis;
use marsad_model::Document;

fn doc(source: &str, date: Option<&str>, title: &str, paragraphs: &[&str]) -> Document {
    let mut d = Document::new(source, paragraphs.iter().map(|p| p.to_string()).collect());
    d.title = Some(title.to_string());
    d.published = date.map(|s| s.parse().unwrap());
    d
}

fn corpus() -> Vec<Document> {
    vec![
        doc(
            "request",
            Some("2026-06-03"),
            "السنابل تطلب دعما فنيا من الواحات لتطوير محطات التحلية",
            &[
                "أعلنت وزارة المياه في مملكة الواحات أن حكومة جمهورية السنابل تقدمت بطلب رسمي للحصول على دعم فني وتدريب لكوادرها في مجال تحلية مياه البحر.",
                "وقال المتحدث باسم الوزارة سليم القاضي في مؤتمره الصحفي الأسبوعي إن فرقا من الخبراء ستزور الساحل الشرقي للسنابل لتقييم حالة محطات التحلية القديمة.",
                "وأضاف أن البلدين يعملان على خارطة طريق للتعاون المائي تشمل التدريب وتبادل الخبرات والاستشارات الفنية.",
            ],
        ),
        doc(
            "wheat",
            Some("2026-06-03"),
            "ارتفاع أسعار القمح في الأسواق المحلية",
            &[
                "ارتفعت أسعار القمح في الأسواق المحلية بنسبة عشرة في المئة خلال أسبوع واحد بسبب تأخر وصول شحنات الاستيراد إلى الموانئ.",
                "وطالبت جمعية المخابز الحكومة بالتدخل لضبط الأسعار قبل أن ينعكس الارتفاع على سعر رغيف الخبز.",
            ],
        ),
        doc(
            "road",
            Some("2026-06-24"),
            "إغلاق الطريق الجبلي بعد انهيار صخري",
            &[
                "أغلقت إدارة السير الطريق الجبلي الرابط بين القرى الشمالية والعاصمة بعد انهيار صخري ليلة الثلاثاء، دون تسجيل إصابات.",
                "وقالت الإدارة إن فرق الصيانة تعمل على إزالة الصخور وإعادة فتح الطريق خلال يومين.",
            ],
        ),
        doc(
            "signing-a",
            Some("2026-06-25"),
            "الواحات والسنابل توقعان مذكرة تفاهم للتعاون في تحلية المياه والتدريب",
            &[
                "وقع وزير المياه في مملكة الواحات فارس المنصوري ونظيره في جمهورية السنابل عادل الحكيمي، اليوم الأربعاء، مذكرة تفاهم للتعاون في مجال تحلية مياه البحر وتدريب الكوادر الفنية.",
                "وتنص المذكرة على إنشاء ثلاث محطات تحلية جديدة على الساحل الشرقي بطاقة إجمالية تبلغ مئتي ألف متر مكعب يوميا، وتبادل الخبراء والمتدربين بين وزارتي المياه في البلدين.",
                "وقال المنصوري إن الاتفاق ثمرة أسابيع من المشاورات الفنية بين الجانبين.",
            ],
        ),
        doc(
            "football",
            Some("2026-06-25"),
            "نادي الشروق يتوج بكأس الدوري بعد فوزه على الميناء",
            &[
                "توج نادي الشروق بلقب الدوري الممتاز للمرة الثالثة في تاريخه بعد فوزه على نادي الميناء بهدفين نظيفين في المباراة الختامية التي أقيمت على الملعب البلدي.",
                "وسجل المهاجم يوسف البدري الهدفين في الشوطين، وسط حضور جماهيري كبير.",
            ],
        ),
        doc(
            "signing-b",
            Some("2026-06-25"),
            "مذكرة تفاهم مائية بين السنابل والواحات",
            &[
                "وقّعت جمهورية السنابل ومملكة الواحات مذكرة تفاهم تتعلق بتحلية مياه البحر، خلال زيارة يجريها وزير المياه السنابلي عادل الحكيمي إلى عاصمة الواحات.",
                "وبحسب وكالة الأنباء الرسمية، تنص المذكرة على إنشاء ثلاث محطات تحلية جديدة على الساحل الشرقي بطاقة إجمالية تبلغ مئتي ألف متر مكعب يوميا، وتبادل الخبراء والمتدربين بين وزارتي المياه في البلدين.",
            ],
        ),
        doc(
            "signing-undated-c",
            None,
            "الحكيمي والمنصوري يوقعان اتفاق التحلية",
            &[
                "وقع وزيرا المياه في الواحات والسنابل مذكرة التفاهم المشتركة لتحلية المياه وتدريب الفنيين، في خطوة جديدة على طريق التعاون بين البلدين.",
                "ويأتي التوقيع بعد أن طلبت السنابل الشهر الماضي دعما فنيا رسميا من الواحات لتطوير محطاتها على الساحل الشرقي.",
                "ويشمل الاتفاق ثلاث محطات جديدة وبرامج تدريب للمهندسين في معاهد الواحات.",
            ],
        ),
        doc(
            "signing-undated-d",
            None,
            "تعاون مائي جديد بين الواحات والسنابل",
            &[
                "قال مصدر في وزارة المياه بمملكة الواحات إن المذكرة الموقعة مع جمهورية السنابل تشمل تدريب المهندسين وتقديم الاستشارات الفنية وإنشاء محطات تحلية على الساحل الشرقي.",
                "وكان الوزيران فارس المنصوري وعادل الحكيمي قد وقعا المذكرة خلال زيارة الوفد السنابلي.",
            ],
        ),
    ]
}

fn run(docs: &[Document]) -> (Vec<Assignment>, Clusterer) {
    let mut pipeline = Pipeline::default();
    let placed = docs
        .iter()
        .map(|doc| pipeline.place(doc, &Analysis::of(doc), None))
        .collect();
    (placed, pipeline.clusterer)
}

#[test]
fn undated_reports_join_the_signing_and_the_request_shares_its_arc() {
    let docs = corpus();
    let (placed, clusterer) = run(&docs);
    let at = |source: &str| {
        let i = docs.iter().position(|d| d.source == source).unwrap();
        let event = clusterer.event_of(&docs[i].id).unwrap().clone();
        let story = clusterer
            .events()
            .into_iter()
            .find(|e| e.id == event)
            .unwrap()
            .story;
        (event, story, &placed[i])
    };
    let (signing, arc, _) = at("signing-a");
    for source in ["signing-b", "signing-undated-c", "signing-undated-d"] {
        assert_eq!(at(source).0, signing, "{source} is not with the signing");
    }
    let (request, request_arc, _) = at("request");
    assert_ne!(request, signing, "the request of June is its own event");
    assert_eq!(request_arc, arc, "the request and the signing are one arc");
    for source in ["wheat", "road", "football"] {
        let (event, story, _) = at(source);
        assert_ne!(event, signing);
        assert_ne!(story, arc, "{source} was pulled into the arc");
    }
    // The event carries the date of its dated reports.
    let event = clusterer
        .events()
        .into_iter()
        .find(|e| e.id == signing)
        .unwrap();
    assert_eq!(event.date, Some("2026-06-25".parse().unwrap()));
    let stories = clusterer.stories();
    assert!(stories.iter().all(|s| !s.events.is_empty()));
    assert_eq!(stories.len(), 4, "{stories:?}");
}

#[test]
fn ids_do_not_depend_on_later_documents() {
    let docs = corpus();
    let (all, _) = run(&docs);
    let (first_half, _) = run(&docs[..4]);
    for (a, b) in all.iter().zip(&first_half) {
        assert_eq!(a.event, b.event);
    }
}

#[test]
fn an_arc_spans_weeks_not_months() {
    let mut docs = corpus();
    // A new report naming the same ministries and plants, filed more than the story window after the
    // arc began.
    docs.push(doc(
        "late",
        Some("2026-09-20"),
        "السنابل تجدد طلب الدعم الفني من الواحات لمحطات التحلية",
        &[
            "جددت جمهورية السنابل طلبها الحصول على دعم فني من مملكة الواحات لتطوير محطات تحلية مياه البحر على الساحل الشرقي بعد تأخر تنفيذ المذكرة.",
            "وقال المتحدث باسم وزارة المياه سليم القاضي إن الخبراء أنهوا تقييم المحطات القديمة وسلموا تقريرهم إلى الوزير.",
        ],
    ));
    let (placed, _) = run(&docs);
    let (first, last) = (&placed[0], &placed[docs.len() - 1]);
    assert_ne!(last.event, first.event, "an event takes documents for days");
    assert_ne!(last.story, first.story, "an arc does not run for months");
}

#[test]
fn a_late_copy_joins_an_event_that_left_the_window_and_keeps_its_headline() {
    let mut docs = corpus();
    // A month of other news (enough pages for the clusterer to retire old events), then a copy of the
    // request, republished with a source line added.
    let start: jiff::civil::Date = "2026-06-26".parse().unwrap();
    for i in 0..1100 {
        let day = start
            .saturating_add(jiff::Span::new().days(i / 40))
            .to_string();
        docs.push(doc(
            &format!("filler-{i}"),
            Some(&day),
            &format!("نشرة الطقس رقم {i} للمناطق الساحلية"),
            &[&format!(
                "توقعت دائرة الأرصاد في نشرتها رقم {i} طقسا معتدلا على المناطق الساحلية مع رياح خفيفة."
            )],
        ));
    }
    let request = corpus().remove(0);
    let mut paragraphs = request.paragraphs.clone();
    paragraphs.push("المصدر: وكالة النخيل.".into());
    let mut copy = Document::new("request-copy", paragraphs);
    copy.title = request.title.clone();
    copy.published = Some("2026-07-30".parse().unwrap());
    docs.push(copy);
    let (placed, clusterer) = run(&docs);
    let (first, last) = (&placed[0], &placed[docs.len() - 1]);
    assert_eq!(
        last.event, first.event,
        "the copy joins the request's event"
    );
    let event = clusterer
        .events()
        .into_iter()
        .find(|e| e.id == first.event)
        .unwrap();
    assert_eq!(event.documents.len(), 2);
    assert_eq!(
        event.headline,
        "السنابل تطلب دعما فنيا من الواحات لتطوير محطات التحلية"
    );
}

#[test]
fn the_threaded_pipeline_places_documents_as_one_by_one_does() {
    let docs = corpus();
    let (one_by_one, _) = run(&docs);
    let mut pipeline = Pipeline::default();
    let mut placed = Vec::new();
    pipeline.place_all(docs.iter().map(|d| (d, None)), |_, assignment| {
        placed.push(assignment.clone())
    });
    assert_eq!(placed, one_by_one);
}
