#!/usr/bin/env bash
# Request/response parity of generated bindings (Lightsail, Lambda, API Gateway,
# EKS, EFS) with botocore.
#
# Installs the pinned botocore into target/botocore-venv (once), builds the
# driver, and runs parity.py, which prints a table per operation and ends with
#   botocore parity: N passed, M failed, K skipped
# The exit status is non-zero when M > 0. Extra arguments go to parity.py
# (e.g. --service lambda --requests 40 --responses 12 --seed 7 --verbose).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

# botocore 1.37.26 was released on 2025-04-02, the date of the shared Smithy
# models; its Lightsail and Lambda models match those member for member.
# shellcheck source=../python-env.sh
source "$here/../python-env.sh"
python_env "$root/target/botocore-venv" "$here/requirements.txt"

target_dir="${CARGO_TARGET_DIR:-$root/target}"
cargo build --quiet -p awsgen-botocore-parity --bin driver
driver="$target_dir/debug/driver"

# botocore turns epoch seconds into local-time datetimes; UTC keeps every run alike.
TZ=UTC exec "$PYTHON" "$here/parity.py" --driver "$driver" "$@"
