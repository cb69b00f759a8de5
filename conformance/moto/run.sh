#!/usr/bin/env bash
# End-to-end scenarios of the generated clients against moto's server.
#
# Installs the pinned moto into target/moto-venv (once), builds the scenarios
# and runs them: the binary starts moto_server on a free port of 127.0.0.1,
# runs every scenario against it, stops it and ends with
#   moto e2e: N passed, M failed
# The exit status is non-zero when M > 0. moto's own log: target/moto-server.log.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

# shellcheck source=../python-env.sh
source "$here/../python-env.sh"
python_env "$root/target/moto-venv" "$here/requirements.txt"

target_dir="${CARGO_TARGET_DIR:-$root/target}"
cargo build --quiet -p awsgen-moto-e2e
exec "$target_dir/debug/awsgen-moto-e2e" "$PYTHON_BIN/moto_server" "$target_dir/moto-server.log"
