/// Something that produces a detached signature over a file.
///
/// ``CMSSigner`` signs with a key file; a PKCS#11 token or a remote signing service can conform later without
/// changing the pipelines that call it.
public protocol Signer: Sendable {
    /// A DER-encoded CMS (PKCS#7) SignedData over the file's exact bytes, without the content: a `.p7s` file.
    ///
    /// The file is streamed; memory does not grow with its size.
    func detachedSignature(ofFileAt path: String) throws(SigningError) -> [UInt8]

    /// The same signature from the SHA-256 of the content, computed by the caller from exactly the bytes it will
    /// send: the file is not read again (a large attachment is read once less).
    func detachedSignature(ofContentWithSHA256 digest: [UInt8]) throws(SigningError) -> [UInt8]
}
