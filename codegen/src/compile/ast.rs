//! The syntax tree of one source file, as the parser builds it.
//!
//! Names follow Go's spec and `go/ast`. Every expression carries an [`ExprId`] so that the type
//! checker can record facts about it (type, constant value, which object a name denotes) in side
//! tables instead of mutating the tree.

/// A position in a source file: 1-based line and byte column, as Go reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Pos {
    pub file: u32,
    pub line: u32,
    pub col: u32,
    /// 0 in the source; in the copy of a generic function's body made for one instance, that
    /// instance's number (check/generics/clone.rs), so that the checker's tables keyed by
    /// position tell the copies apart. Messages and line tables ignore it.
    pub inst: u32,
}

pub type ExprId = u32;

#[derive(Debug, Clone)]
pub struct Expr {
    pub id: ExprId,
    pub pos: Pos,
    pub kind: ExprKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    And,
    Or,
    Xor,
    AndNot,
    Shl,
    Shr,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    LAnd,
    LOr,
}

impl BinOp {
    /// The operator as Go spells it, for messages.
    pub fn as_str(self) -> &'static str {
        use BinOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            Rem => "%",
            And => "&",
            Or => "|",
            Xor => "^",
            AndNot => "&^",
            Shl => "<<",
            Shr => ">>",
            Eq => "==",
            Ne => "!=",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            LAnd => "&&",
            LOr => "||",
        }
    }

    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
        )
    }

    pub fn is_shift(self) -> bool {
        matches!(self, BinOp::Shl | BinOp::Shr)
    }

    /// The ordering comparison with its operands exchanged (`c < v` is `v > c`).
    pub fn swapped(self) -> Option<BinOp> {
        Some(match self {
            BinOp::Lt => BinOp::Gt,
            BinOp::Gt => BinOp::Lt,
            BinOp::Le => BinOp::Ge,
            BinOp::Ge => BinOp::Le,
            _ => return None,
        })
    }

    /// The ordering comparison that holds exactly when this one does not, for integers
    /// (not for floats, where NaN makes both false).
    pub fn negated(self) -> Option<BinOp> {
        Some(match self {
            BinOp::Lt => BinOp::Ge,
            BinOp::Ge => BinOp::Lt,
            BinOp::Le => BinOp::Gt,
            BinOp::Gt => BinOp::Le,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Plus,
    Not,
    Xor,
    Addr,
    Deref,
    Recv,
}

impl UnOp {
    pub fn as_str(self) -> &'static str {
        match self {
            UnOp::Neg => "-",
            UnOp::Plus => "+",
            UnOp::Not => "!",
            UnOp::Xor => "^",
            UnOp::Addr => "&",
            UnOp::Deref => "*",
            UnOp::Recv => "<-",
        }
    }
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Ident(String),
    IntLit(String),
    FloatLit(String),
    ImagLit(String),
    CharLit(u32),
    StrLit(Vec<u8>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Unary(UnOp, Box<Expr>),
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        ellipsis: bool,
    },
    /// `x.name`; the expression's position is the name's (where types2 reports a selector's
    /// errors), the third field the dot's (the line the selection's code is at, as
    /// syntax.SelectorExpr's position is the dot's: `x.\n\tf` faults at the first line).
    Selector(Box<Expr>, String, Pos),
    Index(Box<Expr>, Box<Expr>),
    /// `x[A, B]`: an instantiation with several type arguments (one is an `Index`).
    IndexList(Box<Expr>, Vec<Expr>),
    /// `a[lo:hi]` and `a[lo:hi:max]`.
    Slice {
        x: Box<Expr>,
        lo: Option<Box<Expr>>,
        hi: Option<Box<Expr>>,
        max: Option<Box<Expr>>,
    },
    Paren(Box<Expr>),
    /// `T{...}`; `ty` is None for elided types inside another literal.
    Composite {
        ty: Option<Box<TypeExpr>>,
        /// The `{` (where cmd/compile reports what it finds about the literal's type).
        lbrace: Pos,
        elems: Vec<Element>,
    },
    /// A type literal used where an expression may stand (conversions, composite literals).
    Type(Box<TypeExpr>),
    /// `func(params) results { body }`, a function literal.
    FuncLit(std::rc::Rc<FuncLit>),
    /// `x.(T)`, or `x.(type)` (None) in a type switch's guard.
    TypeAssert(Box<Expr>, Option<Box<TypeExpr>>),
}

/// A function literal (Go spec, "Function literals"). Shared (`Rc`), since the lowering
/// compiles its body as a function of its own after the enclosing one.
#[derive(Debug)]
pub struct FuncLit {
    /// The `func` keyword.
    pub pos: Pos,
    pub params: Vec<Param>,
    pub results: Vec<Param>,
    pub variadic: bool,
    pub body: Vec<Stmt>,
    /// The closing brace.
    pub end: Pos,
}

#[derive(Debug, Clone)]
pub struct Element {
    pub key: Option<Expr>,
    /// The `:` after the key (types2 reports errors about a keyed element there).
    pub colon: Pos,
    pub value: Expr,
}

#[derive(Debug, Clone)]
pub struct TypeExpr {
    pub pos: Pos,
    pub kind: TypeExprKind,
}

#[derive(Debug, Clone)]
pub enum TypeExprKind {
    Name(String),
    Qualified(String, String),
    Pointer(Box<TypeExpr>),
    /// `[N]T`; the length is a constant expression (`None` for `[...]T`).
    Array(Option<Box<Expr>>, Box<TypeExpr>),
    Struct(Vec<FieldDecl>),
    Slice(Box<TypeExpr>),
    /// `map[K]V`.
    Map(Box<TypeExpr>, Box<TypeExpr>),
    /// `chan T`, `<-chan T`, `chan<- T`.
    Chan(crate::compile::types::ChanDir, Box<TypeExpr>),
    /// `func(params) results`; the bool says the last parameter is `...T`.
    Func(Vec<Param>, Vec<Param>, bool),
    /// `...T`, the type of a variadic parameter (only in parameter lists).
    Dots(Box<TypeExpr>),
    /// `interface { M(p) r; Embedded }`.
    Interface(Vec<InterfaceElem>),
    /// `List[int]`, `pkg.Map[K, V]`: a generic type instantiated.
    Instance(Box<TypeExpr>, Vec<TypeExpr>),
    /// `~int | string`: a union of terms, only in constraints (an interface element or a type
    /// parameter's constraint); a lone `~T` is a union of one term.
    Union(Vec<Term>),
    /// `(T)` as the generic type of an instantiation, `(List)[int]`: kept because a generic
    /// type cannot be parenthesized before it is instantiated (types2 typInternal for a
    /// ParenExpr); elsewhere parentheses around a type are dropped.
    Paren(Box<TypeExpr>),
    /// Types tbuild parses but does not support yet, named for the message.
    Unsupported(&'static str),
}

/// One term of a union: `T` or `~T` (Go spec, "Interface types", "General interfaces").
#[derive(Debug, Clone)]
pub struct Term {
    pub tilde: bool,
    pub ty: TypeExpr,
}

/// A type parameter `P C` (Go spec, "Type parameter declarations"); `P, Q C` gives two
/// that share the constraint's source.
#[derive(Debug, Clone)]
pub struct TypeParamDecl {
    pub name: String,
    pub pos: Pos,
    pub constraint: TypeExpr,
}

#[derive(Debug, Clone)]
pub enum InterfaceElem {
    Method {
        name: String,
        pos: Pos,
        params: Vec<Param>,
        results: Vec<Param>,
        variadic: bool,
    },
    Embedded(TypeExpr),
}

#[derive(Debug, Clone)]
pub struct FieldDecl {
    pub name: String,
    pub pos: Pos,
    pub ty: TypeExpr,
    pub embedded: bool,
    /// The field's tag (`json:"x"`), its value as the string literal gives it.
    pub tag: Option<Vec<u8>>,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: Option<(String, Pos)>,
    pub ty: TypeExpr,
}

#[derive(Debug, Clone)]
pub struct Stmt {
    pub pos: Pos,
    pub kind: StmtKind,
}

#[derive(Debug, Clone)]
pub enum StmtKind {
    Empty,
    Expr(Expr),
    Var(VarSpec),
    /// `var ( a = 1; b = 2 )` in a function: one `Var` statement per spec, declared in the
    /// enclosing block's scope (unlike a `Block`).
    VarGroup(Vec<Stmt>),
    Const(Vec<ConstSpec>),
    /// `type T ...` or a group `type ( A ...; B ... )` in a function: each name comes into
    /// scope at its own spec, as if the specs were declarations of their own (Go spec,
    /// "Declarations and scope"), so a spec sees the ones before it, not those after.
    Type(Vec<TypeSpec>),
    ShortVar {
        names: Vec<(String, Pos)>,
        values: Vec<Expr>,
    },
    Assign {
        lhs: Vec<Expr>,
        op: Option<BinOp>,
        rhs: Vec<Expr>,
    },
    IncDec(Expr, bool),
    Block(Vec<Stmt>),
    If {
        init: Option<Box<Stmt>>,
        cond: Expr,
        then: Vec<Stmt>,
        els: Option<Box<Stmt>>,
    },
    For {
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        post: Option<Box<Stmt>>,
        body: Vec<Stmt>,
    },
    Break(Option<(String, Pos)>),
    Continue(Option<(String, Pos)>),
    Goto(String, Pos),
    Fallthrough,
    Labeled(String, Box<Stmt>),
    Switch {
        init: Option<Box<Stmt>>,
        tag: Option<Expr>,
        cases: Vec<CaseClause>,
        /// The position of the closing brace.
        end: Pos,
    },
    /// `switch v := x.(type) { case T1, T2: ... }`; case lists hold type expressions (or nil).
    TypeSwitch {
        init: Option<Box<Stmt>>,
        bind: Option<(String, Pos)>,
        x: Expr,
        cases: Vec<CaseClause>,
        end: Pos,
    },
    /// `for k, v := range x` (`define`) or `for k, v = range x`.
    Range {
        key: Option<Expr>,
        value: Option<Expr>,
        define: bool,
        x: Expr,
        body: Vec<Stmt>,
        /// Iteration variables past the second: an error the checker reports.
        extra: Vec<Expr>,
    },
    Return(Vec<Expr>),
    /// `ch <- v`; the statement's position is the arrow's, as Go's parser records it.
    Send {
        ch: Expr,
        value: Expr,
    },
    /// `select { case ...: }`; `end` is the closing brace.
    Select {
        cases: Vec<CommClause>,
        end: Pos,
    },
    /// `go f(x)` or `defer f(x)` (`keyword` says which). `call` is a call expression; when
    /// the source had something else there, the parser made it one and `misuse` holds Go's
    /// complaints (syntax/parser.go callStmt reports them and goes on).
    CallStmt {
        keyword: &'static str,
        call: Expr,
        misuse: Vec<(Pos, String)>,
    },
    /// Valid Go that tbuild does not support yet, named for the message.
    Unsupported(&'static str),
}

impl StmtKind {
    /// Whether a label on this statement can be named by `break` or `continue` inside it
    /// (Go spec, "Break statements", "Continue statements"): a for, a switch or a select
    /// (continue only for a for; the checker tells them apart).
    pub fn is_labeled_target(&self) -> bool {
        matches!(
            self,
            StmtKind::For { .. }
                | StmtKind::Range { .. }
                | StmtKind::Switch { .. }
                | StmtKind::TypeSwitch { .. }
                | StmtKind::Select { .. }
        )
    }
}

/// `case a, b:` (or `default:` when `exprs` is None) and its statements.
#[derive(Debug, Clone)]
pub struct CaseClause {
    pub pos: Pos,
    pub exprs: Option<Vec<Expr>>,
    pub body: Vec<Stmt>,
}

/// A select statement's `case comm:` (`comm` is a send, a receive expression statement, or
/// an assignment or short variable declaration from a receive; the checker says which are
/// not) or `default:` (`comm` None), and its statements.
#[derive(Debug, Clone)]
pub struct CommClause {
    pub pos: Pos,
    pub comm: Option<Box<Stmt>>,
    pub body: Vec<Stmt>,
}

#[derive(Debug, Clone)]
pub struct VarSpec {
    pub names: Vec<(String, Pos)>,
    pub ty: Option<TypeExpr>,
    pub values: Vec<Expr>,
}

#[derive(Debug, Clone)]
pub struct ConstSpec {
    pub names: Vec<(String, Pos)>,
    pub ty: Option<TypeExpr>,
    pub values: Vec<Expr>,
    pub iota: i64,
    /// True when the values were copied from an earlier spec (implicit repetition).
    pub implicit: bool,
}

#[derive(Debug, Clone)]
pub struct TypeSpec {
    pub name: String,
    pub pos: Pos,
    /// `type List[T any] ...`: the type parameters of a generic type.
    pub tparams: Vec<TypeParamDecl>,
    pub alias: bool,
    pub ty: TypeExpr,
}

#[derive(Debug, Clone)]
pub struct FuncDecl {
    pub name: String,
    pub pos: Pos,
    /// The position of the token after `func` (the receiver's `(`, or the name), where Go
    /// reports an error about the declaration as a whole.
    pub head: Pos,
    /// The receiver of a method: `(r *T)`.
    pub recv: Option<Param>,
    /// `func F[T any](...)`: the type parameters of a generic function.
    pub tparams: Vec<TypeParamDecl>,
    pub params: Vec<Param>,
    pub results: Vec<Param>,
    pub variadic: bool,
    pub body: Option<Vec<Stmt>>,
    /// The position of the body's opening brace (export.rs cuts bodies out from it).
    pub lbrace: Pos,
    /// The position of the closing brace (Go reports "missing return" there).
    pub end: Pos,
    /// `//go:linkname` target for this function, if any.
    pub linkname: Option<String>,
    /// `//go:noinline` stands in the comments right above the declaration: the function is
    /// never inlined (lower/inline.rs).
    pub noinline: bool,
}

impl FuncDecl {
    /// Whether the function is generic: it has type parameters, or it is a method of a
    /// generic type (its receiver's type is instantiated: `(l *List[T])`). Only its
    /// instances are compiled.
    pub fn is_generic(&self) -> bool {
        let recv_generic = self.receiver().is_some_and(|(_, _, args)| args.is_some());
        !self.tparams.is_empty() || recv_generic
    }

    /// A method's receiver type as written, taken apart: its base (`T` of `*T`, `List` of
    /// `*List[E]`), whether it is a pointer, and the type arguments of a generic base.
    pub fn receiver(&self) -> Option<(&TypeExpr, bool, Option<&[TypeExpr]>)> {
        let ty = &self.recv.as_ref()?.ty;
        let (base, ptr) = match &ty.kind {
            TypeExprKind::Pointer(t) => (&**t, true),
            _ => (ty, false),
        };
        Some(match &base.kind {
            TypeExprKind::Instance(g, args) => (&**g, ptr, Some(&args[..])),
            _ => (base, ptr, None),
        })
    }
}

#[derive(Debug, Clone)]
pub struct Import {
    pub path: String,
    pub name: Option<String>,
    /// The path's position.
    pub pos: Pos,
    /// The name's position, or the path's when there is no name: where Go reports the
    /// import as unused or colliding.
    pub name_pos: Pos,
}

#[derive(Debug, Clone)]
pub enum Decl {
    Var(VarSpec),
    Const(Vec<ConstSpec>),
    Type(TypeSpec),
    Func(FuncDecl),
}

#[derive(Debug, Clone)]
pub struct File {
    pub name: String,
    pub package: String,
    pub package_pos: Pos,
    /// Where the package clause's name is (types2 reports a bad name there).
    pub package_name_pos: Pos,
    pub imports: Vec<Import>,
    pub decls: Vec<Decl>,
    /// Flag directives no declaration takes (parser/mod.rs `misplaced_directives`), which
    /// Go reports once the package type-checks: reported then (compile/mod.rs).
    pub misplaced: Vec<crate::diag::Diag>,
}
