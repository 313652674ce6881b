#ifndef LIENTHONG_CLINUX_H
#define LIENTHONG_CLINUX_H

// Linux system calls and constants that Swift's Glibc module does not expose.
// Every wrapper is a tiny static inline function prefixed CLinux_.
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#endif
