//! tbuild's compile and assemble stages.
//!
//! `compile` turns the Go-subset source of one package into an ELF relocatable object through
//! Cranelift; `asm` turns one plan9-syntax assembly file into an ELF relocatable object through
//! the iced-x86 encoder. Both report problems as [`diag::Diag`]s in Go's `file:line:col: message`
//! form and never print to the terminal themselves.

pub mod asm;
pub mod compile;
pub mod diag;
pub mod dwarf;
