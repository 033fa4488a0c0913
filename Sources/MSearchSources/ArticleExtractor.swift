import Foundation

/// Finds the article in a page and returns its text, leaving out navigation, headers and
/// footers, sidebars, comments, share buttons and other boilerplate.
///
/// A port of the core of Mozilla Readability (the reader view of Firefox): paragraphs score
/// their ancestors by length and commas, class/id names push scores up ("article", "content")
/// or down ("comment", "sidebar"), link-heavy blocks are discounted, the best container and its
/// worthy siblings form the article, which is then cleaned of link lists, forms and the like.
/// When that yields too little text (< 500 characters), it retries with fewer of its aggressive
/// steps and keeps the longest result; cookie/consent/newsletter widgets, <nav>, <aside> and
/// dialogs are dropped in every attempt. Tested against Readability's own expected output and
/// the Zyte article-extraction benchmark (see CorpusTests).
struct ArticleExtractor {
    struct Agg {
        var text: Int32 = 0
        var link: Double = 0
        var commas: Int32 = 0
        var p: Int32 = 0, img: Int32 = 0, li: Int32 = 0, input: Int32 = 0, embed: Int32 = 0
        var heading: Int32 = 0, textish: Int32 = 0, list: Int32 = 0

        static func - (a: Agg, b: Agg) -> Agg {
            var r = a
            r.text -= b.text; r.link -= b.link; r.commas -= b.commas; r.p -= b.p; r.img -= b.img; r.li -= b.li
            r.input -= b.input; r.embed -= b.embed; r.heading -= b.heading; r.textish -= b.textish; r.list -= b.list
            return r
        }
    }

    struct Flags { var strip = true, weight = true, clean = true }

    let tree: HTMLTree
    let title: String
    var removed: [Bool] = []
    var agg: [Agg] = []
    var score: [Double] = []
    var initialized: [Bool] = []
    var isRoot: [Bool] = []

    init(tree: HTMLTree, title: String) {
        self.tree = tree
        self.title = title
    }

    /// The article text, paragraphs separated by "\n".
    mutating func extract() -> String {
        guard tree.root >= 0 else { return "" }
        let attempts = [Flags(), Flags(strip: false), Flags(strip: false, weight: false),
                        Flags(strip: false, weight: false, clean: false)]
        var best: [Int32] = []
        var bestRemoved: [Bool] = []
        var bestLength: Int32 = -1
        for flags in attempts {
            let roots = grab(flags)
            var length: Int32 = 0
            for r in roots { length += agg[Int(r)].text }
            if length > bestLength {
                best = roots; bestRemoved = removed; bestLength = length
            }
            if bestLength >= 500 { break }
        }
        removed = bestRemoved
        return render(best)
    }


    func render(_ roots: [Int32]) -> String {
        var out = TextBuilder(capacity: 8192)
        for r in roots {
            tree.appendText(r, to: &out, skip: { removed[Int($0)] })
            out.breakParagraph()
        }
        return ArticleExtractor.dropBoilerplateLines(out.string())
    }

    /// Lines that are widget labels rather than text ("Advertisement", "Share", "Image 1 of 8").
    /// Repeated lines stay: choruses, refrains and repeated captions are the page's own text.
    static func dropBoilerplateLines(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        var kept: [Substring] = []
        kept.reserveCapacity(lines.count)
        for l in lines {
            if l.utf8.count <= 40 {
                if junkLines.contains(l.lowercased().trimmingCharacters(in: junkTrim)) || isImageCounter(l) { continue }
            }
            kept.append(l)
        }
        if kept.count == lines.count { return text }
        return kept.joined(separator: "\n")
    }

    static let junkTrim = CharacterSet(charactersIn: " .:…»›>|-")
    static let junkLines: Set<String> = [
        "advertisement", "advertisements", "advertising", "ad", "ads", "sponsored", "sponsored content",
        "anzeige", "werbung", "publicité", "publicidad", "caption", "close", "hide caption", "toggle caption",
        "enlarge this image", "loading", "continue reading the main story", "continue reading", "read more",
        "share", "share this", "share this article", "share this story", "share on facebook", "share on twitter",
        "tweet", "print", "email", "e-mail", "comments", "skip advertisement", "skip to main content",
        "story continues below advertisement", "article continues below advertisement",
        "scroll to continue with content", "related", "related articles", "related stories", "more on this",
        "recommended", "trending", "topics", "view comments", "leave a comment", "photo", "video",
    ]

    /// "Image 1 of 8", "Image 3 of / 8", "1 / 8".
    static func isImageCounter(_ l: Substring) -> Bool {
        let lower = l.lowercased()
        guard lower.hasPrefix("image ") || lower.hasPrefix("photo ") || lower.hasPrefix("slide ") || lower.first?.isNumber == true else { return false }
        return lower.contains(" of ") || lower.contains(" / ") ? lower.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || $0 == "/" } : false
    }

    // MARK: aggregates

    mutating func computeAgg(_ n: Int32) {
        let node = tree.nodes[Int(n)]
        var a = Agg()
        if node.tag == .text {
            a.text = tree.textLen[Int(n)]
            a.commas = tree.textCommas[Int(n)]
            agg[Int(n)] = a
            return
        }
        for c in node.children where !removed[Int(c)] {
            computeAgg(c)
            let ca = agg[Int(c)]
            let ct = tree.nodes[Int(c)].tag
            a.text += ca.text; a.link += ca.link; a.commas += ca.commas
            a.p += ca.p; a.img += ca.img; a.li += ca.li; a.input += ca.input; a.embed += ca.embed
            a.heading += ct.isHeading ? ca.text : ca.heading
            a.textish += ArticleExtractor.isTextish(ct) ? ca.text : ca.textish
            a.list += (ct == .ul || ct == .ol) ? ca.text : ca.list
        }
        switch node.tag {
        case .p: a.p += 1
        case .img: a.img += 1
        case .li: a.li += 1
        case .input: a.input += 1
        case .embed: a.embed += 1
        case .a: a.link = Double(a.text) * (node.flags & HTMLTree.hashLink != 0 ? 0.3 : 1)
        default: break
        }
        agg[Int(n)] = a
    }

    static func isTextish(_ t: HTag) -> Bool {
        switch t {
        case .span, .li, .td, .blockquote, .dl, .div, .img, .ol, .p, .pre, .table, .ul: return true
        default: return false
        }
    }

    func linkDensity(_ n: Int32) -> Double {
        let a = agg[Int(n)]
        return a.text > 0 ? a.link / Double(a.text) : 0
    }

    /// Removes a subtree and keeps the ancestors' sums right.
    mutating func remove(_ n: Int32) {
        guard !removed[Int(n)] else { return }
        removed[Int(n)] = true
        let a = agg[Int(n)]
        var p = tree.nodes[Int(n)].parent
        while p >= 0 {
            agg[Int(p)] = agg[Int(p)] - a
            p = tree.nodes[Int(p)].parent
        }
    }

    /// Non-removed nodes under `n` (inclusive) in document order.
    func preorder(_ n: Int32, _ visit: (Int32) -> Void) {
        var stack: [Int32] = [n]
        while let x = stack.popLast() {
            if removed[Int(x)] { continue }
            visit(x)
            let kids = tree.nodes[Int(x)].children
            var i = kids.count - 1
            while i >= 0 { stack.append(kids[i]); i -= 1 }
        }
    }

    // MARK: grabbing

    mutating func grab(_ flags: Flags) -> [Int32] {
        let n = tree.nodes.count
        removed = Array(repeating: false, count: n)
        agg = Array(repeating: Agg(), count: n)
        score = Array(repeating: 0, count: n)
        initialized = Array(repeating: false, count: n)
        isRoot = Array(repeating: false, count: n)

        for i in 0..<n {
            let f = tree.nodes[i].flags
            // Cookie banners, navigation and sidebars go in every attempt; the other boilerplate
            // patterns only in the first (they misfire on some pages). An <aside>/<nav> holding the
            // <article> is no sidebar.
            if f & HTMLTree.strongUnlikely != 0 && f & HTMLTree.holdsArticle == 0
                || (flags.strip && f & HTMLTree.unlikely != 0) {
                removed[i] = true
            }
        }
        computeAgg(tree.root)

        // The byline and the heading that repeats the title are not body text.
        var bylineDone = false, headingDone = title.isEmpty
        var toRemove: [Int32] = []
        preorder(tree.root) { x in
            let node = tree.nodes[Int(x)]
            if !bylineDone, node.flags & HTMLTree.byline != 0, agg[Int(x)].text > 0, agg[Int(x)].text < 100 {
                bylineDone = true; toRemove.append(x)
            } else if !headingDone, node.tag == .h1 || node.tag == .h2,
                      ArticleExtractor.similarity(title, tree.textOf(x)) > 0.75 {
                headingDone = true; toRemove.append(x)
            }
        }
        for x in toRemove { remove(x) }

        // Score paragraphs into their ancestors.
        var candidates: [Int32] = []
        preorder(tree.root) { x in
            let tag = tree.nodes[Int(x)].tag
            switch tag {
            case .p, .td, .pre, .section, .h2, .h3, .h4, .h5, .h6: break
            default: return
            }
            let a = agg[Int(x)]
            guard a.text >= 25 else { return }
            let contentScore = 1.0 + Double(a.commas + 1) + Double(min(a.text / 100, 3))
            var anc = tree.nodes[Int(x)].parent
            var level = 0
            while anc >= 0, level < 5 {
                let parentOfAnc = tree.nodes[Int(anc)].parent
                if parentOfAnc >= 0 {
                    if !initialized[Int(anc)] {
                        initialize(anc, flags)
                        candidates.append(anc)
                    }
                    let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level * 3)
                    score[Int(anc)] += contentScore / divider
                }
                anc = parentOfAnc
                level += 1
            }
        }
        var top: [Int32] = []
        for c in candidates {
            score[Int(c)] *= (1 - linkDensity(c))
        }
        top = candidates.sorted { score[Int($0)] > score[Int($1)] }
        if top.count > 5 { top.removeLast(top.count - 5) }

        let body = tree.body
        var topCandidate: Int32 = top.first ?? -1
        var roots: [Int32] = []
        if topCandidate < 0 || tree.nodes[Int(topCandidate)].tag == .body || topCandidate == tree.root {
            roots = tree.nodes[Int(body)].children.filter { !removed[Int($0)] }
        } else {
            // Several good candidates sharing an ancestor: that ancestor is the article.
            let topScore = score[Int(topCandidate)]
            var alternativeAncestors: [[Int32]] = []
            for c in top.dropFirst() where topScore > 0 && score[Int(c)] / topScore >= 0.75 {
                alternativeAncestors.append(ancestors(of: c))
            }
            if alternativeAncestors.count >= 3 {
                var p = tree.nodes[Int(topCandidate)].parent
                while p >= 0, tree.nodes[Int(p)].tag != .body {
                    let lists = alternativeAncestors.filter { $0.contains(p) }.count
                    if lists >= 3 { topCandidate = p; break }
                    p = tree.nodes[Int(p)].parent
                }
            }
            if !initialized[Int(topCandidate)] { initialize(topCandidate, flags) }
            // Walk up while the parents' scores rise: more content may sit beside the candidate.
            var parent = tree.nodes[Int(topCandidate)].parent
            var lastScore = score[Int(topCandidate)]
            let threshold = lastScore / 3
            while parent >= 0, tree.nodes[Int(parent)].tag != .body {
                if !initialized[Int(parent)] { parent = tree.nodes[Int(parent)].parent; continue }
                let ps = score[Int(parent)]
                if ps < threshold { break }
                if ps > lastScore { topCandidate = parent; break }
                lastScore = ps
                parent = tree.nodes[Int(parent)].parent
            }
            // An only child: take the parent, so sibling joining sees the real neighbours.
            parent = tree.nodes[Int(topCandidate)].parent
            while parent >= 0, tree.nodes[Int(parent)].tag != .body, elementChildren(parent).count == 1 {
                topCandidate = parent
                parent = tree.nodes[Int(topCandidate)].parent
            }
            if !initialized[Int(topCandidate)] { initialize(topCandidate, flags) }

            // Siblings that look like part of the article join it.
            let topScoreNow = score[Int(topCandidate)]
            let siblingThreshold = max(10, topScoreNow * 0.2)
            let topClass = tree.nodes[Int(topCandidate)].className
            if parent >= 0 {
                for s in elementChildren(parent) {
                    var append = false
                    if s == topCandidate {
                        append = true
                    } else {
                        var bonus = 0.0
                        if !topClass.isEmpty, tree.nodes[Int(s)].className == topClass { bonus += topScoreNow * 0.2 }
                        if initialized[Int(s)], score[Int(s)] + bonus >= siblingThreshold {
                            append = true
                        } else if tree.nodes[Int(s)].tag == .p {
                            let ld = linkDensity(s)
                            let len = agg[Int(s)].text
                            if len > 80 && ld < 0.25 {
                                append = true
                            } else if len < 80, len > 0, ld == 0, ArticleExtractor.hasSentenceEnd(tree.textOf(s)) {
                                append = true
                            }
                        }
                    }
                    if append { roots.append(s) }
                }
            } else {
                roots = [topCandidate]
            }
        }
        for r in roots { isRoot[Int(r)] = true }
        prepare(roots, flags)
        return roots.filter { !removed[Int($0)] }
    }

    func elementChildren(_ n: Int32) -> [Int32] {
        tree.nodes[Int(n)].children.filter { !removed[Int($0)] && tree.nodes[Int($0)].tag != .text }
    }

    func ancestors(of n: Int32) -> [Int32] {
        var out: [Int32] = []
        var p = tree.nodes[Int(n)].parent
        while p >= 0 { out.append(p); p = tree.nodes[Int(p)].parent }
        return out
    }

    mutating func initialize(_ n: Int32, _ flags: Flags) {
        initialized[Int(n)] = true
        var s = 0.0
        switch tree.nodes[Int(n)].tag {
        case .div: s = 5
        case .pre, .td, .blockquote: s = 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: s = -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: s = -5
        default: break
        }
        if flags.weight { s += Double(tree.nodes[Int(n)].weight) }
        score[Int(n)] = s
    }

    // MARK: cleaning

    /// Readability's _prepArticle, as far as it matters for text.
    mutating func prepare(_ roots: [Int32], _ flags: Flags) {
        func collect(_ match: (Int32, HTMLTree.Node) -> Bool) -> [Int32] {
            var out: [Int32] = []
            for r in roots { preorder(r) { x in if match(x, tree.nodes[Int(x)]) { out.append(x) } } }
            return out
        }
        if flags.clean {
            cleanConditionally(collect { _, n in n.tag == .form || n.tag == .fieldset }, flags)
        }
        // Never article text: footers, asides, navigation, embeds (other than videos), inputs.
        for x in collect({ _, n in
            n.flags & HTMLTree.holdsArticle == 0 && (n.tag == .footer || n.tag == .aside || n.tag == .nav || n.tag == .dialog || n.tag == .input
                || (n.tag == .embed && n.flags & HTMLTree.videoEmbed == 0))
        }) { remove(x) }
        // Share widgets.
        for r in roots {
            var hits: [Int32] = []
            preorder(r) { x in
                if x != r, ReadabilityPatterns.matches(tree.nodes[Int(x)].matchString, ["share"]), agg[Int(x)].text < 500 { hits.append(x) }
            }
            for x in hits { remove(x) }
        }
        // Headings that look like boilerplate.
        if flags.weight {
            for x in collect({ _, n in (n.tag == .h1 || n.tag == .h2) && n.weight < 0 }) { remove(x) }
        }
        if flags.clean {
            cleanConditionally(collect { _, n in n.tag == .table }, flags)
            cleanConditionally(collect { _, n in n.tag == .ul || n.tag == .ol }, flags)
            cleanConditionally(collect { x, n in n.tag == .div || (isRoot[Int(x)] && !ArticleExtractor.keepsTag(n.tag)) }, flags)
        }
    }

    /// Roots of these kinds keep their tag in Readability; others become divs.
    static func keepsTag(_ t: HTag) -> Bool { t == .div || t == .article || t == .section || t == .p || t == .ol || t == .ul }

    func hasAncestor(_ n: Int32, _ test: (Int32) -> Bool) -> Bool {
        var p = n
        while !isRoot[Int(p)] {
            p = tree.nodes[Int(p)].parent
            if p < 0 { return false }
            if test(p) { return true }
        }
        return false
    }

    mutating func cleanConditionally(_ nodes: [Int32], _ flags: Flags) {
        for node in nodes.reversed() where !removed[Int(node)] {
            if shouldRemove(node, flags) { remove(node) }
        }
    }

    func shouldRemove(_ node: Int32, _ flags: Flags) -> Bool {
        let n = tree.nodes[Int(node)]
        let a = agg[Int(node)]
        let isListTag = n.tag == .ul || n.tag == .ol
        var isList = isListTag
        if !isList, a.text > 0 { isList = Double(a.list) / Double(a.text) > 0.9 }
        if n.tag == .table && n.flags & HTMLTree.dataTable != 0 { return false }
        if hasAncestor(node, { tree.nodes[Int($0)].tag == .table && tree.nodes[Int($0)].flags & HTMLTree.dataTable != 0 }) { return false }
        if hasAncestor(node, { tree.nodes[Int($0)].tag == .code }) { return false }
        var hasDataTable = false
        var videoEmbed = false
        preorder(node) { x in
            let t = tree.nodes[Int(x)]
            if x != node, t.tag == .table, t.flags & HTMLTree.dataTable != 0 { hasDataTable = true }
            if t.tag == .embed, t.flags & HTMLTree.videoEmbed != 0 { videoEmbed = true }
        }
        if hasDataTable { return false }
        let weight = flags.weight ? Int(n.weight) : 0
        if weight < 0 { return true }
        guard a.commas < 10 else { return false }
        if videoEmbed { return false }
        let p = Int(a.p) - (n.tag == .p ? 1 : 0)
        let img = Int(a.img)
        let li = Int(a.li) - 100
        let input = Int(a.input)
        let contentLength = Int(a.text)
        if contentLength < 40 {
            let t = tree.textOf(node).lowercased()
            if ArticleExtractor.adWords.contains(t) { return true }
        }
        let headingDensity = a.text > 0 ? Double(a.heading) / Double(a.text) : 0
        let ld = linkDensity(node)
        let textDensity = a.text > 0 ? Double(a.textish) / Double(a.text) : 0
        let isFigureChild = hasAncestor(node, { tree.nodes[Int($0)].tag == .figure })
        var remove = false
        if !isFigureChild && img > 1 && Double(p) / Double(img) < 0.5 { remove = true }
        if !isList && li > p { remove = true }
        if input > p / 3 { remove = true }
        if !isList && !isFigureChild && headingDensity < 0.9 && contentLength < 25 && (img == 0 || img > 2) && ld > 0 { remove = true }
        if !isList && weight < 25 && ld > 0.2 { remove = true }
        if weight >= 25 && ld > 0.5 { remove = true }
        if (a.embed == 1 && contentLength < 75) || a.embed > 1 { remove = true }
        if img == 0 && textDensity == 0 { remove = true }
        if isList && remove {
            // Lists of images stay.
            for c in elementChildren(node) where elementChildren(c).count > 1 { return remove }
            if img == Int(a.li) { return false }
        }
        return remove
    }

    static let adWords: Set<String> = ["ad", "advertising", "advertisement", "pub", "publicité", "werb", "werbung",
                                       "广告", "реклама", "anuncio", "loading", "loading…", "loading...", "正在加载",
                                       "загрузка", "chargement", "cargando"]

    static func hasSentenceEnd(_ s: String) -> Bool {
        let u = Array(s.utf8)
        for (i, b) in u.enumerated() where b == 0x2E {
            if i + 1 == u.count || u[i + 1] == 0x20 { return true }
        }
        return false
    }

    /// Readability's text similarity: the share of B's (ASCII word) tokens that also occur in A.
    static func similarity(_ a: String, _ b: String) -> Double {
        func tokens(_ s: String) -> [String] {
            s.lowercased().split(whereSeparator: { c in
                !(c.isASCII && (c.isLetter || c.isNumber || c == "_"))
            }).map(String.init)
        }
        let ta = tokens(a), tb = tokens(b)
        guard !ta.isEmpty, !tb.isEmpty else { return 0 }
        let setA = Set(ta)
        let uniqB = tb.filter { !setA.contains($0) }
        let distance = Double(uniqB.joined(separator: " ").count) / Double(tb.joined(separator: " ").count)
        return 1 - distance
    }
}
