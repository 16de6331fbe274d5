//! `runtime.memProfileUsed`: one byte, 1 when the program can read its memory profile (some
//! code or data refers to `runtime.MemProfile`), else 0. Go's linker sets
//! `runtime.disableMemoryProfiling` when `runtime.MemProfile` is unreachable
//! (cmd/link/internal/ld/ld.go and deadcode.go), and the runtime then starts with
//! `MemProfileRate = 0` (runtime/proc.go schedinit): a program that cannot read the profile
//! does not pay for sampling, and it sees `runtime.MemProfileRate == 0`, which a program may
//! print. tbuild's linker keeps every function it is given (no dead-code pass), so "refers"
//! is any relocation in a loaded section naming the symbol: a call, or the function's value.
//! DWARF's references do not count.

use crate::read::Object;

/// The linker-made object's name.
pub const OBJECT: &str = "<linker memprofile>";
/// The symbol the runtime reads (runtime/pkg/runtime/mprof.go).
pub const SYMBOL: &str = "runtime.memProfileUsed";
/// The function whose use keeps the profile on.
const PROFILE: &str = "runtime.MemProfile";

/// Whether a loaded section of some object has a relocation to `runtime.MemProfile`.
fn profile_used(objects: &[Object]) -> bool {
    objects.iter().any(|o| {
        o.sections
            .iter()
            .filter(|s| s.out.is_some() && !s.debug)
            .flat_map(|s| &s.relocs)
            .any(|r| o.symbols.get(r.symbol).is_some_and(|s| s.name == PROFILE))
    })
}

/// The object defining [`SYMBOL`] in `.rodata`.
pub fn linker_object(objects: &[Object]) -> Object {
    let used = profile_used(objects) as u8;
    Object::linker_rodata(OBJECT, vec![(SYMBOL, vec![used].into(), 1)])
}
