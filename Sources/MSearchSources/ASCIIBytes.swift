#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Byte classes and a byte search for the readers' scanners, which work on UTF-8 bytes.

@inline(__always) func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0C || b == 0x0B
}

@inline(__always) func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

@inline(__always) func hexValue(_ b: UInt8) -> UInt32? {
    if isDigit(b) { return UInt32(b - 0x30) }
    let l = b | 0x20
    if l >= 0x61 && l <= 0x66 { return UInt32(l - 0x61 + 10) }
    return nil
}

/// The offset of the first occurrence of `needle` in `hay` (memchr for the first byte, then compare).
func findBytes(_ needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let first = needle.first, let base = hay.baseAddress, hay.count >= needle.count else { return needle.isEmpty ? 0 : nil }
    let last = hay.count - needle.count
    var i = 0
    while i <= last {
        guard let p = memchr(base + i, Int32(first), last - i + 1) else { return nil }
        let at = UnsafeRawPointer(p) - UnsafeRawPointer(base)
        if memcmp(base + at, needle.baseAddress!, needle.count) == 0 { return at }
        i = at + 1
    }
    return nil
}
