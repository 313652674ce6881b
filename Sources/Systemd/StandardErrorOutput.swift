import Foundation
import Glibc

/// Writes each record as one line to stderr with one `write(2)` call.
///
/// A process-wide lock is held around the write, so that even a record longer than `PIPE_BUF` (which the kernel may
/// split into several partial writes) never interleaves with a record from another thread. Write errors are
/// dropped: there is nowhere left to report them. Under systemd `SIGPIPE` is ignored (`IgnoreSIGPIPE=yes`, the
/// default), so a vanished journald cannot kill the daemon through stderr.
struct StandardErrorOutput: LogOutput {
    private static let lock = NSLock()

    let formatter: LogLineFormatter
    let descriptor: Int32

    init(format: LogLineFormat, descriptor: Int32 = STDERR_FILENO) {
        self.formatter = LogLineFormatter(format: format)
        self.descriptor = descriptor
    }

    func write(_ record: LogRecord) {
        let bytes = Array((formatter.line(for: record) + "\n").utf8)
        Self.lock.lock()
        defer { Self.lock.unlock() }
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, base + offset, raw.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}
