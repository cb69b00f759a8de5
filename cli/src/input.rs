//! Reading a request file the way `aws lightsail update-distribution --cli-input-json`
//! does, but stricter: every problem is reported with its JSON path before
//! anything is sent, and an unknown member or enum value (almost surely a
//! typo in a file a person wrote) is refused, listing the values the model knows.

use awsgen_lightsail::types::UpdateDistributionRequest;
use awsgen_runtime::dispatch::{InputError, Strictness, from_json};

/// Parses and checks a request file's text.
pub fn parse(text: &str) -> Result<UpdateDistributionRequest, InputError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| InputError {
        path: ".".to_owned(),
        problem: format!(
            "not valid JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        ),
    })?;
    from_json(&value, Strictness::Strict)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::parse;

    fn error(text: &str) -> (String, String) {
        let e = parse(text).unwrap_err();
        (e.path, e.problem)
    }

    #[test]
    fn a_valid_file_parses() {
        let request = parse(
            r#"{"distributionName": "d", "origin": {"regionName": "us-east-1"},
                "cacheBehaviors": [{"path": "/x", "behavior": "cache"}], "isEnabled": true}"#,
        )
        .unwrap();
        assert_eq!(request.distribution_name, "d");
    }

    #[test]
    fn problems_are_reported_with_their_path() {
        assert_eq!(error("{nope").0, ".");
        assert!(
            error("{nope")
                .1
                .starts_with("not valid JSON (line 1, column 2)")
        );
        assert_eq!(
            error(r#"{"distributionName": "d", "origin": {"nmae": "x"}}"#).0,
            "origin.nmae"
        );
        let (path, problem) = error(r#"{"distributionName": "d", "isEnabled": "yes"}"#);
        assert_eq!(path, "isEnabled");
        assert!(problem.contains("expected a boolean"), "{problem}");
        let (path, problem) = error(
            r#"{"distributionName": "d", "cacheBehaviors": [{"behavior": "cache"}, {"behavior": "cahce"}]}"#,
        );
        assert_eq!(path, "cacheBehaviors[1].behavior");
        assert!(
            problem.contains("\"cahce\"") && problem.contains("dont-cache, cache"),
            "{problem}"
        );
        let (path, _) = error(
            r#"{"distributionName": "d", "cacheBehaviorSettings": {"forwardedHeaders": {"headersAllowList": ["Accept", "Acept"]}}}"#,
        );
        assert_eq!(
            path,
            "cacheBehaviorSettings.forwardedHeaders.headersAllowList[1]"
        );
        let (path, problem) = error(r#"{"isEnabled": true}"#);
        assert_eq!(path, ".");
        assert!(
            problem.contains("missing field `distributionName`"),
            "{problem}"
        );
    }
}
