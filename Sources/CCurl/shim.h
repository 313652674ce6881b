#ifndef LIENTHONG_CCURL_SHIM_H
#define LIENTHONG_CCURL_SHIM_H

// libcurl's curl_easy_setopt/curl_easy_getinfo are variadic and cannot be called from Swift.
// Each wrapper below fixes one argument type; the Swift side picks the right one per option.
#include <curl/curl.h>

#endif
