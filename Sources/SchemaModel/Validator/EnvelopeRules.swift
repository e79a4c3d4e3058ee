/// Checks an `envelopes` object: member names are plain JSON names and do not collide.
enum EnvelopeRules {
    /// Runs the rules on `envelopes` found at `path` of `file`.
    static func check(_ envelopes: EnvelopesSchema, at path: String, file: String, diagnostics: DiagnosticCollector) {
        func checkName(_ name: String?, _ key: String) {
            guard let name, !isMemberName(name) else { return }
            diagnostics.error(
                .invalidEnvelope, file: file, path: JSONPath.member(key, of: path),
                "member name \(ValueText.quoted(name)) must be a letter or _ followed by letters, digits or _, such as \"data\"")
        }
        if let record = envelopes.record {
            checkName(record.wrap, "record.wrap")
            checkName(record.fields, "record.fields")
        }
        if let list = envelopes.list {
            checkName(list.items, "list.items")
            checkName(list.nest, "list.nest")
            if let nest = list.nest, nest == list.items {
                diagnostics.error(
                    .invalidEnvelope, file: file, path: JSONPath.member("list.nest", of: path),
                    "the paging members cannot be nested under \(ValueText.quoted(nest)), which holds the records")
            }
            var seen: Set<ListMetadata> = []
            for (index, member) in list.metadata.enumerated() where !seen.insert(member).inserted {
                diagnostics.error(
                    .invalidEnvelope, file: file, path: JSONPath.element(index, of: JSONPath.member("list.metadata", of: path)),
                    "\"\(member.rawValue)\" is listed twice; remove one")
            }
            if list.nest == nil, list.metadata.contains(where: { $0.rawValue == list.items }) {
                diagnostics.error(
                    .invalidEnvelope, file: file, path: JSONPath.member("list.items", of: path),
                    "the records cannot be written under \(ValueText.quoted(list.items)), a paging member of the same list")
            }
        }
        if let request = envelopes.request { checkName(request.wrap, "request.wrap") }
        if let batch = envelopes.batch {
            checkName(batch.items, "batch.items")
            checkName(batch.created, "batch.created")
        }
    }

    /// `envelopes.families` of `app.json`: each a known family the app has, named once, and
    /// envelopes to apply (a record wrap or a list envelope).
    static func checkFamilies(_ config: AppConfig, diagnostics: DiagnosticCollector) {
        let envelopes = config.envelopes
        let path = "envelopes.families"
        var seen: Set<String> = []
        for (index, family) in envelopes.families.enumerated() {
            let at = JSONPath.element(index, of: path)
            guard EnvelopesSchema.familyNames.contains(family) else {
                diagnostics.error(
                    .invalidEnvelope, file: config.file, path: at,
                    "unknown route family \(ValueText.quoted(family)); use one of \(EnvelopesSchema.familyNames.joined(separator: ", "))")
                continue
            }
            if !seen.insert(family).inserted {
                diagnostics.error(.invalidEnvelope, file: config.file, path: at, "\"\(family)\" is listed twice; remove one")
            }
            let missing: String? = switch family {
            case "apiKeys": config.auth?.apiKeys == nil ? "auth.apiKeys" : nil
            case "audit": config.audit == nil ? "audit" : nil
            default: config.usage == nil ? "usage" : nil
            }
            if let missing {
                diagnostics.error(
                    .invalidEnvelope, file: config.file, path: at,
                    "the app has no \(family) routes to wrap: add the \(ValueText.quoted(missing)) section or remove \"\(family)\"")
            }
        }
        if !envelopes.families.isEmpty, envelopes.record?.wrap == nil, envelopes.list == nil {
            diagnostics.error(
                .invalidEnvelope, file: config.file, path: path,
                "the families would answer as they do without it: declare envelopes.record.wrap or envelopes.list, e.g. {\"wrap\": \"data\"}")
        }
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`, at most 63 characters.
    static func isMemberName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 63,
            ("a"..."z").contains(first) || ("A"..."Z").contains(first) || first == "_"
        else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
