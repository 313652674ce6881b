import CryptoPrimitives

/// Attachments' `ContentTransferEncoded` text is decoded by lienthong's one streaming base64 decoder (standard
/// alphabet by default, whitespace ignored), shared with the getEdoc reply reader.
public typealias Base64StreamDecoder = CryptoPrimitives.Base64StreamDecoder
