/// A render-model type that lists its members for the templates itself, where `Renderer.context`
/// otherwise asks a `Mirror`.
///
/// Only the types a model holds by the thousand conform (a table's properties, list items,
/// statements, columns and input members): reflecting them was most of the context conversion,
/// 5 % of a generation of 50 tables. `RenderContextTests` checks every conformance against a
/// `Mirror` of every checked-in app's model, so a stored property added to one of these types and
/// not listed here fails a test instead of rendering nothing.
protocol RenderContextMembers {
    /// Every stored property by name, as `Mirror` lists them (these types have no optionals).
    var contextMembers: [String: Any] { get }
}

extension ListItem: RenderContextMembers {
    var contextMembers: [String: Any] { ["expression": expression, "isLast": isLast] }
}

extension PropertyRenderModel: RenderContextMembers {
    var contextMembers: [String: Any] {
        [
            "swiftName": swiftName, "swiftType": swiftType, "jsonNameLiteral": jsonNameLiteral, "docLines": docLines,
            "readExpression": readExpression, "isLast": isLast, "rowValue": rowValue, "position": position,
            "writeOnly": writeOnly, "nestLiteral": nestLiteral, "opensNest": opensNest, "closesNest": closesNest,
        ]
    }
}

extension StatementRenderModel: RenderContextMembers {
    var contextMembers: [String: Any] { ["label": label, "sqlite": sqlite, "postgres": postgres, "slots": slots] }
}

extension ColumnAccessorRenderModel: RenderContextMembers {
    var contextMembers: [String: Any] {
        ["swiftName": swiftName, "valueType": valueType, "nameLiteral": nameLiteral, "columnLiteral": columnLiteral, "bind": bind, "read": read]
    }
}

extension InputMemberRenderModel: RenderContextMembers {
    var contextMembers: [String: Any] {
        ["swiftName": swiftName, "swiftType": swiftType, "parameter": parameter, "emit": emit, "docLines": docLines, "isLast": isLast]
    }
}
