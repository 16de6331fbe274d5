//! Type expressions: a type written in the source to a `TypeId` (go/types typexpr.go), and
//! function signatures (signature.go).

use super::exprstring::start_pos;
use super::operand::Mode;
use super::{is_exported, Checker, ObjId, ObjKind, UNSUPPORTED_PKG};
use crate::compile::ast::*;
use crate::compile::types::{Basic, Const, Field, Signature, Type, TypeId};

impl Checker {
    /// The parameter and result names of a signature without a body (a func type, an
    /// interface method) share one scope, as a function's do: a repeated name other than
    /// `_` is "redeclared in this block" (types2 collectParams declares them all).
    pub(super) fn unique_param_names(&mut self, params: &[Param], results: &[Param]) {
        let mut seen: Vec<(&str, Pos)> = Vec::new();
        for (name, pos) in params.iter().chain(results).filter_map(|p| p.name.as_ref()) {
            if name == "_" {
                continue;
            }
            if let Some(&(_, first)) = seen.iter().find(|(n, _)| n == name) {
                let other = self.pos_string(first);
                self.error(
                    *pos,
                    format!(
                        "{name} redeclared in this block\n\t{other}: other declaration of {name}"
                    ),
                );
                continue;
            }
            seen.push((name, *pos));
        }
    }

    /// A function's signature (types2 funcType, collectParams). A method's receiver comes
    /// first among the parameters. `...T` may only be the type of the final parameter, where
    /// it stands for `[]T`; a grouped `a, b ...T` shares one type, checked once at its first
    /// name, so it is not variadic either.
    pub(super) fn signature(
        &mut self,
        recv: Option<&Param>,
        params_ast: &[Param],
        results: &[Param],
    ) -> Signature {
        let mut variadic = false;
        let mut params = Vec::new();
        let mut seen_dots: Vec<Pos> = Vec::new();
        let list: Vec<(&Param, bool)> = recv
            .iter()
            .map(|r| (*r, false))
            .chain(params_ast.iter().map(|p| (p, true)))
            .collect();
        for (i, &(p, variadic_ok)) in list.iter().enumerate() {
            let ty = match &p.ty.kind {
                TypeExprKind::Dots(elem) => {
                    if !seen_dots.contains(&p.ty.pos) {
                        seen_dots.push(p.ty.pos);
                        if variadic_ok && i + 1 == list.len() {
                            variadic = true;
                        } else {
                            self.error(p.ty.pos, "can only use ... with final parameter in list");
                        }
                    }
                    &**elem
                }
                _ => &p.ty,
            };
            params.push(self.resolve_type(ty));
        }
        // The final parameter of a variadic function ...T has type []T.
        if variadic {
            if let Some(last) = params.last_mut() {
                *last = self.prog.types.slice(*last);
            }
        }
        let result_types = results
            .iter()
            .map(|p| match &p.ty.kind {
                TypeExprKind::Dots(elem) => {
                    if !seen_dots.contains(&p.ty.pos) {
                        seen_dots.push(p.ty.pos);
                        self.error(p.ty.pos, "can only use ... with final parameter in list");
                    }
                    self.resolve_type(elem)
                }
                _ => self.resolve_type(&p.ty),
            })
            .collect();
        // Names for messages: all of a list's are given or none are (Go spec, "Function
        // types"), apart from a method's receiver, which messages never print.
        let names = |ps: &[Param]| -> Vec<String> {
            if ps.iter().all(|p| p.name.is_none()) {
                return Vec::new();
            }
            ps.iter()
                .map(|p| p.name.as_ref().map_or("_".to_string(), |(n, _)| n.clone()))
                .collect()
        };
        // A method's receiver is params[0]: its name comes first, so that without_receiver
        // and method expressions (`func(t T, x int)`) print the others' names.
        let mut param_names = names(params_ast);
        if let Some(r) = recv {
            if !param_names.is_empty() || (params_ast.is_empty() && r.name.is_some()) {
                let rn = r.name.as_ref().map_or("_".to_string(), |(n, _)| n.clone());
                param_names.insert(0, rn);
            }
        }
        Signature {
            params,
            results: result_types,
            variadic,
            param_names,
            result_names: names(results),
        }
    }

    /// An array type's length (types2 arrayLength): a constant integer representable as an
    /// int, and not negative. A name that is no constant is reported without being evaluated,
    /// so it does not count as a use.
    fn array_length(&mut self, len: &Expr) -> Option<u64> {
        if let ExprKind::Ident(n) = &len.kind {
            match self.lookup(n) {
                None => {
                    self.error(len.pos, format!("undeclared name {n} for array length"));
                    return None;
                }
                Some(o) if !matches!(self.prog.objs[o as usize].kind, ObjKind::Const(_)) => {
                    self.error(len.pos, format!("invalid array length {n}"));
                    return None;
                }
                Some(_) => {}
            }
        }
        let op = self.expr(len);
        if op.mode != Mode::Const {
            if op.mode != Mode::Invalid {
                self.error(
                    start_pos(len),
                    format!("array length {} must be constant", self.describe(len, &op)),
                );
            }
            return None;
        }
        let types = &self.prog.types;
        if types.is_untyped(op.ty) || types.is_integer(op.ty) {
            let int = self.basic(Basic::Int);
            if let Some(v) = op.val.as_ref().and_then(Const::to_bigint) {
                let v = Const::from_big(v);
                if self.prog.types.representable(&v, int) {
                    if let Const::Int(n) = v {
                        if n >= 0 {
                            return Some(n as u64);
                        }
                    }
                    self.error(
                        start_pos(len),
                        format!("invalid array length {}", self.describe(len, &op)),
                    );
                    return None;
                }
            }
        }
        self.error(
            start_pos(len),
            format!("array length {} must be integer", self.describe(len, &op)),
        );
        None
    }

    pub fn resolve_type(&mut self, te: &TypeExpr) -> TypeId {
        match &te.kind {
            // Only an instantiation's generic type keeps its parentheses; the Name case
            // below reports a generic type used without instantiation.
            TypeExprKind::Paren(t) => self.resolve_type(t),
            TypeExprKind::Instance(g, args) => {
                let gt = match &g.kind {
                    TypeExprKind::Name(n) => match self.lookup(n) {
                        Some(id) => self.type_of_obj(id, g.pos, n),
                        None => {
                            self.undefined(g.pos, n);
                            0
                        }
                    },
                    _ => self.resolve_type(g),
                };
                let own = self
                    .gen
                    .recv_generic
                    .filter(|&g| g == gt)
                    .and_then(|g| self.gen.type_tparams.get(&g).cloned());
                let targs: Vec<TypeId> = args
                    .iter()
                    .enumerate()
                    .map(|(i, a)| match (&a.kind, &own) {
                        (TypeExprKind::Name(n), Some(tps)) if n == "_" => {
                            tps.types.get(i).copied().unwrap_or(0)
                        }
                        _ => self.resolve_type(a),
                    })
                    .collect();
                if gt == 0 || targs.contains(&0) {
                    return 0;
                }
                if !self.gen.type_tparams.contains_key(&gt) {
                    self.error(g.pos, format!("{} is not a generic type", self.tn(gt)));
                    return 0;
                }
                let positions = args.iter().map(|a| a.pos).collect();
                self.instantiate_checked(gt, targs, positions, te.pos)
            }
            // A union outside an interface or a constraint (Go spec, "General interfaces").
            TypeExprKind::Union(terms) => {
                for t in terms {
                    self.resolve_type(&t.ty);
                }
                self.error(te.pos, "cannot use a type union outside a type constraint");
                0
            }
            TypeExprKind::Name(n) => {
                let Some(id) = self.lookup(n) else {
                    self.undefined(te.pos, n);
                    return 0;
                };
                let t = self.type_of_obj(id, te.pos, n);
                if self.gen.type_tparams.contains_key(&t) {
                    let shown = self.generic_type_string(t);
                    self.error(
                        te.pos,
                        format!("cannot use generic type {shown} without instantiation"),
                    );
                    return 0;
                }
                self.value_type(t, te.pos)
            }
            TypeExprKind::Qualified(p, n) => {
                let Some(pid) = self.lookup(p) else {
                    self.error(te.pos, format!("undefined: {p}"));
                    return 0;
                };
                let ObjKind::Pkg(pkg) = self.prog.objs[pid as usize].kind else {
                    self.error(te.pos, format!("{p}.{n} is not a type"));
                    return 0;
                };
                self.prog.objs[pid as usize].used = true;
                if pkg == UNSUPPORTED_PKG {
                    // The import was already reported as not supported; its names have no
                    // types here, so the type is invalid and says nothing more.
                    return 0;
                }
                let found = if pkg == usize::MAX {
                    self.unsafe_scope.get(n).copied()
                } else {
                    is_exported(n).then(|| self.member(pkg, n)).flatten()
                };
                match found {
                    Some(id) => self.type_of_obj(id, te.pos, &format!("{p}.{n}")),
                    // Valid Go that the bundled copy lacks, as for a selector (selector.rs).
                    None if pkg != usize::MAX
                        && crate::compile::go_api::exports(&self.prog.packages[pkg].path, n) =>
                    {
                        self.unsupported(te.pos, &format!("{p}.{n}"));
                        0
                    }
                    None => {
                        self.error(te.pos, format!("undefined: {p}.{n}"));
                        0
                    }
                }
            }
            TypeExprKind::Pointer(e) => {
                let t = self.resolve_type(e);
                self.prog.types.pointer(t)
            }
            TypeExprKind::Array(len, e) => {
                let Some(len) = len else {
                    // Composite literals take `[...]T` apart before they get here.
                    self.error(
                        te.pos,
                        "invalid use of [...] array (outside a composite literal)",
                    );
                    self.resolve_type(e);
                    return 0;
                };
                let n = self.array_length(len);
                // The element type is checked whatever the length (types2 typInternal).
                let elem = self.resolve_type(e);
                match n {
                    Some(n) if elem != 0 => self.prog.types.array(n, elem),
                    _ => 0,
                }
            }
            TypeExprKind::Struct(fields) => {
                let mut out: Vec<Field> = Vec::new();
                let pkg = self.prog.packages[self.pkg].path.clone();
                for f in fields {
                    let ty = self.resolve_type(&f.ty);
                    if f.embedded {
                        // Checked once every type is complete (types2 structType's
                        // check.later): the embedded type may still be being declared.
                        self.embedded_checks.push((ty, f.pos));
                    }
                    if f.name != "_" && out.iter().any(|g| g.name == f.name) {
                        let prev = fields
                            .iter()
                            .find(|g| g.name == f.name)
                            .map(|g| g.pos)
                            .unwrap_or(f.pos);
                        let at = self.pos_string(prev);
                        self.error(
                            f.pos,
                            format!(
                                "{} redeclared\n\t{at}: other declaration of {}",
                                f.name, f.name
                            ),
                        );
                    }
                    // An empty tag is no tag (Go spec, "Struct types"; types2 NewStruct).
                    out.push(Field {
                        name: f.name.clone(),
                        ty,
                        offset: 0,
                        embedded: f.embedded,
                        tag: f.tag.clone().filter(|t| !t.is_empty()),
                        pkg: pkg.clone(),
                    });
                }
                self.prog.types.add(Type::Struct(out))
            }
            TypeExprKind::Slice(e) => {
                let t = self.resolve_type(e);
                self.prog.types.slice(t)
            }
            TypeExprKind::Map(k, v) => self.map_type(k, v),
            TypeExprKind::Chan(dir, e) => {
                let t = self.resolve_type(e);
                if t == 0 {
                    return 0;
                }
                self.prog.types.chan(*dir, t)
            }
            TypeExprKind::Func(params, results, _) => {
                self.unique_param_names(params, results);
                let sig = self.signature(None, params, results);
                self.prog.types.add(Type::Func(sig))
            }
            TypeExprKind::Interface(elems) => {
                let t = self.interface_type(elems);
                self.value_type(t, te.pos)
            }
            // `...T` is valid only as a parameter's type, which signature() unwraps.
            TypeExprKind::Dots(elem) => {
                self.resolve_type(elem);
                self.error(te.pos, "invalid use of '...'");
                0
            }
            TypeExprKind::Unsupported(what) => {
                self.unsupported(te.pos, what);
                0
            }
        }
    }

    pub(super) fn type_of_obj(&mut self, id: ObjId, pos: Pos, name: &str) -> TypeId {
        self.resolve(id);
        self.prog.objs[id as usize].used = true;
        match self.prog.objs[id as usize].kind {
            ObjKind::TypeName => {
                let t = self.prog.objs[id as usize].ty;
                if let Type::Named {
                    name: n,
                    underlying: None,
                    ..
                } = self.prog.types.get(t)
                {
                    if let Some(what) = n.strip_prefix("unsupported:") {
                        let what = match what {
                            "float32" | "float64" => "floating-point types".to_string(),
                            "complex64" | "complex128" => "complex numbers".to_string(),
                            w => w.to_string(),
                        };
                        self.unsupported(pos, &what);
                        return 0;
                    }
                }
                t
            }
            ObjKind::Pkg(_) => {
                self.error(pos, format!("use of package {name} not in selector"));
                0
            }
            _ => {
                let what = self.describe_obj(id, name);
                self.error(pos, format!("{what} is not a type"));
                0
            }
        }
    }

    /// The rules for an embedded field's type (Go spec, "Struct types": a type name T or a
    /// pointer to a non-interface type name *T, where T is not a pointer type), checked when
    /// the declarations are complete, with types2's messages.
    pub(super) fn check_embedded_fields(&mut self) {
        for (t, pos) in std::mem::take(&mut self.embedded_checks) {
            let types = &self.prog.types;
            let (base, is_ptr) = match types.get(t) {
                Type::Pointer(e) => (*e, true),
                _ => (t, false),
            };
            let msg = match types.get(types.under(base)) {
                Type::Basic(Basic::UnsafePointer) => "embedded field type cannot be unsafe.Pointer",
                Type::Pointer(_) => "embedded field type cannot be a pointer",
                Type::Interface(_) if is_ptr => {
                    "embedded field type cannot be a pointer to an interface"
                }
                _ => continue,
            };
            self.error(pos, msg);
        }
    }
}
