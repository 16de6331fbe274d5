//! The targets, one module per input kind.

pub mod asm;
pub mod cache;
pub mod link;
pub mod source;

use crate::Target;

/// Makes a target (its setup, such as a scratch directory, happens here).
pub type Make = fn() -> Box<dyn Target>;

/// Every target by name. A new target is a module implementing [`Target`] and a line here.
pub const TARGETS: &[(&str, Make)] = &[
    ("cache", cache::new),
    ("asm", asm::new),
    ("link", link::new),
    ("source", source::new),
];

pub fn by_name(name: &str) -> Option<Box<dyn Target>> {
    TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, make)| make())
}
