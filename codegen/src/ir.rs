//! Stage 3, the boundary between the model and the emitters.
//!
//! Everything here is Rust-shaped and final: names decided (by `naming`), docs
//! converted to Markdown lines, optionality and boxing decided, protocol facts as
//! plain data, collections in their output order. Emitters read only this; they
//! never look at the Smithy model.

/// A whole generated crate: one service and the closure of its selected operations.
#[derive(Debug, Clone, PartialEq)]
pub struct Crate {
    /// Service-level facts.
    pub service: Service,
    /// Structures and enums, sorted by Rust name.
    pub types: Vec<TypeDef>,
    /// Selected operations, sorted by name.
    pub operations: Vec<Operation>,
    /// Operations of the service left out because they need something the
    /// generator does not support, sorted by name.
    pub omitted: Vec<OmittedOperation>,
}

/// An operation left out of a whole-service generation, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OmittedOperation {
    /// The operation name (`SubscribeToShard`).
    pub name: String,
    /// The shape (or `shape$member`) that needs the unsupported feature.
    pub shape: String,
    /// What is not supported.
    pub reason: String,
}

impl std::fmt::Display for OmittedOperation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "operation `{}` left out: shape `{}` needs {}",
            self.name, self.shape, self.reason
        )
    }
}

/// Facts of the service shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// The service shape id.
    pub id: String,
    /// The service shape name, which is the `X-Amz-Target` prefix (`Lightsail_20161128`).
    pub target_prefix: String,
    /// `aws.api#service` sdkId (`Lightsail`).
    pub sdk_id: String,
    /// The service version (`2016-11-28`).
    pub api_version: String,
    /// `smithy.api#title`, else the sdkId.
    pub title: String,
    /// The wire protocol.
    pub protocol: Protocol,
    /// `aws.auth#sigv4` name.
    pub signing_name: String,
    /// `aws.api#service` endpointPrefix.
    pub endpoint_prefix: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// `smithy.rules#endpointRuleSet` as JSON, when the model has one.
    pub endpoint_rule_set: Option<String>,
    /// `aws.protocols#awsQueryCompatible`.
    pub query_compatible: bool,
}

/// The wire protocol of a service: how a call becomes an HTTP request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0` / `awsJson1_1`: every call a `POST /` with
    /// an `X-Amz-Target` header and a JSON body.
    AwsJson(JsonVersion),
    /// `aws.protocols#restJson1`: method, path, query and headers from the
    /// HTTP binding traits, a JSON body for the rest.
    RestJson1,
}

/// awsJson protocol versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonVersion {
    /// `aws.protocols#awsJson1_0`
    V1_0,
    /// `aws.protocols#awsJson1_1`
    V1_1,
}

/// A generated type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    /// From a structure shape.
    Struct(Struct),
    /// From an enum shape (or a string shape with `smithy.api#enum`).
    Enum(Enum),
    /// From an intEnum shape.
    IntEnum(IntEnum),
    /// From a union shape.
    Union(Union),
}

impl TypeDef {
    /// The Rust type name.
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
            TypeDef::IntEnum(e) => &e.name,
            TypeDef::Union(u) => &u.name,
        }
    }

    /// The module (file) name.
    pub fn module(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.module,
            TypeDef::Enum(e) => &e.module,
            TypeDef::IntEnum(e) => &e.module,
            TypeDef::Union(u) => &u.module,
        }
    }

    /// The shape id.
    pub fn id(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.id,
            TypeDef::Enum(e) => &e.id,
            TypeDef::IntEnum(e) => &e.id,
            TypeDef::Union(u) => &u.id,
        }
    }
}

/// A structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// The shape id, for docs and messages.
    pub id: String,
    /// Rust type name.
    pub name: String,
    /// Module (file) name.
    pub module: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Fields in model member order.
    pub fields: Vec<Field>,
    /// Set when the structure is an error (`smithy.api#error`).
    pub error: Option<ErrorInfo>,
    /// Its roles in HTTP messages under a REST protocol (none under awsJson,
    /// where a structure is always a JSON object).
    pub http: HttpRoles,
}

/// The roles a structure plays in HTTP messages under a REST protocol: where
/// they are set, its members' [`Location`]s apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HttpRoles {
    /// An operation's input: it becomes a request.
    pub input: bool,
    /// An operation's output or an error: it is read from a response.
    pub response: bool,
}

impl HttpRoles {
    /// Whether the structure is a whole message, so binding traits apply.
    pub fn any(self) -> bool {
        self.input || self.response
    }
}

impl Struct {
    /// Whether any field is redacted in `Debug`.
    pub fn has_sensitive(&self) -> bool {
        self.fields.iter().any(|f| f.sensitive)
    }
}

/// Error facts of an error structure.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorInfo {
    /// `true` for `@error("server")`: the service's fault, retryable.
    pub server_fault: bool,
    /// `smithy.api#httpError`, when modeled.
    pub http_status: Option<u16>,
    /// The Rust name of the string field holding the message: the member named
    /// `message` or `errorMessage` in any case (`Message`, `ErrorMessage`), as
    /// botocore reads it.
    pub message_field: Option<String>,
}

/// A structure member.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The member's name in the model.
    pub member: String,
    /// The member's key in a JSON body: its name in the model, or its
    /// `smithy.api#jsonName` under restJson1.
    pub wire_name: String,
    /// Where the member travels when its structure is an operation's input,
    /// output or error (always [`Location::Body`] under awsJson; members of
    /// nested structures are in the body whatever this says).
    pub location: Location,
    /// The target's `smithy.api#mediaType` (`application/json`,
    /// `text/plain`): a payload's content type; a string header with one is
    /// sent in base64.
    pub media_type: Option<String>,
    /// Rust field name.
    pub name: String,
    /// Rust setter name.
    pub setter: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The value type (without `Option`).
    pub ty: Type,
    /// Whether the field is an `Option`, a required value, or a value with a default.
    pub presence: Presence,
    /// For a required field of a response structure: a missing value is filled
    /// with the type's zero value instead of failing the whole response
    /// (Smithy's client error correction).
    pub error_correct: bool,
    /// The target is `@sensitive`: redacted in `Debug`.
    pub sensitive: bool,
    /// The value is boxed to break a recursive structure.
    pub boxed: bool,
    /// `smithy.api#idempotencyToken`: filled with a fresh token when unset.
    pub idempotency_token: bool,
    /// Other member names the value is read under when its own is absent: an
    /// error's message field also reads `message`, `Message` and
    /// `errorMessage` (whatever the case of the modeled member), as botocore does.
    pub read_aliases: Vec<String>,
}

/// Where a member of an operation's input, output or error travels in the
/// HTTP message, from Smithy's HTTP binding traits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// In the JSON body under its wire name (no binding trait).
    Body,
    /// `smithy.api#httpLabel`: a segment of the URI path (see [`HttpRoute`]).
    Label,
    /// `smithy.api#httpQuery`: the query parameter of this name.
    Query(String),
    /// `smithy.api#httpQueryParams`: a map whose entries are query parameters.
    QueryParams,
    /// `smithy.api#httpHeader`: the header of this name.
    Header(String),
    /// `smithy.api#httpPrefixHeaders`: a map of the headers starting with
    /// this prefix (lower-cased), keyed by the rest of their names.
    PrefixHeaders(String),
    /// `smithy.api#httpPayload`: the whole body.
    Payload,
    /// `smithy.api#httpResponseCode`: the response's status code.
    ResponseCode,
}

/// An operation's `smithy.api#http` trait, checked against its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRoute {
    /// The HTTP method (`GET`).
    pub method: String,
    /// The URI path, literal text and labels in order.
    pub path: Vec<PathPart>,
    /// Literal query parameters of the URI pattern (`?list-type=2`), in
    /// order; `None` for a name without `=`.
    pub query: Vec<(String, Option<String>)>,
    /// The status code of a success (`code`, 200 unless modeled).
    pub code: u16,
    /// Headers every request carries, from the service's customization.
    pub headers: Vec<(String, String)>,
    /// The body's SHA-256 and SHA-256 tree hash go in headers (a service
    /// customization).
    pub tree_hash: bool,
}

impl HttpRoute {
    /// The URI pattern as the model writes it (`/things/{Id}?type=big`).
    pub fn pattern(&self) -> String {
        let mut pattern = String::new();
        for part in &self.path {
            match part {
                PathPart::Literal(text) => pattern.push_str(text),
                PathPart::Label { member, greedy, .. } => {
                    pattern.push('{');
                    pattern.push_str(member);
                    if *greedy {
                        pattern.push('+');
                    }
                    pattern.push('}');
                }
            }
        }
        for (i, (name, value)) in self.query.iter().enumerate() {
            pattern.push(if i == 0 { '?' } else { '&' });
            pattern.push_str(name);
            if let Some(value) = value {
                pattern.push('=');
                pattern.push_str(value);
            }
        }
        pattern
    }
}

/// A piece of an operation's URI path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text, `/` included (`/2015-03-31/functions/`).
    Literal(String),
    /// A `{Label}` or greedy `{Label+}` segment, filled from the input member
    /// of that name.
    Label {
        /// The member name in the model.
        member: String,
        /// Rust field name.
        field: String,
        /// The field is an `Option` (a missing value is an error before
        /// anything is sent).
        optional: bool,
        /// `{Label+}`: the value may span segments and keeps its `/`.
        greedy: bool,
        /// The value used when the member is unset or empty, from the
        /// service's customization (otherwise such a request is refused).
        default: Option<String>,
    },
}

/// How a field is present.
#[derive(Debug, Clone, PartialEq)]
pub enum Presence {
    /// `Option<T>`: absent unless set.
    Optional,
    /// `T`, a parameter of the constructor (`smithy.api#required`).
    Required,
    /// `T`, set to the model's `smithy.api#default` unless set.
    Default(DefaultValue),
}

/// A model default (`smithy.api#default`), checked against the member's type
/// and converted by `resolve`: emitters write it out as it is.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// An integer of any width (`byte` to `long`); it fits the member's type.
    Integer(i64),
    /// A float or double (`NaN` and the infinities included).
    Float(f64),
    /// A timestamp, in milliseconds since the epoch.
    TimestampMillis(i64),
    /// A blob, decoded from the model's base64.
    Blob(Vec<u8>),
    /// A string enum's wire value.
    EnumValue(String),
    /// An intEnum's value.
    IntEnumValue(i32),
    /// An empty list.
    EmptyList,
    /// An empty map.
    EmptyMap,
    /// A document, as JSON text.
    Document(String),
}

/// Timestamp wire formats (`smithy.api#timestampFormat`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// Epoch seconds as a JSON number (the awsJson default).
    EpochSeconds,
    /// RFC 3339 string.
    DateTime,
    /// IMF-fixdate string.
    HttpDate,
}

/// A value type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    /// `String`
    String,
    /// `bool`
    Bool,
    /// `i8`
    Byte,
    /// `i16`
    Short,
    /// `i32`
    Integer,
    /// `i64`
    Long,
    /// `f32`
    Float,
    /// `f64`
    Double,
    /// `awsgen_runtime::DateTime`, in the given wire format.
    Timestamp(TimestampFormat),
    /// `awsgen_runtime::Blob`, base64 on the wire.
    Blob,
    /// `awsgen_runtime::Document`: untyped JSON.
    Document,
    /// A generated structure or enum, by Rust name.
    Named(String),
    /// `Vec<T>`; `sparse` elements are `Option<T>`.
    List {
        /// Element type.
        element: Box<Type>,
        /// `smithy.api#sparse`.
        sparse: bool,
    },
    /// `BTreeMap<K, V>` (sorted keys make serialized output deterministic).
    Map {
        /// Key type (a string or string enum).
        key: Box<Type>,
        /// Value type.
        value: Box<Type>,
        /// `smithy.api#sparse`.
        sparse: bool,
    },
}

impl Type {
    /// A `Copy` scalar: a boolean, number or timestamp (passed by value).
    pub fn is_copy_scalar(&self) -> bool {
        matches!(
            self,
            Type::Bool
                | Type::Byte
                | Type::Short
                | Type::Integer
                | Type::Long
                | Type::Float
                | Type::Double
                | Type::Timestamp(_)
        )
    }
}

/// An enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// The shape id.
    pub id: String,
    /// Rust type name.
    pub name: String,
    /// Module (file) name.
    pub module: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Known values in model order.
    pub variants: Vec<Variant>,
}

/// A known enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Rust variant name.
    pub name: String,
    /// Value on the wire.
    pub value: String,
    /// Documentation lines (the value itself comes first).
    pub docs: Vec<String>,
}

/// An intEnum: named integer values, open to values added later.
#[derive(Debug, Clone, PartialEq)]
pub struct IntEnum {
    /// The shape id.
    pub id: String,
    /// Rust type name.
    pub name: String,
    /// Module (file) name.
    pub module: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Known values in model order.
    pub variants: Vec<IntVariant>,
}

/// A known intEnum value.
#[derive(Debug, Clone, PartialEq)]
pub struct IntVariant {
    /// Rust variant name.
    pub name: String,
    /// Value on the wire.
    pub value: i32,
    /// Documentation lines.
    pub docs: Vec<String>,
}

/// A union: exactly one member is set.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// The shape id.
    pub id: String,
    /// Rust type name.
    pub name: String,
    /// Module (file) name.
    pub module: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Members in model order.
    pub variants: Vec<UnionVariant>,
}

/// A union member.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// Member name on the wire.
    pub wire_name: String,
    /// Rust variant name.
    pub name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The value type; `None` for a member targeting `smithy.api#Unit`.
    pub ty: Option<Type>,
    /// The value is boxed to break a recursive type.
    pub boxed: bool,
}

/// An operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The shape id.
    pub id: String,
    /// The operation name on the wire (`UpdateDistribution`).
    pub wire_name: String,
    /// Rust type name of the operation marker.
    pub name: String,
    /// Module (file) name.
    pub module: String,
    /// Rust name of the client method.
    pub method: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Input structure's Rust name (`None`: the operation takes no input).
    pub input: Option<String>,
    /// Output structure's Rust name (`None`: the operation returns nothing).
    pub output: Option<String>,
    /// Rust name of the operation's error enum.
    pub error_name: String,
    /// Modeled errors, in model order.
    pub errors: Vec<ErrorCase>,
    /// `smithy.api#requestCompression` lists `gzip`.
    pub request_compression: bool,
    /// `smithy.api#endpoint` host prefix, split into literal text and labels.
    pub host_prefix: Vec<HostPrefixPart>,
    /// The Rust name of the input's optional `smithy.api#idempotencyToken`
    /// field, which the request fills when the caller leaves it unset.
    pub idempotency_token: Option<String>,
    /// The output or an error reaches a `smithy.api#sensitive` shape or
    /// member: a response that cannot be parsed is reported without its body.
    pub sensitive_response: bool,
    /// `smithy.api#paginated` (the operation's, completed by the service's).
    pub paginator: Option<Paginator>,
    /// `smithy.waiters#waitable`, sorted by name.
    pub waiters: Vec<Waiter>,
    /// `smithy.api#http`, under the REST protocols (`None` under awsJson).
    pub http: Option<HttpRoute>,
    /// `smithy.api#httpChecksumRequired`: requests carry `Content-MD5`.
    pub checksum_required: bool,
}

/// A waiter: the operation called until its acceptors say the resource
/// reached a state.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiter {
    /// The waiter's name in the model (`TableExists`).
    pub name: String,
    /// Rust name of the client method (`wait_until_table_exists`).
    pub method: String,
    /// Rust name of the acceptors' function (`table_exists`).
    pub function: String,
    /// Rust name of the waiter constant (`TABLE_EXISTS`).
    pub constant: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// `minDelay`, in seconds.
    pub min_delay: u64,
    /// `maxDelay`, in seconds.
    pub max_delay: u64,
    /// `deprecated`.
    pub deprecated: bool,
    /// The acceptors, in model order: the first that matches decides.
    pub acceptors: Vec<WaitAcceptor>,
}

/// One acceptor of a waiter.
#[derive(Debug, Clone, PartialEq)]
pub struct WaitAcceptor {
    /// The state it moves the waiter to.
    pub state: WaitState,
    /// What it matches.
    pub matcher: Matcher,
    /// The matcher as the model writes it, for docs
    /// (``output `Table.TableStatus` is `ACTIVE` ``).
    pub description: String,
}

/// A waiter state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitState {
    /// Stop with the attempt.
    Success,
    /// Stop with an error.
    Failure,
    /// Wait and call again.
    Retry,
}

/// What an acceptor matches.
#[derive(Debug, Clone, PartialEq)]
pub enum Matcher {
    /// `success`: the call succeeded (`true`) or failed (`false`).
    Success(bool),
    /// `errorType`: the service answered with this error type (a shape name).
    ErrorType(String),
    /// `output` or `inputOutput`: a path compared with an expected value.
    Path {
        /// The compiled path, from the output (or from `input` and `output`).
        path: Path,
        /// How the path's value is compared.
        comparator: Comparator,
        /// The expected value (`true` or `false` for `booleanEquals`).
        expected: String,
    },
}

/// A matcher's comparator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    /// The value is this string.
    StringEquals,
    /// The value is this boolean.
    BooleanEquals,
    /// The value is a non-empty list of strings all equal to this one.
    AllStringEquals,
    /// The value is a list with at least one string equal to this one.
    AnyStringEquals,
}

/// A JMESPath expression typed against the generated structures: each node
/// knows the Rust shape of its value, so emitting it is a direct translation.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// The expression.
    pub node: PathNode,
    /// Its value.
    pub value: PathValue,
}

impl Path {
    /// The element a projection or filter is looking at, of `kind`.
    pub fn current(kind: &PathKind) -> Path {
        Path {
            node: PathNode::Current,
            value: PathValue::One {
                kind: kind.clone(),
                nullable: false,
            },
        }
    }

    /// Whether the value is one value that may be null.
    pub fn nullable(&self) -> bool {
        matches!(self.value, PathValue::One { nullable: true, .. })
    }
}

/// The shape of a path's value in the generated code.
#[derive(Debug, Clone, PartialEq)]
pub enum PathValue {
    /// One value: `R`, or `Option<R>` when it may be null.
    One {
        /// The value's kind.
        kind: PathKind,
        /// Whether it may be null.
        nullable: bool,
    },
    /// The values of a projection, nulls dropped: `Vec<R>`.
    Many(PathKind),
    /// A projection of projections: `Vec<Vec<R>>`, only ever flattened.
    Nested(PathKind),
}

/// What one value is, and so its Rust representation `R`.
#[derive(Debug, Clone, PartialEq)]
pub enum PathKind {
    /// A reference into the attempt's input or output (`&T`), of this type.
    /// Named types are structures, unions and intEnums.
    Model(Type),
    /// A reference to a string enum's value (`&E`), by Rust name.
    Enum(String),
    /// A number computed by the path (`f64`): a length, a literal.
    Number,
    /// A boolean computed by the path (`bool`): a comparison, a literal.
    Bool,
    /// A string literal (`&str`).
    Str,
    /// The `{input, output}` object an `inputOutput` matcher's path starts
    /// from; only ever followed by `input` or `output`.
    InputOutput,
}

/// A typed JMESPath node.
#[derive(Debug, Clone, PartialEq)]
pub enum PathNode {
    /// The operation's input (`input` of an `inputOutput` matcher).
    Input,
    /// The operation's output.
    Output,
    /// The element a projection or filter is looking at.
    Current,
    /// A member of a structure.
    Field {
        /// The structure.
        of: Box<Path>,
        /// The member.
        step: FieldStep,
    },
    /// The elements of a list, of the lists of a projection, or of the
    /// values of a map (`a[]`, `a[*]`, `a.*`), as a projection.
    Elements(Box<Path>),
    /// `each` applied to every value of the projection `of`, nulls dropped.
    Project {
        /// The projection.
        of: Box<Path>,
        /// Applied to each value, which it sees as [`PathNode::Current`].
        each: Box<Path>,
    },
    /// The values of the projection `of` for which `condition` is true.
    Filter {
        /// The projection.
        of: Box<Path>,
        /// Applied to each value, which it sees as [`PathNode::Current`].
        condition: Box<Path>,
    },
    /// `[a, b]`: the values of the expressions, nulls dropped.
    List(Vec<Path>),
    /// `length(value)`.
    Length(Box<Path>),
    /// `contains(collection, value)`.
    Contains(Box<Path>, Box<Path>),
    /// `left op right`.
    Compare(Comparison, Box<Path>, Box<Path>),
    /// `left && right`.
    And(Box<Path>, Box<Path>),
    /// `left || right`.
    Or(Box<Path>, Box<Path>),
    /// `!value`.
    Not(Box<Path>),
    /// A string literal.
    Str(String),
    /// A number literal.
    Number(f64),
    /// A boolean literal.
    Bool(bool),
}

/// A JMESPath comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// Where a paginated operation's token, items and page size are. Paths are
/// the model's member names; each step's Rust name and presence are the
/// structures' decisions, read by `resolve` once the structures exist.
#[derive(Debug, Clone, PartialEq)]
pub struct Paginator {
    /// Rust name of the client method yielding the pages (`list_tables_pages`).
    pub pages_method: String,
    /// Rust name of the client method yielding the items (`list_tables_items`),
    /// when the trait names items.
    pub items_method: Option<String>,
    /// The input member holding the token (`inputToken`).
    pub input_token: FieldStep,
    /// The path through the output to the next token (`outputToken`).
    pub output_token: Vec<FieldStep>,
    /// The token's type: a string or a map, the same in input and output.
    pub token_type: Type,
    /// The path through the output to the items (`items`) and that member's
    /// type, a list or a map (whose items are key-value pairs); `None` when
    /// the trait names no items.
    pub items: Option<(Vec<FieldStep>, Type)>,
    /// The input's page size member (`pageSize`) and its integer type.
    pub page_size: Option<(FieldStep, Type)>,
}

/// One member on a path through a structure.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldStep {
    /// The member name in the model.
    pub member: String,
    /// Rust field name.
    pub field: String,
    /// The field is an `Option`.
    pub optional: bool,
    /// The field's value is boxed (a recursive type).
    pub boxed: bool,
}

/// A piece of an operation's host prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPrefixPart {
    /// Literal text (`foo.`).
    Literal(String),
    /// A `{label}`: the input member it is filled from, as the input structure
    /// decided it (name and presence).
    Label {
        /// The member name in the model.
        member: String,
        /// Rust field name.
        field: String,
        /// The field is an `Option<String>`.
        optional: bool,
    },
}

/// One modeled error of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCase {
    /// The error type on the wire (the error shape's name).
    pub code: String,
    /// Variant name in the operation's error enum.
    pub variant: String,
    /// The error structure's Rust name.
    pub type_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
}
