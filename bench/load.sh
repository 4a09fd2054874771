#!/usr/bin/env bash
# The capacity sweep in one command: builds the stack, the baselines and the load generator in Release, then runs
# bench/Community.Benchmarks.Load, which starts Azurite, the silo, the web app and both baselines on free ports (never
# ./run.sh's), loads them cell by cell and prints the tables (docs/benchmarks.md explains them).
#   bench/load.sh                                   # the whole sweep: 200/500/1,000/2,000 watchers x 50/100/300/500 dots/s
#   bench/load.sh --cells 200x50,1000x300 --seconds 20 --systems a,stack --out /tmp/sweep.md
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/Community.Silo src/Community.Web bench/Community.Benchmarks.Baselines bench/Community.Benchmarks.Load; do
    dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly
done
exec dotnet bench/Community.Benchmarks.Load/bin/Release/net10.0/Community.Benchmarks.Load.dll "$@"
