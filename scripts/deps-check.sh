#!/usr/bin/env bash
# Install tiekeeper as a user would, at the lowest or the highest allowed versions of its
# dependencies, in a clean virtual environment outside the checkout, and run the smoke
# script (scripts/deps_smoke.py). This job reaches the package index; the test suite
# does not.
#
#   bash scripts/deps-check.sh lowest    # every direct dependency at its declared floor
#   bash scripts/deps-check.sh highest   # the newest release of everything
#
# "Direct" means the project's own requirements: the core ones and those of the extras
# the smoke path uses (notebooks, pandas). A wheel's requirements are not direct to uv,
# so they are installed from pyproject.toml first, then the built wheel with --no-deps.
set -euo pipefail
mode="${1:?usage: deps-check.sh lowest|highest}"
case "$mode" in
  lowest) resolution=lowest-direct; exact=--exact-minima ;;
  highest) resolution=highest; exact= ;;
  *) echo "Error: expected 'lowest' or 'highest', found '$mode'" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "$0")/.." && pwd)"
uv="${UV:-$root/.venv/bin/uv}"
if [ ! -x "$uv" ]; then
  make -C "$root" .venv/bin/python >/dev/null
fi
python="${DEPS_PYTHON:-python3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/tiekeeper-deps-$mode.XXXXXX")"
trap 'rm -rf "$work"' EXIT
start=$(date +%s)

echo "== deps-check $mode: building the wheel"
"$uv" build --quiet --wheel --out-dir "$work/dist" "$root"
wheel="$(ls "$work"/dist/tiekeeper-*.whl)"

echo "== deps-check $mode: clean venv, dependencies at --resolution $resolution"
"$uv" venv --quiet --python "$python" "$work/venv"
"$uv" pip install --quiet --python "$work/venv/bin/python" --resolution "$resolution" \
  -r "$root/pyproject.toml" --extra notebooks --extra pandas
"$uv" pip install --quiet --python "$work/venv/bin/python" --no-deps "$wheel"

echo "== deps-check $mode: smoke"
cd "$work"
export PYDEVD_DISABLE_FILE_VALIDATION=1  # the kernel: no debugger note about frozen modules
PATH="$work/venv/bin:$PATH" "$work/venv/bin/python" -W error::DeprecationWarning:tiekeeper \
  "$root/scripts/deps_smoke.py" "$root/pyproject.toml" "$work/out" $exact
echo "== deps-check $mode: passed in $(( $(date +%s) - start )) s"
