//! Binary floating-point numbers of a fixed precision and a 32-bit exponent, for the untyped
//! float constants that exact rationals cannot hold.
//!
//! go/constant keeps an untyped float as an exact fraction while its numerator and denominator
//! stay under 4096 bits, and otherwise as a math/big Float of 512 bits of mantissa whose binary
//! exponent is an int32 (go/constant value.go: maxExp, makeRat, makeFloatFromLiteral; math/big
//! float.go: MinExp, MaxExp). So `1e646456992` is a constant Go accepts (it only overflows
//! where it meets float64), `1e-779137` is one that rounds to zero, and `1e646456993` is
//! malformed. This type is that second representation. Every operation is correctly rounded
//! to nearest, ties to even, at the precision it is given, as math/big's are, so a constant
//! computed here has the bits Go's has.

use std::cmp::Ordering;

use num_bigint::{BigInt, BigUint, Sign};
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// go/constant's precision for float constants (value.go `prec`).
pub const PREC: u64 = 512;

/// Fractions whose numerator or denominator reach this many bits, and float literals whose
/// binary exponent does, are held as floats (go/constant `maxExp`).
pub const SMALL_EXP: i64 = 4 << 10;

/// The binary exponent range of math/big's Float: x = 0.m * 2^e with e an int32.
const MIN_EXP: i64 = i32::MIN as i64;
const MAX_EXP: i64 = i32::MAX as i64;

/// A finite number `(-1)^neg * mant * 2^exp`; zero when `mant` is 0.
#[derive(Debug, Clone, PartialEq)]
pub struct BigFloat {
    neg: bool,
    mant: BigUint,
    exp: i64,
}

impl BigFloat {
    pub fn zero() -> BigFloat {
        BigFloat {
            neg: false,
            mant: BigUint::zero(),
            exp: 0,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.mant.is_zero()
    }

    pub fn is_negative(&self) -> bool {
        self.neg && !self.is_zero()
    }

    /// The exponent e with `x = 0.m * 2^e`, 0.5 <= 0.m < 1 (math/big MantExp); 0 for zero.
    pub fn mant_exp(&self) -> i64 {
        if self.is_zero() {
            0
        } else {
            self.exp + self.mant.bits() as i64
        }
    }

    /// An exact integer, rounded to `prec` bits.
    pub fn from_int(v: &BigInt, prec: u64) -> Option<BigFloat> {
        BigFloat {
            neg: v.is_negative(),
            mant: v.magnitude().clone(),
            exp: 0,
        }
        .round(prec)
    }

    /// A fraction, correctly rounded to `prec` bits (math/big SetRat).
    pub fn from_rational(r: &BigRational, prec: u64) -> Option<BigFloat> {
        let num = BigFloat {
            neg: r.is_negative(),
            mant: r.numer().magnitude().clone(),
            exp: 0,
        };
        let den = BigFloat {
            neg: false,
            mant: r.denom().magnitude().clone(),
            exp: 0,
        };
        num.quo(&den, prec)
    }

    /// Rounds to `prec` bits of mantissa, to nearest with ties to even. None when the
    /// exponent overflows (math/big gives ±Inf, which go/constant turns into an unknown
    /// value); an underflow is zero.
    fn round(mut self, prec: u64) -> Option<BigFloat> {
        let bits = self.mant.bits();
        if bits > prec {
            let shift = bits - prec;
            let half = BigUint::one() << (shift - 1);
            let low = &self.mant & ((BigUint::one() << shift) - 1u32);
            let mut m = &self.mant >> shift;
            if low > half || (low == half && m.bit(0)) {
                m += 1u32;
            }
            self.mant = m;
            self.exp += shift as i64;
        }
        // Trailing zero bits carry nothing: drop them so that equal values look equal.
        if let Some(tz) = self.mant.trailing_zeros() {
            if tz > 0 {
                self.mant >>= tz;
                self.exp += tz as i64;
            }
        }
        let e = self.mant_exp();
        if e > MAX_EXP {
            return None;
        }
        if e < MIN_EXP {
            return Some(BigFloat::zero());
        }
        Some(self)
    }

    pub fn neg(&self) -> BigFloat {
        BigFloat {
            neg: !self.neg,
            ..self.clone()
        }
    }

    pub fn mul(&self, y: &BigFloat, prec: u64) -> Option<BigFloat> {
        BigFloat {
            neg: self.neg != y.neg,
            mant: &self.mant * &y.mant,
            exp: self.exp + y.exp,
        }
        .round(prec)
    }

    /// x / y with y not zero: the quotient to at least prec+2 bits, with a sticky bit for a
    /// remainder, then rounded once.
    pub fn quo(&self, y: &BigFloat, prec: u64) -> Option<BigFloat> {
        if self.is_zero() {
            return Some(BigFloat::zero());
        }
        let want = prec as i64 + 3;
        let shift = (want + y.mant.bits() as i64 - self.mant.bits() as i64).max(0) as u64;
        let (q, r) = num_integer::Integer::div_rem(&(&self.mant << shift), &y.mant);
        let q = if r.is_zero() {
            q
        } else {
            (q << 1u32) | BigUint::one()
        };
        let extra = if r.is_zero() { 0 } else { 1 };
        BigFloat {
            neg: self.neg != y.neg,
            mant: q,
            exp: self.exp - y.exp - shift as i64 - extra,
        }
        .round(prec)
    }

    pub fn add(&self, y: &BigFloat, prec: u64) -> Option<BigFloat> {
        if self.is_zero() {
            return y.clone().round(prec);
        }
        if y.is_zero() {
            return self.clone().round(prec);
        }
        // An operand entirely below the other's rounding position only decides the
        // rounding, as any positive amount that small does: stand it in by one bit there, so
        // that 1e600000000 + 1 does not build a number of two billion bits.
        let (big, small) = if self.mant_exp() >= y.mant_exp() {
            (self, y)
        } else {
            (y, self)
        };
        let floor = big.exp.min(big.mant_exp() - prec as i64) - 4;
        let small = if small.mant_exp() < floor {
            BigFloat {
                neg: small.neg,
                mant: BigUint::one(),
                exp: floor - 1,
            }
        } else {
            small.clone()
        };
        let e = big.exp.min(small.exp);
        let a = signed(big.neg, &big.mant << (big.exp - e) as u64);
        let b = signed(small.neg, &small.mant << (small.exp - e) as u64);
        let s = a + b;
        BigFloat {
            neg: s.is_negative(),
            mant: s.magnitude().clone(),
            exp: e,
        }
        .round(prec)
    }

    pub fn sub(&self, y: &BigFloat, prec: u64) -> Option<BigFloat> {
        self.add(&y.neg(), prec)
    }

    /// Exact comparison.
    pub fn compare(&self, y: &BigFloat) -> Ordering {
        let sign = |x: &BigFloat| match (x.is_zero(), x.neg) {
            (true, _) => 0,
            (false, true) => -1,
            (false, false) => 1,
        };
        let (sx, sy) = (sign(self), sign(y));
        if sx != sy || sx == 0 {
            return sx.cmp(&sy);
        }
        let by_magnitude = self.mant_exp().cmp(&y.mant_exp()).then_with(|| {
            // Same top bit: align the mantissas (both under PREC-ish bits apart).
            let e = self.exp.min(y.exp);
            let a = &self.mant << (self.exp - e) as u64;
            let b = &y.mant << (y.exp - e) as u64;
            a.cmp(&b)
        });
        if sx < 0 {
            by_magnitude.reverse()
        } else {
            by_magnitude
        }
    }

    /// The exact value as a fraction, when its binary exponent is modest (a float with a huge
    /// one would be a fraction of millions of bits).
    pub fn to_rational(&self) -> Option<BigRational> {
        if self.is_zero() {
            return Some(BigRational::zero());
        }
        if self.exp.abs() > 4 * SMALL_EXP {
            return None;
        }
        let m = signed(self.neg, self.mant.clone());
        Some(if self.exp >= 0 {
            BigRational::from_integer(m << self.exp as u64)
        } else {
            BigRational::new(m, BigInt::one() << (-self.exp) as u64)
        })
    }

    /// Whether the value is a whole number.
    pub fn is_int(&self) -> bool {
        self.is_zero()
            || self.exp >= 0
            || self.mant.trailing_zeros().unwrap_or(0) as i64 >= -self.exp
    }

    /// The value as an integer, as go/constant ToInt gives it: exactly when it is whole and
    /// small, else when rounding a few bits away toward or away from zero makes it whole
    /// (so that 1e5000/1e4998 is 100); None for a huge or fractional value.
    pub fn to_int(&self) -> Option<BigInt> {
        if self.mant_exp() >= SMALL_EXP || self.mant_exp() <= -SMALL_EXP {
            return None;
        }
        let whole = |x: &BigFloat| -> Option<BigInt> {
            if !x.is_int() {
                return None;
            }
            let m = signed(x.neg, x.mant.clone());
            Some(m << x.exp.max(0) as u64)
        };
        if let Some(v) = whole(self) {
            return Some(v);
        }
        let prec = PREC - 4;
        let bits = self.mant.bits();
        if bits <= prec {
            return None;
        }
        let shift = bits - prec;
        let down = BigFloat {
            neg: self.neg,
            mant: &self.mant >> shift,
            exp: self.exp + shift as i64,
        };
        let up = BigFloat {
            mant: &down.mant + 1u32,
            ..down.clone()
        };
        whole(&down).or_else(|| whole(&up))
    }

    /// The nearest float64 (±Inf beyond its range).
    pub fn to_f64(&self) -> f64 {
        let e = self.mant_exp();
        let sign = if self.is_negative() { -1.0 } else { 1.0 };
        if self.is_zero() || e < -1074 {
            // Below half the smallest subnormal.
            return 0.0 * sign;
        }
        if e > 1024 {
            return f64::INFINITY * sign;
        }
        match self.to_rational() {
            Some(r) => super::constant::rational_to_f64(&r),
            None => 0.0,
        }
    }

    /// How go/constant prints a float in messages (floatVal.String): `%.6g` of the float64
    /// when the value is inside float64's range, else an approximate `m e±d`.
    pub fn text(&self) -> String {
        let f = self.to_f64();
        if f.is_finite() && (f == 0.0) == self.is_zero() {
            return super::constant::format_g6(f);
        }
        // The top 64 bits as a float in [0.5, 1), then m * 10^d with 1 <= |m| < 10.
        let top = self.mant.bits().saturating_sub(64);
        let head = (&self.mant >> top).to_f64().unwrap_or(0.0);
        let mut mant = head / 2f64.powi((self.mant.bits() - top) as i32);
        if self.neg {
            mant = -mant;
        }
        super::constant::scaled_text(mant, self.mant_exp())
    }

    /// Parses a float literal as math/big's Float.SetString does at precision `PREC`: the
    /// digits as an exact integer, a decimal exponent applied as 2^e times 5^e, with 5^e
    /// computed by repeated squaring at extra precision, then one rounded product or
    /// quotient (math/big floatconv.go scan and pow5). None when the exponent is out of
    /// range: a malformed constant.
    pub fn parse_literal(s: &str) -> Option<BigFloat> {
        let lit = super::constant::FloatLit::parse(s)?;
        let m = lit.mant;
        if m.is_zero() {
            return Some(BigFloat::zero());
        }
        let (exp2, exp5) = if lit.base == 16 {
            (lit.exp.checked_sub(4 * lit.frac_digits)?, 0)
        } else {
            let e = lit.exp.checked_sub(lit.frac_digits)?;
            (e, e)
        };
        // math/big checks the binary exponent before applying 5^e.
        let top = exp2.checked_add(m.bits() as i64)?;
        if !(MIN_EXP..=MAX_EXP).contains(&top) {
            return None;
        }
        let x = BigFloat {
            neg: false,
            mant: m,
            exp: exp2,
        };
        if exp5 == 0 {
            return x.round(PREC);
        }
        let p = pow5(exp5.unsigned_abs(), PREC + 64)?;
        if exp5 < 0 {
            x.quo(&p, PREC)
        } else {
            x.mul(&p, PREC)
        }
    }
}

/// 5^n rounded to `prec` bits: exact up to 5^27 (it fits 64 bits), then multiplied by the
/// squares 5^(2^k), kept at 64 more bits, for the bits of the rest.
fn pow5(n: u64, prec: u64) -> Option<BigFloat> {
    let exact = |k: u64| BigFloat {
        neg: false,
        mant: BigUint::from(5u32).pow(k as u32),
        exp: 0,
    };
    if n <= 27 {
        return Some(exact(n));
    }
    let mut z = exact(27);
    let mut n = n - 27;
    let mut f = exact(1);
    while n > 0 {
        if n & 1 != 0 {
            z = z.mul(&f, prec)?;
        }
        n >>= 1;
        if n > 0 {
            f = f.mul(&f, prec + 64)?;
        }
    }
    Some(z)
}

fn signed(neg: bool, m: BigUint) -> BigInt {
    BigInt::from_biguint(if neg { Sign::Minus } else { Sign::Plus }, m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_in_float64_range_round_as_rust_parses_them() {
        for s in [
            "1",
            "0.1",
            "1e308",
            "1.7976931348623157e308",
            "2.2250738585072014e-308",
            "4.9e-324",
            "2.4e-324",
            "123456789012345678901234567890e-20",
            "0x1.8p3",
            "0x1p-1074",
            "1e23",
            "8.98846567431158e307",
            "6.02214076e23",
        ] {
            let want: f64 = match s.strip_prefix("0x") {
                Some(_) if s == "0x1.8p3" => 12.0,
                // (powi(-1074) is 0 in debug builds: 2^1074 overflows first.)
                Some(_) => f64::from_bits(1),
                None => s.parse().unwrap(),
            };
            let got = BigFloat::parse_literal(s).unwrap().to_f64();
            assert_eq!(got.to_bits(), want.to_bits(), "{s}");
        }
    }

    #[test]
    fn huge_exponents_as_go_holds_them() {
        // Go 1.19 accepts these and prints them so in messages (test/fixedbugs/issue11326.go).
        let n = BigFloat::parse_literal("1e646456992").unwrap();
        assert_eq!(n.text(), "1e+646456992");
        let d = BigFloat::parse_literal("1e646456991").unwrap();
        assert_eq!(n.quo(&d, PREC).unwrap().to_f64(), 10.0);
        assert!(BigFloat::parse_literal("1e646456993").is_none());
        assert!(BigFloat::parse_literal("1e-779137").unwrap().to_f64() == 0.0);
        assert!(BigFloat::parse_literal("1e-700000000").unwrap().is_zero());
        let big = BigFloat::parse_literal("1e600000000").unwrap();
        let one = BigFloat::from_int(&BigInt::one(), PREC).unwrap();
        assert_eq!(big.add(&one, PREC).unwrap(), big);
        assert_eq!(big.sub(&one, PREC).unwrap().compare(&big), Ordering::Equal);
        // Squared, its binary exponent (about 4e9) no longer fits 32 bits.
        assert!(big.mul(&big, PREC).is_none());
    }

    #[test]
    fn near_integers_are_integers() {
        let a = BigFloat::parse_literal("1e5000").unwrap();
        let b = BigFloat::parse_literal("1e4998").unwrap();
        assert_eq!(a.quo(&b, PREC).unwrap().to_int(), Some(BigInt::from(100)));
        assert_eq!(a.to_int(), None);
        let third = BigFloat::from_rational(&BigRational::new(1.into(), 3.into()), PREC).unwrap();
        assert_eq!(third.to_int(), None);
    }
}
