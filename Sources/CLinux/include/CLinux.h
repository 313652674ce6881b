#ifndef LIENTHONG_CLINUX_H
#define LIENTHONG_CLINUX_H

// Linux system calls and constants that Swift's Glibc module does not expose, or exposes only as variadic or
// macro forms Swift cannot call. Every wrapper is a tiny static inline function or constant prefixed CLinux_.
// Only SystemSupport (files) and FolderWatch (inotify) import this module.
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

// MARK: - Files

static const unsigned int CLinux_RENAME_NOREPLACE = RENAME_NOREPLACE;

/// renameat2(2); glibc declares it only with _GNU_SOURCE.
static inline int CLinux_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
                                   unsigned int flags) {
    return renameat2(olddirfd, oldpath, newdirfd, newpath, flags);
}

/// openat(2) without the variadic mode argument.
static inline int CLinux_openat(int dirfd, const char *path, int flags, mode_t mode) {
    return openat(dirfd, path, flags, mode);
}

/// stat(2); Swift cannot name the function because the struct of the same name shadows it.
static inline int CLinux_stat(const char *path, struct stat *result) { return stat(path, result); }

static inline int CLinux_fcntl_getfl(int fd) { return fcntl(fd, F_GETFL); }
static inline int CLinux_fcntl_setfl(int fd, int flags) { return fcntl(fd, F_SETFL, flags); }

/// sync_file_range(2) with SYNC_FILE_RANGE_WRITE: starts writing the range's dirty pages to the disk and returns
/// without waiting for them. A hint about timing only; it makes nothing durable (no metadata, no disk cache flush).
static inline int CLinux_start_writeback(int fd, int64_t offset, int64_t length) {
    return sync_file_range(fd, offset, length, SYNC_FILE_RANGE_WRITE);
}

/// sync_file_range(2) waiting for the range's pages already under writeback, then writing and waiting for the rest.
/// Like CLinux_start_writeback, a matter of timing: durability still needs fsync.
static inline int CLinux_wait_writeback(int fd, int64_t offset, int64_t length) {
    return sync_file_range(fd, offset, length,
                           SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
}

/// posix_fadvise(2) POSIX_FADV_DONTNEED: the range's clean pages may leave the page cache. Returns an error number.
static inline int CLinux_drop_cached(int fd, int64_t offset, int64_t length) {
    return posix_fadvise(fd, offset, length, POSIX_FADV_DONTNEED);
}

/// statfs(2) reduced to the filesystem magic number (f_type), masked to 32 bits as the kernel defines them.
static inline int CLinux_statfs_type(const char *path, uint64_t *type) {
    struct statfs s;
    int result = statfs(path, &s);
    if (result == 0) {
        *type = (uint64_t)(unsigned long)s.f_type & 0xFFFFFFFFu;
    }
    return result;
}

/// statvfs(3) reduced to the bytes an unprivileged process may still write (f_bavail * f_frsize).
static inline int CLinux_statvfs_available(const char *path, uint64_t *bytes) {
    struct statvfs s;
    int result = statvfs(path, &s);
    if (result == 0) {
        *bytes = (uint64_t)s.f_bavail * (uint64_t)s.f_frsize;
    }
    return result;
}

// MARK: - inotify and eventfd

static const uint32_t CLinux_IN_ACCESS = IN_ACCESS;
static const uint32_t CLinux_IN_CLOSE_WRITE = IN_CLOSE_WRITE;
static const uint32_t CLinux_IN_MOVED_FROM = IN_MOVED_FROM;
static const uint32_t CLinux_IN_MOVED_TO = IN_MOVED_TO;
static const uint32_t CLinux_IN_CREATE = IN_CREATE;
static const uint32_t CLinux_IN_DELETE_SELF = IN_DELETE_SELF;
static const uint32_t CLinux_IN_MOVE_SELF = IN_MOVE_SELF;
static const uint32_t CLinux_IN_UNMOUNT = IN_UNMOUNT;
static const uint32_t CLinux_IN_Q_OVERFLOW = IN_Q_OVERFLOW;
static const uint32_t CLinux_IN_IGNORED = IN_IGNORED;
static const uint32_t CLinux_IN_ONLYDIR = IN_ONLYDIR;
static const uint32_t CLinux_IN_DONT_FOLLOW = IN_DONT_FOLLOW;
static const uint32_t CLinux_IN_EXCL_UNLINK = IN_EXCL_UNLINK;
static const uint32_t CLinux_IN_ISDIR = IN_ISDIR;
static const int CLinux_IN_CLOEXEC = IN_CLOEXEC;
static const int CLinux_IN_NONBLOCK = IN_NONBLOCK;

/// Size of the fixed part of `struct inotify_event` (wd, mask, cookie, len); the name follows it.
static const size_t CLinux_inotify_event_header_size = sizeof(struct inotify_event);

static inline int CLinux_inotify_init1(int flags) { return inotify_init1(flags); }
static inline int CLinux_inotify_add_watch(int fd, const char *path, uint32_t mask) {
    return inotify_add_watch(fd, path, mask);
}
static inline int CLinux_inotify_rm_watch(int fd, int wd) { return inotify_rm_watch(fd, wd); }

static const int CLinux_EFD_CLOEXEC = EFD_CLOEXEC;
static const int CLinux_EFD_NONBLOCK = EFD_NONBLOCK;
static inline int CLinux_eventfd(unsigned int initval, int flags) { return eventfd(initval, flags); }

#endif
