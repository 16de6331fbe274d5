//! Expressions: constants, names, selectors and indexing, unary and binary operators (the
//! arithmetic itself is in arith.rs), expression lists in gc's evaluation order, and the places
//! assignments write to.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types as clt, InstBuilder, Value};

use super::{flags, FnLower, IndexPlace, Place, Shape, Storage, Val};
use crate::compile::ast::*;
use crate::compile::check::{strip_parens, CallKind, ObjKind, Selection};
use crate::compile::types::{Const, Type, TypeId};

impl FnLower<'_, '_> {
    pub(super) fn expr_list(&mut self, values: &[Expr]) -> Vec<Val> {
        // Each operand's code is at the operand's line, as Go's SSA values carry their nodes'
        // positions: `f(a,\n *p)` faults at the second line. What follows (the call) is
        // at the line it was before.
        let outer = self.b.srcloc();
        let vals = self.expr_list_at_lines(values);
        self.b.set_srcloc(outer);
        vals
    }

    /// Puts the code that follows at `e`'s line (a made-up expression has none).
    fn operand_loc(&mut self, e: &Expr) {
        if e.pos.line != 0 {
            self.set_loc(e.pos);
        }
    }

    fn expr_list_at_lines(&mut self, values: &[Expr]) -> Vec<Val> {
        if values.len() == 1 {
            self.operand_loc(&values[0]);
            return match self.expr(&values[0]) {
                Val::Tuple(vs) => {
                    let convs = self.prog().info.tuple_converts.get(&values[0].id).cloned();
                    match convs {
                        Some(convs) => vs
                            .into_iter()
                            .enumerate()
                            .map(|(i, v)| match convs.get(i).copied().flatten() {
                                Some((from, to)) => self.convert_to_iface(v, from, to),
                                None => v,
                            })
                            .collect(),
                        None => vs,
                    }
                }
                v => vec![v],
            };
        }
        // gc evaluates the operands that contain calls first (in order), then the others
        // (cmd/compile/internal/walk/order.go copies call results to temporaries); the spec
        // leaves it open, and programs can observe it.
        let mut vals: Vec<Option<Val>> = vec![None; values.len()];
        for (i, e) in values.iter().enumerate() {
            if self.has_call(e) {
                self.operand_loc(e);
                vals[i] = Some(self.expr(e));
            }
        }
        for (i, e) in values.iter().enumerate() {
            if vals[i].is_none() {
                self.operand_loc(e);
                vals[i] = Some(self.expr(e));
            }
        }
        vals.into_iter().map(|v| v.unwrap_or(Val::None)).collect()
    }

    /// A builtin's operands, evaluated as [`FnLower::expr_list`] evaluates them, with their
    /// types: a lone multi-value call gives one operand per result (`copy(g())`).
    pub(super) fn operands(&mut self, args: &[Expr]) -> Vec<(Val, TypeId)> {
        let types: Vec<TypeId> = match args {
            [a] => match self.pl.prog.types.get(self.type_of(a)) {
                Type::Tuple(ts) => {
                    let convs = self.prog().info.tuple_converts.get(&a.id);
                    ts.iter()
                        .enumerate()
                        .map(|(i, &t)| {
                            convs
                                .and_then(|c| c.get(i).copied().flatten())
                                .map_or(t, |(_, to)| to)
                        })
                        .collect()
                }
                _ => vec![self.type_of(a)],
            },
            _ => args.iter().map(|a| self.type_of(a)).collect(),
        };
        let vals = self.expr_list(args);
        vals.into_iter().zip(types).collect()
    }

    /// Whether e's value is a new aggregate nothing else refers to (a composite literal or a
    /// call's result), so that a variable may take it without a copy.
    pub(super) fn is_fresh(&self, e: &Expr) -> bool {
        let e = strip_parens(e);
        match &e.kind {
            ExprKind::Composite { .. } => !self.prog().info.converts.contains_key(&e.id),
            ExprKind::Call { .. } => matches!(
                self.prog().info.calls.get(&e.id),
                Some(
                    CallKind::Func(_)
                        | CallKind::Method { .. }
                        | CallKind::Indirect
                        | CallKind::IfaceMethod { .. }
                )
            ),
            _ => false,
        }
    }

    /// Whether evaluating e calls a function, a builtin included (conversions do not), or
    /// receives from a channel: gc
    /// orders builtin calls with the other calls of a list (`a, b := len(x), f()` reads
    /// len(x) before f runs; Go's test/fixedbugs/bug491.go).
    pub(super) fn has_call(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Call { func, args, .. } => {
                let real = !matches!(
                    self.prog().info.calls.get(&e.id),
                    Some(CallKind::Conversion(_))
                );
                real || self.has_call(func) || args.iter().any(|a| self.has_call(a))
            }
            ExprKind::Binary(_, x, y) | ExprKind::Index(x, y) => {
                self.has_call(x) || self.has_call(y)
            }
            // A receive is ordered as a call is (walk/order.go copies it to a temporary).
            ExprKind::Unary(UnOp::Recv, _) => true,
            ExprKind::Unary(_, x)
            | ExprKind::Paren(x)
            | ExprKind::Selector(x, ..)
            | ExprKind::TypeAssert(x, _) => self.has_call(x),
            ExprKind::Slice { x, lo, hi, max } => {
                self.has_call(x)
                    || [lo, hi, max]
                        .iter()
                        .any(|v| v.as_ref().is_some_and(|v| self.has_call(v)))
            }
            ExprKind::Composite { elems, .. } => elems.iter().any(|el| self.has_call(&el.value)),
            _ => false,
        }
    }

    pub(super) fn place(&mut self, e: &Expr) -> Place {
        let e = strip_parens(e);
        if let Some(p) = self.map_place(e) {
            return p;
        }
        if let ExprKind::Ident(_) = &e.kind {
            if let Some(&o) = self.prog().info.uses.get(&e.id) {
                if let Some(Storage::Ssa(_)) = self.vars.get(&o) {
                    return Place::Var(o);
                }
                let a = self.var_addr(o);
                return Place::Addr(a);
            }
        }
        Place::Addr(self.addr(e))
    }

    pub(super) fn read_place(&mut self, p: &Place, t: TypeId) -> Val {
        match p {
            Place::Var(o) => self.load_var(*o, t),
            Place::Addr(a) => self.load(t, *a),
            Place::Map(m) => self.read_map_place(m),
            Place::Index(ip) => {
                let a = self.index_addr(ip);
                self.load(t, a)
            }
        }
    }

    pub(super) fn write_place(&mut self, p: &Place, t: TypeId, v: Val) {
        match p {
            Place::Var(o) => self.store_var(*o, t, v),
            Place::Addr(a) => self.store(t, *a, v),
            Place::Map(m) => self.map_store(m, v),
            Place::Index(ip) => {
                let a = self.index_addr(ip);
                self.store(t, a, v)
            }
        }
    }

    /// Word `word` of a string's or slice's header (0 data, 1 length, 2 capacity). Reached
    /// through a pointer (`p.s`, `(*p)`), only that word is loaded, as gc loads it: a nil
    /// pointer faults at that word's address, as go's does.
    pub(super) fn header_word(&mut self, e: &Expr, word: usize) -> Value {
        let through_pointer = match &strip_parens(e).kind {
            ExprKind::Selector(..) => matches!(
                self.prog().info.selections.get(&strip_parens(e).id),
                Some(Selection::Field { deref: true, .. })
            ),
            ExprKind::Unary(UnOp::Deref, _) => true,
            _ => false,
        };
        if through_pointer && !self.prog().info.converts.contains_key(&e.id) {
            let a = self.addr(e);
            return self.b.ins().load(clt::I64, flags(), a, 8 * word as i32);
        }
        match (self.expr(e), word) {
            (Val::Str(p, _) | Val::Slice(p, ..), 0) => p,
            (Val::Str(_, l) | Val::Slice(_, l, _), 1) => l,
            (Val::Slice(_, _, c), _) => c,
            _ => self.b.ins().iconst(clt::I64, 0),
        }
    }

    /// The address of an addressable expression.
    pub(super) fn addr(&mut self, e: &Expr) -> Value {
        let e = strip_parens(e);
        match &e.kind {
            ExprKind::Ident(_) => {
                let o = self.prog().info.uses[&e.id];
                self.var_addr(o)
            }
            ExprKind::Selector(x, _, dot) => {
                match self.prog().info.selections.get(&e.id).cloned() {
                    Some(Selection::Field { offset, deref }) => {
                        self.field_addr(e, x, *dot, offset, deref)
                    }
                    Some(Selection::Qualified(o)) => self.var_addr(o),
                    None => self.b.ins().iconst(clt::I64, 0),
                }
            }
            ExprKind::Index(x, i) => match self.index_operands(e.pos, x, i) {
                Some(p) => self.index_addr(&p),
                None => self.b.ins().iconst(clt::I64, 0),
            },
            ExprKind::Unary(UnOp::Deref, x) => {
                let p = self.scalar(x);
                if self.addr_of {
                    self.nil_check(p);
                }
                p
            }
            _ => {
                // A non-addressable aggregate value (a call result, a literal): its temporary.
                match self.expr(e) {
                    Val::Mem(a) => a,
                    _ => self.b.ins().iconst(clt::I64, 0),
                }
            }
        }
    }

    /// The operands of `x[i]` for an array, a slice or a pointer to an array, evaluated: the
    /// element's address is taken, and the index checked, by `index_addr`, which a
    /// multi-value assignment calls only when it assigns to the element.
    pub(super) fn index_operands(&mut self, at: Pos, x: &Expr, i: &Expr) -> Option<IndexPlace> {
        let xt = self.type_of(x);
        let (base, len, elem) = match self.prog().types.get(self.prog().types.under(xt)).clone() {
            Type::Array(n, elem) => {
                let base = self.addr_or_value(x);
                // An array of a page or more may be reached through a nil pointer (`p.a[i]`)
                // with an element past the unmapped first page: check its base, which is
                // in the first page then.
                if n.saturating_mul(self.size(elem)) >= 4096 {
                    self.nil_check(base);
                }
                (base, self.b.ins().iconst(clt::I64, n as i64), elem)
            }
            Type::Slice(elem) => match self.expr(x) {
                Val::Slice(p, l, _) => (p, l, elem),
                _ => return None,
            },
            Type::Pointer(p) => match self.prog().types.get(self.prog().types.under(p)).clone() {
                Type::Array(n, elem) => {
                    let base = self.scalar(x);
                    // A nil *[N]T panics however large the index (the element may lie
                    // in mapped memory): Go's nil check.
                    self.nil_check(base);
                    (base, self.b.ins().iconst(clt::I64, n as i64), elem)
                }
                _ => return None,
            },
            _ => return None,
        };
        let idx = self.index_value(i);
        Some(IndexPlace {
            base,
            len,
            idx,
            esize: self.size(elem) as i64,
            in_bounds: self.known_in_bounds(x, i),
            at,
        })
    }

    /// The address of field selection `e` (`x.f`, the field at `offset`, through a pointer
    /// with `deref`), with the nil check the access needs: at once under `&` (`&p.a[i]`
    /// reaches the array field as a value here), at the dot of a selector split over
    /// lines, else only where the field lies past the first page.
    fn field_addr(&mut self, e: &Expr, x: &Expr, dot: Pos, offset: u64, deref: bool) -> Value {
        let base = self.selector_base(e, x, deref, false);
        if deref && self.addr_of {
            self.nil_check(base);
        } else if deref && dot.line != e.pos.line {
            self.split_selector_check(base, dot);
        } else {
            self.far_field_check(base, offset);
        }
        self.b.ins().iadd_imm_s(base, offset as i64)
    }

    /// `p.\n\tf` through a pointer: go's nil check for the selection is at the dot's line,
    /// and the access that faults may come later at another (`p.\n\ta[i]` loads at the
    /// index's), so the pointer is checked at the dot. A selector on one line needs none.
    fn split_selector_check(&mut self, base: Value, dot: Pos) {
        let outer = self.b.srcloc();
        self.set_loc(dot);
        self.nil_check(base);
        self.b.set_srcloc(outer);
    }

    /// A field at `offset` from a base that may be a nil pointer: an access at an offset past
    /// the first page (where nothing is mapped) might not fault, so the base is checked
    /// (Go's nil check; below 4096 the access faults by itself).
    pub(super) fn far_field_check(&mut self, base: Value, offset: u64) {
        if offset >= 4096 {
            self.nil_check(base);
        }
    }

    /// The address of the element at p, after the bounds check.
    pub(super) fn index_addr(&mut self, p: &IndexPlace) -> Value {
        if !p.in_bounds {
            self.check_index(p.idx, p.len, p.at);
        }
        let scaled = self.b.ins().imul_imm_s(p.idx, p.esize);
        self.b.ins().iadd(p.base, scaled)
    }

    /// The address of an aggregate operand whether or not it is addressable.
    pub(super) fn addr_or_value(&mut self, x: &Expr) -> Value {
        match self.expr(x) {
            Val::Mem(a) => a,
            _ => self.b.ins().iconst(clt::I64, 0),
        }
    }

    pub(super) fn scalar(&mut self, e: &Expr) -> Value {
        match self.expr(e) {
            Val::Scalar(v) => v,
            Val::Mem(a) => a,
            _ => self.b.ins().iconst(clt::I64, 0),
        }
    }

    pub(super) fn const_val(&mut self, c: &Const, t: TypeId) -> Val {
        if self.complex_part_type(t).is_some() {
            return self.complex_const(c, t);
        }
        match c {
            Const::Int(_) | Const::Big(_) | Const::Float(_) | Const::BigFloat(_) => match self
                .shape(t)
            {
                Shape::Scalar(clt::F64) => Val::Scalar(self.b.ins().f64const(c.to_f64())),
                Shape::Scalar(clt::F32) => Val::Scalar(self.b.ins().f32const(c.to_f64() as f32)),
                Shape::Scalar(ct) => {
                    Val::Scalar(self.b.ins().iconst(ct, c.to_int().unwrap_or(0) as i64))
                }
                _ => Val::Scalar(
                    self.b
                        .ins()
                        .iconst(clt::I64, c.to_int().unwrap_or(0) as i64),
                ),
            },
            Const::Bool(b) => Val::Scalar(self.b.ins().iconst(clt::I8, *b as i64)),
            // A complex constant of a real type (its imaginary part is zero).
            Const::Complex(..) => {
                self.const_val(&Const::Float(c.to_rational().unwrap_or_default()), t)
            }
            Const::Str(s) => {
                let len = self.b.ins().iconst(clt::I64, s.len() as i64);
                if s.is_empty() {
                    let p = self.b.ins().iconst(clt::I64, 0);
                    return Val::Str(p, len);
                }
                let d = self.pl.string_data(s);
                let p = self.data_addr(d);
                Val::Str(p, len)
            }
        }
    }

    /// An expression's value, converted to an interface where the checker recorded that its
    /// use site wants one.
    pub(super) fn expr(&mut self, e: &Expr) -> Val {
        let v = self.expr_raw(e);
        match self.prog().info.converts.get(&e.id).copied() {
            Some(to) => {
                let from = self.type_of(e);
                let site = crate::compile::escape::Site::Convert(e.id);
                self.convert_to_iface_at(v, from, to, Some(site))
            }
            None => v,
        }
    }

    pub(super) fn expr_raw(&mut self, e: &Expr) -> Val {
        if let Some(c) = self.prog().info.consts.get(&e.id).cloned() {
            let t = self.type_of(e);
            return self.const_val(&c, t);
        }
        if let Some(mv) = self.prog().info.method_vals.get(&e.id).cloned() {
            return self.method_value(e, mv);
        }
        // Each operation's code is at its own node's line, as Go's SSA builder gives every
        // value the position of the node it lowers (ssagen's `expr` pushes the node's line for
        // all but names and literals): `x := a +\n\tp.f` faults at the second line. The
        // node's position is its operator's (`.`, `[`, `(`, the binary operator), as in
        // syntax's trees.
        let own_line = e.pos.line != 0
            && !matches!(
                e.kind,
                ExprKind::Ident(_)
                    | ExprKind::Paren(_)
                    | ExprKind::IntLit(_)
                    | ExprKind::FloatLit(_)
                    | ExprKind::ImagLit(_)
                    | ExprKind::CharLit(_)
                    | ExprKind::StrLit(_)
            );
        if !own_line {
            return self.expr_kind(e);
        }
        let at = match e.kind {
            ExprKind::Selector(_, _, dot) => dot,
            _ => e.pos,
        };
        let outer = self.b.srcloc();
        self.set_loc(at);
        let v = self.expr_kind(e);
        self.b.set_srcloc(outer);
        v
    }

    /// The code of `e` by its kind (what [`Self::expr_raw`] lowers at `e`'s line).
    fn expr_kind(&mut self, e: &Expr) -> Val {
        match &e.kind {
            ExprKind::Paren(x) => self.expr(x),
            ExprKind::FuncLit(lit) => self.func_lit(e, lit),
            // `F[int]` as a value: the instance (the checker recorded it as the expression's
            // object).
            ExprKind::Index(..) | ExprKind::IndexList(..)
                if self.prog().info.uses.contains_key(&e.id) =>
            {
                let o = self.prog().info.uses[&e.id];
                match &self.prog().objs[o as usize].kind {
                    ObjKind::Func { symbol, .. } => {
                        let symbol = symbol.clone();
                        Val::Scalar(self.funcval(o, &symbol))
                    }
                    _ => Val::None,
                }
            }
            ExprKind::Ident(n) => {
                let Some(&o) = self.prog().info.uses.get(&e.id) else {
                    return Val::None;
                };
                if n == "nil" || matches!(self.prog().objs[o as usize].kind, ObjKind::Nil) {
                    let t = self.type_of(e);
                    return self.zero_val(t);
                }
                if let ObjKind::Func { symbol, .. } = &self.prog().objs[o as usize].kind {
                    let symbol = symbol.clone();
                    return Val::Scalar(self.funcval(o, &symbol));
                }
                let t = self.prog().objs[o as usize].ty;
                self.load_var(o, t)
            }
            ExprKind::Selector(x, _, dot) => {
                match self.prog().info.selections.get(&e.id).cloned() {
                    Some(Selection::Qualified(o)) => {
                        if let ObjKind::Func { symbol, .. } = &self.prog().objs[o as usize].kind {
                            let symbol = symbol.clone();
                            return Val::Scalar(self.funcval(o, &symbol));
                        }
                        let t = self.prog().objs[o as usize].ty;
                        self.load_var(o, t)
                    }
                    Some(Selection::Field { offset, deref }) => {
                        let t = self.type_of(e);
                        let a = self.field_addr(e, x, *dot, offset, deref);
                        self.load(t, a)
                    }
                    None => Val::None,
                }
            }
            ExprKind::Index(x, i) => {
                let xt = self.type_of(x);
                if self.prog().types.is_map(xt) {
                    return self.map_index(e, x, i);
                }
                if self.prog().types.is_string(xt) {
                    let Val::Str(p, l) = self.expr(x) else {
                        return Val::None;
                    };
                    let idx = self.index_value(i);
                    self.bounds_check(idx, l, x, i, e.pos);
                    let a = self.b.ins().iadd(p, idx);
                    return Val::Scalar(self.b.ins().load(clt::I8, flags(), a, 0));
                }
                let t = self.type_of(e);
                let a = self.addr(e);
                self.load(t, a)
            }
            ExprKind::Unary(op, x) => self.unary(e, *op, x),
            ExprKind::Binary(op, x, y) => self.binary(e, *op, x, y),
            ExprKind::Call { func, args, .. } => self.call(e, func, args),
            ExprKind::Composite { elems, .. } => {
                let t = self.type_of(e);
                self.composite(e.id, t, elems)
            }
            ExprKind::Slice { x, lo, hi, max } => {
                self.slice_expr(e.pos, x, lo.as_deref(), hi.as_deref(), max.as_deref())
            }
            ExprKind::TypeAssert(x, Some(_)) => {
                let t = self.type_of(e);
                self.type_assert(e, x, t)
            }
            _ => Val::None,
        }
    }

    pub(super) fn unary(&mut self, e: &Expr, op: UnOp, x: &Expr) -> Val {
        match op {
            UnOp::Addr => {
                if let ExprKind::Composite { elems, .. } = &strip_parens(x).kind {
                    let t = self.type_of(x);
                    let dst = self.new_object(e.id, t);
                    if self.pl.prog.types.is_slice(t) || self.pl.prog.types.is_map(t) {
                        // &[]T{...}: a new slice header pointing at the literal's array;
                        // &map[K]V{...}: a word holding the new map.
                        let v = self.composite(strip_parens(x).id, t, elems);
                        self.store(t, dst, v);
                    } else {
                        self.fill_composite(dst, t, elems);
                    }
                    return Val::Scalar(dst);
                }
                // An address made through a pointer (`&*p`, `&p.f`, `&p.a[i]`) must not be
                // made from nil: Go checks the pointer where nothing is loaded or stored.
                let outer = std::mem::replace(&mut self.addr_of, true);
                let a = self.addr(x);
                self.addr_of = outer;
                // `&p.f` through a pointer (p itself, or an embedded *T on the way) must not
                // make an address from nil: Go checks it (a load or store through the address
                // faults by itself).
                let sx = strip_parens(x);
                if let Some(Selection::Field { offset, deref }) =
                    self.prog().info.selections.get(&sx.id).cloned()
                {
                    let through_ptr = if self.prog().info.embedded.contains_key(&sx.id) {
                        self.ends_in_pointer(sx)
                    } else {
                        deref
                    };
                    if through_ptr {
                        let base = self.b.ins().iadd_imm_s(a, -(offset as i64));
                        self.nil_check(base);
                    }
                }
                Val::Scalar(a)
            }
            UnOp::Deref => {
                let t = self.type_of(e);
                let p = self.scalar(x);
                self.load(t, p)
            }
            UnOp::Neg => {
                let t = self.type_of(e);
                if self.complex_part_type(t).is_some() {
                    let v = self.expr(x);
                    return self.complex_neg(t, v);
                }
                let v = self.scalar(x);
                if self.b.func.dfg.value_type(v).is_float() {
                    return Val::Scalar(self.b.ins().fneg(v));
                }
                Val::Scalar(self.b.ins().ineg(v))
            }
            UnOp::Plus => self.expr(x),
            UnOp::Xor => {
                let v = self.scalar(x);
                Val::Scalar(self.b.ins().bnot(v))
            }
            UnOp::Not => {
                let v = self.scalar(x);
                Val::Scalar(self.b.ins().bxor_imm_u(v, 1))
            }
            UnOp::Recv => self.recv(e, x),
        }
    }

    pub(super) fn binary(&mut self, e: &Expr, op: BinOp, x: &Expr, y: &Expr) -> Val {
        if matches!(op, BinOp::LAnd | BinOp::LOr) {
            if let Some(v) = self.range_test(op, x, y) {
                return Val::Scalar(v);
            }
            // Short-circuit evaluation (Go spec, "Logical operators").
            let a = self.scalar(x);
            let rhs = self.b.create_block();
            let join = self.b.create_block();
            self.b.append_block_param(join, clt::I8);
            if op == BinOp::LAnd {
                self.b.ins().brif(a, rhs, &[], join, &[a.into()]);
            } else {
                self.b.ins().brif(a, join, &[a.into()], rhs, &[]);
            }
            self.b.switch_to_block(rhs);
            self.b.seal_block(rhs);
            let bv = self.scalar(y);
            self.b.ins().jump(join, &[bv.into()]);
            self.b.switch_to_block(join);
            self.b.seal_block(join);
            return Val::Scalar(self.b.block_params(join)[0]);
        }
        let xt = self.type_of(x);
        let yt = self.type_of(y);
        if matches!(op, BinOp::Eq | BinOp::Ne) && self.prog().types.is_string(xt) {
            // `s == ""` tests the length alone, as gc compiles it (its walk rewrites a
            // comparison with an empty constant to one of the length): no call, and s's
            // data word is not read, so a nil `p.s` faults at the length's address, as go's.
            let empty = |e: &Expr| matches!(self.prog().info.consts.get(&e.id), Some(Const::Str(s)) if s.is_empty());
            let other = match (empty(x), empty(y)) {
                (_, true) => Some(x),
                (true, false) => Some(y),
                _ => None,
            };
            if let Some(s) = other {
                let len = self.header_word(s, 1);
                let cc = if op == BinOp::Eq {
                    IntCC::Equal
                } else {
                    IntCC::NotEqual
                };
                return Val::Scalar(self.b.ins().icmp_imm_s(cc, len, 0));
            }
        }
        let a = self.expr(x);
        let b = self.expr(y);
        if op.is_comparison() {
            // The operands compare as the type they were converted to (a concrete value
            // compared with an interface is boxed into it), else as their own.
            let t = self.prog().info.converts.get(&x.id).copied().unwrap_or(xt);
            return self.compare(op, t, a, b);
        }
        let _ = e;
        self.binary_values(op, xt, a, b, yt)
    }
}
