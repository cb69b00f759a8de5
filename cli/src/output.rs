//! Printing a response the way the AWS CLI does: the output as JSON with member
//! names as in the model, timestamps in ISO 8601 (`2016-11-22T13:36:31.349000+00:00`).

use awsgen_lightsail::types::UpdateDistributionResult;
use awsgen_runtime::DateTime;

/// The output as pretty JSON in the AWS CLI's shape.
pub fn render(output: &UpdateDistributionResult) -> Result<String, serde_json::Error> {
    let mut value = serde_json::to_value(output)?;
    if let Some(operation) = &output.operation {
        let timestamps = [
            ("createdAt", operation.created_at),
            ("statusChangedAt", operation.status_changed_at),
        ];
        for (member, time) in timestamps {
            if let (Some(time), Some(slot)) =
                (time, value.pointer_mut(&format!("/operation/{member}")))
            {
                *slot = serde_json::Value::String(iso8601(time));
            }
        }
    }
    // The AWS CLI prints with Python's `json.dumps(indent=4)`.
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    serde::Serialize::serialize(&value, &mut serializer)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Python's `datetime.isoformat()` in UTC, which the AWS CLI prints: microseconds
/// only when there is a fraction.
pub fn iso8601(time: DateTime) -> String {
    let text = time.to_string(); // 2016-11-22T13:36:31.349Z
    let text = text.trim_end_matches('Z');
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.is_empty() {
        format!("{whole}+00:00")
    } else {
        format!("{whole}.{:0<6.6}+00:00", fraction)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_print_like_the_aws_cli() {
        assert_eq!(
            iso8601(DateTime::from_millis(1_479_821_791_349)),
            "2016-11-22T13:36:31.349000+00:00"
        );
        assert_eq!(iso8601(DateTime::from_secs(0)), "1970-01-01T00:00:00+00:00");
        let output: UpdateDistributionResult = serde_json::from_str(
            r#"{"operation": {"id": "1", "createdAt": 1479821791.349, "status": "Started", "operationType": "UpdateDistribution"}}"#,
        )
        .unwrap();
        let rendered: serde_json::Value = serde_json::from_str(&render(&output).unwrap()).unwrap();
        assert_eq!(
            rendered["operation"]["createdAt"],
            "2016-11-22T13:36:31.349000+00:00"
        );
        assert_eq!(rendered["operation"]["status"], "Started");
        assert!(
            render(&output)
                .unwrap()
                .starts_with("{\n    \"operation\": {\n        \"")
        );
    }
}
