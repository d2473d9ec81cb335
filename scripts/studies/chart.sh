#!/usr/bin/env bash
# Renders DATA.csv (x,series,y) as a PNG with the project's XChart:
#   chart.sh DATA.csv OUT.png TITLE XLABEL YLABEL [logx] [logy]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=$(ls "${HOME}"/.m2/repository/org/knowm/xchart/xchart/*/xchart-*.jar | grep -v sources | tail -1)
exec java -Djava.awt.headless=true -cp "$jar" "$here/StudyChart.java" "$@"
