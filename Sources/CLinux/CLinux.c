// Intentionally empty: CLinux is header-only (static inline wrappers in include/CLinux.h).
