//! Parser: preprocessed statements to labels, a mnemonic and operand structs.
//!
//! The operand grammar is amd64's subset of cmd/asm/internal/asm/parse.go: registers, `$imm`
//! constant expressions, `$sym+off(SB)` addresses, `$"string"`, memory operands
//! `sym+off(BASE)(INDEX*scale)` with BASE a register or one of the pseudo-registers SB, FP, SP,
//! TLS, PC-relative branch targets `n(PC)`, and bare label names.

use std::rc::Rc;

use super::arch::{self, Reg};
use super::lex::{Line, Tok};

/// A symbol reference as written: `runtime·x` or `x<>` (file-local).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SymRef {
    pub name: String,
    pub local: bool,
}

impl SymRef {
    /// The name as written in the source, for messages.
    pub fn display(&self) -> String {
        if self.local {
            format!("{}<>", self.name)
        } else {
            self.name.clone()
        }
    }
}

/// A memory operand.
#[derive(Clone, Debug, PartialEq)]
pub struct Mem {
    pub sym: Option<SymRef>,
    pub off: i64,
    /// Base register or pseudo-register; None for an absolute address (`MOVL $1, 0xf1`).
    pub base: Option<Reg>,
    /// General index register number and scale.
    pub index: Option<(u8, u8)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    Reg(Reg),
    Imm(i64),
    Float(f64),
    Str(Vec<u8>),
    /// `$sym+off(SB)`: the address of a symbol.
    Addr {
        sym: SymRef,
        off: i64,
    },
    Mem(Mem),
    /// A bare name: a branch target label.
    Label(String),
    /// `n(PC)`: the n-th instruction after this one.
    PcRel(i64),
}

impl Operand {
    /// A short description of the operand's kind, for "invalid instruction" messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Operand::Reg(Reg::X(_)) => "SSE register",
            Operand::Reg(Reg::Y(_)) => "AVX register",
            Operand::Reg(_) => "register",
            Operand::Imm(_) => "immediate",
            Operand::Float(_) => "floating-point constant",
            Operand::Str(_) => "string",
            Operand::Addr { .. } => "address constant",
            Operand::Mem(_) => "memory",
            Operand::Label(_) => "label",
            Operand::PcRel(_) => "PC-relative target",
        }
    }
}

/// One statement: labels defined before it, its mnemonic or directive, and its operands as
/// token lists (directives interpret their operands themselves).
#[derive(Clone, Debug)]
pub struct Stmt {
    pub file: Rc<str>,
    pub line: u32,
    pub labels: Vec<String>,
    pub op: Option<String>,
    pub args: Vec<Vec<Tok>>,
}

/// Splits a line into labels, the mnemonic and comma-separated operands.
pub fn statement(line: &Line) -> Result<Stmt, String> {
    let t = &line.toks;
    let mut i = 0;
    let mut labels = Vec::new();
    while let (Some(Tok::Ident(name)), Some(Tok::Op(":"))) = (t.get(i), t.get(i + 1)) {
        labels.push(name.clone());
        i += 2;
    }
    let mut stmt = Stmt {
        file: line.file.clone(),
        line: line.line,
        labels,
        op: None,
        args: Vec::new(),
    };
    match t.get(i) {
        None => return Ok(stmt),
        Some(Tok::Ident(op)) => stmt.op = Some(op.clone()),
        Some(other) => {
            return Err(format!(
                "expected identifier, found {:?}",
                other.to_string()
            ))
        }
    }
    i += 1;
    if i == t.len() {
        return Ok(stmt);
    }
    let mut depth = 0i32;
    let mut cur = Vec::new();
    for tok in &t[i..] {
        match tok {
            Tok::Op("(") => depth += 1,
            Tok::Op(")") => depth -= 1,
            Tok::Op(",") if depth == 0 => {
                stmt.args.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(tok.clone());
    }
    stmt.args.push(cur);
    Ok(stmt)
}

/// Renders tokens back to text for messages (`0(CX)(TLS*1)`).
pub fn text(toks: &[Tok]) -> String {
    let mut s = String::new();
    for t in toks {
        s.push_str(&t.to_string());
    }
    s
}

fn is_reg_ident(t: Option<&Tok>) -> bool {
    matches!(t, Some(Tok::Ident(n)) if arch::register(n).is_some())
}

/// Parses one instruction operand.
pub fn operand(toks: &[Tok]) -> Result<Operand, String> {
    let Some(first) = toks.first() else {
        return Err("missing operand".into());
    };
    if *first == Tok::Op("$") {
        let rest = &toks[1..];
        match rest {
            [] => return Err("missing operand after $".into()),
            [Tok::Str(s)] => return Ok(Operand::Str(s.clone())),
            [Tok::Float(f)] => return Ok(Operand::Float(*f)),
            [Tok::Op("-"), Tok::Float(f)] => return Ok(Operand::Float(-f)),
            [Tok::Ident(n), ..] if arch::register(n).is_none() => {
                let m = memory(rest)?;
                return match m {
                    Mem {
                        sym: Some(sym),
                        off,
                        base: Some(Reg::Sb),
                        index: None,
                    } => Ok(Operand::Addr { sym, off }),
                    Mem { sym: Some(sym), .. } => Err(format!(
                        "illegal or missing addressing mode for symbol {}",
                        sym.display()
                    )),
                    _ => Err(format!("bad address constant ${}", text(rest))),
                };
            }
            _ => return Ok(Operand::Imm(eval(rest)? as i64)),
        }
    }
    if let [Tok::Ident(n)] = toks {
        return Ok(match arch::register(n) {
            Some(r) => Operand::Reg(r),
            None => Operand::Label(n.clone()),
        });
    }
    let m = memory(toks)?;
    if m.base == Some(Reg::Pc) {
        if m.sym.is_some() || m.index.is_some() {
            return Err("illegal addressing mode for PC".into());
        }
        return Ok(Operand::PcRel(m.off));
    }
    Ok(Operand::Mem(m))
}

/// Parses `[sym[<>]][±off](BASE)[(INDEX*scale)]`, or an absolute address `expr`.
pub fn memory(toks: &[Tok]) -> Result<Mem, String> {
    let mut i = 0;
    let mut sym = None;
    if let Some(Tok::Ident(name)) = toks.first() {
        if arch::register(name).is_none() {
            let mut local = false;
            i = 1;
            if toks.get(1) == Some(&Tok::Op("<")) {
                match (toks.get(2), toks.get(3)) {
                    (Some(Tok::Op(">")), _) => {
                        local = true;
                        i = 3;
                    }
                    // An ABI selector, `sym<ABIInternal>(SB)`: tbuild has one ABI, so ignore it.
                    (Some(Tok::Ident(_)), Some(Tok::Op(">"))) => i = 4,
                    _ => return Err(format!("malformed symbol reference {}", text(toks))),
                }
            }
            sym = Some(SymRef {
                name: name.clone(),
                local,
            });
        }
    }
    // The offset expression runs up to the first top-level parenthesised register.
    let mut j = i;
    let mut depth = 0;
    while j < toks.len() {
        match toks[j] {
            Tok::Op("(")
                if depth == 0
                    && is_reg_ident(toks.get(j + 1))
                    && matches!(toks.get(j + 2), Some(Tok::Op(")")) | Some(Tok::Op("*"))) =>
            {
                break
            }
            Tok::Op("(") => depth += 1,
            Tok::Op(")") => depth -= 1,
            _ => {}
        }
        j += 1;
    }
    let off = if j > i { eval(&toks[i..j])? as i64 } else { 0 };
    let mut m = Mem {
        sym,
        off,
        base: None,
        index: None,
    };
    if j == toks.len() {
        if let Some(s) = &m.sym {
            return Err(format!(
                "illegal or missing addressing mode for symbol {}",
                s.display()
            ));
        }
        return Ok(m);
    }
    // Register groups: (BASE) then optionally (INDEX*scale); or just (INDEX*scale).
    let mut k = j;
    let mut groups = 0;
    while k < toks.len() {
        groups += 1;
        if groups > 2 || toks[k] != Tok::Op("(") {
            return Err(format!("unexpected {} in operand", toks[k]));
        }
        let Some(Tok::Ident(rn)) = toks.get(k + 1) else {
            return Err("expected register".into());
        };
        let Some(r) = arch::register(rn) else {
            return Err(format!("expected register; found {rn}"));
        };
        match toks.get(k + 2) {
            Some(Tok::Op(")")) => {
                if groups == 2 {
                    // Go rejects (AX)(BX) without a scale on amd64.
                    return Err(format!(
                        "invalid instruction: index register {rn} needs a scale"
                    ));
                }
                m.base = Some(r);
                k += 3;
            }
            Some(Tok::Op("*")) => {
                let scale = match toks.get(k + 3) {
                    Some(Tok::Int(s)) if matches!(s, 1 | 2 | 4 | 8) => *s as u8,
                    Some(t) => return Err(format!("bad scale: {t}")),
                    None => return Err("bad scale".into()),
                };
                if toks.get(k + 4) != Some(&Tok::Op(")")) {
                    return Err("missing right parenthesis".into());
                }
                match r {
                    Reg::Gp(n) => {
                        if n == 4 {
                            return Err(
                                "invalid instruction: SP cannot be an index register".into()
                            );
                        }
                        m.index = Some((n, scale));
                    }
                    // 0(CX)(TLS*1): the g slot; the base register is ignored (see encode.rs).
                    Reg::Tls => {
                        m.base = Some(Reg::Tls);
                        m.index = None;
                    }
                    _ => {
                        return Err(format!(
                            "invalid instruction: {} cannot be an index register",
                            arch::reg_name(r)
                        ))
                    }
                }
                k += 5;
                if m.base == Some(Reg::Tls) {
                    continue;
                }
            }
            _ => return Err("missing right parenthesis".into()),
        }
    }
    if m.sym.is_some() && !matches!(m.base, Some(Reg::Sb) | Some(Reg::Fp) | Some(Reg::Gp(4))) {
        return Err(format!(
            "cannot use symbol {} with register {}",
            m.sym.as_ref().map(|s| s.display()).unwrap_or_default(),
            m.base.map(arch::reg_name).unwrap_or_default()
        ));
    }
    if m.sym.is_none() && matches!(m.base, Some(Reg::Sb)) {
        return Err("cannot reference SB without a symbol".into());
    }
    Ok(m)
}

/// Evaluates a constant expression with Go's assembler grammar (parse.go `expr`): `+ - | ^` bind
/// loosest, then `* / % << >> &`, then unary `+ - ~` and parentheses. Arithmetic is on uint64.
pub fn eval(toks: &[Tok]) -> Result<u64, String> {
    let mut p = 0;
    let v = expr(toks, &mut p, 0)?;
    if p != toks.len() {
        return Err(format!("unexpected {} evaluating expression", toks[p]));
    }
    Ok(v)
}

/// Nesting limit for parentheses and unary operators, so no input can exhaust the stack.
const MAX_DEPTH: usize = 100;

fn expr(t: &[Tok], p: &mut usize, depth: usize) -> Result<u64, String> {
    if depth > MAX_DEPTH {
        return Err("expression too deeply nested".into());
    }
    let mut v = term(t, p, depth)?;
    while let Some(Tok::Op(op)) = t.get(*p) {
        let op = *op;
        if !matches!(op, "+" | "-" | "|" | "^") {
            break;
        }
        *p += 1;
        let r = term(t, p, depth)?;
        v = match op {
            "+" => v.wrapping_add(r),
            "-" => v.wrapping_sub(r),
            "|" => v | r,
            _ => v ^ r,
        };
    }
    Ok(v)
}

fn term(t: &[Tok], p: &mut usize, depth: usize) -> Result<u64, String> {
    let mut v = factor(t, p, depth)?;
    while let Some(Tok::Op(op)) = t.get(*p) {
        let op = *op;
        if !matches!(op, "*" | "/" | "%" | "<<" | ">>" | "&") {
            break;
        }
        *p += 1;
        let r = factor(t, p, depth)?;
        v = match op {
            "*" => v.wrapping_mul(r),
            "/" if r == 0 => return Err("division by zero".into()),
            "/" => v / r,
            "%" if r == 0 => return Err("modulo by zero".into()),
            "%" => v % r,
            "<<" => {
                if r >= 64 {
                    0
                } else {
                    v << r
                }
            }
            ">>" => {
                if r >= 64 {
                    0
                } else {
                    v >> r
                }
            }
            _ => v & r,
        };
    }
    Ok(v)
}

fn factor(t: &[Tok], p: &mut usize, depth: usize) -> Result<u64, String> {
    if depth > MAX_DEPTH {
        return Err("expression too deeply nested".into());
    }
    let Some(tok) = t.get(*p) else {
        return Err("unexpected end of expression".into());
    };
    *p += 1;
    match tok {
        Tok::Int(v) => Ok(*v),
        Tok::Op("+") => factor(t, p, depth + 1),
        Tok::Op("-") => Ok(factor(t, p, depth + 1)?.wrapping_neg()),
        Tok::Op("~") => Ok(!factor(t, p, depth + 1)?),
        Tok::Op("(") => {
            let v = expr(t, p, depth + 1)?;
            if t.get(*p) != Some(&Tok::Op(")")) {
                return Err("missing closing paren".into());
            }
            *p += 1;
            Ok(v)
        }
        Tok::Ident(n) => Err(format!("undefined name {n} in expression")),
        other => Err(format!("unexpected {other} evaluating expression")),
    }
}
