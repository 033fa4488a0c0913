/// Interns term bytes to dense ids while a segment is built: one arena holds every distinct
/// term once, and an open-addressing table finds it again without allocating per occurrence.
struct TermTable {
    private(set) var arena: [UInt8] = []
    /// starts[id] ..< starts[id + 1] is the term's slice of `arena`.
    private(set) var starts: [UInt32] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1 << 16) {
        var c = 16
        while c < capacity { c <<= 1 }
        slots = Array(repeating: -1, count: c)
        mask = c - 1
    }

    var count: Int { starts.count - 1 }

    /// Bytes held, for the writer's memory budget.
    var memoryFootprint: Int { arena.capacity + starts.capacity * 4 + hashes.capacity * 8 + slots.count * 4 }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        // FNV-1a: terms are short, so a simple byte loop is as fast as anything fancier.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// The id of `bytes`, adding it if new.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = TermTable.hash(bytes)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == h && equals(Int(id), bytes) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        arena.append(contentsOf: bytes)
        starts.append(UInt32(arena.count))
        hashes.append(h)
        slots[slot] = id
        if count * 2 > slots.count { grow() }
        return id
    }

    @inline(__always)
    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = Int(starts[id]), e = Int(starts[id + 1])
        guard e - s == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            memcmp(a.baseAddress! + s, bytes.baseAddress!, bytes.count) == 0
        }
    }

    private mutating func grow() {
        let newCount = slots.count * 2
        slots = Array(repeating: -1, count: newCount)
        mask = newCount - 1
        for id in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    func withTerm<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let s = Int(starts[id]), e = Int(starts[id + 1])
        return try arena.withUnsafeBufferPointer { a in try body(UnsafeBufferPointer(rebasing: a[s..<e])) }
    }

    /// Term ids in byte order of their terms: the order of the term dictionary.
    func sortedIds() -> [Int32] {
        arena.withUnsafeBufferPointer { a in
            let base = a.baseAddress!
            return (0..<Int32(count)).sorted { x, y in
                let xs = Int(starts[Int(x)]), xe = Int(starts[Int(x) + 1])
                let ys = Int(starts[Int(y)]), ye = Int(starts[Int(y) + 1])
                let n = min(xe - xs, ye - ys)
                let c = n == 0 ? 0 : memcmp(base + xs, base + ys, n)
                return c != 0 ? c < 0 : (xe - xs) < (ye - ys)
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
