import Foundation

/// Long text for a person at a terminal: wrapped to its width at word boundaries, and through
/// `$PAGER` (`less -R` when unset) when it is taller than the screen. Into a pipe or a file it
/// goes unchanged, so scripts and tests see the text as stored.
enum LongText {
    /// The terminal's size, when standard output is one.
    static func terminalSize() -> (columns: Int, rows: Int)? {
        guard isatty(STDOUT_FILENO) != 0 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return (80, 24) }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Prints `text` on standard output, wrapped and (with `paging`) paged when that is a terminal.
    static func print(_ text: String, paging: Bool = true) {
        guard let size = terminalSize() else { FileHandle.standardOutput.write(text); return }
        let wrapped = wrap(text, width: size.columns)
        let lines = wrapped.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        if paging, lines >= size.rows, page(wrapped) { return }
        FileHandle.standardOutput.write(wrapped)
    }

    /// Each line of `text` broken before the word that would pass `width` columns (a word
    /// longer than a line is left whole: cutting it would garble a URL). Columns are counted
    /// in characters; ANSI escape sequences count none.
    static func wrap(_ text: String, width: Int) -> String {
        guard width > 8 else { return text }
        var out = ""
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if i > 0 { out += "\n" }
            // A continued line keeps the indentation of its first (a result's passage stays indented).
            let indent = String(line.prefix { $0 == " " })
            let body = line.dropFirst(indent.count)
            out += indent
            var column = indent.count
            for (j, word) in body.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
                let w = visibleWidth(word)
                if j > 0 {
                    if column > indent.count && column + 1 + w > width {
                        out += "\n" + indent; column = indent.count
                    } else {
                        out += " "; column += 1
                    }
                }
                out += word
                column += w
            }
        }
        return out
    }

    private static func visibleWidth(_ word: Substring) -> Int {
        var count = 0, inEscape = false
        for c in word.unicodeScalars {
            if inEscape { if c.value >= 0x40 && c.value <= 0x7E && c != "[" { inEscape = false }; continue }
            if c == "\u{1B}" { inEscape = true; continue }
            count += 1
        }
        return count
    }

    /// Runs the pager on `text`; false when it could not start (the text is printed instead).
    private static func page(_ text: String) -> Bool {
        let env = ProcessInfo.processInfo.environment
        let pager = env["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -R"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", pager]
        let pipe = Pipe()
        process.standardInput = pipe
        do { try process.run() } catch { return false }
        // A pager quit before the end closes the pipe: that is no error, so no SIGPIPE either.
        signal(SIGPIPE, SIG_IGN)
        let fd = pipe.fileHandleForWriting.fileDescriptor
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes = bytes.dropFirst(n)
        }
        try? pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        return true
    }
}
