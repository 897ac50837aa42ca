//! The `marsad` command line: parses flags into a plan, runs it, and decides what to print and which exit
//! code to return (0 ok, 1 some inputs failed and the rest were done, 2 usage error).

mod commands;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

// mimalloc rather than the system allocator: ingest and clustering allocate many small vectors and maps
// that live on while the corpus grows, and glibc malloc slowed down as its heap fragmented (measured with
// `marsad bench cluster`: see issue 5's note).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// marsad (مرصد): Arabic news intelligence. Turns raw pages from many outlets into story briefs.
#[derive(Debug, Parser)]
#[command(name = "marsad", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run everything built so far on the bundled demo corpus and print what comes out.
    #[command(after_help = "Example:\n  marsad demo\n  marsad demo --corpus examples/corpus")]
    Demo(commands::demo::Args),
    /// The Arabic text layer on its own: normalise, tokenise, split sentences, stem, key names.
    #[command(subcommand)]
    Text(commands::text::TextCommand),
    /// People, organisations and places in some pages, resolved across spellings.
    #[command(
        after_help = "Example:\n  marsad entities examples/corpus/txt\n  marsad entities --json --gazetteer my-names.tsv pages/\n\nGazetteer files (--gazetteer, MARSAD_GAZETTEER): TYPE<TAB>canonical<TAB>variant|variant<TAB>acronym|acronym"
    )]
    Entities(commands::entities::Args),
    /// One entity: its variants, where each appears, and why they were merged.
    #[command(after_help = "Example:\n  marsad entity 3f2a9c --why examples/corpus/txt")]
    Entity(commands::entities::EntityArgs),
    /// Extract articles from files without storing them, and show what was kept and dropped (--why).
    #[command(
        after_help = "Example:\n  marsad extract examples/corpus/txt/sunbula-01.txt --why\n  marsad extract ../shared/seeds"
    )]
    Extract(commands::extract::Args),
    /// Only read: list the pages, feed links and errors the readers find (WARC, feeds, JSON Lines, HTML, text,
    /// stdin), with input size and MB/s. Nothing is extracted or stored.
    #[command(
        after_help = "Example:\n  marsad read examples/corpus/warc examples/corpus/feeds\n  zcat crawl.warc.gz | marsad read -\n  marsad read --quiet big-crawl.warc.gz   # summary only: counts and MB/s"
    )]
    Read(commands::read::Args),
    /// Every date expression in a text: what it resolves to (against --anchor, the publication date) and how.
    #[command(
        after_help = "Example:\n  marsad dates --anchor 2025-08-14 article.txt\n  echo 'وقّع أمس الأربعاء في 13 أغسطس' | marsad dates --anchor 2025-08-14 --json"
    )]
    Dates(commands::dates::Args),
    /// Read, extract, store and index pages into a data dir (idempotent: known articles are not stored twice).
    #[command(
        after_help = "Example:\n  marsad ingest examples/corpus\n  marsad ingest --data /srv/marsad-data crawl/ feeds/ today.jsonl\n  zcat crawl.warc.gz | marsad ingest -"
    )]
    Ingest(commands::ingest::Args),
    /// Everything stored, as JSON Lines per the export contract (meta line, documents, derived records).
    #[command(
        after_help = "Example:\n  marsad export --out marsad.jsonl\n  marsad export --data /srv/marsad-data | jq -c 'select(.kind==\"event\")'"
    )]
    Export(commands::export::Args),
    /// Search the stored documents: ranked results with a highlighted snippet, outlet and date.
    #[command(
        after_help = "Example:\n  marsad search الشيباني\n  marsad search 'أسعار القمح' --outlet 'سكاي نيوز' --since 2018-03-01 --until 2018-03-31 --json"
    )]
    Search(commands::search::Args),
    /// What a data dir holds: documents per outlet and day, duplicates, failures, feed health.
    #[command(
        after_help = "Example:\n  marsad stats\n  marsad stats --data /srv/marsad-data --json"
    )]
    Stats(commands::stats::Args),
    /// The brief of an event or story arc: cited summary, who did what, contradictions, attributions with
    /// uncredited copies, timeline.
    #[command(
        after_help = "Example:\n  marsad brief ev-3f2a   # an event id or unique prefix, from `marsad export`\n  marsad brief st-91c0 --format html > brief.html\n  marsad brief ev-3f2a --format json --words 80"
    )]
    Brief(commands::brief::Args),
    /// Evaluations against annotated data kept outside the repository.
    #[command(subcommand)]
    Eval(commands::eval::EvalCommand),
    /// Throughput and memory of pipeline stages on real corpora.
    #[command(subcommand)]
    Bench(commands::bench::BenchCommand),
}

fn main() -> ExitCode {
    restore_sigpipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo(args) => commands::demo::run(&args),
        Command::Text(command) => commands::text::run(&command),
        Command::Entities(args) => commands::entities::run(&args),
        Command::Entity(args) => commands::entities::run_entity(&args),
        Command::Extract(args) => commands::extract::run(&args),
        Command::Read(args) => commands::read::run(&args),
        Command::Dates(args) => commands::dates::run(&args),
        Command::Ingest(args) => commands::ingest::run(&args),
        Command::Export(args) => commands::export::run(&args),
        Command::Search(args) => commands::search::run(&args),
        Command::Stats(args) => commands::stats::run(&args),
        Command::Brief(args) => commands::brief::run(&args),
        Command::Eval(command) => commands::eval::run(&command),
        Command::Bench(command) => commands::bench::run(&command),
    };
    match result {
        Ok(outcome) => outcome.exit_code(),
        Err(error) => {
            eprintln!("marsad: {error:#}");
            ExitCode::from(1)
        }
    }
}

/// `marsad export | head` must end quietly, like any Unix filter: Rust ignores SIGPIPE by default, which
/// turns a closed pipe into a panic on the next print.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; resets one signal to its default.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
