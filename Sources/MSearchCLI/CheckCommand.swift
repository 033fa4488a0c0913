import ArgumentParser
import Foundation
import MSearchIndex

/// `msearch check`: verifies every file of an index, byte for byte.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the index: every file's checksum and the structures inside.",
        discussion: """
        Checks each file's footer and CRC-32, then the structures: sorted terms, postings that \
        decode to increasing document numbers, positions inside their documents, stored \
        documents that decompress, tombstones and statistics that agree with the manifest. \
        Prints one line per file: ok, DAMAGED (rebuild), or UNREADABLE (a permission problem, \
        not damage).

        Exit status: 0 when the index is healthy, 2 when it is not.
        """
    )

    @OptionGroup var indexOption: IndexOption

    @Flag(name: .shortAndLong, help: "Print only damaged files and the verdict.")
    var quiet = false

    func run() throws {
        let index = indexOption.directory
        guard DurableFile.exists(Manifest.path(in: index)) else { throw IndexError.missing(directory: index) }
        let started = Date()
        var report = IndexChecker.check(directory: index)
        // A writer committing meanwhile may delete files of the snapshot being checked: check
        // the new one then, rather than report its vanished files as damage.
        for _ in 0..<5 where !report.isHealthy {
            guard let now = try? Manifest.load(from: index), now.generation != report.generation else { break }
            report = IndexChecker.check(directory: index)
        }
        if !quiet {
            print("index \(index): generation \(report.generation), \(report.segmentCount) segment\(report.segmentCount == 1 ? "" : "s"), \(report.documentCount) documents")
        }
        for f in report.files where !quiet || f.problem != nil {
            if let problem = f.problem, f.unreadable {
                print("UNREADABLE \(index)/\(f.name): \(problem)")
            } else if let problem = f.problem {
                print("DAMAGED  \(index)/\(f.name): \(problem)")
            } else {
                print("ok       \(f.name) (\(f.bytes) bytes)")
            }
        }
        if !report.leftovers.isEmpty && !quiet {
            print("note: \(report.leftovers.count) file\(report.leftovers.count == 1 ? "" : "s") not in the index (left by an interrupted run; the next `msearch index` removes them)")
        }
        let bytes = report.files.reduce(0) { $0 + $1.bytes }
        let took = String(format: "%.2f", Date().timeIntervalSince(started))
        if report.isHealthy {
            print("healthy: \(report.files.count) files, \(String(format: "%.1f", Double(bytes) / 1e6)) MB verified in \(took) s")
        } else if report.damaged.isEmpty {
            // Nothing found wrong, but not everything could be read: no reason to rebuild.
            print("UNREADABLE: \(report.unreadable.count) of \(report.files.count) files cannot be read (permissions); give this user read access and check again")
            throw ExitCode(ExitStatus.error)
        } else {
            print("DAMAGED: \(report.damaged.count) of \(report.files.count) files; rebuild with `msearch index --rebuild --index \(index) PATH…`")
            throw ExitCode(ExitStatus.error)
        }
    }
}
