//! `marsad text …`: the text layer as a filter. Each subcommand reads its arguments, or standard input when
//! none are given, and writes one result per input line.

use std::io::{self, BufRead, BufWriter, Write};

use anyhow::Result;
use clap::{Subcommand, ValueEnum};
use marsad_text::NameKey;
use marsad_text::normalize::{Profile, normalize};
use marsad_text::sentences::sentences;
use marsad_text::stem::stem;
use marsad_text::tokenize::{TokenKind, tokens, words};

use super::Outcome;

#[derive(Debug, Subcommand)]
pub enum TextCommand {
    /// Normalise text (search profile folds spelling variants; display profile only fixes invisible things).
    #[command(
        after_help = "Example:\n  marsad text normalize 'أعلنَ الوزيـــر'          # اعلن الوزير\n  marsad text normalize --profile display < page.txt"
    )]
    Normalize {
        #[arg(long, value_enum, default_value_t = ProfileArg::Search)]
        profile: ProfileArg,
        text: Vec<String>,
    },
    /// Print tokens with their kind and byte offsets in the input line.
    #[command(after_help = "Example:\n  marsad text tokens 'وقّع الاتفاق في 13.08.2025.'")]
    Tokens { text: Vec<String> },
    /// Print one sentence per line.
    #[command(after_help = "Example:\n  marsad text sentences < article.txt")]
    Sentences { text: Vec<String> },
    /// Light-stem every word of each line (search-normalised first); one line out per line in.
    #[command(
        after_help = "Example:\n  marsad text stem والوزارات بالوزارة وزارتها     # وزار وزار وزار\n  marsad text stem < words.txt"
    )]
    Stem { text: Vec<String> },
    /// Print the name key of each name (one name per argument or per input line).
    #[command(
        name = "name-key",
        after_help = "Example:\n  marsad text name-key 'أسعد حسن الشيباني' 'أسد شيباني'"
    )]
    NameKey { names: Vec<String> },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ProfileArg {
    Search,
    Display,
}

impl From<ProfileArg> for Profile {
    fn from(p: ProfileArg) -> Self {
        match p {
            ProfileArg::Search => Profile::Search,
            ProfileArg::Display => Profile::Display,
        }
    }
}

pub fn run(command: &TextCommand) -> Result<Outcome> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match command {
        TextCommand::Normalize { profile, text } => for_each_input(text, |line| {
            writeln!(out, "{}", normalize(line, Profile::from(*profile)).text())
        })?,
        TextCommand::Tokens { text } => for_each_input(text, |line| {
            for token in tokens(line) {
                let kind = match token.kind {
                    TokenKind::Word => "word",
                    TokenKind::Number => "number",
                    TokenKind::Punct => "punct",
                    TokenKind::Symbol => "symbol",
                };
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    token.start,
                    token.end,
                    kind,
                    token.text(line)
                )?;
            }
            Ok(())
        })?,
        TextCommand::Sentences { text } => for_each_input(text, |line| {
            for range in sentences(line) {
                writeln!(out, "{}", &line[range])?;
            }
            Ok(())
        })?,
        TextCommand::Stem { text } => {
            if text.is_empty() {
                for_each_input(&[], |line| {
                    let n = normalize(line, Profile::Search);
                    writeln!(
                        out,
                        "{}",
                        words(n.text()).map(stem).collect::<Vec<_>>().join(" ")
                    )
                })?
            } else {
                // Arguments: one stem per argument, on one line.
                let stems: Vec<String> = text
                    .iter()
                    .map(|word| {
                        let n = normalize(word, Profile::Search);
                        words(n.text()).map(stem).collect::<Vec<_>>().join(" ")
                    })
                    .collect();
                writeln!(out, "{}", stems.join(" "))?;
            }
        }
        TextCommand::NameKey { names } => for_each_input(names, |line| {
            writeln!(out, "{}\t{}", NameKey::new(line), line.trim())
        })?,
    }
    out.flush()?;
    Ok(Outcome::Done)
}

/// Calls `f` on each argument, or on each line of standard input when there are none.
fn for_each_input(args: &[String], mut f: impl FnMut(&str) -> io::Result<()>) -> Result<()> {
    if args.is_empty() {
        for line in io::stdin().lock().lines() {
            f(&line?)?;
        }
    } else {
        for arg in args {
            f(arg)?;
        }
    }
    Ok(())
}
