/// glibc's allocator settings for an indexing run. By default every thread that allocates gets
/// its own arena, which keeps what it freed, and large blocks move from mmap to the heap once
/// one is freed, where they fragment. Two arenas and a fixed 256 KB mmap threshold (pieces,
/// grown buffers and flushed segments go back to the system when freed) cut the peak RSS of
/// indexing Reuters by about 4 MB, a few per cent of the target, at no measurable cost.
enum MallocTuning {
    static func forIndexing() {
        #if os(Linux)
        // <malloc.h> is not in Glibc's module map; these are its M_ARENA_MAX and M_MMAP_THRESHOLD.
        _ = mallopt(-8, 2)
        _ = mallopt(-3, 256 << 10)
        #endif
    }
}

#if os(Linux)
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
