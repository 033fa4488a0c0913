/// A growable byte array with the little-endian and varint encodings every index file uses.
/// Writers build whole files in one of these, so encoding never allocates per value.
public struct ByteBuffer {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public var count: Int { bytes.count }

    /// Heap bytes held: the capacity plus the array's header and malloc's overhead.
    public var heapBytes: Int { bytes.capacity == 0 ? 0 : bytes.capacity + 48 }

    @inline(__always)
    public mutating func append(_ byte: UInt8) { bytes.append(byte) }

    public mutating func append<C: Collection>(contentsOf other: C) where C.Element == UInt8 {
        bytes.append(contentsOf: other)
    }

    public mutating func append(_ other: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: other)
    }

    /// LEB128: 7 bits a byte, low bits first.
    @inline(__always)
    public mutating func appendVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    @inline(__always)
    public mutating func appendVarint(_ value: Int) { appendVarint(UInt64(value)) }

    @inline(__always)
    public mutating func appendVarint(_ value: UInt32) { appendVarint(UInt64(value)) }

    public mutating func appendUInt32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func appendUInt64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func appendInt32(_ value: Int32) { appendUInt32(UInt32(bitPattern: value)) }

    /// A varint length followed by the UTF-8 bytes.
    public mutating func appendString(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            appendVarint(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Pads with zeros up to a multiple of `alignment`, so fixed-width columns load aligned.
    public mutating func align(to alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }

    public mutating func removeAll(keepingCapacity: Bool = true) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
    }
}
