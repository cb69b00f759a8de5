# Sourced by the suites that run Python reference tools (botocore, moto).
#
#   python_env DIR REQUIREMENTS
#
# Makes DIR a virtual environment holding exactly the pinned REQUIREMENTS and
# sets PYTHON to its interpreter (and PYTHON_BIN to its bin/). Reinstalls only
# when REQUIREMENTS changed since the last install (a copy is kept in DIR).
# Where Python has no venv module, installs into DIR/lib with pip's --target
# and exports PYTHONPATH instead.
python_env() {
    local dir="$1" requirements="$2"
    if ! cmp -s "$requirements" "$dir/requirements.txt"; then
        rm -rf "$dir"
        echo "installing $(basename "$(dirname "$requirements")")'s Python requirements into $dir" >&2
        if python3 -m venv "$dir" 2>/dev/null; then
            "$dir/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
        else
            rm -rf "$dir"
            python3 -m pip install --quiet --disable-pip-version-check --no-warn-conflicts \
                --target "$dir/lib" -r "$requirements"
        fi
        cp "$requirements" "$dir/requirements.txt"
    fi
    if [ -x "$dir/bin/python" ]; then
        PYTHON="$dir/bin/python"
        PYTHON_BIN="$dir/bin"
    else
        PYTHON=python3
        PYTHON_BIN="$dir/lib/bin"
        export PYTHONPATH="$dir/lib"
    fi
}
