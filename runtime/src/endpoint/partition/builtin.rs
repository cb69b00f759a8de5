//! The built-in partition table: the AWS partitions, their region name patterns,
//! their listed regions and their DNS facts, as of early 2025.
//!
//! Order matters: a region not listed by name goes to the first partition whose
//! pattern matches it.

use std::collections::BTreeMap;

use super::{Partition, PartitionOutputs, Partitions, RegionOverride};

struct Facts {
    id: &'static str,
    region_regex: &'static str,
    dns_suffix: &'static str,
    dual_stack_dns_suffix: &'static str,
    supports_fips: bool,
    supports_dual_stack: bool,
    implicit_global_region: &'static str,
    regions: &'static [&'static str],
}

const TABLE: &[Facts] = &[
    Facts {
        id: "aws",
        region_regex: r"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$",
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-east-1",
        regions: &[
            "af-south-1",
            "ap-east-1",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-7",
            "aws-global",
            "ca-central-1",
            "ca-west-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "mx-central-1",
            "sa-east-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
        ],
    },
    Facts {
        id: "aws-cn",
        region_regex: r"^cn\-\w+\-\d+$",
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "cn-northwest-1",
        regions: &["aws-cn-global", "cn-north-1", "cn-northwest-1"],
    },
    Facts {
        id: "aws-us-gov",
        region_regex: r"^us\-gov\-\w+\-\d+$",
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-gov-west-1",
        regions: &["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"],
    },
    Facts {
        id: "aws-iso",
        region_regex: r"^us\-iso\-\w+\-\d+$",
        dns_suffix: "c2s.ic.gov",
        dual_stack_dns_suffix: "c2s.ic.gov",
        supports_fips: true,
        supports_dual_stack: false,
        implicit_global_region: "us-iso-east-1",
        regions: &["aws-iso-global", "us-iso-east-1", "us-iso-west-1"],
    },
    Facts {
        id: "aws-iso-b",
        region_regex: r"^us\-isob\-\w+\-\d+$",
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_dns_suffix: "sc2s.sgov.gov",
        supports_fips: true,
        supports_dual_stack: false,
        implicit_global_region: "us-isob-east-1",
        regions: &["aws-iso-b-global", "us-isob-east-1"],
    },
    Facts {
        id: "aws-iso-e",
        region_regex: r"^eu\-isoe\-\w+\-\d+$",
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_dns_suffix: "cloud.adc-e.uk",
        supports_fips: true,
        supports_dual_stack: false,
        implicit_global_region: "eu-isoe-west-1",
        regions: &["eu-isoe-west-1"],
    },
    Facts {
        id: "aws-iso-f",
        region_regex: r"^us\-isof\-\w+\-\d+$",
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_dns_suffix: "csp.hci.ic.gov",
        supports_fips: true,
        supports_dual_stack: false,
        implicit_global_region: "us-isof-south-1",
        regions: &["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"],
    },
];

/// Builds the table. The patterns are compiled when first needed; every one of
/// them compiles (a test compares the result with a `partitions.json` of the
/// same date, whose reading compiles them, and matches a region of each).
pub(super) fn partitions() -> Partitions {
    let partitions = TABLE
        .iter()
        .map(|f| {
            let regions = f
                .regions
                .iter()
                .map(|r| ((*r).to_owned(), RegionOverride::default()))
                .collect::<BTreeMap<_, _>>();
            let outputs = PartitionOutputs {
                name: f.id.to_owned(),
                dns_suffix: f.dns_suffix.to_owned(),
                dual_stack_dns_suffix: f.dual_stack_dns_suffix.to_owned(),
                supports_fips: f.supports_fips,
                supports_dual_stack: f.supports_dual_stack,
                implicit_global_region: Some(f.implicit_global_region.to_owned()),
            };
            Partition::compiled_on_first_use(f.id, f.region_regex, regions, outputs)
        })
        .collect();
    Partitions::new(partitions)
}
