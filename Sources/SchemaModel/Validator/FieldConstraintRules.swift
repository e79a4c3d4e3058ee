import Foundation
import ValueFormats

/// Checks that each constraint a field declares applies to its type and placement, that the
/// constraints its type needs are present, and that bounds are consistent.
enum FieldConstraintRules {
    /// Types whose values have a length in characters.
    static let lengthTypes: [FieldType] = [.string, .text, .email, .url]
    /// Types whose values have numeric bounds.
    static let numericTypes: [FieldType] = [.integer, .number]
    /// Types a `unique` constraint cannot be put on (no useful or portable equality index).
    static let nonUniqueTypes: [FieldType] = [.boolean, .json, .text]

    /// Runs every constraint rule on `field`.
    static func check(_ field: FieldSchema, _ context: FieldContext) {
        checkNumericBounds(field, context)
        checkLengthBounds(field, context)
        checkPattern(field, context)
        checkEnumValues(field, context)
        checkNesting(field, context)
        checkTableOnlyFlags(field, context)
        if context.isArrayItems {
            if field.required {
                context.error(
                    .constraintNotApplicable, at: "required",
                    "array items cannot be \"required\"; remove it and make the array itself required")
            }
            if field.defaultValue != nil {
                context.error(
                    .constraintNotApplicable, at: "default",
                    "array items take no \"default\"; remove it and give the array a default instead")
            }
        }
    }

    private static func checkNumericBounds(_ field: FieldSchema, _ context: FieldContext) {
        let bounds = [("min", field.minimum), ("max", field.maximum)].compactMap { key, value in value.map { (key, $0) }
        }
        guard numericTypes.contains(field.type) else {
            for (key, _) in bounds {
                let hint =
                    lengthTypes.contains(field.type)
                    ? "use \"\(key)Length\" to bound the length of a \(field.type.rawValue)" : "remove it"
                context.error(
                    .constraintNotApplicable, at: key, "\"\(key)\" only applies to integer and number fields; \(hint)")
            }
            return
        }
        if field.type == .integer {
            for (key, value) in bounds where value.rounded() != value {
                context.error(
                    .invalidBounds, at: key,
                    "\"\(key)\" of an integer field must be a whole number, found \(ValueText.number(value))")
            }
        }
        if let minimum = field.minimum, let maximum = field.maximum, minimum > maximum {
            context.error(
                .invalidBounds, at: "min",
                "\"min\" (\(ValueText.number(minimum))) is greater than \"max\" (\(ValueText.number(maximum))); "
                    + "swap them or correct one")
        }
    }

    private static func checkLengthBounds(_ field: FieldSchema, _ context: FieldContext) {
        let bounds = [("minLength", field.minLength), ("maxLength", field.maxLength)].compactMap { key, value in
            value.map { (key, $0) }
        }
        guard lengthTypes.contains(field.type) else {
            for (key, _) in bounds {
                let hint =
                    numericTypes.contains(field.type)
                    ? "use \"\(key == "minLength" ? "min" : "max")\" to bound a number" : "remove it"
                context.error(
                    .constraintNotApplicable, at: key,
                    "\"\(key)\" only applies to string, text, email and url fields; \(hint)")
            }
            return
        }
        for (key, value) in bounds where value < 0 {
            context.error(.invalidBounds, at: key, "\"\(key)\" must be 0 or more, found \(value)")
        }
        if let minimum = field.minLength, let maximum = field.maxLength, minimum > maximum {
            context.error(
                .invalidBounds, at: "minLength",
                "\"minLength\" (\(minimum)) is greater than \"maxLength\" (\(maximum)); swap them or correct one")
        }
    }

    private static func checkPattern(_ field: FieldSchema, _ context: FieldContext) {
        guard let pattern = field.pattern else { return }
        guard field.type == .string else {
            context.error(
                .constraintNotApplicable, at: "pattern",
                "\"pattern\" only applies to string fields; use \"type\": \"string\" or remove it")
            return
        }
        if (try? SchemaPattern(pattern)) == nil {
            context.error(
                .invalidPattern, at: "pattern",
                "\"pattern\" \(ValueText.quoted(pattern)) is not a valid regular expression; fix it (in JSON a "
                    + "backslash is written twice, e.g. \"^\\\\d+$\")")
        }
    }

    private static func checkEnumValues(_ field: FieldSchema, _ context: FieldContext) {
        guard field.type == .enum else {
            if field.values != nil {
                context.error(
                    .constraintNotApplicable, at: "values",
                    "\"values\" only applies to enum fields; set \"type\": \"enum\" or remove it")
            }
            return
        }
        guard let values = field.values else {
            context.error(
                .missingConstraint, at: "values",
                "an enum field needs \"values\", the list of allowed strings, e.g. [\"open\", \"closed\"]")
            return
        }
        if values.isEmpty {
            context.error(.invalidEnumValues, at: "values", "\"values\" is empty; list at least one allowed string")
        }
        var seen: Set<String> = []
        for (index, value) in values.enumerated() {
            let path = JSONPath.element(index, of: "values")
            if value.isEmpty {
                context.error(.invalidEnumValues, at: path, "enum values cannot be empty strings; remove it")
            } else if !seen.insert(value).inserted {
                context.error(
                    .invalidEnumValues, at: path, "enum value \(ValueText.quoted(value)) is listed twice; remove one")
            }
        }
    }

    private static func checkNesting(_ field: FieldSchema, _ context: FieldContext) {
        if field.type == .array, field.items == nil {
            context.error(
                .missingConstraint, at: "items",
                "an array field needs \"items\" describing its elements, e.g. {\"type\": \"string\"}")
        } else if field.type != .array, field.items != nil {
            context.error(
                .constraintNotApplicable, at: "items",
                "\"items\" only applies to array fields; set \"type\": \"array\" or remove it")
        }
        if field.type == .object, field.fields == nil {
            context.error(
                .missingConstraint, at: "fields",
                "an object field needs \"fields\" describing its members (use \"json\" for free-form objects)")
        } else if field.type != .object, field.fields != nil {
            context.error(
                .constraintNotApplicable, at: "fields",
                "\"fields\" only applies to object fields; set \"type\": \"object\" or remove it")
        }
    }

    private static func checkTableOnlyFlags(_ field: FieldSchema, _ context: FieldContext) {
        guard context.placement == .tableField else {
            for (key, isSet) in [("unique", field.unique), ("readOnly", field.readOnly), ("writeOnly", field.writeOnly), ("searchable", field.searchable),
                ("filterable", !field.filterable), ("sortable", !field.sortable)] where isSet {
                context.error(
                    .constraintNotApplicable, at: key,
                    "\"\(key)\" only applies to table fields, not to a \(context.placement.noun); remove it")
            }
            return
        }
        if field.searchable, ![.string, .text].contains(field.type) || field.writeOnly {
            context.error(
                .constraintNotApplicable, at: "searchable",
                "\"searchable\" applies to readable string and text fields; remove it")
        }
        if field.unique, nonUniqueTypes.contains(field.type) {
            let hint =
                field.type == .text ? "use \"string\" with a \"maxLength\" for unique short text" : "remove \"unique\""
            context.error(
                .constraintNotApplicable, at: "unique",
                "\"unique\" is not supported on \(field.type.rawValue) fields; \(hint)")
        }
    }
}
