//! What a Rust panic says: its message and where it was raised. The `tbuild` binary reports
//! a panic as an internal compiler error (main.rs), and the fuzzer records it as a finding
//! (fuzz/src/runner.rs); both read the panic the same way.

use std::panic::PanicHookInfo;

/// The panic's message (a `&str` or `String` payload; empty for any other) and its
/// location as `file:line`, when known.
pub fn describe(info: &PanicHookInfo) -> (String, Option<String>) {
    let msg = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let at = info
        .location()
        .map(|l| format!("{}:{}", l.file(), l.line()));
    (msg, at)
}
