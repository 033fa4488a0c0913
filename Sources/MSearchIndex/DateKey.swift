/// ISO dates as sortable yyyymmdd numbers: the date column's values and the bounds of date
/// filters, so what a filter compares and what the column holds come from one parser.
/// Here because both the index (which writes the column) and the searcher (which reads
/// `--from`, `--to` and `date:`) reach this module.
public enum DateKey {
    /// Year, month and day of "2023-11-14", "2023-11" or "2023": digits only, a year of at most
    /// four digits, month and day of at most two (so a key is at most 99,999,999 and the
    /// arithmetic cannot overflow). Nil for anything else; month and day are not range-checked.
    public static func parts(_ iso: String) -> (year: Int32, month: Int32?, day: Int32?)? {
        var fields: [Int32] = []
        var value: Int32 = 0, digits = 0
        for byte in iso.utf8 {
            if byte == UInt8(ascii: "-") {
                guard digits > 0, fields.count < 2 else { return nil }
                fields.append(value)
                value = 0; digits = 0
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < (fields.isEmpty ? 4 : 2) else { return nil }
            value = value * 10 + Int32(byte - UInt8(ascii: "0"))
            digits += 1
        }
        guard digits > 0 else { return nil }
        fields.append(value)
        return (fields[0], fields.count > 1 ? fields[1] : nil, fields.count > 2 ? fields[2] : nil)
    }

    /// The column's value: "2023-11-14" → 20231114, "2023-11" → 20231100, "2023" → 20230000
    /// (00 for an unknown month or day); 0 (undated) for nil, year 0, month over 12, day over 31
    /// or anything not an ISO date.
    public static func key(_ iso: String?) -> Int32 {
        guard let iso, let p = parts(iso), p.year > 0 else { return 0 }
        let month = p.month ?? 0, day = p.day ?? 0
        guard month <= 12, day <= 31 else { return 0 }
        return p.year * 10000 + month * 100 + day
    }

    /// The first key a filter from `iso` admits ("2023-11" → 20231100); nil when not a date.
    public static func lowerBound(_ iso: String) -> Int32? {
        parts(iso).map { $0.year * 10000 + ($0.month ?? 0) * 100 + ($0.day ?? 0) }
    }

    /// The last key a filter up to `iso` admits ("2023-11" → 20231199); nil when not a date.
    public static func upperBound(_ iso: String) -> Int32? {
        parts(iso).map { $0.year * 10000 + ($0.month ?? 99) * 100 + ($0.day ?? 99) }
    }
}
