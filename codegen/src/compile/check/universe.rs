//! The universe scope: the predeclared types, constants, `nil` and builtins, and package
//! `unsafe`'s names (Go spec, "Predeclared identifiers"; go/types universe.go). Valid Go that
//! tbuild does not support yet (`comparable`, `close`, ...) is declared too, so
//! that its uses are reported as unsupported rather than undefined.

use super::{Builtin, Checker, ObjKind};
use crate::compile::ast::*;
use crate::compile::types::{Basic, Const, Signature, Type, TypeId};

impl Checker {
    pub(super) fn init_universe(&mut self) {
        use Basic::*;
        let basics = [
            ("bool", Bool),
            ("int", Int),
            ("int8", Int8),
            ("int16", Int16),
            ("int32", Int32),
            ("int64", Int64),
            ("uint", Uint),
            ("uint8", Uint8),
            ("uint16", Uint16),
            ("uint32", Uint32),
            ("uint64", Uint64),
            ("uintptr", Uintptr),
            ("float32", Float32),
            ("float64", Float64),
            ("complex64", Complex64),
            ("complex128", Complex128),
            ("string", String),
            ("byte", Byte),
            ("rune", Rune),
        ];
        for (name, b) in basics {
            let ty = self.prog.types.basic(b);
            let id = self.new_obj(name, Pos::default(), usize::MAX, ObjKind::TypeName, ty);
            self.universe.insert(name.to_string(), id);
        }
        let ub = self.prog.types.basic(UntypedBool);
        for (name, v) in [("true", true), ("false", false)] {
            let id = self.new_obj(
                name,
                Pos::default(),
                usize::MAX,
                ObjKind::Const(Const::Bool(v)),
                ub,
            );
            self.universe.insert(name.to_string(), id);
        }
        let un = self.prog.types.basic(UntypedNil);
        let id = self.new_obj("nil", Pos::default(), usize::MAX, ObjKind::Nil, un);
        self.universe.insert("nil".into(), id);
        let ui = self.prog.types.basic(UntypedInt);
        let id = self.new_obj(
            "iota",
            Pos::default(),
            usize::MAX,
            ObjKind::Const(Const::Int(0)),
            ui,
        );
        self.universe.insert("iota".into(), id);
        let builtins = [
            ("len", Builtin::Len),
            ("new", Builtin::New),
            ("print", Builtin::Print),
            ("println", Builtin::Println),
            ("append", Builtin::Append),
            ("cap", Builtin::Cap),
            ("close", Builtin::Close),
            ("complex", Builtin::Complex),
            ("copy", Builtin::Copy),
            ("delete", Builtin::Delete),
            ("imag", Builtin::Imag),
            ("make", Builtin::Make),
            ("panic", Builtin::Panic),
            ("real", Builtin::Real),
            ("recover", Builtin::Recover),
        ];
        for (name, b) in builtins {
            let id = self.new_obj(name, Pos::default(), usize::MAX, ObjKind::Builtin(b), 0);
            self.universe.insert(name.to_string(), id);
        }
        // any = interface{}; error = interface{ Error() string } (Go spec, "Predeclared
        // identifiers").
        let empty = self.prog.types.add(Type::Interface(Vec::new()));
        self.prog.types.set_any(empty);
        let id = self.new_obj("any", Pos::default(), usize::MAX, ObjKind::TypeName, empty);
        self.universe.insert("any".into(), id);
        self.init_comparable();
        let string_t = self.prog.types.basic(String);
        let error_t = self.prog.types.add(Type::Named {
            pkg: std::string::String::new(),
            path: std::string::String::new(),
            name: "error".into(),
            underlying: None,
        });
        let error_u = self
            .prog
            .types
            .add(Type::Interface(vec![crate::compile::types::IMethod {
                name: "Error".into(),
                sig: Signature {
                    results: vec![string_t],
                    ..Signature::default()
                },
            }]));
        self.prog.types.set_underlying(error_t, error_u);
        let id = self.new_obj(
            "error",
            Pos::default(),
            usize::MAX,
            ObjKind::TypeName,
            error_t,
        );
        self.universe.insert("error".into(), id);
        let up = self.prog.types.basic(UnsafePointer);
        let id = self.new_obj("Pointer", Pos::default(), usize::MAX, ObjKind::TypeName, up);
        self.unsafe_scope.insert("Pointer".into(), id);
        for (name, b) in [
            ("Sizeof", Builtin::Sizeof),
            ("Offsetof", Builtin::Offsetof),
            ("Alignof", Builtin::Alignof),
            ("Add", Builtin::Add),
            ("Slice", Builtin::Slice),
        ] {
            let id = self.new_obj(name, Pos::default(), usize::MAX, ObjKind::Builtin(b), 0);
            self.unsafe_scope.insert(name.to_string(), id);
        }
    }

    pub(super) fn universe_type(&self, name: &str) -> TypeId {
        self.universe
            .get(name)
            .map(|&o| self.prog.objs[o as usize].ty)
            .unwrap_or(0)
    }
}
