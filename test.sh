#!/usr/bin/env bash
# Runs every test of the solution: engine, manifests, live cluster, CLI, web components and the browser tests.
# The browser tests drive Debian's Chromium, the storage tests start a PostgreSQL server, the scale-out
# tests a Redis server and the CLI's svg output needs Graphviz: this script installs each when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

# Installs a Debian package (as root, or through sudo) when the check before it failed.
install_package() {
    echo "test.sh: installing Debian's $1 for $2"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

[ -x /usr/bin/chromium ] || install_package chromium "the browser tests"

# The storage tests start a real PostgreSQL server (on 127.0.0.1, in a temporary folder).
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || install_package postgresql "the storage tests"

# The scale-out tests start a real Redis server (on 127.0.0.1, nothing written to disk).
[ -x /usr/bin/redis-server ] || install_package redis-server "the scale-out tests"

# policyeditor list -o svg draws its graph with Graphviz's dot.
[ -x /usr/bin/dot ] || install_package graphviz "the command line's svg output"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

status=0
dotnet test PolicyEditor.sln --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole solution, summed from the per-project summaries
# ("Passed!  - Failed: 0, Passed: 21, Skipped: 0, Total: 21, ...").
awk '
    /^(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
        gsub(",", "");
        for (i = 1; i < NF; i++) {
            if ($i == "Failed:") failed += $(i + 1);
            if ($i == "Passed:") passed += $(i + 1);
            if ($i == "Skipped:") skipped += $(i + 1);
        }
        projects++
    }
    END {
        printf "test.sh: %d test projects ran\n", projects
        printf "Tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped
    }
' "$log"

exit "$status"
