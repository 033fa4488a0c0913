#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bounded map from byte strings to byte strings, looked up straight from an
/// `UnsafeBufferPointer` so a cache hit costs a hash and a compare but no allocation.
/// The analyzer uses it to remember normalised forms of non-ASCII tokens and stems of terms.
/// When it reaches its entry or byte limit it simply starts over: vocabularies follow Zipf's law,
/// so the frequent words are back after a few sentences.
final class ByteStringCache {
    private struct Slot {
        var hash: UInt32
        var keyLength: UInt32
        var keyOffset: UInt32   // UInt32.max marks an empty slot
        var valueLength: UInt32
        var valueOffset: UInt32
        static let empty = Slot(hash: 0, keyLength: 0, keyOffset: .max, valueLength: 0, valueOffset: 0)
    }

    private let maxEntries: Int
    private let maxBytes: Int
    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int
    private var entries = 0
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity: Int
    private var arenaUsed = 0

    init(maxEntries: Int = 1 << 17, maxBytes: Int = 8 << 20) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
        let slotCount = 1024
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: .empty, count: slotCount)
        mask = slotCount - 1
        arenaCapacity = 16 << 10
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate()
        arena.deallocate()
    }

    /// FNV-1a; keys are short words, so byte-at-a-time is fine.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in key { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }

    /// The value stored for `key`; valid until the next `insert`.
    @inline(__always)
    func lookup(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> UnsafeBufferPointer<UInt8>? {
        var i = Int(hash) & mask
        while true {
            let slot = slots[i]
            if slot.keyOffset == .max { return nil }
            if slot.hash == hash && Int(slot.keyLength) == key.count
                && (key.count == 0 || memcmp(arena + Int(slot.keyOffset), key.baseAddress!, key.count) == 0) {
                return UnsafeBufferPointer(start: arena + Int(slot.valueOffset), count: Int(slot.valueLength))
            }
            i = (i &+ 1) & mask
        }
    }

    /// Stores `value` for `key`, which must not be present (callers insert after a failed lookup).
    func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32, value: UnsafeBufferPointer<UInt8>) {
        let needed = key.count + value.count
        if entries >= maxEntries || arenaUsed + needed > maxBytes { removeAll() }
        if (entries + 1) * 2 > mask + 1 { growSlots() }
        if arenaUsed + needed > arenaCapacity { growArena(atLeast: arenaUsed + needed) }

        let keyOffset = arenaUsed
        if let k = key.baseAddress { (arena + keyOffset).update(from: k, count: key.count) }
        let valueOffset = keyOffset + key.count
        if let v = value.baseAddress { (arena + valueOffset).update(from: v, count: value.count) }
        arenaUsed += needed

        var i = Int(hash) & mask
        while slots[i].keyOffset != .max { i = (i &+ 1) & mask }
        slots[i] = Slot(hash: hash, keyLength: UInt32(key.count), keyOffset: UInt32(keyOffset),
                        valueLength: UInt32(value.count), valueOffset: UInt32(valueOffset))
        entries += 1
    }

    func removeAll() {
        slots.update(repeating: .empty, count: mask + 1)
        entries = 0
        arenaUsed = 0
    }

    private func growSlots() {
        let oldSlots = slots, oldCount = mask + 1
        let newCount = oldCount * 2
        slots = .allocate(capacity: newCount)
        slots.initialize(repeating: .empty, count: newCount)
        mask = newCount - 1
        for j in 0..<oldCount where oldSlots[j].keyOffset != .max {
            var i = Int(oldSlots[j].hash) & mask
            while slots[i].keyOffset != .max { i = (i &+ 1) & mask }
            slots[i] = oldSlots[j]
        }
        oldSlots.deallocate()
    }

    private func growArena(atLeast minimum: Int) {
        var capacity = arenaCapacity
        while capacity < minimum { capacity *= 2 }
        let newArena = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        newArena.update(from: arena, count: arenaUsed)
        arena.deallocate()
        arena = newArena
        arenaCapacity = capacity
    }
}
