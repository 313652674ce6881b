// A PKCS#11 module for tests: forwards every call to the real module named by $LIENTHONG_TEST_PKCS11_TARGET
// (SoftHSM2) and injects the faults a hardware token shows, as the file $LIENTHONG_TEST_PKCS11_FAULT says:
// "removed" (unplugged: no token in any slot, sessions closed), "locked" (C_Login answers CKR_PIN_LOCKED).
// Every C_Login is counted as one line in $LIENTHONG_TEST_PKCS11_FAULT.logins.
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <p11-kit-1/p11-kit/pkcs11.h>

static CK_FUNCTION_LIST real_list, fault_list;
static CK_FUNCTION_LIST_PTR real;

static int fault_is(const char *name) {
    const char *path = getenv("LIENTHONG_TEST_PKCS11_FAULT");
    char text[32] = {0};
    FILE *file = path ? fopen(path, "r") : NULL;
    if (!file) return 0;
    size_t count = fread(text, 1, sizeof text - 1, file);
    fclose(file);
    text[count] = 0;
    return strncmp(text, name, strlen(name)) == 0;
}

static void unplug_if_removed(void) {
    if (!fault_is("removed")) return;
    CK_SLOT_ID slots[16];
    CK_ULONG count = 16;
    if (real->C_GetSlotList(CK_TRUE, slots, &count) != CKR_OK) return;
    for (CK_ULONG index = 0; index < count; index++) real->C_CloseAllSessions(slots[index]);
}

static CK_RV fault_GetSlotList(CK_BBOOL present, CK_SLOT_ID_PTR list, CK_ULONG_PTR count) {
    if (present && fault_is("removed")) { unplug_if_removed(); *count = 0; return CKR_OK; }
    return real->C_GetSlotList(present, list, count);
}

static CK_RV fault_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
    if (fault_is("removed")) return CKR_TOKEN_NOT_PRESENT;
    return real->C_GetTokenInfo(slot, info);
}

static CK_RV fault_OpenSession(CK_SLOT_ID slot, CK_FLAGS flags, void *app, CK_NOTIFY notify, CK_SESSION_HANDLE_PTR session) {
    if (fault_is("removed")) return CKR_TOKEN_NOT_PRESENT;
    return real->C_OpenSession(slot, flags, app, notify, session);
}

static CK_RV fault_Login(CK_SESSION_HANDLE session, CK_USER_TYPE type, CK_UTF8CHAR_PTR pin, CK_ULONG length) {
    const char *path = getenv("LIENTHONG_TEST_PKCS11_FAULT");
    if (path) {
        char logins[4096];
        snprintf(logins, sizeof logins, "%s.logins", path);
        FILE *file = fopen(logins, "a");
        if (file) { fputs("login\n", file); fclose(file); }
    }
    if (fault_is("removed")) { unplug_if_removed(); return CKR_DEVICE_REMOVED; }
    if (fault_is("locked")) return CKR_PIN_LOCKED;
    return real->C_Login(session, type, pin, length);
}

static CK_RV fault_SignInit(CK_SESSION_HANDLE session, CK_MECHANISM_PTR mechanism, CK_OBJECT_HANDLE key) {
    if (fault_is("removed")) { unplug_if_removed(); return CKR_DEVICE_REMOVED; }
    return real->C_SignInit(session, mechanism, key);
}

static CK_RV fault_FindObjectsInit(CK_SESSION_HANDLE session, CK_ATTRIBUTE_PTR template, CK_ULONG count) {
    if (fault_is("removed")) { unplug_if_removed(); return CKR_DEVICE_REMOVED; }
    return real->C_FindObjectsInit(session, template, count);
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
    if (!real) {
        const char *target = getenv("LIENTHONG_TEST_PKCS11_TARGET");
        void *library = target ? dlopen(target, RTLD_NOW | RTLD_LOCAL) : NULL;
        CK_RV (*get)(CK_FUNCTION_LIST_PTR_PTR) = library ? (CK_RV (*)(CK_FUNCTION_LIST_PTR_PTR))dlsym(library, "C_GetFunctionList") : NULL;
        CK_FUNCTION_LIST_PTR target_list = NULL;
        if (!get || get(&target_list) != CKR_OK) return CKR_GENERAL_ERROR;
        real_list = *target_list;
        real = &real_list;
        fault_list = real_list;
        fault_list.C_GetSlotList = fault_GetSlotList;
        fault_list.C_GetTokenInfo = fault_GetTokenInfo;
        fault_list.C_OpenSession = fault_OpenSession;
        fault_list.C_Login = fault_Login;
        fault_list.C_SignInit = fault_SignInit;
        fault_list.C_FindObjectsInit = fault_FindObjectsInit;
    }
    *list = &fault_list;
    return CKR_OK;
}
