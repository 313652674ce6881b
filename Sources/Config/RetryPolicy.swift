/// Exponential backoff with jitter for transient failures (network, timeouts, HTTP 5xx, transient FAIL codes).
public struct RetryPolicy: Sendable, Equatable {
    /// Delay after the first failed attempt, before jitter.
    public var initialDelay: Duration
    /// No delay is ever longer than this.
    public var maxDelay: Duration
    /// Attempts before a document goes to `failed/`; `0` retries forever (the default: the axis comes back).
    public var maxAttempts: Int
    /// Fraction in `0...1` by which a delay may be shortened at random, so that many documents waiting on the same
    /// outage do not all retry at the same instant.
    public var jitter: Double

    public init(
        initialDelay: Duration = .seconds(5),
        maxDelay: Duration = .seconds(30 * 60),
        maxAttempts: Int = 0,
        jitter: Double = 0.2
    ) {
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.maxAttempts = maxAttempts
        self.jitter = jitter
    }

    /// How long to wait after attempt `n` (1-based) failed before trying again.
    ///
    /// The base delay is `initialDelay × 2^(n−1)`, capped at `maxDelay`; jitter then shortens it by up to
    /// `jitter × base`, so the result lies in `[base × (1 − jitter), base]` and never exceeds `maxDelay`.
    /// Jitter only shortens, so that delays at the cap still spread out instead of piling up on `maxDelay`.
    ///
    /// - Parameters:
    ///   - n: the number of attempts made so far; values below 1 are treated as 1.
    ///   - random: a number in `0..<1` (e.g. `Double.random(in: 0..<1)`); out-of-range values are clamped.
    public func delay(afterAttempt n: Int, random: Double) -> Duration {
        let initial = initialDelay.seconds
        let cap = max(maxDelay.seconds, 0)
        let exponent = max(n, 1) - 1
        // 2^63 seconds overflows any Duration; beyond ~60 doublings the cap has long been reached.
        let base = exponent >= 60 ? cap : min(initial * Double(UInt64(1) << UInt64(exponent)), cap)
        let fraction = min(max(jitter, 0), 1)
        let unit = random.isNaN ? 0 : min(max(random, 0), 1)
        let nanoseconds = min(max(base * (1 - fraction * unit), 0) * 1e9, Double(Int64.max / 2))
        return .nanoseconds(Int64(nanoseconds.rounded()))
    }

    /// Whether another attempt is allowed after `n` attempts failed.
    public func allowsAnotherAttempt(after n: Int) -> Bool {
        maxAttempts == 0 || n < maxAttempts
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number (a `TimeInterval`, for `Date` arithmetic).
    public var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
