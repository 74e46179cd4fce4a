#!/usr/bin/env bash
# bench/profile.sh: where the plugin's time goes on the build that matters day to day, a commit that changes one line
# of one class. For each project it makes a scratch copy, builds it once online (the warm-up fills every cache),
# then, for PROFILE_RUNS rounds, runs each variant once after changing the line to a new value (online, as a push cannot run under
# `-o`; the warm-up leaves nothing to download), measuring:
#   - wall-clock and CPU seconds of the whole `mvn` (user + system, from /usr/bin/time),
#   - the classes the JVM loaded (-Xlog:class+load, counted), grouped by where they came from: the JDK, Maven, the
#     plugin itself, and each library of its class realm,
#   - the jars of the plugin's class realm (from the first round's `mvn -X`),
#   - with PROFILE_JFR=1, a JFR recording of each variant's last round (profile settings) under $out/jfr.
# Run it in the test environment, on a quiet machine (nothing else running):
#
#   bash .ci/testenv run bash bench/profile.sh
#
# Variants (PROFILE_VARIANTS, default all):
#   package        mvn package                                          the floor: Maven alone
#   clean-help     mvn package clean:help                               Maven loading a small plugin doing nothing
#   help           mvn package docker-layer:help                        this plugin loaded, doing nothing
#   base           mvn package docker-layer:base                        (from the JRE's OCI layout)
#   image          mvn package docker-layer:base docker-layer:image     (from the JRE's OCI layout)
#   push           ... docker-layer:push                                (from and to the loopback registry)
#   load           ... docker-layer:image -Ddocker-layer.load=true      (into the engine at DOCKER_HOST)
#
# Environment: PROFILE_PROJECTS (default "hello service"), PROFILE_RUNS (default 5), PROFILE_OUT (default
# bench/target/profile), PROFILE_JFR (1 to record), PROFILE_SKIP_INSTALL (1: do not install the plugin first);
# DL_JRE_OCI, DL_JRE_IMAGE, DL_REGISTRY, DOCKER_HOST from .ci/testenv.
# It measures and reports; it asserts nothing about speed (it fails only when a build fails).

set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
runs=${PROFILE_RUNS:-5}
read -r -a projects <<<"${PROFILE_PROJECTS:-hello service}"
read -r -a variants <<<"${PROFILE_VARIANTS:-package clean-help help base image push load}"
out=${PROFILE_OUT:-$root/bench/target/profile}
readonly root runs out
mvnw=$root/mvnw

die() {
  printf 'profile: ERROR: %s\n' "$*" >&2
  exit 1
}
log() { printf 'profile: %s\n' "$*" >&2; }

[[ $runs =~ ^[1-9][0-9]*$ ]] || die "PROFILE_RUNS must be a positive whole number, not '$runs'"
for name in DL_JRE_OCI DL_JRE_IMAGE DL_REGISTRY DOCKER_HOST; do
  [[ -n ${!name:-} ]] || die "$name is not set; run in the test environment: bash .ci/testenv run bash bench/profile.sh"
done
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"

rm -rf "$out"
mkdir -p "$out/work" "$out/logs" "$out/jfr"

if [[ ${PROFILE_SKIP_INSTALL:-} != 1 ]]; then
  log "installing the plugin from this repository"
  "$mvnw" -B -ntp -q install -DskipTests -Dspotless.check.skip=true -Dinvoker.skip=true -pl docker-layer-maven-plugin \
    >"$out/logs/install.log" 2>&1 || die "the plugin's install failed: $out/logs/install.log"
fi

# The goals and flags of variant $1 for project $2, one a line.
args_of() {
  local cache="$out/work/$2.cache"
  case $1 in
    package) ;;
    clean-help) printf '%s\n' clean:help ;;
    help) printf '%s\n' docker-layer:help ;;
    base) printf '%s\n' docker-layer:base "-Ddocker-layer.from=oci:$DL_JRE_OCI:17" "-Ddocker-layer.cacheDirectory=$cache" ;;
    image)
      printf '%s\n' docker-layer:base docker-layer:image "-Ddocker-layer.from=oci:$DL_JRE_OCI:17" \
        "-Ddocker-layer.cacheDirectory=$cache"
      ;;
    push)
      printf '%s\n' docker-layer:base docker-layer:image docker-layer:push "-Ddocker-layer.from=$DL_JRE_IMAGE" \
        "-Ddocker-layer.image=$DL_REGISTRY/profile/$2" "-Ddocker-layer.cacheDirectory=$cache"
      ;;
    load)
      printf '%s\n' docker-layer:base docker-layer:image -Ddocker-layer.load=true "-Ddocker-layer.from=$DL_JRE_IMAGE" \
        "-Ddocker-layer.image=profile/$2-load" "-Ddocker-layer.cacheDirectory=$cache"
      ;;
    *) die "unknown variant '$1'" ;;
  esac
}

# Where a class came from, as a group name, read from one -Xlog:class+load line.
classify='
  / source: shared objects file/ || / source: jrt:\// { jdk++; next }
  / source: .*docker-layer-maven-plugin/ { ours++; next }
  / source: .*\/(maven|apache-maven)[^ ]*\/lib\// || / source: .*\/boot\/plexus-classworlds/ { maven++; next }
  / source: .*\/\.m2\/repository\// {
    s = $0; sub(/.* source: .*\/\.m2\/repository\//, "", s); n = split(s, p, "/")
    lib[p[1] "/" p[2]]++; next }
  / source: / { other++ }
  END {
    printf "jdk %d\nmaven %d\nplugin %d\nother %d\n", jdk, maven, ours, other
    for (k in lib) printf "m2:%s %d\n", k, lib[k] }'

cpu_of() { awk '{ printf "%.3f", $2 + $3 }' "$1"; }
wall_of() { awk '{ printf "%.3f", $1 }' "$1"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[++n] = $1 } END { m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2; printf "%.3f", m }'; }

for project in "${projects[@]}"; do
  case $project in
    hello) src=$root/examples/hello file=src/main/java/io/github/dockerlayer/examples/hello/Hello.java
      sed_expr='s/"Hello from a thin layer[^"]*"/"Hello from a thin layer (round @R@): "/' ;;
    service) src=$root/bench/projects/service file=src/main/java/io/github/dockerlayer/bench/service/BuildInfo.java
      sed_expr='s/NOTE = "[^"]*"/NOTE = "profile round @R@"/' ;;
    *) die "unknown project '$project' (known: hello service)" ;;
  esac
  dir=$out/work/$project
  cp -r "$src" "$dir"
  rm -rf "$dir/target"
  log "$project: warm-up (online)"
  for variant in "${variants[@]}"; do
    mapfile -t extra < <(args_of "$variant" "$project")
    (cd "$dir" && "$mvnw" -B -ntp package "${extra[@]}" >"$out/logs/$project-$variant-warmup.log" 2>&1) ||
      die "$project $variant warm-up failed: $out/logs/$project-$variant-warmup.log"
  done
  # The plugin's class realm: the jars Maven puts in it, from one debug run.
  mapfile -t extra < <(args_of image "$project")
  (cd "$dir" && "$mvnw" -B -ntp -o -X package "${extra[@]}" >"$out/logs/$project-realm.log" 2>&1) || true
  awk '/Populating class realm plugin>io.github.dockerlayer:docker-layer-maven-plugin/ { on = 1; next }
       on && /Included: / { sub(/.*Included: /, ""); print; next }
       on { exit }' "$out/logs/$project-realm.log" \
    >"$out/$project-realm.txt"
  log "$project: plugin realm $(wc -l <"$out/$project-realm.txt") jars (listed in $out/$project-realm.txt)"
  declare -A walls=() cpus=()
  for round in $(seq 1 "$runs"); do
    for variant in "${variants[@]}"; do
      sed -i "${sed_expr//@R@/$round $variant}" "$dir/$file" # every variant compiles one changed class
      mapfile -t extra < <(args_of "$variant" "$project")
      opts="-Xlog:class+load=info:file=$out/logs/$project-$variant-classes.txt"
      if [[ ${PROFILE_JFR:-} == 1 && $round == "$runs" ]]; then
        opts+=" -XX:StartFlightRecording=filename=$out/jfr/$project-$variant.jfr,settings=profile"
      fi
      (cd "$dir" && MAVEN_OPTS="$opts" /usr/bin/time -f '%e %U %S' -o "$out/logs/$project-$variant-time.txt" \
        "$mvnw" -B -ntp package "${extra[@]}" >"$out/logs/$project-$variant-$round.log" 2>&1) ||
        die "$project $variant round $round failed: $out/logs/$project-$variant-$round.log"
      walls[$variant]+="$(wall_of "$out/logs/$project-$variant-time.txt") "
      cpus[$variant]+="$(cpu_of "$out/logs/$project-$variant-time.txt") "
    done
  done
  base_wall=$(median ${walls[package]:-0})
  printf '\n%s (%d rounds, medians): variant, wall s, ratio to package, CPU s, classes loaded (jdk maven plugin libs)\n' \
    "$project" "$runs"
  for variant in "${variants[@]}"; do
    w=$(median ${walls[$variant]}) c=$(median ${cpus[$variant]})
    counts=$(awk "$classify" "$out/logs/$project-$variant-classes.txt" | sort)
    total=$(wc -l <"$out/logs/$project-$variant-classes.txt")
    libs=$(printf '%s\n' "$counts" | awk '/^m2:/ { s += $2 } END { print s + 0 }')
    summary=$(printf '%s\n' "$counts" | awk '!/^m2:/ { printf "%s=%s ", $1, $2 }')
    printf '  %-11s %7s  %5s  %7s  %6d classes: %slibs=%s\n' "$variant" "$w" \
      "$(awk -v a="$w" -v b="$base_wall" 'BEGIN { printf "%.2f", a / b }')" "$c" "$total" "$summary" "$libs"
    printf '%s\n' "$counts" | awk '/^m2:/ { sub(/^m2:/, ""); printf "%s %s\n", $2, $1 }' | sort -rn | head -8 |
      awk '{ printf "                %6d  %s\n", $1, $2 }'
  done
  unset walls cpus
done
[[ -n ${DOCKER_HOST:-} ]] && docker images --format '{{.Repository}}:{{.Tag}}' | grep '^profile/' |
  xargs -r docker rmi -f >/dev/null 2>&1 || true
