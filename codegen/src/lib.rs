//! tbuild's compile and assemble stages.
//!
//! `compile` turns the Go-subset source of one package into an ELF relocatable object through
//! Cranelift; `asm` turns one plan9-syntax assembly file into an ELF relocatable object through
//! the iced-x86 encoder. Both report problems as [`diag::Diag`]s in Go's `file:line:col: message`
//! form and never print to the terminal themselves.

/// The maps of the compile and assemble stages hash with FxHash (rustc-hash): their keys are
/// positions, ids and names of the program being built, never an attacker's choice, and
/// SipHash, std's default, was 6% of a warm build's instructions (callgrind).
pub type HashMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;
pub type HashSet<T> = std::collections::HashSet<T, rustc_hash::FxBuildHasher>;

pub mod asm;
pub mod compile;
pub mod diag;
pub mod dwarf;
