/// Something that produces a detached signature over a file.
///
/// ``CMSSigner`` signs with a key file; a PKCS#11 token or a remote signing service can conform later without
/// changing the pipelines that call it.
public protocol Signer: Sendable {
    /// A DER-encoded CMS (PKCS#7) SignedData over the file's exact bytes, without the content: a `.p7s` file.
    ///
    /// The file is streamed; memory does not grow with its size.
    func detachedSignature(ofFileAt path: String) throws(SigningError) -> [UInt8]
}
