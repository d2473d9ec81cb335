#!/usr/bin/env bash
# Renders DATA.csv (x,series,y) as a PNG with the project's XChart:
#   chart.sh DATA.csv OUT.png TITLE XLABEL YLABEL [logx] [logy]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=$(ls "${HOME}"/.m2/repository/org/knowm/xchart/xchart/*/xchart-*.jar | grep -v sources | tail -1)
# StudyChart.java is run from source and needs a JDK 25, found as ./nicsim finds it (the default java may be older)
java=""
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do
  if [[ -n "$candidate" && -x "$candidate/bin/java" ]] \
      && "$candidate/bin/java" -XshowSettings:properties -version 2>&1 | grep -q 'java.specification.version = 25'; then
    java="$candidate/bin/java"; break
  fi
done
[[ -n "$java" ]] || { echo "chart.sh: needs a JDK 25 (none in JAVA_HOME or /usr/lib/jvm/*25*)" >&2; exit 2; }
exec "$java" -Djava.awt.headless=true -cp "$jar" "$here/StudyChart.java" "$@"
