import Foundation

/// Turning untrusted names (attachment names from the wire, ZIP entry names) into one safe file name
/// (reliability.md, "Hostile input"; product.md, "Inbound").
///
/// The result is a single path component that is safe on Linux and on the Windows clients that read the share
/// through Samba: no directories, no `..`, no control or bidirectional-override characters, none of `<>:"/\|?*`,
/// no Windows device names, no trailing dots or spaces, not hidden, in Unicode NFC, and at most
/// ``maximumUTF8Length`` bytes of UTF-8 with the extension kept.
public enum SafeFileName {
    /// The longest name produced, in bytes of UTF-8 (Linux allows 255; room is left for `" (12)"` suffixes).
    public static let maximumUTF8Length = 200

    /// Reduces `name` to a safe base name, or `fallback` when nothing usable remains.
    ///
    /// Examples: `"../../etc/passwd"` → `"passwd"`, `"C:\\x\\y.pdf"` → `"y.pdf"`, `"CON.txt"` → `"_CON.txt"`,
    /// `"bao cao. . "` → `"bao cao"`, `".htaccess"` → `"htaccess"`.
    public static func sanitize(_ name: String, fallback: String = "tep-dinh-kem") -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar == "/" || scalar == "\\" {
                scalars.removeAll()  // Keep only what follows the last separator of either kind.
            } else if isRemoved(scalar) {
                continue
            } else {
                scalars.append(reservedCharacters.contains(scalar) ? "_" : scalar)
            }
        }
        // Removing characters can bring a base letter and a combining mark together: normalise again.
        var result = trimmed(String(scalars).precomposedStringWithCanonicalMapping)
        if isReservedDeviceName(result) { result = "_" + result }
        result = truncated(result, toUTF8Length: maximumUTF8Length)
        return result.isEmpty ? fallback : result
    }

    /// `name` if `taken(name)` is false, otherwise the first of `name (2).ext`, `name (3).ext`, … that is not taken.
    /// The result stays within ``maximumUTF8Length`` bytes.
    public static func uniqueName(_ name: String, taken: (String) -> Bool) -> String {
        if !taken(name) { return name }
        for number in 2...FileMover.maximumSuffix {
            let candidate = numbered(name, number)
            if !taken(candidate) { return candidate }
        }
        var generator = SystemRandomNumberGenerator()
        while true {
            let candidate = suffixed(name, " (\(String(generator.next() as UInt64, radix: 16)))")
            if !taken(candidate) { return candidate }
        }
    }

    /// `"a.pdf"`, 3 → `"a (3).pdf"`.
    static func numbered(_ name: String, _ number: Int) -> String {
        suffixed(name, " (\(number))")
    }

    private static func suffixed(_ name: String, _ suffix: String) -> String {
        let (stem, fileExtension) = splitExtension(name)
        let budget = maximumUTF8Length - suffix.utf8.count - fileExtension.utf8.count
        return prefix(of: stem, fittingUTF8Length: budget) + suffix + fileExtension
    }

    // MARK: Rules

    private static let reservedCharacters: Set<Unicode.Scalar> = ["<", ">", ":", "\"", "|", "?", "*"]

    /// Windows device names, reserved with any extension and in any case: `CON`, `con.txt`, `Com1.pdf`.
    private static let reservedDeviceNames: Set<String> = {
        var names: Set<String> = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
        for suffix in ["1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³"] {
            names.insert("COM" + suffix)
            names.insert("LPT" + suffix)
        }
        return names
    }()

    /// Control characters (C0, DEL, C1), line and paragraph separators, and the invisible bidirectional controls
    /// that can make `gpj.exe` display as `exe.jpg`.
    private static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
        case 0x2028, 0x2029, 0xFEFF: return true
        default: return false
        }
    }

    private static func isReservedDeviceName(_ name: String) -> Bool {
        let stem = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let device = String(stem).trimmingCharacters(in: .whitespaces).uppercased()
        return reservedDeviceNames.contains(device)
    }

    /// Without leading dots or whitespace (hidden files) and without trailing dots or whitespace (which Windows
    /// strips, making two names collide).
    private static func trimmed(_ name: String) -> String {
        var characters = Substring(name)
        while let first = characters.first, first == "." || first.isWhitespace { characters.removeFirst() }
        while let last = characters.last, last == "." || last.isWhitespace { characters.removeLast() }
        return String(characters)
    }

    /// Cuts `name` to at most `limit` bytes of UTF-8 at a character boundary, keeping its extension.
    static func truncated(_ name: String, toUTF8Length limit: Int) -> String {
        guard name.utf8.count > limit else { return name }
        var (stem, fileExtension) = splitExtension(name)
        if fileExtension.utf8.count * 2 > limit { fileExtension = "" }
        let kept = trimmed(prefix(of: stem, fittingUTF8Length: limit - fileExtension.utf8.count))
        if kept.isEmpty { return "" }
        return kept + fileExtension
    }

    /// The longest prefix of `text`, in whole characters, whose UTF-8 form fits in `limit` bytes.
    private static func prefix(of text: String, fittingUTF8Length limit: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let size = character.utf8.count
            if used + size > limit { break }
            result.append(character)
            used += size
        }
        return result
    }

    /// `"bao-cao.final.pdf"` → `("bao-cao.final", ".pdf")`. An extension is a final `.` followed by 1 to 16 letters
    /// or digits, so `"Quyết định 12.2024 về việc x"` has none.
    static func splitExtension(_ name: String) -> (stem: String, fileExtension: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        let candidate = name[name.index(after: dot)...]
        guard (1...16).contains(candidate.count), candidate.allSatisfy({ $0.isLetter || $0.isNumber }) else {
            return (name, "")
        }
        return (String(name[..<dot]), String(name[dot...]))
    }
}
