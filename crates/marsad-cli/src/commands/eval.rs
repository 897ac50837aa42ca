//! `marsad eval …`: evaluations against annotated data outside the repository, read at run time.

use anyhow::Result;
use clap::Subcommand;

use super::Outcome;

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Named entities against an annotated corpus (ANERcorp, CoNLL-style exact spans).
    #[command(
        after_help = "Example:\n  marsad eval ner --anercorp ../shared/data/anercorp\n  marsad eval ner --anercorp ../shared/data/anercorp --split train --errors 20"
    )]
    Ner(super::eval_ner::Args),
    /// Date resolution against hand-labelled expressions in ANT articles: correct, found, and every miss.
    #[command(
        after_help = "Example:\n  marsad eval dates --ant ../shared/data/antcorpus-multisource --labels eval/dates/ant-dates.tsv"
    )]
    Dates(super::eval_dates::Args),
}

pub fn run(command: &EvalCommand) -> Result<Outcome> {
    match command {
        EvalCommand::Ner(args) => super::eval_ner::run(args),
        EvalCommand::Dates(args) => super::eval_dates::run(args),
    }
}
