"""Keeping a long-running worker's memory from creeping: glibc's allocator returns freed memory to the system.

By default glibc raises its mmap threshold as large blocks are freed, so the model's varying activation buffers
(every batch pads to another length) come to live on the heap, which fragments and seldom shrinks: a whole pass
over the real-conversation dev set took one worker from 600 MB to 1,022 MB. With the thresholds fixed at 128 KiB
those buffers are mapped and unmapped as they come and go: the same pass peaked at 653 MB and ended at 622 MB
(`bench/realdev_memory.py`), at the same speed (21–24 pairs a second).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

log = logging.getLogger("api")
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters (malloc.h)
THRESHOLD = 128 * 1024


def return_freed_memory() -> bool:
    """Fixes glibc's trim and mmap thresholds for this process; False where the C library is not glibc."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    done = mallopt(M_MMAP_THRESHOLD, THRESHOLD) == 1 and mallopt(M_TRIM_THRESHOLD, THRESHOLD) == 1
    if not done:
        log.info("could not set the allocator's thresholds; memory may creep under long use")
    return bool(done)
