# Shared by the scripts in jobs/: picks Java 17, knows Spark's module flags, builds the project when stale.
# Sourced, not run.

DBO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Spark's Java 17 module flags (the list Spark's own launcher passes), then the BLAS and LAPACK library that
# dev.ludovic.netlib loads through JNI: OpenBLAS by its own name, so that a machine without it falls back to
# netlib's Java implementation rather than to Debian's reference libblas3, which is slower than both on the
# oracles' products (docs/performance.md). pom.xml's spark.java.opens holds the same list for the tests;
# JavaFlagsTest checks that the two agree.
DBO_JAVA_FLAGS=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
  -Ddev.ludovic.netlib.blas.nativeLib=libopenblas.so.0 -Ddev.ludovic.netlib.lapack.nativeLib=libopenblas.so.0)

# One OpenBLAS thread per JVM thread: the in-process runner already spreads the agents over the cores, and
# a fixed thread count keeps OpenBLAS's results independent of the machine's core count.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

dbo_die() { echo "error: $*" >&2; exit 2; }

# Java 17 only: Hadoop's checkpoint code breaks on newer JDKs.
dbo_pick_java() {
  local candidate v
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-arm64 /usr/lib/jvm/temurin-17-jdk-amd64; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    v=$("$candidate/bin/java" -version 2>&1 | sed -n 1p)
    case "$v" in *'"17.'*|*'"17"'*) export JAVA_HOME="$candidate"; DBO_JAVA="$candidate/bin/java"; return 0;; esac
  done
  if command -v java >/dev/null 2>&1; then
    v=$(java -version 2>&1 | sed -n 1p)
    case "$v" in *'"17.'*|*'"17"'*) DBO_JAVA=$(command -v java); return 0;; esac
  fi
  dbo_die "Java 17 is required (found: ${v:-none}); install openjdk-17-jdk or set JAVA_HOME to a Java 17 JDK"
}

# Builds target/ when a source is newer than the jar; writes the runtime class path once per build.
dbo_build() {
  local jar="$DBO_ROOT/target/dbo-spark-0.1.0.jar"
  local cp="$DBO_ROOT/target/classpath.txt"
  command -v mvn >/dev/null 2>&1 || dbo_die "Maven (mvn) is required to build; install maven"
  if [ ! -f "$jar" ] || [ ! -f "$cp" ] || [ -n "$(find "$DBO_ROOT/src/main" "$DBO_ROOT/pom.xml" -newer "$jar" -print -quit)" ]; then
    echo "building (mvn package)..." >&2
    (cd "$DBO_ROOT" && mvn -B -q -DskipTests package >&2 && \
      mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DincludeScope=compile >/dev/null) \
      || dbo_die "the build failed; run 'mvn -DskipTests package' to see why"
    touch "$jar"
  fi
  DBO_JAR="$jar"
  DBO_APP_JAR="$DBO_ROOT/target/dbo-spark-0.1.0-app.jar"
  DBO_CLASSPATH="$jar:$(cat "$cp")"
}
