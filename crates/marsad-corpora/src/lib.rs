//! Readers for public research corpora that marsad is benchmarked and evaluated on.
//!
//! Today: the ANT multi-source corpus ([`ant`]), five Arabic outlets in 2018, one TREC/CLEF-style tagged
//! file per article. The corpora themselves never enter the repository; benchmarks and evaluations take
//! their folder on the command line.
//!
//! Not done here: fetching corpora, or any pipeline stage. A reader only turns files into plain records
//! (and, for convenience, into [`marsad_model::Document`]s).

pub mod ant;

pub use ant::{AntArticle, AntError, AntReader, dedupe_by_url, parse_ant, read_ant};
