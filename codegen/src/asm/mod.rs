//! The assemble stage: plan9-syntax amd64 assembly (as `go tool asm` reads it) to an ELF64
//! x86-64 relocatable object.
//!
//! The work is split as Go's cmd/asm splits it: [`lex`] tokenizes and preprocesses
//! (`#include`, `#define`, `#ifdef`), [`parse`] turns statements into operand structs, [`arch`]
//! is the one table from Go mnemonics to iced-x86 `Code`s, [`encode`] encodes a TEXT function
//! (frames, branches, relocations) with iced-x86, and [`obj`] writes the ELF object with the
//! `object` crate. This file drives them and handles the pseudo-instructions TEXT, GLOBL, DATA,
//! PCDATA and FUNCDATA (cmd/asm/internal/asm/asm.go).
//!
//! Symbols: `·` stands for `.` and `∕` for `/` (`runtime·rt0_go` is `runtime.rt0_go`); a name
//! that starts with `·` belongs to the package being assembled; `name<>` is file-local
//! (STB_LOCAL, written without the `<>`).

mod arch;
mod encode;
mod lex;
mod obj;
mod parse;

use crate::{HashMap, HashSet};
use std::rc::Rc;

use crate::diag::{Diag, Diags, MAX_ERRORS};
use arch::{Kind, Reg};
use encode::{Func, Prog, Reloc, RelocKind};
use lex::{Line, Tok};
use obj::{DataSection, ObjData, ObjFunc};
use parse::{Operand, Stmt, SymRef};

/// TEXT/GLOBL flag values from Go's runtime/textflag.h.
const DUPOK: i64 = 2;
const RODATA: i64 = 8;
const NOPTR: i64 = 16;
const NOFRAME: i64 = 512;

/// Largest GLOBL size accepted.
const MAX_SIZE: i64 = 1 << 30;

/// The most initialised data (GLOBLs with DATA, or RODATA) one file may define: the assembler
/// holds those bytes in memory, twice (the symbol and the object being written), so a few
/// lines asking for gigabytes must not be taken at their word. Go's own limit is 2e9 bytes per
/// symbol (cmd/internal/obj/objfile.go `cutoff`); tbuild's assembly needs kilobytes.
const MAX_CONTENTS: u64 = 64 << 20;

/// The largest section a Go binary may have (cmd/link/internal/ld/data.go `cutoff`; tbuild's
/// linker has the same limit).
const MAX_SECTION: u64 = 2_000_000_000;

/// Assembles one plan9 .s file into an ELF64 x86-64 relocatable object.
/// `include(name)` returns the text of an `#include "name"` file (e.g. "go_asm.h"), or None.
///
/// Names starting with `·` are taken to be in package `runtime`, the package whose assembly
/// tbuild builds; use [`assemble_package`] to name another.
pub fn assemble(
    file_name: &str,
    src: &str,
    include: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<u8>, Diags> {
    assemble_package("runtime", file_name, src, include)
}

/// [`assemble`] for the assembly of package `pkg` (the prefix of `·name` symbols, as
/// `go tool asm -p pkg`).
pub fn assemble_package(
    pkg: &str,
    file_name: &str,
    src: &str,
    include: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<u8>, Diags> {
    let mut pre = lex::Preprocessor::new(include);
    pre.run(file_name, src);
    let mut a = Asm {
        pkg: pkg.to_string(),
        file: Rc::from(file_name),
        diags: std::mem::take(&mut pre.diags),
        texts: Vec::new(),
        globls: Vec::new(),
        datas: Vec::new(),
        defined: HashSet::default(),
    };
    for line in &pre.lines {
        if a.diags.len() >= MAX_ERRORS {
            break;
        }
        a.statement(line);
    }
    match a.finish() {
        Ok(bytes) if a.diags.is_empty() => Ok(bytes),
        Ok(_) => Err(truncated(a.diags)),
        Err(more) => {
            a.diags.extend(more);
            Err(truncated(a.diags))
        }
    }
}

fn truncated(mut d: Diags) -> Diags {
    d.truncate(MAX_ERRORS);
    d
}

struct Text {
    sym: SymRef,
    file: Rc<str>,
    line: u32,
    flags: i64,
    func: Func,
}

struct Globl {
    sym: SymRef,
    flags: i64,
    size: u64,
    file: Rc<str>,
    line: u32,
}

enum DataValue {
    Int(u64),
    Addr(SymRef, i64),
    Bytes(Vec<u8>),
}

/// A data symbol being filled: its bytes, which bytes DATA has set, and its relocations.
type Contents = (Vec<u8>, Vec<bool>, Vec<Reloc>);

struct DataEntry {
    sym: SymRef,
    file: Rc<str>,
    line: u32,
    off: i64,
    width: usize,
    value: DataValue,
}

struct Asm {
    pkg: String,
    file: Rc<str>,
    diags: Diags,
    texts: Vec<Text>,
    globls: Vec<Globl>,
    datas: Vec<DataEntry>,
    defined: HashSet<SymRef>,
}

impl Asm {
    fn error(&mut self, file: &str, line: u32, msg: impl Into<String>) {
        self.diags.push(Diag::new(file, line, 0, msg));
    }

    fn statement(&mut self, line: &Line) {
        let st = match parse::statement(line) {
            Ok(s) => s,
            Err(e) => return self.error(&line.file, line.line, e),
        };
        for label in &st.labels {
            let Some(t) = self.texts.last_mut() else {
                self.error(&st.file, st.line, format!("label {label} outside of TEXT"));
                continue;
            };
            if t.func.labels.contains_key(label) {
                self.error(
                    &st.file,
                    st.line,
                    format!("label {label:?} multiply defined"),
                );
                continue;
            }
            let at = t.func.progs.len();
            t.func.labels.insert(label.clone(), at);
        }
        let Some(op) = st.op.clone() else { return };
        let result = match op.as_str() {
            "TEXT" => self.text(&st),
            "GLOBL" => self.globl(&st),
            "DATA" => self.data(&st),
            "PCDATA" | "FUNCDATA" => {
                if st.args.len() != 2 {
                    Err(format!("expect two operands for {op}"))
                } else {
                    // Stack maps and PC tables are the linker's business in Go; tbuild's
                    // linker builds its own pclntab, so these only occupy a Prog slot (they
                    // count for n(PC) branches as in Go).
                    self.push_prog(&st, &op, Kind::Nop, Vec::new())
                }
            }
            // PCALIGN pads for performance only; accept it and emit nothing.
            "PCALIGN" => Ok(()),
            _ => self.instruction(&st, &op),
        };
        if let Err(e) = result {
            self.error(&st.file, st.line, e);
        }
    }

    fn push_prog(
        &mut self,
        st: &Stmt,
        op: &str,
        kind: Kind,
        args: Vec<Operand>,
    ) -> Result<(), String> {
        let Some(t) = self.texts.last_mut() else {
            return Err(format!("{op} outside of TEXT"));
        };
        let text = st
            .args
            .iter()
            .map(|a| parse::text(a))
            .collect::<Vec<_>>()
            .join(", ");
        t.func.progs.push(Prog {
            line: st.line,
            op: op.to_string(),
            kind,
            args,
            text,
        });
        Ok(())
    }

    fn instruction(&mut self, st: &Stmt, op: &str) -> Result<(), String> {
        let Some(kind) = arch::lookup(op) else {
            return Err(format!("unrecognized instruction {op:?}"));
        };
        let mut args = Vec::with_capacity(st.args.len());
        for a in &st.args {
            args.push(parse::operand(a)?);
        }
        self.push_prog(st, op, kind, args)
    }

    /// `name(SB)` as the first operand of TEXT, GLOBL and DATA.
    fn symbol_operand(pseudo: &str, toks: &[Tok]) -> Result<(SymRef, i64), String> {
        let m = parse::memory(toks)?;
        match m {
            parse::Mem {
                sym: Some(sym),
                off,
                base: Some(Reg::Sb),
                index: None,
            } => Ok((sym, off)),
            _ => Err(format!(
                "{pseudo} symbol {:?} must be a symbol(SB)",
                parse::text(toks)
            )),
        }
    }

    fn define(&mut self, sym: &SymRef) -> Result<(), String> {
        if !self.defined.insert(sym.clone()) {
            return Err(format!(
                "symbol {} listed multiple times",
                self.elf_name(sym)
            ));
        }
        Ok(())
    }

    /// `TEXT sym(SB), [flags,] $frame[-args]` (asm.go `asmText`).
    fn text(&mut self, st: &Stmt) -> Result<(), String> {
        if st.args.len() != 2 && st.args.len() != 3 {
            return Err("expect two or three operands for TEXT".into());
        }
        let (sym, off) = Self::symbol_operand("TEXT", &st.args[0])?;
        if off != 0 {
            return Err(format!(
                "TEXT symbol {:?} must not be offset from SB",
                sym.display()
            ));
        }
        let flags = if st.args.len() == 3 {
            parse::eval(&st.args[1])? as i64
        } else {
            0
        };
        let bad_frame = || {
            format!(
                "TEXT {}: frame size must be an immediate constant",
                sym.display()
            )
        };
        let f = &st.args[st.args.len() - 1];
        let mut i = 0;
        if f.first() != Some(&Tok::Op("$")) {
            return Err(bad_frame());
        }
        i += 1;
        let neg = f.get(i) == Some(&Tok::Op("-"));
        if neg {
            i += 1;
        }
        let Some(Tok::Int(n)) = f.get(i) else {
            return Err(bad_frame());
        };
        i += 1;
        // The prologue subtracts frame+8 from SP and addresses arguments at frame+16 and up
        // (encode.rs), all 32-bit displacements; Go's assembler fails the same frames with
        // "offset too large".
        if *n > (i32::MAX - 16) as u64 {
            return Err(format!("TEXT {}: frame size {n} too large", sym.display()));
        }
        // Go's `$-8` style (an old way to say NOFRAME) means no frame.
        let frame = if neg { 0 } else { *n as i64 };
        match (f.get(i), f.get(i + 1), f.len()) {
            (None, _, _) => {}
            (Some(Tok::Op("-")), Some(Tok::Int(_)), l) if l == i + 2 => {}
            _ => {
                return Err(format!(
                    "TEXT {}: argument size must be of form -integer",
                    sym.display()
                ))
            }
        }
        self.define(&sym)?;
        self.texts.push(Text {
            sym,
            file: st.file.clone(),
            line: st.line,
            flags,
            func: Func {
                line: st.line,
                frame,
                noframe: neg || flags & NOFRAME != 0,
                ..Func::default()
            },
        });
        Ok(())
    }

    /// `GLOBL sym(SB), [flags,] $size`.
    fn globl(&mut self, st: &Stmt) -> Result<(), String> {
        if st.args.len() != 2 && st.args.len() != 3 {
            return Err("expect two or three operands for GLOBL".into());
        }
        let (sym, off) = Self::symbol_operand("GLOBL", &st.args[0])?;
        if off != 0 {
            return Err(format!(
                "GLOBL symbol {:?} must not be offset from SB",
                sym.display()
            ));
        }
        let flags = if st.args.len() == 3 {
            parse::eval(&st.args[1])? as i64
        } else {
            0
        };
        let size = match parse::operand(&st.args[st.args.len() - 1]) {
            Ok(Operand::Imm(n)) if (0..=MAX_SIZE).contains(&n) => n as u64,
            Ok(Operand::Imm(n)) => {
                return Err(format!(
                    "GLOBL {}: size {n} out of range (0 to {MAX_SIZE})",
                    sym.display()
                ))
            }
            _ => {
                return Err(format!(
                    "GLOBL {}: size must be an immediate constant",
                    sym.display()
                ))
            }
        };
        self.define(&sym)?;
        self.globls.push(Globl {
            sym,
            flags,
            size,
            file: st.file.clone(),
            line: st.line,
        });
        Ok(())
    }

    /// `DATA sym+off(SB)/width, $value` (asm.go `asmData`).
    fn data(&mut self, st: &Stmt) -> Result<(), String> {
        if st.args.len() != 2 {
            return Err("expect two operands for DATA".into());
        }
        let a0 = &st.args[0];
        let Some(slash) = a0.iter().rposition(|t| *t == Tok::Op("/")) else {
            return Err("expect /size for DATA argument".into());
        };
        let width = match &a0[slash + 1..] {
            [Tok::Int(w)] if (1..=1 << 20).contains(w) => *w as usize,
            other => {
                return Err(format!(
                    "bad size for DATA argument: {:?}",
                    parse::text(other)
                ))
            }
        };
        let (sym, off) = Self::symbol_operand("DATA", &a0[..slash])?;
        let value = match parse::operand(&st.args[1])? {
            Operand::Imm(v) => {
                if !matches!(width, 1 | 2 | 4 | 8) {
                    return Err(format!("bad int size for DATA argument: {width}"));
                }
                DataValue::Int(v as u64)
            }
            Operand::Addr { sym, off } => {
                if !matches!(width, 4 | 8) {
                    return Err(format!("bad addr size for DATA argument: {width}"));
                }
                DataValue::Addr(sym, off)
            }
            Operand::Float(f) => match width {
                4 => DataValue::Int((f as f32).to_bits() as u64),
                8 => DataValue::Int(f.to_bits()),
                _ => return Err(format!("bad float size for DATA argument: {width}")),
            },
            Operand::Str(s) => {
                if s.len() > width {
                    return Err(format!(
                        "bad string size for DATA argument: {width} < {}",
                        s.len()
                    ));
                }
                // Padded with zeros when written (the symbol's bytes start as zeros): the
                // width may be a megabyte, and only a GLOBL's size bounds how many are kept.
                DataValue::Bytes(s)
            }
            _ => return Err("DATA value must be an immediate constant or address".into()),
        };
        self.datas.push(DataEntry {
            sym,
            file: st.file.clone(),
            line: st.line,
            off,
            width,
            value,
        });
        Ok(())
    }

    /// The ELF name of a symbol reference.
    fn elf_name(&self, s: &SymRef) -> String {
        let n = s.name.replace('\u{00B7}', ".").replace('\u{2215}', "/");
        if s.name.starts_with('\u{00B7}') {
            format!("{}{}", self.pkg, n)
        } else {
            n
        }
    }

    /// Encodes functions, lays out data and writes the object.
    fn finish(&self) -> Result<Vec<u8>, Diags> {
        // Names of global symbols, so a file-local `x<>` never shares its ELF name with a
        // global `x` of the same object (it is then written `x<>`).
        let mut globals: HashSet<String> = HashSet::default();
        let note = |s: &SymRef, me: &Asm, g: &mut HashSet<String>| {
            if !s.local {
                g.insert(me.elf_name(s));
            }
        };
        for t in &self.texts {
            note(&t.sym, self, &mut globals);
            for p in &t.func.progs {
                for a in &p.args {
                    match a {
                        Operand::Addr { sym, .. } => note(sym, self, &mut globals),
                        Operand::Mem(parse::Mem { sym: Some(sym), .. }) => {
                            note(sym, self, &mut globals)
                        }
                        _ => {}
                    }
                }
            }
        }
        for g in &self.globls {
            note(&g.sym, self, &mut globals);
        }
        for d in &self.datas {
            if let DataValue::Addr(s, _) = &d.value {
                note(s, self, &mut globals);
            }
        }
        // A file-local symbol must be defined in this file.
        let mut errors: Vec<Diag> = Vec::new();
        let undefined_local = |s: &SymRef| s.local && !self.defined.contains(s);
        for t in &self.texts {
            for p in &t.func.progs {
                for a in &p.args {
                    if let Operand::Addr { sym, .. }
                    | Operand::Mem(parse::Mem { sym: Some(sym), .. }) = a
                    {
                        if undefined_local(sym) {
                            errors.push(Diag::new(
                                &*t.file,
                                p.line,
                                0,
                                format!("undefined file-local symbol {}", sym.display()),
                            ));
                        }
                    }
                }
            }
        }
        for d in &self.datas {
            if let DataValue::Addr(sym, _) = &d.value {
                if undefined_local(sym) {
                    errors.push(Diag::new(
                        &*d.file,
                        d.line,
                        0,
                        format!("undefined file-local symbol {}", sym.display()),
                    ));
                }
            }
        }
        let name_of = |s: &SymRef| -> String {
            let n = self.elf_name(s);
            if s.local && globals.contains(&n) {
                format!("{n}<>")
            } else {
                n
            }
        };

        let mut funcs = Vec::new();
        for t in &self.texts {
            match encode::function(&t.func) {
                Ok(e) => funcs.push(ObjFunc {
                    sym: t.sym.clone(),
                    elf_name: name_of(&t.sym),
                    dupok: t.flags & DUPOK != 0,
                    code: e.code,
                    relocs: e.relocs,
                    file: t.file.to_string(),
                    line: t.line,
                    lines: e.lines,
                }),
                Err(es) => {
                    for (line, msg) in es {
                        errors.push(Diag::new(&*t.file, line, 0, msg));
                    }
                }
            }
        }

        // Data: each GLOBL with the DATA entries that initialise it.
        let index: HashMap<&SymRef, usize> = self
            .globls
            .iter()
            .enumerate()
            .map(|(i, g)| (&g.sym, i))
            .collect();
        let mut contents: Vec<Option<Contents>> = self.globls.iter().map(|_| None).collect();
        // Which symbols hold bytes, and whether they fit the limit on initialised data.
        let mut has_data = vec![false; self.globls.len()];
        for d in &self.datas {
            if let Some(&gi) = index.get(&d.sym) {
                has_data[gi] = true;
            }
        }
        let mut total = 0u64;
        let mut too_large = vec![false; self.globls.len()];
        for (gi, g) in self.globls.iter().enumerate() {
            if !has_data[gi] && g.flags & RODATA == 0 {
                continue;
            }
            if total + g.size <= MAX_CONTENTS {
                total += g.size;
            } else {
                too_large[gi] = true;
                errors.push(Diag::new(
                    &*g.file,
                    g.line,
                    0,
                    format!(
                        "GLOBL {}: tbuild does not support more than {} MiB of initialised data in one file yet",
                        g.sym.display(),
                        MAX_CONTENTS >> 20
                    ),
                ));
            }
        }
        // Zero-filled GLOBLs cost nothing here, but the linker (like Go's) takes no section
        // over 2e9 bytes: say so at the GLOBL that crosses the line, as the object is laid out
        // (obj.rs: each symbol at its data_align).
        let mut zeros = [0u64; 2];
        for (gi, g) in self.globls.iter().enumerate() {
            if has_data[gi] || g.flags & RODATA != 0 {
                continue;
            }
            let (slot, name) = if g.flags & NOPTR != 0 {
                (0, ".noptrbss")
            } else {
                (1, ".bss")
            };
            let align = obj::data_align(g.size);
            let end = zeros[slot].div_ceil(align) * align + g.size;
            if end > MAX_SECTION {
                errors.push(Diag::new(
                    &*g.file,
                    g.line,
                    0,
                    format!(
                        "GLOBL {}: too much data in {name} (over {MAX_SECTION} bytes)",
                        g.sym.display()
                    ),
                ));
            } else {
                zeros[slot] = end;
            }
        }
        for d in &self.datas {
            let Some(&gi) = index.get(&d.sym) else {
                errors.push(Diag::new(
                    &*d.file,
                    d.line,
                    0,
                    format!("DATA for {} without GLOBL", d.sym.display()),
                ));
                continue;
            };
            let g = &self.globls[gi];
            if too_large[gi] {
                continue;
            }
            let end = d.off.checked_add(d.width as i64);
            if d.off < 0 || end.is_none_or(|e| e as u64 > g.size) {
                errors.push(Diag::new(
                    &*d.file,
                    d.line,
                    0,
                    format!(
                        "DATA {}+{}/{} is outside the symbol (GLOBL size {})",
                        d.sym.display(),
                        d.off,
                        d.width,
                        g.size
                    ),
                ));
                continue;
            }
            let (bytes, used, relocs) = contents[gi].get_or_insert_with(|| {
                (
                    vec![0; g.size as usize],
                    vec![false; g.size as usize],
                    Vec::new(),
                )
            });
            let range = d.off as usize..d.off as usize + d.width;
            if used[range.clone()].iter().any(|u| *u) {
                errors.push(Diag::new(
                    &*d.file,
                    d.line,
                    0,
                    format!("overlapping DATA entry for {}", d.sym.display()),
                ));
                continue;
            }
            used[range.clone()].fill(true);
            match &d.value {
                DataValue::Int(v) => {
                    bytes[range].copy_from_slice(&v.to_le_bytes()[..d.width]);
                }
                DataValue::Bytes(b) => bytes[range.start..range.start + b.len()].copy_from_slice(b),
                DataValue::Addr(s, off) => relocs.push(Reloc {
                    offset: d.off as usize,
                    kind: if d.width == 8 {
                        RelocKind::Abs64
                    } else {
                        RelocKind::Abs32
                    },
                    sym: s.clone(),
                    addend: *off,
                }),
            }
        }
        if !errors.is_empty() || !self.diags.is_empty() {
            return Err(errors);
        }
        let mut datas = Vec::new();
        for (g, c) in self.globls.iter().zip(contents) {
            let has_data = c.is_some();
            let section = if g.flags & RODATA != 0 {
                DataSection::Rodata
            } else if g.flags & NOPTR != 0 {
                if has_data {
                    DataSection::Noptrdata
                } else {
                    DataSection::Noptrbss
                }
            } else if has_data {
                DataSection::Data
            } else {
                DataSection::Bss
            };
            let (bytes, relocs) = match c {
                Some((b, _, r)) => (Some(b), r),
                None if section == DataSection::Rodata => (Some(vec![0; g.size as usize]), vec![]),
                None => (None, Vec::new()),
            };
            datas.push(ObjData {
                sym: g.sym.clone(),
                elf_name: name_of(&g.sym),
                dupok: g.flags & DUPOK != 0,
                section,
                size: g.size,
                bytes,
                relocs,
            });
        }
        obj::write(&self.file, &funcs, &datas, &name_of).map_err(|es| {
            es.into_iter()
                .map(|e| Diag::new(&*self.file, 0, 0, e))
                .collect()
        })
    }
}
