#!/usr/bin/env bash
# Builds the AppCDS archive of target/platform.jar and packs both into target/platform-build.tar,
# the artifact CI jobs share (tar keeps the jar's modification time, which the JVM checks before it
# maps the archive; a copy with a new time would silently start without it).
# The training run is an offline plan of every stack: it loads the classes a real `pulumi preview`
# or `up` loads (the SDK, the AWS and Kubernetes resource classes, the program), through the same
# class path, `target/platform.jar`, relative to the project, as Pulumi.yaml's options.binary.
# Use the archive with JDK_JAVA_OPTIONS="-XX:SharedArchiveFile=target/platform.jsa -Xshare:auto"
# (the java launcher reads that variable also when the Pulumi Java host starts the jar).
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=target/platform.jar
archive=target/platform.jsa
[ -f "$jar" ] || ./mvnw -q -B -DskipTests package
rm -f "$archive"
training="$(mktemp -d)"
trap 'rm -rf "$training"' EXIT
# JDK_JAVA_OPTIONS from the caller (an older archive) must not apply to the training run.
env -u JDK_JAVA_OPTIONS java -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -cp "$jar" com.featureapi.platform.cli.PlatformCli plan --all-stacks --out "$training" > /dev/null
test -s "$archive"
tar cf target/platform-build.tar "$jar" "$archive"
echo "appcds: $archive ($(du -h "$archive" | cut -f1)), packed with the jar into target/platform-build.tar"
