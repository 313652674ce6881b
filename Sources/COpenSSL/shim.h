#ifndef LIENTHONG_COPENSSL_SHIM_H
#define LIENTHONG_COPENSSL_SHIM_H

// OpenSSL 3 for lienthong. Macros and variadic APIs get small typed wrappers here (prefix COpenSSL_),
// because Swift cannot import function-like macros.
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

// MARK: STACK_OF(X509)

static inline STACK_OF(X509) *COpenSSL_sk_X509_new_null(void) { return sk_X509_new_null(); }

static inline int COpenSSL_sk_X509_num(const STACK_OF(X509) *stack) { return sk_X509_num(stack); }

static inline X509 *COpenSSL_sk_X509_value(const STACK_OF(X509) *stack, int index) {
    return sk_X509_value(stack, index);
}

/// Appends `certificate`, taking over the caller's reference on success (returns the new count, 0 on failure).
static inline int COpenSSL_sk_X509_push(STACK_OF(X509) *stack, X509 *certificate) {
    return sk_X509_push(stack, certificate);
}

/// Frees the stack only; the certificates keep their references (for stacks from CMS_get0_signers).
static inline void COpenSSL_sk_X509_free(STACK_OF(X509) *stack) { sk_X509_free(stack); }

/// Frees the stack and drops one reference on each certificate in it.
static inline void COpenSSL_sk_X509_pop_free(STACK_OF(X509) *stack) { sk_X509_pop_free(stack, X509_free); }

// MARK: STACK_OF(CMS_SignerInfo)

static inline int COpenSSL_sk_CMS_SignerInfo_num(const STACK_OF(CMS_SignerInfo) *stack) {
    return sk_CMS_SignerInfo_num(stack);
}

static inline CMS_SignerInfo *COpenSSL_sk_CMS_SignerInfo_value(const STACK_OF(CMS_SignerInfo) *stack, int index) {
    return sk_CMS_SignerInfo_value(stack, index);
}

// MARK: BIO

/// `BIO_get_mem_data`: points `*data` at a memory BIO's contents and returns their length.
static inline long COpenSSL_BIO_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

// MARK: Names

/// `X509_NAME_print_ex` flags for one readable line in UTF-8, most specific first:
/// `CN=Văn phòng UBND tỉnh Nghệ An, O=UBND tỉnh Nghệ An, C=VN`. RFC 2253 escaping of separators and control
/// characters is kept (a hostile name cannot forge fields or break a log line); only the escaping of non-ASCII
/// bytes is dropped, so Vietnamese reads as Vietnamese.
static inline unsigned long COpenSSL_XN_FLAG_UTF8_ONELINE(void) {
    return (ASN1_STRFLGS_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) | XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_DN_REV | XN_FLAG_FN_SN
        | XN_FLAG_DUMP_UNKNOWN_FIELDS;
}

// MARK: RFC 3161 timestamps

/// The `value.sequence` member of an `ASN1_TYPE` holding a SEQUENCE (a timestamp token attribute value), or NULL
/// for any other type.
static inline const ASN1_STRING *COpenSSL_ASN1_TYPE_get0_sequence(const ASN1_TYPE *type) {
    return type != NULL && type->type == V_ASN1_SEQUENCE ? type->value.sequence : NULL;
}

/// The reason code of the newest queued error when it comes from the TS library, else 0; the queue is kept.
/// (Reason codes are per library: PKCS7's "digest failure" has the same number as TS's ESS error.)
static inline int COpenSSL_ERR_peek_last_TS_reason(void) {
    unsigned long code = ERR_peek_last_error();
    return ERR_GET_LIB(code) == ERR_LIB_TS ? ERR_GET_REASON(code) : 0;
}

/// The callback type of `TS_RESP_CTX_set_serial_cb`, named for Swift.
typedef ASN1_INTEGER *(*COpenSSL_TS_serial_cb)(TS_RESP_CTX *, void *);

// MARK: zlib (PDF FlateDecode in Signing; the Signing target links "z")

#include <zlib.h>

/// `inflateInit` is a macro (it passes the zlib version and struct size); returns `Z_OK` on success.
static inline int COpenSSL_zlib_inflateInit(z_stream *stream) { return inflateInit(stream); }

#endif
