#!/usr/bin/env bash
# Builds a desktop package with jpackage (in the JDK): ./installer/build.sh [app-image|deb]
# deb needs: apt-get install -y fakeroot binutils. Output: target/installer/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
type="${1:-deb}"
cd "$root"
mvn -B -q -ntp -Dstyle.color=never -DskipTests package dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory=target/installer/input
cp target/cmer-studio-*.jar target/installer/input/
version="$(ls target/cmer-studio-*.jar | sed -E 's/.*cmer-studio-([0-9.]+)\.jar/\1/')"
rm -rf target/installer/out
# The same JVM settings as ./cmer (environment variables such as OMP_WAIT_POLICY cannot be set by
# jpackage's launcher; the .desktop entry's users get PyTorch's defaults there).
jpackage --type "$type" --dest target/installer/out --input target/installer/input \
  --name cmer-studio --app-version "$version" --vendor "CMER Studio" \
  --main-jar "cmer-studio-$version.jar" --main-class cmer.Main --arguments studio \
  --icon assets/icons/cmer-256.png \
  --java-options "-Dai.djl.offline=true -Dai.djl.pytorch.num_interop_threads=1 -Xmx8g" \
  $([ "$type" = deb ] && echo --linux-package-deps "libgtk-3-0,libgl1" --linux-shortcut --linux-menu-group Science)
ls -la target/installer/out
