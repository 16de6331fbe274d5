//! The driver's library: the parts of `tbuild` that are exercised in process as well as
//! through the binary. The fuzzer (fuzz/, target `cache`) stores and loads build-cache
//! entries through it; the `tbuild` binary (main.rs) uses it for its build cache and for
//! removing what killed builds left behind; both report panics through [`panics`].

pub mod cache;
pub mod cleanup;
pub mod panics;
