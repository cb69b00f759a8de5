//! Service customizations: what the AWS SDKs add on top of a service's model,
//! by the service's `sdkId`, all listed here as data. Resolve applies them to
//! the IR; emitters see only their effect (a header, a label default, a
//! checksum), never a service name.

use crate::ir;

/// A header every request of the service carries.
#[derive(Debug, Clone, Copy)]
enum HeaderValue {
    /// This text.
    Literal(&'static str),
    /// The service's API version (`2012-06-01`).
    ApiVersion,
}

/// What one service's customization changes.
#[derive(Debug, Clone, Copy)]
struct Customization {
    /// The service's `aws.api#service` `sdkId`.
    sdk_id: &'static str,
    /// Headers added to every request.
    headers: &'static [(&'static str, HeaderValue)],
    /// URI labels filled with a value when the caller leaves them unset or
    /// empty: (member name, value).
    label_defaults: &'static [(&'static str, &'static str)],
    /// Requests whose input has a blob payload carry the SHA-256 of the body
    /// (`X-Amz-Content-Sha256`) and its SHA-256 tree hash
    /// (`X-Amz-Sha256-Tree-Hash`).
    tree_hash: bool,
}

/// Every customization, as the AWS SDKs apply them.
const CUSTOMIZATIONS: &[Customization] = &[
    // Glacier: the API version in a header, `-` (the caller's own account)
    // for an unset account id, and checksums of uploaded archives.
    Customization {
        sdk_id: "Glacier",
        headers: &[("X-Amz-Glacier-Version", HeaderValue::ApiVersion)],
        label_defaults: &[("accountId", "-")],
        tree_hash: true,
    },
    // API Gateway answers in JSON only when asked to.
    Customization {
        sdk_id: "API Gateway",
        headers: &[("Accept", HeaderValue::Literal("application/json"))],
        label_defaults: &[],
        tree_hash: false,
    },
];

/// Applies the service's customization, if it has one, to its REST operations.
pub(super) fn apply(
    service: &ir::Service,
    operations: &mut [ir::Operation],
    types: &[ir::TypeDef],
) {
    let Some(custom) = CUSTOMIZATIONS.iter().find(|c| c.sdk_id == service.sdk_id) else {
        return;
    };
    for op in operations {
        let has_blob_payload = op.input.as_deref().is_some_and(|input| {
            types.iter().any(|t| match t {
                ir::TypeDef::Struct(s) if s.name == input => s
                    .fields
                    .iter()
                    .any(|f| f.location == ir::Location::Payload && f.ty == ir::Type::Blob),
                _ => false,
            })
        });
        let Some(route) = &mut op.http else {
            continue;
        };
        route.headers = custom
            .headers
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    HeaderValue::Literal(text) => (*text).to_owned(),
                    HeaderValue::ApiVersion => service.api_version.clone(),
                };
                ((*name).to_owned(), value)
            })
            .collect();
        for part in &mut route.path {
            if let ir::PathPart::Label {
                member, default, ..
            } = part
            {
                *default = custom
                    .label_defaults
                    .iter()
                    .find(|(name, _)| name == member)
                    .map(|(_, value)| (*value).to_owned());
            }
        }
        route.tree_hash = custom.tree_hash && has_blob_payload;
    }
}
