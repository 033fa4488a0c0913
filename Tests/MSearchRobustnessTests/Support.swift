import Foundation
import MSearchTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The Reuters-21578 SGML files in ../shared/corpora, or none where ../shared is absent.
var reutersFiles: [String] {
    guard TestData.shared != nil else { return [] }
    let dir = TestData.corpus("reuters21578")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    return names.filter { $0.hasSuffix(".sgm") }.sorted().map { dir + "/" + $0 }
}

/// A running (or finished) child process: `msearch` (or `executable`) started with
/// posix_spawn, so a test can kill it with SIGKILL at any moment and read its peak memory.
final class Child {
    let pid: pid_t
    let outPath: String
    let errPath: String
    private(set) var finished: Outcome?

    struct Outcome {
        var status: Int32?      // exit status, when it exited
        var signal: Int32?      // the signal that ended it, when one did
        var maxRSSKilobytes: Int
        var stdout: String
        var stderr: String
        var exitedNormally: Bool { status != nil }
    }

    /// Starts `msearch arguments…` with extra environment variables; output goes to files.
    init(_ arguments: [String], environment: [String: String] = [:], executable: String = MSearchBinary.path) throws {
        let tmp = NSTemporaryDirectory() + "msearch-child-" + UUID().uuidString
        outPath = tmp + ".out"
        errPath = tmp + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard rc == 0 else { throw NSError(domain: "posix_spawn", code: Int(rc)) }
        self.pid = pid
    }

    /// Runs to completion.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        try Child(arguments, environment: environment).wait()
    }

    /// A file's text (POSIX reads: `String(contentsOfFile:)` leaks a buffer per call on Linux,
    /// which cluttered the AddressSanitizer report).
    static func readAll(_ path: String) -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func kill(_ signal: Int32 = SIGKILL) { _ = Glibc.kill(pid, signal) }

    /// Whether the child has ended (reaps it if so).
    func poll() -> Bool {
        if finished != nil { return true }
        return reap(options: WNOHANG)
    }

    @discardableResult
    func wait() -> Outcome {
        if let finished { return finished }
        _ = reap(options: 0)
        return finished!
    }

    private func reap(options: Int32) -> Bool {
        var status: Int32 = 0
        var usage = rusage()
        var r: pid_t
        repeat { r = wait4(pid, &status, options, &usage) } while r < 0 && errno == EINTR
        guard r == pid else { return false }
        let signal = status & 0x7f
        let out = Child.readAll(outPath), err = Child.readAll(errPath)
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
        finished = Outcome(status: signal == 0 ? (status >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal,
                           maxRSSKilobytes: Int(usage.ru_maxrss), stdout: out, stderr: err)
        return true
    }
}

/// Deterministic pseudo-random articles: a small vocabulary with a Zipf-like skew, so queries
/// have common and rare terms, ties and phrases.
struct Corpus {
    static let vocabulary = """
        havana cuba talks visa flights deportation migrants border minister president embassy \
        sanctions trade oil prices market bank rate inflation election vote parliament court \
        ruling protest strike union workers farmers wheat corn harvest drought storm flood \
        hospital vaccine doctors schools teachers students police arrest trial verdict judge \
        army troops ceasefire peace treaty summit leaders exports imports tariff dollar euro \
        shares profit loss merger company factory jobs unemployment budget tax reform energy
        """.split(separator: " ").map(String.init)

    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { random.next() }

    mutating func word() -> String {
        // Skewed: low indices far more often.
        let r = Double(next() % 1_000_000) / 1_000_000
        return Corpus.vocabulary[Int(r * r * Double(Corpus.vocabulary.count))]
    }

    mutating func article(words: Int) -> String {
        let title = (0..<4).map { _ in word() }.joined(separator: " ").capitalized
        var body = ""
        for i in 0..<words {
            body += word()
            body += i % 12 == 11 ? ".\n" : " "
        }
        return title + "\n" + body
    }

    /// Writes `count` text files `dir/prefix-NNNN.txt`.
    mutating func writeFiles(_ count: Int, in dir: String, prefix: String, words: ClosedRange<Int>) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for i in 0..<count {
            let n = words.lowerBound + Int(next() % UInt64(words.count))
            try article(words: n).write(toFile: dir + "/\(prefix)-\(String(format: "%04d", i)).txt", atomically: false, encoding: .utf8)
        }
    }
}

/// Copies a directory tree (an index snapshot).
func copyTree(_ from: String, to: String) throws {
    try? FileManager.default.removeItem(atPath: to)
    try FileManager.default.copyItem(atPath: from, toPath: to)
}

/// `msearch batch --format jsonl` answers without timings: what "answers the same" compares.
func answers(index: String, queries: String, limit: Int = 20) throws -> [String] {
    let r = try Child.run(["batch", "--index", index, "--format", "jsonl", "--limit", "\(limit)", queries])
    guard r.status == 0 || r.status == 2 else {
        return ["batch exited with \(r.status.map(String.init) ?? "signal \(r.signal!)"): \(r.stderr)"]
    }
    return r.stdout.split(separator: "\n").map { line in
        guard var object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return String(line) }
        object.removeValue(forKey: "took_ms")
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    } + (r.status == 0 ? [] : ["status \(r.status!): \(r.stderr)"])
}

/// Files in an index directory that its manifest does not name (leftovers).
func unnamedFiles(in index: String) throws -> [String] {
    let data = try Data(contentsOf: URL(fileURLWithPath: index + "/manifest.json"))
    let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    var named: Set<String> = ["manifest.json", "write.lock", "msearch-index"]
    if let c = manifest["catalog"] as? String { named.insert(c) }
    if let g = (manifest["gazetteer"] as? [String: Any])?["file"] as? String { named.insert(g) }
    if let k = (manifest["clusters"] as? [String: Any])?["file"] as? String { named.insert(k) }
    for s in manifest["segments"] as? [[String: Any]] ?? [] {
        let name = s["name"] as? String ?? ""
        for ext in ["terms", "post", "pos", "store", "cols"] { named.insert("\(name).\(ext)") }
        if let d = (s["deletes"] as? [String: Any])?["file"] as? String { named.insert(d) }
    }
    return try FileManager.default.contentsOfDirectory(atPath: index).filter { !named.contains($0) }.sorted()
}

/// Monotonic seconds.
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

import MSearchIndex
import MSearchQuery
import MSearchSearch

/// One answer per query, computed in-process: total, then id and exact score of each hit.
/// Cheap enough to run after every kill of the crash test.
func rankings(index: String, queries: [String], limit: Int = 20) throws -> [String] {
    let reader = try IndexReader(directory: index)
    let searcher = try Searcher(reader: reader)
    return try queries.map { q in
        let r = try searcher.search(try QueryParser().parse(q), limit: limit)
        return "\(r.total)|" + r.hits.map { "\(reader.externalId($0.doc)):\($0.score)" }.joined(separator: "|")
    }
}
