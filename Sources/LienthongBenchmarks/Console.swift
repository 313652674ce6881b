import Foundation

/// Unbuffered output, so that progress lines show at once even when stdout is a pipe or a file.
enum Console {
    static func out(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
    static func error(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
}
