//! Partition data for the `aws.partition` function.
//!
//! A partition is a group of AWS regions sharing DNS suffixes and capabilities
//! (`aws`, `aws-cn`, `aws-us-gov`, ...). [`Partitions::from_json`] reads the
//! `partitions.json` format used by the AWS SDKs; [`Partitions::builtin`] is this
//! crate's own table of the same facts.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use regex_lite::Regex;
use serde_json::Value;

use super::EndpointError;

mod builtin;

/// The attributes of a partition that `aws.partition` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionOutputs {
    /// The partition name, such as `aws`.
    pub name: String,
    /// The DNS suffix of regular endpoints, such as `amazonaws.com`.
    pub dns_suffix: String,
    /// The DNS suffix of dual-stack endpoints, such as `api.aws`.
    pub dual_stack_dns_suffix: String,
    /// Whether the partition has FIPS endpoints.
    pub supports_fips: bool,
    /// Whether the partition has dual-stack endpoints.
    pub supports_dual_stack: bool,
    /// The region that global endpoints of this partition are signed for.
    pub implicit_global_region: Option<String>,
}

/// Per-region replacements for a partition's outputs. `partitions.json` may give
/// any of the output members on a region entry; unset members keep the partition's
/// value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionOverride {
    /// Replaces [`PartitionOutputs::name`].
    pub name: Option<String>,
    /// Replaces [`PartitionOutputs::dns_suffix`].
    pub dns_suffix: Option<String>,
    /// Replaces [`PartitionOutputs::dual_stack_dns_suffix`].
    pub dual_stack_dns_suffix: Option<String>,
    /// Replaces [`PartitionOutputs::supports_fips`].
    pub supports_fips: Option<bool>,
    /// Replaces [`PartitionOutputs::supports_dual_stack`].
    pub supports_dual_stack: Option<bool>,
    /// Replaces [`PartitionOutputs::implicit_global_region`].
    pub implicit_global_region: Option<String>,
}

impl RegionOverride {
    fn apply(&self, outputs: &PartitionOutputs) -> PartitionOutputs {
        PartitionOutputs {
            name: self.name.clone().unwrap_or_else(|| outputs.name.clone()),
            dns_suffix: self
                .dns_suffix
                .clone()
                .unwrap_or_else(|| outputs.dns_suffix.clone()),
            dual_stack_dns_suffix: self
                .dual_stack_dns_suffix
                .clone()
                .unwrap_or_else(|| outputs.dual_stack_dns_suffix.clone()),
            supports_fips: self.supports_fips.unwrap_or(outputs.supports_fips),
            supports_dual_stack: self
                .supports_dual_stack
                .unwrap_or(outputs.supports_dual_stack),
            implicit_global_region: self
                .implicit_global_region
                .clone()
                .or_else(|| outputs.implicit_global_region.clone()),
        }
    }
}

/// One partition: its id, the regions it lists, the pattern of region names it
/// claims, and its outputs.
#[derive(Debug, Clone)]
pub struct Partition {
    id: String,
    region_regex: String,
    /// `region_regex` compiled: by [`Partition::new`], or on first use for the
    /// built-in table (whose patterns a test compiles), so that a process that
    /// only meets listed regions never compiles one.
    regex: OnceLock<Option<Regex>>,
    regions: BTreeMap<String, RegionOverride>,
    outputs: PartitionOutputs,
}

impl PartialEq for Partition {
    /// Two partitions are equal when their data is; the compiled regex follows from
    /// `region_regex`.
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.region_regex == other.region_regex
            && self.regions == other.regions
            && self.outputs == other.outputs
    }
}

impl Eq for Partition {}

impl Partition {
    /// Builds a partition, compiling `region_regex`.
    pub fn new(
        id: impl Into<String>,
        region_regex: impl Into<String>,
        regions: BTreeMap<String, RegionOverride>,
        outputs: PartitionOutputs,
    ) -> Result<Self, EndpointError> {
        let id = id.into();
        let region_regex = region_regex.into();
        let regex = Regex::new(&region_regex).map_err(|e| EndpointError::Regex {
            partition: id.clone(),
            message: e.to_string(),
        })?;
        Ok(Partition {
            id,
            region_regex,
            regex: OnceLock::from(Some(regex)),
            regions,
            outputs,
        })
    }

    /// A partition whose `region_regex` is compiled when first needed (the
    /// built-in table's; an invalid pattern would match nothing).
    fn compiled_on_first_use(
        id: &str,
        region_regex: &str,
        regions: BTreeMap<String, RegionOverride>,
        outputs: PartitionOutputs,
    ) -> Self {
        Partition {
            id: id.to_owned(),
            region_regex: region_regex.to_owned(),
            regex: OnceLock::new(),
            regions,
            outputs,
        }
    }

    /// Whether `region_regex` matches `region`.
    fn matches(&self, region: &str) -> bool {
        self.regex
            .get_or_init(|| Regex::new(&self.region_regex).ok())
            .as_ref()
            .is_some_and(|regex| regex.is_match(region))
    }

    /// The partition id, such as `aws-us-gov`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The regular expression matching region names of this partition.
    pub fn region_regex(&self) -> &str {
        &self.region_regex
    }

    /// The regions the partition lists by name, with their overrides.
    pub fn regions(&self) -> &BTreeMap<String, RegionOverride> {
        &self.regions
    }

    /// The partition's outputs.
    pub fn outputs(&self) -> &PartitionOutputs {
        &self.outputs
    }
}

/// An ordered list of partitions, looked up by region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partitions {
    partitions: Vec<Partition>,
    /// Region name to the index of the partition that lists it.
    by_region: HashMap<String, usize>,
}

/// Reads the members of one JSON object of `partitions.json`, naming the
/// path of any that has the wrong type.
struct Members<'a> {
    object: &'a serde_json::Map<String, Value>,
    path: String,
}

impl<'a> Members<'a> {
    fn of(value: &'a Value, path: String) -> Result<Self, EndpointError> {
        match value.as_object() {
            Some(object) => Ok(Members { object, path }),
            None => Err(invalid(path, "expected an object")),
        }
    }

    fn get<T>(
        &self,
        key: &str,
        read: impl Fn(&'a Value) -> Option<T>,
        expected: &str,
    ) -> Result<Option<T>, EndpointError> {
        match self.object.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => read(value)
                .map(Some)
                .ok_or_else(|| invalid(format!("{}.{key}", self.path), expected)),
        }
    }

    fn string(&self, key: &str) -> Result<Option<String>, EndpointError> {
        self.get(key, |v| v.as_str().map(str::to_owned), "expected a string")
    }

    fn boolean(&self, key: &str) -> Result<Option<bool>, EndpointError> {
        self.get(key, Value::as_bool, "expected a boolean")
    }

    fn required<T>(&self, key: &str, value: Option<T>) -> Result<T, EndpointError> {
        value.ok_or_else(|| invalid(format!("{}.{key}", self.path), "missing"))
    }
}

fn invalid(path: String, message: &str) -> EndpointError {
    EndpointError::Invalid {
        path,
        message: message.to_owned(),
    }
}

impl RegionOverride {
    fn read(members: &Members<'_>) -> Result<Self, EndpointError> {
        Ok(RegionOverride {
            name: members.string("name")?,
            dns_suffix: members.string("dnsSuffix")?,
            dual_stack_dns_suffix: members.string("dualStackDnsSuffix")?,
            supports_fips: members.boolean("supportsFIPS")?,
            supports_dual_stack: members.boolean("supportsDualStack")?,
            implicit_global_region: members.string("implicitGlobalRegion")?,
        })
    }
}

impl PartitionOutputs {
    fn read(members: &Members<'_>) -> Result<Self, EndpointError> {
        let all = RegionOverride::read(members)?;
        Ok(PartitionOutputs {
            name: members.required("name", all.name)?,
            dns_suffix: members.required("dnsSuffix", all.dns_suffix)?,
            dual_stack_dns_suffix: members
                .required("dualStackDnsSuffix", all.dual_stack_dns_suffix)?,
            supports_fips: members.required("supportsFIPS", all.supports_fips)?,
            supports_dual_stack: members.required("supportsDualStack", all.supports_dual_stack)?,
            implicit_global_region: all.implicit_global_region,
        })
    }
}

impl Partitions {
    /// Builds the table from partitions in lookup order.
    pub fn new(partitions: Vec<Partition>) -> Self {
        let mut by_region = HashMap::new();
        for (index, partition) in partitions.iter().enumerate() {
            for region in partition.regions.keys() {
                // The first partition listing a region wins.
                by_region.entry(region.clone()).or_insert(index);
            }
        }
        Partitions {
            partitions,
            by_region,
        }
    }

    /// Reads the `partitions.json` format: `{"partitions": [{"id", "regionRegex",
    /// "regions": {name: {...}}, "outputs": {...}}]}`. Region descriptions are
    /// ignored.
    pub fn from_json(json: &str) -> Result<Self, EndpointError> {
        let doc: Value = serde_json::from_str(json)?;
        let list = Members::of(&doc, String::new())?
            .get("partitions", Value::as_array, "expected an array")?
            .ok_or_else(|| invalid("partitions".to_owned(), "missing"))?;
        let mut partitions = Vec::with_capacity(list.len());
        for (i, partition) in list.iter().enumerate() {
            let members = Members::of(partition, format!("partitions[{i}]"))?;
            let id = members.string("id")?;
            let region_regex = members.string("regionRegex")?;
            let outputs = members
                .get("outputs", Some, "expected an object")?
                .ok_or_else(|| invalid(format!("{}.outputs", members.path), "missing"))?;
            let outputs = PartitionOutputs::read(&Members::of(
                outputs,
                format!("{}.outputs", members.path),
            )?)?;
            let mut regions = BTreeMap::new();
            if let Some(list) = members.get("regions", Value::as_object, "expected an object")? {
                for (region, value) in list {
                    let at = format!("{}.regions.{region}", members.path);
                    regions.insert(
                        region.clone(),
                        RegionOverride::read(&Members::of(value, at)?)?,
                    );
                }
            }
            partitions.push(Partition::new(
                members.required("id", id)?,
                members.required("regionRegex", region_regex)?,
                regions,
                outputs,
            )?);
        }
        Ok(Partitions::new(partitions))
    }

    /// The crate's own partition table (the AWS partitions as of early 2025).
    pub fn builtin() -> &'static Partitions {
        static BUILTIN: OnceLock<Partitions> = OnceLock::new();
        BUILTIN.get_or_init(builtin::partitions)
    }

    /// The partitions in lookup order.
    pub fn partitions(&self) -> &[Partition] {
        &self.partitions
    }

    /// `aws.partition`: the outputs of the partition of `region`.
    ///
    /// A region listed by name wins; otherwise the first partition whose
    /// `regionRegex` matches; otherwise the `aws` partition (so that new regions of
    /// the main partition resolve before the table knows them). `None` only when
    /// none of these exists.
    pub fn resolve(&self, region: &str) -> Option<PartitionOutputs> {
        if let Some(partition) = self
            .by_region
            .get(region)
            .and_then(|&i| self.partitions.get(i))
        {
            let outputs = &partition.outputs;
            return Some(match partition.regions.get(region) {
                Some(over) => over.apply(outputs),
                None => outputs.clone(),
            });
        }
        self.partitions
            .iter()
            .find(|p| p.matches(region))
            .or_else(|| self.partitions.iter().find(|p| p.id == "aws"))
            .map(|p| p.outputs.clone())
    }
}
