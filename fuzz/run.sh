#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 30), one after the other.
#
#   bash fuzz/run.sh [SECONDS] [TARGET...]
#
# Installs cargo-fuzz if it is missing. Seeds: the checked-in ones in
# fuzz/seeds/, the generator's fixture models, and seeds made from the
# reference suites beside the project (endpoint rule sets with their test
# parameters, shared-config parser cases) into target/fuzz/seeds/. What the
# fuzzer learns goes to target/fuzz/corpus/, crashes to target/fuzz/artifacts/;
# nothing is written into the source tree. Exits non-zero on the first crash,
# leak, timeout (10 s for one input) or out-of-memory (2 GB).
#
# A long run, e.g. 30 minutes per target: bash fuzz/run.sh 1800
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared="$root/../shared"
seconds="${1:-30}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(generator generator_structured responses endpoint_rules shared_config timestamps_and_floats)
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz" >&2
    cargo install --quiet --locked cargo-fuzz --version 0.13.2
fi

work="$root/target/fuzz"
mkdir -p "$work/seeds/endpoint_rules" "$work/seeds/shared_config"
python3 - "$shared" "$work/seeds" <<'PY'
import json, pathlib, sys
shared, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
rules = shared / "conformance/endpoint-rules"
for service in ["lightsail", "dynamodb", "s3", "sts", "ec2", "lambda", "sqs", "iam"]:
    rule_set = next((rules / service).glob("*/endpoint-rule-set-1.json"), None)
    tests = rules / service / "endpoint-tests-1.json"
    if rule_set is None or not tests.exists():
        continue
    rule_set = json.loads(rule_set.read_text())
    for i, case in enumerate(json.loads(tests.read_text())["testCases"][:4]):
        seed = {"ruleSet": rule_set, "params": case.get("params", {})}
        (out / "endpoint_rules" / f"{service}-{i}.json").write_text(json.dumps(seed))
parser = json.loads((shared / "conformance/shared-config/profile-parser-tests.json").read_text())
for i, case in enumerate(parser["tests"]):
    given = case["input"]
    text = given.get("configFile", "") + "\0" + given.get("credentialsFile", "")
    (out / "shared_config" / f"case-{i}").write_text(text)
PY

seeds_of() {
    case "$1" in
        generator) echo "$root/codegen/tests/fixtures" ;;
        endpoint_rules | shared_config) echo "$work/seeds/$1" ;;
        *) [ -d "$here/seeds/$1" ] && echo "$here/seeds/$1" ;;
    esac
}

cd "$here"
# No sanitizer: the project forbids unsafe code, and stable Rust builds it.
cargo fuzz build --sanitizer none --release --target-dir "$work/build" >"$work/build.log" 2>&1 || {
    tail -n 60 "$work/build.log" >&2
    exit 1
}
for target in "${targets[@]}"; do
    corpus="$work/corpus/$target"
    artifacts="$work/artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    # shellcheck disable=SC2046
    cargo fuzz run --sanitizer none --release --target-dir "$work/build" "$target" "$corpus" $(seeds_of "$target") -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 2>"$work/$target.log" || {
        tail -n 60 "$work/$target.log" >&2
        echo "fuzz $target: crashed (artifact in $artifacts)" >&2
        exit 1
    }
    runs=$(grep -oE "stat::number_of_executed_units: *[0-9]+" "$work/$target.log" | grep -oE "[0-9]+$" | tail -1)
    cov=$(grep -oE "cov: [0-9]+" "$work/$target.log" | tail -1)
    echo "fuzz $target: ${runs:-?} runs in ${seconds} s, ${cov:-cov: ?}, no crash"
done
