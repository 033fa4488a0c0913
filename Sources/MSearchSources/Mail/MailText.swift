/// A plain-text message body as paragraphs: lines of a paragraph joined, blank lines and
/// changes of quoting depth ("> ") starting a new one, and the header data of quoted or
/// forwarded messages ("> Organization: …", "   Lines: 22"; see `quotedHeaderLines`) left
/// out, since it is routing data, not text.
enum MailText {
    static func paragraphs(_ text: String) -> String {
        var text = text
        return text.withUTF8 { buf -> String in
            var lines: [UnsafeBufferPointer<UInt8>] = []
            var start = 0
            for i in 0...buf.count where i == buf.count || buf[i] == 0x0A {
                var end = i
                if end > start, buf[end - 1] == 0x0D { end -= 1 }
                lines.append(UnsafeBufferPointer(rebasing: buf[start..<end]))
                start = i + 1
            }
            let quotedHeader = quotedHeaderLines(lines)
            var out = TextBuilder(capacity: buf.count)
            var previousDepth = 0
            for (k, line) in lines.enumerated() where !quotedHeader[k] {
                var depth = 0, s = 0
                while s < line.count, line[s] == UInt8(ascii: ">") || line[s] == 0x20 || line[s] == 0x09 {
                    if line[s] == UInt8(ascii: ">") { depth += 1 }
                    s += 1
                }
                if s == line.count { out.breakParagraph(); previousDepth = depth; continue }
                if depth != previousDepth { out.breakParagraph() }
                previousDepth = depth
                out.append(line)
                out.space()
            }
            return out.string()
        }
    }

    /// Which lines are header data: a run of field lines (with folded continuations) holding
    /// at least two known names, or any known field before the body's first text (a header
    /// block that a stray blank line cut short); elsewhere, routing fields alone.
    private static func quotedHeaderLines(_ lines: [UnsafeBufferPointer<UInt8>]) -> [Bool] {
        var marks = [Bool](repeating: false, count: lines.count)
        var k = 0, seenText = false
        while k < lines.count {
            let kind = MailHeaders.fieldLine(lines[k])
            guard kind == .known || kind == .routing else {
                if kind != .text || !lines[k].allSatisfy(isSpace) { seenText = true }
                k += 1
                continue
            }
            var end = k + 1, known = 1
            while end < lines.count {
                switch MailHeaders.fieldLine(lines[end]) {
                case .known, .routing: known += 1; end += 1; continue
                case .other: end += 1; continue
                case .text:
                    if end + 1 < lines.count, isContinuation(lines[end]), MailHeaders.fieldLine(lines[end + 1]) != .text { end += 1; continue }
                }
                break
            }
            for j in k..<end where known >= 2 || !seenText || MailHeaders.fieldLine(lines[j]) == .routing { marks[j] = true }
            seenText = true
            k = end
        }
        return marks
    }

    /// A folded field's continuation inside a quoted header: after the quote marks, an
    /// indented line that is not itself a field.
    private static func isContinuation(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = 0
        while s < line.count, line[s] == UInt8(ascii: ">") { s += 1 }
        guard s < line.count, line[s] == 0x20 || line[s] == 0x09 else { return false }
        while s < line.count, line[s] == 0x20 || line[s] == 0x09 { s += 1 }
        return s < line.count && MailHeaders.fieldNameEnd(UnsafeBufferPointer(rebasing: line[s...])) == nil
    }
}
