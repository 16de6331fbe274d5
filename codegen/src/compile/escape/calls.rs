//! Calls in the location graph (Go's escape/call.go). A call whose callee is known
//! statically (a function or method, a method expression, a function literal called where it
//! appears or through a variable bound once to it) passes each argument into the callee's
//! parameter: directly when the callee is in the batch being analysed, else through the
//! callee's leak summary (to the heap, or to the call's results, with derefs). Any other call
//! sends its arguments to the heap. Builtins have their own rules; the variadic arguments of
//! a call are packed into a new slice (`... argument`).

use super::graph::{Hole, Leaks};
use super::walk::Batch;
use super::{FnKey, Site};
use crate::compile::ast::*;
use crate::compile::check::{strip_parens, Builtin, CallKind, MethodVal, ObjId, ObjKind};
use crate::compile::types::{Signature, Type};

/// The largest implicit allocation (`new`, `&T{}`, `make` with a constant size) kept on the
/// stack (cmd/compile/internal/ir MaxImplicitStackVarSize).
pub const MAX_IMPLICIT_STACK: u64 = 64 << 10;

#[derive(Clone, Copy)]
pub(super) enum Callee {
    Decl(ObjId),
    Lit(ExprId),
}

impl Batch<'_> {
    fn callee_key(&self, c: Callee) -> FnKey {
        match c {
            Callee::Decl(o) => FnKey::Decl(o),
            Callee::Lit(e) => FnKey::Lit(e),
        }
    }

    /// The full signature of a callee, a method's receiver first.
    fn callee_sig(&self, c: Callee) -> Option<Signature> {
        let t = match c {
            Callee::Decl(o) => self.prog.objs[o as usize].ty,
            Callee::Lit(e) => *self.prog.info.types.get(&e)?,
        };
        match self.prog.types.get(t) {
            Type::Func(sig) => Some(sig.clone()),
            _ => None,
        }
    }

    /// The hole an argument for parameter i of the callee flows into; ks are the holes of
    /// the call's results.
    pub(super) fn param_hole(&mut self, c: Callee, i: usize, ks: &[Hole]) -> Hole {
        let extra = self.call_extra;
        let k = if let Some(&f) = self.fn_of.get(&self.callee_key(c)) {
            match self.fns[f].params.get(i) {
                Some(&l) => Hole::to(l),
                None => self.heap_hole(),
            }
        } else {
            let pointers = self
                .callee_sig(c)
                .and_then(|s| s.params.get(i).copied())
                .map(|t| self.has_pointers(t))
                .unwrap_or(true);
            let leaks = match c {
                Callee::Decl(o) => match &self.prog.objs[o as usize].kind {
                    ObjKind::Func { symbol, .. } => self.tags.param(symbol, i),
                    _ => None,
                },
                Callee::Lit(_) => None,
            };
            let leaks = match leaks {
                Some(l) => l,
                None if pointers => Leaks::heap(),
                None => Leaks::default(),
            };
            let mut holes = Vec::new();
            let h = leaks.heap_derefs();
            if h >= 0 {
                holes.push(self.heap_hole().shift(h));
            }
            for (r, k) in ks.iter().enumerate() {
                let d = leaks.result(r);
                if d >= 0 {
                    holes.push(k.shift(d));
                }
            }
            self.tee(&holes)
        };
        match extra {
            Some(x) => self.tee(&[k, x]),
            None => k,
        }
    }

    /// A call (or conversion, or builtin); ks are the holes its results flow into.
    pub(super) fn call(&mut self, ks: &[Hole], e: &Expr) {
        let ExprKind::Call {
            func,
            args,
            ellipsis,
        } = &e.kind
        else {
            let k = ks.first().copied().unwrap_or(self.discard_hole());
            self.expr(k, e);
            return;
        };
        let k0 = ks.first().copied().unwrap_or(self.discard_hole());
        match self.prog.info.calls.get(&e.id).cloned() {
            Some(CallKind::Conversion(t)) => {
                if let Some(x) = args.first() {
                    self.conversion(k0, e, t, x);
                }
            }
            Some(CallKind::Builtin(b)) => self.builtin(k0, e, b, args, *ellipsis),
            Some(CallKind::Func(o)) => {
                self.static_call(ks, Callee::Decl(o), None, args, e, *ellipsis);
            }
            Some(CallKind::Method {
                func: m,
                addr,
                deref,
            }) => {
                let ExprKind::Selector(x, ..) = &strip_parens(func).kind else {
                    return;
                };
                let shift = if addr {
                    -1
                } else if deref {
                    1
                } else {
                    0
                };
                self.static_call(ks, Callee::Decl(m), Some((x, shift)), args, e, *ellipsis);
            }
            Some(CallKind::Indirect) => self.indirect_call(ks, e, func, args, *ellipsis),
            Some(CallKind::IfaceMethod { .. }) => {
                if let ExprKind::Selector(x, ..) = &strip_parens(func).kind {
                    let h = self.unknown_param_hole();
                    self.expr(h, x);
                }
                for a in args {
                    let h = self.unknown_param_hole();
                    self.arg(h, a, e);
                }
            }
            None => {
                let h = self.heap_hole();
                self.expr(h, func);
                for a in args {
                    let h = self.heap_hole();
                    self.expr(h, a);
                }
            }
        }
    }

    /// The hole of an argument of a call whose callee is unknown.
    fn unknown_param_hole(&mut self) -> Hole {
        let h = self.heap_hole();
        match self.call_extra {
            Some(x) => self.tee(&[h, x]),
            None => h,
        }
    }

    fn indirect_call(&mut self, ks: &[Hole], e: &Expr, func: &Expr, args: &[Expr], spread: bool) {
        let f = strip_parens(func);
        // A literal called where it appears, or through a variable bound once to one.
        let lit = match &f.kind {
            ExprKind::FuncLit(_) => {
                if let Some(&fi) = self.fn_of.get(&FnKey::Lit(f.id)) {
                    self.fns[fi].called_directly = true;
                }
                Some(f.id)
            }
            ExprKind::Ident(_) => self
                .prog
                .info
                .uses
                .get(&f.id)
                .and_then(|o| self.static_lits.get(o))
                .copied(),
            _ => None,
        };
        // The function value itself is only called, not kept (a deferred or go'd one is).
        let fk = match self.call_extra {
            Some(x) => x,
            None => self.discard_hole(),
        };
        self.expr(fk, func);
        if let Some(lit) = lit {
            self.static_call(ks, Callee::Lit(lit), None, args, e, spread);
            return;
        }
        // A method expression `T.M(x, ...)` calls T.M; `(*T).M` of a value method goes
        // through the wrapper that dereferences its receiver.
        if let Some(MethodVal::Expr { func: m, ptr }) =
            self.prog.info.method_vals.get(&f.id).cloned()
        {
            if let Some((recv, rest)) = args.split_first() {
                if args.len() > 1 || !matches!(self.prog.types.get(self.ty(recv)), Type::Tuple(_)) {
                    let shift = if ptr { 1 } else { 0 };
                    self.static_call(ks, Callee::Decl(m), Some((recv, shift)), rest, e, spread);
                    return;
                }
            }
        }
        for a in args {
            let h = self.unknown_param_hole();
            self.arg(h, a, e);
        }
    }

    /// A call of a known callee. `recv` is the receiver expression of a method call and the
    /// shift that makes it the receiver argument (-1 for `&x`, 1 for `*p`).
    fn static_call(
        &mut self,
        ks: &[Hole],
        c: Callee,
        recv: Option<(&Expr, i32)>,
        args: &[Expr],
        call: &Expr,
        spread: bool,
    ) {
        let Some(sig) = self.callee_sig(c) else {
            for a in args {
                self.discard(a);
            }
            return;
        };
        if let Some(&f) = self.fn_of.get(&self.callee_key(c)) {
            for (i, &r) in self.fns[f].results.clone().iter().enumerate() {
                if let Some(&k) = ks.get(i) {
                    self.g.flow(k, r);
                }
            }
        }
        let first = match recv {
            Some((x, shift)) => {
                let k = self.param_hole(c, 0, ks);
                let k = if shift < 0 { k.addr() } else { k.shift(shift) };
                self.expr(k, x);
                1
            }
            None => 0,
        };
        // Parameter indexes of the arguments (the receiver comes first in the signature).
        let nparams = sig.params.len();
        let variadic_at = (sig.variadic && !spread).then(|| nparams - 1);
        let mut packed: Option<Hole> = None;
        let mut hole_for = |b: &mut Batch, j: usize| -> Hole {
            let pi = j + first;
            match variadic_at {
                Some(v) if pi >= v => {
                    if let Some(k) = packed {
                        return k;
                    }
                    let pk = b.param_hole(c, v, ks);
                    let k = b.spill(pk, Site::Variadic(call.id), call);
                    packed = Some(k);
                    k
                }
                _ => b.param_hole(c, pi.min(nparams.saturating_sub(1)), ks),
            }
        };
        // f(g()) with a multi-value g: g's results are the arguments.
        if let [only] = args {
            if let Type::Tuple(ts) = self.prog.types.get(self.ty(only)).clone() {
                let converted = self.prog.info.tuple_converts.contains_key(&only.id);
                let holes: Vec<Hole> = (0..ts.len())
                    .map(|j| {
                        if converted {
                            self.heap_hole()
                        } else {
                            hole_for(self, j)
                        }
                    })
                    .collect();
                self.call(&holes, strip_parens(only));
                return;
            }
        }
        for (j, a) in args.iter().enumerate() {
            let k = hole_for(self, j);
            self.arg(k, a, call);
        }
    }

    fn builtin(&mut self, k: Hole, e: &Expr, b: Builtin, args: &[Expr], spread: bool) {
        match b {
            Builtin::Append => {
                let Some((s, rest)) = args.split_first() else {
                    return;
                };
                let st = self.ty(s);
                let elem_ptrs = match self.under(st) {
                    Type::Slice(el) => self.has_pointers(el),
                    _ => true,
                };
                // The appended-to slice may be the result; when it grows, its elements are
                // copied to a new heap array.
                let appendee = if elem_ptrs {
                    let h = self.heap_hole().deref();
                    self.tee(&[k, h])
                } else {
                    k
                };
                self.expr(appendee, s);
                if spread {
                    if let Some(x) = rest.first() {
                        let xt = self.ty(x);
                        let h = match self.under(xt) {
                            Type::Slice(el) if self.has_pointers(el) => self.heap_hole().deref(),
                            _ => self.discard_hole(),
                        };
                        self.expr(h, x);
                    }
                } else {
                    for a in rest {
                        let h = self.heap_hole();
                        self.arg(h, a, e);
                    }
                }
            }
            Builtin::Copy => {
                if let [dst, src] = args {
                    self.discard(dst);
                    let st = self.ty(src);
                    let h = match self.under(st) {
                        Type::Slice(el) if self.has_pointers(el) => self.heap_hole().deref(),
                        _ => self.discard_hole(),
                    };
                    self.expr(h, src);
                } else {
                    for a in args {
                        self.discard(a);
                    }
                }
            }
            Builtin::Panic => {
                for a in args {
                    let h = self.heap_hole();
                    self.arg(h, a, e);
                }
            }
            // delete's map and key are only read (escape/call.go ODELETE: discard holes).
            Builtin::Delete
            | Builtin::Print
            | Builtin::Println
            | Builtin::Len
            | Builtin::Cap
            | Builtin::Sizeof
            | Builtin::Offsetof
            | Builtin::Alignof
            | Builtin::Complex
            | Builtin::Real
            | Builtin::Imag
            | Builtin::Close => {
                for a in args {
                    self.discard(a);
                }
            }
            Builtin::New => {
                let k = self.spill(k, Site::Alloc(e.id), e);
                let t = self.ty(e);
                if let Type::Pointer(el) = self.under(t) {
                    if self.size(el) > MAX_IMPLICIT_STACK {
                        let h = self.heap_hole();
                        self.g.flow(h.addr(), k.dst);
                    }
                }
            }
            // The runtime allocates a channel (makechan): no site here (escape/expr.go
            // OMAKECHAN).
            Builtin::Make if self.prog.types.is_chan(self.ty(e)) => {
                for a in args.iter().skip(1) {
                    self.discard(a);
                }
            }
            Builtin::Make => {
                let t = self.ty(e);
                let k = self.spill(k, Site::Alloc(e.id), e);
                if let Type::Slice(el) = self.under(t) {
                    // Only a constant size that is small enough can be a stack array.
                    let n = args.get(2).or(args.get(1));
                    let size = n.and_then(|n| match self.prog.info.consts.get(&n.id) {
                        Some(crate::compile::types::Const::Int(v)) => Some(*v),
                        _ => None,
                    });
                    let es = self.size(el) as i128;
                    let small = matches!(size, Some(n) if es == 0 || n <= (MAX_IMPLICIT_STACK as i128) / es);
                    if !small {
                        let h = self.heap_hole();
                        self.g.flow(h.addr(), k.dst);
                    }
                }
                for a in args.iter().skip(1) {
                    self.discard(a);
                }
            }
            // The slice points where ptr does (Go's escape analysis: OUNSAFESLICE).
            Builtin::Add | Builtin::Slice => {
                if let [p, n] = args {
                    self.expr(k, p);
                    self.discard(n);
                }
            }
            // Builtins the analysis does not know: their operands go to the heap.
            _ => {
                for a in args {
                    let h = self.heap_hole();
                    self.expr(h, a);
                }
            }
        }
    }
}
