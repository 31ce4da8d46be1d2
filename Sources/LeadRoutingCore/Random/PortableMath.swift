/// Transcendental functions computed with IEEE-754 basic operations only (+ − × ÷ √), so they return the
/// same bits on every platform.
///
/// Why: `exp`, `log`, `sin`, `cos` from the C library may differ in the last bit between glibc, musl and
/// Darwin, and a single flipped bit can change a rounded output or a `u < p` decision in a generated
/// dataset. These versions use argument reduction plus fixed-length Horner polynomials, accurate to a few
/// units in the last place — plenty for sampling, and deterministic.
public enum PortableMath {
    private static let ln2Hi = 6.931_471_803_691_238_164_90e-01
    private static let ln2Lo = 1.908_214_929_270_587_700_02e-10
    private static let twoPiHi = 6.283_185_307_179_586_232
    private static let twoPiLo = 2.449_293_598_294_706_4e-16

    /// e^x.
    public static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.782_712_893_384 { return .infinity }
        if x < -745.133_219_101_941_2 { return 0 }
        let k = (x * 1.442_695_040_888_963_4).rounded()
        let r = (x - k * ln2Hi) - k * ln2Lo  // |r| <= 0.35
        var p = 1.0
        var n = 18.0
        while n >= 1 {
            p = 1 + r * p / n
            n -= 1
        }
        return Double(sign: .plus, exponent: Int(k), significand: p)
    }

    /// Natural logarithm; NaN for negative input, −∞ for zero.
    public static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x.isInfinite { return x }
        var exponent = Double(Int(x.exponent))
        var m = x.significand  // [1, 2)
        if m > 1.414_213_562_373_095_1 {
            m *= 0.5
            exponent += 1
        }
        let s = (m - 1) / (m + 1)  // |s| <= 0.1716
        let s2 = s * s
        var p = 1.0 / 29.0
        var k = 13.0
        while k >= 0 {
            p = 1 / (2 * k + 1) + s2 * p
            k -= 1
        }
        return exponent * ln2Hi + (2 * s * p + exponent * ln2Lo)
    }

    /// Sine of an angle in radians.
    public static func sin(_ x: Double) -> Double {
        let r = reduce(x)
        let r2 = r * r
        var p = 1.0
        var n = 16.0
        while n >= 1 {
            p = 1 - r2 / ((2 * n) * (2 * n + 1)) * p
            n -= 1
        }
        return r * p
    }

    /// Cosine of an angle in radians.
    public static func cos(_ x: Double) -> Double {
        let r = reduce(x)
        let r2 = r * r
        var p = 1.0
        var n = 17.0
        while n >= 1 {
            p = 1 - r2 / ((2 * n - 1) * (2 * n)) * p
            n -= 1
        }
        return p
    }

    /// Arc tangent in (−π/2, π/2).
    public static func atan(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 1 { return Double.pi / 2 - atan(1 / x) }
        if x < -1 { return -Double.pi / 2 - atan(1 / x) }
        // Two half-angle reductions: atan(x) = 2·atan(x / (1 + √(1 + x²))); |y| <= tan(π/16).
        var y = x / (1 + (1 + x * x).squareRoot())
        y = y / (1 + (1 + y * y).squareRoot())
        let y2 = y * y
        var p = 0.0
        var k = 14.0
        while k >= 0 {
            let term = 1 / (2 * k + 1)
            p = (Int(k) % 2 == 0 ? term : -term) + y2 * p
            k -= 1
        }
        return 4 * y * p
    }

    /// Angle of the vector (x, y) from the positive x axis, in (−π, π].
    public static func atan2(_ y: Double, _ x: Double) -> Double {
        if x > 0 { return atan(y / x) }
        if x < 0 { return y >= 0 ? atan(y / x) + Double.pi : atan(y / x) - Double.pi }
        if y > 0 { return Double.pi / 2 }
        if y < 0 { return -Double.pi / 2 }
        return 0
    }

    /// Logistic function 1 / (1 + e^−x).
    public static func logistic(_ x: Double) -> Double {
        1 / (1 + exp(-x))
    }

    /// Reduces an angle to [−π, π].
    private static func reduce(_ x: Double) -> Double {
        if abs(x) <= Double.pi { return x }
        let k = (x / twoPiHi).rounded()
        return (x - k * twoPiHi) - k * twoPiLo
    }
}
