import Testing
@testable import MSearchSources

/// Where a date sits on a page, from its ancestors nearest first: the one verdict both HTML trees use.
@Suite struct DatePlacementTests {
    typealias Ancestor = DatePlacement.Ancestor

    func verdict(_ ancestors: [(DatePlacement.Role, String)], unlikely: Int? = nil) -> DatePlacement.Verdict {
        DatePlacement.verdict(ancestors.enumerated().map { i, a in
            Ancestor(role: a.0, classValues: a.1.isEmpty ? [] : [a.1], strongUnlikely: i == unlikely)
        })
    }

    @Test func theArticleAndTheRestOfThePage() {
        #expect(verdict([(.other, "byline"), (.article, ""), (.frame, "")]) == .article)
        #expect(verdict([(.other, "meta"), (.articleRegion, ""), (.frame, "")]) == .article)
        #expect(verdict([(.other, "byline"), (.other, "hentry"), (.frame, "")]) == .article)
        #expect(verdict([(.other, "byline"), (.other, "wrapper"), (.frame, "")]) == .page)
    }

    @Test func aFooterIsThePagesOutsideAnEntryAndTheEntrysInsideIt() {
        #expect(verdict([(.other, ""), (.footer, ""), (.frame, "")]) == .footer)
        #expect(verdict([(.other, "site-footer"), (.frame, "")]) == .footer)
        #expect(verdict([(.other, ""), (.footer, ""), (.article, ""), (.frame, "")]) == .article)
        // a footer named for the post holds the post's own byline
        #expect(verdict([(.other, "post-footer"), (.other, "wrapper"), (.frame, "")]) == .page)
        // a widget inside an entry is its layout, outside it the blog's post list
        #expect(verdict([(.other, "widget"), (.article, "")]) == .article)
        #expect(verdict([(.other, "widget"), (.other, "main")]) == .otherContent)
    }

    @Test func commentsTeasersAsidesAndNavigationAreOtherContent() {
        #expect(verdict([(.other, "comment-meta"), (.article, ""), (.frame, "")]) == .otherContent)
        #expect(verdict([(.other, "related-posts"), (.frame, "")]) == .otherContent)
        #expect(verdict([(.other, ""), (.aside, ""), (.frame, "")]) == .otherContent)
        #expect(verdict([(.other, ""), (.other, "x"), (.frame, "")], unlikely: 1) == .otherContent)
        // a comment inside the page's footer is still a comment
        #expect(verdict([(.other, "comment"), (.footer, "")]) == .otherContent)
    }

    @Test func thePageFramesClassesDescribeTheLayout() {
        #expect(verdict([(.other, "byline"), (.frame, "sidebar-second hentry")]) == .page)
        #expect(verdict([(.other, ""), (.frame, "")], unlikely: 1) == .page)
    }
}
