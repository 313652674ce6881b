/// For each signature of a PDF, whether the revisions after its own made only changes it permits.
///
/// Every revision after the earliest signed one is compared with the revision before it once
/// (``PDFRevisionDiff``); a signature is then judged on the revisions after its own, against its DocMDP level
/// (a certification signature) or the document's certification (an approval signature; P=2 when the document is
/// not certified). A revision that cannot be analysed counts as a change that is not permitted: lienthong cannot
/// show that it is.
struct ModificationAnalysis {
    private struct Revision {
        /// Where its cross-reference section starts: every byte of the revision is at or after the previous end.
        let offset: Int64
        let diff: Diff
    }

    private enum Diff {
        case analysed(PDFRevisionDiff)
        case failed(PDFChangeProblem)
    }

    /// Later revisions analysed; beyond, signatures followed by more are "cannot be analysed".
    static let maxRevisions = 256
    /// Objects of the signed revision read to find references left dangling.
    static let maxScannedObjects = 500_000
    /// Cross-reference entries merged to rebuild the revisions (objects × later revisions).
    static let maxMergedEntries = 20_000_000

    private let document: PDFDocument
    private var revisions: [Revision] = []
    private var structureProblem: PDFChangeProblem?

    /// Analyses the revisions that start at or after `earliestEnd`, the end of the earliest signed revision.
    init(document: PDFDocument, earliestEnd: Int64?) {
        self.document = document
        guard let earliestEnd else { return }
        let sections = document.sections
        let later = sections.prefix { $0.offset >= earliestEnd }.count
        guard later > 0 else { return }
        guard sections[later...].allSatisfy({ $0.offset < earliestEnd }),
            zip(sections, sections.dropFirst()).prefix(later).allSatisfy({
                $0.offset > $1.offset || $1.offset < earliestEnd
            })
        else {
            structureProblem = .unanalysable("the cross-reference sections are not in file order")
            return
        }
        guard later <= Self.maxRevisions, later < sections.count,
            document.xref.count * (later + 1) <= Self.maxMergedEntries
        else {
            structureProblem = .unanalysable(
                "more than \(Self.maxRevisions) revisions after a signature, or too many objects")
            return
        }
        var previous = document.revision(sectionIndex: later)
        var undefined: Set<Int>
        do {
            undefined = try previous.undefinedReferences(maxObjects: Self.maxScannedObjects)
        } catch {
            structureProblem = .unanalysable(Self.detail(error))
            return
        }
        for index in stride(from: later - 1, through: 0, by: -1) {
            let current = document.revision(sectionIndex: index)
            do {
                let diff = try PDFRevisionDiff(
                    old: previous, new: current, section: sections[index], undefinedInOld: undefined)
                undefined = diff.undefinedReferences
                revisions.append(Revision(offset: sections[index].offset, diff: .analysed(diff)))
            } catch {
                let problem = PDFChangeProblem.unanalysable(Self.detail(error))
                revisions.append(Revision(offset: sections[index].offset, diff: .failed(problem)))
            }
            previous = current
        }
    }

    /// The verdict for a signature whose signed ranges end at `signedEnd`.
    /// - Parameters:
    ///   - own: the signature's DocMDP level when it is a certification signature.
    ///   - certification: the level of the document's certification signature, when it precedes this one.
    func laterChanges(signedEnd: Int64, own: PDFDocMDPPermission?, certification: PDFDocMDPPermission?)
        -> PDFLaterChanges
    {
        let later = revisions.filter { $0.offset >= signedEnd }
        if let structureProblem, document.sections.contains(where: { $0.offset >= signedEnd }) {
            return .notPermitted(structureProblem)
        }
        do {
            guard try continuesSignedRevision(signedEnd) else {
                return .notPermitted(.unanalysable("the file does not continue from the signed revision"))
            }
        } catch {
            return .notPermitted(.unanalysable(Self.detail(error)))
        }
        // Bytes after the signed revision that are not a revision (no cross-reference section) change nothing a
        // reader shows, as pyHanko also judges; ``PDFSignatureReport/modifiedAfterSigning`` still tells.
        if later.isEmpty { return .none }
        let level = own ?? certification ?? .formFillingAndSigning
        var kinds: Set<PDFPermittedChange> = []
        for revision in later {
            let diff: PDFRevisionDiff
            switch revision.diff {
            case .failed(let problem): return .notPermitted(problem)
            case .analysed(let found): diff = found
            }
            if let problem = diff.problem { return .notPermitted(problem) }
            if own != nil, diff.addsVisibleSignatureField { return .notPermitted(.visibleSignatureAfterCertification) }
            for kind in diff.kinds.sorted() where !level.permits(kind) {
                switch kind {
                case .annotations: return .notPermitted(.annotation(page: diff.annotatedPage ?? 1))
                case .formFilling: return .notPermitted(.formFillingForbidden)
                default: return .notPermitted(.signingForbidden)
                }
            }
            kinds.formUnion(diff.kinds)
        }
        return .permitted(kinds.sorted())
    }

    /// Whether the newest revision's chain leads to the section that the signed revision's own `startxref` names:
    /// otherwise a later update (or a final `startxref` pointing back) could hide or replace what was signed.
    private func continuesSignedRevision(_ signedEnd: Int64) throws(PDFError) -> Bool {
        guard let newestSigned = document.sections.first(where: { $0.offset < signedEnd }) else { return false }
        let window = Int(min(signedEnd, 1024))
        let tail = try document.reader.read(at: signedEnd - Int64(window), count: window)
        let keyword = Array("startxref".utf8)
        guard tail.count >= keyword.count,
            let start = stride(from: tail.count - keyword.count, through: 0, by: -1).first(where: {
                Array(tail[$0..<$0 + keyword.count]) == keyword
            })
        else { return false }
        var parser = PDFParser(bytes: tail + [0x0A], position: start + keyword.count)
        parser.skipWhitespace()
        guard let token = parser.peekToken(), let offset = PDFParser.integer(token) else { return false }
        return Int64(offset) == newestSigned.offset
    }

    private static func detail(_ error: PDFError) -> String {
        switch error {
        case .damaged(_, let detail), .limitExceeded(_, let detail), .unsupported(_, let detail): detail
        case .unreadable(_, let reason): reason
        default: "\(error)"
        }
    }
}
