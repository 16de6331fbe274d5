//! Calls of the builtin functions (Go spec, "Built-in functions"; go/types builtins.go) and of
//! package unsafe's functions.
//!
//! As types2 does, the arguments are evaluated first (a lone multi-value call spreads into
//! several, `copy(g())`), except make's, new's and Offsetof's, which are special; then the
//! argument count is checked against the builtin's, then what each builtin wants.

use super::exprstring::{expr_string, start_pos, strip_parens};
use super::operand::{Mode, Operand};
use super::{Builtin, CallKind, Checker, Selection};
use crate::compile::ast::*;
use crate::compile::types::{Basic, Const, Type, TypeId};

/// A builtin's name as Go's messages give it (types2 predeclaredFuncs: `len`, `Sizeof`), its
/// number of arguments, and whether more may follow.
fn arity(b: Builtin, name: &str) -> (usize, bool) {
    match b {
        Builtin::Append | Builtin::Make => (1, true),
        Builtin::Print | Builtin::Println => (0, true),
        Builtin::Recover => (0, false),
        Builtin::Copy | Builtin::Add | Builtin::Slice | Builtin::Delete | Builtin::Complex => {
            (2, false)
        }
        Builtin::Len
        | Builtin::Cap
        | Builtin::Panic
        | Builtin::New
        | Builtin::Sizeof
        | Builtin::Offsetof
        | Builtin::Alignof
        | Builtin::Real
        | Builtin::Imag
        | Builtin::Close => (1, false),
        Builtin::Unsupported(_) => match name {
            "complex" | "delete" | "Slice" => (2, false),
            _ => (1, false),
        },
    }
}

impl Checker {
    /// The type a builtin's type argument names (make's and new's first), or None after
    /// reporting that it is not a type.
    /// A name (or selector) is described as the operand it is, other expressions are
    /// printed as written (types2 typInternal); parentheses do not count.
    pub(super) fn type_arg(&mut self, arg: &Expr) -> Option<TypeId> {
        let arg = strip_parens(arg);
        if let ExprKind::Index(x, _) | ExprKind::IndexList(x, _) = &arg.kind {
            // `g[T]` in a type's place is an instantiation: x must be a generic type.
            if self.names_generic_type(x) {
                let op = self.expr_any(arg);
                return (op.mode == Mode::Type).then_some(op.ty);
            }
            if let Some(t) = self.type_arg(x) {
                self.error(
                    start_pos(x),
                    format!("{} is not a generic type", self.tn(t)),
                );
            }
            return None;
        }
        let could_be_type = matches!(
            arg.kind,
            ExprKind::Ident(_)
                | ExprKind::Selector(..)
                | ExprKind::Type(_)
                | ExprKind::Unary(UnOp::Deref, _)
        );
        if !could_be_type {
            // Not a type whatever it holds; its errors come after this one.
            self.error(
                start_pos(arg),
                format!("{} is not a type", expr_string(arg)),
            );
            self.expr_any(arg);
            return None;
        }
        let op = self.expr_any(arg);
        match op.mode {
            Mode::Invalid => None,
            Mode::Type => Some(op.ty),
            Mode::Pkg(_) => {
                self.single_value(arg, op);
                None
            }
            _ => {
                let what = match arg.kind {
                    ExprKind::Ident(_) | ExprKind::Selector(..) => self.describe(arg, &op),
                    _ => expr_string(arg),
                };
                self.error(start_pos(arg), format!("{what} is not a type"));
                None
            }
        }
    }

    pub(super) fn builtin(&mut self, e: &Expr, b: Builtin, args: &[Expr]) -> Operand {
        let written = match &e.kind {
            ExprKind::Call { func, .. } => expr_string(func),
            _ => String::new(),
        };
        // `unsafe.Sizeof` is `Sizeof` in messages that name the builtin.
        let name = written.rsplit('.').next().unwrap_or_default().to_string();
        self.prog.info.calls.insert(e.id, CallKind::Builtin(b));
        let ellipsis = matches!(&e.kind, ExprKind::Call { ellipsis: true, .. });
        if ellipsis && b != Builtin::Append {
            self.error(
                start_pos(e),
                format!("invalid operation: invalid use of ... with built-in {name}"),
            );
            for a in args {
                self.expr_any(a);
            }
            return Operand::invalid();
        }
        // len and cap of an array are constants unless the argument calls a function (Go spec,
        // "Length and capacity"): watch for calls in it.
        let outer_calls = std::mem::take(&mut self.has_call);
        let special = matches!(b, Builtin::Make | Builtin::New | Builtin::Offsetof);
        let ops = if special {
            Vec::new()
        } else {
            self.expr_list_values(args)
        };
        let arg_calls = std::mem::replace(&mut self.has_call, outer_calls);
        self.has_call |= arg_calls;
        let nargs = if special { args.len() } else { ops.len() };
        let first_invalid = ops.first().is_some_and(|(_, o)| o.mode == Mode::Invalid);
        let (want, variadic) = arity(b, &name);
        let count_ok = nargs >= want && (variadic || nargs <= want);
        if let Builtin::Unsupported(what) = b {
            // Any use is unsupported, even with arguments that failed because of another
            // unsupported construct; a wrong count is Go's error.
            if count_ok || first_invalid {
                self.unsupported(start_pos(e), what);
                return Operand::invalid();
            }
        }
        if first_invalid {
            return Operand::invalid();
        }
        if !count_ok {
            let msg = if nargs < want {
                "not enough"
            } else {
                "too many"
            };
            self.error(
                start_pos(e),
                format!(
                    "invalid operation: {msg} arguments for {} (expected {want}, found {nargs})",
                    expr_string(e)
                ),
            );
            return Operand::invalid();
        }
        let uintptr = self.basic(Basic::Uintptr);
        let int = self.basic(Basic::Int);
        match b {
            Builtin::Cap | Builtin::Len => {
                let (a, mut op) = ops[0].clone();
                let types = &self.prog.types;
                // A type parameter: every type in its set must have a length (capacity),
                // which is then not a constant (types2 _Len/_Cap).
                let has_len = |t: &crate::compile::types::Types, u: TypeId| {
                    let u = t.under(u);
                    let u = match t.get(u) {
                        Type::Pointer(p) if matches!(t.get(t.under(*p)), Type::Array(..)) => {
                            t.under(*p)
                        }
                        _ => u,
                    };
                    match t.get(u) {
                        Type::Basic(Basic::String) => b == Builtin::Len,
                        Type::Map(..) => b == Builtin::Len,
                        Type::Array(..) | Type::Slice(_) | Type::Chan(..) => true,
                        _ => false,
                    }
                };
                if types.is_type_param(op.ty)
                    && types.under(op.ty) == op.ty
                    && types.all_terms(op.ty, &has_len) == Some(true)
                {
                    return self.value(int);
                }
                // An array, or a pointer to one.
                let mut under = types.under(op.ty);
                if let Type::Pointer(p) = types.get(under) {
                    if matches!(types.get(types.under(*p)), Type::Array(..)) {
                        under = types.under(*p);
                    }
                }
                match types.get(under).clone() {
                    Type::Basic(Basic::String | Basic::UntypedString) if b == Builtin::Len => {
                        let n = match &op.val {
                            Some(Const::Str(s)) => Some(s.len() as i128),
                            _ => None,
                        };
                        if self.prog.types.is_untyped(op.ty) {
                            let st = self.basic(Basic::String);
                            self.convert_untyped(a, &mut op, st);
                        }
                        match n {
                            Some(n) => self.constant(int, Const::Int(n)),
                            None => self.value(int),
                        }
                    }
                    Type::Array(n, _) if !arg_calls => self.constant(int, Const::Int(n as i128)),
                    Type::Array(..) | Type::Slice(_) | Type::Chan(..) => self.value(int),
                    Type::Map(..) if b == Builtin::Len => self.value(int),
                    _ => {
                        self.error(
                            start_pos(a),
                            format!("invalid argument: {} for {name}", self.describe(a, &op)),
                        );
                        Operand::invalid()
                    }
                }
            }
            Builtin::Append => self.append(e, args, ops),
            Builtin::Copy => {
                let (da, d) = ops[0].clone();
                let (sa, mut src) = ops[1].clone();
                if src.mode == Mode::Invalid {
                    return Operand::invalid();
                }
                let types = &self.prog.types;
                let dst_elem = match types.get(types.under(d.ty)) {
                    Type::Slice(e) => Some(*e),
                    _ => None,
                };
                let src_elem = match types.get(types.under(src.ty)) {
                    Type::Slice(e) => Some(*e),
                    _ if types.is_string(src.ty) || self.is_bytestring(src.ty) => {
                        Some(self.basic(Basic::Byte))
                    }
                    _ => None,
                };
                let (Some(de), Some(se)) = (dst_elem, src_elem) else {
                    self.error(
                        start_pos(da),
                        format!(
                            "invalid argument: copy expects slice arguments; found {} and {}",
                            self.describe(da, &d),
                            self.describe(sa, &src)
                        ),
                    );
                    return Operand::invalid();
                };
                if !self.prog.types.identical(de, se) {
                    self.error(
                        start_pos(da),
                        format!(
                            "invalid argument: arguments to copy {} and {} have different element types {} and {}",
                            self.describe(da, &d),
                            self.describe(sa, &src),
                            self.tn(de),
                            self.tn(se)
                        ),
                    );
                    return Operand::invalid();
                }
                if self.prog.types.is_untyped(src.ty) {
                    let st = self.basic(Basic::String);
                    self.convert_untyped(sa, &mut src, st);
                }
                self.value(int)
            }
            Builtin::Make => {
                let Some(ty) = self.type_arg(&args[0]) else {
                    return Operand::invalid();
                };
                // A map's or channel's size is optional (types2 _Make: min 1).
                if self.prog.types.is_map(ty) || self.prog.types.is_chan(ty) {
                    return self.make_map(e, ty, args);
                }
                // A type whose declaration was refused (a channel or generic type) says
                // nothing more.
                if self.prog.types.under(ty) == self.prog.types.invalid() {
                    return Operand::invalid();
                }
                if !self.prog.types.is_slice(ty) {
                    self.error(
                        start_pos(&args[0]),
                        format!(
                            "invalid argument: cannot make {}; type must be slice, map, or channel",
                            expr_string(&args[0])
                        ),
                    );
                    return Operand::invalid();
                }
                if !(2..=3).contains(&nargs) {
                    self.error(
                        start_pos(e),
                        format!(
                            "invalid operation: {} expects 2 or 3 arguments; found {nargs}",
                            expr_string(e)
                        ),
                    );
                    return Operand::invalid();
                }
                // The sizes are checked as indices are (types2 builtins.go, index).
                let mut sizes = Vec::new();
                for a in &args[1..] {
                    if let Ok(Some(v)) = self.index_operand(a, None) {
                        sizes.push(v);
                    }
                }
                if sizes.len() == 2 && sizes[0] > sizes[1] {
                    self.error(
                        start_pos(&args[1]),
                        "invalid argument: length and capacity swapped".to_string(),
                    );
                }
                self.value(ty)
            }
            Builtin::Panic => {
                let (a, mut op) = ops[0].clone();
                // panic takes an interface{} (Go spec, "Handling panics").
                let any = self.universe_type("any");
                if !self.assign(a, &mut op, any, "argument to panic") {
                    return Operand::invalid();
                }
                Operand {
                    mode: Mode::NoValue,
                    ty: 0,
                    val: None,
                }
            }
            Builtin::Unsupported(_) => Operand::invalid(),
            Builtin::Complex | Builtin::Real | Builtin::Imag => self.complex_builtin(e, b, ops),
            Builtin::Delete => self.delete(&ops),
            Builtin::Close => self.close_builtin(&ops),
            // recover returns the panic's value as an interface{} (Go spec, "Handling
            // panics").
            Builtin::Recover => {
                let r = match (self.func_lits.last(), self.cur_decl.last()) {
                    (Some(&lit), _) => Some(super::Recoverer::Lit(lit)),
                    (None, Some(&f)) => Some(super::Recoverer::Func(f)),
                    (None, None) => None,
                };
                self.prog.info.recovering.extend(r);
                self.value(self.universe_type("any"))
            }
            Builtin::Print | Builtin::Println => {
                // Any type may be printed as far as the type checker cares; the operand kinds
                // print supports are the compiler's business (backend.rs).
                let context = format!("argument to {name}");
                for (a, mut op) in ops {
                    if op.mode == Mode::Invalid || self.default_type(a, &mut op, &context) == 0 {
                        return Operand::invalid();
                    }
                }
                Operand {
                    mode: Mode::NoValue,
                    ty: 0,
                    val: None,
                }
            }
            Builtin::New => {
                let Some(ty) = self.type_arg(&args[0]) else {
                    return Operand::invalid();
                };
                let t = self.prog.types.pointer(ty);
                self.value(t)
            }
            Builtin::Sizeof | Builtin::Alignof => {
                let (a, mut op) = ops[0].clone();
                let t = self.default_type(a, &mut op, &format!("argument to unsafe.{name}"));
                if t == 0 {
                    return Operand::invalid();
                }
                let (size, align) = self.prog.types.layout(t);
                let v = if b == Builtin::Sizeof { size } else { align };
                self.constant(uintptr, Const::Int(v as i128))
            }
            Builtin::Offsetof => {
                let a = strip_parens(&args[0]);
                let ExprKind::Selector(x, sel, _) = &a.kind else {
                    self.error(
                        start_pos(a),
                        format!(
                            "invalid argument: {} is not a selector expression",
                            expr_string(a)
                        ),
                    );
                    return Operand::invalid();
                };
                let op = self.expr(a);
                if op.mode == Mode::Invalid {
                    return op;
                }
                // The offset from the struct x denotes (or points to) to the field, through
                // the embedded fields the selector passes, which must not be pointers
                // (types2 builtins.go _Offsetof).
                if let Some(Selection::Qualified(_)) = self.prog.info.selections.get(&a.id) {
                    self.error(
                        start_pos(x),
                        format!("use of package {} not in selector", expr_string(x)),
                    );
                    return Operand::invalid();
                }
                let Some(&Selection::Field { offset, .. }) = self.prog.info.selections.get(&a.id)
                else {
                    self.error(
                        start_pos(a),
                        format!("invalid argument: {} is a method value", expr_string(a)),
                    );
                    return Operand::invalid();
                };
                let steps = self
                    .prog
                    .info
                    .embedded
                    .get(&a.id)
                    .map(|e| e.steps.clone())
                    .unwrap_or_default();
                let xt = self.prog.info.types.get(&x.id).copied().unwrap_or(0);
                let base = match self.prog.types.get(self.prog.types.under(xt)) {
                    Type::Pointer(elem) => *elem,
                    _ => xt,
                };
                if steps.iter().any(|s| s.ptr) {
                    self.error(
                        start_pos(x),
                        format!(
                            "invalid argument: field {sel} is embedded via a pointer in {}",
                            self.tn(base)
                        ),
                    );
                    return Operand::invalid();
                }
                // A struct whose layout depends on a type parameter has no constant offsets
                // (types2 hasVarSize); its instances are checked again with the arguments.
                if self.has_type_params(base) {
                    return self.value(uintptr);
                }
                let off = offset + steps.iter().map(|s| s.offset).sum::<u64>();
                self.constant(uintptr, Const::Int(off as i128))
            }
            // unsafe.Slice(ptr *T, len IntegerType) []T (types2 builtins.go _Slice).
            Builtin::Slice => {
                let (pa, p) = ops[0].clone();
                let elem = match self.prog.types.get(self.prog.types.under(p.ty)) {
                    Type::Pointer(elem) => *elem,
                    _ => {
                        self.error(
                            start_pos(pa),
                            format!(
                                "invalid argument: {} is not a pointer",
                                self.describe(pa, &p)
                            ),
                        );
                        return Operand::invalid();
                    }
                };
                let (na, mut n) = ops[1].clone();
                if !self.valid_index(na, &mut n, "length", false) {
                    return Operand::invalid();
                }
                let t = self.prog.types.slice(elem);
                self.value(t)
            }
            Builtin::Add => {
                let (pa, mut p) = ops[0].clone();
                let (na, mut n) = ops[1].clone();
                let up = self.basic(Basic::UnsafePointer);
                if !self.assign(pa, &mut p, up, "argument to unsafe.Add") {
                    return Operand::invalid();
                }
                if !self.valid_index(na, &mut n, "length", true) {
                    return Operand::invalid();
                }
                self.value(up)
            }
        }
    }

    /// `append(s, x...)` (types2 builtins.go _Append): s must be a slice []T; the other
    /// arguments are passed to a `...T` parameter, with the special case of a string spread
    /// into a byte slice.
    fn append(&mut self, e: &Expr, args: &[Expr], ops: Vec<(&Expr, Operand)>) -> Operand {
        let (sa, so) = ops[0].clone();
        let elem = match self.prog.types.get(self.prog.types.under(so.ty)) {
            Type::Slice(t) => *t,
            _ => {
                let cause = if so.ty == self.basic(Basic::UntypedNil) {
                    "have untyped nil".to_string()
                } else {
                    format!("have {}", self.describe(sa, &so))
                };
                self.error(
                    start_pos(sa),
                    format!("first argument to append must be a slice; {cause}"),
                );
                return Operand::invalid();
            }
        };
        let ellipsis = matches!(&e.kind, ExprKind::Call { ellipsis: true, .. });
        let byte_slice = self.prog.types.slice(self.basic(Basic::Byte));
        if ops.len() == 2 && ellipsis && self.assignable(so.ty, byte_slice) {
            let (xa, mut x) = ops[1].clone();
            if x.mode == Mode::Invalid {
                return Operand::invalid();
            }
            if self.prog.types.is_string(x.ty) {
                let st = self.basic(Basic::String);
                self.convert_untyped(xa, &mut x, st);
                return self.value(so.ty);
            }
            // A type parameter whose every type is a string or a byte slice spreads as
            // either would (types2 _Append).
            let types = &self.prog.types;
            let bytes_or_string = types
                .all_terms(x.ty, &|t, u| {
                    t.is_string(u) || t.identical(t.under(u), byte_slice)
                })
                .unwrap_or(false);
            if bytes_or_string {
                return self.value(so.ty);
            }
        }
        let params = [so.ty, self.prog.types.slice(elem)];
        self.arguments(e, "append", args, ops, &params, true);
        self.value(so.ty)
    }
}
