#ifndef LIENTHONG_CCURL_SHIM_H
#define LIENTHONG_CCURL_SHIM_H

// libcurl's curl_easy_setopt/curl_easy_getinfo are variadic and cannot be called from Swift.
// Each wrapper below fixes one argument type; the Swift side picks the right one per option.
#include <curl/curl.h>

typedef size_t (*CCurl_DataCallback)(char *buffer, size_t size, size_t count, void *userdata);
typedef int (*CCurl_XferInfoCallback)(void *userdata, curl_off_t download_total, curl_off_t download_now,
                                      curl_off_t upload_total, curl_off_t upload_now);

static inline CURLcode CCurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode CCurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/// Strings are copied by libcurl (since 7.17), so the Swift buffer may go away after the call.
static inline CURLcode CCurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode CCurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode CCurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/// CURLOPT_WRITEFUNCTION, CURLOPT_READFUNCTION, CURLOPT_HEADERFUNCTION.
static inline CURLcode CCurl_setopt_data_callback(CURL *handle, CURLoption option, CCurl_DataCallback value) {
    return curl_easy_setopt(handle, option, value);
}

/// CURLOPT_XFERINFOFUNCTION.
static inline CURLcode CCurl_setopt_xferinfo_callback(CURL *handle, CCurl_XferInfoCallback value) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}

static inline CURLcode CCurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode CCurl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode CCurl_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// The string belongs to the handle; copy it before the next call on the handle.
static inline CURLcode CCurl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Returned by a read callback to abort the transfer (CURL_READFUNC_ABORT is a macro Swift cannot import).
static inline size_t CCurl_read_abort(void) { return CURL_READFUNC_ABORT; }

static inline CURLcode CCurl_global_init(void) { return curl_global_init(CURL_GLOBAL_ALL); }

#endif
