import AxisProtocol
import CCurl
import Foundation
import SystemSupport

/// The state libcurl's C callbacks work on during one transfer, reached through the `userdata` pointer.
///
/// Lives on the transfer thread only; the callbacks below are the sole users while `curl_easy_perform` runs.
final class TransferContext {
    private let easy: CurlEasy
    private let body: HTTPExchange.Body
    private let sink: HTTPExchange.Sink
    private let cancellation: CancellationFlag
    private var bodyOffset = 0
    private var fileRemaining: Int64

    private(set) var memory: [UInt8] = []
    private(set) var bytesToFile: Int64 = 0
    private(set) var receivedBytes: Int64 = 0
    private(set) var localFailure: SystemError?
    private(set) var overflowLimit: Int?
    /// Why a getEdoc-shaped reply was abandoned mid-transfer.
    private(set) var replyFailure: AxisReplyError?
    /// Set when the transfer was aborted because nothing moved for `stallTimeout`.
    private(set) var stalled = false
    /// Where a document sink's reply goes; nil until its first byte.
    private var route: Route?
    private var scanner = GetEdocReplyScanner()
    /// Document bytes decoded from the current piece of a getEdoc reply, written out before the next one.
    private var decoded: [UInt8] = []
    private let stallTimeout: Duration?
    private var lastProgress: (downloaded: Int64, uploaded: Int64) = (0, 0)
    private var lastMovement = ContinuousClock.now
    private var lastReported = ContinuousClock.now

    init(
        easy: CurlEasy, body: HTTPExchange.Body, sink: HTTPExchange.Sink, cancellation: CancellationFlag,
        stallTimeout: Duration? = nil
    ) {
        self.easy = easy
        self.body = body
        self.sink = sink
        self.cancellation = cancellation
        self.stallTimeout = stallTimeout
        if case .file(_, let size) = body { fileRemaining = size } else { fileRemaining = 0 }
    }

    /// Called by libcurl about once a second and on every movement; a non-zero result aborts the transfer.
    func progress(downloaded: Int64, uploaded: Int64) -> Int32 {
        if cancellation.isCancelled { return 1 }
        let now = ContinuousClock.now
        if downloaded != lastProgress.downloaded || uploaded != lastProgress.uploaded {
            lastProgress = (downloaded, uploaded)
            lastMovement = now
            // Bytes moved: the work this transfer belongs to is alive (at most once a second, it is a lock).
            if now - lastReported >= .seconds(1) {
                lastReported = now
                cancellation.activity?.progressed()
            }
            return 0
        }
        guard let stallTimeout else { return 0 }
        guard now - lastMovement >= stallTimeout else { return 0 }
        stalled = true
        return 1
    }

    /// Fills libcurl's upload buffer; 0 ends the body, `CCurl_read_abort()` aborts the transfer.
    func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
        switch body {
        case .none:
            return 0
        case .bytes(let bytes):
            let count = min(buffer.count, bytes.count - bodyOffset)
            guard count > 0 else { return 0 }
            bytes.withUnsafeBytes { source in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[bodyOffset..<bodyOffset + count]))
            }
            bodyOffset += count
            return count
        case .file(let file, _):
            guard fileRemaining > 0 else { return 0 }
            let wanted = Int(min(Int64(buffer.count), fileRemaining))
            do throws(SystemError) {
                let count = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]))
                guard count > 0 else {
                    // The file shrank after its size was announced: never send a truncated document.
                    localFailure = SystemError(operation: "read (the file shrank)", path: file.path, errno: EIO)
                    return CCurl_read_abort()
                }
                fileRemaining -= Int64(count)
                return count
            } catch {
                localFailure = error
                return CCurl_read_abort()
            }
        }
    }

    /// Takes reply bytes from libcurl; returning anything but `data.count` aborts the transfer.
    func receive(_ data: UnsafeRawBufferPointer) -> Int {
        receivedBytes += Int64(data.count)
        switch sink {
        case .memory(let limit):
            return collect(data, limit: limit)
        case .document(let file, let replyLimit, let acceptsRaw):
            if route == nil { route = chooseRoute(firstChunk: data, acceptsRaw: acceptsRaw) }
            switch route {
            case .memory, nil:
                return collect(data, limit: replyLimit)
            case .raw:
                return write(data, to: file) ? data.count : 0
            case .scanned:
                do throws(AxisReplyError) {
                    try scanner.consume(data, into: &decoded)
                } catch {
                    replyFailure = error
                    return 0
                }
                defer { decoded.removeAll(keepingCapacity: true) }
                return decoded.withUnsafeBytes { write($0, to: file) } ? data.count : 0
            }
        }
    }

    /// After a complete transfer: what a getEdoc-shaped reply said, or why it cannot be read; nil when the reply
    /// was not read as one. An empty 2xx body for a document sink counts as a (non-JSON) getEdoc reply.
    func finishDocumentReply() -> Result<GetEdocReplyScanner.Outcome, AxisReplyError>? {
        guard case .document = sink else { return nil }
        if route == nil, !(200..<300).contains(easy.infoLong(CURLINFO_RESPONSE_CODE)) { return nil }
        guard route == .scanned || route == nil else { return nil }
        do throws(AxisReplyError) {
            return .success(try scanner.finish())
        } catch {
            return .failure(error)
        }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, to file: DurableFileWriter) -> Bool {
        do throws(SystemError) {
            try file.write(bytes)
            bytesToFile += Int64(bytes.count)
            return true
        } catch {
            localFailure = error
            return false
        }
    }

    private func collect(_ data: UnsafeRawBufferPointer, limit: Int) -> Int {
        guard memory.count + data.count <= limit else {
            overflowLimit = limit
            return 0
        }
        memory.append(contentsOf: data)
        return data.count
    }

    private enum Route {
        /// Collected in memory (a non-2xx reply).
        case memory
        /// The raw document, written as it comes.
        case raw
        /// A getEdoc-shaped reply, decoded by the scanner.
        case scanned
    }

    /// A 2xx reply that is neither declared JSON nor starts with `{` is the document itself (when raw is accepted).
    private func chooseRoute(firstChunk: UnsafeRawBufferPointer, acceptsRaw: Bool) -> Route {
        let status = easy.infoLong(CURLINFO_RESPONSE_CODE)
        guard (200..<300).contains(status) else { return .memory }
        guard acceptsRaw else { return .scanned }
        if let type = easy.infoString(CURLINFO_CONTENT_TYPE), type.lowercased().contains("json") { return .scanned }
        let first = firstChunk.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return first == UInt8(ascii: "{") ? .scanned : .raw
    }
}

/// C entry points for libcurl. They capture nothing and find their `TransferContext` through `userdata`.
enum TransferCallbacks {
    static let write: CCurl_DataCallback = { buffer, size, count, userdata in
        guard let userdata else { return 0 }
        let context = Unmanaged<TransferContext>.fromOpaque(userdata).takeUnretainedValue()
        return context.receive(UnsafeRawBufferPointer(start: buffer, count: size * count))
    }

    static let read: CCurl_DataCallback = { buffer, size, count, userdata in
        guard let userdata else { return CCurl_read_abort() }
        let context = Unmanaged<TransferContext>.fromOpaque(userdata).takeUnretainedValue()
        return context.fill(UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
    }

    static let progress: CCurl_XferInfoCallback = { userdata, _, downloaded, _, uploaded in
        guard let userdata else { return 0 }
        return Unmanaged<TransferContext>.fromOpaque(userdata).takeUnretainedValue()
            .progress(downloaded: Int64(downloaded), uploaded: Int64(uploaded))
    }
}
