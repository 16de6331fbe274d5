//! In-process fuzzing of every kind of input tbuild reads: build-cache entries, plan9
//! assembly, ELF objects given to the linker, and Go source.
//!
//! A [`Target`] is one input kind. It gives seeds, optional structure-aware edits, and runs
//! one input, classifying the outcome: accepted, rejected with the expected user-facing
//! error, or a finding (wrong result, internal error). The runner ([`fuzz`]) mutates the
//! corpus (seeds, `--corpus` files, and inputs that produced an outcome not seen before)
//! with byte-level mutations (mutate.rs) and the target's edits, catches panics, and stops
//! hangs with a watchdog. Findings go to `fuzz/findings/TARGET/`; once fixed, each is kept in
//! `fuzz/regressions/TARGET/`, which the tests replay ([`replay`]).
//!
//! Adding a target: a module in targets/ implementing [`Target`], and one line in
//! `targets::TARGETS`.

pub mod mutate;
pub mod rng;
mod runner;
pub mod targets;
pub mod text;

pub use rng::Rng;
pub use runner::{catch_aborts, fuzz, replay, Config, Stats};

/// What one input did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Accepted, and the result checked out.
    Ok,
    /// Refused with the error a user should see (its message; digits do not matter, since
    /// the runner uses each distinct message to grow the corpus).
    Rejected(String),
    /// A bug: a wrong result, an internal error, a damaged input taken as good.
    Finding(String),
}

/// One kind of input.
pub trait Target {
    /// The name on the command line and of the findings and regressions directories.
    fn name(&self) -> &'static str;

    /// Built-in seeds; the runner adds the files of any `--corpus` directory.
    fn seeds(&self) -> Vec<Vec<u8>>;

    /// A structure-aware edit of `input` (a token, a section size, a length field).
    /// Returns false when it made none; the runner then applies a byte-level mutation.
    fn edit(&self, _input: &mut Vec<u8>, _rng: &mut Rng) -> bool {
        false
    }

    /// Runs one input in process. A panic is caught by the runner and is a finding.
    fn run(&mut self, input: &[u8]) -> Outcome;
}
