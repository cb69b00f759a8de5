//! Partition data for the `aws.partition` function.
//!
//! A partition is a group of AWS regions sharing DNS suffixes and capabilities
//! (`aws`, `aws-cn`, `aws-us-gov`, ...). [`Partitions::from_json`] reads the
//! `partitions.json` format used by the AWS SDKs; [`Partitions::builtin`] is this
//! crate's own table of the same facts.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use regex_lite::Regex;
use serde::Deserialize;

use super::EndpointError;

mod builtin;

/// The attributes of a partition that `aws.partition` returns.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartitionOutputs {
    /// The partition name, such as `aws`.
    pub name: String,
    /// The DNS suffix of regular endpoints, such as `amazonaws.com`.
    pub dns_suffix: String,
    /// The DNS suffix of dual-stack endpoints, such as `api.aws`.
    pub dual_stack_dns_suffix: String,
    /// Whether the partition has FIPS endpoints.
    #[serde(rename = "supportsFIPS")]
    pub supports_fips: bool,
    /// Whether the partition has dual-stack endpoints.
    pub supports_dual_stack: bool,
    /// The region that global endpoints of this partition are signed for.
    #[serde(default)]
    pub implicit_global_region: Option<String>,
}

/// Per-region replacements for a partition's outputs. `partitions.json` may give
/// any of the output members on a region entry; unset members keep the partition's
/// value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegionOverride {
    /// Replaces [`PartitionOutputs::name`].
    #[serde(default)]
    pub name: Option<String>,
    /// Replaces [`PartitionOutputs::dns_suffix`].
    #[serde(default)]
    pub dns_suffix: Option<String>,
    /// Replaces [`PartitionOutputs::dual_stack_dns_suffix`].
    #[serde(default)]
    pub dual_stack_dns_suffix: Option<String>,
    /// Replaces [`PartitionOutputs::supports_fips`].
    #[serde(default, rename = "supportsFIPS")]
    pub supports_fips: Option<bool>,
    /// Replaces [`PartitionOutputs::supports_dual_stack`].
    #[serde(default)]
    pub supports_dual_stack: Option<bool>,
    /// Replaces [`PartitionOutputs::implicit_global_region`].
    #[serde(default)]
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
    regex: Regex,
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
            regex,
            regions,
            outputs,
        })
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

#[derive(Deserialize)]
struct PartitionsDoc {
    partitions: Vec<PartitionDoc>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PartitionDoc {
    id: String,
    region_regex: String,
    #[serde(default)]
    regions: BTreeMap<String, RegionOverride>,
    outputs: PartitionOutputs,
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
        let doc: PartitionsDoc = serde_json::from_str(json)?;
        let partitions = doc
            .partitions
            .into_iter()
            .map(|p| Partition::new(p.id, p.region_regex, p.regions, p.outputs))
            .collect::<Result<Vec<_>, _>>()?;
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
            .find(|p| p.regex.is_match(region))
            .or_else(|| self.partitions.iter().find(|p| p.id == "aws"))
            .map(|p| p.outputs.clone())
    }
}
