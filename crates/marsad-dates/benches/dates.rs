//! Throughput of `find_dates` (MB/s) over generated Arabic news text: sentences written for this bench with
//! dates in every form, mixed with date-free filler, repeated to about 1 MB.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use marsad_dates::find_dates;

const SENTENCES: &[&str] = &[
    "أعلنت الهيئة، اليوم الخميس، أن المعرض يفتتح في 3 يناير 2026 بمشاركة واسعة.",
    "وكان المجلس قد عقد جلسة أمس الأربعاء لبحث الميزانية التي أقرت في شهر تموز الفائت.",
    "ونشرت النتائج بتاريخ 14.08.2025 بعد تأخير استمر منذ ثلاثة أيام.",
    "وتبدأ الدورة في 20 صفر 1447 هـ الموافق 14 أغسطس/ آب 2025 وتستمر حتى نهاية الشهر الجاري.",
    "وقال المتحدث إن الفريق سيعود إلى العاصمة الأسبوع المقبل بعد جولة طويلة في المدن الساحلية.",
    "وتراجعت أسعار الخضار في الأسواق المحلية بنسبة ملحوظة مع وفرة الإنتاج وتحسن الطقس.",
    "وشهدت المدينة بين 8 و10 مارس أمطارا غزيرة لم تعرفها منذ عام 2010.",
    "ويعمل الباحثون على تطوير أدوات جديدة لرصد جودة المياه في القرى البعيدة عن المراكز.",
];

fn corpus() -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 1 << 20 {
        text.push_str(SENTENCES[i % SENTENCES.len()]);
        text.push(if i % 4 == 3 { '\n' } else { ' ' });
        i += 1;
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let anchor = Some(jiff::civil::date(2025, 8, 14));
    let mut group = c.benchmark_group("dates");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("find_dates_1MB", |b| {
        b.iter(|| find_dates(&text, anchor).len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
