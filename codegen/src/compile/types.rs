//! Types: the type table, Go's sizes and alignments on amd64, and constant values.
//!
//! Types are interned in one table per compilation and named by [`TypeId`]. Layout follows Go's
//! amd64 rules (cmd/compile/internal/types/size.go): every basic type is aligned to its size, a
//! struct to its widest field, and a struct whose last field has size zero gets one byte of
//! padding so that a pointer to that field cannot point past the object.

use std::collections::HashMap;

pub type TypeId = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basic {
    Invalid,
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    String,
    UnsafePointer,
    /// `byte` and `rune` are aliases of uint8 and int32, kept apart only for messages.
    Byte,
    Rune,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedString,
    UntypedNil,
}

impl Basic {
    pub fn name(self) -> &'static str {
        use Basic::*;
        match self {
            Invalid => "invalid type",
            Bool => "bool",
            Int => "int",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint => "uint",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Uintptr => "uintptr",
            String => "string",
            UnsafePointer => "unsafe.Pointer",
            Byte => "byte",
            Rune => "rune",
            UntypedBool => "untyped bool",
            UntypedInt => "untyped int",
            UntypedRune => "untyped rune",
            UntypedFloat => "untyped float",
            UntypedString => "untyped string",
            UntypedNil => "untyped nil",
        }
    }

    /// (size in bytes, signed) for integer types.
    pub fn int_info(self) -> Option<(u32, bool)> {
        use Basic::*;
        Some(match self {
            Int | Int64 => (8, true),
            Int8 => (1, true),
            Int16 => (2, true),
            Int32 | Rune => (4, true),
            Uint | Uint64 | Uintptr => (8, false),
            Uint8 | Byte => (1, false),
            Uint16 => (2, false),
            Uint32 => (4, false),
            _ => return None,
        })
    }

    pub fn is_untyped(self) -> bool {
        use Basic::*;
        matches!(
            self,
            UntypedBool | UntypedInt | UntypedRune | UntypedFloat | UntypedString | UntypedNil
        )
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub ty: TypeId,
    pub offset: u64,
    pub embedded: bool,
}

#[derive(Debug, Clone)]
pub struct Signature {
    pub params: Vec<TypeId>,
    pub results: Vec<TypeId>,
    pub variadic: bool,
}

#[derive(Debug, Clone)]
pub enum Type {
    Basic(Basic),
    Pointer(TypeId),
    Array(u64, TypeId),
    Struct(Vec<Field>),
    /// A defined type: `type T U`. `underlying` is filled in once U is resolved.
    Named {
        pkg: String,
        name: String,
        underlying: Option<TypeId>,
    },
    /// The results of a call with several results.
    Tuple(Vec<TypeId>),
    Func(Signature),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Pointer(TypeId),
    Array(u64, TypeId),
}

pub struct Types {
    types: Vec<Type>,
    interned: HashMap<Key, TypeId>,
    basics: HashMap<Basic, TypeId>,
    tuples: HashMap<Vec<TypeId>, TypeId>,
    layout: HashMap<TypeId, (u64, u64)>,
}

/// A compile-time constant value (Go spec, "Constants"). Integers are exact within i128, which
/// covers every typed integer and the untyped values programs use; larger ones are an overflow.
#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    Int(i128),
    Bool(bool),
    Str(Vec<u8>),
}

impl std::fmt::Display for Const {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Const::Int(v) => write!(f, "{v}"),
            Const::Bool(b) => write!(f, "{b}"),
            Const::Str(s) => write!(f, "{:?}", String::from_utf8_lossy(s)),
        }
    }
}

impl Default for Types {
    fn default() -> Self {
        Self::new()
    }
}

impl Types {
    pub fn new() -> Types {
        let mut t = Types {
            types: Vec::new(),
            interned: HashMap::new(),
            basics: HashMap::new(),
            tuples: HashMap::new(),
            layout: HashMap::new(),
        };
        use Basic::*;
        for b in [
            Invalid,
            Bool,
            Int,
            Int8,
            Int16,
            Int32,
            Int64,
            Uint,
            Uint8,
            Uint16,
            Uint32,
            Uint64,
            Uintptr,
            String,
            UnsafePointer,
            Byte,
            Rune,
            UntypedBool,
            UntypedInt,
            UntypedRune,
            UntypedFloat,
            UntypedString,
            UntypedNil,
        ] {
            let id = t.types.len() as TypeId;
            t.types.push(Type::Basic(b));
            t.basics.insert(b, id);
        }
        t
    }

    pub fn get(&self, id: TypeId) -> &Type {
        &self.types[id as usize]
    }

    pub fn basic(&self, b: Basic) -> TypeId {
        self.basics[&b]
    }

    pub fn invalid(&self) -> TypeId {
        0
    }

    pub fn pointer(&mut self, elem: TypeId) -> TypeId {
        self.intern(Key::Pointer(elem), Type::Pointer(elem))
    }

    pub fn array(&mut self, len: u64, elem: TypeId) -> TypeId {
        self.intern(Key::Array(len, elem), Type::Array(len, elem))
    }

    fn intern(&mut self, key: Key, ty: Type) -> TypeId {
        if let Some(&id) = self.interned.get(&key) {
            return id;
        }
        let id = self.add(ty);
        self.interned.insert(key, id);
        id
    }

    pub fn tuple(&mut self, elems: Vec<TypeId>) -> TypeId {
        if let Some(&id) = self.tuples.get(&elems) {
            return id;
        }
        let id = self.add(Type::Tuple(elems.clone()));
        self.tuples.insert(elems, id);
        id
    }

    pub fn add(&mut self, ty: Type) -> TypeId {
        self.types.push(ty);
        (self.types.len() - 1) as TypeId
    }

    pub fn set_underlying(&mut self, named: TypeId, u: TypeId) {
        if let Type::Named { underlying, .. } = &mut self.types[named as usize] {
            *underlying = Some(u);
        }
    }

    /// The underlying type (Go spec): a named type's definition, followed to the end.
    pub fn under(&self, mut id: TypeId) -> TypeId {
        for _ in 0..100 {
            match self.get(id) {
                Type::Named { underlying, .. } => match underlying {
                    Some(u) => id = *u,
                    None => return self.invalid(),
                },
                _ => return id,
            }
        }
        self.invalid()
    }

    pub fn basic_of(&self, id: TypeId) -> Option<Basic> {
        match self.get(self.under(id)) {
            Type::Basic(b) => Some(*b),
            _ => None,
        }
    }

    /// byte is uint8 and rune is int32 (Go spec, "Numeric types").
    fn canon(&self, id: TypeId) -> TypeId {
        match self.get(id) {
            Type::Basic(Basic::Byte) => self.basic(Basic::Uint8),
            Type::Basic(Basic::Rune) => self.basic(Basic::Int32),
            _ => id,
        }
    }

    pub fn identical(&self, a: TypeId, b: TypeId) -> bool {
        let (a, b) = (self.canon(a), self.canon(b));
        if a == b {
            return true;
        }
        match (self.get(a), self.get(b)) {
            (Type::Pointer(x), Type::Pointer(y)) => self.identical(*x, *y),
            (Type::Array(n, x), Type::Array(m, y)) => n == m && self.identical(*x, *y),
            (Type::Struct(f), Type::Struct(g)) => {
                f.len() == g.len()
                    && f.iter().zip(g).all(|(f, g)| {
                        f.name == g.name && f.embedded == g.embedded && self.identical(f.ty, g.ty)
                    })
            }
            _ => false,
        }
    }

    pub fn is_named(&self, id: TypeId) -> bool {
        matches!(self.get(id), Type::Named { .. })
            || matches!(self.get(id), Type::Basic(b) if !b.is_untyped() && *b != Basic::Invalid)
    }

    pub fn is_integer(&self, id: TypeId) -> bool {
        match self.basic_of(id) {
            Some(b) => {
                b.int_info().is_some() || matches!(b, Basic::UntypedInt | Basic::UntypedRune)
            }
            None => false,
        }
    }

    pub fn is_unsigned(&self, id: TypeId) -> bool {
        matches!(
            self.basic_of(id).and_then(|b| b.int_info()),
            Some((_, false))
        )
    }

    pub fn is_string(&self, id: TypeId) -> bool {
        matches!(
            self.basic_of(id),
            Some(Basic::String | Basic::UntypedString)
        )
    }

    pub fn is_bool(&self, id: TypeId) -> bool {
        matches!(self.basic_of(id), Some(Basic::Bool | Basic::UntypedBool))
    }

    pub fn is_untyped(&self, id: TypeId) -> bool {
        matches!(self.get(id), Type::Basic(b) if b.is_untyped())
    }

    pub fn is_pointer(&self, id: TypeId) -> bool {
        matches!(self.get(self.under(id)), Type::Pointer(_))
    }

    pub fn is_unsafe_pointer(&self, id: TypeId) -> bool {
        matches!(self.basic_of(id), Some(Basic::UnsafePointer))
    }

    /// Struct and array values live in memory and are passed by address.
    pub fn is_aggregate(&self, id: TypeId) -> bool {
        matches!(self.get(self.under(id)), Type::Struct(_) | Type::Array(..))
    }

    /// (size, alignment) in bytes, Go's amd64 layout.
    pub fn layout(&mut self, id: TypeId) -> (u64, u64) {
        if let Some(&l) = self.layout.get(&id) {
            return l;
        }
        let l = match self.get(self.under(id)).clone() {
            Type::Basic(b) => match b {
                Basic::Bool => (1, 1),
                Basic::String => (16, 8),
                Basic::UnsafePointer => (8, 8),
                _ => match b.int_info() {
                    Some((s, _)) => (s as u64, s as u64),
                    None => (8, 8),
                },
            },
            Type::Pointer(_) | Type::Func(_) => (8, 8),
            Type::Array(n, elem) => {
                let (s, a) = self.layout(elem);
                (s.saturating_mul(n), a)
            }
            Type::Struct(fields) => {
                let (size, align, offsets) = self.struct_layout(&fields);
                let under = self.under(id);
                if let Type::Struct(f) = &mut self.types[under as usize] {
                    for (f, o) in f.iter_mut().zip(offsets) {
                        f.offset = o;
                    }
                }
                (size, align)
            }
            Type::Named { .. } | Type::Tuple(_) => (0, 1),
        };
        self.layout.insert(id, l);
        l
    }

    fn struct_layout(&mut self, fields: &[Field]) -> (u64, u64, Vec<u64>) {
        let mut off = 0u64;
        let mut align = 1u64;
        let mut offsets = Vec::new();
        let mut last_zero = false;
        for f in fields {
            let (s, a) = self.layout(f.ty);
            off = off.div_ceil(a) * a;
            offsets.push(off);
            off = off.saturating_add(s);
            align = align.max(a);
            last_zero = s == 0;
        }
        // cmd/compile/internal/types/size.go calcStructOffset: pad a trailing zero-size field.
        if last_zero && off > 0 {
            off += 1;
        }
        (off.div_ceil(align) * align, align, offsets)
    }

    pub fn size(&mut self, id: TypeId) -> u64 {
        self.layout(id).0
    }

    /// Whether values of this type hold pointers the garbage collector must see (decides
    /// `.data`/`.bss` versus `.noptrdata`/`.noptrbss`, as cmd/compile's `types.HasPointers`).
    pub fn has_pointers(&self, id: TypeId) -> bool {
        match self.get(self.under(id)) {
            Type::Basic(b) => matches!(b, Basic::String | Basic::UnsafePointer),
            Type::Pointer(_) | Type::Func(_) => true,
            Type::Array(n, e) => *n > 0 && self.has_pointers(*e),
            Type::Struct(fields) => fields.iter().any(|f| self.has_pointers(f.ty)),
            _ => false,
        }
    }

    /// Fields of a struct type (after layout), or None.
    pub fn fields(&mut self, id: TypeId) -> Option<Vec<Field>> {
        self.layout(id);
        match self.get(self.under(id)) {
            Type::Struct(f) => Some(f.clone()),
            _ => None,
        }
    }

    /// The type as Go's messages print it.
    pub fn name(&self, id: TypeId) -> String {
        match self.get(id) {
            Type::Basic(b) => b.name().to_string(),
            Type::Pointer(e) => format!("*{}", self.name(*e)),
            Type::Array(n, e) => format!("[{}]{}", n, self.name(*e)),
            Type::Struct(fields) => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        if f.embedded {
                            self.name(f.ty)
                        } else {
                            format!("{} {}", f.name, self.name(f.ty))
                        }
                    })
                    .collect();
                format!("struct{{{}}}", parts.join("; "))
            }
            Type::Named { pkg, name, .. } => {
                if pkg == "main" || pkg.is_empty() {
                    name.clone()
                } else {
                    format!("{pkg}.{name}")
                }
            }
            Type::Tuple(elems) => {
                let parts: Vec<String> = elems.iter().map(|e| self.name(*e)).collect();
                format!("({})", parts.join(", "))
            }
            Type::Func(sig) => {
                let p: Vec<String> = sig.params.iter().map(|e| self.name(*e)).collect();
                let r: Vec<String> = sig.results.iter().map(|e| self.name(*e)).collect();
                match r.len() {
                    0 => format!("func({})", p.join(", ")),
                    1 => format!("func({}) {}", p.join(", "), r[0]),
                    _ => format!("func({}) ({})", p.join(", "), r.join(", ")),
                }
            }
        }
    }

    /// Whether the constant fits the type (Go spec, "Representability").
    pub fn representable(&self, c: &Const, ty: TypeId) -> bool {
        let Some(b) = self.basic_of(ty) else {
            return false;
        };
        match c {
            Const::Int(v) => match b.int_info() {
                Some((size, signed)) => {
                    let bits = size * 8;
                    if signed {
                        let min = -(1i128 << (bits - 1));
                        let max = (1i128 << (bits - 1)) - 1;
                        (min..=max).contains(v)
                    } else {
                        *v >= 0 && *v < (1i128 << bits)
                    }
                }
                None => matches!(
                    b,
                    Basic::UntypedInt | Basic::UntypedRune | Basic::UntypedFloat
                ),
            },
            Const::Bool(_) => matches!(b, Basic::Bool | Basic::UntypedBool),
            Const::Str(_) => matches!(b, Basic::String | Basic::UntypedString),
        }
    }
}
