//! The compile stage: Go-subset source of one package to an ELF relocatable object.
//!
//! [`compile_package`] is the pipeline, in order: lex and parse every file, cut out the
//! package's export data (export.rs), type-check the imported packages (from their export
//! data) and then this one,
//! apply the limits cmd/compile's back end has (`backend`), lower it to Cranelift IR and
//! machine code, and write the object. It also returns `go_asm.h`, the
//! struct offsets and constants assembly files include (as `go tool compile -asmhdr` writes it).

pub mod ast;
pub mod backend;
pub mod bounds;
pub mod check;
pub mod debug;
pub mod escape;
pub mod export;
pub mod go_api;
pub mod lexer;
pub mod linemap;
pub mod lower;
pub mod parser;
pub mod stack;
pub mod types;

use crate::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};

use crate::diag::{Diag, Diags, MAX_ERRORS};
use check::{Checker, ObjKind, PkgId};
use types::{Const, Type};

/// The prefix of a package's symbols: its import path with the characters Go escapes in
/// symbol names written `%xx` (cmd/internal/objabi PathToPrefix: control characters, space,
/// `%`, `"`, bytes from 0x7f, and a `.` after the last `/`), so `gopkg.in/yaml.v2`'s
/// functions are `gopkg.in/yaml%2ev2.F`, as in Go's tracebacks. Paths without these (every
/// bundled package's, `main`) are their own prefix.
pub fn symbol_prefix(path: &str) -> String {
    let last_slash = path.rfind('/');
    let mut out = String::with_capacity(path.len());
    for (i, b) in path.bytes().enumerate() {
        let dot_in_last = b == b'.' && last_slash.is_none_or(|s| i > s);
        if b <= b' ' || dot_in_last || b == b'%' || b == b'"' || b >= 0x7f {
            out.push_str(&format!("%{b:02x}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

/// Builds the tables that compiling a function ends with: iced-x86's decoder tables, which
/// the epilogue pass decodes each function's code with (lower/epilogue.rs) and which are
/// built on first use (1.8 M instructions, callgrind; a quarter of compiling hello's main).
/// A driver calls it on a thread beside a compile, so that the compile finds them ready.
pub fn warm_up() {
    let _ = iced_x86::Decoder::with_ip(64, &[0x90], 0, iced_x86::DecoderOptions::NONE);
}

/// One source file: its name (as errors print it) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    /// The file's bytes as read: the lexer reports invalid UTF-8 as Go's does.
    pub text: Vec<u8>,
}

pub struct CompileOptions<'a> {
    /// The import path of the package being compiled (`main`, `runtime`, `fmt`).
    pub package_path: String,
    /// The export data of an imported package, by import path: the files of its
    /// `CompiledPackage::export` (export.rs). Its whole source serves as well (export data
    /// is source with parts cut out), which is what a compile without a cache gives.
    pub import_source: &'a dyn Fn(&str) -> Option<Vec<SourceFile>>,
    /// The escape summaries of an imported package (`CompiledPackage::escapes` of its
    /// compilation), by import path: Go's export data carries them. None: the package's
    /// functions are assumed to keep their pointer arguments.
    pub escape_summaries: &'a dyn Fn(&str) -> Option<String>,
    /// Collect escape analysis's diagnostics (`-m`).
    pub escape_report: bool,
    /// Inline small functions' calls (lower/inline.rs); `-l` turns it off.
    pub inline: bool,
    /// The package has no assembly files (Go's `-complete`, which the go command passes for
    /// such packages): a function without a body is then an error unless `//go:linkname`
    /// names its body elsewhere.
    pub complete: bool,
    /// How many threads compile the functions to machine code (Go's `-c`; 1: this thread
    /// alone). None: one per CPU for a package big enough to gain (lower/machine.rs).
    pub concurrency: Option<usize>,
    /// Leave the compiler's tables (syntax trees, checked program) for the process's exit
    /// to free, as clang's driver has cc1 do (`-disable-free`): the process ends soon after.
    /// Freeing them was 1.7 M of the 19.8 M instructions of compiling hello's main.
    pub disable_free: bool,
}

impl<'a> CompileOptions<'a> {
    /// Options for compiling `package_path` with no escape summaries of its imports (their
    /// functions are assumed to keep their pointer arguments) and no `-m` report.
    pub fn new(
        package_path: &str,
        import_source: &'a dyn Fn(&str) -> Option<Vec<SourceFile>>,
    ) -> Self {
        fn unknown(_: &str) -> Option<String> {
            None
        }
        CompileOptions {
            package_path: package_path.to_string(),
            import_source,
            escape_summaries: &unknown,
            escape_report: false,
            inline: true,
            complete: false,
            concurrency: None,
            disable_free: false,
        }
    }
}

pub struct CompiledPackage {
    pub object: Vec<u8>,
    /// `go_asm.h` for this package's assembly files.
    pub asm_header: String,
    /// The escape summaries of the package's functions, for the packages importing it.
    pub escapes: String,
    /// The package's export data (export.rs): what its importers read instead of its
    /// source, through `CompileOptions::import_source`.
    pub export: Vec<SourceFile>,
    /// Escape analysis's diagnostics, when asked for (`-m`), as Go prints them.
    pub notes: Vec<Diag>,
}

/// The code generator's settings (../shared/docs/cranelift-0.135.md §1): static non-PIC code,
/// frame pointers kept (tracebacks walk them), R15 pinned to hold g, more than two results
/// returned through a hidden area, stack probes inline (no libcall to link), unwind information
/// kept (it becomes `.debug_frame`, debug.rs).
pub fn target_isa() -> Result<OwnedTargetIsa, String> {
    let mut b = settings::builder();
    let set =
        |b: &mut settings::Builder, k: &str, v: &str| b.set(k, v).map_err(|e| format!("{k}: {e}"));
    set(&mut b, "opt_level", "speed")?;
    set(&mut b, "is_pic", "false")?;
    set(&mut b, "preserve_frame_pointers", "true")?;
    set(&mut b, "enable_pinned_reg", "true")?;
    set(&mut b, "enable_multi_ret_implicit_sret", "true")?;
    set(&mut b, "enable_probestack", "true")?;
    set(&mut b, "probestack_strategy", "inline")?;
    set(&mut b, "unwind_info", "true")?;
    set(
        &mut b,
        "enable_verifier",
        if cfg!(debug_assertions) {
            "true"
        } else {
            "false"
        },
    )?;
    // 32 bytes, as Go aligns functions on amd64 (cmd/link/internal/amd64/l.go funcAlign):
    // a function's code then sits the same way across 32-byte boundaries wherever the
    // linker puts it, so its speed does not change with the code before it (Intel's JCC
    // erratum makes a jump that crosses or ends on such a boundary slow).
    set(&mut b, "log2_min_function_alignment", "5")?;
    let ib = cranelift_codegen::isa::lookup_by_name("x86_64-unknown-linux-gnu")
        .map_err(|e| e.to_string())?;
    ib.finish(settings::Flags::new(b))
        .map_err(|e| e.to_string())
}

/// The program's source files: names (as recorded in objects; indices are `Pos::file`) and
/// each file's line directives, which map positions for messages and line tables.
#[derive(Default)]
pub struct Sources {
    pub names: Vec<String>,
    pub line_maps: Vec<linemap::LineMap>,
}

impl Sources {
    /// The index of `name` in the file table, added if new.
    fn intern(&mut self, name: &str) -> u32 {
        match self.names.iter().position(|n| n == name) {
            Some(i) => i as u32,
            None => {
                self.names.push(name.to_string());
                (self.names.len() - 1) as u32
            }
        }
    }
}

/// Parses files of one package; parse errors are appended to `errs`.
fn parse_files(
    files: &[SourceFile],
    sources: &mut Sources,
    next_id: &mut u32,
    errs: &mut Diags,
) -> Vec<Rc<ast::File>> {
    let mut out = Vec::new();
    for f in files {
        let index = sources.names.len() as u32;
        sources.names.push(f.name.clone());
        let mut lex_errs = Vec::new();
        let lexed = lexer::lex(index, &f.name, &f.text, &mut lex_errs);
        let mut map = linemap::LineMap {
            bases: lexed.line_bases,
        };
        for b in &mut map.bases {
            // cmd/internal/objabi AbsFile: a directive's name is recorded as written, or
            // `??` when empty.
            b.file = sources.intern(if b.name.is_empty() { "??" } else { &b.name });
        }
        let (file, mut file_errs) =
            parser::parse_file(&f.name, lexed.tokens, lexed.pragmas, next_id, lex_errs);
        // Errors are reported where the directives say, as all positions are.
        for d in &mut file_errs {
            if let Some(l) = map.locate(d.line, d.col) {
                (d.file, d.line, d.col) = (l.name.to_string(), l.line, l.col);
            }
        }
        sources
            .line_maps
            .resize_with(sources.names.len(), Default::default);
        sources.line_maps[index as usize] = map;
        errs.extend(file_errs);
        out.extend(file.map(Rc::new));
    }
    out
}

pub fn compile_package(
    files: &[SourceFile],
    opts: &CompileOptions,
) -> Result<CompiledPackage, Diags> {
    let mut errs = Diags::new();
    let mut sources = Sources::default();
    let mut next_id = 0u32;

    // Parse this package, then everything it imports, transitively.
    let parsed = parse_files(files, &mut sources, &mut next_id, &mut errs);
    // Go type-checks after lexical errors and invalid line directives too, and stops only
    // after syntax errors (noder/irgen.go checkFiles: base.SyntaxErrors). tbuild stops after
    // any: its parser does not yet mark bad literals as go's does (BasicLit.Bad), and the
    // checker would report errors that go's does not (`x declared but not used` for
    // `x := "unterminated`).
    if !errs.is_empty() {
        return Err(finish_errors(errs));
    }
    let export = export::export_files(&opts.package_path, files, &parsed);
    let mut order: Vec<(String, Vec<Rc<ast::File>>)> = Vec::new();
    let mut bodies = HashMap::default();
    let mut lazy_decls = HashMap::default();
    let mut pending: Vec<String> = imports_of(&parsed);
    while let Some(path) = pending.pop() {
        if path == "unsafe" || order.iter().any(|(p, _)| *p == path) {
            continue;
        }
        let Some(src) = (opts.import_source)(&path) else {
            // The checker reports unknown imports at their position.
            continue;
        };
        // The inlinable bodies are parsed only if a call needs them, and the plain functions
        // only once the importer names them (export.rs); each takes the file index of the
        // file it belongs to.
        let (mut decls, mut inline, mut apart) = (Vec::new(), Vec::new(), Vec::new());
        for f in src {
            if export::functions_of(&f.name).is_some() {
                apart.push(f);
            } else if export::is_inline_body(&f.name) {
                inline.push(f);
            } else {
                decls.push(f);
            }
        }
        let pf = parse_files(&decls, &mut sources, &mut next_id, &mut errs);
        let mut lazy = export::Lazy::default();
        for f in apart {
            let of = export::functions_of(&f.name).unwrap_or_default();
            let Some(file) = sources.names.iter().rposition(|n| n == of) else {
                continue;
            };
            let source = Rc::new(f.text);
            for record in export::functions(&source) {
                let Some((name, name_at, first_line, range)) = record else {
                    break;
                };
                let func = export::LazyFunc {
                    file: file as u32,
                    name_at,
                    first_line,
                    source: source.clone(),
                    range,
                };
                match name.split_once('.') {
                    Some((ty, _)) => lazy.methods.entry(ty.to_string()).or_default().push(func),
                    None => _ = lazy.funcs.insert(name.to_string(), func),
                }
            }
        }
        lazy_decls.insert(path.clone(), lazy);
        let indexed: Vec<export::InlineBody> = inline
            .into_iter()
            .filter_map(|source| {
                let (of, name_at, first_line) = export::inline_body_of(&source.name)?;
                let file = sources.names.iter().rposition(|n| n == of)? as u32;
                Some(export::InlineBody {
                    file,
                    name_at,
                    first_line,
                    source,
                })
            })
            .collect();
        bodies.insert(path.clone(), indexed);
        pending.extend(imports_of(&pf));
        order.push((path, pf));
    }
    if !errs.is_empty() {
        return Err(finish_errors(errs));
    }
    // Dependencies first: a package after every package it imports.
    order.reverse();
    sort_dependencies(&mut order);

    // Type-check.
    let mut checker = Checker::new(sources);
    checker.set_next_expr_id(next_id);
    checker.set_body_sources(bodies);
    checker.set_lazy(lazy_decls);
    let mut pkgs: HashMap<String, PkgId> = HashMap::default();
    for (path, pf) in &order {
        let id = checker.check_package(path, pf.clone(), &pkgs, false);
        pkgs.insert(path.clone(), id);
    }
    checker.set_complete(opts.complete);
    let misplaced: Diags = parsed.iter().flat_map(|f| f.misplaced.clone()).collect();
    let main = checker.check_package(&opts.package_path, parsed, &pkgs, true);
    let errs = checker.take_errors();
    if !errs.is_empty() {
        return Err(finish_errors(errs));
    }
    // Directives no declaration takes: Go reports them as it turns the checked files into
    // its IR (noder/decl.go pragmaFlags), before anything else after type checking.
    if !misplaced.is_empty() {
        return Err(finish_errors(misplaced));
    }
    let prog = &mut checker.prog;

    // What cmd/compile refuses after type checking (sizes, print operands, frames, symbols).
    let errs = backend::check(prog, main);
    if !errs.is_empty() {
        return Err(finish_errors(errs));
    }

    // Lower and emit.
    let isa = target_isa().map_err(|e| vec![Diag::new("tbuild", 0, 0, e)])?;
    let asm_header = asm_header(prog, main);
    let texts: Vec<String> = order
        .iter()
        .filter_map(|(path, _)| (opts.escape_summaries)(path))
        .collect();
    let mut imported = escape::Imported::default();
    for text in &texts {
        imported.add(text);
    }
    let esc = escape::analyze(prog, main, &imported);
    let notes = if opts.escape_report {
        esc.notes
            .iter()
            .map(|(p, m)| prog.diag(*p, m.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let escapes = esc.export();
    let lowered = lower::lower_package(prog, main, isa, esc, opts)?;
    if opts.disable_free {
        // The process ends soon: its exit frees the tables (`CompileOptions::disable_free`).
        std::mem::forget(checker);
        std::mem::forget(order);
    }
    Ok(CompiledPackage {
        object: lowered.object,
        asm_header,
        escapes,
        export,
        notes,
    })
}

fn imports_of(files: &[Rc<ast::File>]) -> Vec<String> {
    files
        .iter()
        .flat_map(|f| f.imports.iter().map(|i| i.path.clone()))
        .collect()
}

/// Orders packages so that each comes after the packages it imports.
fn sort_dependencies(order: &mut Vec<(String, Vec<Rc<ast::File>>)>) {
    let mut out: Vec<(String, Vec<Rc<ast::File>>)> = Vec::new();
    while !order.is_empty() {
        let ready = order
            .iter()
            .position(|(_, files)| {
                imports_of(files).iter().all(|i| {
                    i == "unsafe"
                        || out.iter().any(|(p, _)| p == i)
                        || !order.iter().any(|(p, _)| p == i)
                })
            })
            .unwrap_or(0);
        out.push(order.remove(ready));
    }
    *order = out;
}

/// Filters, sorts and limits errors as cmd/compile does (base/print.go): as they are
/// reported, a syntax error on the line of the previous syntax error is dropped, and so is an
/// error equal to the previous other error on its line; then they are sorted by position,
/// exact duplicates dropped, and cut at the tenth ("too many errors").
fn finish_errors(errs: Diags) -> Diags {
    let mut kept: Diags = Vec::new();
    let mut last_syntax: Option<(String, u32)> = None;
    let mut last_other: Option<(String, u32, String)> = None;
    for d in errs {
        if d.msg.starts_with("syntax error") {
            let at = Some((d.file.clone(), d.line));
            if last_syntax == at {
                continue;
            }
            last_syntax = at;
        } else {
            let this = Some((d.file.clone(), d.line, d.msg.clone()));
            if last_other == this {
                continue;
            }
            last_other = this;
        }
        kept.push(d);
    }
    kept.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
    kept.dedup();
    let mut errs = kept;
    // cmd/compile stops at the tenth error, with "too many errors" at its position
    // (base/print.go ErrorfAt).
    if errs.len() >= MAX_ERRORS {
        errs.truncate(MAX_ERRORS);
        let last = &errs[MAX_ERRORS - 1];
        let (file, line, col) = (last.file.clone(), last.line, last.col);
        errs.push(Diag::new(file, line, col, "too many errors"));
    }
    errs
}

/// `go_asm.h`: `#define T_f offset`, `#define T__size size` for every struct type and
/// `#define const_c value` for every integer constant (cmd/compile/internal/gc/export.go
/// dumpasmhdr).
fn asm_header(prog: &mut check::Program, pkg: PkgId) -> String {
    let mut out = format!(
        "// generated by tbuild compile -asmhdr from package {}\n\n",
        prog.packages[pkg].path
    );
    for &c in &prog.packages[pkg].consts.clone() {
        let o = &prog.objs[c as usize];
        if let ObjKind::Const(Const::Int(v)) = &o.kind {
            let _ = writeln!(out, "#define const_{} {}", o.name, v);
        }
    }
    for &t in &prog.packages[pkg].type_names.clone() {
        let (name, ty) = {
            let o = &prog.objs[t as usize];
            (o.name.clone(), o.ty)
        };
        if !matches!(prog.types.get(prog.types.under(ty)), Type::Struct(_)) {
            continue;
        }
        let size = prog.types.size(ty);
        let _ = writeln!(out, "#define {name}__size {size}");
        for f in prog.types.fields(ty).unwrap_or_default() {
            if f.name != "_" {
                let _ = writeln!(out, "#define {}_{} {}", name, f.name, f.offset);
            }
        }
    }
    out
}
