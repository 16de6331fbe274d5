//! Types: the type table and Go's sizes and alignments on amd64 (constant values are in
//! types/constant.rs).
//!
//! Types are interned in one table per compilation and named by [`TypeId`]. Layout follows Go's
//! amd64 rules (cmd/compile/internal/types/size.go): every basic type is aligned to its size, a
//! struct to its widest field, and a struct whose last field has size zero gets one byte of
//! padding so that a pointer to that field cannot point past the object.

mod bigfloat;
mod constant;
mod rtstring;
mod typesets;

pub use bigfloat::{BigFloat, PREC as FLOAT_PREC};
pub use constant::*;

use crate::HashMap;

use num_rational::BigRational;
use num_traits::Zero;

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
    Float32,
    Float64,
    /// Two float32s / two float64s (real, imaginary), as Go lays them out.
    Complex64,
    Complex128,
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
    UntypedComplex,
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
            Float32 => "float32",
            Float64 => "float64",
            Complex64 => "complex64",
            Complex128 => "complex128",
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
            UntypedComplex => "untyped complex",
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
            UntypedBool
                | UntypedInt
                | UntypedRune
                | UntypedFloat
                | UntypedString
                | UntypedNil
                | UntypedComplex
        )
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub ty: TypeId,
    pub offset: u64,
    pub embedded: bool,
    /// The tag, part of the struct type's identity (Go spec, "Type identity").
    pub tag: Option<Vec<u8>>,
    /// The path of the package that declared the field: an unexported name is a different
    /// field in each package (Go spec, "Uniqueness of identifiers").
    pub pkg: String,
}

impl Field {
    /// Whether this field is the one `name` denotes in package `pkg` (go/types sameId).
    pub fn is(&self, pkg: &str, name: &str) -> bool {
        self.name == name && (self.pkg == pkg || is_exported_name(name))
    }
}

/// Whether an identifier is exported (Go spec, "Exported identifiers": its first character
/// is an upper-case letter).
pub fn is_exported_name(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

#[derive(Debug, Clone, Default)]
pub struct Signature {
    pub params: Vec<TypeId>,
    pub results: Vec<TypeId>,
    pub variadic: bool,
    /// The parameters' and results' names when the source gave them (else empty): only
    /// for messages, which print `func(a ...any)` as Go's do. Identity ignores them.
    pub param_names: Vec<String>,
    pub result_names: Vec<String>,
}

impl Signature {
    /// A method's signature without its receiver (params[0]).
    pub fn without_receiver(&self) -> Signature {
        Signature {
            params: self.params[1..].to_vec(),
            results: self.results.clone(),
            variadic: self.variadic,
            param_names: self.param_names.get(1..).unwrap_or_default().to_vec(),
            result_names: self.result_names.clone(),
        }
    }

    /// The signature of a method expression's function (Go spec, "Method expressions"): the
    /// receiver of type `recv` first, then the method's parameters (names are not kept).
    pub fn with_receiver(&self, recv: TypeId) -> Signature {
        Signature {
            params: std::iter::once(recv)
                .chain(self.params.iter().copied())
                .collect(),
            results: self.results.clone(),
            variadic: self.variadic,
            param_names: Vec::new(),
            result_names: Vec::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Type {
    Basic(Basic),
    Pointer(TypeId),
    Array(u64, TypeId),
    /// `[]T`: a (pointer, len, cap) header.
    Slice(TypeId),
    /// `map[K]V`: one word, a pointer to the runtime's hmap (nil for a nil map).
    Map(TypeId, TypeId),
    /// `chan T`, `<-chan T`, `chan<- T`: one word, a pointer to the runtime's hchan (nil for a
    /// nil channel).
    Chan(ChanDir, TypeId),
    Struct(Vec<Field>),
    /// A defined type: `type T U`. `underlying` is filled in once U is resolved.
    Named {
        /// The declaring package's name, as type strings and messages print it.
        pkg: String,
        /// Its import path, which symbols carry (`type.example.com/m/util.T`): two
        /// packages may share a name. Empty for predeclared and runtime-internal types.
        path: String,
        name: String,
        underlying: Option<TypeId>,
    },
    /// The results of a call with several results.
    Tuple(Vec<TypeId>),
    Func(Signature),
    /// An interface: its methods sorted by name (embedded interfaces flattened). A
    /// constraint's type terms and `comparable` are in [`Types::iface_sets`].
    Interface(Vec<IMethod>),
    /// A type parameter (Go spec, "Type parameter declarations"): a type of its own, identical
    /// only to itself; `bound` is its constraint (an interface, set once resolved) and
    /// `index` its place in its list.
    TypeParam {
        name: String,
        index: u32,
        bound: TypeId,
    },
}

/// A channel's direction (Go spec, "Channel types"); the values are reflect.ChanDir's, which
/// the type descriptor's len field carries (reflect/type.go: RecvDir 1, SendDir 2, BothDir 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChanDir {
    Recv = 1,
    Send = 2,
    Both = 3,
}

impl ChanDir {
    pub fn can_send(self) -> bool {
        self != ChanDir::Recv
    }
    pub fn can_recv(self) -> bool {
        self != ChanDir::Send
    }
}

/// A term of a type set: `T` or `~T` (the types whose underlying type is T).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeTerm {
    pub tilde: bool,
    pub ty: TypeId,
}

/// What a constraint interface adds to its methods (Go spec, "General interfaces"; types2
/// typeset.go): the union of type terms its elements allow (None: any type), whether it
/// embeds `comparable`, and how messages print it.
#[derive(Debug, Clone, Default)]
pub struct TypeSetInfo {
    pub terms: Option<Vec<TypeTerm>>,
    pub comparable: bool,
    pub display: String,
}

#[derive(Debug, Clone)]
pub struct IMethod {
    pub name: String,
    pub sig: Signature,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Pointer(TypeId),
    Array(u64, TypeId),
    Slice(TypeId),
    Map(TypeId, TypeId),
    Chan(ChanDir, TypeId),
}

pub struct Types {
    types: Vec<Type>,
    interned: HashMap<Key, TypeId>,
    basics: HashMap<Basic, TypeId>,
    tuples: HashMap<Vec<TypeId>, TypeId>,
    layout: HashMap<TypeId, (u64, u64)>,
    /// The universe's `any`: an empty interface that messages call `any`, as Go 1.19's do
    /// (an `interface{}` written out is still printed so).
    any: Option<TypeId>,
    /// Named types declared inside functions, numbered from 1 in declaration order: two local
    /// types may share a name with each other and with a package-level type, so their
    /// symbols (not their names) carry the number, as Go's `type.main.T·1` do.
    locals: HashMap<TypeId, u32>,
    /// `has_pointers` of each type asked about: without it a type nested n deep costs O(n)
    /// per question, and the escape analysis asks of every subexpression (O(n²) for
    /// `x.a.a...a` of a struct nested 100,000 deep).
    pointers: std::cell::RefCell<HashMap<TypeId, bool>>,
    /// Instances of generic types: (generic type, type arguments); the instance is a
    /// `Type::Named` whose name is the generic type's.
    pub instances: HashMap<TypeId, (TypeId, Vec<TypeId>)>,
    /// The type terms and `comparable` of constraint interfaces, by interface type.
    pub iface_sets: HashMap<TypeId, TypeSetInfo>,
    /// Interfaces with embedded elements as their source wrote them (`interface{I1; m()}`):
    /// types2 prints them so, explicit methods first, and an interface that embeds itself
    /// through a method (`type T interface{ M(interface{ T }) }`) has no finite flattened
    /// string.
    pub iface_written: HashMap<TypeId, String>,
    /// The import path of the package being compiled: messages print its types without
    /// their package's name, as types2's qualifier does.
    pub local_path: String,
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
            interned: HashMap::default(),
            basics: HashMap::default(),
            tuples: HashMap::default(),
            layout: HashMap::default(),
            any: None,
            locals: HashMap::default(),
            pointers: Default::default(),
            instances: HashMap::default(),
            iface_sets: HashMap::default(),
            iface_written: HashMap::default(),
            local_path: "main".into(),
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
            Float32,
            Float64,
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
            Complex64,
            Complex128,
            UntypedComplex,
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

    pub fn slice(&mut self, elem: TypeId) -> TypeId {
        self.intern(Key::Slice(elem), Type::Slice(elem))
    }

    pub fn map(&mut self, key: TypeId, elem: TypeId) -> TypeId {
        self.intern(Key::Map(key, elem), Type::Map(key, elem))
    }

    pub fn chan(&mut self, dir: ChanDir, elem: TypeId) -> TypeId {
        self.intern(Key::Chan(dir, elem), Type::Chan(dir, elem))
    }

    pub fn tuple(&mut self, elems: Vec<TypeId>) -> TypeId {
        if let Some(&id) = self.tuples.get(&elems) {
            return id;
        }
        let id = self.add(Type::Tuple(elems.clone()));
        self.tuples.insert(elems, id);
        id
    }

    /// Marks `id` as the universe's `any` (see the field).
    pub fn set_any(&mut self, id: TypeId) {
        self.any = Some(id);
    }

    pub fn add(&mut self, ty: Type) -> TypeId {
        self.types.push(ty);
        (self.types.len() - 1) as TypeId
    }

    /// Records that named type t was declared inside a function.
    pub fn mark_local(&mut self, t: TypeId) {
        let n = self.locals.len() as u32 + 1;
        self.locals.entry(t).or_insert(n);
    }

    /// The number of a named type declared inside a function (None for others).
    pub fn local_index(&self, t: TypeId) -> Option<u32> {
        self.locals.get(&t).copied()
    }

    pub fn set_underlying(&mut self, named: TypeId, u: TypeId) {
        if let Type::Named { underlying, .. } = &mut self.types[named as usize] {
            *underlying = Some(u);
        }
        // An answer given while the type was incomplete may change.
        self.pointers.get_mut().clear();
    }

    /// Gives interface `iface` its complete method set, once the interfaces it embeds are
    /// known (check/generics embedding an interface still being declared).
    pub fn set_interface_methods(&mut self, iface: TypeId, methods: Vec<IMethod>) {
        if let Type::Interface(m) = &mut self.types[iface as usize] {
            *m = methods;
        }
        self.pointers.get_mut().clear();
    }

    /// The underlying type (Go spec): a named type's definition, followed to the end.
    /// The underlying type (Go spec, "Underlying types"). For a type parameter, its core
    /// type when it has one (the structure every type in its set shares, which indexing,
    /// ranging, composite literals and make use), else the parameter itself.
    pub fn under(&self, mut id: TypeId) -> TypeId {
        for _ in 0..100 {
            match self.get(id) {
                Type::Named { underlying, .. } => match underlying {
                    Some(u) => id = *u,
                    None => return self.invalid(),
                },
                Type::TypeParam { .. } => return self.core_type(id).unwrap_or(id),
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
        self.identical_in(a, b, true)
    }

    /// Identity with struct tags ignored, as conversions compare types (Go spec,
    /// "Conversions").
    pub fn identical_ignore_tags(&self, a: TypeId, b: TypeId) -> bool {
        self.identical_in(a, b, false)
    }

    fn identical_in(&self, a: TypeId, b: TypeId, tags: bool) -> bool {
        self.identical_rec(a, b, tags, &mut Vec::new())
    }

    /// Identity, with the pairs of interfaces being compared: an interface may refer to
    /// itself through its methods without a named type between (`type I1 interface{ F()
    /// interface{ I1 } }`), and a pair met again is taken as identical, as types2's
    /// identical does with its ifacePair list.
    fn identical_rec(
        &self,
        a: TypeId,
        b: TypeId,
        tags: bool,
        seen: &mut Vec<(TypeId, TypeId)>,
    ) -> bool {
        let (a, b) = (self.canon(a), self.canon(b));
        if a == b {
            return true;
        }
        match (self.get(a), self.get(b)) {
            (Type::Pointer(x), Type::Pointer(y)) => self.identical_rec(*x, *y, tags, seen),
            (Type::Array(n, x), Type::Array(m, y)) => {
                n == m && self.identical_rec(*x, *y, tags, seen)
            }
            (Type::Slice(x), Type::Slice(y)) => self.identical_rec(*x, *y, tags, seen),
            (Type::Map(k1, v1), Type::Map(k2, v2)) => {
                self.identical_rec(*k1, *k2, tags, seen) && self.identical_rec(*v1, *v2, tags, seen)
            }
            (Type::Chan(d1, x), Type::Chan(d2, y)) => {
                d1 == d2 && self.identical_rec(*x, *y, tags, seen)
            }
            (Type::Interface(f), Type::Interface(g)) => {
                if f.len() != g.len() || !self.identical_type_sets(a, b) {
                    return false;
                }
                if seen.iter().any(|&p| p == (a, b) || p == (b, a)) {
                    return true;
                }
                seen.push((a, b));
                let same = f.iter().zip(g).all(|(x, y)| {
                    x.name == y.name && self.identical_sigs_rec(&x.sig, &y.sig, tags, seen)
                });
                seen.pop();
                same
            }
            (Type::Func(f), Type::Func(g)) => self.identical_sigs_rec(f, g, tags, seen),
            (Type::Struct(f), Type::Struct(g)) => {
                f.len() == g.len()
                    && f.iter().zip(g).all(|(f, g)| {
                        f.is(&g.pkg, &g.name)
                            && f.embedded == g.embedded
                            && (!tags || f.tag == g.tag)
                            && self.identical_rec(f.ty, g.ty, tags, seen)
                    })
            }
            _ => false,
        }
    }

    pub fn identical_sigs(&self, f: &Signature, g: &Signature) -> bool {
        self.identical_sigs_rec(f, g, true, &mut Vec::new())
    }

    /// Whether two signatures are identical; `tags` as in `identical_rec` (types2's
    /// identical passes cmpTags down into parameters and results).
    fn identical_sigs_rec(
        &self,
        f: &Signature,
        g: &Signature,
        tags: bool,
        seen: &mut Vec<(TypeId, TypeId)>,
    ) -> bool {
        f.variadic == g.variadic
            && f.params.len() == g.params.len()
            && f.results.len() == g.results.len()
            && f.params
                .iter()
                .zip(&g.params)
                .chain(f.results.iter().zip(&g.results))
                .all(|(a, b)| self.identical_rec(*a, *b, tags, seen))
    }

    /// Whether an interface holds a value of type t in its data word itself rather than a
    /// pointer to a copy: pointers, unsafe.Pointer, maps, channels and funcs, each one
    /// pointer word, and a struct of one field or an array of one element of such a type,
    /// whose only word is that pointer (Go: types.IsDirectIface, marked in the descriptor
    /// as Go's kindDirectIface bit marks it: runtime/pkg/runtime/iface.go isDirectIface).
    pub fn is_direct_iface(&self, t: TypeId) -> bool {
        match self.get(self.under(t)) {
            Type::Pointer(_) | Type::Map(..) | Type::Chan(..) | Type::Func(_) => true,
            Type::Array(1, e) => self.is_direct_iface(*e),
            Type::Struct(fields) if fields.len() == 1 => self.is_direct_iface(fields[0].ty),
            _ => self.is_unsafe_pointer(t),
        }
    }

    /// Whether t is a struct or array held in an interface's data word (see
    /// [`Self::is_direct_iface`]): its value is its only word, where the tbuild ABI passes a
    /// struct or array as the address of a copy.
    pub fn is_direct_aggregate(&self, t: TypeId) -> bool {
        self.is_aggregate(t) && self.is_direct_iface(t)
    }

    pub fn is_interface(&self, id: TypeId) -> bool {
        matches!(self.get(self.under(id)), Type::Interface(_))
    }

    pub fn interface_methods(&self, id: TypeId) -> Vec<IMethod> {
        // A type parameter's methods are its constraint's.
        if let Type::TypeParam { bound, .. } = self.get(id) {
            return if *bound != 0 {
                self.interface_methods(*bound)
            } else {
                Vec::new()
            };
        }
        match self.get(self.under(id)) {
            Type::Interface(m) => m.clone(),
            _ => Vec::new(),
        }
    }

    pub fn is_named(&self, id: TypeId) -> bool {
        matches!(self.get(id), Type::Named { .. } | Type::TypeParam { .. })
            || matches!(self.get(id), Type::Basic(b) if !b.is_untyped() && *b != Basic::Invalid)
    }

    pub fn is_integer(&self, id: TypeId) -> bool {
        if let Some(all) = self.all_terms(id, &|t, x| t.is_integer(x)) {
            return all;
        }
        match self.basic_of(id) {
            Some(b) => {
                b.int_info().is_some() || matches!(b, Basic::UntypedInt | Basic::UntypedRune)
            }
            None => false,
        }
    }

    pub fn is_unsigned(&self, id: TypeId) -> bool {
        if let Some(all) = self.all_terms(id, &|t, x| t.is_unsigned(x)) {
            return all;
        }
        matches!(
            self.basic_of(id).and_then(|b| b.int_info()),
            Some((_, false))
        )
    }

    pub fn is_float(&self, id: TypeId) -> bool {
        if let Some(all) = self.all_terms(id, &|t, x| t.is_float(x)) {
            return all;
        }
        matches!(
            self.basic_of(id),
            Some(Basic::Float32 | Basic::Float64 | Basic::UntypedFloat)
        )
    }

    /// Integer, floating-point or complex.
    pub fn is_numeric(&self, id: TypeId) -> bool {
        if let Some(all) = self.all_terms(id, &|t, x| t.is_numeric(x)) {
            return all;
        }
        self.is_integer(id) || self.is_float(id) || self.is_complex(id)
    }

    pub fn is_complex(&self, id: TypeId) -> bool {
        if let Some(all) = self.all_terms(id, &|t, x| t.is_complex(x)) {
            return all;
        }
        matches!(
            self.basic_of(id),
            Some(Basic::Complex64 | Basic::Complex128 | Basic::UntypedComplex)
        )
    }

    /// Whether `<` applies (Go spec, "Comparison operators"): integers, floats, strings; a
    /// type parameter when every type in its set is ordered.
    pub fn is_ordered(&self, id: TypeId) -> bool {
        if let Some(all) = self.all_terms(id, &|t, x| t.is_ordered(x)) {
            return all;
        }
        self.is_integer(id) || self.is_float(id) || self.is_string(id)
    }

    pub fn is_string(&self, id: TypeId) -> bool {
        if let Some(all) = self.all_terms(id, &|t, x| t.is_string(x)) {
            return all;
        }
        matches!(
            self.basic_of(id),
            Some(Basic::String | Basic::UntypedString)
        )
    }

    pub fn is_bool(&self, id: TypeId) -> bool {
        if let Some(all) = self.all_terms(id, &|t, x| t.is_bool(x)) {
            return all;
        }
        matches!(self.basic_of(id), Some(Basic::Bool | Basic::UntypedBool))
    }

    pub fn is_untyped(&self, id: TypeId) -> bool {
        matches!(self.get(id), Type::Basic(b) if b.is_untyped())
    }

    pub fn is_pointer(&self, id: TypeId) -> bool {
        matches!(self.get(self.under(id)), Type::Pointer(_))
    }

    pub fn is_slice(&self, id: TypeId) -> bool {
        matches!(self.get(self.under(id)), Type::Slice(_))
    }

    pub fn is_func(&self, id: TypeId) -> bool {
        matches!(self.get(self.under(id)), Type::Func(_))
    }

    /// For a conversion of slice type `from` to pointer-to-array type `to` with the same
    /// element type (Go 1.17: `(*[N]T)(s)`), N.
    pub fn slice_to_array_pointer(&self, from: TypeId, to: TypeId) -> Option<u64> {
        let Type::Slice(e) = self.get(self.under(from)) else {
            return None;
        };
        let Type::Pointer(a) = self.get(self.under(to)) else {
            return None;
        };
        match self.get(self.under(*a)) {
            Type::Array(n, e2) if self.identical(*e, *e2) => Some(*n),
            _ => None,
        }
    }

    pub fn is_map(&self, id: TypeId) -> bool {
        matches!(self.get(self.under(id)), Type::Map(..))
    }

    /// The key and element types of a map type.
    pub fn map_types(&self, id: TypeId) -> Option<(TypeId, TypeId)> {
        match self.get(self.under(id)) {
            Type::Map(k, v) => Some((*k, *v)),
            _ => None,
        }
    }

    pub fn is_chan(&self, id: TypeId) -> bool {
        matches!(self.get(self.under(id)), Type::Chan(..))
    }

    /// The direction and element type of a channel type.
    pub fn chan_types(&self, id: TypeId) -> Option<(ChanDir, TypeId)> {
        match self.get(self.under(id)) {
            Type::Chan(d, e) => Some((*d, *e)),
            _ => None,
        }
    }

    /// Types whose zero value is nil (among those tbuild has).
    pub fn is_nillable(&self, id: TypeId) -> bool {
        if let Some(all) = self.all_terms(id, &|t, x| t.is_nillable(x)) {
            return all;
        }
        self.is_pointer(id)
            || self.is_unsafe_pointer(id)
            || self.is_slice(id)
            || self.is_func(id)
            || self.is_map(id)
            || self.is_chan(id)
            || self.is_interface(id)
    }

    /// The size of a basic integer type (0 for others).
    pub fn size_of_basic(&self, id: TypeId) -> u32 {
        self.basic_of(id)
            .and_then(|b| b.int_info())
            .map(|(s, _)| s)
            .unwrap_or(0)
    }

    /// The type a pointer type points to (invalid for non-pointers).
    pub fn elem_of_pointer(&self, id: TypeId) -> TypeId {
        match self.get(self.under(id)) {
            Type::Pointer(p) => *p,
            _ => 0,
        }
    }

    /// Whether the type is a slice of bytes (its element's underlying type is byte).
    pub fn is_byte_slice(&self, id: TypeId) -> bool {
        match self.get(self.under(id)) {
            Type::Slice(e) => matches!(
                self.basic_of(self.under(*e)),
                Some(Basic::Uint8 | Basic::Byte)
            ),
            _ => false,
        }
    }

    /// The element type of a slice, array, or pointer to array.
    pub fn elem(&self, id: TypeId) -> Option<TypeId> {
        match self.get(self.under(id)) {
            Type::Slice(e) | Type::Array(_, e) => Some(*e),
            Type::Pointer(p) => match self.get(self.under(*p)) {
                Type::Array(_, e) => Some(*e),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn is_unsafe_pointer(&self, id: TypeId) -> bool {
        matches!(self.basic_of(id), Some(Basic::UnsafePointer))
    }

    /// Struct and array values live in memory and are passed by address.
    pub fn is_aggregate(&self, id: TypeId) -> bool {
        matches!(self.get(self.under(id)), Type::Struct(_) | Type::Array(..))
            || matches!(
                self.basic_of(id),
                Some(Basic::Complex64 | Basic::Complex128)
            )
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
                Basic::Float32 => (4, 4),
                Basic::Float64 => (8, 8),
                Basic::Complex64 => (8, 4),
                Basic::Complex128 => (16, 8),
                Basic::UnsafePointer => (8, 8),
                _ => match b.int_info() {
                    Some((s, _)) => (s as u64, s as u64),
                    None => (8, 8),
                },
            },
            Type::Pointer(_) | Type::Func(_) | Type::Map(..) | Type::Chan(..) => (8, 8),
            Type::Slice(_) => (24, 8),
            Type::Interface(_) => (16, 8),
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
            Type::Named { .. } | Type::Tuple(_) | Type::TypeParam { .. } => (0, 1),
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
        if let Some(&p) = self.pointers.borrow().get(&id) {
            return p;
        }
        let p = self.has_pointers_uncached(id);
        self.pointers.borrow_mut().insert(id, p);
        p
    }

    fn has_pointers_uncached(&self, id: TypeId) -> bool {
        match self.get(self.under(id)) {
            Type::Basic(b) => matches!(b, Basic::String | Basic::UnsafePointer),
            Type::Pointer(_)
            | Type::Func(_)
            | Type::Slice(_)
            | Type::Map(..)
            | Type::Chan(..)
            | Type::Interface(_) => true,
            Type::Array(n, e) => *n > 0 && self.has_pointers(*e),
            Type::Struct(fields) => fields.iter().any(|f| self.has_pointers(f.ty)),
            _ => false,
        }
    }

    /// The pointer words of a value of this type: bit `i` set when word `i` (8 bytes from
    /// the start) holds a pointer the collector must follow, as cmd/compile's typebits.Set
    /// lays them out (a string's and a slice's data word, an interface's data word, a map,
    /// chan, func or pointer word). The vector ends at the last pointer word (Go's `ptrdata`
    /// in words), so a pointer-free type gives an empty one.
    pub fn pointer_words(&mut self, id: TypeId) -> Vec<bool> {
        let mut bits = Vec::new();
        self.set_pointer_words(id, 0, &mut bits);
        while bits.last() == Some(&false) {
            bits.pop();
        }
        bits
    }

    fn set_pointer_words(&mut self, id: TypeId, off: u64, bits: &mut Vec<bool>) {
        if !self.has_pointers(id) {
            return;
        }
        let set = |w: u64, bits: &mut Vec<bool>| {
            let w = w as usize;
            if bits.len() <= w {
                bits.resize(w + 1, false);
            }
            bits[w] = true;
        };
        let under = self.under(id);
        match self.get(under).clone() {
            Type::Basic(_)
            | Type::Pointer(_)
            | Type::Func(_)
            | Type::Slice(_)
            | Type::Map(..)
            | Type::Chan(..) => set(off / 8, bits),
            // The first word (itab or type descriptor) points to static memory that is never
            // freed; only the data word is a pointer for the collector (typebits.Set).
            Type::Interface(_) => set(off / 8 + 1, bits),
            Type::Array(n, e) => {
                let esize = self.size(e);
                for i in 0..n {
                    self.set_pointer_words(e, off + i * esize, bits);
                }
            }
            Type::Struct(_) => {
                for f in self.fields(under).unwrap_or_default() {
                    self.set_pointer_words(f.ty, off + f.offset, bits);
                }
            }
            _ => {}
        }
    }

    /// The fields of a struct type, laid out (empty for any other type), without copying
    /// them as [`Self::fields`] does: the checker's field lookups cloned fmt's big structs'
    /// field lists, names and all, for every selector.
    pub fn laid_out_fields(&mut self, id: TypeId) -> &[Field] {
        self.layout(id);
        match self.get(self.under(id)) {
            Type::Struct(f) => f,
            _ => &[],
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
            Type::Slice(e) => format!("[]{}", self.name(*e)),
            Type::Map(k, v) => format!("map[{}]{}", self.name(*k), self.name(*v)),
            Type::Chan(d, e) => self.chan_string(*d, *e, &|t| self.name(t)),
            Type::Struct(fields) => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        let field = if f.embedded {
                            self.name(f.ty)
                        } else {
                            format!("{} {}", f.name, self.name(f.ty))
                        };
                        match &f.tag {
                            Some(tag) => format!("{field} {}", rtstring::quote(tag)),
                            None => field,
                        }
                    })
                    .collect();
                format!("struct{{{}}}", parts.join("; "))
            }
            Type::Named {
                pkg, path, name, ..
            } => {
                let base = if *path == self.local_path || pkg.is_empty() {
                    name.clone()
                } else {
                    format!("{pkg}.{name}")
                };
                match self.instances.get(&id) {
                    // types2 typestring: `Pair[int, string]`.
                    Some((_, args)) => {
                        let args: Vec<String> = args.iter().map(|a| self.name(*a)).collect();
                        format!("{base}[{}]", args.join(", "))
                    }
                    None => base,
                }
            }
            Type::TypeParam { name, .. } => name.clone(),
            Type::Tuple(elems) => {
                let parts: Vec<String> = elems.iter().map(|e| self.name(*e)).collect();
                format!("({})", parts.join(", "))
            }
            Type::Interface(methods) => {
                if self.any == Some(id) {
                    return "any".to_string();
                }
                if let Some(set) = self.iface_sets.get(&id) {
                    return set.display.clone();
                }
                if let Some(written) = self.iface_written.get(&id) {
                    return written.clone();
                }
                if methods.is_empty() {
                    return "interface{}".to_string();
                }
                let parts: Vec<String> = methods
                    .iter()
                    .map(|m| format!("{}{}", m.name, self.sig_string(&m.sig)))
                    .collect();
                // types2 typestring.go: no spaces inside the braces.
                format!("interface{{{}}}", parts.join("; "))
            }
            Type::Func(sig) => format!("func{}", self.sig_string(sig)),
        }
    }

    /// A channel type's string, the same in Go's messages and reflect (types2 typestring.go,
    /// cmd/compile types/fmt.go): `chan T`, `<-chan T`, `chan<- T`, and `chan (<-chan T)`,
    /// whose parentheses keep `<-` from binding to the outer `chan`.
    pub fn chan_string(&self, d: ChanDir, e: TypeId, name: &dyn Fn(TypeId) -> String) -> String {
        match d {
            ChanDir::Recv => format!("<-chan {}", name(e)),
            ChanDir::Send => format!("chan<- {}", name(e)),
            ChanDir::Both => match self.get(e) {
                Type::Chan(ChanDir::Recv, _) => format!("chan ({})", name(e)),
                _ => format!("chan {}", name(e)),
            },
        }
    }

    /// The signature as Go's messages print it after a method name: `(int) string`, or
    /// `(x int) (n int)` when the source named them.
    pub fn sig_string(&self, sig: &Signature) -> String {
        self.sig_string_with(sig, &|t| self.name(t), true)
    }

    /// A signature printed with `name` for each type; a variadic final parameter prints as
    /// `...T`, as Go prints it (reflect's `func(...interface {})`). With `names`, parameters
    /// and results the source named print as `x T`, as in Go's messages; the runtime's type
    /// names (reflect's) have none.
    pub fn sig_string_with(
        &self,
        sig: &Signature,
        name: &dyn Fn(TypeId) -> String,
        names: bool,
    ) -> String {
        let label = |ns: &[String], ts: Vec<String>| -> Vec<String> {
            if !names || ns.len() != ts.len() {
                return ts;
            }
            ns.iter().zip(ts).map(|(n, t)| format!("{n} {t}")).collect()
        };
        let mut p: Vec<String> = sig.params.iter().map(|e| name(*e)).collect();
        if let (true, Some(&last)) = (sig.variadic, sig.params.last()) {
            if let Type::Slice(elem) = self.get(last) {
                *p.last_mut().unwrap() = format!("...{}", name(*elem));
            }
        }
        let p = label(&sig.param_names, p);
        let r = label(
            &sig.result_names,
            sig.results.iter().map(|e| name(*e)).collect(),
        );
        let named_results = names && !sig.result_names.is_empty();
        match (r.len(), named_results) {
            (0, _) => format!("({})", p.join(", ")),
            (1, false) => format!("({}) {}", p.join(", "), r[0]),
            _ => format!("({}) ({})", p.join(", "), r.join(", ")),
        }
    }

    /// Whether the constant fits the type (Go spec, "Representability").
    pub fn representable(&self, c: &Const, ty: TypeId) -> bool {
        let Some(b) = self.basic_of(ty) else {
            return false;
        };
        if let Const::Complex(re, im) = c {
            // A complex constant fits a complex type when both parts fit its float type, and
            // any other numeric type when its imaginary part is zero (go/constant ToFloat).
            return match b {
                Basic::Complex64 | Basic::Complex128 | Basic::UntypedComplex => {
                    let f = self.basic(complex_part(b));
                    self.representable(&Const::Float(re.clone()), f)
                        && self.representable(&Const::Float(im.clone()), f)
                }
                _ if im.is_zero() => self.representable(&Const::Float(re.clone()), ty),
                _ => false,
            };
        }
        if matches!(
            b,
            Basic::Complex64 | Basic::Complex128 | Basic::UntypedComplex
        ) {
            return match c.to_rational() {
                Some(r) => self.representable(&Const::Complex(r, BigRational::zero()), ty),
                None => false,
            };
        }
        if matches!(b, Basic::Float32 | Basic::Float64 | Basic::UntypedFloat) {
            // A number is representable by a float type when it rounds to a finite value.
            if !matches!(
                c,
                Const::Int(_) | Const::Big(_) | Const::Float(_) | Const::BigFloat(_)
            ) {
                return false;
            }
            let f = c.to_f64();
            return match b {
                Basic::Float32 => c.to_f32().is_finite(),
                Basic::Float64 => f.is_finite(),
                _ => true,
            };
        }
        if c.is_float() {
            // A float constant is an integer constant when it has no fractional part.
            return match c.to_int() {
                Some(v) => self.representable(&Const::Int(v), ty),
                None => false,
            };
        }
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
            Const::Float(_) | Const::BigFloat(_) | Const::Complex(..) => false,
            Const::Big(_) => matches!(
                b,
                Basic::UntypedInt | Basic::UntypedRune | Basic::UntypedFloat
            ),
            Const::Bool(_) => matches!(b, Basic::Bool | Basic::UntypedBool),
            Const::Str(_) => matches!(b, Basic::String | Basic::UntypedString),
        }
    }
}

/// The float type of a complex type's parts: complex64 holds float32s, complex128 float64s,
/// an untyped complex constant untyped floats.
pub fn complex_part(b: Basic) -> Basic {
    match b {
        Basic::Complex64 => Basic::Float32,
        Basic::Complex128 => Basic::Float64,
        _ => Basic::UntypedFloat,
    }
}
