//! Statements (Go spec, "Statements"): blocks and statement lists, simple statements
//! (assignments, short variable declarations, inc/dec, expression statements), if, for (with
//! range clauses), switch and type switch, labeled, go, defer, return, break, continue, goto.

use super::expr::binop;
use super::*;
use crate::compile::ast::*;
use crate::compile::lexer::Tok;

impl Parser<'_> {
    // Block = "{" StatementList "}" .  Returns the statements and the closing brace's position.
    pub(super) fn block(&mut self) -> PResult<(Vec<Stmt>, Pos)> {
        self.nest("statement")?;
        self.want_op("{")?;
        let old = self.expr_lev;
        self.expr_lev = 0;
        let stmts = self.stmt_list()?;
        self.expr_lev = old;
        self.depth -= 1;
        let end = self.pos();
        self.want_op("}")?;
        Ok((stmts, end))
    }

    /// The block of an if or for statement after its header (`context`: "if clause", "for
    /// clause"). Without its `{`, Go's parser reports it, skips to a name or `}` and parses
    /// the statements from there as the block (syntax/parser.go blockStmt).
    pub(super) fn clause_block(&mut self, context: &str) -> PResult<Vec<Stmt>> {
        if self.is_op("{") {
            return Ok(self.block()?.0);
        }
        let e = self
            .unexpected::<()>(&format!("{{ after {context}"))
            .unwrap_err();
        self.recoverable(e)?;
        self.skip_to(&["name", "}"]);
        if self.got_op("}") {
            return Ok(Vec::new());
        }
        self.nest("statement")?;
        let old = self.expr_lev;
        self.expr_lev = 0;
        let stmts = self.stmt_list()?;
        self.expr_lev = old;
        self.depth -= 1;
        self.want_op("}")?;
        Ok(stmts)
    }

    pub(super) fn stmt_list(&mut self) -> PResult<Vec<Stmt>> {
        let mut stmts = Vec::new();
        while !self.is_op("}")
            && !matches!(self.tok(), Tok::Eof)
            && !self.is_kw("case")
            && !self.is_kw("default")
        {
            if self.is_semi() {
                self.advance();
                continue;
            }
            if !self.starts_stmt() {
                // The list ends here, and what encloses it says what it expected
                // (syntax/parser.go stmtOrNil returns nil).
                break;
            }
            stmts.push(self.stmt()?);
            if std::mem::take(&mut self.list_ended) {
                break;
            }
            // Only a "}" may follow a statement without a ";" (syntax/parser.go stmtList):
            // `f() case 2:` on one line is a syntax error. After one, tokens are skipped to
            // the end of the statement.
            if self.is_semi() {
                self.advance();
            } else if !self.is_op("}") && !matches!(self.tok(), Tok::Eof) {
                let what = self.toks[self.i].describe();
                let e = self
                    .err_at::<()>(self.pos(), format!("unexpected {what} at end of statement"))
                    .unwrap_err();
                self.recoverable(e)?;
                self.skip_to(&[";", "}", "case", "default"]);
                if self.is_semi() {
                    self.advance();
                }
            }
        }
        Ok(stmts)
    }

    /// Whether the token can start a statement (syntax/parser.go stmtOrNil): a keyword that
    /// starts one, an operand, a unary operator, a composite type, `{`, or `<-`.
    pub(super) fn starts_stmt(&self) -> bool {
        match self.tok() {
            Tok::Ident(_)
            | Tok::Int(_)
            | Tok::Float(_)
            | Tok::Imag(_)
            | Tok::Char(_)
            | Tok::Str(_) => true,
            // `package`, `import` and `range` start no statement: the list ends before them
            // and the enclosing block expects its `}`.
            Tok::Keyword(k) => !matches!(*k, "package" | "import" | "range"),
            Tok::Op(o) => matches!(
                *o,
                "{" | "(" | "[" | "+" | "-" | "*" | "&" | "^" | "!" | "<-"
            ),
            _ => false,
        }
    }

    pub(super) fn stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let kind = match self.tok() {
            Tok::Keyword("var") => {
                self.advance();
                let specs = self.group(Self::var_spec)?;
                if specs.len() == 1 {
                    StmtKind::Var(specs.into_iter().next().unwrap())
                } else {
                    StmtKind::VarGroup(
                        specs
                            .into_iter()
                            .map(|s| Stmt {
                                pos,
                                kind: StmtKind::Var(s),
                            })
                            .collect(),
                    )
                }
            }
            Tok::Keyword("const") => {
                self.advance();
                StmtKind::Const(self.const_group()?)
            }
            Tok::Keyword("type") => {
                self.advance();
                StmtKind::Type(self.group(Self::type_spec)?)
            }
            Tok::Op("{") => StmtKind::Block(self.block()?.0),
            Tok::Keyword("if") => self.if_stmt()?,
            Tok::Keyword("for") => self.for_stmt()?,
            Tok::Keyword("return") => {
                self.advance();
                let values = if self.is_semi() || self.is_op("}") {
                    Vec::new()
                } else {
                    self.expr_list()?
                };
                StmtKind::Return(values)
            }
            Tok::Keyword("break") | Tok::Keyword("continue") => {
                let is_break = self.is_kw("break");
                self.advance();
                let label = match self.tok().clone() {
                    Tok::Ident(l) => {
                        let lpos = self.pos();
                        self.advance();
                        Some((l, lpos))
                    }
                    _ => None,
                };
                if is_break {
                    StmtKind::Break(label)
                } else {
                    StmtKind::Continue(label)
                }
            }
            Tok::Keyword("switch") => self.switch_stmt()?,
            Tok::Keyword("select") => self.select_stmt()?,
            // GoStmt = "go" Expression . DeferStmt = "defer" Expression .
            Tok::Keyword("go") | Tok::Keyword("defer") => {
                let keyword = if self.is_kw("go") { "go" } else { "defer" };
                self.advance();
                // A primary expression, which must be a call (syntax/parser.go callStmt).
                let errs_before = self.errs.len();
                let mut x = self.primary_expr()?;
                let mut misuse = Vec::new();
                if let ExprKind::Paren(_) = x.kind {
                    misuse.push((
                        x.pos,
                        format!("expression in {keyword} must not be parenthesized"),
                    ));
                    while let ExprKind::Paren(inner) = x.kind {
                        x = *inner;
                    }
                }
                if !matches!(x.kind, ExprKind::Call { .. }) {
                    misuse.push((
                        x.pos,
                        format!("expression in {keyword} must be function call"),
                    ));
                    let pos = x.pos;
                    x = self.new_expr(
                        pos,
                        ExprKind::Call {
                            func: Box::new(x),
                            args: Vec::new(),
                            ellipsis: false,
                        },
                    );
                }
                // After a syntax error in the expression, Go's tree (and so where it reports
                // these) may differ from ours: say nothing more.
                // Go places a function type at its `(`, which tbuild does not record.
                let func_type = matches!(&x.kind, ExprKind::Call { func, .. }
                    if matches!(&func.kind, ExprKind::Type(t) if matches!(t.kind, TypeExprKind::Func(..))));
                if self.errs.len() == errs_before && !func_type {
                    for (pos, msg) in &misuse {
                        self.report_soft(*pos, msg.clone());
                    }
                }
                StmtKind::CallStmt {
                    keyword,
                    call: x,
                    misuse,
                }
            }
            Tok::Keyword("goto") => {
                self.advance();
                let (l, lpos) = self.ident()?;
                StmtKind::Goto(l, lpos)
            }
            Tok::Keyword("fallthrough") => {
                self.advance();
                StmtKind::Fallthrough
            }
            Tok::Semi { .. } => StmtKind::Empty,
            // `else` cannot start a statement: it was separated from its if by a newline.
            Tok::Keyword("else") => return self.unexpected("}"),
            Tok::Ident(label) if matches!(self.peek(1), Tok::Op(":")) => {
                let label = label.clone();
                self.advance();
                let colon = self.pos();
                self.advance();
                let inner_pos = self.pos();
                let starts = self.is_semi()
                    || self.starts_stmt()
                        && !matches!(
                            self.tok(),
                            Tok::Keyword("case" | "default" | "else" | "import" | "package")
                        );
                let inner = if self.is_op("}") {
                    Stmt {
                        pos: inner_pos,
                        kind: StmtKind::Empty,
                    }
                } else if !starts {
                    // syntax/parser.go labeledStmtOrNil: reported at the colon, and the
                    // statement list ends here.
                    let e = self
                        .err_at::<()>(colon, "missing statement after label")
                        .unwrap_err();
                    self.recoverable(e)?;
                    self.list_ended = true;
                    Stmt {
                        pos: inner_pos,
                        kind: StmtKind::Empty,
                    }
                } else {
                    self.nest("statement")?;
                    let s = self.stmt()?;
                    self.depth -= 1;
                    s
                };
                StmtKind::Labeled(label, Box::new(inner))
            }
            _ => return self.simple_stmt(),
        };
        Ok(Stmt { pos, kind })
    }

    // SwitchStmt = "switch" [ SimpleStmt ";" ] [ Expression ] "{" { CaseClause } "}" .
    pub(super) fn switch_stmt(&mut self) -> PResult<StmtKind> {
        self.advance();
        let old = self.expr_lev;
        self.expr_lev = -1;
        let mut init = None;
        let mut tag = None;
        if !self.is_op("{") {
            let first = if self.is_semi() {
                None
            } else {
                Some(self.simple_stmt()?)
            };
            if self.is_semi() {
                self.advance();
                init = first.map(Box::new);
                if !self.is_op("{") {
                    let s = self.simple_stmt()?;
                    match s.kind {
                        StmtKind::Expr(e) => tag = Some(e),
                        _ => {
                            self.expr_lev = old;
                            return self.err_at(s.pos, "switch expression must be an expression");
                        }
                    }
                }
            } else if let Some(s) = first {
                match s.kind {
                    StmtKind::Expr(e) => tag = Some(e),
                    StmtKind::ShortVar {
                        mut names,
                        mut values,
                    } if names.len() == 1
                        && values.len() == 1
                        && matches!(values[0].kind, ExprKind::TypeAssert(_, None)) =>
                    {
                        self.expr_lev = old;
                        let x = match values.remove(0).kind {
                            ExprKind::TypeAssert(x, None) => *x,
                            _ => unreachable!(),
                        };
                        return self.type_switch_body(init, Some(names.remove(0)), x);
                    }
                    _ => {
                        self.expr_lev = old;
                        return self.err_at(s.pos, "switch expression must be an expression");
                    }
                }
            }
        }
        if let Some(Expr {
            kind: ExprKind::TypeAssert(_, None),
            ..
        }) = &tag
        {
            self.expr_lev = old;
            let x = match tag.unwrap().kind {
                ExprKind::TypeAssert(x, None) => *x,
                _ => unreachable!(),
            };
            return self.type_switch_body(init, None, x);
        }
        self.expr_lev = old;
        if !self.is_op("{") {
            return self.unexpected("{ after switch clause");
        }
        self.advance();
        let (cases, end) = self.case_clauses()?;
        Ok(StmtKind::Switch {
            init,
            tag,
            cases,
            end,
        })
    }

    /// The clauses of a switch after its `{`, through the `}`, and the `}`'s position: an
    /// expression switch's `case` lists values, a type switch's types, both parsed as
    /// expressions (ExprCaseClause, TypeCaseClause).
    fn case_clauses(&mut self) -> PResult<(Vec<CaseClause>, Pos)> {
        let mut cases = Vec::new();
        while !self.is_op("}") {
            if self.is_semi() {
                self.advance();
                continue;
            }
            let pos = self.pos();
            let exprs = if self.is_kw("case") {
                self.advance();
                Some(self.expr_list()?)
            } else if self.is_kw("default") {
                self.advance();
                None
            } else {
                return self.unexpected("case or default or }");
            };
            self.want_op(":")?;
            self.nest("statement")?;
            let body = self.stmt_list()?;
            self.depth -= 1;
            cases.push(CaseClause { pos, exprs, body });
        }
        let end = self.pos();
        self.advance();
        Ok((cases, end))
    }

    // TypeSwitchStmt = "switch" [ SimpleStmt ";" ] TypeSwitchGuard "{" { TypeCaseClause } "}" .
    pub(super) fn type_switch_body(
        &mut self,
        init: Option<Box<Stmt>>,
        bind: Option<(String, Pos)>,
        x: Expr,
    ) -> PResult<StmtKind> {
        if !self.is_op("{") {
            return self.unexpected("{ after switch clause");
        }
        self.advance();
        let (cases, end) = self.case_clauses()?;
        Ok(StmtKind::TypeSwitch {
            init,
            bind,
            x,
            cases,
            end,
        })
    }

    // SelectStmt = "select" "{" { CommClause } "}" .
    // CommClause = CommCase ":" StatementList . CommCase = "case" ( SendStmt | RecvStmt ) | "default" .
    // Any simple statement is parsed after `case`; the checker says which are no
    // communication (syntax/parser.go commClause does the same).
    fn select_stmt(&mut self) -> PResult<StmtKind> {
        self.advance();
        if !self.is_op("{") {
            return self.err_at(self.pos(), "missing { after select clause");
        }
        self.advance();
        let mut cases = Vec::new();
        while !self.is_op("}") {
            if self.is_semi() {
                self.advance();
                continue;
            }
            let pos = self.pos();
            let comm = if self.is_kw("case") {
                self.advance();
                Some(Box::new(self.simple_stmt()?))
            } else if self.is_kw("default") {
                self.advance();
                None
            } else {
                // syntax/parser.go commClause: reported, and tokens skipped to a `:` or `}`.
                let e = self.unexpected::<()>("case or default or }").unwrap_err();
                self.recoverable(e)?;
                self.skip_to(&[":", "}"]);
                None
            };
            self.want_op(":")?;
            self.nest("statement")?;
            let body = self.stmt_list()?;
            self.depth -= 1;
            cases.push(CommClause { pos, comm, body });
            if matches!(self.tok(), Tok::Eof) {
                return self.unexpected("}");
            }
        }
        let end = self.pos();
        self.advance();
        Ok(StmtKind::Select { cases, end })
    }

    // SimpleStmt = EmptyStmt | ExpressionStmt | SendStmt | IncDecStmt | Assignment | ShortVarDecl .
    pub(super) fn simple_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let lhs = self.expr_list()?;
        let kind = match self.tok().clone() {
            Tok::Op(":=") => {
                let op_pos = self.pos();
                self.advance();
                if self.is_kw("range") && self.range_ok {
                    self.advance();
                    let x = self.expr()?;
                    range_clause(lhs, true, x)
                } else {
                    let values = self.expr_list()?;
                    let mut names = Vec::new();
                    for e in lhs {
                        match e.kind {
                            ExprKind::Ident(n) => names.push((n, e.pos)),
                            _ => {
                                return self.err_at(op_pos, "non-name on left side of :=");
                            }
                        }
                    }
                    // Go reports := errors at the operator.
                    return Ok(Stmt {
                        pos: op_pos,
                        kind: StmtKind::ShortVar { names, values },
                    });
                }
            }
            Tok::Op("=") => {
                self.advance();
                if self.is_kw("range") && self.range_ok {
                    self.advance();
                    let x = self.expr()?;
                    range_clause(lhs, false, x)
                } else {
                    let rhs = self.expr_list()?;
                    let lhs = lhs.into_iter().map(unparen_blank).collect();
                    StmtKind::Assign { lhs, op: None, rhs }
                }
            }
            Tok::Op(
                op
                @ ("+=" | "-=" | "*=" | "/=" | "%=" | "&=" | "|=" | "^=" | "<<=" | ">>=" | "&^="),
            ) => {
                self.advance();
                let bop = binop(&op[..op.len() - 1]).unwrap();
                let rhs = vec![self.expr()?];
                StmtKind::Assign {
                    lhs,
                    op: Some(bop),
                    rhs,
                }
            }
            Tok::Op(op @ ("++" | "--")) => {
                self.advance();
                let mut lhs = lhs;
                StmtKind::IncDec(lhs.remove(0), op == "++")
            }
            // SendStmt = Channel "<-" Expression . (A list before the arrow is Go's
            // "unexpected <-, expecting := or = or comma".)
            Tok::Op("<-") if lhs.len() == 1 => {
                let arrow = self.pos();
                self.advance();
                let value = self.expr()?;
                let ch = lhs.into_iter().next().unwrap();
                return Ok(Stmt {
                    pos: arrow,
                    kind: StmtKind::Send { ch, value },
                });
            }
            _ => {
                if lhs.len() > 1 {
                    return self.unexpected(":= or = or comma");
                }
                StmtKind::Expr(lhs.into_iter().next().unwrap())
            }
        };
        Ok(Stmt { pos, kind })
    }

    // IfStmt = "if" [ SimpleStmt ";" ] Expression Block [ "else" ( IfStmt | Block ) ] .
    pub(super) fn if_stmt(&mut self) -> PResult<StmtKind> {
        let if_pos = self.pos();
        self.advance();
        if self.is_op("{") {
            return self.err_at(self.pos(), "missing condition in if statement");
        }
        let old = self.expr_lev;
        self.expr_lev = -1;
        let mut init = None;
        let mut cond = None;
        let s = if self.is_semi() {
            None
        } else {
            Some(self.simple_stmt()?)
        };
        if self.is_semi() {
            self.advance();
            init = s.map(Box::new);
            if self.is_op("{") {
                self.expr_lev = old;
                return self.err_at(self.pos(), "missing condition in if statement");
            }
            let c = self.simple_stmt()?;
            cond = Some(c);
        } else {
            if !self.is_op("{") {
                // syntax/parser.go header: want '{' (tbuild does not go on from here).
                self.expr_lev = old;
                return self.unexpected("{");
            }
            cond = cond.or(s);
        }
        self.expr_lev = old;
        let cond = match cond {
            Some(Stmt {
                kind: StmtKind::Expr(e),
                ..
            }) => e,
            Some(s) => {
                return self.err_at(s.pos, "missing condition in if statement");
            }
            None => return self.err_at(if_pos, "missing condition in if statement"),
        };
        let then = self.clause_block("if clause")?;
        let els = if self.is_kw("else") {
            self.advance();
            if self.is_kw("if") {
                let pos = self.pos();
                self.nest("statement")?;
                let kind = self.if_stmt()?;
                self.depth -= 1;
                Some(Box::new(Stmt { pos, kind }))
            } else if self.is_op("{") {
                let pos = self.pos();
                Some(Box::new(Stmt {
                    pos,
                    kind: StmtKind::Block(self.block()?.0),
                }))
            } else {
                // syntax/parser.go ifStmt: reported at the token, which is skipped up to a
                // name or `}`.
                let e = self
                    .err_at::<()>(self.pos(), "else must be followed by if or statement block")
                    .unwrap_err();
                self.recoverable(e)?;
                self.skip_to(&["name", "}"]);
                None
            }
        } else {
            None
        };
        Ok(StmtKind::If {
            init,
            cond,
            then,
            els,
        })
    }

    // ForStmt = "for" [ Condition | ForClause | RangeClause ] Block .
    pub(super) fn for_stmt(&mut self) -> PResult<StmtKind> {
        self.advance();
        let old = self.expr_lev;
        self.expr_lev = -1;
        let mut init = None;
        let mut cond = None;
        let mut post = None;
        if !self.is_op("{") {
            if self.is_kw("range") {
                self.advance();
                let x = self.expr()?;
                self.expr_lev = old;
                let body = self.clause_block("for clause")?;
                return Ok(StmtKind::Range {
                    key: None,
                    value: None,
                    define: false,
                    x,
                    body,
                    extra: Vec::new(),
                });
            }
            let first = if self.is_semi() {
                None
            } else {
                {
                    // A range clause may stand only here (syntax/parser.go header).
                    self.range_ok = true;
                    let s = self.simple_stmt();
                    self.range_ok = false;
                    Some(s?)
                }
            };
            if let Some(Stmt {
                kind:
                    StmtKind::Range {
                        key,
                        value,
                        define,
                        x,
                        extra,
                        ..
                    },
                ..
            }) = first
            {
                self.expr_lev = old;
                let body = self.clause_block("for clause")?;
                return Ok(StmtKind::Range {
                    key,
                    value,
                    define,
                    x,
                    body,
                    extra,
                });
            }
            if matches!(
                &first,
                Some(Stmt {
                    kind: StmtKind::Unsupported(_),
                    ..
                })
            ) {
                self.expr_lev = old;
                self.clause_block("for clause")?;
                return Ok(first.unwrap().kind);
            }
            if self.is_semi() {
                // ForClause = [ InitStmt ] ";" [ Condition ] ";" [ PostStmt ] .
                self.advance();
                init = first.map(Box::new);
                if self.is_op("{") {
                    return self.unexpected("for loop condition");
                }
                if !self.is_semi() {
                    cond = Some(self.expr()?);
                }
                if !self.is_semi() {
                    // syntax/parser.go header: want ';' (tbuild does not go on from here).
                    return self.unexpected("semicolon or newline");
                }
                self.advance();
                if !self.is_op("{") {
                    post = Some(Box::new(self.simple_stmt()?));
                }
            } else {
                if !self.is_op("{") {
                    // syntax/parser.go header: want '{' (tbuild does not go on from here).
                    self.expr_lev = old;
                    return self.unexpected("{");
                }
                match first {
                    Some(Stmt {
                        kind: StmtKind::Expr(e),
                        ..
                    }) => cond = Some(e),
                    Some(s) => return self.err_at(s.pos, "expected for loop condition"),
                    None => {}
                }
            }
        }
        self.expr_lev = old;
        let body = self.clause_block("for clause")?;
        Ok(StmtKind::For {
            init,
            cond,
            post,
            body,
        })
    }
}

/// `k, v := range x` as parsed inside a for header; the for statement adds the body.
fn range_clause(mut lhs: Vec<Expr>, define: bool, x: Expr) -> StmtKind {
    let extra = if lhs.len() > 2 {
        lhs.split_off(2)
    } else {
        Vec::new()
    };
    let value = if lhs.len() > 1 {
        Some(lhs.remove(1))
    } else {
        None
    };
    let key = if lhs.is_empty() {
        None
    } else {
        Some(lhs.remove(0))
    };
    StmtKind::Range {
        key,
        value,
        define,
        x,
        body: Vec::new(),
        extra,
    }
}

/// `(_)` on the left of `=` is the blank identifier, as types2 takes it (it strips the
/// parentheses of an assignment's operands): they are dropped here, so that every later pass
/// sees `_`.
fn unparen_blank(e: Expr) -> Expr {
    let blank_inside = match &e.kind {
        ExprKind::Paren(inner) => {
            matches!(&crate::compile::check::strip_parens(inner).kind, ExprKind::Ident(n) if n == "_")
        }
        _ => false,
    };
    match e.kind {
        ExprKind::Paren(inner) if blank_inside => unparen_blank(*inner),
        kind => Expr { kind, ..e },
    }
}
