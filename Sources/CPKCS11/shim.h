#ifndef LIENTHONG_CPKCS11_SHIM_H
#define LIENTHONG_CPKCS11_SHIM_H

// The OASIS PKCS#11 (Cryptoki 2.40) interface as Debian ships it in p11-kit's header (package libp11-kit-dev).
// That header is self-contained: it defines CK_PTR, CK_DEFINE_FUNCTION and the other platform macros itself and,
// in its default compatibility mode, the standard names (CK_FUNCTION_LIST, CK_TOKEN_INFO, ulValueLen, ...).
// Nothing is linked: lienthong loads the token's module with dlopen(3) at run time (Signing's PKCS11Module).
#include <dlfcn.h>
#include <p11-kit-1/p11-kit/pkcs11.h>

/// The only entry point resolved with dlsym(3); every other call goes through the function list it returns.
typedef CK_RV (*CPKCS11_GetFunctionList)(CK_FUNCTION_LIST_PTR_PTR list);

#endif
