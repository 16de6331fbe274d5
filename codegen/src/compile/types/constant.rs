//! Constant values (Go spec, "Constants"; go/constant): their representation, exact
//! arithmetic helpers, the parsing of float literals and how Go prints constants in messages.

use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::bigfloat::{BigFloat, PREC, SMALL_EXP};

/// A compile-time constant value (Go spec, "Constants"). Integers are exact within i128, which
/// covers every typed integer and the untyped values programs use; larger ones are an overflow.
/// Floating-point constants are exact rationals, rounded only when they meet a typed context,
/// so `0.1 + 0.2 == 0.3` holds as in Go; as in go/constant, one whose fraction would grow past
/// 4096 bits is a 512-bit binary float instead (types/bigfloat.rs), so `1e646456992` is a
/// constant.
#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    Int(i128),
    /// An integer constant outside i128 (untyped constants are arbitrary precision).
    Big(BigInt),
    Float(BigRational),
    /// A float constant too large, too small or too long for a fraction (go/constant floatVal).
    BigFloat(BigFloat),
    Bool(bool),
    Str(Vec<u8>),
    /// A complex constant: exact real and imaginary parts (check/complex.rs).
    Complex(BigRational, BigRational),
}

impl Const {
    /// The value as an exact rational (integers and floats).
    pub fn to_rational(&self) -> Option<BigRational> {
        match self {
            Const::Int(v) => Some(BigRational::from_integer(BigInt::from(*v))),
            Const::Big(v) => Some(BigRational::from_integer(v.clone())),
            Const::Float(r) => Some(r.clone()),
            Const::BigFloat(f) => f.to_rational(),
            // A complex constant with no imaginary part is also a real number (go/constant
            // ToFloat and ToInt accept it).
            Const::Complex(re, im) if im.is_zero() => Some(re.clone()),
            _ => None,
        }
    }

    /// The value rounded to the nearest float64 (Go's conversion of a constant).
    pub fn to_f64(&self) -> f64 {
        match self {
            Const::Int(v) => *v as f64,
            Const::Big(v) => rational_to_f64(&BigRational::from_integer(v.clone())),
            Const::Float(r) | Const::Complex(r, _) => rational_to_f64(r),
            Const::BigFloat(f) => f.to_f64(),
            _ => 0.0,
        }
    }

    /// The value rounded once to the nearest float32 (Go's conversion of a constant).
    pub fn to_f32(&self) -> f32 {
        match self.to_rational() {
            Some(r) => rational_to_f32(&r),
            // A float beyond a fraction's range: far outside float32's either way.
            None => self.to_f64() as f32,
        }
    }

    /// An integer constant from a BigInt: i128 when it fits.
    pub fn from_big(v: BigInt) -> Const {
        match v.to_i128() {
            Some(i) => Const::Int(i),
            None => Const::Big(v),
        }
    }

    /// The value as a BigInt when it is an integer.
    pub fn to_bigint(&self) -> Option<BigInt> {
        match self {
            Const::Int(v) => Some(BigInt::from(*v)),
            Const::Big(v) => Some(v.clone()),
            Const::Float(r) if r.is_integer() => Some(r.to_integer()),
            Const::BigFloat(f) => f.to_int(),
            Const::Complex(r, im) if r.is_integer() && im.is_zero() => Some(r.to_integer()),
            _ => None,
        }
    }

    /// Whether the value is a whole number (of any size).
    pub fn is_integral(&self) -> bool {
        self.to_bigint().is_some()
    }

    /// Whether the value is a floating-point constant (either representation).
    pub fn is_float(&self) -> bool {
        matches!(self, Const::Float(_) | Const::BigFloat(_))
    }

    /// A real number as a 512-bit float, for arithmetic with a float constant (go/constant
    /// match: a fraction meeting a float becomes one).
    pub fn to_bigfloat(&self) -> Option<BigFloat> {
        match self {
            Const::Int(v) => BigFloat::from_int(&BigInt::from(*v), PREC),
            Const::Big(v) => BigFloat::from_int(v, PREC),
            Const::Float(r) => BigFloat::from_rational(r, PREC),
            Const::BigFloat(f) => Some(f.clone()),
            _ => None,
        }
    }

    /// The float constant of an exact fraction: the fraction while its numerator and
    /// denominator stay under 4096 bits, else the fraction rounded to 512 bits (go/constant
    /// makeRat).
    pub fn float_of(r: BigRational) -> Const {
        let small = |b: u64| (b as i64) < SMALL_EXP;
        if small(r.numer().bits()) && small(r.denom().bits()) {
            return Const::Float(r);
        }
        match BigFloat::from_rational(&r, PREC) {
            Some(f) => Const::BigFloat(f),
            None => Const::Float(r),
        }
    }

    /// A float literal's value as go/constant MakeFromLiteral makes it: a 512-bit float
    /// first; the exact fraction when its binary exponent is modest. None when it is out of
    /// range: a malformed constant.
    pub fn float_literal(s: &str) -> Option<Const> {
        let f = BigFloat::parse_literal(s)?;
        if f.mant_exp().abs() < SMALL_EXP {
            if f.is_zero() {
                // It may have underflowed (1e-646456993): the fraction would be enormous.
                return Some(Const::Float(BigRational::zero()));
            }
            if let Some(r) = parse_float(s) {
                return Some(Const::Float(r));
            }
        }
        Some(Const::BigFloat(f))
    }

    /// The value as an integer when it is one exactly.
    pub fn to_int(&self) -> Option<i128> {
        match self {
            Const::Int(v) => Some(*v),
            Const::Float(r) if r.is_integer() => r.to_integer().to_i128(),
            Const::BigFloat(f) => f.to_int().and_then(|v| v.to_i128()),
            Const::Complex(r, im) if r.is_integer() && im.is_zero() => r.to_integer().to_i128(),
            _ => None,
        }
    }
}

/// Correctly rounded (to nearest, ties to even) float64 of an exact rational: divide with
/// enough quotient bits, keep a sticky bit for the remainder, round to 53 bits by hand.
pub fn rational_to_f64(r: &BigRational) -> f64 {
    let Some((neg, mant, exp2)) = round_rational(r, 53, -1022) else {
        return 0.0;
    };
    let m = mant.to_u64().unwrap_or(u64::MAX) as f64;
    let v = if exp2 > 1000 {
        f64::INFINITY
    } else if exp2 < -1000 {
        // Two exact steps keep subnormal results exact (m has few bits there).
        m * 2f64.powi(-1000) * 2f64.powi((exp2 + 1000).max(-200) as i32)
    } else {
        m * 2f64.powi(exp2 as i32)
    };
    if neg {
        -v
    } else {
        v
    }
}

/// Correctly rounded float32 of an exact rational, rounded once (rounding to float64 first
/// could land on a float32 tie and round it again: Go's float_lit2.go).
pub fn rational_to_f32(r: &BigRational) -> f32 {
    let Some((neg, mant, exp2)) = round_rational(r, 24, -126) else {
        return 0.0;
    };
    // mant < 2^25 and exp2 >= -149: the product is exact in float64, then in float32
    // unless it is 2^128 or more.
    let m = mant.to_u64().unwrap_or(u64::MAX) as f64;
    let v = if exp2 > 200 {
        f32::INFINITY
    } else {
        (m * 2f64.powi(exp2 as i32)) as f32
    };
    if neg {
        -v
    } else {
        v
    }
}

/// r rounded to `prec` significant bits, fewer below 2^emin (subnormals), as (negative,
/// mantissa, exponent) with |r| ~ mantissa * 2^exponent; None for zero.
fn round_rational(r: &BigRational, prec: i64, emin: i64) -> Option<(bool, BigInt, i64)> {
    if r.is_zero() {
        return None;
    }
    let neg = r.is_negative();
    let (n, d) = (r.numer().abs(), r.denom().clone());
    let e = n.bits() as i64 - d.bits() as i64 - (prec + 12);
    let (num, den) = if e >= 0 {
        (n, d << (e as usize))
    } else {
        (n << ((-e) as usize), d)
    };
    let (q, rem) = num.div_rem(&den);
    let q = if rem.is_zero() { q } else { q | BigInt::one() };
    let bits = q.bits() as i64;
    // Subnormals have fewer significant bits: round at the smallest subnormal's position.
    let mut keep = prec;
    let top = e + bits; // the value is in [2^(top-1), 2^top)
    if top - 1 < emin {
        keep = (prec - (emin - (top - 1))).max(0);
    }
    let shift = bits - keep;
    Some(if shift > 0 {
        let half = BigInt::one() << ((shift - 1) as usize);
        let mask = (BigInt::one() << (shift as usize)) - 1;
        let low = &q & &mask;
        let mut m = &q >> (shift as usize);
        if low > half || (low == half && (&m & BigInt::one()) == BigInt::one()) {
            m += 1;
        }
        (neg, m, e + shift)
    } else {
        (neg, q, e)
    })
}

/// A float literal's parts: its mantissa's digits as an integer in `base` (10, or 16 for a
/// `0x` literal), how many of them follow the point, and the exponent (of 10, or of 2 after
/// `p`). Go spec, "Floating-point literals"; `_` separators are dropped.
pub(super) struct FloatLit {
    pub base: u32,
    pub mant: BigUint,
    pub frac_digits: i64,
    pub exp: i64,
}

impl FloatLit {
    pub fn parse(s: &str) -> Option<FloatLit> {
        let s: String = s.chars().filter(|&c| c != '_').collect();
        let (base, body) = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
            Some(h) => (16, h),
            None => (10, s.as_str()),
        };
        let marks = if base == 16 { ['p', 'P'] } else { ['e', 'E'] };
        let (mant, exp) = match body.split_once(marks) {
            Some((m, e)) => (m, e.parse::<i64>().ok()?),
            None if base == 16 => return None,
            None => (body, 0),
        };
        let (ip, fp) = mant.split_once('.').unwrap_or((mant, ""));
        let digits = format!("{ip}{fp}");
        let mant = if digits.is_empty() {
            BigUint::zero()
        } else {
            BigUint::parse_bytes(digits.as_bytes(), base)?
        };
        Some(FloatLit {
            base,
            mant,
            frac_digits: fp.len() as i64,
            exp,
        })
    }
}

/// Parses a Go floating-point literal (decimal or hexadecimal) exactly; None for one whose
/// exponent is too large for a fraction (types/bigfloat.rs holds those).
pub fn parse_float(s: &str) -> Option<BigRational> {
    let lit = FloatLit::parse(s)?;
    let m = BigInt::from(lit.mant);
    let (radix, e) = if lit.base == 16 {
        (BigInt::from(2), lit.exp.checked_sub(4 * lit.frac_digits)?)
    } else {
        (BigInt::from(10), lit.exp.checked_sub(lit.frac_digits)?)
    };
    if e.abs() > 100_000 {
        return None;
    }
    Some(if e >= 0 {
        BigRational::from_integer(m * num_traits::pow(radix, e as usize))
    } else {
        BigRational::new(m, num_traits::pow(radix, (-e) as usize))
    })
}

/// How Go prints a float constant in messages (%g-like: 1e+300, 0.1).
pub fn float_text(r: &BigRational) -> String {
    // go/constant floatVal.String: %.6g when the value is within float64's range (it
    // neither overflows to infinity nor underflows to zero), else an approximate m e±d.
    let f = rational_to_f64(r);
    if f.is_finite() && (f == 0.0) == r.is_zero() {
        return format_g6(f);
    }
    // r = mant * 2^exp with 0.5 <= |mant| < 1, then m * 10^e with 1 <= |m| < 10.
    let (num, den) = (r.numer(), r.denom());
    let mut exp = num.bits() as i64 - den.bits() as i64;
    let scaled = if exp >= 0 {
        BigRational::new(num.clone(), den << (exp as u64))
    } else {
        BigRational::new(num << ((-exp) as u64), den.clone())
    };
    let mut mant = rational_to_f64(&scaled);
    if mant.abs() >= 1.0 {
        mant /= 2.0;
        exp += 1;
    }
    scaled_text(mant, exp)
}

/// `mant * 2^exp` (0.5 <= |mant| < 1) written approximately as `m e±d`, 1 <= |m| < 10, as
/// go/constant does for a float outside float64's range.
pub(super) fn scaled_text(mant: f64, exp: i64) -> String {
    let d = exp as f64 * std::f64::consts::LOG10_2;
    let mut e = d as i64;
    let mut m = mant * 10f64.powf(d - e as f64);
    if m.abs() < 1.0 - 0.5e-6 {
        m *= 10.0;
        e -= 1;
    } else if m.abs() >= 10.0 {
        m /= 10.0;
        e += 1;
    }
    format!(
        "{}e{}{}",
        format_g6(m),
        if e < 0 { '-' } else { '+' },
        e.abs()
    )
}

/// Go's `%.6g`: six significant digits, trailing zeros dropped, an exponent (at least two
/// digits) when it is below -4 or at least 6 (fmt's %g rules, strconv 'g' with precision 6).
pub(super) fn format_g6(f: f64) -> String {
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    // Round to six significant digits first: the exponent is the rounded value's.
    let sci = format!("{f:.5e}");
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let trim = |s: &str| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if !(-4..6).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{sign}{:02}", trim(mant), exp.abs())
    } else {
        let decimals = (5 - exp).max(0) as usize;
        trim(&format!("{f:.decimals$}"))
    }
}

/// A string as Go's strconv.Quote writes it: printable runes as they are, `\n`-style escapes,
/// `\xHH` for other control bytes and bytes that are not UTF-8, `\uHHHH` for other
/// unprintable runes.
pub fn go_quote(s: &[u8]) -> String {
    let mut out = String::from("\"");
    let mut rest = s;
    while !rest.is_empty() {
        let (c, len) = match std::str::from_utf8(&rest[..rest.len().min(4)]) {
            Ok(t) => (t.chars().next(), t.chars().next().map_or(1, char::len_utf8)),
            Err(e) if e.valid_up_to() > 0 => {
                let t = std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default();
                (t.chars().next(), t.chars().next().map_or(1, char::len_utf8))
            }
            Err(_) => (None, 1),
        };
        match c {
            None => out.push_str(&format!("\\x{:02x}", rest[0])),
            Some('"') => out.push_str("\\\""),
            Some('\\') => out.push_str("\\\\"),
            Some('\x07') => out.push_str("\\a"),
            Some('\x08') => out.push_str("\\b"),
            Some('\x0c') => out.push_str("\\f"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some('\t') => out.push_str("\\t"),
            Some('\x0b') => out.push_str("\\v"),
            Some(c) if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            Some(c) if c == ' ' || !(c.is_control() || c.is_whitespace() || is_format(c)) => {
                out.push(c)
            }
            Some(c) if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            Some(c) => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
        rest = &rest[len..];
    }
    out.push('"');
    out
}

/// Unicode format characters (category Cf), which Go does not count as printable.
fn is_format(c: char) -> bool {
    matches!(c as u32,
        0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x180e | 0x200b..=0x200f
        | 0x202a..=0x202e | 0x2060..=0x2064 | 0x2066..=0x206f | 0xfeff | 0xfff9..=0xfffb)
}

/// A string constant as go/constant prints it in messages: quoted, and cut to 72 runes with
/// `...` when longer (stringVal.String).
pub fn go_quote_short(s: &[u8]) -> String {
    let q = go_quote(s);
    if q.chars().count() > 72 {
        let mut cut: String = q.chars().take(69).collect();
        cut.push_str("...");
        return cut;
    }
    q
}

impl std::fmt::Display for Const {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Const::Int(v) => write!(f, "{v}"),
            Const::Big(v) => write!(f, "{v}"),
            Const::Float(r) => write!(f, "{}", float_text(r)),
            Const::BigFloat(x) => write!(f, "{}", x.text()),
            Const::Bool(b) => write!(f, "{b}"),
            Const::Str(s) => write!(f, "{}", go_quote_short(s)),
            // go/constant complexVal.String: `(1 + 2i)`.
            Const::Complex(re, im) => write!(f, "({} + {}i)", float_text(re), float_text(im)),
        }
    }
}
