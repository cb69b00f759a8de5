#![doc = include_str!("../README.md")]

pub mod docs;
pub mod emit;
mod error;
pub mod ir;
pub mod naming;
pub mod render;
pub mod resolve;
pub mod smithy;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use error::{Error, Result};
pub use resolve::Selection;

/// What to generate, and from which model.
#[derive(Debug, Clone)]
pub struct Config {
    source: Source,
    selection: Selection,
    /// Where `write_to_out_dir`'s file is included (`crate::secrets`); `None`
    /// for the crate root.
    module_path: Option<String>,
    /// Whether `write_to_out_dir` prints `cargo:rerun-if-changed` for the model.
    rerun_if_changed: bool,
    /// Whether the single file has the async client.
    client: bool,
    /// Whether the bindings have the dispatch table.
    dispatch: bool,
    /// `(selector, attribute)` pairs for [`Config::type_attribute`].
    type_attributes: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
enum Source {
    Path(PathBuf),
    Text { text: String, origin: String },
}

/// How a vendored `src/` differs from what the generator produces now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files the generator produces that are absent.
    pub missing: Vec<String>,
    /// Files whose bytes differ.
    pub stale: Vec<String>,
    /// `.rs` files the generator wrote before (they carry its header) and no
    /// longer produces; writing removes them.
    pub extra: Vec<String>,
    /// `.rs` files the generator did not write: never touched, and not a
    /// difference.
    pub foreign: Vec<String>,
    /// Operations the generation left out as unsupported (not a difference:
    /// the generated crate's documentation lists them too).
    pub omitted: Vec<ir::OmittedOperation>,
}

impl Drift {
    /// Whether the directory matches byte for byte.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.stale.is_empty() && self.extra.is_empty()
    }
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (label, files) in [
            ("missing", &self.missing),
            ("stale", &self.stale),
            ("extra", &self.extra),
        ] {
            for file in files {
                writeln!(f, "  {label}: {file}")?;
            }
        }
        Ok(())
    }
}

impl Config {
    /// Generates from the Smithy JSON AST file at `model`.
    pub fn new(model: impl Into<PathBuf>) -> Self {
        Config {
            source: Source::Path(model.into()),
            selection: Selection::default(),
            module_path: None,
            rerun_if_changed: true,
            client: true,
            dispatch: false,
            type_attributes: Vec::new(),
        }
    }

    /// Generates from model text held in memory; `origin` names it in errors.
    pub fn from_json(text: impl Into<String>, origin: impl Into<String>) -> Self {
        Config {
            source: Source::Text {
                text: text.into(),
                origin: origin.into(),
            },
            selection: Selection::default(),
            module_path: None,
            rerun_if_changed: true,
            client: true,
            dispatch: false,
            type_attributes: Vec::new(),
        }
    }

    /// The module the single file is included in, as a path from the crate
    /// root (`"crate::secrets"` for `pub mod secrets { include!(..); }` at
    /// the root of the crate); the default is the crate root. Two services
    /// can so live side by side in one crate.
    #[must_use]
    pub fn module_path(mut self, path: impl Into<String>) -> Self {
        self.module_path = Some(path.into());
        self
    }

    /// Whether the single file ([`Config::write_to_out_dir`],
    /// [`Config::generate_single_file`]) has the async `Client` (the
    /// default), like tonic-build's `build_client`. With it, the crate must
    /// enable `awsgen-runtime`'s `client` feature; a compile error says so
    /// otherwise. Without it the bindings are sans-IO. A build script can
    /// follow a feature of its own crate:
    /// `.client(std::env::var_os("CARGO_FEATURE_CLIENT").is_some())`.
    ///
    /// A vendored crate always has the client, behind the `client` feature
    /// of the manifest the generator writes.
    #[must_use]
    pub fn client(mut self, enabled: bool) -> Self {
        self.client = enabled;
        self
    }

    /// Whether the bindings have a dispatch table (off by default): a `dispatch`
    /// module whose `OPERATIONS` lists every operation by wire name, each able
    /// to build its request from wire-shaped JSON (leniently, or strictly:
    /// unknown members and enum values refused) and to parse a response into
    /// JSON; see `awsgen_runtime::dispatch`. For tools that choose the
    /// operation at run time: a generic command line, replaying recorded
    /// calls, test harnesses. The crate must enable `awsgen-runtime`'s
    /// `dispatch` feature (a compile error says so otherwise); a vendored
    /// crate gets a `dispatch` feature of its own that does.
    #[must_use]
    pub fn dispatch(mut self, enabled: bool) -> Self {
        self.dispatch = enabled;
        self
    }

    /// Puts an attribute on generated types, as prost-build's
    /// `type_attribute`: `selector` is `.` for every structure, union and
    /// enum, or a shape's name (`GetSecretValueRequest`) or id
    /// (`com.amazonaws.secretsmanager#GetSecretValueRequest`); `attribute`
    /// is Rust (`#[derive(Hash)]`, `#[serde(deny_unknown_fields)]` does not
    /// apply: the serde implementations are written out). Repeatable; an
    /// attribute that is not valid Rust is an error naming it.
    #[must_use]
    pub fn type_attribute(
        mut self,
        selector: impl Into<String>,
        attribute: impl Into<String>,
    ) -> Self {
        self.type_attributes
            .push((selector.into(), attribute.into()));
        self
    }

    /// Whether [`Config::write_to_out_dir`] tells cargo to rerun the build
    /// script only when the model file changes (the default, as prost-build
    /// does). Turn it off when the build script decides that itself.
    #[must_use]
    pub fn emit_rerun_if_changed(mut self, enabled: bool) -> Self {
        self.rerun_if_changed = enabled;
        self
    }

    /// Chooses the service (id or name) when the model has more than one.
    #[must_use]
    pub fn service(mut self, service: impl Into<String>) -> Self {
        self.selection.service = Some(service.into());
        self
    }

    /// Adds an operation to generate (by name); without any, all are generated.
    #[must_use]
    pub fn operation(mut self, name: impl Into<String>) -> Self {
        self.selection.operations.push(name.into());
        self
    }

    /// Leaves out an operation (by name) that would otherwise be generated.
    #[must_use]
    pub fn exclude_operation(mut self, name: impl Into<String>) -> Self {
        self.selection.exclude.push(name.into());
        self
    }

    /// Parses and resolves the model into the IR.
    pub fn resolve(&self) -> Result<ir::Crate> {
        let model = match &self.source {
            Source::Path(path) => {
                let bytes = std::fs::read(path).map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?;
                let origin = path.display().to_string();
                let text = std::str::from_utf8(&bytes).map_err(|e| Error::Malformed {
                    origin: origin.clone(),
                    problem: format!(
                        "is not UTF-8 text: invalid byte at offset {}",
                        e.valid_up_to()
                    ),
                })?;
                smithy::Model::parse(text, &origin)?
            }
            Source::Text { text, origin } => smithy::Model::parse(text, origin)?,
        };
        resolve::resolve(&model, &self.selection)
    }

    /// What the emitters add, with the attributes of [`Config::type_attribute`] checked.
    fn options(&self, layout: Layout) -> Result<emit::Options> {
        for (_, text) in &self.type_attributes {
            let parse = |input: syn::parse::ParseStream<'_>| syn::Attribute::parse_outer(input);
            syn::parse::Parser::parse_str(parse, text).map_err(|e| Error::Config {
                problem: format!("the type attribute `{text}` is not a Rust attribute: {e}"),
            })?;
        }
        let (client, dispatch) = match layout {
            Layout::SingleFile => (
                gate(self.client, emit::Gate::Always),
                gate(self.dispatch, emit::Gate::Always),
            ),
            Layout::Vendored => (
                emit::Gate::Feature("client".to_owned()),
                gate(self.dispatch, emit::Gate::Feature("dispatch".to_owned())),
            ),
        };
        Ok(emit::Options {
            client,
            dispatch,
            type_attributes: self.type_attributes.clone(),
            doc_crate: None,
        })
    }

    /// Everything as one file of inline modules, for `include!` at the crate
    /// root or in the module set with [`Config::module_path`].
    pub fn generate_single_file(&self) -> Result<String> {
        let krate = self.resolve()?;
        self.single_file(&krate)
    }

    fn single_file(&self, krate: &ir::Crate) -> Result<String> {
        let root = match &self.module_path {
            Some(path) => Some(
                syn::parse_str::<syn::Path>(path).map_err(|e| Error::Config {
                    problem: format!("the module path `{path}` is not a Rust path: {e}"),
                })?,
            ),
            None => None,
        };
        let options = self.options(Layout::SingleFile)?;
        render::single_file(&emit::crate_modules(krate, &options), root.as_ref())
    }

    /// Everything as a crate's `src/` files, by path relative to `src/`.
    pub fn generate_crate_src(&self) -> Result<BTreeMap<String, String>> {
        Ok(self.crate_src_and_omitted()?.0)
    }

    /// The crate's `src/` files and the operations left out as unsupported.
    fn crate_src_and_omitted(
        &self,
    ) -> Result<(BTreeMap<String, String>, Vec<ir::OmittedOperation>)> {
        let krate = self.resolve()?;
        let files = render::crate_files(&emit::crate_modules(
            &krate,
            &self.options(Layout::Vendored)?,
        ))?;
        Ok((files, krate.omitted))
    }

    /// For build scripts: writes the single file to `$OUT_DIR/<file_name>` (only
    /// when its bytes changed) and tells cargo to rerun only when the model changes.
    pub fn write_to_out_dir(&self, file_name: &str) -> Result<()> {
        if let Source::Path(path) = &self.source
            && self.rerun_if_changed
        {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        let out_dir = std::env::var_os("OUT_DIR").ok_or(Error::MissingOutDir)?;
        let krate = self.resolve()?;
        for omitted in &krate.omitted {
            println!("cargo:warning=awsgen: {omitted}");
        }
        let code = self.single_file(&krate)?;
        write_if_changed(&Path::new(&out_dir).join(file_name), &code)
    }

    /// Writes the crate's `src/` files under `src_dir`, removing `.rs` files the
    /// generator wrote before and no longer produces; unchanged files are not
    /// touched. A file the generator did not write (one without its
    /// `@generated` header) is never overwritten or removed: one in the way of
    /// a generated file is an error before anything is written, and other
    /// ones are left alone ([`Drift::foreign`]).
    pub fn write_crate_src(&self, src_dir: &Path) -> Result<Drift> {
        let (files, omitted) = self.crate_src_and_omitted()?;
        write_files(src_dir, &files, "", omitted)
    }

    /// Writes a whole crate into `dir`: `Cargo.toml` (see [`render::manifest`]),
    /// `README.md` (the model, the service and the operations) and `src/`,
    /// with the rules of [`Config::write_crate_src`] for every file.
    pub fn write_crate(
        &self,
        dir: &Path,
        package: &str,
        runtime: &render::RuntimeDependency,
    ) -> Result<Drift> {
        let (files, omitted) = self.crate_files(Some(package), runtime)?;
        write_files(dir, &files, "src/", omitted)
    }

    /// [`Config::write_crate`], refusing (before writing anything) when `dir`
    /// holds `.rs` files the generator did not write unless `keep_foreign`:
    /// what `awsgen vendor` does, generating the crate once. Without
    /// `package`, the package is named after the service's SDK id
    /// ([`naming::package_name`]).
    ///
    /// # Errors
    /// [`Error::ForeignFiles`], or any error of [`Config::write_crate`].
    pub fn vendor_crate(
        &self,
        dir: &Path,
        package: Option<&str>,
        runtime: &render::RuntimeDependency,
        keep_foreign: bool,
    ) -> Result<Drift> {
        let (files, omitted) = self.crate_files(package, runtime)?;
        let drift = check_files(dir, &files, "src/", Vec::new())?;
        if !drift.foreign.is_empty() && !keep_foreign {
            return Err(Error::ForeignFiles {
                dir: dir.to_owned(),
                files: drift.foreign,
            });
        }
        write_files(dir, &files, "src/", omitted)
    }

    /// Compares the crate in `dir` with what [`Config::vendor_crate`] would
    /// write, writing nothing.
    pub fn check_crate(
        &self,
        dir: &Path,
        package: Option<&str>,
        runtime: &render::RuntimeDependency,
    ) -> Result<Drift> {
        let (files, omitted) = self.crate_files(package, runtime)?;
        check_files(dir, &files, "src/", omitted)
    }

    /// Every file of a whole crate, by path relative to its directory.
    fn crate_files(
        &self,
        package: Option<&str>,
        runtime: &render::RuntimeDependency,
    ) -> Result<(BTreeMap<String, String>, Vec<ir::OmittedOperation>)> {
        let krate = self.resolve()?;
        let package = package.map_or_else(
            || naming::package_name(&krate.service.sdk_id),
            str::to_owned,
        );
        let package = package.as_str();
        let mut options = self.options(Layout::Vendored)?;
        options.doc_crate = Some(package.replace('-', "_"));
        let src = render::crate_files(&emit::crate_modules(&krate, &options))?;
        let mut files: BTreeMap<String, String> = src
            .into_iter()
            .map(|(path, text)| (format!("src/{path}"), text))
            .collect();
        files.insert(
            "Cargo.toml".to_owned(),
            render::manifest(package, runtime, self.dispatch),
        );
        files.insert(
            "README.md".to_owned(),
            render::readme(&krate, package, &self.model_name()),
        );
        Ok((files, krate.omitted))
    }

    /// The model's file name (or the origin of in-memory text).
    fn model_name(&self) -> String {
        match &self.source {
            Source::Path(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Source::Text { origin, .. } => origin.clone(),
        }
    }

    /// Writes everything as one file (see [`Config::generate_single_file`]) to
    /// `path`, unless a file the generator did not write is there; returns
    /// the operations left out as unsupported.
    pub fn write_single_file(&self, path: &Path) -> Result<Vec<ir::OmittedOperation>> {
        if path.exists() && !is_generated(path) {
            return Err(Error::NotGenerated {
                path: path.to_owned(),
            });
        }
        let krate = self.resolve()?;
        let code = self.single_file(&krate)?;
        write_if_changed(path, &code)?;
        Ok(krate.omitted)
    }

    /// Compares `src_dir` with what the generator produces now, writing nothing.
    pub fn check_crate_src(&self, src_dir: &Path) -> Result<Drift> {
        let (files, omitted) = self.crate_src_and_omitted()?;
        check_files(src_dir, &files, "", omitted)
    }
}

/// How `dir` differs from `files` (see [`compare`]), with the operations left out.
fn check_files(
    dir: &Path,
    files: &BTreeMap<String, String>,
    rs_root: &str,
    omitted: Vec<ir::OmittedOperation>,
) -> Result<Drift> {
    let mut drift = compare(dir, files, rs_root)?;
    drift.omitted = omitted;
    Ok(drift)
}

/// Writes `files` under `dir` (see [`Config::write_crate_src`]); `rs_root`
/// is where the `.rs` files live, relative to `dir`.
fn write_files(
    dir: &Path,
    files: &BTreeMap<String, String>,
    rs_root: &str,
    omitted: Vec<ir::OmittedOperation>,
) -> Result<Drift> {
    let drift = check_files(dir, files, rs_root, omitted)?;
    for path in &drift.stale {
        let path = dir.join(path);
        if !is_generated(&path) {
            return Err(Error::NotGenerated { path });
        }
    }
    // `check_files` read every file once: only the missing and stale ones are written.
    for path in drift.missing.iter().chain(&drift.stale) {
        if let Some(text) = files.get(path) {
            write_file(&dir.join(path), text)?;
        }
    }
    for extra in &drift.extra {
        let path = dir.join(extra);
        std::fs::remove_file(&path).map_err(|source| Error::Io { path, source })?;
    }
    Ok(drift)
}

/// Where generated code goes, which decides how optional parts are gated.
#[derive(Clone, Copy)]
enum Layout {
    /// One file for `include!`: the client and the dispatch table are in or
    /// out, as configured.
    SingleFile,
    /// A vendored crate: the client always, behind the `client` feature of
    /// its manifest ([`render::manifest`]); the dispatch table, if
    /// configured, behind its `dispatch` feature.
    Vendored,
}

fn gate(enabled: bool, on: emit::Gate) -> emit::Gate {
    if enabled { on } else { emit::Gate::Never }
}

/// Whether the file at `path` starts with the generator's header for its
/// kind (Rust source, manifest, README).
fn is_generated(path: &Path) -> bool {
    use std::io::Read as _;
    let header = match path.extension().and_then(|e| e.to_str()) {
        Some("toml") => render::MANIFEST_HEADER,
        Some("md") => render::README_HEADER,
        _ => render::HEADER,
    };
    let mut start = vec![0; header.len()];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut start))
        .is_ok_and(|()| start == header.as_bytes())
}

fn write_if_changed(path: &Path, text: &str) -> Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(());
    }
    write_file(path, text)
}

/// Writes `text` to `path`, creating its directory.
fn write_file(path: &Path, text: &str) -> Result<()> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(path, text).map_err(io)
}

/// How `dir` differs from `files`; `.rs` files are looked for under
/// `dir/rs_root` (paths in `files` include `rs_root`).
fn compare(dir: &Path, files: &BTreeMap<String, String>, rs_root: &str) -> Result<Drift> {
    let mut drift = Drift::default();
    for (path, text) in files {
        match std::fs::read(dir.join(path)) {
            Ok(old) if old == text.as_bytes() => {}
            Ok(_) => drift.stale.push(path.clone()),
            Err(_) => drift.missing.push(path.clone()),
        }
    }
    let mut present = Vec::new();
    let rs_dir = dir.join(rs_root);
    list_rs_files(&rs_dir, &rs_dir, &mut present)?;
    let (extra, foreign) = present
        .into_iter()
        .map(|p| format!("{rs_root}{p}"))
        .filter(|p| !files.contains_key(p))
        .partition(|p| is_generated(&dir.join(p)));
    drift.extra = extra;
    drift.foreign = foreign;
    Ok(drift)
}

fn list_rs_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(Error::Io {
                path: dir.to_owned(),
                source,
            });
        }
    };
    for entry in entries {
        let path = entry
            .map_err(|source| Error::Io {
                path: dir.to_owned(),
                source,
            })?
            .path();
        if path.is_dir() {
            list_rs_files(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs")
            && let Ok(relative) = path.strip_prefix(root)
        {
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    out.sort();
    Ok(())
}
