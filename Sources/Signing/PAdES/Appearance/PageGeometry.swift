/// Page 1 as a reader sees it: its visible area (CropBox clipped to the MediaBox, inherited through the page tree)
/// and its `/Rotate`, with the mapping from "as displayed" positions to the page's own user space.
struct PageGeometry: Equatable {
    struct Rectangle: Equatable {
        var left: Double
        var bottom: Double
        var right: Double
        var top: Double

        var width: Double { right - left }
        var height: Double { top - bottom }
    }

    /// The visible area in default user space.
    let box: Rectangle
    /// Clockwise rotation when displayed: 0, 90, 180 or 270.
    let rotation: Int

    /// Width and height as displayed, after rotation.
    var displayedWidth: Double { rotation % 180 == 0 ? box.width : box.height }
    var displayedHeight: Double { rotation % 180 == 0 ? box.height : box.width }

    init(box: Rectangle, rotation: Int) {
        self.box = box
        self.rotation = rotation
    }

    init(document: PDFDocument, page: PDFDictionary) throws(PDFError) {
        guard let media = try Self.rectangle(try Self.inherited("MediaBox", page, document), document) else {
            throw document.damaged("page 1 has no valid /MediaBox")
        }
        var visible = media
        if let crop = try Self.rectangle(try Self.inherited("CropBox", page, document), document) {
            visible = Rectangle(
                left: max(crop.left, media.left), bottom: max(crop.bottom, media.bottom),
                right: min(crop.right, media.right), top: min(crop.top, media.top))
            if visible.width <= 0 || visible.height <= 0 { visible = media }
        }
        guard visible.width > 0, visible.height > 0 else { throw document.damaged("page 1 has an empty /MediaBox") }
        let rotate = try document.resolve(try Self.inherited("Rotate", page, document)).integer ?? 0
        guard rotate % 90 == 0 else { throw document.damaged("page 1 has /Rotate \(rotate), not a multiple of 90") }
        self.init(box: visible, rotation: (rotate % 360 + 360) % 360)
    }

    /// A point given as displayed (origin at the displayed bottom left, x to the right, y up) in user space.
    func userPoint(x: Double, y: Double) -> (x: Double, y: Double) {
        switch rotation {
        case 90: return (box.left + displayedHeight - y, box.bottom + x)
        case 180: return (box.right - x, box.top - y)
        case 270: return (box.left + y, box.top - x)
        default: return (box.left + x, box.bottom + y)
        }
    }

    /// A displayed rectangle in user space (for an annotation's `/Rect`).
    func userRectangle(_ displayed: Rectangle) -> Rectangle {
        let first = userPoint(x: displayed.left, y: displayed.bottom)
        let second = userPoint(x: displayed.right, y: displayed.top)
        return Rectangle(
            left: min(first.x, second.x), bottom: min(first.y, second.y),
            right: max(first.x, second.x), top: max(first.y, second.y))
    }

    /// The appearance `/Matrix` that turns a form drawn upright, with `/BBox [0 0 width height]`, so that it reads
    /// upright once the page is rotated for display; the transformed box starts at the origin.
    func formMatrix(width: Double, height: Double) -> [Double] {
        switch rotation {
        case 90: return [0, 1, -1, 0, height, 0]
        case 180: return [-1, 0, 0, -1, width, height]
        case 270: return [0, -1, 1, 0, 0, width]
        default: return [1, 0, 0, 1, 0, 0]
        }
    }

    /// `key` from the page or the nearest ancestor that has it (ISO 32000-1 7.7.3.4).
    private static func inherited(_ key: String, _ page: PDFDictionary, _ document: PDFDocument) throws(PDFError)
        -> PDFObject?
    {
        var node = page
        for _ in 0...document.limits.maxDepth {
            if let value = node[key] { return value }
            guard let parent = try document.resolve(node["Parent"]).dictionary else { return nil }
            node = parent
        }
        return nil
    }

    /// A normalised rectangle from a four-number array; nil when absent or not four numbers.
    private static func rectangle(_ value: PDFObject?, _ document: PDFDocument) throws(PDFError) -> Rectangle? {
        guard let items = try document.resolve(value).array, items.count == 4 else { return nil }
        var numbers: [Double] = []
        for item in items {
            switch try document.resolve(item) {
            case .integer(let number): numbers.append(Double(number))
            case .real(let text): if let number = Double(text), number.isFinite { numbers.append(number) }
            default: break
            }
        }
        guard numbers.count == 4 else { return nil }
        return Rectangle(
            left: min(numbers[0], numbers[2]), bottom: min(numbers[1], numbers[3]),
            right: max(numbers[0], numbers[2]), top: max(numbers[1], numbers[3]))
    }
}
