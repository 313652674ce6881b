/// Bounds on what ``EdXMLReader`` accepts, so that hostile or broken input fails clearly instead of
/// filling memory or disk.
public struct EdXMLLimits: Sendable, Equatable, Codable {
    /// Bounds of the XML itself (depth, names, text, total file size).
    public var xml: XMLTokenizerLimits
    /// Most attachments in one message.
    public var maxAttachmentCount: Int
    /// Largest decoded attachment, in bytes.
    public var maxAttachmentBytes: Int64
    /// Largest sum of decoded attachments, in bytes.
    public var maxTotalAttachmentBytes: Int64
    /// Most repetitions of one list element in one place (`To`, `TraceHeader`, `Reference`, `Place`, ...),
    /// so that a file of millions of tiny elements cannot exhaust memory.
    public var maxRepeatedElements: Int

    public init(
        xml: XMLTokenizerLimits = .default,
        maxAttachmentCount: Int = 100,
        maxAttachmentBytes: Int64 = 512 << 20,
        maxTotalAttachmentBytes: Int64 = 768 << 20,
        maxRepeatedElements: Int = 10_000
    ) {
        self.xml = xml
        self.maxAttachmentCount = maxAttachmentCount
        self.maxAttachmentBytes = maxAttachmentBytes
        self.maxTotalAttachmentBytes = maxTotalAttachmentBytes
        self.maxRepeatedElements = maxRepeatedElements
    }

    /// 1 GiB file, 100 attachments, 512 MiB per attachment, 768 MiB in total, depth 64, 1 MiB of text
    /// per ordinary element, 10,000 repetitions of a list element.
    public static let `default` = EdXMLLimits()
}
