#!/usr/bin/env bash
# Runs every test of the solution against real Azurite, real silos and a real Chromium, installing what is missing.
# The last line is the sum over all test projects: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
source scripts/install-tools.sh

started=$SECONDS
require_dotnet
install_node_packages
install_debian_packages chromium redis-server curl jq

dotnet build Community.sln --nologo -clp:ErrorsOnly

passed=0 failed=0 skipped=0
problems=()
results=()
for project in tests/*/*.Tests.csproj; do
    name=$(basename "$project" .csproj)
    log=$(mktemp)
    echo "== $name"
    status=0
    # A hung test is killed and reported rather than blocking CI forever.
    dotnet test "$project" --no-build --nologo --blame-hang-timeout 10m --blame-hang-dump-type none 2>&1 | tee "$log" || status=$?
    summary=$(grep -E '^(Passed|Failed)! +- +Failed: ' "$log" | tail -n 1 || true)
    if [ -n "$summary" ]; then
        number() { sed -E "s/.*$1: +([0-9]+).*/\1/" <<<"$summary"; }
        passed=$((passed + $(number Passed)))
        failed=$((failed + $(number Failed)))
        skipped=$((skipped + $(number Skipped)))
        results+=("$name: $(sed -E 's/ +- +([^-]*Total: +[0-9]+).*/ \1/; s/  +/ /g' <<<"$summary")")
    elif [ "$status" -eq 0 ] && grep -q 'No test is available' "$log"; then
        results+=("$name: no tests yet")
    else
        results+=("$name: did not run (exit $status)")
    fi
    [ "$status" -eq 0 ] || problems+=("$name")
    rm -f "$log"
done

echo
printf '%s\n' "${results[@]}"
elapsed=$((SECONDS - started))
echo "elapsed: $((elapsed / 60)) min $((elapsed % 60)) s"
[ ${#problems[@]} -eq 0 ] || echo "not green: ${problems[*]}"
echo "$passed passed, $failed failed, $skipped skipped"
[ ${#problems[@]} -eq 0 ] && [ "$failed" -eq 0 ]
