//! Diagnostics: one error type for the compile and assemble stages.
//!
//! A [`Diag`] prints as Go's tools print errors: `file:line:col: message`, or `file:line: message`
//! when no column is known (Go's assembler reports lines only).

use std::fmt;

/// One error at a place in a source file. Lines and columns count from 1; column 0 means unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub msg: String,
}

impl Diag {
    pub fn new(file: impl Into<String>, line: u32, col: u32, msg: impl Into<String>) -> Diag {
        Diag {
            file: file.into(),
            line,
            col,
            msg: msg.into(),
        }
    }
}

/// Go's compiler packs a position's line into 20 bits and its column into 8
/// (cmd/internal/src/pos.go, lico): a line from `LINE_MAX` on prints as `LINE_MAX` with no
/// column, and a column from `COL_MAX` on is not printed at all.
const LINE_MAX: u32 = (1 << 20) - 2;
const COL_MAX: u32 = (1 << 8) - 1;

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, col) = match (self.line, self.col) {
            (l, _) if l >= LINE_MAX => (LINE_MAX, 0),
            (l, c) if c >= COL_MAX => (l, 0),
            lc => lc,
        };
        match (line, col) {
            (0, _) => write!(f, "{}: {}", self.file, self.msg),
            (l, 0) => write!(f, "{}:{}: {}", self.file, l, self.msg),
            (l, c) => write!(f, "{}:{}:{}: {}", self.file, l, c, self.msg),
        }
    }
}

impl std::error::Error for Diag {}

/// The errors of one stage run, in the order found. Go stops after 10; so do we.
pub type Diags = Vec<Diag>;

/// Go's tools stop reporting after this many errors (cmd/compile `-e` off, cmd/asm).
pub const MAX_ERRORS: usize = 10;
