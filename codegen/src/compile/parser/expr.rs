//! Expressions (Go spec, "Expressions"): binary and unary expressions by precedence,
//! operands, selectors, indices, slices, calls, type assertions and composite literals.

use super::*;
use crate::compile::ast::*;
use crate::compile::lexer::Tok;
use crate::compile::types::ChanDir;

impl Parser<'_> {
    pub(super) fn expr_list(&mut self) -> PResult<Vec<Expr>> {
        let mut list = vec![self.expr()?];
        while self.got_op(",") {
            list.push(self.expr()?);
        }
        Ok(list)
    }

    // Expression = UnaryExpr | Expression binary_op Expression .
    pub(super) fn expr(&mut self) -> PResult<Expr> {
        self.binary_expr(1)
    }

    pub(super) fn binary_expr(&mut self, min_prec: u8) -> PResult<Expr> {
        let x = self.unary_expr()?;
        self.binary_expr_from(x, min_prec)
    }

    /// The rest of a binary expression whose first operand `x` was parsed already.
    pub(super) fn binary_expr_from(&mut self, mut x: Expr, min_prec: u8) -> PResult<Expr> {
        let base = self.depth;
        while let Some((op, prec)) = self.binary_op(min_prec) {
            // Each operator of a chain nests the tree one level deeper.
            self.nest("expression")?;
            let pos = self.pos();
            self.advance();
            let y = self.binary_expr(prec + 1)?;
            x = self.new_expr(pos, ExprKind::Binary(op, Box::new(x), Box::new(y)));
        }
        self.depth = base;
        Ok(x)
    }

    /// The binary operator at the cursor, if it binds at least as tightly as `min_prec`.
    pub(super) fn binary_op(&self, min_prec: u8) -> Option<(BinOp, u8)> {
        match self.tok() {
            Tok::Op(o) => match (binop(o), precedence(o)) {
                (Some(op), Some(p)) if p >= min_prec => Some((op, p)),
                _ => None,
            },
            _ => None,
        }
    }

    // UnaryExpr = PrimaryExpr | unary_op UnaryExpr .
    pub(super) fn unary_expr(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let op = match self.tok() {
            Tok::Op("-") => Some(UnOp::Neg),
            Tok::Op("+") => Some(UnOp::Plus),
            Tok::Op("!") => Some(UnOp::Not),
            Tok::Op("^") => Some(UnOp::Xor),
            Tok::Op("&") => Some(UnOp::Addr),
            Tok::Op("*") => Some(UnOp::Deref),
            Tok::Op("<-") => Some(UnOp::Recv),
            _ => None,
        };
        if let Some(op) = op {
            self.nest("expression")?;
            self.advance();
            let mut x = self.unary_expr()?;
            self.depth -= 1;
            if op == UnOp::Recv {
                // `<-chan T` in an expression: the operand was parsed as the type `chan T`;
                // the arrow belongs to it (syntax/parser.go unaryExpr re-associates it).
                while let ExprKind::Paren(inner) = x.kind {
                    x = *inner;
                }
                if let ExprKind::Type(t) = &mut x.kind {
                    if let TypeExprKind::Chan(..) = t.kind {
                        self.recv_chan_type(t)?;
                        x.pos = pos;
                        if let ExprKind::Type(t) = &mut x.kind {
                            t.pos = pos;
                        }
                        return Ok(x);
                    }
                }
            }
            return Ok(self.new_expr(pos, ExprKind::Unary(op, Box::new(x))));
        }
        self.primary_expr()
    }

    /// Makes `chan D E`, read after a `<-`, the receive-only channel type the source means:
    /// `<-chan E` for `chan E`; for `chan<- E` (a send-only channel), `<-chan` of E with the
    /// arrow moved on into E, which must be a channel type too (`<-chan<- chan int` is
    /// `<-chan (<-chan int)`), as syntax/parser.go unaryExpr does.
    fn recv_chan_type(&mut self, t: &mut TypeExpr) -> PResult<()> {
        let mut t = t;
        loop {
            if !matches!(t.kind, TypeExprKind::Chan(..)) {
                // syntax.String of the element; tbuild spells out only a name.
                let what = match &t.kind {
                    TypeExprKind::Name(n) => n.clone(),
                    TypeExprKind::Qualified(p, n) => format!("{p}.{n}"),
                    _ => "type".to_string(),
                };
                let e = self
                    .err_at::<()>(self.pos(), format!("unexpected {what}, expecting chan"))
                    .unwrap_err();
                return self.recoverable(e);
            }
            let TypeExprKind::Chan(dir, elem) = &mut t.kind else {
                unreachable!()
            };
            let old = *dir;
            *dir = ChanDir::Recv;
            match old {
                ChanDir::Both => return Ok(()),
                ChanDir::Recv => {
                    // `<-<-chan E` is no type (the same error as `type _ <-<-chan E`).
                    let e = self.unexpected::<()>("chan").unwrap_err();
                    return self.recoverable(e);
                }
                ChanDir::Send => t = elem,
            }
        }
    }

    // Operand = Literal | OperandName | "(" Expression ")" .
    pub(super) fn operand(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let kind = match self.tok() {
            Tok::Ident(_) => ExprKind::Ident(self.pass_text()),
            Tok::Int(_) => ExprKind::IntLit(self.pass_text()),
            Tok::Float(_) => ExprKind::FloatLit(self.pass_text()),
            Tok::Imag(_) => ExprKind::ImagLit(self.pass_text()),
            &Tok::Char(c) => {
                self.advance();
                ExprKind::CharLit(c)
            }
            Tok::Str(_) => ExprKind::StrLit(self.pass_bytes()),
            Tok::Op("(") => {
                self.nest("expression")?;
                self.advance();
                let old = self.expr_lev;
                self.expr_lev = self.expr_lev.max(0) + 1;
                // A type literal here may start a composite literal or a conversion:
                // `([]int{1})`, `([]byte)(s)`; operand parses types as expressions.
                let x = self.expr()?;
                self.expr_lev = old;
                self.depth -= 1;
                self.want_op(")")?;
                ExprKind::Paren(Box::new(x))
            }
            Tok::Keyword("func") => {
                self.advance();
                let (params, variadic) = self.parameters()?;
                let results = self.result()?;
                if self.is_op("{") {
                    self.fnest += 1;
                    let (body, end) = self.block()?;
                    self.fnest -= 1;
                    ExprKind::FuncLit(std::rc::Rc::new(FuncLit {
                        pos,
                        params,
                        results,
                        variadic,
                        body,
                        end,
                    }))
                } else {
                    ExprKind::Type(Box::new(TypeExpr {
                        pos,
                        kind: TypeExprKind::Func(params, results, variadic),
                    }))
                }
            }
            Tok::Op("[")
            | Tok::Keyword("struct")
            | Tok::Keyword("map")
            | Tok::Keyword("chan")
            | Tok::Keyword("interface") => {
                let t = self.type_()?;
                ExprKind::Type(Box::new(t))
            }
            _ => {
                // syntax/parser.go operand: tokens are skipped to a closing bracket.
                let e = self.unexpected::<()>("expression").unwrap_err();
                self.recoverable(e)?;
                self.skip_to(&[")", "]", "}"]);
                ExprKind::Ident("_".to_string())
            }
        };
        Ok(self.new_expr(pos, kind))
    }

    // PrimaryExpr = Operand | Conversion | PrimaryExpr Selector | PrimaryExpr Index | ...
    pub(super) fn primary_expr(&mut self) -> PResult<Expr> {
        let x = self.operand()?;
        self.primary_suffix(x)
    }

    /// Selectors, indices, slices, calls and literal values after the operand `x`.
    pub(super) fn primary_suffix(&mut self, mut x: Expr) -> PResult<Expr> {
        let base = self.depth;
        loop {
            let pos = self.pos();
            // Each selector, index, call or literal applied nests the tree one level deeper.
            let applied = match self.tok() {
                Tok::Op(".") | Tok::Op("[") | Tok::Op("(") => true,
                Tok::Op("{") => self.is_literal_type(&x),
                _ => false,
            };
            if applied {
                self.nest("expression")?;
            }
            match self.tok() {
                Tok::Op(".") => {
                    let dot = pos;
                    self.advance();
                    match self.tok().clone() {
                        Tok::Ident(name) => {
                            // Go reports selector errors at the selected name.
                            let sel_pos = self.pos();
                            self.advance();
                            x = self.new_expr(sel_pos, ExprKind::Selector(Box::new(x), name, dot));
                        }
                        Tok::Op("(") => {
                            self.advance();
                            let t = if self.is_kw("type") {
                                self.advance();
                                None
                            } else {
                                Some(Box::new(self.type_()?))
                            };
                            self.want_op(")")?;
                            x = self.new_expr(pos, ExprKind::TypeAssert(Box::new(x), t));
                        }
                        _ => return self.unexpected("name or ("),
                    }
                }
                Tok::Op("[") => {
                    self.advance();
                    let old = self.expr_lev;
                    self.expr_lev = self.expr_lev.max(0) + 1;
                    let mut index = None;
                    if self.is_op("]") {
                        // syntax/parser.go pexpr (tbuild does not go on from here).
                        return self.unexpected("operand");
                    }
                    if !self.is_op(":") {
                        index = Some(self.expr()?);
                    }
                    if self.got_op(":") {
                        // Slice = "[" [ Expression ] ":" [ Expression ] [ ":" Expression ] "]" .
                        let lo = index.map(Box::new);
                        let mut hi = None;
                        let mut max = None;
                        if !self.is_op("]") && !self.is_op(":") {
                            hi = Some(Box::new(self.expr()?));
                        }
                        if self.got_op(":") {
                            if hi.is_none() {
                                return self
                                    .err_at(self.pos(), "middle index required in 3-index slice");
                            }
                            if self.is_op("]") {
                                return self
                                    .err_at(self.pos(), "final index required in 3-index slice");
                            }
                            max = Some(Box::new(self.expr()?));
                        }
                        self.expr_lev = old;
                        self.want_op("]")?;
                        x = self.new_expr(
                            pos,
                            ExprKind::Slice {
                                x: Box::new(x),
                                lo,
                                hi,
                                max,
                            },
                        );
                        continue;
                    }
                    if self.is_op(",") {
                        // x[A, B]: type arguments (a trailing comma is allowed).
                        let mut list = vec![index.unwrap()];
                        while self.got_op(",") && !self.is_op("]") {
                            // Only types follow the first (syntax/parser.go typeList).
                            if !self.starts_type() {
                                break;
                            }
                            let t = self.expr()?;
                            if expr_to_type(&t).is_none() {
                                // Go parses a type here and stops where it ends: at the
                                // `(` of a call, and somewhere tbuild cannot tell otherwise.
                                if let ExprKind::Call { func, .. } = &t.kind {
                                    if expr_to_type(func).is_some() {
                                        return self.err_at(t.pos, "unexpected (, expecting ]");
                                    }
                                }
                                if let Some((pos, msg)) = type_stop(&t, "]") {
                                    return self.err_at(pos, msg);
                                }
                                if self.parse_errors > 0 {
                                    return self.stop_quietly();
                                }
                            }
                            list.push(t);
                        }
                        self.expr_lev = old;
                        self.want_op("]")?;
                        x = self.new_expr(pos, ExprKind::IndexList(Box::new(x), list));
                        continue;
                    }
                    self.expr_lev = old;
                    if !self.is_op("]") {
                        // syntax/parser.go pexpr (tbuild does not go on from here).
                        return self.unexpected("comma, : or ]");
                    }
                    self.advance();
                    x = self.new_expr(pos, ExprKind::Index(Box::new(x), Box::new(index.unwrap())));
                }
                Tok::Op("(") => {
                    self.advance();
                    let old = self.expr_lev;
                    self.expr_lev = self.expr_lev.max(0) + 1;
                    let mut args = Vec::new();
                    let mut ellipsis = false;
                    // syntax/parser.go argList, list.
                    let mut closed = true;
                    while !self.is_op(")") && !matches!(self.tok(), Tok::Eof) && !ellipsis {
                        // Types ([]int, map[k]v, ...) parse as operands, and may start a
                        // composite literal or a conversion.
                        args.push(self.expr()?);
                        // The spread argument is the last.
                        ellipsis = self.got_op("...");
                        if !self.list_sep("argument list", ",", ")")? {
                            closed = false;
                            break;
                        }
                    }
                    self.expr_lev = old;
                    if closed {
                        self.want_op(")")?;
                    }
                    x = self.new_expr(
                        pos,
                        ExprKind::Call {
                            func: Box::new(x),
                            args,
                            ellipsis,
                        },
                    );
                }
                Tok::Op("{") if self.is_literal_type(unparen(&x)) => {
                    // `(T){...}`: Go reports it and parses the literal (syntax/parser.go
                    // pexpr).
                    if matches!(x.kind, ExprKind::Paren(_)) {
                        if let Err(SyntaxError(d)) = self.err_at::<()>(
                            self.pos(),
                            "cannot parenthesize type in composite literal",
                        ) {
                            self.report(d);
                        }
                    }
                    x = self.composite_lit(x)?;
                }
                _ => {
                    self.depth = base;
                    return Ok(x);
                }
            }
        }
    }

    /// Whether `x {` starts a composite literal (cmd/compile/internal/syntax complitexpr rules).
    pub(super) fn is_literal_type(&self, x: &Expr) -> bool {
        match &x.kind {
            ExprKind::Ident(_) | ExprKind::Selector(..) => self.expr_lev >= 0,
            // `List[int]{...}`, unless the index is a value (`a[0] {`).
            ExprKind::Index(_, i) => self.expr_lev >= 0 && !is_value(i),
            ExprKind::IndexList(..) => self.expr_lev >= 0,
            ExprKind::Type(t) => !matches!(t.kind, TypeExprKind::Pointer(_)),
            _ => false,
        }
    }

    // CompositeLit = LiteralType LiteralValue .
    pub(super) fn composite_lit(&mut self, ty: Expr) -> PResult<Expr> {
        let pos = ty.pos;
        let ty = expr_to_type(&ty);
        let lbrace = self.pos();
        let elems = self.literal_value()?;
        Ok(self.new_expr(
            pos,
            ExprKind::Composite {
                ty: ty.map(Box::new),
                lbrace,
                elems,
            },
        ))
    }

    // LiteralValue = "{" [ ElementList [ "," ] ] "}" .
    pub(super) fn literal_value(&mut self) -> PResult<Vec<Element>> {
        self.want_op("{")?;
        let old = self.expr_lev;
        self.expr_lev = self.expr_lev.max(0) + 1;
        let mut elems = Vec::new();
        while !self.is_op("}") && !matches!(self.tok(), Tok::Eof) {
            let first = self.element()?;
            let colon = self.pos();
            if self.got_op(":") {
                let value = self.element()?;
                elems.push(Element {
                    key: Some(first),
                    colon,
                    value,
                });
            } else {
                elems.push(Element {
                    key: None,
                    colon: Pos::default(),
                    value: first,
                });
            }
            // syntax/parser.go complitexpr, list.
            if !self.list_sep("composite literal", ",", "}")? {
                self.expr_lev = old;
                return Ok(elems);
            }
        }
        self.expr_lev = old;
        self.want_op("}")?;
        Ok(elems)
    }

    pub(super) fn element(&mut self) -> PResult<Expr> {
        if self.is_op("{") {
            let pos = self.pos();
            self.nest("expression")?;
            let elems = self.literal_value()?;
            self.depth -= 1;
            return Ok(self.new_expr(
                pos,
                ExprKind::Composite {
                    ty: None,
                    lbrace: pos,
                    elems,
                },
            ));
        }
        self.expr()
    }
}

/// Whether an index expression's index is certainly a value, so that `x[i] {` cannot start
/// a composite literal (syntax/parser.go isValue).
fn is_value(x: &Expr) -> bool {
    match &x.kind {
        ExprKind::IntLit(_)
        | ExprKind::FloatLit(_)
        | ExprKind::ImagLit(_)
        | ExprKind::CharLit(_)
        | ExprKind::StrLit(_)
        | ExprKind::Composite { .. }
        | ExprKind::FuncLit(_)
        | ExprKind::Slice { .. }
        | ExprKind::TypeAssert(..)
        | ExprKind::Call { .. } => true,
        ExprKind::Unary(op, y) => *op != UnOp::Deref || is_value(y),
        ExprKind::Binary(..) => true,
        ExprKind::Paren(y) => is_value(y),
        _ => false,
    }
}

/// Reinterprets a parsed expression as a type, where the grammar allows either.
/// x without its parentheses.
fn unparen(x: &Expr) -> &Expr {
    match &x.kind {
        ExprKind::Paren(inner) => unparen(inner),
        _ => x,
    }
}

/// The generic type of an instantiation, its parentheses kept (TypeExprKind::Paren).
fn instance_base(x: &Expr) -> Option<TypeExpr> {
    match &x.kind {
        ExprKind::Paren(inner) => Some(TypeExpr {
            pos: x.pos,
            kind: TypeExprKind::Paren(Box::new(instance_base(inner)?)),
        }),
        _ => expr_to_type(x),
    }
}

pub fn expr_to_type(e: &Expr) -> Option<TypeExpr> {
    let kind = match &e.kind {
        // An instantiated type is where its generic type's name is.
        ExprKind::Index(x, i) => {
            let base = instance_base(x)?;
            let pos = base.pos;
            let kind = TypeExprKind::Instance(Box::new(base), vec![expr_to_type(i)?]);
            return Some(TypeExpr { pos, kind });
        }
        ExprKind::IndexList(x, list) => {
            let base = instance_base(x)?;
            let pos = base.pos;
            let args = list.iter().map(expr_to_type).collect::<Option<Vec<_>>>()?;
            let kind = TypeExprKind::Instance(Box::new(base), args);
            return Some(TypeExpr { pos, kind });
        }
        ExprKind::Ident(n) => TypeExprKind::Name(n.clone()),
        ExprKind::Selector(x, sel, _) => match &x.kind {
            ExprKind::Ident(pkg) => TypeExprKind::Qualified(pkg.clone(), sel.clone()),
            _ => return None,
        },
        ExprKind::Type(t) => return Some((**t).clone()),
        ExprKind::Paren(x) => return expr_to_type(x),
        ExprKind::Unary(UnOp::Deref, x) => TypeExprKind::Pointer(Box::new(expr_to_type(x)?)),
        _ => return None,
    };
    Some(TypeExpr { pos: e.pos, kind })
}

pub(super) fn binop(op: &str) -> Option<BinOp> {
    use BinOp::*;
    Some(match op {
        "+" => Add,
        "-" => Sub,
        "*" => Mul,
        "/" => Div,
        "%" => Rem,
        "&" => And,
        "|" => Or,
        "^" => Xor,
        "&^" => AndNot,
        "<<" => Shl,
        ">>" => Shr,
        "==" => Eq,
        "!=" => Ne,
        "<" => Lt,
        "<=" => Le,
        ">" => Gt,
        ">=" => Ge,
        "&&" => LAnd,
        "||" => LOr,
        _ => return None,
    })
}

/// Go spec, "Operator precedence": 5 `* / % << >> & &^`, 4 `+ - | ^`, 3 comparisons, 2 `&&`, 1 `||`.
fn precedence(op: &str) -> Option<u8> {
    Some(match op {
        "*" | "/" | "%" | "<<" | ">>" | "&" | "&^" => 5,
        "+" | "-" | "|" | "^" => 4,
        "==" | "!=" | "<" | "<=" | ">" | ">=" => 3,
        "&&" => 2,
        "||" => 1,
        _ => return None,
    })
}

/// Where Go's type parser, reading the expression `e` as a type (syntax/parser.go typeOrNil,
/// as typeList does after a comma), stops with an error: at the operator after a left
/// operand that is a whole type, which must be followed by `closer` (`]`, or `)` inside a
/// parenthesised type). None when the expression's leftmost part is not of that shape.
fn type_stop(e: &Expr, closer: &str) -> Option<(Pos, String)> {
    match &e.kind {
        ExprKind::Paren(inner) if expr_to_type(inner).is_none() => type_stop(inner, ")"),
        ExprKind::Binary(op, left, _) => {
            if expr_to_type(left).is_some() {
                Some((
                    e.pos,
                    format!("unexpected {}, expecting {closer}", op.as_str()),
                ))
            } else {
                type_stop(left, closer)
            }
        }
        _ => None,
    }
}
