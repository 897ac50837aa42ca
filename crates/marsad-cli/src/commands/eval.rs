//! `marsad eval …`: evaluations against annotated data outside the repository, read at run time.

use anyhow::Result;
use clap::Subcommand;

use super::Outcome;

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Extraction: the seeds' lines (body kept, boilerplate dropped) and the article-extraction benchmark.
    #[command(
        after_help = "Example:\n  marsad eval extraction --seeds ../shared/seeds --labels eval/extraction/seeds-lines.tsv\n  marsad eval extraction --benchmark ../shared/data/article-extraction-benchmark"
    )]
    Extraction(super::eval_extraction::Args),
    /// Named entities against an annotated corpus (ANERcorp, CoNLL-style exact spans).
    #[command(
        after_help = "Example:\n  marsad eval ner --anercorp ../shared/data/anercorp\n  marsad eval ner --anercorp ../shared/data/anercorp --split train --errors 20"
    )]
    Ner(super::eval_ner::Args),
    /// Streaming event clustering against the ANT event labels: BCubed and pairwise P/R/F1 per day.
    #[command(
        after_help = "Example:\n  marsad eval clustering --ant ../shared/data/antcorpus-multisource --labels ../shared/data/ant-events-dev/ant-events-dev.json eval/clustering/ant-events-*.json\n  marsad eval clustering --ant DIR --labels FILES --cross-validate          # each day scored by weights fitted on the others\n  marsad eval clustering --ant DIR --labels FILES --fit 2018-03-14,2018-04-10   # refit on some days, check on the rest\n  marsad eval clustering --ant DIR --labels FILES --without peg_lead --cross-validate   # ablation\n  marsad eval clustering --ant DIR --labels FILES --errors --explain        # what went wrong, with each article's candidates"
    )]
    Clustering(super::eval_clustering::Args),
    /// Agreement between two annotations of the same ANT days (event labels): BCubed and pairwise P/R/F1 of
    /// the second against the first, per day; what the clustering scores can be read against.
    #[command(
        after_help = "Example:\n  marsad eval agreement --first eval/clustering/ant-events-*.json --second eval/clustering/second-annotator/ant-events-*.json"
    )]
    Agreement(super::eval_agreement::Args),
    /// Date resolution against hand-labelled expressions in ANT articles: correct, found, and every miss.
    #[command(
        after_help = "Example:\n  marsad eval dates --ant ../shared/data/antcorpus-multisource --labels eval/dates/ant-dates.tsv"
    )]
    Dates(super::eval_dates::Args),
    /// Extractive summaries against hand-written ANT references: ROUGE-1/2/L for marsad, lead, centroid,
    /// LexRank and a greedy oracle, in surface and stem token modes.
    #[command(
        after_help = "Example:\n  marsad eval summary --ant ../shared/data/antcorpus-multisource --references eval/summary/ant-references.json\n  marsad eval summary --ant DIR --words 80 --json    # per-event rows with each system's summary"
    )]
    Summary(super::eval_summary::Args),
    /// Headline-pair stance (the contradiction stage's cues) on the ANS corpus: confusion matrix and
    /// precision/recall/F1 for "disagree".
    #[command(
        after_help = "Example:\n  marsad eval stance --ans ../shared/data/ans-arabic-news-stance --split test\n  marsad eval stance --ans DIR --split dev --errors 10    # misclassified pairs of each kind"
    )]
    Stance(super::eval_stance::Args),
}

pub fn run(command: &EvalCommand) -> Result<Outcome> {
    match command {
        EvalCommand::Extraction(args) => super::eval_extraction::run(args),
        EvalCommand::Ner(args) => super::eval_ner::run(args),
        EvalCommand::Clustering(args) => super::eval_clustering::run(args),
        EvalCommand::Agreement(args) => super::eval_agreement::run(args),
        EvalCommand::Dates(args) => super::eval_dates::run(args),
        EvalCommand::Summary(args) => super::eval_summary::run(args),
        EvalCommand::Stance(args) => super::eval_stance::run(args),
    }
}
