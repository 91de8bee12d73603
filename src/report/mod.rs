//! Pure serialisers: results in, text out. Nothing here reads files or runs a solver, so
//! every output can be snapshot-tested.

pub mod evaluation;
pub mod text;
