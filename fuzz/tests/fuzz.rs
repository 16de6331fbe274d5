//! Every fuzz target, briefly and with a fixed seed, as part of `cargo test` (the short CI
//! run); and every kept regression input, which must no longer be a finding.

use std::path::PathBuf;
use std::time::Duration;

use tbuild_fuzz::{fuzz, replay, targets, Config};

/// Seconds per target: `TBUILD_FUZZ_SECONDS`, default 3.
fn seconds() -> f64 {
    std::env::var("TBUILD_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_target_briefly() {
    let mut failures = Vec::new();
    for (name, make) in targets::TARGETS {
        let mut target = make();
        let cfg = Config {
            iters: None,
            seconds: Some(seconds()),
            seed: 9,
            corpus: Vec::new(),
            findings: root().join("findings").join(name),
            timeout: Duration::from_secs(20),
            max_len: 1 << 20,
            report_every: None,
        };
        let stats = fuzz(&mut *target, &cfg);
        eprintln!("{stats}");
        assert!(stats.execs > 0, "{name}: no input ran");
        for (sig, n) in &stats.distinct {
            failures.push(format!("{name}: {n} x {sig}"));
        }
    }
    assert!(
        failures.is_empty(),
        "findings (inputs in fuzz/findings/):\n{}",
        failures.join("\n")
    );
}

#[test]
fn regressions_stay_fixed() {
    let mut failures = Vec::new();
    for (name, make) in targets::TARGETS {
        let mut target = make();
        let dir = root().join("regressions").join(name);
        let (n, f) = replay(&mut *target, &dir, Duration::from_secs(20));
        eprintln!("{name}: {n} regression inputs");
        failures.extend(f);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
