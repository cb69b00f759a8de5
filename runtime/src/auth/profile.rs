//! The AWS shared config file (`~/.aws/config`) and shared credentials file
//! (`~/.aws/credentials`): where they are, how they are parsed and how the
//! two are merged into one set of profiles.
//!
//! The format is INI-like, with these rules (the cross-SDK conformance
//! vectors pin each of them down):
//!
//! - A section starts with `[`. In the config file a profile section is
//!   `[profile NAME]` (the word `profile`, then spaces or tabs, then the name)
//!   or `[default]`; any other bare `[NAME]` is ignored there. In the
//!   credentials file a section is `[NAME]`. If the config file has a
//!   `[profile default]` section, its bare `[default]` sections are ignored.
//!   The config file may also hold `[sso-session NAME]` and
//!   `[services NAME]` sections.
//! - Names of profiles and properties may use ASCII letters, digits and
//!   `-/.%@_:+`; sections and properties with other names are ignored.
//!   Property names are case-insensitive (stored lower-cased).
//! - `name = value` defines a property; keys and values are trimmed of spaces
//!   and tabs; the value may itself contain `=`.
//! - Lines that start with `#` or `;` are comments. After a section header a
//!   `#` or `;` starts a comment anywhere; after a property value only when it
//!   follows a space or tab.
//! - A line that starts with a space or tab continues the previous property:
//!   its trimmed text is appended after a newline, comment characters
//!   included. If the property's value was empty, continuation lines are
//!   sub-properties and must themselves look like `name = value`.
//! - Blank lines are ignored. A section repeated in one file, or present in
//!   both files, is merged; the last definition of a property wins, and the
//!   credentials file wins over the config file.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::env::Env;

/// Spaces and tabs: the only characters the format treats as whitespace.
const WHITESPACE: &[char] = &[' ', '\t'];
/// Characters that start a comment.
const COMMENT: &[char] = &['#', ';'];

/// Which of the two shared files a text comes from; the rules for section
/// headers differ between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProfileFileKind {
    /// The shared config file (`~/.aws/config`): `[profile NAME]`,
    /// `[default]`, `[sso-session NAME]`, `[services NAME]`.
    Config,
    /// The shared credentials file (`~/.aws/credentials`): `[NAME]`.
    Credentials,
}

impl fmt::Display for ProfileFileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProfileFileKind::Config => "config",
            ProfileFileKind::Credentials => "credentials",
        })
    }
}

/// A syntax error in a shared config or credentials file.
///
/// The message never quotes the offending line, since it may hold a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileParseError {
    file: ProfileFileKind,
    line: usize,
    message: &'static str,
}

impl std::fmt::Display for ProfileParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let file = &self.file;
        let line = &self.line;
        let message = &self.message;
        write!(
            f,
            "syntax error in the shared {file} file on line {line}: {message}"
        )
    }
}

impl std::error::Error for ProfileParseError {}

impl ProfileParseError {
    /// The file the error is in.
    pub fn file(&self) -> ProfileFileKind {
        self.file
    }

    /// The 1-based line number of the error.
    pub fn line(&self) -> usize {
        self.line
    }

    /// What is wrong, e.g. `Expected a profile definition`.
    pub fn message(&self) -> &str {
        self.message
    }
}

/// A named section of the shared files: a profile, an `sso-session` or a
/// `services` section, with its properties.
///
/// `Debug` prints the property names only, never their values, because a
/// profile may hold `aws_secret_access_key` or `aws_session_token`.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Profile {
    name: String,
    properties: HashMap<String, String>,
}

impl Profile {
    /// The section's name (for a profile, without the `profile ` prefix).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value of property `key` (matched case-insensitively).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.properties
            .get(&key.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// All properties as `(lower-cased name, value)` pairs, in no particular
    /// order.
    pub fn properties(&self) -> impl Iterator<Item = (&str, &str)> {
        self.properties
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Whether the section has no properties.
    pub fn is_empty(&self) -> bool {
        self.properties.is_empty()
    }
}

impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut keys: Vec<&str> = self.properties.keys().map(String::as_str).collect();
        keys.sort_unstable();
        f.debug_struct("Profile")
            .field("name", &self.name)
            .field("property_names", &keys)
            .finish()
    }
}

/// The profiles (and `sso-session` / `services` sections) of the shared
/// config and credentials files, merged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileSet {
    profiles: HashMap<String, Profile>,
    sso_sessions: HashMap<String, Profile>,
    services: HashMap<String, Profile>,
}

impl ProfileSet {
    /// Parses the texts of the config file and the credentials file (either
    /// may be absent) and merges them; properties from the credentials file
    /// win over the config file's.
    pub fn parse(
        config: Option<&str>,
        credentials: Option<&str>,
    ) -> Result<Self, ProfileParseError> {
        let mut set = ProfileSet::default();
        if let Some(text) = config {
            set.merge_file(ProfileFileKind::Config, text)?;
        }
        if let Some(text) = credentials {
            set.merge_file(ProfileFileKind::Credentials, text)?;
        }
        Ok(set)
    }

    /// The profile called `name`.
    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    /// All profiles, in no particular order.
    pub fn profiles(&self) -> impl Iterator<Item = &Profile> {
        self.profiles.values()
    }

    /// The `[sso-session NAME]` section called `name`.
    pub fn sso_session(&self, name: &str) -> Option<&Profile> {
        self.sso_sessions.get(name)
    }

    /// All `[sso-session NAME]` sections, in no particular order.
    pub fn sso_sessions(&self) -> impl Iterator<Item = &Profile> {
        self.sso_sessions.values()
    }

    /// The `[services NAME]` section called `name`.
    pub fn services(&self, name: &str) -> Option<&Profile> {
        self.services.get(name)
    }

    /// All `[services NAME]` sections, in no particular order.
    pub fn services_sections(&self) -> impl Iterator<Item = &Profile> {
        self.services.values()
    }

    /// Whether there is no profile at all.
    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }

    fn merge_file(&mut self, kind: ProfileFileKind, text: &str) -> Result<(), ProfileParseError> {
        let sections = parse_sections(kind, text)?;
        let has_prefixed_default = kind == ProfileFileKind::Config
            && sections.iter().any(|s| {
                matches!(classify(kind, &s.header), Target::Profile { name, prefixed: true } if name == "default")
            });
        for section in &sections {
            let (map, name) = match classify(kind, &section.header) {
                Target::Ignored => continue,
                Target::Profile { name, prefixed } => {
                    if name == "default" && !prefixed && has_prefixed_default {
                        continue;
                    }
                    (&mut self.profiles, name)
                }
                Target::SsoSession(name) => (&mut self.sso_sessions, name),
                Target::Services(name) => (&mut self.services, name),
            };
            if !is_identifier(name) {
                continue;
            }
            let profile = map.entry(name.to_owned()).or_insert_with(|| Profile {
                name: name.to_owned(),
                properties: HashMap::new(),
            });
            for (key, value) in &section.properties {
                if is_identifier(key) {
                    profile.properties.insert(key.clone(), value.clone());
                }
            }
        }
        Ok(())
    }
}

/// What a section header stands for, once the file's rules are applied.
enum Target<'a> {
    Profile { name: &'a str, prefixed: bool },
    SsoSession(&'a str),
    Services(&'a str),
    Ignored,
}

fn classify(kind: ProfileFileKind, header: &str) -> Target<'_> {
    match kind {
        ProfileFileKind::Credentials => Target::Profile {
            name: header,
            prefixed: false,
        },
        ProfileFileKind::Config => {
            if let Some(name) = strip_keyword(header, "profile") {
                Target::Profile {
                    name,
                    prefixed: true,
                }
            } else if header == "default" {
                Target::Profile {
                    name: header,
                    prefixed: false,
                }
            } else if let Some(name) = strip_keyword(header, "sso-session") {
                Target::SsoSession(name)
            } else if let Some(name) = strip_keyword(header, "services") {
                Target::Services(name)
            } else {
                Target::Ignored
            }
        }
    }
}

/// `keyword` followed by at least one space or tab, then the (trimmed) name.
fn strip_keyword<'a>(header: &'a str, keyword: &str) -> Option<&'a str> {
    let rest = header.strip_prefix(keyword)?;
    if rest.starts_with(WHITESPACE) {
        Some(rest.trim_matches(WHITESPACE))
    } else {
        None
    }
}

/// Names of profiles, sections and properties: ASCII letters, digits and
/// `-/.%@_:+`, at least one character.
fn is_identifier(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-/.%@_:+".contains(c))
}

/// One `[...]` section as written, before the file's naming rules apply.
struct RawSection {
    /// The text between the brackets, trimmed.
    header: String,
    /// Properties in file order (a later duplicate overrides when merged).
    properties: Vec<(String, String)>,
}

/// Where the line parser is.
enum State {
    /// Before the first section header.
    Start,
    /// Inside the last section; `property` is the index of the property that
    /// continuation lines extend, and whether it takes sub-properties.
    InSection { property: Option<(usize, bool)> },
}

fn parse_sections(kind: ProfileFileKind, text: &str) -> Result<Vec<RawSection>, ProfileParseError> {
    let mut sections: Vec<RawSection> = Vec::new();
    let mut state = State::Start;
    for (index, line) in text.lines().enumerate() {
        let err = |message: &'static str| ProfileParseError {
            file: kind,
            line: index + 1,
            message,
        };
        if line.trim_matches(WHITESPACE).is_empty() || line.starts_with(COMMENT) {
            continue;
        }
        if line.starts_with('[') {
            let header = strip_comment(line, false)
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
                .ok_or_else(|| err("Profile definition must end with ']'"))?;
            sections.push(RawSection {
                header: header.trim_matches(WHITESPACE).to_owned(),
                properties: Vec::new(),
            });
            state = State::InSection { property: None };
        } else if line.starts_with(WHITESPACE) {
            let (Some(section), State::InSection { property }) = (sections.last_mut(), &state)
            else {
                return Err(err("Expected a profile definition"));
            };
            let Some((prop_index, is_sub)) = *property else {
                return Err(err("Expected a property definition, found continuation"));
            };
            if is_sub {
                parse_property(line).map_err(|e| err(e.message("sub-property")))?;
            }
            if let Some((_, value)) = section.properties.get_mut(prop_index) {
                value.push('\n');
                value.push_str(line.trim_matches(WHITESPACE));
            }
        } else {
            let (Some(section), State::InSection { .. }) = (sections.last_mut(), &state) else {
                return Err(err("Expected a profile definition"));
            };
            let (key, value) = parse_property(line).map_err(|e| err(e.message("property")))?;
            let is_sub = value.is_empty();
            section.properties.push((key, value.to_owned()));
            state = State::InSection {
                property: Some((section.properties.len() - 1, is_sub)),
            };
        }
    }
    Ok(sections)
}

/// Why a `name = value` line is malformed.
enum PropertyError {
    NoEquals,
    NoName,
}

impl PropertyError {
    fn message(&self, what: &str) -> &'static str {
        match (self, what) {
            (PropertyError::NoEquals, "sub-property") => {
                "Expected an '=' sign defining a sub-property"
            }
            (PropertyError::NoEquals, _) => "Expected an '=' sign defining a property",
            (PropertyError::NoName, "sub-property") => "Sub-property did not have a name",
            (PropertyError::NoName, _) => "Property did not have a name",
        }
    }
}

/// Splits `name = value` (comments after whitespace removed) into the
/// lower-cased name and the value.
fn parse_property(line: &str) -> Result<(String, &str), PropertyError> {
    let line = strip_comment(line, true);
    let (key, value) = line.split_once('=').ok_or(PropertyError::NoEquals)?;
    let key = key.trim_matches(WHITESPACE);
    if key.is_empty() {
        return Err(PropertyError::NoName);
    }
    Ok((key.to_ascii_lowercase(), value.trim_matches(WHITESPACE)))
}

/// Trims the line and cuts a trailing comment. With `after_whitespace`, a
/// comment character only counts when it follows a space or tab.
fn strip_comment(line: &str, after_whitespace: bool) -> &str {
    let line = line.trim_matches(WHITESPACE);
    let mut previous_is_space = false;
    let mut cut = line.len();
    for (index, c) in line.char_indices() {
        if COMMENT.contains(&c) && (previous_is_space || !after_whitespace) {
            cut = index;
            break;
        }
        previous_is_space = WHITESPACE.contains(&c);
    }
    line.get(..cut).unwrap_or(line).trim_matches(WHITESPACE)
}

/// The operating-system family whose home-directory rules apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    /// Linux, macOS and other Unix-like systems: home is `HOME`; paths use
    /// `/`.
    Unix,
    /// Windows: home is `HOME`, else `USERPROFILE`, else
    /// `HOMEDRIVE` + `HOMEPATH`; paths use `\`.
    Windows,
}

impl Platform {
    /// The platform this program was built for.
    pub fn current() -> Self {
        if cfg!(windows) {
            Platform::Windows
        } else {
            Platform::Unix
        }
    }

    fn separator(self) -> char {
        match self {
            Platform::Unix => '/',
            Platform::Windows => '\\',
        }
    }
}

/// The user's home directory according to `env`, or `None` when the
/// variables that define it are unset.
pub fn home_dir(env: &Env, platform: Platform) -> Option<String> {
    if let Some(home) = env.get_non_empty("HOME") {
        return Some(home);
    }
    match platform {
        Platform::Unix => None,
        Platform::Windows => env.get_non_empty("USERPROFILE").or_else(|| {
            let drive = env.get_non_empty("HOMEDRIVE")?;
            let path = env.get_non_empty("HOMEPATH")?;
            Some(format!("{drive}{path}"))
        }),
    }
}

/// Where the shared files are to be read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileFileLocations {
    /// The config file: `AWS_CONFIG_FILE`, else `<home>/.aws/config`;
    /// `None` when neither is known.
    pub config: Option<PathBuf>,
    /// The credentials file: `AWS_SHARED_CREDENTIALS_FILE`, else
    /// `<home>/.aws/credentials`; `None` when neither is known.
    pub credentials: Option<PathBuf>,
}

impl ProfileFileLocations {
    /// Resolves both locations from `env` for `platform`. A leading `~` in
    /// an override is replaced with the home directory.
    pub fn resolve(env: &Env, platform: Platform) -> Self {
        let home = home_dir(env, platform);
        let locate = |override_var: &str, file_name: &str| -> Option<PathBuf> {
            let sep = platform.separator();
            match env.get_non_empty(override_var) {
                Some(path) => Some(PathBuf::from(expand_tilde(
                    &path,
                    home.as_deref(),
                    platform,
                ))),
                None => home.as_deref().map(|home| {
                    let home = home.strip_suffix(sep).unwrap_or(home);
                    PathBuf::from(format!("{home}{sep}.aws{sep}{file_name}"))
                }),
            }
        };
        Self {
            config: locate("AWS_CONFIG_FILE", "config"),
            credentials: locate("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
        }
    }
}

/// Replaces a leading `~` (alone, or followed by a path separator) with
/// `home`; other paths, or any path when `home` is unknown, are unchanged.
fn expand_tilde(path: &str, home: Option<&str>, platform: Platform) -> String {
    let Some(home) = home else {
        return path.to_owned();
    };
    let Some(rest) = path.strip_prefix('~') else {
        return path.to_owned();
    };
    let is_separator = |c: char| c == '/' || (platform == Platform::Windows && c == '\\');
    if rest.is_empty() {
        return home.to_owned();
    }
    if rest.starts_with(is_separator) {
        let home = home.strip_suffix(is_separator).unwrap_or(home);
        return format!("{home}{rest}");
    }
    path.to_owned()
}

/// The profile named by `AWS_PROFILE`, or `default`.
pub fn selected_profile_name(env: &Env) -> String {
    env.get_non_empty("AWS_PROFILE")
        .unwrap_or_else(|| "default".to_owned())
}

/// A shared file could not be read or parsed.
#[derive(Debug)]
#[non_exhaustive]
pub enum ProfileFileError {
    /// The file exists but reading it failed.
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not in the shared config format.
    Parse {
        /// The file.
        path: PathBuf,
        /// The syntax error.
        source: ProfileParseError,
    },
}

impl std::fmt::Display for ProfileFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Read { path, source } => write!(f, "could not read {}: {source}", path.display()),
            Self::Parse { path, source } => {
                write!(f, "could not parse {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for ProfileFileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Read { source, .. } => Some(source),
            Self::Parse { source, .. } => Some(source),
        }
    }
}

/// The shared files as found on disk, parsed and merged.
#[derive(Clone, Debug)]
pub struct LoadedProfiles {
    /// The merged profiles (empty when neither file exists).
    pub profiles: ProfileSet,
    /// Where the files were looked for.
    pub locations: ProfileFileLocations,
    /// The files that existed and were read.
    pub files_read: Vec<PathBuf>,
    /// The profile selected by `AWS_PROFILE` (or `default`).
    pub selected_profile: String,
}

impl LoadedProfiles {
    /// Reads the files located from `env` on this platform. A file that does
    /// not exist counts as empty; one that cannot be read or parsed is an
    /// error.
    pub fn load(env: &Env) -> Result<Self, ProfileFileError> {
        Self::load_for_platform(env, Platform::current())
    }

    /// Like [`LoadedProfiles::load`], with the home-directory rules of
    /// `platform`.
    pub fn load_for_platform(env: &Env, platform: Platform) -> Result<Self, ProfileFileError> {
        let locations = ProfileFileLocations::resolve(env, platform);
        let mut files_read = Vec::new();
        let config = read_optional(locations.config.as_deref(), &mut files_read)?;
        let credentials = read_optional(locations.credentials.as_deref(), &mut files_read)?;
        let mut profiles = ProfileSet::default();
        let inputs = [
            (ProfileFileKind::Config, &locations.config, config),
            (
                ProfileFileKind::Credentials,
                &locations.credentials,
                credentials,
            ),
        ];
        for (kind, path, text) in inputs {
            if let Some(text) = text {
                profiles
                    .merge_file(kind, &text)
                    .map_err(|source| ProfileFileError::Parse {
                        path: path.clone().unwrap_or_default(),
                        source,
                    })?;
            }
        }
        Ok(Self {
            profiles,
            locations,
            files_read,
            selected_profile: selected_profile_name(env),
        })
    }

    /// The selected profile, if it is defined.
    pub fn selected(&self) -> Option<&Profile> {
        self.profiles.profile(&self.selected_profile)
    }
}

fn read_optional(
    path: Option<&Path>,
    files_read: &mut Vec<PathBuf>,
) -> Result<Option<String>, ProfileFileError> {
    let Some(path) = path else {
        return Ok(None);
    };
    match std::fs::read_to_string(path) {
        Ok(text) => {
            files_read.push(path.to_path_buf());
            Ok(Some(text))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ProfileFileError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn error_reports_file_and_line_without_quoting_it() {
        let err = ProfileSet::parse(Some("[default]\nsecret-value-here"), None).unwrap_err();
        assert_eq!(err.file(), ProfileFileKind::Config);
        assert_eq!(err.line(), 2);
        assert_eq!(err.message(), "Expected an '=' sign defining a property");
        assert!(!err.to_string().contains("secret-value-here"));
    }

    #[test]
    fn profile_debug_hides_values() {
        let set = ProfileSet::parse(
            None,
            Some("[default]\naws_secret_access_key = do-not-print-me"),
        )
        .unwrap();
        let profile = set.profile("default").unwrap();
        assert_eq!(
            profile.get("AWS_SECRET_ACCESS_KEY"),
            Some("do-not-print-me")
        );
        let shown = format!("{set:?}");
        assert!(shown.contains("aws_secret_access_key"));
        assert!(!shown.contains("do-not-print-me"));
    }

    #[test]
    fn services_sections_are_kept_apart_from_profiles() {
        let set = ProfileSet::parse(
            Some("[services dev]\nlightsail =\n  endpoint_url = http://127.0.0.1:1\n[profile a]\nservices = dev"),
            None,
        )
        .unwrap();
        let services = set.services("dev").unwrap();
        assert_eq!(
            services.get("lightsail"),
            Some("\nendpoint_url = http://127.0.0.1:1")
        );
        assert_eq!(set.profile("a").unwrap().get("services"), Some("dev"));
        assert!(set.profile("dev").is_none());
    }

    #[test]
    fn tilde_expansion() {
        assert_eq!(expand_tilde("~/x", Some("/h/"), Platform::Unix), "/h/x");
        assert_eq!(expand_tilde("~", Some("/h"), Platform::Unix), "/h");
        assert_eq!(
            expand_tilde("~\\x", Some("C:\\u"), Platform::Windows),
            "C:\\u\\x"
        );
        assert_eq!(expand_tilde("~\\x", Some("/h"), Platform::Unix), "~\\x");
        assert_eq!(
            expand_tilde("~other/x", Some("/h"), Platform::Unix),
            "~other/x"
        );
        assert_eq!(expand_tilde("~/x", None, Platform::Unix), "~/x");
    }

    #[test]
    fn no_home_means_no_default_locations() {
        let locations =
            ProfileFileLocations::resolve(&Env::from_map::<_, String, String>([]), Platform::Unix);
        assert_eq!(locations.config, None);
        assert_eq!(locations.credentials, None);
    }
}
