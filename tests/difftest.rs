//! Differential test: random Go programs in tbuild's subset, built and run by tbuild and by Go,
//! must print the same stdout and stderr and exit with the same status.
//!
//! A seeded generator (splitmix64, no crates) writes one small self-contained *unit* per seed:
//! struct and array types, globals with static initialisers, a few functions (parameters of
//! every integer width, bools, strings, structs, arrays and pointers; several and named
//! results) whose bodies use arithmetic with wrapping, guarded division and remainder, shifts
//! by counts of every integer type (including counts >= the width), conversions between all
//! integer types, comparisons, `&&` `||` `!`, `if`/`else`, four loop forms (one counting over
//! an array with `range` or `i < len(a)`, indexing it with the counter) with
//! `break`/`continue`, calls, struct fields and array elements with constant or guarded
//! indexes, and `fmt.Println`/`fmt.Print`/`println` of the values; and blocks using the
//! features of the sequential language (`feature_stmt`): closures capturing a loop's variable
//! (Go 1.19 semantics) and sharing one by reference, defer and recover (a panic of a value or
//! a run-time error, recovered; deferred calls in loops; a named result set by a deferred
//! closure), maps with struct and interface keys printed by fmt, embedded fields with
//! promoted methods, generic functions and types, and structs of one pointer word held in
//! interfaces (methods through itabs, equality, map keys, type switches). Every
//! generated program is valid Go and exits normally: no unrecovered panics (divisors are `(x | mask)` or non-zero constants, indexes are
//! in range, shift counts non-negative), no constant expressions that could overflow (no
//! operator ever combines two constants, constants are in range of their type), and every
//! local is used (each block prints the variables it declared).
//!
//! Units are concatenated into one program per batch so that one `go build` (~200 ms) serves
//! many seeds; each unit prints a `== unit SEED` marker so a mismatch is traced to its seed.
//! A failing seed is written to a standalone program in `$TMPDIR/tbuild-difftest/` and the
//! test fails with its path and both outputs.
//!
//! CI runs a fixed range of seeds. To run many seeds by hand:
//!
//! ```sh
//! TBUILD_DIFF_SEED=123 TBUILD_DIFF_COUNT=500 cargo test -p tbuild --test difftest -- --nocapture
//! ```
//!
//! `TBUILD_DIFF_SEED` is the first seed, `TBUILD_DIFF_COUNT` the number of seeds (units),
//! `TBUILD_DIFF_BATCH` the units per program. One seed alone reproduces a failure:
//! `TBUILD_DIFF_SEED=N TBUILD_DIFF_COUNT=1`. `TBUILD_DIFF_PRINT=N` prints seed N's program
//! and exits.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use common::*;

/// The seeds CI checks: all pass today (see /work/notes/compiler-bugs.md for failing ones).
const CI_SEED: u64 = 1;
const CI_COUNT: u64 = 300;
const BATCH: usize = 20;

// ---------------------------------------------------------------------------------------------
// Types

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum IntTy {
    I8,
    I16,
    I32,
    I64,
    Int,
    U8,
    U16,
    U32,
    U64,
    Uint,
    Uintptr,
}

use IntTy::*;

const INT_TYPES: [IntTy; 11] = [I8, I16, I32, I64, Int, U8, U16, U32, U64, Uint, Uintptr];

impl IntTy {
    fn name(self) -> &'static str {
        match self {
            I8 => "int8",
            I16 => "int16",
            I32 => "int32",
            I64 => "int64",
            Int => "int",
            U8 => "uint8",
            U16 => "uint16",
            U32 => "uint32",
            U64 => "uint64",
            Uint => "uint",
            Uintptr => "uintptr",
        }
    }

    fn bits(self) -> u32 {
        match self {
            I8 | U8 => 8,
            I16 | U16 => 16,
            I32 | U32 => 32,
            _ => 64,
        }
    }

    fn signed(self) -> bool {
        matches!(self, I8 | I16 | I32 | I64 | Int)
    }

    fn min(self) -> i128 {
        if self.signed() {
            -(1i128 << (self.bits() - 1))
        } else {
            0
        }
    }

    fn max(self) -> i128 {
        if self.signed() {
            (1i128 << (self.bits() - 1)) - 1
        } else {
            (1i128 << self.bits()) - 1
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Ty {
    Int(IntTy),
    Bool,
    Str,
    Struct(usize),
    Array(Box<Ty>, usize),
    Ptr(Box<Ty>),
}

impl Ty {
    fn is_scalar(&self) -> bool {
        matches!(self, Ty::Int(_) | Ty::Bool | Ty::Str)
    }
}

#[derive(Clone)]
struct Var {
    name: String,
    ty: Ty,
    mutable: bool,
}

/// A readable (and, if `mutable`, assignable and addressable) expression: a variable, a field,
/// an array element with a constant index, or a pointer's target.
#[derive(Clone)]
struct Place {
    text: String,
    ty: Ty,
    mutable: bool,
}

struct Func {
    name: String,
    params: Vec<Ty>,
    results: Vec<Ty>,
    /// Statements one call executes, at most (loops multiply, calls add).
    cost: u64,
    /// Writes no global and nothing through a pointer (so it may be called in expressions).
    pure: bool,
}

const WORDS: [&str; 8] = [
    "a",
    "go",
    "héllo",
    "tbuild",
    "x\ty",
    "Zebra",
    "zebra",
    "\u{1F600}!",
];

// ---------------------------------------------------------------------------------------------
// Generator

struct Gen {
    rng: Rng,
    p: String,
    structs: Vec<Vec<(String, Ty)>>,
    /// The array types the unit uses (each has a global).
    arrays: Vec<Ty>,
    /// Named constants: name, type (None: untyped), value.
    consts: Vec<(String, Option<IntTy>, i128)>,
    /// Whether the function being generated is the unit's entry.
    entry: bool,
    globals: Vec<Var>,
    funcs: Vec<Func>,
    scopes: Vec<Vec<Var>>,
    out: String,
    indent: usize,
    next_id: usize,
    /// Loop iterations that enclose the statement being generated.
    mult: u64,
    /// Cost of the function being generated so far, and its budget.
    cost: u64,
    budget: u64,
    loop_depth: usize,
    /// Results of the function being generated (for `return`), and whether they are named.
    results: Vec<Ty>,
    named_results: bool,
    /// Whether the function being generated is still pure (see `Func::pure`).
    pure: bool,
}

impl Gen {
    fn new(seed: u64) -> Gen {
        Gen {
            rng: Rng::new(seed),
            p: format!("u{seed}_"),
            structs: Vec::new(),
            arrays: Vec::new(),
            consts: Vec::new(),
            entry: false,
            globals: Vec::new(),
            funcs: Vec::new(),
            scopes: Vec::new(),
            out: String::new(),
            indent: 0,
            next_id: 0,
            mult: 1,
            cost: 0,
            budget: 0,
            loop_depth: 0,
            results: Vec::new(),
            named_results: false,
            pure: true,
        }
    }

    fn fresh(&mut self, base: &str) -> String {
        self.next_id += 1;
        format!("{base}{}", self.next_id)
    }

    fn line(&mut self, s: &str) {
        for _ in 0..self.indent {
            self.out.push('\t');
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn int_name(&mut self, t: IntTy) -> &'static str {
        // byte and rune are aliases: the same type under another name.
        match t {
            U8 if self.rng.chance(25) => "byte",
            I32 if self.rng.chance(25) => "rune",
            _ => t.name(),
        }
    }

    fn ty_name(&mut self, t: &Ty) -> String {
        match t {
            Ty::Int(i) => self.int_name(*i).to_string(),
            Ty::Bool => "bool".into(),
            Ty::Str => "string".into(),
            Ty::Struct(i) => format!("{}S{i}", self.p),
            Ty::Array(e, n) => format!("[{n}]{}", self.ty_name(e)),
            Ty::Ptr(e) => format!("*{}", self.ty_name(e)),
        }
    }

    fn rand_int_ty(&mut self) -> IntTy {
        *self.rng.pick(&INT_TYPES)
    }

    /// A type for a variable, field or parameter.
    fn rand_ty(&mut self, allow_agg: bool) -> Ty {
        match self.rng.below(12) {
            0 => Ty::Bool,
            1 if allow_agg && !self.structs.is_empty() => {
                Ty::Struct(self.rng.below(self.structs.len()))
            }
            2 if allow_agg => self.rng.pick(&self.arrays).clone(),
            _ => Ty::Int(self.rand_int_ty()),
        }
    }

    // ---- constants ----

    fn lit_value(&mut self, t: IntTy) -> i128 {
        let (lo, hi) = (t.min(), t.max());
        match self.rng.below(10) {
            0 => lo,
            1 => hi,
            2 => 0,
            3 => 1,
            4 if t.signed() => -1,
            5 => self.rng.range(lo.max(-20), hi.min(20)),
            6 => hi - self.rng.range(0, 3),
            7 => lo + self.rng.range(0, 3),
            8 => self.rng.range(lo.max(-1000), hi.min(1000)),
            _ => self.rng.range(lo, hi),
        }
    }

    fn fmt_lit(&mut self, v: i128) -> String {
        if v < 0 {
            format!("({v})")
        } else if v > 9 && self.rng.chance(20) {
            format!("{v:#x}")
        } else {
            v.to_string()
        }
    }

    fn lit(&mut self, t: IntTy) -> String {
        let v = self.lit_value(t);
        self.fmt_lit(v)
    }

    fn nonzero_lit(&mut self, t: IntTy) -> String {
        if self.rng.chance(30) {
            let ct = if self.rng.chance(50) { Some(t) } else { None };
            let (e, v) = self.const_expr(ct, 2);
            if v != 0 && t.min() <= v && v <= t.max() {
                return format!("({e})");
            }
        }
        loop {
            let v = self.lit_value(t);
            if v != 0 {
                return self.fmt_lit(v);
            }
        }
    }

    // ---- constant expressions ----

    /// A constant expression and its exact value: of type `t` (every step representable in t,
    /// as Go requires of typed constants), or untyped (t None, kept within ±2^100 so that
    /// i128 holds every intermediate).
    fn const_expr(&mut self, t: Option<IntTy>, d: u32) -> (String, i128) {
        for _ in 0..20 {
            if let Some(r) = self.try_const(t, d) {
                return r;
            }
        }
        let v = match t {
            Some(t) => self.lit_value(t),
            None => self.rng.range(-1000, 1000),
        };
        (self.fmt_lit(v), v)
    }

    fn try_const(&mut self, t: Option<IntTy>, d: u32) -> Option<(String, i128)> {
        let fits = |v: i128| match t {
            Some(t) => t.min() <= v && v <= t.max(),
            None => v.abs() < 1 << 100,
        };
        let leaf = d == 0 || self.rng.chance(25);
        let (text, v) = match if leaf { 0 } else { 1 + self.rng.below(10) } {
            0 => {
                // A literal, a rune literal or a named constant.
                let named: Vec<(String, i128)> = self
                    .consts
                    .iter()
                    .filter(|c| c.1.is_none() || c.1 == t)
                    .map(|c| (c.0.clone(), c.2))
                    .collect();
                match self.rng.below(6) {
                    0 if !named.is_empty() => self.rng.pick(&named).clone(),
                    1 => {
                        let (r, v) = *self.rng.pick(&[
                            ("'a'", 97),
                            ("'\\n'", 10),
                            ("'é'", 233),
                            ("'\\x7f'", 127),
                            ("'\\377'", 255),
                            ("'0'", 48),
                        ]);
                        (r.to_string(), v)
                    }
                    _ => {
                        let v = match t {
                            Some(t) => self.lit_value(t),
                            None => match self.rng.below(3) {
                                0 => self.rng.range(-(1 << 70), 1 << 70),
                                _ => self.rng.range(-300, 300),
                            },
                        };
                        match t {
                            Some(t) if self.rng.chance(30) => {
                                (format!("{}({})", t.name(), self.fmt_lit(v)), v)
                            }
                            _ => (self.fmt_lit(v), v),
                        }
                    }
                }
            }
            1..=5 => {
                let ops = ["+", "-", "*", "/", "%", "&", "|", "^", "&^", "<<", ">>"];
                let op = *self.rng.pick(&ops);
                let (l, lv) = self.const_expr(t, d - 1);
                if op == "<<" || op == ">>" {
                    let max = t.map_or(100, |t| t.bits() as i128 + 4);
                    let c = self.rng.range(0, max);
                    let v = if op == ">>" {
                        lv >> c.min(127)
                    } else {
                        let bits = 128 - lv.unsigned_abs().leading_zeros() as i128;
                        if lv != 0 && bits + c > 101 {
                            return None;
                        }
                        lv << c
                    };
                    (format!("({l} {op} {c})"), v)
                } else {
                    // The other operand typed the same, or untyped (then it must fit t).
                    let rt = if self.rng.chance(30) { None } else { t };
                    let (r, rv) = self.const_expr(rt, d - 1);
                    if !fits(rv) {
                        return None;
                    }
                    let v = match op {
                        "+" => lv + rv,
                        "-" => lv - rv,
                        "*" => lv.checked_mul(rv)?,
                        "/" | "%" if rv == 0 => return None,
                        "/" => lv / rv,
                        "%" => lv % rv,
                        "&" => lv & rv,
                        "|" => lv | rv,
                        "^" => lv ^ rv,
                        _ => lv & !rv,
                    };
                    (format!("({l} {op} {r})"), v)
                }
            }
            6 | 7 => {
                let (e, v) = self.const_expr(t, d - 1);
                match self.rng.below(3) {
                    0 => (format!("(-{e})"), -v),
                    1 => (format!("(+{e})"), v),
                    _ => match t {
                        // `^5` is untyped (-6): convert first to complement in t.
                        Some(t) if !t.signed() => (format!("(^{}({e}))", t.name()), t.max() ^ v),
                        _ => (format!("(^{e})"), !v),
                    },
                }
            }
            _ => {
                // A conversion from another type (or untyped) to t.
                let t = t?;
                let from = if self.rng.chance(50) {
                    None
                } else {
                    Some(self.rand_int_ty())
                };
                let (e, v) = self.const_expr(from, d - 1);
                (format!("{}({e})", t.name()), v)
            }
        };
        fits(v).then_some((text, v))
    }

    // ---- places ----

    fn expand(&self, text: String, ty: &Ty, mutable: bool, out: &mut Vec<Place>) {
        match ty {
            Ty::Struct(i) => {
                for (f, fty) in &self.structs[*i] {
                    self.expand(format!("{text}.{f}"), fty, mutable, out);
                }
            }
            Ty::Array(e, n) => {
                for k in 0..*n {
                    self.expand(format!("{text}[{k}]"), e, mutable, out);
                }
            }
            Ty::Ptr(e) => {
                if let Ty::Struct(i) = **e {
                    // Automatic dereference for fields; `*p` for the whole struct.
                    out.push(Place {
                        text: format!("*{text}"),
                        ty: (**e).clone(),
                        mutable: true,
                    });
                    for (f, fty) in &self.structs[i] {
                        self.expand(format!("{text}.{f}"), fty, true, out);
                    }
                    return;
                }
                self.expand(format!("(*{text})"), e, true, out);
                return;
            }
            _ => {}
        }
        out.push(Place {
            text,
            ty: ty.clone(),
            mutable,
        });
    }

    fn all_places(&self) -> Vec<Place> {
        let mut out = Vec::new();
        for v in self.globals.iter().chain(self.scopes.iter().flatten()) {
            self.expand(v.name.clone(), &v.ty, v.mutable, &mut out);
        }
        out
    }

    fn places_of(&self, ty: &Ty, need_mut: bool) -> Vec<Place> {
        self.all_places()
            .into_iter()
            .filter(|p| &p.ty == ty && (p.mutable || !need_mut))
            .collect()
    }

    /// A place of type `ty`, sometimes an array element with a guarded dynamic index.
    fn place(&mut self, ty: &Ty, need_mut: bool, d: u32) -> Option<String> {
        if self.rng.chance(20) {
            let arrays: Vec<Place> = self
                .all_places()
                .into_iter()
                .filter(|p| {
                    (p.mutable || !need_mut) && matches!(&p.ty, Ty::Array(e, _) if **e == *ty)
                })
                .collect();
            if !arrays.is_empty() {
                let a = self.rng.pick(&arrays).clone();
                let Ty::Array(_, n) = a.ty else {
                    unreachable!()
                };
                let it = self.rand_int_ty();
                let (e, _) = self.int_expr(it, d.min(1), false);
                let conv = *self.rng.pick(&["uint", "uint64", "uintptr", "uint8"]);
                let idx = if conv == "uint8" {
                    format!("uint8({e}) % {n}")
                } else {
                    format!("{conv}({e}) % {n}")
                };
                return Some(format!("{}[{idx}]", a.text));
            }
        }
        let ps = self.places_of(ty, need_mut);
        if ps.is_empty() {
            return None;
        }
        Some(self.rng.pick(&ps).text.clone())
    }

    fn str_vars(&self) -> Vec<String> {
        // Only variables (never fields: their zero value is "") are indexed; all are non-empty.
        self.globals
            .iter()
            .chain(self.scopes.iter().flatten())
            .filter(|v| v.ty == Ty::Str)
            .map(|v| v.name.clone())
            .collect()
    }

    // ---- expressions ----

    /// An expression of integer type `t` and whether it is a constant. With `allow_const`
    /// false the result is never constant. No operator combines two constants, so no constant
    /// expression can overflow.
    fn int_expr(&mut self, t: IntTy, d: u32, allow_const: bool) -> (String, bool) {
        if d == 0 || self.rng.chance(25) {
            return self.int_leaf(t, d, allow_const);
        }
        let tn = t.name();
        match self.rng.below(20) {
            0..=6 => {
                let op = *self
                    .rng
                    .pick(&["+", "-", "*", "&", "|", "^", "&^", "+", "-", "*"]);
                let (l, lc) = self.int_expr(t, d - 1, true);
                let (r, _) = self.int_expr(t, d - 1, !lc);
                (format!("({l} {op} {r})"), false)
            }
            7..=8 => {
                let op = *self.rng.pick(&["/", "%"]);
                let (l, lc) = self.int_expr(t, d - 1, true);
                let r = self.divisor(t, d - 1, !lc);
                (format!("({l} {op} {r})"), false)
            }
            9..=10 => {
                let op = *self.rng.pick(&["<<", ">>"]);
                let (l, _) = self.int_expr(t, d - 1, false);
                let c = self.shift_count(t, d - 1);
                (format!("({l} {op} {c})"), false)
            }
            11 => {
                let op = *self.rng.pick(&["-", "^", "+"]);
                let (e, _) = self.int_expr(t, d - 1, false);
                (format!("({op}{e})"), false)
            }
            12..=14 => {
                let from = self.rand_int_ty();
                let (e, _) = self.int_expr(from, d - 1, false);
                let name = self.int_name(t);
                (format!("{name}({e})"), false)
            }
            15 | 16 => match self.call_expr(&Ty::Int(t), d - 1) {
                Some(c) => (c, false),
                None => self.int_leaf(t, d, allow_const),
            },
            17 => {
                let svs = self.str_vars();
                if svs.is_empty() {
                    return self.int_leaf(t, d, allow_const);
                }
                let s = self.rng.pick(&svs).clone();
                if self.rng.chance(50) {
                    (format!("{tn}(len({s}))"), false)
                } else {
                    let it = self.rand_int_ty();
                    let (e, _) = self.int_expr(it, d - 1, false);
                    (format!("{tn}({s}[uint({e}) % uint(len({s}))])"), false)
                }
            }
            _ => self.int_leaf(t, d, allow_const),
        }
    }

    fn int_leaf(&mut self, t: IntTy, d: u32, allow_const: bool) -> (String, bool) {
        if allow_const && self.rng.chance(35) {
            if self.rng.chance(40) {
                // A constant expression, typed or untyped, whose value fits t.
                let ct = if self.rng.chance(50) { Some(t) } else { None };
                let d = 1 + self.rng.below(3) as u32;
                let (e, v) = self.const_expr(ct, d);
                if t.min() <= v && v <= t.max() {
                    return (format!("({e})"), true);
                }
            }
            return (self.lit(t), true);
        }
        if let Some(p) = self.place(&Ty::Int(t), false, d) {
            return (p, false);
        }
        // No variable of that type in scope: convert one of another type.
        let from = self.rand_int_ty();
        let p = self
            .place(&Ty::Int(from), false, 0)
            .expect("every integer type has a global");
        (format!("{}({p})", t.name()), false)
    }

    /// A divisor that is never zero: a non-zero constant or `(x | mask)`.
    fn divisor(&mut self, t: IntTy, d: u32, allow_const: bool) -> String {
        if allow_const && self.rng.chance(35) {
            return self.nonzero_lit(t);
        }
        let (e, _) = self.int_expr(t, d, false);
        let max_bit = if t.signed() { 6 } else { 7 };
        let mask = 1u32 << self.rng.range(0, max_bit);
        format!("({e} | {mask})")
    }

    /// A non-negative shift count of a random integer type, sometimes >= the width.
    fn shift_count(&mut self, t: IntTy, d: u32) -> String {
        let ct = self.rand_int_ty();
        if self.rng.chance(35) {
            let hi = (t.bits() as i128 + 8).min(ct.max());
            let v = self.rng.range(0, hi);
            if self.rng.chance(30) {
                return format!("{}({v})", ct.name());
            }
            return v.to_string();
        }
        let (e, _) = self.int_expr(ct, d, false);
        if ct.signed() {
            let mask = *self.rng.pick(&[7, 15, 31, 63, 127]);
            return format!("({e} & {mask})");
        }
        match self.rng.below(3) {
            0 => e,
            1 => {
                let mask = *self.rng.pick(&[7, 15, 31, 63, 127]);
                format!("({e} & {mask})")
            }
            _ => {
                let m = self.rng.range(2, (t.bits() as i128) * 2);
                format!("({e} % {m})")
            }
        }
    }

    fn bool_expr(&mut self, d: u32) -> String {
        if d == 0 || self.rng.chance(15) {
            if let Some(p) = self.place(&Ty::Bool, false, d) {
                if self.rng.chance(70) {
                    return p;
                }
            }
            if self.rng.chance(10) {
                return (*self.rng.pick(&["true", "false"])).to_string();
            }
        }
        let d1 = d.saturating_sub(1);
        match self.rng.below(14) {
            0..=5 => {
                let t = self.rand_int_ty();
                let op = *self.rng.pick(&["==", "!=", "<", "<=", ">", ">="]);
                let (l, lc) = self.int_expr(t, d1, true);
                let (r, _) = self.int_expr(t, d1, !lc);
                format!("({l} {op} {r})")
            }
            6 | 7 => format!("({} && {})", self.bool_expr(d1), self.bool_expr(d1)),
            8 | 9 => format!("({} || {})", self.bool_expr(d1), self.bool_expr(d1)),
            10 => format!("!{}", self.bool_expr(d1)),
            11 => {
                let op = *self.rng.pick(&["==", "!="]);
                format!("({} {op} {})", self.bool_expr(d1), self.bool_expr(d1))
            }
            12 => {
                let svs = self.str_vars();
                if svs.is_empty() {
                    return self.bool_expr(0);
                }
                let a = self.rng.pick(&svs).clone();
                let b = if self.rng.chance(50) {
                    self.rng.pick(&svs).clone()
                } else {
                    format!("{:?}", self.rng.pick(&WORDS))
                };
                let op = *self.rng.pick(&["==", "!=", "<", "<=", ">", ">="]);
                format!("({a} {op} {b})")
            }
            _ => match self.call_expr(&Ty::Bool, d1) {
                Some(c) => c,
                None => self.bool_expr(0),
            },
        }
    }

    /// An expression of any type; integer constants allowed (they are in range).
    fn expr_of(&mut self, ty: &Ty, d: u32) -> String {
        match ty {
            Ty::Int(t) => self.int_expr(*t, d, true).0,
            Ty::Bool => self.bool_expr(d),
            Ty::Str => {
                let svs = self.str_vars();
                if svs.is_empty() || self.rng.chance(40) {
                    format!("{:?}", self.rng.pick(&WORDS))
                } else {
                    self.rng.pick(&svs).clone()
                }
            }
            Ty::Ptr(e) => {
                let p = self
                    .place(e, true, d)
                    .expect("pointers are only made to types with places");
                format!("&{p}")
            }
            _ => {
                if self.rng.chance(25) {
                    if let Some(c) = self.call_expr(ty, d) {
                        return c;
                    }
                }
                self.place(ty, false, d)
                    .expect("every aggregate type has a global")
            }
        }
    }

    /// A call of a function with exactly one result of type `ty`, if one fits the budget.
    fn call_expr(&mut self, ty: &Ty, d: u32) -> Option<String> {
        // Only pure functions: Go leaves unspecified whether `g + f()` reads g before or
        // after f runs, so a call inside an expression must not write what the caller reads.
        let cands: Vec<usize> = (0..self.funcs.len())
            .filter(|&i| {
                let f = &self.funcs[i];
                f.pure && f.results.len() == 1 && f.results[0] == *ty
            })
            .collect();
        if cands.is_empty() {
            return None;
        }
        let i = *self.rng.pick(&cands);
        self.call(i, d)
    }

    fn call(&mut self, i: usize, d: u32) -> Option<String> {
        let c = self.funcs[i].cost.saturating_mul(self.mult);
        if self.cost + c > self.budget {
            return None;
        }
        self.cost += c;
        if !self.funcs[i].pure {
            self.pure = false;
        }
        let params = self.funcs[i].params.clone();
        let args: Vec<String> = params.iter().map(|t| self.expr_of(t, d.min(2))).collect();
        Some(format!("{}({})", self.funcs[i].name, args.join(", ")))
    }

    // ---- statements ----

    /// Records a write to `place`: one rooted at a global or reached through a pointer makes
    /// the current function impure.
    fn note_write(&mut self, place: &str) {
        if place.starts_with('*') || place.starts_with('(') || place.starts_with(&self.p) {
            self.pure = false;
            return;
        }
        let root = place.split(['.', '[']).next().unwrap();
        let is_ptr = self
            .scopes
            .iter()
            .flatten()
            .any(|v| v.name == root && matches!(v.ty, Ty::Ptr(_)));
        if is_ptr {
            self.pure = false;
        }
    }

    fn emit_write(&mut self, place: &str, rest: &str) {
        self.note_write(place);
        self.line(&format!("{place}{rest}"));
    }

    fn declare(&mut self, name: String, ty: Ty, mutable: bool) {
        self.scopes
            .last_mut()
            .unwrap()
            .push(Var { name, ty, mutable });
    }

    /// Prints every scalar reachable from `vars` (this is also what uses them).
    fn print_vars(&mut self, vars: &[Var]) {
        let mut places = Vec::new();
        for v in vars {
            self.expand(v.name.clone(), &v.ty, v.mutable, &mut places);
        }
        let items: Vec<String> = places
            .into_iter()
            .filter(|p| p.ty.is_scalar())
            .map(|p| p.text)
            .collect();
        for chunk in items.chunks(6) {
            self.print_stmt(chunk.to_vec());
        }
    }

    fn print_stmt(&mut self, mut items: Vec<String>) {
        self.cost += self.mult * 3;
        match self.rng.below(6) {
            0 => {
                let s = format!("println({})", items.join(", "));
                self.line(&s);
            }
            1 => {
                items.push("\"\\n\"".into());
                let s = format!("fmt.Print({})", items.join(", "));
                self.line(&s);
            }
            _ => {
                let label = format!("{:?}", self.fresh("L"));
                items.insert(0, label);
                let s = format!("fmt.Println({})", items.join(", "));
                self.line(&s);
            }
        }
    }

    fn block(&mut self, n: usize, depth: u32) {
        self.scopes.push(Vec::new());
        self.indent += 1;
        for _ in 0..n {
            if self.cost >= self.budget {
                break;
            }
            self.stmt(depth);
        }
        let vars = self.scopes.last().unwrap().clone();
        self.print_vars(&vars);
        self.indent -= 1;
        self.scopes.pop();
    }

    fn stmt(&mut self, depth: u32) {
        self.cost += self.mult;
        let d = 1 + self.rng.below(3) as u32;
        match self.rng.below(100) {
            0..=17 => {
                // New variable.
                let ty = self.rand_ty(true);
                let name = self.fresh("v");
                match &ty {
                    Ty::Int(t) if self.rng.chance(50) => {
                        let (e, _) = self.int_expr(*t, d, false);
                        self.line(&format!("{name} := {e}"));
                    }
                    Ty::Struct(_) | Ty::Array(..) if self.rng.chance(50) => {
                        let tn = self.ty_name(&ty);
                        self.line(&format!("var {name} {tn}"));
                    }
                    _ => {
                        let e = self.expr_of(&ty, d);
                        let tn = self.ty_name(&ty);
                        self.line(&format!("var {name} {tn} = {e}"));
                    }
                }
                self.declare(name, ty, true);
            }
            18..=21 => {
                let s = *self.rng.pick(&WORDS);
                let name = self.fresh("s");
                if self.rng.chance(50) {
                    self.line(&format!("{name} := {s:?}"));
                } else {
                    self.line(&format!("var {name} string = {s:?}"));
                }
                self.declare(name, Ty::Str, true);
            }
            22..=24 => {
                // Pointer to an integer or struct place.
                let ty = if self.rng.chance(60) || self.structs.is_empty() {
                    Ty::Int(self.rand_int_ty())
                } else {
                    Ty::Struct(self.rng.below(self.structs.len()))
                };
                if let Some(p) = self.place(&ty, true, 1) {
                    let name = self.fresh("p");
                    self.line(&format!("{name} := &{p}"));
                    self.declare(name, Ty::Ptr(Box::new(ty)), false);
                }
            }
            25..=42 => {
                // Assignment to any mutable place.
                let ty = if self.rng.chance(8) {
                    Ty::Str
                } else {
                    self.rand_ty(true)
                };
                if let Some(p) = self.place(&ty, true, 1) {
                    let e = self.expr_of(&ty, d);
                    self.emit_write(&p, &format!(" = {e}"));
                }
            }
            43..=51 => {
                let t = self.rand_int_ty();
                if let Some(p) = self.place(&Ty::Int(t), true, 1) {
                    let op = *self.rng.pick(&[
                        "+=", "-=", "*=", "&=", "|=", "^=", "&^=", "/=", "%=", "<<=", ">>=",
                    ]);
                    let rhs = match op {
                        "/=" | "%=" => self.divisor(t, d, true),
                        "<<=" | ">>=" => self.shift_count(t, d),
                        _ => self.int_expr(t, d, true).0,
                    };
                    self.emit_write(&p, &format!(" {op} {rhs}"));
                }
            }
            52..=55 => {
                let t = self.rand_int_ty();
                if let Some(p) = self.place(&Ty::Int(t), true, 1) {
                    let op = *self.rng.pick(&["++", "--"]);
                    self.emit_write(&p, op);
                }
            }
            56..=64 if depth > 0 => {
                let c = self.bool_expr(2);
                self.line(&format!("if {c} {{"));
                let n = 1 + self.rng.below(4);
                self.block(n, depth - 1);
                if self.rng.chance(40) {
                    self.line("} else {");
                    let n = 1 + self.rng.below(3);
                    self.block(n, depth - 1);
                } else if self.rng.chance(20) {
                    let c = self.bool_expr(2);
                    self.line(&format!("}} else if {c} {{"));
                    self.block(1, depth - 1);
                }
                self.line("}");
            }
            65..=71 if depth > 0 && self.loop_depth < 2 => self.loop_stmt(depth),
            72..=77 if self.loop_depth > 0 => {
                let c = self.bool_expr(2);
                let kw = *self.rng.pick(&["break", "continue"]);
                self.line(&format!("if {c} {{"));
                self.indent += 1;
                self.line(kw);
                self.indent -= 1;
                self.line("}");
            }
            78..=80 if depth > 0 && (!self.entry || self.rng.chance(10)) => {
                let c = self.bool_expr(2);
                self.line(&format!("if {c} {{"));
                self.indent += 1;
                self.ret();
                self.indent -= 1;
                self.line("}");
            }
            88..=91 => self.feature_stmt(d),
            81..=87 => {
                let n = 1 + self.rng.below(3);
                let mut items = Vec::new();
                for _ in 0..n {
                    let e = if self.rng.chance(25) {
                        self.bool_expr(2)
                    } else if self.rng.chance(10) {
                        let svs = self.str_vars();
                        if svs.is_empty() {
                            "\"s\"".into()
                        } else {
                            self.rng.pick(&svs).clone()
                        }
                    } else {
                        let t = self.rand_int_ty();
                        self.int_expr(t, d, false).0
                    };
                    items.push(e);
                }
                self.print_stmt(items);
            }
            92..=94 => {
                // Parallel assignment: every right side is evaluated before any store
                // (constant-index places only, so no index reads a variable being stored).
                let n = 2 + self.rng.below(2);
                let mut lhs = Vec::new();
                let mut rhs = Vec::new();
                for _ in 0..n {
                    let t = Ty::Int(self.rand_int_ty());
                    let places: Vec<Place> = self
                        .places_of(&t, true)
                        .into_iter()
                        .filter(|p| !lhs.contains(&p.text))
                        .collect();
                    if places.is_empty() {
                        continue;
                    }
                    let p = self.rng.pick(&places).text.clone();
                    // Often a value another target holds: a, b = b, a.
                    let e = self
                        .place(&t, false, 0)
                        .filter(|_| self.rng.chance(60))
                        .unwrap_or_else(|| self.expr_of(&t, 1));
                    self.note_write(&p);
                    lhs.push(p);
                    rhs.push(e);
                }
                if lhs.len() > 1 {
                    self.line(&format!("{} = {}", lhs.join(", "), rhs.join(", ")));
                }
            }
            _ => self.call_stmt(d),
        }
    }

    /// One of the features of Go's sequential language that issue 10 added, in a block of
    /// its own: closures capturing a loop's variables (Go 1.19: one variable per loop) and
    /// a counter, defer and recover (a panic of a value or a run-time error, deferred calls
    /// with arguments evaluated at the defer statement), maps with struct and interface keys
    /// printed by fmt (in fmt's sorted order), generic functions and types, embedded fields
    /// and methods, and structs of one pointer word in interfaces.
    fn feature_stmt(&mut self, d: u32) {
        self.cost += self.mult * 12;
        let t = self.rand_int_ty();
        let tn = self.int_name(t);
        self.line("{");
        self.indent += 1;
        match self.rng.below(8) {
            0 => {
                // Closures appended in a loop all see the loop's one variable; a variable
                // declared in the body is new each iteration.
                let k = 1 + self.rng.below(4);
                let (x0, _) = self.int_expr(t, d, false);
                self.line(&format!("var fs []func() {tn}"));
                self.line(&format!("for i := 0; i < {k}; i++ {{"));
                self.line(&format!("\tx := {x0}"));
                self.line(&format!(
                    "\tfs = append(fs, func() {tn} {{ return x + {tn}(i) }})"
                ));
                self.line("}");
                self.line("for _, f := range fs {");
                self.line("\tfmt.Print(f(), \" \")");
                self.line("}");
                self.line("fmt.Println()");
            }
            1 => {
                // A closure sharing a variable with its function by reference.
                let (c0, _) = self.int_expr(t, d, false);
                let (a, _) = self.int_expr(t, d, true);
                let (b, _) = self.int_expr(t, d, true);
                self.line(&format!("c := {c0}"));
                self.line(&format!("add := func(n {tn}) {tn} {{ c += n; return c }}"));
                self.line(&format!("r1 := add({a})"));
                self.line("c *= 3");
                self.line(&format!("fmt.Println(\"closure\", r1, add({b}), c)"));
            }
            2 => {
                // A panic of a value, maybe, recovered by a deferred closure; deferred calls
                // run last in, first out, with arguments evaluated at the defer statement.
                let (v, _) = self.int_expr(t, d, true);
                let (early, _) = self.int_expr(t, d, true);
                let c = self.bool_expr(2);
                self.line("func() {");
                self.line("\tdefer func() {");
                self.line("\t\tif r := recover(); r != nil {");
                self.line("\t\t\tfmt.Println(\"recovered\", r)");
                self.line("\t\t}");
                self.line("\t}()");
                // Converted: an untyped constant would become an int.
                self.line(&format!("\tdefer fmt.Println(\"deferred\", {tn}({early}))"));
                self.line("\tfor j := 0; j < 2; j++ {");
                self.line("\t\tdefer fmt.Print(j, \" \")");
                self.line("\t}");
                self.line(&format!("\tif {c} {{"));
                self.line(&format!("\t\tpanic({tn}({v}))"));
                self.line("\t}");
                self.line("\tfmt.Println(\"no panic\")");
                self.line("}()");
            }
            3 => {
                // A run-time error recovered, its value printed; a named result set by the
                // deferred closure.
                let (k, _) = self.int_expr(t, d, false);
                self.line("n := func() (res int) {");
                self.line("\tdefer func() {");
                self.line("\t\tif r := recover(); r != nil {");
                self.line("\t\t\tfmt.Println(\"recovered\", r)");
                self.line("\t\t\tres = -1");
                self.line("\t\t}");
                self.line("\t}()");
                self.line("\tvar a [3]int");
                // Through int8: Go 1.19 miscompiles x % 5 for x near math.MinInt64
                // (-9223372036854775803 % 5 gives 2, not -3).
                self.line(&format!("\tidx := int(int8({k})) % 5"));
                self.line("\ta[idx] = 7");
                self.line("\treturn idx");
                self.line("}()");
                self.line("fmt.Println(\"result\", n)");
            }
            4 => {
                // Maps with struct keys (when the unit has a struct type) and interface keys
                // of several dynamic types, printed by fmt in its sorted order.
                if !self.structs.is_empty() {
                    let st = Ty::Struct(self.rng.below(self.structs.len()));
                    let sn = self.ty_name(&st);
                    self.line(&format!("m := map[{sn}]{tn}{{}}"));
                    for _ in 0..1 + self.rng.below(3) {
                        let key = self.expr_of(&st, 1);
                        let (v, _) = self.int_expr(t, d, true);
                        self.line(&format!("m[{key}] += {v}"));
                    }
                    self.line("fmt.Println(len(m), m)");
                }
                let t2 = self.rand_int_ty();
                let (a, _) = self.int_expr(t, d, false);
                let (b, _) = self.int_expr(t2, d, false);
                let w = *self.rng.pick(&WORDS);
                let c = self.bool_expr(1);
                self.line("mi := map[interface{}]int{}");
                self.line(&format!("mi[{a}] = 1"));
                self.line(&format!("mi[{b}] = 2"));
                self.line(&format!("mi[{w:?}] = 3"));
                self.line(&format!("mi[{c}]++"));
                self.line(&format!("delete(mi, {a})"));
                self.line("fmt.Println(len(mi), mi)");
            }
            5 => {
                // Generic functions, inferred and instantiated explicitly, over a type set of
                // integers, and a generic struct with a pointer method and its %T.
                let p = self.p.clone();
                let (a, _) = self.int_expr(t, d, false);
                let (b, _) = self.int_expr(t, d, false);
                let (c, _) = self.int_expr(t, d, true);
                let w = *self.rng.pick(&WORDS);
                self.line(&format!("xs := []{tn}{{{a}, {b}, {c}}}"));
                self.line(&format!(
                    "fmt.Println({p}Sum(xs...), {p}Max(xs[0], xs[1]), {p}Max[{tn}](xs[2], 3))"
                ));
                self.line(&format!(
                    "fmt.Println({p}Map(xs, func(x {tn}) string {{ return fmt.Sprint(x, \"!\") }}))"
                ));
                self.line(&format!("pr := {p}Pair[{tn}, string]{{xs[1], {w:?}}}"));
                self.line("pr.Set(pr.V + \"?\")");
                self.line("fmt.Printf(\"%v %+v %T\\n\", pr, pr, pr)");
            }
            6 => {
                // A struct of one pointer field and a struct embedding one pointer, which an
                // interface holds in its data word: methods through itabs (own, promoted from
                // the embedded pointer), equality, map keys and type switches.
                let p = self.p.clone();
                let (a, _) = self.int_expr(I64, d, false);
                let (c, _) = self.int_expr(I64, d, false);
                let (delta, _) = self.int_expr(I64, d, true);
                let w = *self.rng.pick(&WORDS);
                self.line(&format!("v := int64({a})"));
                self.line(&format!("var g {p}Getter = {p}Ref{{&v}}"));
                self.line(&format!("g.(interface{{ Add(int64) }}).Add({delta})"));
                self.line(&format!("w := {p}Wrap{{&{p}In{{{c}, {w:?}}}}}"));
                self.line(&format!("var g2 {p}Getter = w"));
                self.line("g2.(interface{ Set(int64) }).Set(g.Get() + g2.Get())");
                self.line(&format!(
                    "m := map[interface{{}}]int{{g: 1, {p}Ref{{&v}}: 2, w: 3}}"
                ));
                self.line(&format!(
                    "fmt.Println(g.Get(), g2.Get(), len(m), m[g], g == {p}Ref{{&v}}, g == g2, w.A)"
                ));
                self.line("switch x := g2.(type) {");
                self.line(&format!("case {p}Ref:"));
                self.line("\tfmt.Println(\"ref\", x.Get())");
                self.line(&format!("case {p}Wrap:"));
                self.line("\tfmt.Println(\"wrap\", x.B, x.Describe())");
                self.line("}");
            }
            _ => {
                // Embedded fields: promoted fields and methods, through a value and through a
                // pointer, and fmt's view of the outer struct.
                let p = self.p.clone();
                let (a, _) = self.int_expr(I64, d, false);
                let (c, _) = self.int_expr(I8, d, false);
                let (delta, _) = self.int_expr(I64, d, true);
                let w = *self.rng.pick(&WORDS);
                self.line(&format!("o := {p}Out{{{p}In{{{a}, {w:?}}}, {c}}}"));
                self.line(&format!("o.Set(o.Get() + {delta})"));
                self.line("po := &o");
                self.line("po.B += \"!\"");
                self.line("get := po.Get");
                self.line("fmt.Printf(\"%v %+v %d %s %d\\n\", o, o, o.A, o.Describe(), get())");
            }
        }
        self.indent -= 1;
        self.line("}");
    }

    /// The declarations the feature snippets use: an inner struct with value and pointer
    /// methods, embedded in an outer one; generic functions and a generic pair type; a
    /// struct of one pointer field with methods, and a struct embedding a pointer.
    fn embed_decls(&mut self) {
        let p = self.p.clone();
        let _ = write!(
            self.out,
            "type {p}In struct {{\n\tA int64\n\tB string\n}}\n\n\
             func (s {p}In) Get() int64 {{ return s.A }}\n\n\
             func (s *{p}In) Set(v int64) {{ s.A = v }}\n\n\
             func (s {p}In) Describe() string {{ return fmt.Sprint(s.B, \"=\", s.A) }}\n\n\
             type {p}Out struct {{\n\t{p}In\n\tC int8\n}}\n\n\
             type {p}Num interface {{\n\t~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr\n}}\n\n\
             func {p}Sum[T {p}Num](xs ...T) T {{\n\tvar s T\n\tfor _, x := range xs {{\n\t\ts += x\n\t}}\n\treturn s\n}}\n\n\
             func {p}Max[T {p}Num](a, b T) T {{\n\tif a > b {{\n\t\treturn a\n\t}}\n\treturn b\n}}\n\n\
             func {p}Map[T, U any](xs []T, f func(T) U) []U {{\n\tvar out []U\n\tfor _, x := range xs {{\n\t\tout = append(out, f(x))\n\t}}\n\treturn out\n}}\n\n\
             type {p}Pair[K comparable, V any] struct {{\n\tK K\n\tV V\n}}\n\n\
             func (p *{p}Pair[K, V]) Set(v V) {{ p.V = v }}\n\n\
             type {p}Getter interface {{\n\tGet() int64\n}}\n\n\
             type {p}Ref struct {{\n\tp *int64\n}}\n\n\
             func (r {p}Ref) Get() int64 {{ return *r.p }}\n\n\
             func (r {p}Ref) Add(d int64) {{ *r.p += d }}\n\n\
             type {p}Wrap struct {{\n\t*{p}In\n}}\n\n"
        );
    }

    fn loop_stmt(&mut self, depth: u32) {
        let k = 1 + self.rng.below(5) as u64;
        let i = self.fresh("i");
        let old_mult = self.mult;
        self.mult = self.mult.saturating_mul(k + 1);
        self.loop_depth += 1;
        let n = 2 + self.rng.below(4);
        let arrays: Vec<Place> = self
            .all_places()
            .into_iter()
            .filter(|p| matches!(p.ty, Ty::Array(..)))
            .collect();
        let form = self.rng.below(5);
        if form == 4 && !arrays.is_empty() {
            // A counted loop over an array, whose a[i] the compiler proves in range
            // (codegen/src/compile/bounds.rs); the body may assign a and a[i].
            let a = self.rng.pick(&arrays).clone();
            let Ty::Array(elem, _) = a.ty else {
                unreachable!()
            };
            if self.rng.chance(50) {
                self.line(&format!("for {i} := range {} {{", a.text));
            } else {
                self.line(&format!("for {i} := 0; {i} < len({}); {i}++ {{", a.text));
            }
            self.line(&format!("	_ = {}[{i}]", a.text));
            self.scopes.push(vec![
                Var {
                    name: i.clone(),
                    ty: Ty::Int(Int),
                    mutable: false,
                },
                Var {
                    name: format!("{}[{i}]", a.text),
                    ty: *elem,
                    mutable: a.mutable,
                },
            ]);
            self.block(n, depth - 1);
            self.scopes.pop();
            self.line("}");
            self.loop_depth -= 1;
            self.mult = old_mult;
            return;
        }
        match form {
            0 => {
                let t = self.rand_int_ty();
                let init = if t == Int {
                    "0".to_string()
                } else {
                    format!("{}(0)", t.name())
                };
                self.line(&format!("for {i} := {init}; {i} < {k}; {i}++ {{"));
                self.scopes.push(vec![Var {
                    name: i,
                    ty: Ty::Int(t),
                    mutable: false,
                }]);
                self.block(n, depth - 1);
                self.scopes.pop();
                self.line("}");
            }
            1 => {
                self.line(&format!("for {i} := {k}; {i} > 0; {i}-- {{"));
                self.scopes.push(vec![Var {
                    name: i,
                    ty: Ty::Int(Int),
                    mutable: false,
                }]);
                self.block(n, depth - 1);
                self.scopes.pop();
                self.line("}");
            }
            2 => {
                self.line(&format!("{i} := 0"));
                self.line("for {");
                self.indent += 1;
                self.line(&format!("if {i} >= {k} {{"));
                self.line("\tbreak");
                self.line("}");
                self.line(&format!("{i}++"));
                self.indent -= 1;
                self.declare(i, Ty::Int(Int), false);
                self.block(n, depth - 1);
                self.line("}");
            }
            _ => {
                self.line(&format!("var {i} uint8"));
                self.line(&format!("for {i} < {k} {{"));
                self.line(&format!("\t{i}++"));
                self.declare(i, Ty::Int(U8), false);
                self.block(n, depth - 1);
                self.line("}");
            }
        }
        self.loop_depth -= 1;
        self.mult = old_mult;
    }

    fn ret(&mut self) {
        if self.named_results && self.rng.chance(50) {
            self.line("return");
            return;
        }
        let rs = self.results.clone();
        let vals: Vec<String> = rs.iter().map(|t| self.expr_of(t, 2)).collect();
        if vals.is_empty() {
            self.line("return");
        } else {
            self.line(&format!("return {}", vals.join(", ")));
        }
    }

    /// A call whose results are stored: `a, b := f(...)` or `x, _ = f(...)`, or a bare call.
    fn call_stmt(&mut self, d: u32) {
        if self.funcs.is_empty() {
            return;
        }
        let i = self.rng.below(self.funcs.len());
        let results = self.funcs[i].results.clone();
        let Some(call) = self.call(i, d) else {
            return;
        };
        if results.is_empty() || self.rng.chance(10) {
            self.line(&call);
            return;
        }
        if self.rng.chance(50) {
            let names: Vec<String> = results.iter().map(|_| self.fresh("r")).collect();
            self.line(&format!("{} := {call}", names.join(", ")));
            for (n, t) in names.into_iter().zip(results) {
                self.declare(n, t, true);
            }
        } else {
            // Constant indexes only on the left: whether `a[g%3], x = f()` reads g before
            // or after f runs is unspecified.
            let mut lhs = Vec::new();
            for t in &results {
                match self.place(t, true, 0) {
                    Some(p) if self.rng.chance(85) && !p.contains('%') => {
                        self.note_write(&p);
                        lhs.push(p)
                    }
                    _ => lhs.push("_".into()),
                }
            }
            self.line(&format!("{} = {call}", lhs.join(", ")));
        }
    }

    // ---- declarations ----

    fn struct_decl(&mut self) {
        let idx = self.structs.len();
        let n = 1 + self.rng.below(4);
        let mut fields = Vec::new();
        for k in 0..n {
            // Nested structs only of earlier types, so no type contains itself.
            let ty = self.rand_ty(true);
            fields.push((format!("f{k}"), ty));
        }
        let mut s = format!("type {}S{idx} struct {{\n", self.p);
        for (f, t) in &fields {
            let tn = self.ty_name(t);
            let _ = writeln!(s, "\t{f} {tn}");
        }
        s.push_str("}\n\n");
        self.out.push_str(&s);
        self.structs.push(fields);
    }

    fn const_decls(&mut self) {
        let mut s = String::from("const (\n");
        for _ in 0..self.rng.below(4) {
            let t = if self.rng.chance(50) {
                Some(self.rand_int_ty())
            } else {
                None
            };
            let d = 1 + self.rng.below(3) as u32;
            let (e, v) = self.const_expr(t, d);
            let name = format!("{}c{}", self.p, self.consts.len());
            match t {
                Some(t) => {
                    let _ = writeln!(s, "\t{name} {} = {e}", t.name());
                }
                None => {
                    let _ = writeln!(s, "\t{name} = {e}");
                }
            }
            self.consts.push((name, t, v));
        }
        s.push_str(")\n\n");
        // An iota group with implicit repetition.
        let (m, o) = (self.rng.range(-3, 5), self.rng.range(-5, 5));
        let t = if self.rng.chance(50) {
            Some(*self.rng.pick(&[I8, U8, I16, Int, U64]))
        } else {
            None
        };
        let n = 2 + self.rng.below(4);
        let fits =
            (0..n as i128).all(|i| t.is_none_or(|t| t.min() <= i * m + o && i * m + o <= t.max()));
        if fits {
            s.push_str("const (\n");
            for i in 0..n {
                let name = format!("{}c{}", self.p, self.consts.len());
                if i == 0 {
                    let tn = t.map_or(String::new(), |t| format!(" {}", t.name()));
                    let _ = writeln!(s, "\t{name}{tn} = iota*({m}) + ({o})");
                } else {
                    let _ = writeln!(s, "\t{name}");
                }
                self.consts.push((name, t, i as i128 * m + o));
            }
            s.push_str(")\n\n");
        }
        self.out.push_str(&s);
    }

    fn global_decls(&mut self) {
        let mut types: Vec<Ty> = INT_TYPES.iter().map(|&t| Ty::Int(t)).collect();
        types.push(Ty::Bool);
        types.push(Ty::Str);
        for i in 0..self.structs.len() {
            types.push(Ty::Struct(i));
        }
        // Every aggregate type has a global, so every type a function may need has a place.
        types.extend(self.arrays.clone());
        for _ in 0..self.rng.below(5) {
            types.push(self.rand_ty(true));
        }
        for ty in types {
            let name = format!("{}g{}", self.p, self.globals.len());
            let tn = self.ty_name(&ty);
            let init = match &ty {
                Ty::Int(t) if self.rng.chance(70) => Some(self.lit(*t)),
                Ty::Bool if self.rng.chance(50) => Some("true".into()),
                Ty::Str => Some(format!("{:?}", self.rng.pick(&WORDS))),
                Ty::Struct(i) if self.rng.chance(60) => {
                    let fields = self.structs[*i].clone();
                    let mut kv = Vec::new();
                    for (f, ft) in fields {
                        match ft {
                            Ty::Int(t) if self.rng.chance(60) => {
                                kv.push(format!("{f}: {}", self.lit(t)))
                            }
                            Ty::Bool if self.rng.chance(60) => kv.push(format!("{f}: true")),
                            _ => {}
                        }
                    }
                    Some(format!("{tn}{{{}}}", kv.join(", ")))
                }
                _ => None,
            };
            match init {
                Some(i) if self.rng.chance(30) && !matches!(ty, Ty::Int(_)) => {
                    self.out.push_str(&format!("var {name} = {i}\n"))
                }
                Some(i) => self.out.push_str(&format!("var {name} {tn} = {i}\n")),
                None => self.out.push_str(&format!("var {name} {tn}\n")),
            }
            self.globals.push(Var {
                name,
                ty,
                mutable: true,
            });
        }
        self.out.push('\n');
    }

    fn func_decl(&mut self, entry: Option<u64>) {
        let name = match entry {
            Some(_) => format!("{}main", self.p),
            None => format!("{}f{}", self.p, self.funcs.len()),
        };
        let mut params = Vec::new();
        let mut results = Vec::new();
        if entry.is_none() {
            // Up to 9 parameters and 5 results: past the 6 argument registers and the 2
            // result registers.
            for _ in 0..self.rng.below(10) {
                let t = if self.rng.chance(15) {
                    Ty::Str
                } else if self.rng.chance(10) {
                    Ty::Ptr(Box::new(Ty::Int(self.rand_int_ty())))
                } else {
                    self.rand_ty(true)
                };
                params.push(t);
            }
            for _ in 0..self.rng.below(6) {
                let agg = self.rng.chance(30);
                let t = self.rand_ty(agg);
                results.push(t);
            }
        }
        self.entry = entry.is_some();
        self.named_results = !results.is_empty() && self.rng.chance(30);
        self.results = results.clone();
        self.scopes = vec![Vec::new()];
        let mut ps = Vec::new();
        for t in &params {
            let n = self.fresh("a");
            ps.push(format!("{n} {}", self.ty_name(t)));
            self.declare(n, t.clone(), true);
        }
        let rs = if self.named_results {
            let mut rs = Vec::new();
            for t in &results {
                let n = self.fresh("r");
                rs.push(format!("{n} {}", self.ty_name(t)));
                self.declare(n, t.clone(), true);
            }
            format!(" ({})", rs.join(", "))
        } else if results.len() == 1 {
            format!(" {}", self.ty_name(&results[0]))
        } else if results.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = results.iter().map(|t| self.ty_name(t)).collect();
            format!(" ({})", names.join(", "))
        };
        self.out
            .push_str(&format!("func {name}({}){rs} {{\n", ps.join(", ")));
        self.cost = 0;
        self.pure = !params.iter().any(|t| matches!(t, Ty::Ptr(_)));
        self.budget = if entry.is_some() { 4000 } else { 600 };
        self.mult = 1;
        self.indent = 0;
        if let Some(seed) = entry {
            self.line(&format!("\tfmt.Println(\"== unit {seed}\")"));
            self.line(&format!("\tprintln(\"== unit {seed}\")"));
        }
        let n = if entry.is_some() { 8 } else { 3 } + self.rng.below(6);
        // The body is a block; its locals are printed before the final return.
        self.scopes.push(Vec::new());
        self.indent = 1;
        for _ in 0..n {
            if self.cost >= self.budget {
                break;
            }
            self.stmt(3);
        }
        let vars = self.scopes.pop().unwrap();
        self.print_vars(&vars);
        if !results.is_empty() {
            self.ret();
        }
        self.out.push_str("}\n\n");
        self.scopes.clear();
        let cost = self.cost.max(1);
        if entry.is_none() {
            self.funcs.push(Func {
                name,
                params,
                results,
                cost,
                pure: self.pure,
            });
        }
    }
}

/// The declarations of one unit (its entry is `u{seed}_main`).
fn unit(seed: u64) -> String {
    let mut g = Gen::new(seed);
    for _ in 0..1 + g.rng.below(3) {
        let e = g.rand_int_ty();
        let t = Ty::Array(Box::new(Ty::Int(e)), 1 + g.rng.below(5));
        if !g.arrays.contains(&t) {
            g.arrays.push(t);
        }
    }
    for _ in 0..g.rng.below(4) {
        g.struct_decl();
    }
    g.const_decls();
    g.embed_decls();
    g.global_decls();
    for _ in 0..1 + g.rng.below(5) {
        g.func_decl(None);
    }
    g.func_decl(Some(seed));
    g.out
}

/// A whole program running the units of `seeds` in order.
fn program(seeds: &[u64]) -> String {
    let mut s = String::from("package main\n\nimport \"fmt\"\n\n");
    for &seed in seeds {
        s.push_str(&unit(seed));
    }
    s.push_str("func main() {\n");
    for seed in seeds {
        let _ = writeln!(s, "\tu{seed}_main()");
    }
    s.push_str("}\n");
    s
}

// ---------------------------------------------------------------------------------------------
// Running

type Outcome = (String, String, i32);

const TIMEOUT: Duration = Duration::from_secs(20);

fn run_tbuild(src: &Path, dir: &Path) -> Result<Outcome, String> {
    let exe = dir.join("t.out");
    let (_, err, code) = run_timeout(tbuild().arg("-o").arg(&exe).arg(src), TIMEOUT);
    if code != 0 {
        return Err(format!("tbuild exited with {code}:\n{err}"));
    }
    Ok(run_timeout(&mut Command::new(&exe), TIMEOUT))
}

fn run_go(src: &Path, dir: &Path) -> Result<Outcome, String> {
    let exe = dir.join("g.out");
    go_build(src, &exe)?;
    Ok(run_timeout(&mut Command::new(&exe), TIMEOUT))
}

/// Splits output at the `== unit N` markers: (seed, text) per unit, in order.
fn by_unit(out: &str) -> Vec<(u64, String)> {
    let mut v: Vec<(u64, String)> = Vec::new();
    for l in out.split_inclusive('\n') {
        if let Some(s) = l.strip_prefix("== unit ") {
            if let Ok(seed) = s.trim().parse() {
                v.push((seed, String::new()));
                continue;
            }
        }
        if let Some(last) = v.last_mut() {
            last.1.push_str(l);
        }
    }
    v
}

fn fail_dir() -> PathBuf {
    let d = std::env::temp_dir().join("tbuild-difftest");
    fs::create_dir_all(&d).unwrap();
    d
}

/// Writes seed's standalone program, runs it through both, and describes the mismatch.
fn report(seed: u64, dir: &Path, why: &str) -> String {
    let path = fail_dir().join(format!("seed-{seed}.go"));
    fs::write(&path, program(&[seed])).unwrap();
    let show = |r: Result<Outcome, String>| match r {
        Ok((o, e, c)) => format!("exit {c}\n--- stdout\n{o}--- stderr\n{e}"),
        Err(e) => e,
    };
    let go = show(run_go(&path, dir));
    let tb = show(run_tbuild(&path, dir));
    let (go, tb) = (clip(&go), clip(&tb));
    format!(
        "seed {seed}: {why}\nprogram: {}\n(rerun: TBUILD_DIFF_SEED={seed} TBUILD_DIFF_COUNT=1)\n=== go\n{go}\n=== tbuild\n{tb}",
        path.display()
    )
}

fn clip(s: &str) -> String {
    const MAX: usize = 3000;
    if s.len() <= MAX {
        return s.to_string();
    }
    let mut end = MAX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}\n... ({} bytes more)", &s[..end], s.len() - end)
}

/// Checks `seeds` as one program; returns one report per failing seed.
fn check(seeds: &[u64], dir: &Path) -> Vec<String> {
    let mut failures = Vec::new();
    let mut rest = seeds.to_vec();
    while !rest.is_empty() {
        let src = dir.join("main.go");
        fs::write(&src, program(&rest)).unwrap();
        let go = match run_go(&src, dir) {
            Ok(o) => o,
            Err(e) => {
                // A generator bug: find the seed Go rejects.
                for &s in &rest {
                    fs::write(&src, program(&[s])).unwrap();
                    if let Err(e) = run_go(&src, dir) {
                        let path = fail_dir().join(format!("seed-{s}.go"));
                        fs::write(&path, program(&[s])).unwrap();
                        failures.push(format!(
                            "seed {s}: the generator wrote a program Go rejects: {}\n{e}",
                            path.display()
                        ));
                        return failures;
                    }
                }
                failures.push(format!("go build failed on the batch only:\n{e}"));
                return failures;
            }
        };
        let tb = match run_tbuild(&src, dir) {
            Ok(o) => o,
            Err(_) => {
                // Find the seeds tbuild rejects, then go on with the others.
                let mut ok = Vec::new();
                for &s in &rest {
                    let one = dir.join("one.go");
                    fs::write(&one, program(&[s])).unwrap();
                    let exe = dir.join("one.out");
                    let (_, err, code) =
                        run_timeout(tbuild().arg("-o").arg(&exe).arg(&one), TIMEOUT);
                    if code != 0 {
                        failures.push(report(s, dir, &format!("tbuild failed to build it: {err}")));
                    } else {
                        ok.push(s);
                    }
                }
                if ok.len() == rest.len() {
                    failures.push("tbuild fails on the batch but on no seed alone".into());
                    return failures;
                }
                rest = ok;
                continue;
            }
        };
        if go == tb {
            return failures;
        }
        // The first unit whose output differs (or that tbuild never reached).
        let (go_out, go_err) = (by_unit(&go.0), by_unit(&go.1));
        let (tb_out, tb_err) = (by_unit(&tb.0), by_unit(&tb.1));
        let pos = (0..rest.len())
            .find(|&k| go_out.get(k) != tb_out.get(k) || go_err.get(k) != tb_err.get(k))
            .unwrap_or(rest.len() - 1);
        let why = if go.2 != tb.2 {
            format!("exit status: go {}, tbuild {}", go.2, tb.2)
        } else {
            "output differs".to_string()
        };
        failures.push(report(rest[pos], dir, &why));
        rest = rest[pos + 1..].to_vec();
    }
    failures
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name}={v}: not a number"))
        })
        .unwrap_or(default)
}

#[test]
fn generated_programs_match_go() {
    if let Ok(s) = std::env::var("TBUILD_DIFF_PRINT") {
        print!("{}", program(&[s.parse().unwrap()]));
        return;
    }
    if !have("go") {
        return;
    }
    let first = env_u64("TBUILD_DIFF_SEED", CI_SEED);
    let count = env_u64("TBUILD_DIFF_COUNT", CI_COUNT);
    let batch = env_u64("TBUILD_DIFF_BATCH", BATCH as u64).max(1) as usize;
    let seeds: Vec<u64> = (first..first + count).collect();
    let batches: Vec<&[u64]> = seeds.chunks(batch).collect();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|sc| {
        for _ in 0..threads {
            sc.spawn(|| {
                let dir = tempfile::tempdir().unwrap();
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(b) = batches.get(i) else { break };
                    let f = check(b, dir.path());
                    failures.lock().unwrap().extend(f);
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    eprintln!(
        "difftest: seeds {first}..{}: {} failing",
        first + count,
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {count} generated programs differ:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn generator_is_deterministic() {
    assert_eq!(program(&[7, 8]), program(&[7, 8]));
    assert_ne!(unit(7), unit(8));
}
