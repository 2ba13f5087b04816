# Makes a Spark home laid out like a distribution's (bin/spark-submit, jars/, conf/) from Maven-resolved jars.
# Sourced, not run. Used by jobs/cluster, and by the tests that run jobs/submit against such a layout.

# dbo_spark_home DIR CLASSPATH: DIR/jars/ gets a link to every jar of CLASSPATH (numbered, so that jars/*
# keeps the class path's order), DIR/conf/ is created empty, DIR/bin/spark-submit is jobs/lib/spark-submit.
dbo_spark_home() {
  local home="$1" classpath="$2" i=0 e
  local entries=()
  mkdir -p "$home/jars" "$home/conf" "$home/bin"
  IFS=: read -r -a entries <<< "$classpath"
  for e in "${entries[@]}"; do
    case "$e" in *.jar) [ -f "$e" ] && ln -sf "$e" "$home/jars/$(printf '%04d' $i)-$(basename "$e")"; i=$((i + 1));; esac
  done
  cp "$(dirname "${BASH_SOURCE[0]}")/spark-submit" "$home/bin/spark-submit"
  chmod +x "$home/bin/spark-submit"
}
