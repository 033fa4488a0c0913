import Foundation

/// One self-overwriting line on stderr while an index run works: files done of all, documents
/// added, read throughput and (once a few files are done) the time left. Drawn only when stderr
/// is a terminal, at most ten times a second; cleared before the summary is printed.
final class IndexingProgress {
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    var totalFiles = 0
    var totalBytes = 0

    init(enabled: Bool = isatty(STDERR_FILENO) != 0) {
        self.enabled = enabled
    }

    func update(_ report: IndexingRun.Report, filesDone: Int, force: Bool = false) {
        guard enabled else { return }
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(started)
        var line = "\(filesDone)/\(totalFiles) files · \(report.documents) documents"
        if elapsed > 0.5 {
            line += String(format: " · %.1f MB/s", Double(report.bytesRead) / elapsed / 1e6)
            let done = totalBytes > 0 ? Double(report.bytesSeen) / Double(totalBytes) : Double(filesDone) / Double(max(totalFiles, 1))
            if done > 0.02 && done < 1 {
                let left = Int(elapsed / done - elapsed)
                line += String(format: " · ETA %d:%02d", left / 60, left % 60)
            }
        }
        FileHandle.standardError.write("\r\u{1B}[K" + line)
        drawn = true
    }

    func status(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write("\r\u{1B}[K" + text)
        drawn = true
    }

    func clear() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write("\r\u{1B}[K")
        drawn = false
    }
}
