import CEditline
import Foundation

/// Reads the REPL's lines: with libedit's line editing, history and tab completion on a
/// terminal, or plainly from a pipe so scripts and `tmux send-keys` can drive it.
final class LineEditor {
    let interactive: Bool
    private let historyPath: String?
    private var pipeLines: LineReader?
    /// Offers completions for the word being typed, given the whole line so far.
    nonisolated(unsafe) static var completer: ((String, String) -> [String])?

    init(historyPath: String?) {
        interactive = isatty(STDIN_FILENO) != 0
        self.historyPath = historyPath
        if interactive {
            // libedit edits multibyte text only in a UTF-8 locale; names like "Díaz-Canel" need it.
            let current = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
            if !current.uppercased().contains("UTF-8") && !current.uppercased().contains("UTF8") {
                setlocale(LC_CTYPE, "C.UTF-8")
            }
            // Ctrl-C while typing abandons the line: libedit returns from readline() and the
            // loop below offers a fresh prompt instead of ending the session.
            signal(SIGINT) { _ in LineEditor.interrupted = 1 }
            rl_attempted_completion_function = { text, start, end in
                guard let text else { return nil }
                let word = String(cString: text)
                let line = rl_line_buffer.map { String(cString: $0) } ?? ""
                let options = LineEditor.completer?(line, word) ?? []
                rl_attempted_completion_over = 1
                guard !options.isEmpty else { return nil }
                // readline's convention: [common prefix, match…, NULL], malloc'ed.
                let list = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: options.count + 2)
                list[0] = strdup(LineEditor.commonPrefix(options))
                for (i, o) in options.enumerated() { list[i + 1] = strdup(o) }
                list[options.count + 1] = nil
                return list
            }
            stifle_history(1000)
            if let historyPath { read_history(historyPath) }
        } else {
            pipeLines = LineReader(.standardInput)
        }
    }

    nonisolated(unsafe) static var interrupted: sig_atomic_t = 0

    /// The next line, or nil at end of input (Ctrl-D).
    func readLine(prompt: String) -> String? {
        guard interactive else { return pipeLines?.next() }
        var raw: UnsafeMutablePointer<CChar>?
        while true {
            LineEditor.interrupted = 0
            raw = readline(prompt)
            if raw == nil && LineEditor.interrupted != 0 {
                FileHandle.standardOutput.write("\n")
                continue
            }
            break
        }
        guard let raw else { return nil }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.trimmingCharacters(in: .whitespaces).isEmpty {
            add_history(raw)
            if let historyPath {
                // Append-and-trim keeps the file short and shared between sessions.
                write_history(historyPath)
                history_truncate_file(historyPath, 1000)
            }
        }
        return line
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for w in words.dropFirst() {
            while !w.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// ~/.local/state/msearch/history (XDG), created on first use.
    static func defaultHistoryPath() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let path = env["MSEARCH_HISTORY"] { return path.isEmpty ? nil : path }
        let base = env["XDG_STATE_HOME"] ?? (env["HOME"].map { $0 + "/.local/state" })
        guard let base else { return nil }
        let dir = base + "/msearch"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/history"
    }
}
