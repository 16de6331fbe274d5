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

    /// An input object that is not well formed: `malformed object fmt.o: .debug_info: ...`,
    /// naming the object and the section (or the part of the file: `ELF header`,
    /// `section headers`) where the fault is.
    pub(crate) fn malformed(object: &str, section: &str, what: impl fmt::Display) -> Self {
        Self::new(
            ErrorKind::Malformed,
            format!("malformed object {object}: {}: {what}", printable(section)),
        )
    }

    /// An input archive that is not well formed: `malformed archive libx.a: ...`.
    pub(crate) fn malformed_archive(archive: &str, what: impl fmt::Display) -> Self {
        Self::new(
            ErrorKind::Malformed,
            format!("malformed archive {archive}: {what}"),
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

/// A name read from an input (a symbol or section name), shortened for a one-line message:
/// at most 200 characters, then `...` (a corrupt or hostile name may be megabytes long).
pub(crate) fn short(name: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 200;
    match name.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}...", &name[..end]).into(),
        None => name.into(),
    }
}

/// [`short`], with control characters escaped, for names printed without quotes.
pub(crate) fn printable(name: &str) -> String {
    short(name)
        .chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}
