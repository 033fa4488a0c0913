import Foundation
import Testing
@testable import MSearchSources

/// Inputs the libFuzzer harnesses in Fuzz/Sources once crashed on (kept in Fuzz/Sources/regressions).
@Suite struct FuzzRegressionTests {
    /// A "<!DOCTYPE" that swallows the markup leaves libxml2 with no root element; the title
    /// heuristics then looked for <h1> under node -1 and trapped (found by HTMLFuzzer).
    @Test func htmlWithoutARootElementIsAProblemOrADocumentNotATrap() {
        let input = """
            <!DOCTYPEcitation ullamco laboris nisi ut aliquip ex ea commodo
                  consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse
                  2246206?color=ffffff+title=0+byline=0+portrait=0"
                        width="5aecat cupidatat non
                  proident, sunt in culpa qui officia deserunt mollit anim id est laborum.
                </div>
              </article>
            </body>
            </html>
            """
        let r = SourceReader.readAll(bytes: Array(input.utf8), path: "page.html", format: .html)
        #expect(r.documents.count + r.problems.count >= 1)
        for d in r.documents { #expect(!d.id.isEmpty) }
    }
}
