/// A single-entry ZIP (stored, no compression) whose CRC-32 is wrong: it has every record a ZIP reader looks for,
/// so a recipient tries to unwrap it and fails, as with a wrapper damaged on its way.
enum CorruptZip {
    static func make(entryName: String, content: [UInt8]) -> [UInt8] {
        let name = Array(entryName.utf8)
        let wrongCRC: UInt32 = 0x1234_5678
        var local = le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
        local += le32(wrongCRC) + le32(UInt32(content.count)) + le32(UInt32(content.count))
        local += le16(UInt16(name.count)) + le16(0) + name + content
        var central = le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
        central += le32(wrongCRC) + le32(UInt32(content.count)) + le32(UInt32(content.count))
        central += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(0) + name
        let end =
            le32(0x0605_4B50) + le16(0) + le16(0) + le16(1) + le16(1) + le32(UInt32(central.count))
            + le32(UInt32(local.count)) + le16(0)
        return local + central + end
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
}
