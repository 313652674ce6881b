import CCurl

/// One libcurl easy handle and everything libcurl keeps pointers to: the header list and the error buffer.
///
/// The only Swift type that touches `CURL*`. Not thread-safe: one transfer at a time, on one thread. Frees the handle,
/// the list and the buffer on deinit.
final class CurlEasy {
    /// A libcurl failure with its text (the error buffer when set, else `curl_easy_strerror`).
    struct Failure: Error {
        let code: Int
        let message: String
    }

    private let handle: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws(Failure) {
        if let message = CurlGlobal.ensureInitialized() {
            throw Failure(code: Int(CURLE_FAILED_INIT.rawValue), message: "libcurl did not initialise: \(message)")
        }
        guard let handle = curl_easy_init() else {
            throw Failure(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init failed (out of memory?)")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        _ = CCurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
    }

    deinit {
        curl_easy_cleanup(handle)
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    /// Forgets every option (headers, callbacks, userdata, TLS settings) but keeps the handle's open connections,
    /// DNS and TLS session caches, so the next transfer can reuse a connection to the same host.
    func reset() {
        curl_easy_reset(handle)
        if let headerList { curl_slist_free_all(headerList) }
        headerList = nil
        errorBuffer[0] = 0
        _ = CCurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
    }

    func set(_ option: CURLoption, _ value: Int) throws(Failure) {
        try check(CCurl_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, offset value: Int64) throws(Failure) {
        try check(CCurl_setopt_off_t(handle, option, curl_off_t(value)), option)
    }

    /// libcurl copies strings, so `value` need not outlive the call.
    func set(_ option: CURLoption, _ value: String) throws(Failure) {
        try check(CCurl_setopt_string(handle, option, value), option)
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(Failure) {
        try check(CCurl_setopt_pointer(handle, option, value), option)
    }

    func set(_ option: CURLoption, callback: CCurl_DataCallback) throws(Failure) {
        try check(CCurl_setopt_data_callback(handle, option, callback), option)
    }

    func setTransferInfo(callback: CCurl_XferInfoCallback) throws(Failure) {
        try check(CCurl_setopt_xferinfo_callback(handle, callback), CURLOPT_XFERINFOFUNCTION)
    }

    /// Replaces the request headers (`Name: value` lines). The list is owned here until the next call or deinit.
    func setHeaders(_ lines: [String]) throws(Failure) {
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard let appended = curl_slist_append(list, line) else {
                if let list { curl_slist_free_all(list) }
                throw Failure(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_slist_append failed")
            }
            list = appended
        }
        let result = CCurl_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        if let headerList { curl_slist_free_all(headerList) }
        headerList = list
        try check(result, CURLOPT_HTTPHEADER)
    }

    /// Runs the transfer; blocks the calling thread until it ends.
    func perform() -> Failure? {
        errorBuffer[0] = 0
        let code = curl_easy_perform(handle)
        guard code != CURLE_OK else { return nil }
        return failure(code)
    }

    func infoLong(_ info: CURLINFO) -> Int {
        var value = 0
        return CCurl_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }

    func infoOffset(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        return CCurl_getinfo_off_t(handle, info, &value) == CURLE_OK ? Int64(value) : 0
    }

    func infoString(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard CCurl_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(Failure) {
        guard code != CURLE_OK else { return }
        let base = failure(code)
        throw Failure(code: base.code, message: "setting curl option \(option.rawValue): \(base.message)")
    }

    private func failure(_ code: CURLcode) -> Failure {
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        return Failure(code: Int(code.rawValue), message: message)
    }
}
