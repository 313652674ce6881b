import CCurl

/// `curl_global_init`, run exactly once per process before the first handle is created.
///
/// Swift initialises a global `static let` once, under a lock, on first use: that is the thread safety libcurl asks
/// for (curl_global_init is not thread-safe itself).
enum CurlGlobal {
    private static let result: CURLcode = CCurl_global_init()

    /// nil when libcurl initialised; otherwise its error message.
    static func ensureInitialized() -> String? {
        let code = result
        guard code != CURLE_OK else { return nil }
        return String(cString: curl_easy_strerror(code))
    }
}
