//! The parsed form of a rule set: rules, conditions and expressions.
//!
//! Parsing (in [`super::parse`]) checks everything that can be checked without
//! parameter values — function names and arities, template and attribute-path
//! syntax, that every reference names a parameter or a variable in scope — so that
//! evaluation only meets the type errors of ill-typed rule sets.

/// A rule: conditions that must all hold, and what to do when they do.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub(crate) conditions: Vec<Condition>,
    pub(crate) kind: RuleKind,
}

#[derive(Debug, Clone)]
pub(crate) enum RuleKind {
    Endpoint(EndpointTemplate),
    /// The message expression of an error rule.
    Error(Expr),
    /// Sub-rules, tried in order; when none matches, resolution fails.
    Tree(Vec<Rule>),
}

/// A function call whose result must be set and not `false`, optionally bound to a
/// name for the rest of the rule.
#[derive(Debug, Clone)]
pub(crate) struct Condition {
    pub(crate) call: Call,
    pub(crate) assign: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct EndpointTemplate {
    pub(crate) url: Expr,
    pub(crate) headers: Vec<(String, Vec<Expr>)>,
    pub(crate) properties: Vec<(String, Expr)>,
}

#[derive(Debug, Clone)]
pub(crate) enum Expr {
    String(Template),
    Bool(bool),
    Int(i64),
    Array(Vec<Expr>),
    /// An object literal (only inside endpoint properties).
    Record(Vec<(String, Expr)>),
    Ref(String),
    Call(Box<Call>),
}

/// A string with `{name}` and `{name#path}` placeholders.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    pub(crate) parts: Vec<TemplatePart>,
}

#[derive(Debug, Clone)]
pub(crate) enum TemplatePart {
    Literal(String),
    Ref(String),
    Attr(String, Vec<PathSegment>),
}

/// One step of a `getAttr` path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PathSegment {
    Key(String),
    Index(usize),
}

/// A library function applied to its arguments; the arity is part of the variant.
#[derive(Debug, Clone)]
pub(crate) enum Call {
    IsSet(Expr),
    Not(Expr),
    BooleanEquals(Expr, Expr),
    StringEquals(Expr, Expr),
    GetAttr(Expr, Vec<PathSegment>),
    Substring(Expr, Expr, Expr, Expr),
    UriEncode(Expr),
    ParseUrl(Expr),
    IsValidHostLabel(Expr, Expr),
    Coalesce(Vec<Expr>),
    Ite(Expr, Expr, Expr),
    Split(Expr, Expr, Expr),
    AwsPartition(Expr),
    AwsParseArn(Expr),
    AwsIsVirtualHostableS3Bucket(Expr, Expr),
}

impl Call {
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Call::IsSet(_) => "isSet",
            Call::Not(_) => "not",
            Call::BooleanEquals(..) => "booleanEquals",
            Call::StringEquals(..) => "stringEquals",
            Call::GetAttr(..) => "getAttr",
            Call::Substring(..) => "substring",
            Call::UriEncode(_) => "uriEncode",
            Call::ParseUrl(_) => "parseURL",
            Call::IsValidHostLabel(..) => "isValidHostLabel",
            Call::Coalesce(_) => "coalesce",
            Call::Ite(..) => "ite",
            Call::Split(..) => "split",
            Call::AwsPartition(_) => "aws.partition",
            Call::AwsParseArn(_) => "aws.parseArn",
            Call::AwsIsVirtualHostableS3Bucket(..) => "aws.isVirtualHostableS3Bucket",
        }
    }
}
