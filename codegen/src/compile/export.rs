//! Export data: what a package's importers read instead of its source.
//!
//! An importer needs a package's declarations (its types, constants, variables and function
//! signatures, exported or not, since exported ones mention unexported ones), the bodies it
//! may compile itself (generic functions and methods of generic types, which every importer
//! instantiates, check/generics; small functions it may inline, check/resolver.rs
//! `may_inline`) and the directives that change a function's symbol (`//go:linkname`) or
//! how it is called (`//go:noinline`, `//go:noescape`). It never reads the other bodies:
//! the checker checks an imported package's declarations and only those bodies
//! (check_package with `bodies` false).
//!
//! So a package's export data is its own source files with everything else cut out: every
//! other function body, every comment that is not a `//go:` or `//line` directive, and the
//! value of a package-level variable initialised by a composite literal (`var t = [...]T{
//! ...}` becomes `var t [n]T`: importers need its type, not the thousands of constants of a
//! table, which the checker would otherwise evaluate in every importer). This
//! is a textual export format, as gc's was before Go 1.7 and gccgo's still is
//! (go/internal/gccgoimporter reads Go-syntax declarations): an importer reads it with the
//! same lexer, parser and checker as source, and a student can read it. What is cut leaves
//! its newlines behind, and the rest of a cut line becomes spaces, so that every remaining
//! token keeps its line and column: messages, line tables and inline trees name the same
//! positions as when the importer read the whole source, with no position table.
//!
//! The bodies kept only for inlining go apart, one export file each ([`BODIES_SUFFIX`] after
//! the file's name, then where the function stands): the text from the start of the line of
//! its `func` keyword to its closing brace, what precedes the keyword on that line blanked,
//! so that lexed from that line ([`super::lexer::lex_from`]) each token has the position it
//! had in the source. An importer parses one only once a call needs that function
//! (compile/mod.rs, check/resolver.rs `parse_used_bodies`), as Go's importer reads an
//! inlinable body only when a call needs it: in the standard packages these bodies are 55 to
//! 75% of the export data's tokens, and most importers inline few of them.
//!
//! Functions and methods (not generic, not init, no linkname or noinline: [`parsed_on_use`])
//! go apart too, all of a file's in one export file ([`FUNCS_SUFFIX`] after the file's name,
//! [`functions`] reads it): importers name few of a package's functions and reach few of its
//! types, so a function's declaration is parsed only when the importer first looks its name
//! up (check/resolver.rs `member`), and a type's methods when the importer first resolves
//! the type (`declare_lazy_methods`). Each is a record of its name (`T.M` for a method), the
//! position of its name, the line its text starts at and the length of its text, which is
//! what the declarations file would have held (its body cut), from the start of its `func`
//! keyword's line; the declarations file keeps its lines, blank.
//!
//! The escape summaries (escape::Escapes::export) travel beside it, as Go's export data
//! carries them; the driver keeps both in the package's cache entry.

use super::ast::{Decl, ExprKind, File, FuncDecl, Pos, TypeExprKind, VarSpec};
use super::check::may_inline;
use super::SourceFile;

/// What follows a file's name in the name of one of its inlinable bodies (module doc), before
/// the line and column of the function's name and the line the text starts at:
/// `print.go\0inline body 273:6 273`. A NUL byte: no file name has one.
pub const BODIES_SUFFIX: &str = "\0inline body ";

/// What follows a file's name in the name of its export file of functions parsed on use
/// (module doc). A NUL byte, as in [`BODIES_SUFFIX`].
pub const FUNCS_SUFFIX: &str = "\0functions";

/// The file an export file named `name` holds the functions parsed on use of; None for
/// another export file.
pub fn functions_of(name: &str) -> Option<&str> {
    name.strip_suffix(FUNCS_SUFFIX)
}

/// One function of an export file of functions parsed on use: its name, the line and column
/// of its name, the line its text starts at, and the range of its text in the file. The
/// file is a sequence of records, each a line `NAME LINE:COL FIRST_LINE LENGTH` and then
/// LENGTH bytes of text; None for a malformed one (no importer reads a file it did not
/// write: the cache keys entries by the compiler).
pub fn functions(file: &[u8]) -> impl Iterator<Item = Option<FuncRecord<'_>>> {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= file.len() {
            return None;
        }
        let record = (|| {
            let eol = at + memchr::memchr(b'\n', &file[at..])?;
            let header = std::str::from_utf8(&file[at..eol]).ok()?;
            let mut words = header.split(' ');
            let name = words.next()?;
            let (line, col) = words.next()?.split_once(':')?;
            let first_line = words.next()?.parse().ok()?;
            let len: usize = words.next()?.parse().ok()?;
            let text = eol + 1..eol + 1 + len;
            (text.end <= file.len()).then_some(())?;
            Some((
                name,
                (line.parse().ok()?, col.parse().ok()?),
                first_line,
                text,
            ))
        })();
        // A malformed record ends the file.
        at = record.as_ref().map_or(file.len(), |r| r.3.end);
        Some(record)
    })
}

/// One record of a functions file ([`functions`]): the function's name, the line and column
/// of its name, the line its text starts at, and where its text stands in the file.
pub type FuncRecord<'a> = (&'a str, (u32, u32), u32, std::ops::Range<usize>);

/// The functions and methods of an imported package parsed on use: the functions by name,
/// the methods by the name of their type.
#[derive(Default)]
pub struct Lazy {
    pub funcs: crate::HashMap<String, LazyFunc>,
    pub methods: crate::HashMap<String, Vec<LazyFunc>>,
}

/// A function of an imported package, parsed when the importer first names it.
pub struct LazyFunc {
    /// The index (in the importer's file table) of the file it belongs to.
    pub file: u32,
    /// The line and column of its name.
    pub name_at: (u32, u32),
    /// The line its text starts at.
    pub first_line: u32,
    /// The export file holding it, and where in it its text stands.
    pub source: std::rc::Rc<Vec<u8>>,
    pub range: std::ops::Range<usize>,
}

/// An inlinable body of an imported package, kept by the importer until a call needs it.
pub struct InlineBody {
    /// The index (in the importer's file table) of the file it belongs to.
    pub file: u32,
    /// The line and column of the function's name, as in its declaration.
    pub name_at: (u32, u32),
    /// The line its text starts at.
    pub first_line: u32,
    pub source: SourceFile,
}

/// The name of the export file of an inlinable body of file `file`, whose function's name
/// is at `name_at` and whose text starts at line `first_line`; [`inline_body_of`] reads it.
fn inline_body_name(file: &str, name_at: Pos, first_line: u32) -> String {
    format!(
        "{file}{BODIES_SUFFIX}{}:{} {first_line}",
        name_at.line, name_at.col
    )
}

/// Whether an export file named `name` is an inlinable body, not a file of declarations.
pub fn is_inline_body(name: &str) -> bool {
    split_body_name(name).is_some()
}

/// `name` split around [`BODIES_SUFFIX`]: found by its NUL byte (memchr), since a general
/// substring search cost about a thousand instructions for each of an import's ~300 names.
fn split_body_name(name: &str) -> Option<(&str, &str)> {
    let nul = memchr::memchr(0, name.as_bytes())?;
    Some((&name[..nul], name[nul..].strip_prefix(BODIES_SUFFIX)?))
}

/// The file an export file named `name` is an inlinable body of, the line and column of its
/// function's name, and the line its text starts at; None for a file of declarations.
pub fn inline_body_of(name: &str) -> Option<(&str, (u32, u32), u32)> {
    let (file, at) = split_body_name(name)?;
    let (name_at, first_line) = at.split_once(' ')?;
    let (line, col) = name_at.split_once(':')?;
    Some((
        file,
        (line.parse().ok()?, col.parse().ok()?),
        first_line.parse().ok()?,
    ))
}

/// The export data of one package: each of its files, cut down as the module doc says, each
/// followed by its inlinable bodies. `parsed[i]` is the syntax tree of `files[i]`.
pub fn export_files(
    path: &str,
    files: &[SourceFile],
    parsed: &[std::rc::Rc<File>],
) -> Vec<SourceFile> {
    let mut out = Vec::new();
    for (f, tree) in files.iter().zip(parsed) {
        let (cuts, inline) = cuts(path, tree, &f.text);
        let mut apart = Vec::new();
        out.push(SourceFile {
            name: f.name.clone(),
            text: cut(&f.text, &cuts, &mut apart),
        });
        if !apart.is_empty() {
            out.push(SourceFile {
                name: [f.name.as_str(), FUNCS_SUFFIX].concat(),
                text: apart,
            });
        }
        if inline.is_empty() {
            continue;
        }
        let starts = line_starts(&f.text);
        for (name_at, start, end) in inline {
            // The line of the `func` keyword: the last line start at or before it.
            let line = starts.partition_point(|&s| s <= start);
            let line_start = starts[line - 1];
            let mut text = Vec::with_capacity(end - line_start);
            blank(&f.text[line_start..start], &mut text);
            text.extend_from_slice(&f.text[start..end]);
            out.push(SourceFile {
                name: inline_body_name(&f.name, name_at, line as u32),
                text,
            });
        }
    }
    out
}

/// Whether an importer needs a function's body (module doc). A function with a body and a
/// `//go:linkname` keeps it: without it the importer would take the linkname for a pulled
/// symbol (check/resolver.rs), not the function's own.
fn keeps_body(path: &str, fd: &FuncDecl) -> bool {
    fd.is_generic() || fd.linkname.is_some() || inlinable(path, fd)
}

/// Whether a function's body is kept only for importers that may inline it.
fn inlinable(path: &str, fd: &FuncDecl) -> bool {
    // No importer can name an init function.
    let init = fd.name == "init" && fd.recv.is_none();
    !init && !fd.is_generic() && fd.linkname.is_none() && may_inline(path, fd)
}

/// A range of bytes cut out: blanked (module doc), replaced by other bytes, or moved to the
/// file of functions parsed on use.
struct Cut {
    start: usize,
    end: usize,
    how: How,
}

enum How {
    Blank,
    Replace(Vec<u8>),
    Apart(Box<Apart>),
}

/// A function declaration moved to the file's [`FUNCS_SUFFIX`] file (module doc): its name,
/// the position of its name, the line of its `func` keyword, and the cuts within it (its
/// body), from its start.
struct Apart {
    name: String,
    name_at: Pos,
    line: usize,
    inner: Vec<Cut>,
}

/// What is cut from a file with syntax tree `tree`, in order: the bodies it does not keep
/// and those kept for inlining (from the opening brace to just past the closing one), and
/// the composite-literal values of its package-level variables; and the byte ranges of the
/// whole declarations of the functions whose bodies are kept for inlining, for the
/// export files of their own, with the positions of their names.
fn cuts(path: &str, tree: &File, text: &[u8]) -> (Vec<Cut>, Vec<(Pos, usize, usize)>) {
    let starts = line_starts(text);
    let offset = |p: Pos| {
        starts
            .get(p.line as usize - 1)
            .map(|s| s + p.col as usize - 1)
    };
    let mut out = Vec::new();
    let mut inline = Vec::new();
    for d in &tree.decls {
        match d {
            Decl::Func(fd) => {
                let body = body_cut(path, fd, text, &offset, &mut inline);
                match apart(fd, text, &offset, &starts, body.as_ref()) {
                    Some(c) => out.push(c),
                    None => out.extend(body),
                }
            }
            Decl::Var(vs) => var_value(vs, text, &offset, &mut out),
            _ => {}
        }
    }
    out.sort_unstable_by_key(|c| c.start);
    (out, inline)
}

/// The cut of a function's body, if it is cut: every body but those importers compile
/// (generic functions, linknamed ones); an inlinable body is also recorded in `inline` for
/// an export file of its own, with the position of the function's name and its byte range.
fn body_cut(
    path: &str,
    fd: &FuncDecl,
    text: &[u8],
    offset: &dyn Fn(Pos) -> Option<usize>,
    inline: &mut Vec<(Pos, usize, usize)>,
) -> Option<Cut> {
    fd.body.as_ref()?;
    let (a, b) = (offset(fd.lbrace)?, offset(fd.end)?);
    if a >= b || text.get(a) != Some(&b'{') || text.get(b) != Some(&b'}') {
        return None;
    }
    if inlinable(path, fd) {
        // A //line directive in the body must stay in the file whose line table
        // positions are read through.
        let body = &text[a..b];
        let directive = memchr::memmem::find(body, b"//line ").is_some()
            || memchr::memmem::find(body, b"/*line ").is_some();
        match offset(fd.pos).and_then(|at| func_keyword(text, at)) {
            Some(start) if !directive => inline.push((fd.pos, start, b + 1)),
            _ => return None,
        }
    } else if keeps_body(path, fd) {
        return None;
    }
    Some(Cut {
        start: a,
        end: b + 1,
        how: How::Blank,
    })
}

/// The name a function parsed on use is recorded under (module doc), None if it is not
/// parsed on use: a function's own name (found by it alone), or `T.M` for method M of type T
/// (a type's methods are parsed when the importer first resolves T). A generic function's
/// body, an init function's number, a linkname's symbol and a //go:noinline are facts of
/// the whole file; a method of a generic type is instantiated with its type.
fn parsed_on_use(fd: &FuncDecl) -> Option<String> {
    if fd.is_generic() || fd.linkname.is_some() || fd.noinline || fd.name == "_" {
        return None;
    }
    let Some((base, _, _)) = fd.receiver() else {
        return (fd.name != "init").then(|| fd.name.clone());
    };
    match &base.kind {
        TypeExprKind::Name(t) => Some([t.as_str(), ".", &fd.name].concat()),
        _ => None,
    }
}

/// The cut moving function `fd` to the file of functions parsed on use, when it may go
/// ([`parsed_on_use`]): from its `func` keyword, which must begin its line (the moved text
/// starts at that line), to its body's end or, bodiless, to the token after its signature.
/// `body` is the cut of its body, which the moved text keeps. A declaration holding a
/// directive stays where it is: the directive belongs to the file (a //line) or to the
/// next declaration (a //go: one after a bodiless signature).
fn apart(
    fd: &FuncDecl,
    text: &[u8],
    offset: &dyn Fn(Pos) -> Option<usize>,
    starts: &[usize],
    body: Option<&Cut>,
) -> Option<Cut> {
    let name = parsed_on_use(fd)?;
    if fd.body.is_some() && body.is_none() {
        return None;
    }
    let start = func_keyword(text, offset(fd.pos)?)?;
    let end = match body {
        Some(b) => b.end,
        None => offset(fd.end)?.min(text.len()),
    };
    let line = starts.partition_point(|&s| s <= start);
    let before = &text[starts[line - 1]..start];
    let moved = &text[start..end];
    if before.iter().any(|&c| c != b' ' && c != b'\t')
        || [&b"//go:"[..], b"//line ", b"/*line "]
            .iter()
            .any(|d| memchr::memmem::find(moved, d).is_some())
    {
        return None;
    }
    let inner = body
        .map(|b| Cut {
            start: b.start - start,
            end: b.end - start,
            how: How::Blank,
        })
        .into_iter()
        .collect();
    Some(Cut {
        start,
        end,
        how: How::Apart(Box::new(Apart {
            name,
            name_at: fd.pos,
            line,
            inner,
        })),
    })
}

/// The offset of the `func` keyword of the declaration whose name is at `name`: the last
/// `func` word before it (a receiver names a type, never a func type).
fn func_keyword(text: &[u8], name: usize) -> Option<usize> {
    let mut end = name;
    while let Some(at) = memchr::memmem::rfind(&text[..end], b"func") {
        let before = at.checked_sub(1).map(|i| text[i]);
        let after = text.get(at + 4).copied();
        if before.is_none_or(|c| c.is_ascii_whitespace())
            && after.is_some_and(|c| c.is_ascii_whitespace() || c == b'(')
        {
            return Some(at);
        }
        end = at;
    }
    None
}

/// `var name = T{...}` (one name, no type written, a composite literal of a type written
/// out) becomes `var name   T`: the `=` blanked, the type left where it stands, the braces
/// and everything between them blanked. `[...]E` gets its length written over the dots
/// (`[87 ]E`), counted from the elements when none has a key.
fn var_value(vs: &VarSpec, text: &[u8], offset: &dyn Fn(Pos) -> Option<usize>, out: &mut Vec<Cut>) {
    let ([_], None, [value]) = (&vs.names[..], &vs.ty, &vs.values[..]) else {
        return;
    };
    let ExprKind::Composite {
        ty: Some(ty),
        lbrace,
        elems,
    } = &value.kind
    else {
        return;
    };
    let (Some(ty_at), Some(open)) = (offset(ty.pos), offset(*lbrace)) else {
        return;
    };
    let Some(eq) = text[..ty_at].iter().rposition(|&b| b == b'=') else {
        return;
    };
    if text[eq + 1..ty_at].iter().any(|b| !b.is_ascii_whitespace()) || text.get(open) != Some(&b'{')
    {
        return;
    }
    let Some(close) = closing_brace(text, open) else {
        return;
    };
    let mut length = None;
    if let TypeExprKind::Array(None, _) = &ty.kind {
        let Some(dots) = memchr::memmem::find(&text[ty_at..open], b"...").map(|i| ty_at + i) else {
            return;
        };
        if elems.iter().any(|e| e.key.is_some()) {
            return;
        }
        let mut n = elems.len().to_string().into_bytes();
        n.resize(n.len().max(3), b' ');
        length = Some(Cut {
            start: dots,
            end: dots + 3,
            how: How::Replace(n),
        });
    }
    out.push(Cut {
        start: eq,
        end: eq + 1,
        how: How::Blank,
    });
    out.extend(length);
    out.push(Cut {
        start: open,
        end: close + 1,
        how: How::Blank,
    });
}

/// The offset of the `}` that closes the `{` at `open`, past strings, runes and comments.
fn closing_brace(text: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < text.len() {
        match text[i] {
            b'"' | b'\'' => i = quoted_end(text, i),
            b'`' => i = memchr::memchr(b'`', &text[i + 1..]).map_or(text.len(), |j| i + j + 2),
            b'/' if text.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &text[i..]).map_or(text.len(), |j| i + j)
            }
            b'/' if text.get(i + 1) == Some(&b'*') => {
                i = memchr::memmem::find(&text[i + 2..], b"*/").map_or(text.len(), |j| i + j + 4)
            }
            c => {
                if c == b'{' {
                    depth += 1;
                } else if c == b'}' {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                i += 1;
            }
        }
    }
    None
}

/// The offset of each line's first byte (the lexer counts lines at `\n` and columns in
/// bytes from the line's start).
fn line_starts(text: &[u8]) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
    starts
}

/// `text` with the `cuts` made and the comments that are not directives blanked, as the
/// module doc says; the functions moved apart are appended to `apart`, each as a record of
/// [`functions`] (made as the rest of the text is, and starting at its line's start).
fn cut(text: &[u8], cuts: &[Cut], apart: &mut Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut next_cut = cuts.iter().peekable();
    let mut i = 0;
    while i < text.len() {
        if let Some(c) = next_cut.peek() {
            if i == c.start {
                match &c.how {
                    How::Replace(bytes) => out.extend_from_slice(bytes),
                    How::Blank => blank(&text[c.start..c.end], &mut out),
                    How::Apart(a) => {
                        // What precedes it on its line is blank, and kept as wide.
                        let column = out.len() - memchr::memrchr(b'\n', &out).map_or(0, |n| n + 1);
                        let moved = cut(&text[c.start..c.end], &a.inner, &mut Vec::new());
                        let header = format!(
                            "{} {}:{} {} {}\n",
                            a.name,
                            a.name_at.line,
                            a.name_at.col,
                            a.line,
                            column + moved.len()
                        );
                        apart.extend_from_slice(header.as_bytes());
                        apart.extend(std::iter::repeat_n(b' ', column));
                        apart.extend_from_slice(&moved);
                        blank(&text[c.start..c.end], &mut out);
                    }
                }
                i = c.end;
                next_cut.next();
                continue;
            }
        }
        match text[i] {
            b'"' | b'\'' => {
                let end = quoted_end(text, i);
                out.extend_from_slice(&text[i..end]);
                i = end;
            }
            b'`' => {
                let end = memchr::memchr(b'`', &text[i + 1..]).map_or(text.len(), |j| i + j + 2);
                out.extend_from_slice(&text[i..end]);
                i = end;
            }
            b'/' if text.get(i + 1) == Some(&b'/') => {
                let end = memchr::memchr(b'\n', &text[i..]).map_or(text.len(), |j| i + j);
                if is_directive(&text[i + 2..end]) {
                    out.extend_from_slice(&text[i..end]);
                }
                i = end;
            }
            b'/' if text.get(i + 1) == Some(&b'*') => {
                let end =
                    memchr::memmem::find(&text[i + 2..], b"*/").map_or(text.len(), |j| i + j + 4);
                if is_directive(&text[i + 2..end]) {
                    out.extend_from_slice(&text[i..end]);
                } else {
                    blank(&text[i..end], &mut out);
                }
                i = end;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// A comment the lexer acts on: `//go:name`, `//line`, `/*line`.
fn is_directive(body: &[u8]) -> bool {
    body.starts_with(b"go:") || body.starts_with(b"line ")
}

/// What stands for cut text: its newlines, then a space for each byte after the last one, so
/// that what follows on that line keeps its column. A block comment on one line becomes
/// spaces (it separates tokens); a cut spanning lines still ends its line, as a newline in a
/// comment does for semicolon insertion.
fn blank(cut: &[u8], out: &mut Vec<u8>) {
    let tail = match memchr::memrchr(b'\n', cut) {
        Some(last) => {
            out.extend(std::iter::repeat_n(
                b'\n',
                memchr::memchr_iter(b'\n', cut).count(),
            ));
            cut.len() - last - 1
        }
        None => cut.len(),
    };
    out.extend(std::iter::repeat_n(b' ', tail));
}

/// The end of the string or rune literal starting at `i` (its closing quote, or the line's
/// end when it is not closed: the package compiled, so it is).
fn quoted_end(text: &[u8], i: usize) -> usize {
    let quote = text[i];
    let mut j = i + 1;
    while j < text.len() {
        match text[j] {
            b'\\' => j += 2,
            b'\n' => return j,
            c if c == quote => return j + 1,
            _ => j += 1,
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The export data of one file: the file, its functions parsed on use (the file of
    /// them, empty when none) and its inlinable bodies (name after the file's, text).
    fn export(path: &str, src: &str) -> (String, String, Vec<(String, String)>) {
        let file = SourceFile {
            name: "x.go".into(),
            text: src.as_bytes().to_vec(),
        };
        let mut errs = Vec::new();
        let mut sources = super::super::Sources::default();
        let mut next = 0;
        let parsed = super::super::parse_files(
            std::slice::from_ref(&file),
            &mut sources,
            &mut next,
            &mut errs,
        );
        assert!(errs.is_empty(), "{errs:?}");
        let out = export_files(path, &[file], &parsed);
        let text = |f: &SourceFile| String::from_utf8(f.text.clone()).unwrap();
        let mut funcs = String::new();
        let mut bodies = Vec::new();
        for f in &out[1..] {
            if functions_of(&f.name) == Some("x.go") {
                funcs = text(f);
                continue;
            }
            let rest = f
                .name
                .strip_prefix(&format!("x.go{BODIES_SUFFIX}"))
                .unwrap();
            bodies.push((rest.to_string(), text(f)));
        }
        (text(&out[0]), funcs, bodies)
    }

    fn run(path: &str, src: &str) -> String {
        export(path, src).0
    }

    #[test]
    fn cuts_bodies_and_comments_keeping_positions() {
        let src = "package p\n\n// Doc.\n//go:noinline\nfunc Big(x int) int {\n\tfor i := 0; i < x; i++ {\n\t\tx += i * i\n\t}\n\treturn x\n}\n\nfunc small() int { return 1 }\n\nvar s = \"// not a comment\" /* c */ + `/*`\n";
        let (out, funcs, bodies) = export("p", src);
        // Big stays (its //go:noinline is the file's); small moves apart, its line blank.
        assert_eq!(
            out,
            format!("package p\n\n\n//go:noinline\nfunc Big(x int) int \n\n\n\n\n \n\n{}\n\nvar s = \"// not a comment\"         + `/*`\n", " ".repeat(29))
        );
        assert_eq!(
            funcs,
            format!("small 12:6 12 29\nfunc small() int {}", " ".repeat(12))
        );
        // The inlinable body is a file of its own, named for where it stood.
        assert_eq!(
            bodies,
            [(
                "12:6 12".to_string(),
                "func small() int { return 1 }".to_string()
            )]
        );
        assert_eq!(
            inline_body_of("x.go\0inline body 12:6 12"),
            Some(("x.go", (12, 6), 12))
        );
        assert_eq!(inline_body_of("x.go"), None);
        assert_eq!(inline_body_of("x.go\0functions"), None);
        // Every kept token is where it was.
        for (a, b) in src.lines().zip(out.lines()) {
            if let Some(k) = b.find("var") {
                assert_eq!(a.find("var"), Some(k));
            }
        }
        assert_eq!(src.lines().count(), out.lines().count());
    }

    #[test]
    fn methods_bodies_start_at_their_func_keyword() {
        let src =
            "package p\n\ntype funcT int\n\n/* c */ func (f funcT) Get() int { return int(f) }\n";
        let (out, _, bodies) = export("p", src);
        assert_eq!(
            out,
            format!(
                "package p\n\ntype funcT int\n\n        func (f funcT) Get() int {}\n",
                " ".repeat(17)
            )
        );
        assert_eq!(
            bodies,
            [(
                "5:24 5".to_string(),
                "        func (f funcT) Get() int { return int(f) }".to_string()
            )]
        );
    }

    #[test]
    fn cuts_composite_values_of_variables() {
        let src = "package p\n\nvar t = [...]uint8{\n\t1, 2, '}', // }\n}\nvar m = map[string]int{\"a\": 1}\nvar k = [...]int{2: 1}\nvar v = f()\n\nfunc f() int { return 1 }\n";
        let want = format!("package p\n\nvar t   [3  ]uint8\n\n \nvar m   map[string]int        \nvar k = [...]int{{2: 1}}\nvar v = f()\n\n{}\n", " ".repeat(25));
        assert_eq!(run("p", src), want);
    }

    #[test]
    fn keeps_generic_bodies() {
        let src = "package p\n\nfunc Map[T any](xs []T, f func(T) T) []T {\n\tfor i := range xs {\n\t\txs[i] = f(xs[i])\n\t}\n\treturn xs\n}\n";
        assert_eq!(run("p", src), src);
    }

    #[test]
    fn runtime_keeps_no_inline_bodies() {
        let src = "package runtime\n\nfunc f() int { return 1 }\n";
        // The function moves apart; its one-line body `{ return 1 }` becomes as many spaces.
        let want = format!("package runtime\n\n{}\n", " ".repeat(25));
        let funcs = format!("f 3:6 3 25\nfunc f() int {}", " ".repeat(12));
        assert_eq!(export("runtime", src), (want, funcs, vec![]));
    }

    #[test]
    fn functions_and_methods_move_apart_with_their_positions() {
        let src = "package p\n\ntype T int\n\nfunc (T) M() {}\n\nfunc init() {}\n\nfunc G[E any](e E) E { return e }\n\n//go:linkname l runtime.l\nfunc l() int\n\nfunc asm(x int,\n\ty int) (r int) // in assembly\n\tfunc Tab() int { return 2 }\nvar a int; func shares() {}\n";
        let (out, funcs, _) = export("p", src);
        // Init, a generic function, a linknamed one and one that does not begin its line
        // stay; the method, the bodiless one spanning two lines and the indented one move.
        for kept in [
            "func init()",
            "func G[E any]",
            "func l() int",
            "func shares()",
        ] {
            assert!(out.contains(kept), "{kept} moved: {out}");
        }
        for moved in ["M()", "asm", "Tab"] {
            assert!(!out.contains(moved), "{moved} stayed: {out}");
        }
        assert_eq!(src.lines().count(), out.lines().count());
        let records: Vec<_> = functions(funcs.as_bytes()).map(Option::unwrap).collect();
        let names: Vec<_> = records.iter().map(|r| (r.0, r.1, r.2)).collect();
        assert_eq!(
            names,
            [
                ("T.M", (5, 10), 5),
                ("asm", (14, 6), 14),
                ("Tab", (16, 7), 16)
            ]
        );
        // Lexed from its first line, each moved text puts its name where the source had it.
        for (name, (line, col), first, range) in records {
            let name = name.rsplit('.').next().unwrap();
            let text = &funcs.as_bytes()[range];
            let mut errs = Vec::new();
            let lexed = super::super::lexer::lex_from(0, "x.go", text, first, &mut errs);
            assert!(errs.is_empty(), "{errs:?}");
            let ident = |t: &&super::super::lexer::Token| matches!(&t.tok, super::super::lexer::Tok::Ident(n) if n == name);
            let at = lexed.tokens.iter().find(ident).unwrap().pos;
            assert_eq!((at.line, at.col), (line, col));
            let src_line = src.lines().nth(line as usize - 1).unwrap();
            assert_eq!(&src_line[col as usize - 1..][..name.len()], name);
        }
        // A malformed record ends the file.
        assert_eq!(
            functions(b"f 1:6 1 99\nfunc f()").collect::<Vec<_>>(),
            [None]
        );
    }
}
