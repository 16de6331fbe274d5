//! `tbuild-fuzz TARGET [--iters N] [--seconds S] [--seed S] [--corpus DIR]...`: fuzzes one
//! input kind in process and prints executions per second; findings go to
//! `fuzz/findings/TARGET/`. `--replay` runs the regression fixtures instead.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use tbuild_fuzz::{catch_aborts, fuzz, replay, targets, Config};

const USAGE: &str = "usage: tbuild-fuzz TARGET [--iters N] [--seconds S] [--seed S] \
[--corpus DIR]... [--findings DIR] [--timeout S] [--max-len BYTES] [--mem-limit-mb MB] [--replay]";

fn main() -> ExitCode {
    match real_main() {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("tbuild-fuzz: {msg}\n{USAGE}");
            let names: Vec<_> = targets::TARGETS.iter().map(|(n, _)| *n).collect();
            eprintln!("targets: {}", names.join(", "));
            ExitCode::from(2)
        }
    }
}

fn real_main() -> Result<ExitCode, String> {
    let mut args = std::env::args().skip(1);
    let mut target_name = None;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut findings = None;
    let mut cfg = Config {
        iters: None,
        seconds: None,
        seed: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
        corpus: Vec::new(),
        findings: PathBuf::new(),
        timeout: Duration::from_secs(10),
        max_len: 1 << 20,
        report_every: Some(Duration::from_secs(10)),
    };
    let mut mem_limit_mb: u64 = 4096;
    let mut replay_only = false;
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        fn num<T: std::str::FromStr>(s: String, name: &str) -> Result<T, String> {
            s.parse().map_err(|_| format!("{name}: not a number: {s}"))
        }
        match a.as_str() {
            "--iters" => cfg.iters = Some(num(value(&a)?, &a)?),
            "--seconds" => cfg.seconds = Some(num(value(&a)?, &a)?),
            "--seed" => cfg.seed = num(value(&a)?, &a)?,
            "--corpus" => cfg.corpus.push(PathBuf::from(value(&a)?)),
            "--findings" => findings = Some(PathBuf::from(value(&a)?)),
            "--timeout" => cfg.timeout = Duration::from_secs_f64(num(value(&a)?, &a)?),
            "--max-len" => cfg.max_len = num(value(&a)?, &a)?,
            "--mem-limit-mb" => mem_limit_mb = num(value(&a)?, &a)?,
            "--replay" => replay_only = true,
            "-h" | "--help" => return Err("help".into()),
            s if s.starts_with('-') => return Err(format!("unknown flag {s}")),
            s if target_name.is_none() => target_name = Some(s.to_string()),
            s => return Err(format!("unexpected argument {s}")),
        }
    }
    let name = target_name.ok_or("no target")?;
    let mut target = targets::by_name(&name).ok_or(format!("unknown target {name}"))?;
    cfg.findings = findings.unwrap_or_else(|| root.join("findings").join(&name));
    if replay_only {
        let dir = root.join("regressions").join(&name);
        let (n, failures) = replay(&mut *target, &dir, cfg.timeout);
        for f in &failures {
            eprintln!("{f}");
        }
        eprintln!(
            "{name}: replayed {n} regression inputs, {} findings",
            failures.len()
        );
        return Ok(ExitCode::from(u8::from(!failures.is_empty())));
    }
    if mem_limit_mb > 0 {
        // A runaway allocation must fail (and abort, which is caught below) rather than
        // take the machine's memory.
        let bytes = mem_limit_mb << 20;
        let lim = libc::rlimit {
            rlim_cur: bytes,
            rlim_max: bytes,
        };
        // SAFETY: setrlimit reads the struct only.
        unsafe { libc::setrlimit(libc::RLIMIT_AS, &lim) };
    }
    catch_aborts(&cfg.findings.join(format!("abort-{}.bin", cfg.seed)));
    eprintln!("{name}: seed {}", cfg.seed);
    let stats = fuzz(&mut *target, &cfg);
    println!("{stats}");
    for (sig, n) in &stats.distinct {
        println!("  {n:>8} x {sig}");
    }
    Ok(ExitCode::from(u8::from(stats.findings > 0)))
}
