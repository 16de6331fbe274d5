//! Atomic operations as instructions: calls of sync/atomic's functions and of the runtime's
//! own atomics become Cranelift's atomic instructions in the caller (`lock cmpxchg`, `lock
//! xadd`, `xchg`, plain loads), as Go's compiler makes them intrinsics
//! (cmd/compile/internal/ssagen/ssa.go `intrinsics` for sync/atomic and
//! runtime/internal/atomic). The assembly versions stay for calls through func values.
//!
//! Cranelift's atomic instructions are sequentially consistent, which is what the Go memory
//! model asks of sync/atomic ("Go's atomic operations behave like C++'s sequentially
//! consistent atomics"). A nil pointer faults in the caller, at the call's line, as Go's
//! intrinsics do.

use cranelift_codegen::ir::{
    condcodes::IntCC, types as clt, AtomicRmwOp, InstBuilder, MemFlagsData, Type, Value,
};

use super::{FnLower, Val};

/// What an atomic function does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Load,
    Store,
    /// Adds and returns the new value.
    Add,
    /// Stores and returns the old value.
    Swap,
    /// Compares and swaps; returns whether it swapped.
    Cas,
}

/// Whether a call of `symbol` compiles to an instruction (an intrinsic: the inliner does
/// not count it as a call, as Go's does not).
pub(super) fn is_intrinsic(symbol: &str) -> bool {
    intrinsic(symbol).is_some()
}

/// The operation and width of an atomic function, by symbol.
fn intrinsic(symbol: &str) -> Option<(Op, Type)> {
    if let Some(name) = symbol.strip_prefix("sync/atomic.") {
        let (op, rest) = [
            ("CompareAndSwap", Op::Cas),
            ("Load", Op::Load),
            ("Store", Op::Store),
            ("Add", Op::Add),
            ("Swap", Op::Swap),
        ]
        .iter()
        .find_map(|(p, op)| name.strip_prefix(p).map(|r| (*op, r)))?;
        let ty = match rest {
            "Int32" | "Uint32" => clt::I32,
            "Int64" | "Uint64" | "Uintptr" => clt::I64,
            // Pointers: no arithmetic on them (Go has no AddPointer).
            "Pointer" if op != Op::Add => clt::I64,
            _ => return None,
        };
        return Some((op, ty));
    }
    let ops = match symbol.strip_prefix("runtime.")? {
        "atomicload" => (Op::Load, clt::I32),
        "atomicload64" | "atomicloadp" => (Op::Load, clt::I64),
        "atomicstore" => (Op::Store, clt::I32),
        "atomicstore64" | "atomicstorep" => (Op::Store, clt::I64),
        "atomicxchg" => (Op::Swap, clt::I32),
        "atomicxadd" => (Op::Add, clt::I32),
        "atomicxadd64" => (Op::Add, clt::I64),
        "atomiccas" => (Op::Cas, clt::I32),
        "atomiccas64" | "atomiccasp" => (Op::Cas, clt::I64),
        _ => return None,
    };
    Some(ops)
}

impl FnLower<'_, '_> {
    /// The call of `symbol` with the evaluated `args`, as instructions, if it is an atomic
    /// function; otherwise gives the arguments back.
    pub(super) fn atomic_call(&mut self, symbol: &str, args: Vec<Val>) -> Result<Val, Vec<Val>> {
        let Some((op, ty)) = intrinsic(symbol) else {
            return Err(args);
        };
        let words: Vec<Value> = args.iter().flat_map(|a| a.words()).collect();
        let want = match op {
            Op::Load => 1,
            Op::Store | Op::Add | Op::Swap => 2,
            Op::Cas => 3,
        };
        if words.len() != want || self.b.func.dfg.value_type(words[0]) != clt::I64 {
            return Err(args);
        }
        // May trap (a nil pointer): not `notrap`, so it is neither moved nor merged.
        let flags = MemFlagsData::new();
        let p = words[0];
        let v = match op {
            Op::Load => Val::Scalar(self.b.ins().atomic_load(ty, flags, p)),
            Op::Store => {
                // An exchange whose result is dropped, as Go's XCHG: Cranelift's atomic_store
                // is a move and an MFENCE, which costs several times more.
                self.b
                    .ins()
                    .atomic_rmw(ty, flags, AtomicRmwOp::Xchg, p, words[1]);
                Val::None
            }
            Op::Add => {
                let old = self
                    .b
                    .ins()
                    .atomic_rmw(ty, flags, AtomicRmwOp::Add, p, words[1]);
                Val::Scalar(self.b.ins().iadd(old, words[1]))
            }
            Op::Swap => {
                Val::Scalar(
                    self.b
                        .ins()
                        .atomic_rmw(ty, flags, AtomicRmwOp::Xchg, p, words[1]),
                )
            }
            Op::Cas => {
                let seen = self.b.ins().atomic_cas(flags, p, words[1], words[2]);
                Val::Scalar(self.b.ins().icmp(IntCC::Equal, seen, words[1]))
            }
        };
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_functions_are_known() {
        assert_eq!(
            intrinsic("sync/atomic.CompareAndSwapInt32"),
            Some((Op::Cas, clt::I32))
        );
        assert_eq!(
            intrinsic("sync/atomic.AddUintptr"),
            Some((Op::Add, clt::I64))
        );
        assert_eq!(intrinsic("sync/atomic.AddPointer"), None);
        assert_eq!(
            intrinsic("sync/atomic.LoadPointer"),
            Some((Op::Load, clt::I64))
        );
        assert_eq!(intrinsic("runtime.atomicxadd"), Some((Op::Add, clt::I32)));
        assert_eq!(intrinsic("runtime.procyield"), None);
        assert_eq!(intrinsic("main.AddInt32"), None);
    }
}
