/// Why a document got its score, as a tree in the manner of Lucene's `explain()`: each node
/// has a value, what it is, and the parts it was computed from.
public struct Explanation: Equatable, Sendable {
    public var value: Double
    public var description: String
    public var details: [Explanation]

    public init(_ value: Double, _ description: String, _ details: [Explanation] = []) {
        self.value = value; self.description = description; self.details = details
    }

    /// Indented lines, one node each.
    public func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        var out = "\(pad)\(formatted(value)) \(description)\n"
        for d in details { out += d.rendered(indent: indent + 1) }
        return out
    }

    private func formatted(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(format: "%.4f", v)
    }
}

import Foundation
