/// The languages the page is written in: Vietnamese first, English below it; `?lang=en` (or `?lang=vi`) gives one.
public enum PageLanguage: String, Sendable, CaseIterable {
    case vietnamese = "vi"
    case english = "en"

    /// The languages `/` shows for a `lang` query value: both unless one is asked for.
    public static func shown(for query: String?) -> [PageLanguage] {
        query.flatMap(PageLanguage.init(rawValue:)).map { [$0] } ?? [.vietnamese, .english]
    }
}
