extension MappingReader {
    /// The key to read for a value that has a Vietnamese name and an English alias: the one present (the
    /// Vietnamese one when neither is). Both present is reported, and the Vietnamese one is read.
    func aliasedKey(_ vietnamese: String, _ english: String) -> String {
        let hasVietnamese = node(vietnamese) != nil
        let hasEnglish = node(english) != nil
        if hasVietnamese && hasEnglish {
            report(
                english,
                "'\(vietnamese)' and '\(english)' mean the same; keep only one "
                    + "('\(vietnamese)' và '\(english)' là một; chỉ giữ một)")
        }
        return hasEnglish && !hasVietnamese ? english : vietnamese
    }
}
