//! Generic functions and types in expressions and type expressions: instantiations
//! `F[int]`, `List[T]`, and calls of generic functions, whose missing type arguments are
//! inferred (infer.rs).

use super::super::exprstring::{expr_string, start_pos, strip_parens};
use super::super::operand::{Mode, Operand};
use crate::compile::ast::*;
use crate::compile::check::{CallKind, Checker, ObjId, ObjKind};
use crate::compile::types::{Type, TypeId};

impl Checker {
    /// `x[A]` or `x[A, B]` where x is a generic function or type (Go spec,
    /// "Instantiations"). A function given only some of its type arguments stays generic:
    /// the call that uses it infers the rest.
    pub(in crate::compile::check) fn instantiation(
        &mut self,
        e: &Expr,
        x: &Expr,
        xo: Operand,
        list: &[Expr],
    ) -> Operand {
        let mut targs = Vec::new();
        let mut positions = Vec::new();
        let mut bad = false;
        for a in list {
            let t = self.type_operand(a);
            bad |= t == 0;
            targs.push(t);
            positions.push(match &a.kind {
                ExprKind::Type(te) => super::super::maps::start_type_pos(te),
                _ => start_pos(a),
            });
        }
        match xo.mode {
            Mode::GenericType(g) => {
                if bad {
                    return Operand::invalid();
                }
                let t = self.instantiate_checked(g, targs, positions, e.pos);
                if t == 0 {
                    return Operand::invalid();
                }
                self.prog.info.types.insert(e.id, t);
                Operand {
                    mode: Mode::Type,
                    ty: t,
                    val: None,
                }
            }
            Mode::Generic(f, mut explicit) => {
                let tps = self.gen.func_tparams[&f].clone();
                explicit.extend(targs);
                if explicit.len() > tps.types.len() {
                    self.error(
                        positions.get(tps.types.len()).copied().unwrap_or(e.pos),
                        format!(
                            "got {} type arguments but want {}",
                            explicit.len(),
                            tps.types.len()
                        ),
                    );
                    return Operand::invalid();
                }
                if bad {
                    return Operand::invalid();
                }
                if explicit.len() < tps.types.len() {
                    return Operand {
                        mode: Mode::Generic(f, explicit),
                        ty: xo.ty,
                        val: None,
                    };
                }
                self.func_instance(e, f, explicit, &positions)
            }
            Mode::Invalid => Operand::invalid(),
            _ => {
                self.error(
                    start_pos(x),
                    format!("invalid operation: cannot index {}", self.describe(x, &xo)),
                );
                Operand::invalid()
            }
        }
    }

    /// The instance that `f[A]` (e), given only its first type arguments and not called,
    /// denotes: the rest are inferred from the constraints alone, as types2's funcInst does.
    pub(in crate::compile::check) fn partial_instance(
        &mut self,
        e: &Expr,
        f: ObjId,
        explicit: &[TypeId],
    ) -> Operand {
        let Some(targs) = self.infer(f, explicit, &[], e) else {
            return Operand::invalid();
        };
        self.func_instance(e, f, targs, &[])
    }

    /// `f[A, B]` (e) with every type argument known: checked against the constraints (an
    /// argument's error at its position, an inferred one's at e), the instance made, and e
    /// denoting it as a function value.
    fn func_instance(
        &mut self,
        e: &Expr,
        f: ObjId,
        targs: Vec<TypeId>,
        positions: &[Pos],
    ) -> Operand {
        let tps = self.gen.func_tparams[&f].clone();
        if !self.verify_type_args(&tps.types, &targs, positions, e.pos) {
            return Operand::invalid();
        }
        let inst = self.instantiate_func(f, targs);
        self.prog.info.uses.insert(e.id, inst);
        let ty = self.prog.objs[inst as usize].ty;
        Operand {
            mode: Mode::Func(inst),
            ty,
            val: None,
        }
    }

    /// Whether expression x is a name (`List`, `pkg.List`) denoting a generic type.
    pub(in crate::compile::check) fn names_generic_type(&mut self, x: &Expr) -> bool {
        let id = match &strip_parens(x).kind {
            ExprKind::Ident(n) => self.lookup(n),
            ExprKind::Selector(p, n, _) => match &p.kind {
                ExprKind::Ident(pn) => {
                    match self.lookup(pn).map(|o| &self.prog.objs[o as usize].kind) {
                        Some(ObjKind::Pkg(pkg)) if *pkg < self.prog.packages.len() => {
                            let pkg = *pkg;
                            self.member(pkg, n)
                        }
                        _ => None,
                    }
                }
                _ => None,
            },
            _ => None,
        };
        let Some(id) = id else { return false };
        if !matches!(self.prog.objs[id as usize].kind, ObjKind::TypeName) {
            return false;
        }
        self.resolve(id);
        let t = self.prog.objs[id as usize].ty;
        self.gen.type_tparams.contains_key(&t)
    }

    /// A type argument: an expression that must denote a type.
    fn type_operand(&mut self, a: &Expr) -> TypeId {
        let op = self.expr_any(a);
        match op.mode {
            Mode::Type => op.ty,
            Mode::Invalid => 0,
            Mode::GenericType(_) => {
                self.single_value(a, op);
                0
            }
            _ => {
                self.error(start_pos(a), format!("{} is not a type", expr_string(a)));
                0
            }
        }
    }

    /// `G[args]` of generic type G, checking the count now and the constraints once every
    /// type is complete.
    pub(in crate::compile::check) fn instantiate_checked(
        &mut self,
        g: TypeId,
        args: Vec<TypeId>,
        positions: Vec<Pos>,
        pos: Pos,
    ) -> TypeId {
        let tps = self.gen.type_tparams[&g].clone();
        if args.len() != tps.types.len() {
            // types2 (Go 1.19) validTypeArgs' wording.
            self.error(
                pos,
                format!(
                    "got {} arguments but {} type parameters",
                    args.len(),
                    tps.types.len()
                ),
            );
            return 0;
        }
        let t = self.instantiate_type(g, args.clone());
        self.later_type_args.push((tps.types, args, positions, pos));
        t
    }

    /// Checks the type arguments of the package's instantiations against their constraints
    /// (delayed until the types are complete, as types2 does).
    pub(in crate::compile::check) fn check_type_args(&mut self) {
        for (params, args, positions, pos) in std::mem::take(&mut self.later_type_args) {
            self.verify_type_args(&params, &args, &positions, pos);
        }
    }

    /// A call of generic function f (Go spec, "Calls", "Type inference"): the type
    /// arguments not given are inferred from the arguments, then the instance is called.
    pub(in crate::compile::check) fn generic_call(
        &mut self,
        e: &Expr,
        func: &Expr,
        args: &[Expr],
        f: ObjId,
        explicit: &[TypeId],
    ) -> Operand {
        let ops = self.expr_list_values(args);
        if ops.iter().any(|(_, o)| o.mode == Mode::Invalid) {
            return Operand::invalid();
        }
        let Some(targs) = self.infer(f, explicit, &ops, e) else {
            return Operand::invalid();
        };
        let tps = self.gen.func_tparams[&f].clone();
        let positions: Vec<Pos> = Vec::new();
        // An inferred argument's error is reported at the call's parenthesis, as types2 does.
        if !self.verify_type_args(&tps.types, &targs, &positions, e.pos) {
            return Operand::invalid();
        }
        let inst = self.instantiate_func(f, targs);
        // The callee denotes the instance: the lowering calls it.
        self.prog.info.uses.insert(func.id, inst);
        if let ExprKind::Index(x, _) | ExprKind::IndexList(x, _) = &func.kind {
            self.prog.info.uses.insert(x.id, inst);
        }
        self.prog.info.calls.insert(e.id, CallKind::Func(inst));
        self.has_call = true;
        let Type::Func(sig) = self
            .prog
            .types
            .get(self.prog.objs[inst as usize].ty)
            .clone()
        else {
            return Operand::invalid();
        };
        let fname = expr_string(func);
        self.arguments(e, &fname, args, ops, &sig.params, sig.variadic);
        self.results_operand(&sig.results)
    }
}
