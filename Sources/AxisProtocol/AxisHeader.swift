/// Names and fixed values of the axis's signed headers (axis-protocol.md §2).
public enum AxisHeader {
    /// Every signed parameter `k` travels as the header `XroadVnpt-k`.
    public static let prefix = "XroadVnpt-"
    /// `;`-separated parameter names, in signing order.
    public static let signHeaderKey = "XroadVnpt-sign-header-key"
    /// The compact JSON object that was signed, byte for byte.
    public static let signHeader = "XroadVnpt-sign-header"
    /// Lowercase hex HMAC-SHA256 of ``signHeader`` keyed with the system's secret.
    public static let hashHeader = "XroadVnpt-hash-header"
    /// Protocol version header.
    public static let version = "XroadVnpt-version"
    /// The only version the SDK sends.
    public static let versionValue = "3.0.201608"

    /// Parameter names the signer adds after the method's own keys.
    public static let systemIdKey = "systemid"
    public static let timestampKey = "timestamp"
    public static let contentTypeKey = "Content-Type"
}
