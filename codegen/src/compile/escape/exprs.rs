//! Expressions in the location graph (Go's escape/expr.go): how an expression's value flows
//! into the hole it is evaluated for. Addressing (`&x`, slicing an array) shifts the hole by
//! -1, dereferencing (`*p`, `p.f`, `s[i]`) by +1; allocations (`&T{}`, `new`, closures, method
//! values, slice literals, boxing a value into an interface, string conversions and
//! concatenations) get a location of their own whose address flows into the hole. Values
//! without pointers flow nowhere. Anything the walk does not model flows to the heap.

use super::graph::Hole;
use super::walk::Batch;
use super::Site;
use crate::compile::ast::*;
use crate::compile::check::{strip_parens, CallKind, MethodVal, Selection};
use crate::compile::types::{Basic, Type};

impl Batch<'_> {
    /// Evaluates e for its effects only.
    pub(super) fn discard(&mut self, e: &Expr) {
        let k = self.discard_hole();
        self.expr(k, e);
    }

    /// Evaluates e, an operand of a comparison (or a switch's tag or case), for its effects
    /// only; its conversion to an interface, if any, gets no -m message.
    pub(super) fn compared(&mut self, e: &Expr) {
        let old = self.quiet_convert.replace(e.id);
        self.discard(e);
        self.quiet_convert = old;
    }

    /// Evaluates e, its value flowing into k (after the interface conversion the checker
    /// recorded at this use, if any).
    pub(super) fn expr(&mut self, k: Hole, e: &Expr) {
        // The call position applies to this argument only, not to what is inside it.
        let call_pos = self.call_pos.take();
        if self.prog.info.converts.contains_key(&e.id) {
            let from = self.ty(e);
            if !self.prog.types.is_interface(from) {
                let mut k = k;
                if !self.is_direct(from) {
                    self.call_pos = call_pos;
                    k = self.spill(k, Site::Convert(e.id), e);
                    self.call_pos = None;
                }
                self.expr_value(k, e);
                return;
            }
        }
        self.expr_value(k, e);
    }

    /// Evaluates an argument of the call at `call` into k.
    pub(super) fn arg(&mut self, k: Hole, a: &Expr, call: &Expr) {
        self.call_pos = Some(call.pos);
        self.expr(k, a);
        self.call_pos = None;
    }

    fn expr_value(&mut self, mut k: Hole, e: &Expr) {
        if self.prog.info.consts.contains_key(&e.id) {
            return;
        }
        let t = self.ty(e);
        if k.derefs >= 0 && t != 0 && !self.prog.types.is_untyped(t) && !self.has_pointers(t) {
            k.dst = self.g.blank;
        }
        if let Some(mv) = self.prog.info.method_vals.get(&e.id).cloned() {
            self.method_value(k, e, mv);
            return;
        }
        match &e.kind {
            ExprKind::Ident(_) => {
                if let Some(o) = self.prog.info.uses.get(&e.id).copied() {
                    if self.is_local(o) {
                        let l = self.var(o);
                        self.g.flow(k, l);
                    }
                }
            }
            ExprKind::IntLit(_)
            | ExprKind::FloatLit(_)
            | ExprKind::ImagLit(_)
            | ExprKind::CharLit(_)
            | ExprKind::StrLit(_)
            | ExprKind::Type(_) => {}
            ExprKind::Paren(x) => self.expr(k, x),
            ExprKind::Unary(UnOp::Addr, x) => {
                if let ExprKind::Composite { .. } = &strip_parens(x).kind {
                    let k = self.spill(k, Site::Alloc(e.id), e);
                    self.composite(k, strip_parens(x));
                } else {
                    self.expr(k.addr(), x);
                }
            }
            ExprKind::Unary(UnOp::Deref, x) => self.expr(k.deref(), x),
            ExprKind::Unary(_, x) => self.discard(x),
            ExprKind::Binary(op, x, y) => {
                if *op == BinOp::Add && self.prog.types.is_string(t) {
                    // A concatenation makes a new string; its operands are only read.
                    self.spill(k, Site::Alloc(e.id), e);
                    self.concat_operands(x);
                    self.concat_operands(y);
                } else if op.is_comparison() {
                    self.compared(x);
                    self.compared(y);
                } else {
                    self.discard(x);
                    self.discard(y);
                }
            }
            ExprKind::Call { .. } => self.call(&[k], e),
            ExprKind::Selector(x, ..) => match self.prog.info.selections.get(&e.id).cloned() {
                Some(Selection::Field { deref: false, .. }) => self.expr(k, x),
                Some(Selection::Field { deref: true, .. }) => self.expr(k.deref(), x),
                // A package-level variable or function.
                Some(Selection::Qualified(_)) => {}
                None => {
                    let h = self.heap_hole();
                    self.expr(h, x);
                }
            },
            ExprKind::Index(x, i) => {
                let xt = self.ty(x);
                match self.under(xt) {
                    Type::Array(..) => self.expr(k, x),
                    Type::Slice(_) | Type::Pointer(_) => self.expr(k.deref(), x),
                    Type::Basic(_) => self.discard(x),
                    // Map elements live in the map's heap memory.
                    _ => self.discard(x),
                }
                self.discard(i);
            }
            ExprKind::Slice { x, lo, hi, max } => {
                let xt = self.ty(x);
                if matches!(self.under(xt), Type::Array(..)) {
                    // Slicing an array takes its address.
                    self.expr(k.addr(), x);
                } else {
                    self.expr(k, x);
                }
                for p in [lo, hi, max].into_iter().flatten() {
                    self.discard(p);
                }
            }
            ExprKind::Composite { .. } => self.composite(k, e),
            ExprKind::FuncLit(fl) => {
                let k = self.spill(k, Site::Alloc(e.id), e);
                self.closures.push((k, e.id));
                self.note_captures(e.id);
                if let Some(&f) = self.fn_of.get(&super::FnKey::Lit(e.id)) {
                    let fl = fl.clone();
                    self.walk_body(f, &fl.body);
                }
            }
            // Rejected by the checker (generics); anything unmodelled goes to the heap.
            ExprKind::IndexList(..) => {}
            ExprKind::TypeAssert(x, _) => {
                let k = self.dot_type(k, t);
                self.expr(k, x);
            }
        }
    }

    /// The operands of a concatenation, flattened as Go's OADDSTR is: only the outermost
    /// string `+` allocates.
    fn concat_operands(&mut self, x: &Expr) {
        let s = strip_parens(x);
        if let ExprKind::Binary(BinOp::Add, a, b) = &s.kind {
            if self.prog.types.is_string(self.ty(s)) && !self.prog.info.consts.contains_key(&s.id) {
                self.concat_operands(a);
                self.concat_operands(b);
                return;
            }
        }
        self.discard(x);
    }

    /// A composite literal's elements: a struct or array holds them in its own storage (the
    /// hole), a slice in a new backing array.
    pub(super) fn composite(&mut self, k: Hole, e: &Expr) {
        let ExprKind::Composite { elems, .. } = &e.kind else {
            return;
        };
        let t = self.ty(e);
        let k = match self.under(t) {
            Type::Struct(_) | Type::Array(..) => k,
            Type::Slice(_) => self.spill(k, Site::Alloc(e.id), e),
            _ => {
                // A map literal: keys and values are stored in heap memory.
                self.spill(k, Site::Alloc(e.id), e);
                for el in elems {
                    let h = self.heap_hole();
                    if let Some(key) = &el.key {
                        self.expr(h, key);
                    }
                    self.element(h, &el.value);
                }
                return;
            }
        };
        for el in elems {
            if let Some(key) = &el.key {
                if !matches!(key.kind, ExprKind::Ident(_))
                    || !matches!(self.under(t), Type::Struct(_))
                {
                    self.discard(key);
                }
            }
            self.element(k, &el.value);
        }
    }

    /// An element of a composite literal; `{...}` with an elided `&T` allocates.
    fn element(&mut self, k: Hole, v: &Expr) {
        if let ExprKind::Composite { ty: None, .. } = &v.kind {
            let t = self.ty(v);
            if let Type::Pointer(_) = self.under(t) {
                let k = self.spill(k, Site::Alloc(v.id), v);
                self.composite(k, v);
                return;
            }
        }
        self.expr(k, v);
    }

    /// `x.M` not called: a closure holding the receiver, which also flows to M's receiver
    /// parameter (whose results, when the method value is called later, may go anywhere).
    /// Method expressions (`T.M`) are static functions and allocate nothing.
    fn method_value(&mut self, k: Hole, e: &Expr, mv: MethodVal) {
        let sel = strip_parens(e);
        let ExprKind::Selector(x, ..) = &sel.kind else {
            return;
        };
        match mv {
            MethodVal::Bound { func, addr, deref } => {
                let closure_k = self.spill(k, Site::Alloc(e.id), e);
                let nres = match self.prog.types.get(self.prog.objs[func as usize].ty) {
                    Type::Func(sig) => sig.results.len(),
                    _ => 0,
                };
                let ks: Vec<Hole> = (0..nres).map(|_| self.heap_hole()).collect();
                let param_k = self.param_hole(super::calls::Callee::Decl(func), 0, &ks);
                let k = self.tee(&[param_k, closure_k]);
                if addr {
                    self.expr(k.addr(), x);
                } else if deref {
                    self.expr(k.deref(), x);
                } else {
                    self.expr(k, x);
                }
            }
            MethodVal::Iface { .. } => {
                let closure_k = self.spill(k, Site::Alloc(e.id), e);
                let h = self.heap_hole();
                let k = self.tee(&[h, closure_k]);
                self.expr(k, x);
            }
            MethodVal::Expr { .. } | MethodVal::IfaceExpr { .. } | MethodVal::Promoted { .. } => {}
        }
    }

    /// A conversion `T(x)` (CallKind::Conversion).
    pub(super) fn conversion(
        &mut self,
        k: Hole,
        e: &Expr,
        to: crate::compile::types::TypeId,
        x: &Expr,
    ) {
        let from = self.ty(x);
        let types = &self.prog.types;
        if types.is_interface(to) && !types.is_interface(from) {
            let k = if self.is_direct(from) {
                k
            } else {
                self.spill(k, Site::Convert(e.id), e)
            };
            self.expr(k, x);
            return;
        }
        let string_from_slice = types.is_string(to) && matches!(self.under(from), Type::Slice(_));
        let string_from_int = types.is_string(to) && types.is_integer(from);
        let slice_from_string = types.is_string(from) && matches!(self.under(to), Type::Slice(_));
        if string_from_slice || string_from_int || slice_from_string {
            self.spill(k, Site::Alloc(e.id), e);
            self.discard(x);
            return;
        }
        if types.is_unsafe_pointer(to) && types.basic_of(from) == Some(Basic::Uintptr) {
            self.unsafe_value(k, x);
            return;
        }
        self.expr(k, x);
    }

    /// A uintptr expression converted to unsafe.Pointer: the pointers converted to uintptr
    /// inside it flow on (Go's unsafeValue).
    fn unsafe_value(&mut self, k: Hole, e: &Expr) {
        match &e.kind {
            ExprKind::Paren(x) | ExprKind::Unary(UnOp::Neg | UnOp::Plus | UnOp::Xor, x) => {
                self.unsafe_value(k, x)
            }
            ExprKind::Binary(op, x, y) => {
                self.unsafe_value(k, x);
                if op.is_shift() {
                    self.discard(y);
                } else {
                    self.unsafe_value(k, y);
                }
            }
            ExprKind::Call { args, .. }
                if matches!(
                    self.prog.info.calls.get(&e.id),
                    Some(CallKind::Conversion(_))
                ) && args.len() == 1 =>
            {
                if self.prog.types.is_unsafe_pointer(self.ty(&args[0])) {
                    self.expr(k, &args[0]);
                } else {
                    self.discard(&args[0]);
                }
            }
            _ => {
                self.discard(e);
            }
        }
    }
}
