//! Reading a request file the way `aws lightsail update-distribution --cli-input-json`
//! does, but stricter: every problem is reported with its JSON path before
//! anything is sent.

use awsgen_lightsail::types::{
    BehaviorEnum, ForwardValues, HeaderEnum, OriginProtocolPolicyEnum, RegionName,
    UpdateDistributionRequest, ViewerMinimumTlsProtocolVersionEnum,
};

/// A problem with the request file, with the JSON path it sits at.
#[derive(Debug, PartialEq, Eq)]
pub struct InputError {
    /// Where (`origin.regionName`, `cacheBehaviors[0].behavior`); `.` for the root.
    pub path: String,
    /// What is wrong.
    pub problem: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid request at `{}`: {}", self.path, self.problem)
    }
}

fn at(path: impl Into<String>, problem: impl Into<String>) -> InputError {
    InputError {
        path: path.into(),
        problem: problem.into(),
    }
}

/// Parses and checks a request file's text.
pub fn parse(text: &str) -> Result<UpdateDistributionRequest, InputError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        at(
            ".",
            format!(
                "not valid JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ),
        )
    })?;
    let mut unknown = Vec::new();
    let mut track = serde_path_to_error::Track::new();
    let deserializer = serde_path_to_error::Deserializer::new(&value, &mut track);
    let request: Result<UpdateDistributionRequest, _> =
        serde_ignored::deserialize(deserializer, |path| unknown.push(path.to_string()));
    let request = request.map_err(|e| at(track.path().to_string(), e.to_string()))?;
    if let Some(path) = unknown.into_iter().next() {
        return Err(at(
            json_path(&path),
            "unknown member (member names are as in the model, e.g. `distributionName`)",
        ));
    }
    check_enums(&request)?;
    Ok(request)
}

/// serde_ignored writes `origin.?.name` (`?` for an `Option`) and `list.0.x`:
/// make that `origin.name` and `list[0].x`.
fn json_path(path: &str) -> String {
    let mut out = String::new();
    for segment in path.split('.').filter(|s| *s != "?") {
        if segment.chars().all(|c| c.is_ascii_digit()) && !out.is_empty() {
            out += &format!("[{segment}]");
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out += segment;
        }
    }
    out
}

/// The generated enums keep values they do not know (a response may carry a
/// value added later). A request file is typed by a person, so an unknown value
/// is almost surely a typo: refuse it, listing the values the model knows.
fn check_enums(request: &UpdateDistributionRequest) -> Result<(), InputError> {
    fn known<E: AsRef<str>>(
        path: &str,
        value: Option<&E>,
        is_unknown: bool,
        values: &[&str],
    ) -> Result<(), InputError> {
        match value {
            Some(value) if is_unknown => Err(at(
                path,
                format!(
                    "unknown value {:?}; expected one of: {}",
                    value.as_ref(),
                    values.join(", ")
                ),
            )),
            _ => Ok(()),
        }
    }
    if let Some(origin) = &request.origin {
        let region = origin.region_name.as_ref();
        known(
            "origin.regionName",
            region,
            region.is_some_and(RegionName::is_unknown),
            RegionName::VALUES,
        )?;
        let policy = origin.protocol_policy.as_ref();
        known(
            "origin.protocolPolicy",
            policy,
            policy.is_some_and(OriginProtocolPolicyEnum::is_unknown),
            OriginProtocolPolicyEnum::VALUES,
        )?;
    }
    if let Some(behavior) = &request.default_cache_behavior {
        let b = behavior.behavior.as_ref();
        known(
            "defaultCacheBehavior.behavior",
            b,
            b.is_some_and(BehaviorEnum::is_unknown),
            BehaviorEnum::VALUES,
        )?;
    }
    for (i, per_path) in request.cache_behaviors.iter().flatten().enumerate() {
        let b = per_path.behavior.as_ref();
        known(
            &format!("cacheBehaviors[{i}].behavior"),
            b,
            b.is_some_and(BehaviorEnum::is_unknown),
            BehaviorEnum::VALUES,
        )?;
    }
    if let Some(settings) = &request.cache_behavior_settings {
        if let Some(cookies) = &settings.forwarded_cookies {
            let o = cookies.option.as_ref();
            known(
                "cacheBehaviorSettings.forwardedCookies.option",
                o,
                o.is_some_and(ForwardValues::is_unknown),
                ForwardValues::VALUES,
            )?;
        }
        if let Some(headers) = &settings.forwarded_headers {
            let o = headers.option.as_ref();
            known(
                "cacheBehaviorSettings.forwardedHeaders.option",
                o,
                o.is_some_and(ForwardValues::is_unknown),
                ForwardValues::VALUES,
            )?;
            for (i, header) in headers.headers_allow_list.iter().flatten().enumerate() {
                known(
                    &format!("cacheBehaviorSettings.forwardedHeaders.headersAllowList[{i}]"),
                    Some(header),
                    header.is_unknown(),
                    HeaderEnum::VALUES,
                )?;
            }
        }
    }
    let tls = request.viewer_minimum_tls_protocol_version.as_ref();
    known(
        "viewerMinimumTlsProtocolVersion",
        tls,
        tls.is_some_and(ViewerMinimumTlsProtocolVersionEnum::is_unknown),
        ViewerMinimumTlsProtocolVersionEnum::VALUES,
    )
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
