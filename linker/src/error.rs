//! The linker's one error type. Every failure — a malformed object, an undefined or duplicate
//! symbol, a relocation that does not fit — becomes a [`LinkError`] whose `Display` is a short
//! message naming the symbols and objects involved, in the spirit of Go's linker diagnostics
//! (cmd/link/internal/ld/errors.go `ErrorReporter`, loader.go "duplicated definition of symbol").

use std::fmt;

/// What went wrong, for callers that want to branch on it (the message is for people).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// An input is not a well-formed ELF64 x86-64 relocatable object.
    Malformed,
    /// An input section cannot be placed in the output (TLS, constructors, ...).
    UnsupportedSection,
    /// A referenced symbol has no definition.
    Undefined,
    /// `main.main` is missing (Go's "function main is undeclared in the main package").
    MissingMain,
    /// Two strong definitions of one symbol.
    Duplicate,
    /// A relocation type the linker does not know.
    UnknownRelocation,
    /// A relocated value does not fit its field, or an instruction cannot be relaxed.
    RelocationOverflow,
    /// The output cannot be laid out (e.g. the build ID does not fit in the header page).
    Layout,
}

/// A link failure: a kind plus a human-readable message (one line, or a few for lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError {
    kind: ErrorKind,
    message: String,
}

impl LinkError {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        LinkError {
            kind,
            message: message.into(),
        }
    }

    /// An input that is not a valid relocatable object; names the object.
    pub(crate) fn malformed(object: &str, what: impl fmt::Display) -> Self {
        Self::new(
            ErrorKind::Malformed,
            format!("{object}: malformed object: {what}"),
        )
    }

    /// The category of the failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, as `Display` prints it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LinkError {}

pub(crate) type Result<T> = std::result::Result<T, LinkError>;
