#!/usr/bin/env bash
# Request/response parity of the generated Lightsail bindings with botocore.
#
# Installs the pinned botocore into target/botocore-venv (once), builds the
# driver, and runs parity.py, which prints a table per operation and ends with
#   botocore parity: N passed, M failed, K skipped
# The exit status is non-zero when M > 0. Extra arguments go to parity.py
# (e.g. --requests 40 --responses 12 --seed 7 --verbose).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

# botocore 1.37.26 was released on 2025-04-02, the date of the shared Smithy
# model; its Lightsail model matches that one member for member.
requirements="$here/requirements.txt"
venv="$root/target/botocore-venv"
pylib="$root/target/botocore-pylib"   # used where Python has no venv module
python="$venv/bin/python"
if [ ! -x "$python" ] && [ -d "$pylib" ]; then
    python=python3
    export PYTHONPATH="$pylib"
fi

if ! "$python" -c 'import botocore, sys; sys.exit(botocore.__version__ != "1.37.26")' 2>/dev/null; then
    rm -rf "$venv" "$pylib"
    if python3 -m venv "$venv" 2>/dev/null; then
        echo "installing botocore into $venv" >&2
        python="$venv/bin/python"
        "$python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    else
        echo "installing botocore into $pylib" >&2
        rm -rf "$venv"
        python=python3
        export PYTHONPATH="$pylib"
        python3 -m pip install --quiet --disable-pip-version-check --no-warn-conflicts --target "$pylib" -r "$requirements"
    fi
fi

target_dir="${CARGO_TARGET_DIR:-$root/target}"
cargo build --quiet -p awsgen-botocore-parity --bin driver
driver="$target_dir/debug/driver"

# botocore turns epoch seconds into local-time datetimes; UTC keeps every run alike.
TZ=UTC exec "$python" "$here/parity.py" --driver "$driver" "$@"
