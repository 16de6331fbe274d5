//! The tbuild calling convention (DESIGN.md, "Calling convention"): the shape of each Go type
//! in machine words, a Go function type's Cranelift signature, and a value's words in ABI order.

use cranelift_codegen::ir::{self, types as clt, AbiParam, Signature as ClSig, Value};
use cranelift_codegen::isa::CallConv;

use super::{Shape, Val};
use crate::compile::check::Program;
use crate::compile::types::{Basic, Type, TypeId};

pub(super) fn shape_of(prog: &Program, t: TypeId) -> Shape {
    let types = &prog.types;
    match types.get(types.under(t)) {
        Type::Basic(b) => match b {
            Basic::String | Basic::UntypedString => Shape::Str,
            Basic::Bool | Basic::UntypedBool => Shape::Scalar(clt::I8),
            Basic::Float32 => Shape::Scalar(clt::F32),
            Basic::Float64 | Basic::UntypedFloat => Shape::Scalar(clt::F64),
            // Two floats in memory, as a struct of two (lower/complex.rs).
            Basic::Complex64 | Basic::Complex128 | Basic::UntypedComplex => Shape::Agg,
            _ => match b.int_info() {
                Some((1, _)) => Shape::Scalar(clt::I8),
                Some((2, _)) => Shape::Scalar(clt::I16),
                Some((4, _)) => Shape::Scalar(clt::I32),
                _ => Shape::Scalar(clt::I64),
            },
        },
        Type::Pointer(_) | Type::Func(_) | Type::Map(..) | Type::Chan(..) => {
            Shape::Scalar(clt::I64)
        }
        Type::Slice(_) => Shape::Slice,
        Type::Interface(_) => Shape::Iface,
        Type::Struct(_) | Type::Array(..) => Shape::Agg,
        _ => Shape::Zero,
    }
}

/// The Cranelift signature of a Go function type under the tbuild ABI.
pub(super) fn cl_signature(prog: &Program, params: &[TypeId], results: &[TypeId]) -> ClSig {
    let mut sig = ClSig::new(CallConv::SystemV);
    for &r in results {
        if shape_of(prog, r) == Shape::Agg {
            sig.params.push(AbiParam::new(clt::I64));
        }
    }
    for &p in params {
        sig.params
            .extend(word_types(shape_of(prog, p)).into_iter().map(AbiParam::new));
    }
    for &r in results {
        let shape = shape_of(prog, r);
        if shape != Shape::Agg {
            sig.returns
                .extend(word_types(shape).into_iter().map(AbiParam::new));
        }
    }
    sig
}

/// The machine words a value of this shape travels in: a string is (pointer, len), a slice
/// (pointer, len, cap), an aggregate its address.
pub(super) fn word_types(shape: Shape) -> Vec<ir::Type> {
    match shape {
        Shape::Scalar(t) => vec![t],
        Shape::Str => vec![clt::I64; 2],
        Shape::Slice => vec![clt::I64; 3],
        Shape::Iface => vec![clt::I64; 2],
        Shape::Agg => vec![clt::I64],
        Shape::Zero => vec![],
    }
}

impl Val {
    /// The value's words, in ABI order.
    pub(super) fn words(&self) -> Vec<Value> {
        match self {
            Val::Scalar(x) | Val::Mem(x) => vec![*x],
            Val::Str(p, l) => vec![*p, *l],
            Val::Slice(p, l, c) => vec![*p, *l, *c],
            Val::Iface(t, d) => vec![*t, *d],
            _ => vec![],
        }
    }

    pub(super) fn from_words(shape: Shape, w: &[Value]) -> Val {
        match shape {
            Shape::Scalar(_) => Val::Scalar(w[0]),
            Shape::Str => Val::Str(w[0], w[1]),
            Shape::Slice => Val::Slice(w[0], w[1], w[2]),
            Shape::Iface => Val::Iface(w[0], w[1]),
            Shape::Agg => Val::Mem(w[0]),
            Shape::Zero => Val::None,
        }
    }
}
