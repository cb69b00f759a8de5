//! The one error type of the generator: every variant names what went wrong and
//! where (the file, the shape id, the member), so a failing `build.rs` reads like a
//! compiler message.

use std::fmt;
use std::path::PathBuf;

/// Everything that can stop generation.
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The model is not valid JSON.
    #[error("{origin}:{line}:{column}: malformed JSON: {message}")]
    Json {
        /// The file (or `<memory>`).
        origin: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The JSON is valid but is not a Smithy JSON AST the generator understands.
    #[error("{origin}: {problem}")]
    Malformed {
        /// The file, or the shape id and member the problem sits in.
        origin: String,
        /// What is wrong.
        problem: String,
    },
    /// A shape or member targets a shape the model does not define.
    #[error("shape `{id}` targets `{target}`, which the model does not define")]
    DanglingTarget {
        /// The shape (or `shape$member`) holding the reference.
        id: String,
        /// The missing shape.
        target: String,
    },
    /// A shape type the generator cannot map to Rust yet.
    #[error("shape `{id}` has type `{kind}`, which this generator does not support")]
    UnsupportedShape {
        /// The shape.
        id: String,
        /// Its Smithy type.
        kind: String,
    },
    /// A trait whose meaning the generator cannot honour.
    #[error("shape `{id}` has trait `{trait_id}`, which this generator cannot honour: {reason}")]
    UnsupportedTrait {
        /// The shape (or `shape$member`).
        id: String,
        /// The trait.
        trait_id: String,
        /// Why.
        reason: String,
    },
    /// The service speaks a protocol other than awsJson1_0 / awsJson1_1.
    #[error(
        "service `{id}` has no supported protocol trait (found: {found}); \
         supported: aws.protocols#awsJson1_0, aws.protocols#awsJson1_1"
    )]
    UnsupportedProtocol {
        /// The service shape.
        id: String,
        /// The protocol-like traits it has, comma separated (or `none`).
        found: String,
    },
    /// The model has no service shape, or more than one and none was chosen.
    #[error("{0}")]
    Service(String),
    /// An operation was selected that the service does not have.
    #[error(
        "service `{service}` has no operation named `{name}`{}",
        did_you_mean(closest)
    )]
    UnknownOperation {
        /// The service shape.
        service: String,
        /// The requested operation name.
        name: String,
        /// The closest operation names, best first.
        closest: Vec<String>,
    },
    /// Two model names map to the same Rust name in one scope.
    #[error("`{first}` and `{second}` both map to the Rust name `{name}` in {scope}")]
    NameCollision {
        /// Where the names live (a module, a struct, an enum).
        scope: String,
        /// The Rust name they share.
        name: String,
        /// The first model name.
        first: String,
        /// The second model name.
        second: String,
    },
    /// The emitted tokens do not parse as a Rust file (a generator bug).
    #[error("generated code for `{file}` does not parse: {message}")]
    Format {
        /// The generated file.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// A file the generator would write exists and was not written by it.
    #[error(
        "{}: exists and was not written by awsgen; move it away or choose another directory",
        path.display()
    )]
    NotGenerated {
        /// The file.
        path: PathBuf,
    },
    /// A crate directory holds files the generator did not write, and the
    /// caller did not agree to leave them alone.
    #[error(
        "{}: holds files awsgen did not write: {}; move them away, or pass --force to leave them alone",
        dir.display(),
        files.join(", ")
    )]
    ForeignFiles {
        /// The crate directory.
        dir: PathBuf,
        /// The files, relative to it.
        files: Vec<String>,
    },
    /// A `Config` setting cannot be used.
    #[error("awsgen configuration: {problem}")]
    Config {
        /// What is wrong.
        problem: String,
    },
    /// `write_to_out_dir` was called outside a build script.
    #[error("the OUT_DIR environment variable is not set; call this from a build script")]
    MissingOutDir,
}

// `main() -> Result<(), Error>` and build scripts print errors with `Debug`:
// make that the readable message, not a struct dump.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

fn did_you_mean(closest: &[String]) -> String {
    match closest {
        [] => String::new(),
        [one] => format!("; did you mean `{one}`?"),
        many => format!(
            "; did you mean one of {}?",
            many.iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Result alias of the generator.
pub type Result<T, E = Error> = std::result::Result<T, E>;
