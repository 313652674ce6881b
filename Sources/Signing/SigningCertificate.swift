/// Facts about the signer certificate of any ``SigningKey``, for messages and `check-config`.
public enum SigningCertificate {
    /// The signer certificate's subject on one line, e.g. `CN=Văn phòng UBND tỉnh Nghệ An, O=…, C=VN`.
    public static func subject(of key: any SigningKey) throws(SigningError) -> String {
        guard let first = try key.certificateChain().first, let certificate = X509Certificate.parseDER(first) else {
            throw .keyUnavailable(detail: "the key gave no readable signer certificate")
        }
        return certificate.subject
    }
}
