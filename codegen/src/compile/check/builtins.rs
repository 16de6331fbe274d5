//! Calls of the builtin functions (Go spec, "Built-in functions"; go/types builtins.go) and of
//! package unsafe's functions.

use super::exprstring::{expr_string, start_pos, strip_parens};
use super::operand::{Mode, Operand};
use super::{Builtin, CallKind, Checker, Selection};
use crate::compile::ast::*;
use crate::compile::types::{Basic, Const, Type, TypeId};

impl Checker {
    /// The type a builtin's type argument names (make's and new's first), or None after
    /// reporting that it is not a type.
    pub(super) fn type_arg(&mut self, arg: &Expr) -> Option<TypeId> {
        let op = self.expr_any(arg);
        match op.mode {
            Mode::Invalid => None,
            Mode::Type => Some(op.ty),
            _ => {
                self.error(
                    start_pos(arg),
                    format!("{} is not a type", expr_string(arg)),
                );
                None
            }
        }
    }

    pub(super) fn builtin(&mut self, e: &Expr, b: Builtin, args: &[Expr]) -> Operand {
        let name = match &e.kind {
            ExprKind::Call { func, .. } => expr_string(func),
            _ => String::new(),
        };
        self.prog.info.calls.insert(e.id, CallKind::Builtin(b));
        let uintptr = self.basic(Basic::Uintptr);
        let want = |n: usize, c: &mut Checker| -> bool {
            if args.len() == n {
                return true;
            }
            let msg = if args.len() < n {
                "not enough"
            } else {
                "too many"
            };
            c.error(
                start_pos(e),
                format!(
                    "invalid operation: {msg} arguments for {}(…) (expected {n}, found {})",
                    name,
                    args.len()
                )
                .replace(
                    "(…)",
                    &format!(
                        "({})",
                        args.iter().map(expr_string).collect::<Vec<_>>().join(", ")
                    ),
                ),
            );
            false
        };
        let ellipsis = matches!(&e.kind, ExprKind::Call { ellipsis: true, .. });
        if ellipsis && b != Builtin::Append {
            self.error(
                e.pos,
                format!("invalid operation: invalid use of ... with built-in {name}"),
            );
            return Operand::invalid();
        }
        match b {
            Builtin::Cap => {
                if !want(1, self) {
                    return Operand::invalid();
                }
                let op = self.expr(&args[0]);
                if op.mode == Mode::Invalid {
                    return op;
                }
                let int = self.basic(Basic::Int);
                let types = &self.prog.types;
                match types.get(types.under(op.ty)).clone() {
                    Type::Slice(_) => self.value(int),
                    Type::Array(n, _) => self.constant(int, Const::Int(n as i128)),
                    Type::Pointer(p) if matches!(types.get(types.under(p)), Type::Array(..)) => {
                        let n = match types.get(types.under(p)) {
                            Type::Array(n, _) => *n,
                            _ => 0,
                        };
                        self.constant(int, Const::Int(n as i128))
                    }
                    _ => {
                        self.error(
                            start_pos(&args[0]),
                            format!("invalid argument: {} for cap", self.describe(&args[0], &op)),
                        );
                        Operand::invalid()
                    }
                }
            }
            Builtin::Append => {
                if args.is_empty() {
                    self.error(
                        e.pos,
                        "not enough arguments for append() (expected 1, found 0)",
                    );
                    return Operand::invalid();
                }
                let so = self.expr(&args[0]);
                if so.mode == Mode::Invalid {
                    for a in &args[1..] {
                        self.expr(a);
                    }
                    return so;
                }
                if so.ty == self.basic(Basic::UntypedNil) {
                    self.error(
                        start_pos(&args[0]),
                        "first argument to append must be a slice; have untyped nil",
                    );
                    return Operand::invalid();
                }
                let Type::Slice(elem) = self.prog.types.get(self.prog.types.under(so.ty)).clone()
                else {
                    self.error(
                        start_pos(&args[0]),
                        format!(
                            "first argument to append must be a slice; have {}",
                            self.describe(&args[0], &so)
                        ),
                    );
                    return Operand::invalid();
                };
                if ellipsis {
                    if args.len() != 2 {
                        self.error(e.pos, "can only use ... with final argument in list");
                        return Operand::invalid();
                    }
                    let mut to = self.expr(&args[1]);
                    if to.mode == Mode::Invalid {
                        return to;
                    }
                    let bytes = matches!(
                        self.prog.types.basic_of(elem),
                        Some(Basic::Uint8 | Basic::Byte)
                    );
                    if bytes && self.prog.types.is_string(to.ty) {
                        let st = self.basic(Basic::String);
                        self.convert_untyped(&args[1], &mut to, st);
                    } else {
                        self.assign(&args[1], &mut to, so.ty, "append");
                    }
                } else {
                    for a in &args[1..] {
                        let mut op = self.expr(a);
                        if op.mode != Mode::Invalid {
                            self.assign(a, &mut op, elem, "argument to append");
                        }
                    }
                }
                self.value(so.ty)
            }
            Builtin::Copy => {
                if !want(2, self) {
                    return Operand::invalid();
                }
                let d = self.expr(&args[0]);
                let mut src = self.expr(&args[1]);
                if d.mode == Mode::Invalid || src.mode == Mode::Invalid {
                    return Operand::invalid();
                }
                let int = self.basic(Basic::Int);
                let de = match self.prog.types.get(self.prog.types.under(d.ty)) {
                    Type::Slice(e) => *e,
                    _ => {
                        self.error(
                            e.pos,
                            format!(
                                "invalid argument: copy expects slice arguments; found {} and {}",
                                self.describe(&args[0], &d),
                                self.describe(&args[1], &src)
                            ),
                        );
                        return Operand::invalid();
                    }
                };
                let ok = match self.prog.types.get(self.prog.types.under(src.ty)).clone() {
                    Type::Slice(se) => self.prog.types.identical(de, se),
                    _ if self.prog.types.is_string(src.ty) => {
                        let st = self.basic(Basic::String);
                        self.convert_untyped(&args[1], &mut src, st);
                        matches!(
                            self.prog.types.basic_of(de),
                            Some(Basic::Uint8 | Basic::Byte)
                        )
                    }
                    _ => false,
                };
                if !ok {
                    self.error(e.pos, format!("invalid argument: arguments to copy {} and {} have different element types", self.describe(&args[0], &d), self.describe(&args[1], &src)));
                    return Operand::invalid();
                }
                self.value(int)
            }
            Builtin::Make => {
                if args.is_empty() {
                    self.error(
                        e.pos,
                        "not enough arguments for make() (expected 1, found 0)",
                    );
                    return Operand::invalid();
                }
                let Some(ty) = self.type_arg(&args[0]) else {
                    return Operand::invalid();
                };
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
                if args.len() < 2 {
                    self.error(
                        start_pos(e),
                        format!(
                            "invalid operation: {} expects 2 or 3 arguments; found 1",
                            expr_string(e)
                        ),
                    );
                    return Operand::invalid();
                }
                if args.len() > 3 {
                    self.error(
                        start_pos(e),
                        format!(
                            "invalid operation: {} expects 2 or 3 arguments; found {}",
                            expr_string(e),
                            args.len()
                        ),
                    );
                    return Operand::invalid();
                }
                let mut sizes = Vec::new();
                for a in &args[1..] {
                    let mut op = self.expr(a);
                    if op.mode == Mode::Invalid {
                        return op;
                    }
                    if !self.prog.types.is_integer(op.ty) {
                        self.error(
                            start_pos(a),
                            format!("cannot convert {} to type int", self.describe(a, &op)),
                        );
                        return Operand::invalid();
                    }
                    if let Some(Const::Int(v)) = op.val {
                        if v < 0 {
                            self.error(
                                start_pos(a),
                                format!(
                                    "invalid argument: index {} must not be negative",
                                    self.describe(a, &op)
                                ),
                            );
                            return Operand::invalid();
                        }
                        sizes.push(v);
                    }
                    if self.prog.types.is_untyped(op.ty) {
                        let int = self.basic(Basic::Int);
                        self.convert_untyped(a, &mut op, int);
                    }
                }
                if sizes.len() == 2 && sizes[0] > sizes[1] {
                    self.error(
                        start_pos(&args[1]),
                        "invalid argument: length and capacity swapped".to_string(),
                    );
                    return Operand::invalid();
                }
                self.value(ty)
            }
            Builtin::Panic => {
                if !want(1, self) {
                    return Operand::invalid();
                }
                let mut op = self.expr(&args[0]);
                if op.mode == Mode::Invalid {
                    return op;
                }
                // panic takes an interface{} (Go spec, "Handling panics").
                let any = self.universe_type("any");
                self.assign(&args[0], &mut op, any, "argument to panic");
                Operand {
                    mode: Mode::NoValue,
                    ty: 0,
                    val: None,
                }
            }
            Builtin::Unsupported(what) => {
                for a in args {
                    self.expr_any(a);
                }
                self.unsupported(start_pos(e), what);
                Operand::invalid()
            }
            Builtin::Print | Builtin::Println => {
                for a in args {
                    let mut op = self.expr(a);
                    if op.mode == Mode::Invalid {
                        continue;
                    }
                    if op.ty == self.basic(Basic::UntypedNil) {
                        self.error(
                            start_pos(a),
                            "use of untyped nil in argument to built-in print",
                        );
                        continue;
                    }
                    let t = self.default_type(a, &mut op, "argument");
                    if t == 0 {
                        continue;
                    }
                    let types = &self.prog.types;
                    let ok = types.is_numeric(t)
                        || types.is_string(t)
                        || types.is_bool(t)
                        || types.is_pointer(t)
                        || types.is_unsafe_pointer(t);
                    if !ok {
                        self.error(
                            start_pos(a),
                            format!("illegal types for operand: print\n\t{}", self.tn(t)),
                        );
                    }
                }
                Operand {
                    mode: Mode::NoValue,
                    ty: 0,
                    val: None,
                }
            }
            Builtin::Len => {
                if !want(1, self) {
                    return Operand::invalid();
                }
                let mut op = self.expr(&args[0]);
                if op.mode == Mode::Invalid {
                    return op;
                }
                let int = self.basic(Basic::Int);
                let types = &self.prog.types;
                if let Some(Const::Str(s)) = &op.val {
                    let n = s.len() as i128;
                    if types.is_untyped(op.ty) {
                        let st = self.basic(Basic::String);
                        self.convert_untyped(&args[0], &mut op, st);
                    }
                    return self.constant(int, Const::Int(n));
                }
                match types.get(types.under(op.ty)).clone() {
                    Type::Basic(Basic::String) | Type::Slice(_) => self.value(int),
                    Type::Array(n, _) => self.constant(int, Const::Int(n as i128)),
                    Type::Pointer(p) => match types.get(types.under(p)) {
                        Type::Array(n, _) => {
                            let n = *n;
                            self.constant(int, Const::Int(n as i128))
                        }
                        _ => {
                            self.error(
                                start_pos(&args[0]),
                                format!(
                                    "invalid argument: {} for len",
                                    self.describe(&args[0], &op)
                                ),
                            );
                            Operand::invalid()
                        }
                    },
                    _ => {
                        self.error(
                            start_pos(&args[0]),
                            format!("invalid argument: {} for len", self.describe(&args[0], &op)),
                        );
                        Operand::invalid()
                    }
                }
            }
            Builtin::New => {
                if !want(1, self) {
                    return Operand::invalid();
                }
                let Some(ty) = self.type_arg(&args[0]) else {
                    return Operand::invalid();
                };
                let t = self.prog.types.pointer(ty);
                self.value(t)
            }
            Builtin::Sizeof | Builtin::Alignof => {
                if !want(1, self) {
                    return Operand::invalid();
                }
                let mut op = self.expr(&args[0]);
                if op.mode == Mode::Invalid {
                    return op;
                }
                let t = self.default_type(&args[0], &mut op, "argument");
                if t == 0 {
                    return Operand::invalid();
                }
                let (size, align) = self.prog.types.layout(t);
                let v = if b == Builtin::Sizeof { size } else { align };
                self.constant(uintptr, Const::Int(v as i128))
            }
            Builtin::Offsetof => {
                if !want(1, self) {
                    return Operand::invalid();
                }
                let a = strip_parens(&args[0]);
                let ExprKind::Selector(..) = &a.kind else {
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
                match self.prog.info.selections.get(&a.id) {
                    Some(Selection::Field {
                        offset,
                        deref: false,
                    }) => {
                        let off = *offset;
                        self.constant(uintptr, Const::Int(off as i128))
                    }
                    _ => {
                        self.unsupported(start_pos(a), "unsafe.Offsetof through pointers");
                        Operand::invalid()
                    }
                }
            }
            Builtin::Add => {
                if !want(2, self) {
                    return Operand::invalid();
                }
                let mut p = self.expr(&args[0]);
                let mut n = self.expr(&args[1]);
                if p.mode == Mode::Invalid || n.mode == Mode::Invalid {
                    return Operand::invalid();
                }
                let up = self.basic(Basic::UnsafePointer);
                if !self.assign(&args[0], &mut p, up, "argument to unsafe.Add") {
                    return Operand::invalid();
                }
                if !self.prog.types.is_integer(n.ty) {
                    self.error(
                        start_pos(&args[1]),
                        format!(
                            "cannot use {} as int value in argument to unsafe.Add",
                            self.describe(&args[1], &n)
                        ),
                    );
                    return Operand::invalid();
                }
                if self.prog.types.is_untyped(n.ty) {
                    let int = self.basic(Basic::Int);
                    self.assign(&args[1], &mut n, int, "argument to unsafe.Add");
                }
                self.value(up)
            }
        }
    }
}
