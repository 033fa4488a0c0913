import Foundation
import MSearchIndexing

/// One self-overwriting line on stderr while an index run works: files done of all, documents
/// added, read throughput and (once a few files are done) the time left. Drawn only when stderr
/// is a terminal, at most ten times a second; cleared before the summary is printed. Problems
/// are not drawn: `msearch index` lists them after the run.
final class IndexingProgress: IndexingReporter {
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private var totalFiles = 0
    private var totalBytes = 0

    init(enabled: Bool = isatty(STDERR_FILENO) != 0) {
        self.enabled = enabled
    }

    func found(files: Int, bytes: Int) {
        totalFiles = files
        totalBytes = bytes
    }

    func progress(_ report: IndexingRun.Report, filesDone: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
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

    func committing() {
        guard enabled else { return }
        FileHandle.standardError.write("\r\u{1B}[K" + "committing …")
        drawn = true
    }

    func committed() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write("\r\u{1B}[K")
        drawn = false
    }
}
