import Foundation
import MSearchCLI
import MSearchTestSupport
import Testing

/// Every input a fuzzer ever crashed on, kept in `Fuzz/*/regressions`, replayed through the
/// fuzz harnesses' own checks (MSearchCLI's `PipelineCheck` and `CommandCheck`) without
/// libFuzzer: a file added there later is covered with no new test code. A regression traps
/// the test process, which fails the run; the file being replayed is printed first.
@Suite(.serialized) struct FuzzRegressionReplayTests {
    static let fuzz = TestData.packageRoot + "/Fuzz"

    /// How each harness's regressions reach a check: the whole-pipeline and command inputs as
    /// saved; a source reader's input through the whole pipeline, its format from its
    /// extension; a query through the REPL. The index readers' inputs replace a segment file
    /// of the IndexFuzzer's own index, which MSearchIndexTests/FuzzRegressionTests rebuilds.
    enum Route: Equatable { case pipeline, commands, sourceReader, query, indexFile }

    static let routes: [String: Route] = [
        "Pipeline/regressions/pipeline": .pipeline,
        "Pipeline/regressions/commands": .commands,
        "Sources/regressions": .sourceReader,
        "QueryParser/regressions": .query,
        "Index/regressions": .indexFile,
    ]

    /// Every regressions folder (and subfolder holding files), relative to Fuzz/.
    static func regressionFolders() throws -> [String] {
        var folders: Set<String> = []
        let fm = FileManager.default
        for package in try fm.contentsOfDirectory(atPath: fuzz) {
            let top = "\(package)/regressions"
            guard let walker = fm.enumerator(atPath: fuzz + "/" + top) else { continue }
            while let relative = walker.nextObject() as? String {
                var isDirectory: ObjCBool = false
                fm.fileExists(atPath: fuzz + "/" + top + "/" + relative, isDirectory: &isDirectory)
                if !isDirectory.boolValue {
                    let folder = (relative as NSString).deletingLastPathComponent
                    folders.insert(folder.isEmpty ? top : top + "/" + folder)
                }
            }
        }
        return folders.sorted()
    }

    static func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fuzz + "/" + folder).sorted()
            .map { fuzz + "/" + folder + "/" + $0 }
            .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue }
    }

    @Test func everyRegressionsFolderHasAReplayRoute() throws {
        let folders = try FuzzRegressionReplayTests.regressionFolders()
        #expect(folders.contains("Sources/regressions"))
        for folder in folders {
            #expect(FuzzRegressionReplayTests.routes[folder] != nil, "no replay route for Fuzz/\(folder)")
        }
    }

    @Test func regressionsReplayWithoutATrap() throws {
        let replayed = try FuzzRegressionReplayTests.replay(FuzzRegressionReplayTests.routes)
        #expect(replayed >= 4)   // the Sources and QueryParser inputs at least
    }

    /// Crash inputs whose fixes are not merged yet (`Fuzz/Pipeline/unfixed`), replayed only when
    /// `MSEARCH_REPLAY_UNFIXED=1`: once this passes, they belong in `regressions/`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MSEARCH_REPLAY_UNFIXED"] == "1"))
    func unfixedInputsReplayWhenAsked() throws {
        let replayed = try FuzzRegressionReplayTests.replay([
            "Pipeline/unfixed/pipeline": .pipeline, "Pipeline/unfixed/commands": .commands,
        ])
        #expect(replayed >= 1)
    }

    /// Replays every file of the routed folders; returns how many.
    static func replay(_ routes: [String: Route]) throws -> Int {
        let work = TemporaryDirectory("fuzz-replay")
        let pipeline = try PipelineCheck(workDirectory: work.sub("pipeline"))
        let commands = try CommandCheck(workDirectory: work.sub("commands"))
        var replayed = 0
        for (folder, route) in routes.sorted(by: { $0.key < $1.key }) where route != .indexFile {
            guard FileManager.default.fileExists(atPath: FuzzRegressionReplayTests.fuzz + "/" + folder) else { continue }
            for file in try FuzzRegressionReplayTests.files(in: folder) {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
                print("replaying Fuzz/\(folder)/\((file as NSString).lastPathComponent)")
                switch route {
                case .pipeline: pipeline.run(bytes)
                case .commands: commands.run(bytes)
                case .sourceReader:
                    let ext = (file as NSString).pathExtension.lowercased()
                    let selector = try #require(PipelineCheck.formatByte(forExtension: ext), "no format for \(file)")
                    pipeline.run([selector] + bytes)
                case .query: commands.run(Array("\n".utf8) + bytes)
                case .indexFile: continue
                }
                replayed += 1
            }
        }
        return replayed
    }

    /// The checks must be able to fail: a document the pipeline indexed is found by its own word.
    @Test func pipelineCheckIndexesAndSearchesTheInput() throws {
        let work = TemporaryDirectory("fuzz-replay-words")
        let pipeline = try PipelineCheck(workDirectory: work.sub("pipeline"))
        #expect(pipeline.queries(from: Array("Havana talks resume\nbody".utf8)).contains("\"Havana talks\""))
        pipeline.run([0] + Array("Havana talks resume\nThe minister met officials.".utf8))
        // "*" is a syntax error or all; the first word query is the third
        #expect(pipeline.lastTotals.count >= 3)
        #expect(pipeline.lastTotals[2] == 1)
    }
}
