//! The Smithy prelude: shapes every model may target without defining them.

use super::SimpleKind;

/// The simple type of a prelude shape (`smithy.api#String` -> `String`), or `None`
/// when `id` is not a prelude simple shape. `smithy.api#Unit` is handled by callers:
/// it means "no input/output" or an enum member marker, never a value.
pub fn prelude_kind(id: &str) -> Option<SimpleKind> {
    let name = id.strip_prefix("smithy.api#")?;
    Some(match name {
        "String" => SimpleKind::String,
        "Blob" => SimpleKind::Blob,
        "Boolean" | "PrimitiveBoolean" => SimpleKind::Boolean,
        "Byte" | "PrimitiveByte" => SimpleKind::Byte,
        "Short" | "PrimitiveShort" => SimpleKind::Short,
        "Integer" | "PrimitiveInteger" => SimpleKind::Integer,
        "Long" | "PrimitiveLong" => SimpleKind::Long,
        "Float" | "PrimitiveFloat" => SimpleKind::Float,
        "Double" | "PrimitiveDouble" => SimpleKind::Double,
        "BigInteger" => SimpleKind::BigInteger,
        "BigDecimal" => SimpleKind::BigDecimal,
        "Timestamp" => SimpleKind::Timestamp,
        "Document" => SimpleKind::Document,
        _ => return None,
    })
}
