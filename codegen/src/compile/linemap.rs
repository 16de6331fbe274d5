//! Line directives: `//line file:line[:col]` and `/*line file:line[:col]*/`, which change the
//! positions Go reports for the source after them (cmd/compile's documentation, "Compiler
//! Directives"; the rules below are those of cmd/compile/internal/syntax, parser.go
//! `updateBase` and pos.go `RelLine`/`RelCol`).
//!
//! Positions inside the compiler stay physical ([`Pos`] is where a token is in its file), so
//! that tables keyed by position never see two tokens at one place. A directive is recorded
//! as a [`LineBase`]: from the place right after it (for `//line`, the start of the next line;
//! for `/*line*/`, the byte after `*/`), line `L` of the file is reported as
//! `base.line + (L - at_line)` in `base.name`; the column is kept on later lines, shifted on
//! the base's own line, and unknown (0) everywhere when the directive gives none. Messages,
//! `-m` notes, pc/line tables, DWARF and so `runtime.Caller` all report the mapped position.

use super::ast::Pos;

/// One directive's effect, from physical (`at_line`, `at_col`) on.
#[derive(Debug, Clone)]
pub struct LineBase {
    pub at_line: u32,
    pub at_col: u32,
    /// The file name as messages print it (empty if the directive gave none).
    pub name: String,
    /// The index of the name in the program's file table (pc/line tables, DWARF), where an
    /// empty name is recorded as `??`, as cmd/internal/objabi `AbsFile` records it.
    pub file: u32,
    pub line: u32,
    /// 0: the directive gave no column, so columns are unknown until the next directive.
    pub col: u32,
}

/// The directives of one file, in source order.
#[derive(Debug, Clone, Default)]
pub struct LineMap {
    pub bases: Vec<LineBase>,
}

/// A position as reported: the file's table index and name, line and column (0: unknown).
#[derive(Debug, Clone, Copy)]
pub struct Located<'a> {
    pub file: u32,
    pub name: &'a str,
    pub line: u32,
    pub col: u32,
}

impl LineMap {
    /// Where the source at physical `line`:`col` is reported, if a directive precedes it.
    pub fn locate(&self, line: u32, col: u32) -> Option<Located<'_>> {
        let after = self
            .bases
            .partition_point(|b| (b.at_line, b.at_col) <= (line, col));
        let b = self.bases[..after].last()?;
        let col = if b.col == 0 {
            0
        } else if line == b.at_line {
            b.col + (col - b.at_col)
        } else {
            col
        };
        Some(Located {
            file: b.file,
            name: &b.name,
            line: b.line + (line - b.at_line),
            col,
        })
    }

    /// The name a directive that gives no file name keeps: the current base's (the file's
    /// own name before any directive).
    pub fn current_name<'a>(&'a self, file_name: &'a str) -> &'a str {
        self.bases.last().map_or(file_name, |b| &b.name)
    }
}

/// The largest line or column a directive may give (syntax.PosMax).
const POS_MAX: u64 = 1 << 30;

/// A directive as written: its file name (None when empty and no column is given, which
/// names no file; Some("") never), line and column (0 if not given).
#[derive(Debug, PartialEq)]
pub struct Directive {
    pub name: Option<String>,
    pub line: u32,
    pub col: u32,
}

/// Parses the text of a comment after `line ` (`file:line` or `file:line:col`). Ok(None):
/// not a directive at all (no `:`), which Go ignores. Err((offset, message)): an invalid
/// number, reported at that byte offset of `text`, in Go's words.
pub fn parse(text: &str) -> Result<Option<Directive>, (usize, String)> {
    // The file name may itself hold colons (Windows paths): numbers are read from the right.
    let Some((i, n)) = trailing_number(text) else {
        return Ok(None);
    };
    let bad = |at: usize, what: &str| Err((at, format!("invalid {what} number: {}", &text[at..])));
    let (name_end, line, col) = match trailing_number(&text[..i - 1]) {
        Some((i2, Some(line))) => {
            // file:line:col
            match n {
                Some(c) if c != 0 && c <= POS_MAX => {}
                _ => return bad(i, "column"),
            }
            if line == 0 || line > POS_MAX {
                return bad(i2, "line");
            }
            (i2 - 1, line, n.unwrap_or(0))
        }
        _ => {
            // file:line
            match n {
                Some(l) if l != 0 && l <= POS_MAX => (i - 1, l, 0),
                _ => return bad(i, "line"),
            }
        }
    };
    let name = &text[..name_end];
    Ok(Some(Directive {
        name: (!name.is_empty() || col == 0).then(|| name.to_string()),
        line: line as u32,
        col: col as u32,
    }))
}

/// The offset after the last `:` of `s` and the number after it (None if it is not a
/// decimal number that fits in 64 bits, as strconv.ParseUint decides); None without a `:`.
fn trailing_number(s: &str) -> Option<(usize, Option<u64>)> {
    let i = s.rfind(':')? + 1;
    let digits = &s[i..];
    let n = if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) {
        digits.parse::<u64>().ok()
    } else {
        None
    };
    Some((i, n))
}

/// A position as reported, given the program's file names and line maps.
pub fn locate<'a>(names: &'a [String], maps: &'a [LineMap], pos: Pos) -> Located<'a> {
    if let Some(l) = maps
        .get(pos.file as usize)
        .and_then(|m| m.locate(pos.line, pos.col))
    {
        return l;
    }
    Located {
        file: pos.file,
        name: names.get(pos.file as usize).map_or("", |s| s.as_str()),
        line: pos.line,
        col: pos.col,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(name: Option<&str>, line: u32, col: u32) -> Result<Option<Directive>, (usize, String)> {
        Ok(Some(Directive {
            name: name.map(str::to_string),
            line,
            col,
        }))
    }

    #[test]
    fn directives_parse_as_go_reads_them() {
        assert_eq!(parse("foo.go:10"), d(Some("foo.go"), 10, 0));
        assert_eq!(parse("bar.go:10:20"), d(Some("bar.go"), 10, 20));
        assert_eq!(parse(":1"), d(Some(""), 1, 0));
        assert_eq!(parse(":11:22"), d(None, 11, 22));
        assert_eq!(parse("c:/foo/bar.go:987"), d(Some("c:/foo/bar.go"), 987, 0));
        assert_eq!(parse("nocolon"), Ok(None));
        assert_eq!(parse("f:x"), Err((2, "invalid line number: x".into())));
        assert_eq!(parse("f:0"), Err((2, "invalid line number: 0".into())));
        assert_eq!(parse("f:0:5"), Err((2, "invalid line number: 0:5".into())));
        assert_eq!(parse("f:3:0"), Err((4, "invalid column number: 0".into())));
        // `f:x:5` is `file:line` with file `f:x`.
        assert_eq!(parse("f:x:5"), d(Some("f:x"), 5, 0));
    }

    #[test]
    fn positions_map_from_the_place_after_the_directive() {
        let m = LineMap {
            bases: vec![
                LineBase {
                    at_line: 5,
                    at_col: 1,
                    name: "a.y".into(),
                    file: 7,
                    line: 100,
                    col: 0,
                },
                LineBase {
                    at_line: 9,
                    at_col: 20,
                    name: "b.y".into(),
                    file: 8,
                    line: 30,
                    col: 3,
                },
            ],
        };
        assert!(m.locate(4, 9).is_none());
        let l = m.locate(6, 9).unwrap();
        assert_eq!((l.name, l.line, l.col), ("a.y", 101, 0));
        let l = m.locate(9, 19).unwrap();
        assert_eq!((l.file, l.line), (7, 104));
        let l = m.locate(9, 25).unwrap();
        assert_eq!((l.name, l.line, l.col), ("b.y", 30, 8));
        let l = m.locate(11, 4).unwrap();
        assert_eq!((l.file, l.line, l.col), (8, 32, 4));
    }
}
