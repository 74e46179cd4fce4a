#!/usr/bin/env bash
# bench/run.sh: wall-clock cost of docker-layer-maven-plugin against plain `mvn package` and against Jib, on the
# build that matters day to day: a commit that changes one line of one class.
#
# Run it in the test environment (a Docker engine, a registry at 127.0.0.1:5000 and a JRE base image, all on
# this machine; nothing is pulled from Docker Hub):
#
#   bash .ci/testenv run bash bench/run.sh
#
# For each project it makes one scratch copy per variant (so every variant sees exactly one changed line per
# round), builds each copy once online (the warm-up downloads what it needs and fills every cache), builds it once
# more offline after a one-line change (untimed), then runs BENCH_RUNS timed rounds. In each round every variant
# changes the same line of its own copy to a new value and runs one `mvn` command; the variants take turns
# going first. Every timed `mvn` runs the same phases (`package`, plus the variant's goal) with the same flags,
# with the network to Maven repositories cut off by a settings file (Jib refuses `-o` for a registry push).
#
# Variants (BENCH_VARIANTS, default all of them):
#   package        mvn package                                                      the baseline
#   package-clean  mvn package, target/ deleted before each round                   the baseline of ours-fresh
#   ours           mvn package docker-layer:base docker-layer:image (from the JRE's OCI layout)
#   ours-push      mvn package docker-layer:base docker-layer:image docker-layer:push (from and to the loopback
#                  registry, with a download cache that stays warm between rounds)
#   ours-fresh     the same as ours-push on a fresh CI runner: target/ deleted and an empty download cache before
#                  each round; the base is in the registry already (the warm-up pushed it)
#   jib-build      mvn package jib:build        (from and to the loopback registry)
#   jib-tar        mvn package jib:buildTar     (from the loopback registry, to target/jib-image.tar)
#   jib-docker     mvn package jib:dockerBuild  (from the loopback registry, into the Docker engine at DOCKER_HOST)
#   ours-load      mvn package docker-layer:base docker-layer:image -Ddocker-layer.load=true (from the loopback
#                  registry, into the Docker engine at DOCKER_HOST: the classic image store)
#   ours-load26    the same into the Docker 26 engine at DL_DOCKER26_HOST (the containerd image store)
#   jib-docker26   mvn package jib:dockerBuild into the Docker 26 engine at DL_DOCKER26_HOST
# and for the reactor project (three services and a library; the plugin declared with <extensions>true</extensions>
# and one shared base), deploying the jars to a file repository in work/:
#   deploy         mvn deploy -Ddocker-layer.skip=true                             the baseline: no images
#   ours-deploy    mvn deploy: the extension builds the shared base and three app images and pushes them
#   jib-deploy     mvn deploy jib:build -Ddocker-layer.skip=true: three Jib images, each with its dependencies
# After the rounds it also reads the registry's manifests of ours-deploy's and jib-deploy's three images and prints
# the bytes a fresh node pulls to run all three (distinct layers, summed), checked by copying the three images into
# one fresh OCI layout with skopeo (its blobs' bytes).
#
# Environment:
#   BENCH_RUNS          timed rounds per project (default 5)
#   BENCH_PROJECTS      projects to build (default "hello service reactor"): hello is examples/hello (one class, one
#                       dependency), service is bench/projects/service (nine classes, 32 jars), reactor is
#                       bench/projects/reactor (a library and three services on 32 jars in all)
#   BENCH_VARIANTS      variants to run (default all; each project runs those of them that apply to it: the
#                       first eight to hello and service, the deploy ones to reactor)
#   BENCH_JIB_VERSION   Jib Maven plugin version (default 3.5.2)
#   BENCH_SKIP_INSTALL  1: do not install the plugin from this repository first
#   BENCH_M2_REPO       local Maven repository for every build, and the one the plugin is installed into (default
#                       ~/.m2/repository)
#   BENCH_OUT           output directory (default bench/target): work/ (the copies), logs/ (one log per build),
#                       results/latest.json
#   DL_JRE_OCI, DL_JRE_IMAGE, DL_REGISTRY, DOCKER_HOST   from the test environment (.ci/testenv)
#
# Prints a table per project (median and min wall-clock seconds, median CPU seconds and median seconds of the image
# step alone, per variant, and their ratios), the bytes of the app image's layers
# that changed per round for ours, the bytes ours-push, ours-fresh and jib:build uploaded per round and the blobs
# ours-push and ours-fresh downloaded (from the registry's access log), the seconds of each docker-layer goal, and
# writes everything to $BENCH_OUT/results/latest.json. It measures and reports; it asserts nothing about speed
# (it fails only when a build fails).

set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
readonly root

runs=${BENCH_RUNS:-5}
read -r -a projects <<<"${BENCH_PROJECTS:-hello service reactor}"
single_variants=(package package-clean ours ours-push ours-fresh jib-build jib-tar jib-docker ours-load ours-load26 jib-docker26)
reactor_variants=(deploy ours-deploy jib-deploy)
all_variants=("${single_variants[@]}" "${reactor_variants[@]}")
readonly single_variants reactor_variants all_variants
read -r -a requested <<<"${BENCH_VARIANTS:-${all_variants[*]}}"
jib_version=${BENCH_JIB_VERSION:-3.5.2}
out=${BENCH_OUT:-$root/bench/target}
mkdir -p "$out"
out=$(cd "$out" && pwd -P)
readonly runs jib_version out
readonly jib="com.google.cloud.tools:jib-maven-plugin:$jib_version"
readonly mvnw="$root/mvnw"
readonly work="$out/work" logs="$out/logs" results="$out/results"
m2repo=${BENCH_M2_REPO:-$HOME/.m2/repository}
readonly m2repo

log() { printf 'bench: %s\n' "$*" >&2; }

die() {
  printf 'bench: ERROR: %s\n' "$*" >&2
  exit 1
}

[[ $runs =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive whole number, not '$runs'"

# ---------------------------------------------------------------------------------------------------------------
# Projects: where each comes from, the file a round changes, how, and its main class
# ---------------------------------------------------------------------------------------------------------------

# Sets p_source, p_file, p_sed (with @R@ standing for the round), p_main, p_variants (the variants that apply to
# it), p_module (the module of p_file, empty for a single-module project) and p_services (the modules with an image)
# for project $1.
project_info() {
  p_variants=("${single_variants[@]}") p_module="" p_services=""
  case $1 in
    hello)
      p_source=$root/examples/hello
      p_file=src/main/java/io/github/dockerlayer/examples/hello/Hello.java
      p_sed='s/"Hello from a thin layer[^"]*"/"Hello from a thin layer (round @R@): "/'
      p_main=io.github.dockerlayer.examples.hello.Hello
      ;;
    service)
      p_source=$root/bench/projects/service
      p_file=src/main/java/io/github/dockerlayer/bench/service/BuildInfo.java
      p_sed='s/NOTE = "[^"]*"/NOTE = "bench round @R@"/'
      p_main=io.github.dockerlayer.bench.service.Main
      ;;
    reactor)
      p_source=$root/bench/projects/reactor
      p_module=web
      p_file=web/src/main/java/io/github/dockerlayer/bench/reactor/web/BuildInfo.java
      p_sed='s/NOTE = "[^"]*"/NOTE = "bench round @R@"/'
      p_main="" # each service's pom names its own (maven-jar-plugin's manifest), for the plugin and for Jib
      p_variants=("${reactor_variants[@]}")
      p_services="web cache cli"
      ;;
    *) die "unknown project '$1' (known: hello service reactor)" ;;
  esac
}

# ---------------------------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------------------------

for variant in "${requested[@]}"; do
  [[ " ${all_variants[*]} " == *" $variant "* ]] || die "unknown variant '$variant' (known: ${all_variants[*]})"
done
# Sets variants to the requested variants that apply to the project project_info last described.
project_variants() {
  local v
  variants=()
  for v in "${requested[@]}"; do
    [[ " ${p_variants[*]} " != *" $v "* ]] || variants+=("$v")
  done
}
# Every variant that runs, over all projects: what the checks below look at.
variants=()
run_variants=()
for project in "${projects[@]}"; do
  project_info "$project"
  project_variants
  ((${#variants[@]})) || die "none of the variants '${requested[*]}' applies to project $project (its own: ${p_variants[*]})"
  run_variants+=("${variants[@]}")
done

need_env() {
  local name=$1 why=$2
  [[ -n ${!name:-} ]] || die "$name is not set ($why); run in the test environment: bash .ci/testenv run bash bench/run.sh"
}
# Whether variant $1 runs: in the project being built (inside the project loop), or in any project (before it).
has_variant() {
  local v
  for v in "${variants[@]}"; do [[ $v == "$1" ]] && return 0; done
  return 1
}
variants=("${run_variants[@]}")
has_variant ours && need_env DL_JRE_OCI "the JRE's OCI layout, ours builds from it"
if has_variant ours-push || has_variant ours-fresh || has_variant jib-build || has_variant jib-tar ||
  has_variant jib-docker || has_variant ours-deploy || has_variant jib-deploy || has_variant ours-load ||
  has_variant ours-load26 || has_variant jib-docker26; then
  need_env DL_JRE_IMAGE "the JRE in the loopback registry, ours-push, ours-fresh and Jib build from it"
  need_env DL_REGISTRY "the loopback registry ours-push, ours-fresh and jib:build push to"
  [[ $DL_JRE_IMAGE == 127.0.0.1:* && $DL_REGISTRY == 127.0.0.1:* ]] ||
    die "DL_JRE_IMAGE and DL_REGISTRY must be loopback registries (127.0.0.1:PORT), not $DL_JRE_IMAGE and $DL_REGISTRY"
fi
if has_variant ours-deploy || has_variant jib-deploy; then
  for tool in jq skopeo; do
    command -v "$tool" >/dev/null 2>&1 || die "ours-deploy and jib-deploy need $tool on PATH (the fresh-node figures)"
  done
fi
if has_variant jib-docker || has_variant ours-load; then
  need_env DOCKER_HOST "the Docker engine (classic image store) jib:dockerBuild and ours-load load into"
  command -v docker >/dev/null 2>&1 || die "jib-docker needs the docker CLI on PATH"
fi
if has_variant jib-docker26 || has_variant ours-load26; then
  need_env DL_DOCKER26_HOST "the Docker 26 engine (containerd image store) jib-docker26 and ours-load26 load into"
  command -v docker >/dev/null 2>&1 || die "jib-docker26 needs the docker CLI on PATH"
fi

# ---------------------------------------------------------------------------------------------------------------
# Small helpers: time, numbers, sizes, JSON
# ---------------------------------------------------------------------------------------------------------------

now() { date +%s.%N; }

# CPU seconds (user + system) that this shell's finished children have used, from `times` output in file $1.
# `times` itself must run in this shell (a $(...) subshell starts its children's count at zero).
cpu_of() { awk 'NR == 2 { split($1, u, /[ms]/); split($2, k, /[ms]/); printf "%.3f", u[1] * 60 + u[2] + k[1] * 60 + k[2] }' "$1"; }

# The 1-minute load average, to show how busy the machine was.
load_average() { cut -d' ' -f1 /proc/loadavg; }

# Median and min of the numbers given as arguments, as "MEDIAN MIN" ("- -" when they are all "-").
median_min() {
  printf '%s\n' "$@" | sort -g | awk '$1 == "-" { next } { v[++n] = $1 } END {
    if (n == 0) { print "- -"; exit }
    m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    printf "%.3f %.3f\n", m, v[1] }'
}

# A / B to two decimals, or "-" when either is missing.
ratio() {
  if [[ $1 == - || $2 == - ]]; then
    printf '%s' -
  else
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
  fi
}

# Bytes in a human unit, as the plugin prints them (kB = 1000 bytes).
human() {
  awk -v n="$1" 'BEGIN {
    if (n < 1000) printf "%d B", n
    else if (n < 1000000) printf "%.1f kB", n / 1000
    else if (n < 1000000000) printf "%.1f MB", n / 1000000
    else printf "%.2f GB", n / 1000000000 }'
}

# The layers of a docker-layer image.json as lines "ROLE DIGEST SIZE". Reads the plugin's own JSON without
# depending on jq: whitespace is dropped, the "layers" array is cut out and split into its objects (which hold no
# nested objects or arrays).
layers_of() {
  tr -d ' \t\r\n' <"$1" | sed -n 's/.*"layers":\[\([^]]*\)\].*/\1/p' | sed 's/},{/}\n{/g' |
    sed -n 's/.*"role":"\([^"]*\)".*"digest":"\([^"]*\)".*"size":\([0-9]*\).*/\1 \2 \3/p'
}

# "BYTES ROLES": the summed sizes and the roles of the layers of image.json $2 whose digest is not in $1.
changed_layers() {
  local previous=$1 current=$2
  awk 'NR == FNR { seen[$2] = 1; next }
       !($2 in seen) { bytes += $3; roles = roles (roles == "" ? "" : ",") $1 }
       END { printf "%d %s\n", bytes, (roles == "" ? "none" : roles) }' \
    <(layers_of "$previous") <(layers_of "$current")
}

# The registry's access log, when this machine's test environment keeps one (it does: .ci/testenv).
registry_log=${DL_TESTENV_STATE:+$DL_TESTENV_STATE/registry.log}
[[ -n $registry_log && -r $registry_log ]] || registry_log=""
readonly registry_log

# Size of the registry log now (an offset to read new lines from), or 0.
registry_log_offset() {
  if [[ -n $registry_log ]]; then stat -c %s "$registry_log"; else printf '0\n'; fi
}

# The access log's lines since offset $1 that name a repository matching the extended regular expression $2
# (anchored: "/v2/REPO/"), written to file $3 for the round's record ($3 empty: to stdout).
registry_slice() {
  local offset=$1 repo_re=$2 file=${3:-/dev/stdout}
  if [[ -z $registry_log ]]; then
    : >"$file"
    return
  fi
  tail -c +"$((offset + 1))" "$registry_log" | grep -E "\"[A-Z]+ /v2/($repo_re)/" >"$file" || true
}

# "BYTES COUNT": the blobs uploaded according to the access-log slice $1 (finished uploads: a PUT to an upload URL,
# or a one-shot POST, with digest=, answered 201; cross-repository mounts are not uploads). Each blob is sized from
# the OCI layout $2 when it holds it (the plugin's target/docker-layer/oci: the bytes it sent), else by asking the
# registry. "- -" without a readable log.
registry_uploads() {
  local slice=$1 layout=$2 repository digest size bytes=0 count=0
  if [[ -z $registry_log ]]; then
    printf -- '- -\n'
    return
  fi
  while read -r repository digest; do
    if [[ -n $layout && -f $layout/blobs/sha256/${digest#sha256:} ]]; then
      size=$(stat -c %s "$layout/blobs/sha256/${digest#sha256:}")
    else
      size=$(curl -sfI --max-time 10 "http://$DL_REGISTRY/v2/$repository/blobs/$digest" |
        tr -d '\r' | sed -n 's/^[Cc]ontent-[Ll]ength: *//p')
    fi
    bytes=$((bytes + ${size:-0}))
    count=$((count + 1))
  done < <(sed -nE 's#.*"(PUT|POST) /v2/([^ ]+)/blobs/uploads/[^ ]*[?&]digest=sha256(:|%3[Aa])([0-9a-f]{64})[^ ]* HTTP/[0-9.]+" 201 .*#\2 sha256:\4#p' \
    "$slice" | sort -u)
  printf '%s %s\n' "$bytes" "$count"
}

# "COUNT LAYERS BYTES": the blob GETs in the access-log slice $1 (any status), how many of them asked for a layer
# of the images that base.json and image.json in directory $2 describe (the rest are configs), and the bytes the
# registry answered them with. "- - -" without a readable log.
registry_blob_gets() {
  local slice=$1 dir=$2
  if [[ -z $registry_log ]]; then
    printf -- '- - -\n'
    return
  fi
  awk 'NR == FNR { layer[$2] = 1; next }
       match($0, /"GET \/v2\/[^ ]+\/blobs\/sha256:[0-9a-f]+ HTTP\/[0-9.]+" [0-9]+ [0-9]+/) {
         split(substr($0, RSTART, RLENGTH), f, " ")
         sub(/.*\/blobs\//, "", f[2])
         count++; bytes += f[5]; if (f[2] in layer) layers++
       }
       END { printf "%d %d %d\n", count, layers, bytes }' \
    <(for f in "$dir/base.json" "$dir/image.json"; do [[ ! -f $f ]] || layers_of "$f"; done; printf 'x none 0\n') "$slice"
}

# Bytes the plugin says its push sent (the "push" records of base.json and image.json in the directories given),
# or "-".
push_bytes_sent() {
  local dir f n total=0 found=0
  for f in $(for dir in "$@"; do printf '%s ' "$dir/base.json" "$dir/image.json"; done); do
    [[ -f $f ]] || continue
    n=$(tr -d ' \t\r\n' <"$f" | grep -oE '"push":\{[^}]*"bytesSent":[0-9]+' | grep -oE '[0-9]+$' || true)
    [[ -z $n ]] || { total=$((total + n)); found=1; }
  done
  if ((found)); then printf '%s\n' "$total"; else printf -- '-\n'; fi
}

# What the base goal in the timestamped log $1 did with the base's dependency layers: "registry" when it logged that
# the base is in the registry with the same content and listed the dependencies layer as remote, "built" when it
# built a dependencies layer, else "other".
fresh_base_of() {
  if grep -q 'Building dependencies layer' "$1"; then
    printf 'built'
  elif grep -q 'is in the registry with the same content' "$1" &&
    grep -qE '\] +dependencies +.* remote$' "$1"; then
    printf 'registry'
  else
    printf 'other'
  fi
}

# "BLOBS BYTES" in the plugin download cache $1 (what a fresh runner had to download).
cache_contents() {
  local dir=$1/blobs/sha256
  if [[ -d $dir ]]; then
    find "$dir" -type f -printf '%s\n' | awk '{ n++; b += $1 } END { printf "%d %d\n", n, b }'
  else
    printf '0 0\n'
  fi
}

# "GOAL SECONDS" lines for each docker-layer or Jib goal in the timestamped log $1, in the order they first ran:
# from its header to the next header or to "BUILD SUCCESS" (the goal's own time, with Maven setting up the plugin
# for the first of them), summed over the modules of a reactor.
goal_split() {
  awk 'function t(s, a) { split(s, a, ":"); return a[1] * 3600 + a[2] * 60 + a[3] }
       function close_goal(at, d) {
         if (g != "") { d = at - s; if (d < 0) d += 86400; if (!(g in sum)) order[++n] = g; sum[g] += d; g = "" } }
       / --- [^ ]+ \(/ { close_goal(t($1)) }
       / --- (docker-layer|jib):[^ ]*:[a-zA-Z]+ \(/ {
         match($0, /:[a-zA-Z]+ \(/); g = substr($0, RSTART + 1, RLENGTH - 3); s = t($1) }
       / BUILD SUCCESS/ { close_goal(t($1)) }
       END { for (i = 1; i <= n; i++) printf "%s %.3f\n", order[i], sum[order[i]] }' "$1"
}

# Seconds of the docker-layer and Jib goals in the timestamped log $1, summed (goal_split): the image step alone,
# without Maven's start and the compile (in a single-module build, from the first goal's header to "BUILD
# SUCCESS"); "-" for a log without one.
goal_seconds() {
  goal_split "$1" | awk '{ d += $2; n++ } END { if (n) printf "%.3f", d; else printf "-" }'
}

# The arguments after the first joined by the first (one character).
join() {
  local IFS=$1
  shift
  printf '%s' "$*"
}

# ---------------------------------------------------------------------------------------------------------------
# Maven
# ---------------------------------------------------------------------------------------------------------------

# Settings for the timed builds: every Maven repository is mirrored to a port nothing listens on, so a build
# that wanted the network fails at once instead of timing a download. The mirror keeps the id "central" so the
# local repository's records of where each artifact came from still match.
offline_settings=$out/offline-settings.xml
cpu_file=$out/.times
readonly offline_settings cpu_file
write_offline_settings() {
  cat >"$offline_settings" <<'EOF'
<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
  <!-- Written by bench/run.sh: the timed builds must not reach any Maven repository. -->
  <mirrors>
    <mirror>
      <id>central</id>
      <mirrorOf>*</mirrorOf>
      <url>http://127.0.0.1:9/no-network-during-timed-builds</url>
    </mirror>
  </mirrors>
</settings>
EOF
}

# The repositories (an extended regular expression) that variant $1 of project $2 pushes to: for ours-push
# bench/<run id>/<project> and its base <...>-base, for ours-fresh bench/<run id>/<project>-fresh and its base.
pushed_repositories() {
  case $1 in
    ours-push) printf '%s' "bench/$run_id/$2(-base)?" ;;
    ours-fresh) printf '%s' "bench/$run_id/$2-fresh(-base)?" ;;
    jib-build) printf '%s' "bench/$2-jib" ;;
    ours-deploy) printf '%s' "bench/$run_id/$2-ours/[^/ ]+" ;;
    jib-deploy) printf '%s' "bench/$run_id/$2-jib/[^/ ]+" ;;
  esac
}

# The plugin download cache of variant $1 for project $2: ours-push keeps one for the whole run (a warm runner or a
# developer's machine); ours-fresh gets an empty one before each build, in $fresh_cache (set by prepare_round).
cache_of() {
  case $1 in
    ours-push | ours-deploy) printf '%s' "$work/$2/$1.cache" ;;
    ours-fresh) printf '%s' "$fresh_cache" ;;
  esac
}

# The mvn goals and properties of variant $1 for project $2 (main class $3), one per line.
goals_of() {
  local variant=$1 project=$2 main=$3
  case $variant in
    *deploy)
      # The reactor: deploy the jars to a file repository of the variant's; the images go to bench.images.
      printf '%s\n' deploy "-DaltDeploymentRepository=bench::file://$work/$project/$variant.deploy-repo"
      ;;
    *) printf '%s\n' package ;;
  esac
  case $variant in
    deploy) printf '%s\n' -Ddocker-layer.skip=true ;;
    ours-deploy)
      printf '%s\n' "-Ddocker-layer.from=$from_image" "-Dbench.images=$(images_of "$variant" "$project")" \
        "-Ddocker-layer.cacheDirectory=$(cache_of "$variant" "$project")"
      ;;
    jib-deploy)
      printf '%s\n' "$jib:build" -Ddocker-layer.skip=true "-Djib.from.image=$from_image" \
        -Djib.allowInsecureRegistries=true "-Dbench.images=$(images_of "$variant" "$project")"
      ;;
    package | package-clean) ;;
    ours)
      printf '%s\n' docker-layer:base docker-layer:image "-Ddocker-layer.from=oci:$DL_JRE_OCI:17"
      ;;
    ours-load | ours-load26)
      printf '%s\n' docker-layer:base docker-layer:image "-Ddocker-layer.from=$from_image" -Ddocker-layer.load=true \
        "-Ddocker-layer.image=bench/$run_id/$project-$variant" "-Ddocker-layer.cacheDirectory=$work/$project/$variant.cache"
      ;;
    ours-push | ours-fresh)
      local image=$DL_REGISTRY/bench/$run_id/$project
      [[ $variant == ours-push ]] || image+=-fresh
      printf '%s\n' docker-layer:base docker-layer:image docker-layer:push "-Ddocker-layer.from=$from_image" \
        "-Ddocker-layer.image=$image" "-Ddocker-layer.cacheDirectory=$(cache_of "$variant" "$project")"
      ;;
    jib-*)
      case $variant in
        jib-build) printf '%s\n' "$jib:build" "-Djib.to.image=$DL_REGISTRY/bench/$project-jib" ;;
        jib-tar) printf '%s\n' "$jib:buildTar" "-Djib.to.image=bench/$project-jib-tar" ;;
        jib-docker | jib-docker26) printf '%s\n' "$jib:dockerBuild" "-Djib.to.image=bench/$project-$variant" ;;
      esac
      printf '%s\n' "-Djib.from.image=$from_image" -Djib.allowInsecureRegistries=true \
        "-Djib.container.mainClass=$main"
      ;;
  esac
}

# Where variant $1 of the reactor project $2 pushes its images (the pom's bench.images): one repository per
# service under it, and ours-deploy's shared base.
images_of() {
  case $1 in
    ours-deploy) printf '%s' "$DL_REGISTRY/bench/$run_id/$2-ours" ;;
    jib-deploy) printf '%s' "$DL_REGISTRY/bench/$run_id/$2-jib" ;;
  esac
}

# The registry reference of service $2's image that variant $1 of the reactor project $3 pushed: the plugin tags
# the project's version, Jib `latest`.
image_ref() {
  case $1 in
    ours-deploy) printf '%s' "$(images_of "$1" "$3")/$2:1.0.0" ;;
    jib-deploy) printf '%s' "$(images_of "$1" "$3")/$2:latest" ;;
  esac
}

# "LAYERS BYTES UNSHARED CONFIGS BEYOND": what a fresh node pulls to run the images $@ (registry references in
# DL_REGISTRY), from the registry's manifests: the number of distinct layer digests over all of them and their
# summed compressed sizes, the sum if no layer were shared (every manifest's layers), the configs' bytes, and the
# bytes of the distinct layers that are not the from image's (the JRE's manifest, $out/from-manifest.json).
fresh_node_pull() {
  local ref repo
  {
    jq -r '.layers[] | "jre \(.digest) \(.size)"' "$out/from-manifest.json"
    for ref in "$@"; do
      repo=${ref#*/}
      curl -sf --max-time 30 \
        -H 'Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' \
        "http://$DL_REGISTRY/v2/${repo%:*}/manifests/${repo##*:}" |
        jq -r '(.layers[] | "layer \(.digest) \(.size)"), "config \(.config.digest) \(.config.size)"' ||
        die "cannot read the manifest of $ref"
    done
  } | awk '$1 == "jre" { jre[$2] = 1 }
              $1 == "layer" { all += $3; if (!($2 in seen)) { seen[$2] = 1; n++; bytes += $3; if (!($2 in jre)) beyond += $3 } }
              $1 == "config" { configs += $3 }
              END { printf "%d %d %d %d %d\n", n, bytes, all, configs, beyond }'
}

# Bytes of the blobs (layers, configs and manifests, each once) in a fresh OCI layout $1 after skopeo copied the
# images $2... into it from the registry: the independent check of fresh_node_pull.
fresh_layout_bytes() {
  local layout=$1 ref
  shift
  rm -rf "$layout"
  for ref in "$@"; do
    skopeo copy -q --src-tls-verify=false "docker://$ref" "oci:$layout:${ref##*/}" >&2 ||
      die "skopeo could not copy $ref into $layout"
  done
  du -sb --apparent-size "$layout/blobs" | cut -f1
}

# Runs one build of variant $2 in copy $1, logging to $3; "online" as $4 allows the network (warm-up).
# Prints nothing; fails with the log's tail when the build fails.
build() {
  local dir=$1 variant=$2 logfile=$3 mode=$4 project=$5 main=$6
  # Timestamps on every log line show where a build spends its time.
  local -a cmd=("$mvnw" -B -ntp -nsu "-Dmaven.repo.local=$m2repo" -f "$dir/pom.xml"
    -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS)
  [[ $mode == online ]] || cmd+=(-s "$offline_settings")
  local -a goals
  mapfile -t goals < <(goals_of "$variant" "$project" "$main")
  cmd+=("${goals[@]}")
  # The *26 variants load into the Docker 26 engine (the containerd image store), the others into DOCKER_HOST's.
  [[ $variant != *26 ]] || cmd=(env "DOCKER_HOST=$DL_DOCKER26_HOST" "${cmd[@]}")
  if ! "${cmd[@]}" >"$logfile" 2>&1; then
    log "build failed: ${cmd[*]}"
    tail -n 40 "$logfile" | sed 's/^/    /' >&2
    die "see $logfile"
  fi
}

# Changes the one line of copy $1 (project file $2, sed script $3) to round $4 of this run; fails if nothing
# changed. The run's id goes into the line too, so no round repeats the content of an earlier run (a registry that
# already holds a layer would make a push look cheaper than it is).
change_line() {
  local file=$1/$2 script=${3//@R@/$4 of run $run_id} before
  before=$(cksum <"$file")
  sed -i "$script" "$file"
  [[ $(cksum <"$file") != "$before" ]] || die "round $4 did not change $file (sed: $script)"
}

# ---------------------------------------------------------------------------------------------------------------
# Run
# ---------------------------------------------------------------------------------------------------------------

rm -rf "$work" "$logs"
mkdir -p "$work" "$logs" "$results"
write_offline_settings

if [[ ${BENCH_SKIP_INSTALL:-0} != 1 ]]; then
  log "installing the plugin: ./mvnw -B -ntp -q install -DskipTests -pl docker-layer-maven-plugin -am -Dmaven.repo.local=$m2repo"
  (cd "$root" && ./mvnw -B -ntp -q install -DskipTests -pl docker-layer-maven-plugin -am "-Dmaven.repo.local=$m2repo")
fi

started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
run_id=$(date -u +%Y%m%d%H%M%S)
readonly started_at run_id
docker_images=() # ids of the images jib:dockerBuild made, removed at the end
remove_docker_images() {
  if ((${#docker_images[@]})); then
    docker rmi -f "${docker_images[@]}" >/dev/null 2>&1 || true
  fi
  # What the load variants and jib-docker26 left in the engines: the repositories of this run.
  local host ref
  for host in "${DOCKER_HOST:-}" "${DL_DOCKER26_HOST:-}"; do
    [[ -n $host ]] || continue
    for ref in $(DOCKER_HOST=$host docker image ls --format '{{.Repository}}:{{.Tag}}' 2>/dev/null |
      grep -E "^(docker.io/)?bench/($run_id/|[a-z]+-jib-docker26:)" || true); do
      DOCKER_HOST=$host docker rmi -f "$ref" >/dev/null 2>&1 || true
    done
  done
}
declare -A load_bytes=() # ours-load*: bytes sent to the daemon, per round ("load" record of image.json)
# "BYTES/THIN" the load of image.json $1 sent (its load record), or "-".
load_bytes_sent() {
  local n thin
  [[ -f $1 ]] || { printf -- '-\n'; return; }
  n=$(tr -d ' \t\r\n' <"$1" | grep -oE '"load":\{.*' | grep -oE '"bytesSent":[0-9]+' | head -1 | grep -oE '[0-9]+$' || true)
  thin=$(tr -d ' \t\r\n' <"$1" | grep -oE '"load":\{.*' | grep -oE '"thin":(true|false)' | head -1 | cut -d: -f2 || true)
  printf '%s\n' "${n:--}/${thin:-?}"
}
trap remove_docker_images EXIT

# The from image of every registry variant (ours-push, ours-fresh, jib-*): $DL_JRE_IMAGE under a repository of this
# run, bench/<run id>/jre, in the same registry. The same image (the same manifest, byte for byte: the same digest),
# made by mounting its blobs and putting its manifest, so no layer is copied. Other jobs on this machine read
# $DL_JRE_IMAGE's repository too (tests pulling the JRE), and the access log cannot tell their requests from the
# benchmark's; in a repository of its own every request for the from image is the benchmark's.
from_repo="" from_image=""
copy_from_image() {
  local src=${DL_JRE_IMAGE#*/} tag manifest=$out/from-manifest.json type digest want got status
  tag=${src##*:}
  src=${src%:*}
  [[ ${DL_JRE_IMAGE%%/*} == "$DL_REGISTRY" && $tag != "$src" && $tag != */* ]] ||
    die "DL_JRE_IMAGE ($DL_JRE_IMAGE) must be a tag in DL_REGISTRY ($DL_REGISTRY)"
  from_repo=bench/$run_id/jre
  from_image=$DL_REGISTRY/$from_repo:$tag
  type=$(curl -sf --max-time 30 -o "$manifest" -w '%{content_type}' \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' \
    "http://$DL_REGISTRY/v2/$src/manifests/$tag") || die "cannot read the manifest of $DL_JRE_IMAGE"
  [[ $type == *manifest.v1+json* || $type == *manifest.v2+json* ]] ||
    die "$DL_JRE_IMAGE is a $type, not one image's manifest"
  for digest in $(grep -oE 'sha256:[0-9a-f]{64}' "$manifest" | sort -u); do
    status=$(curl -s --max-time 60 -o /dev/null -w '%{http_code}' -X POST \
      "http://$DL_REGISTRY/v2/$from_repo/blobs/uploads/?mount=$digest&from=$src")
    [[ $status == 201 ]] || die "mounting $digest from $src into $from_repo: HTTP $status"
  done
  want=sha256:$(sha256sum "$manifest" | cut -d' ' -f1)
  got=$(curl -sf --max-time 30 -o /dev/null -D - -X PUT -H "Content-Type: $type" --data-binary "@$manifest" \
    "http://$DL_REGISTRY/v2/$from_repo/manifests/$tag" | tr -d '\r' | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: *//p')
  [[ $got == "$want" ]] || die "the copy of $DL_JRE_IMAGE in $from_repo has digest '$got', not $want"
  log "from image: $from_image, a copy of $DL_JRE_IMAGE ($want)"
}
if has_variant ours-push || has_variant ours-fresh || has_variant jib-build || has_variant jib-tar ||
  has_variant jib-docker || has_variant ours-deploy || has_variant jib-deploy; then
  copy_from_image
fi
readonly from_repo from_image

# Gets the copy of variant $1 of project $2 ready for round $3 (or "warmup"), outside the timed part: package-clean
# and ours-fresh start from a copy without target/ (as a fresh CI checkout does), ours-fresh with an empty download
# cache of its own (fresh_cache).
fresh_cache=""
prepare_round() {
  local variant=$1 project=$2 round=$3
  case $variant in
    package-clean | ours-fresh) rm -rf "$work/$project/$variant/target" ;;
  esac
  if [[ $variant == ours-fresh ]]; then
    fresh_cache=$work/$project/ours-fresh.caches/$round
    rm -rf "$fresh_cache"
    mkdir -p "$fresh_cache"
  fi
}

# Builds variant $1 of project $2 in its copy, to log $3 ($4: online or offline), and notes what it leaves behind.
build_variant() {
  local variant=$1 project=$2 logfile=$3 mode=$4 id
  build "$work/$project/$variant" "$variant" "$logfile" "$mode" "$project" "$p_main"
  if [[ $variant == jib-docker ]]; then
    id=$(docker image inspect --format '{{.Id}}' "bench/$project-jib-docker" 2>/dev/null || true)
    [[ -z $id ]] || docker_images+=("$id")
  fi

}

json_projects=() # one JSON object per project
summary=""       # the tables, printed again at the end
declare -A wall=() cpu=() goal=()        # variant -> space-separated seconds, one per round
declare -A med=() low=() cmed=() gmed=() # variant -> median wall, min wall, median CPU, median image-step seconds
declare -A goal_secs=()                  # "variant goal" -> space-separated seconds of that goal, one per round
declare -A goal_names=()                 # variant -> its docker-layer or Jib goals, in order
declare -A pull_of=()                    # variant -> bytes of layers a fresh node pulls (reactor)
declare -A up_bytes=() up_blobs=() sent=() gets=() layer_gets=() get_bytes=() cache_blobs=() cache_bytes=()
# ^ variant -> space-separated per round: bytes and blobs uploaded (access log), bytes the plugin says it sent,
#   blob GETs, of which layers, their bytes (access log), blobs and bytes in ours-fresh's download cache after it
pushing_variants=(ours-push ours-fresh jib-build ours-deploy jib-deploy)
readonly pushing_variants

# Per-round list $1 ("a b c") as a JSON array, "-" as null.
json_list() {
  local -a v
  read -r -a v <<<"$1"
  v=("${v[@]/#-/null}")
  printf '[%s]' "$(join , "${v[@]}")"
}

for project in "${projects[@]}"; do
  load_bytes=() # per project
  project_info "$project"
  project_variants
  log "== $project: copies of $p_source, one per variant, under $work/$project"
  mkdir -p "$work/$project"
  for variant in "${variants[@]}"; do
    cp -R "$p_source" "$work/$project/$variant"
    rm -rf "$work/$project/$variant/target"
  done

  # Warm-up: a full online build (downloads, Jib's base image cache, ours-push's and ours-fresh's bases pushed),
  # then an untimed offline round 0.
  for variant in "${variants[@]}"; do
    log "$project/$variant: warm-up (online)"
    prepare_round "$variant" "$project" warmup
    build_variant "$variant" "$project" "$logs/$project-$variant-warmup.log" online
  done
  for variant in "${variants[@]}"; do
    log "$project/$variant: round 0 (offline, untimed)"
    change_line "$work/$project/$variant" "$p_file" "$p_sed" 0
    prepare_round "$variant" "$project" 0
    build_variant "$variant" "$project" "$logs/$project-$variant-0.log" offline
  done

  ours_bytes=() # per round: bytes of the app image's layers whose digest changed
  ours_roles=() # per round: the roles of those layers
  loads=()      # per round: the load average when it started
  fresh_base="" # per round, ours-fresh: what its base goal did with the base's layers (fresh_base_of)
  ours_json=$work/$project/ours/target/docker-layer/image.json
  previous_json=$work/$project/ours-previous-image.json
  if has_variant ours; then cp "$ours_json" "$previous_json"; fi

  n=${#variants[@]}
  for ((round = 1; round <= runs; round++)); do
    loads+=("$(load_average)")
    line="round $round:"
    for ((i = 0; i < n; i++)); do
      variant=${variants[$(((i + round - 1) % n))]}
      logfile=$logs/$project-$variant-$round.log
      copy=$work/$project/$variant
      change_line "$copy" "$p_file" "$p_sed" "$round"
      prepare_round "$variant" "$project" "$round"
      offset=$(registry_log_offset)
      times >"$cpu_file"
      t0=$(now)
      build_variant "$variant" "$project" "$logfile" offline
      t1=$(now)
      times >"$cpu_file.after"
      s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
      c=$(awk -v a="$(cpu_of "$cpu_file")" -v b="$(cpu_of "$cpu_file.after")" 'BEGIN { printf "%.3f", b - a }')
      wall[$variant]+=" $s"
      cpu[$variant]+=" $c"
      goal[$variant]+=" $(goal_seconds "$logfile")"
      names=""
      while read -r g gs; do
        goal_secs["$variant $g"]+=" $gs"
        names+=" $g"
      done < <(goal_split "$logfile")
      goal_names[$variant]=${names# }
      line+=" $variant ${s}s"
      case $variant in
        ours-load*) load_bytes[$variant]+=" $(load_bytes_sent "$work/$project/$variant/target/docker-layer/image.json")" ;;
      esac
      case $variant in
        ours)
          read -r bytes roles < <(changed_layers "$previous_json" "$ours_json")
          ours_bytes+=("$bytes")
          ours_roles+=("$roles")
          cp "$ours_json" "$previous_json"
          ;;
      esac
      if [[ " ${pushing_variants[*]} " == *" $variant "* ]]; then
        # What the build asked of the registry: the access log's lines for its own repositories and the from
        # image's, kept beside the build's log.
        slice=${logfile%.log}.registry.log
        registry_slice "$offset" "$(pushed_repositories "$variant" "$project")|$from_repo" "$slice"
        # The plugin's records: of the project, or of the reactor module the round changes.
        records=$copy${p_module:+/$p_module}/target/docker-layer
        read -r bytes count < <(registry_uploads "$slice" "$records/oci")
        read -r g_count g_layers g_bytes < <(registry_blob_gets "$slice" "$records")
        up_bytes[$variant]+=" $bytes" up_blobs[$variant]+=" $count"
        gets[$variant]+=" $g_count" layer_gets[$variant]+=" $g_layers" get_bytes[$variant]+=" $g_bytes"
        if [[ $variant == ours-* ]]; then
          record_dirs=("$copy/target/docker-layer")
          for m in $p_services; do record_dirs+=("$copy/$m/target/docker-layer"); done
          sent[$variant]+=" $(push_bytes_sent "${record_dirs[@]}")"
        fi
        if [[ $variant == ours-fresh ]]; then
          read -r c_blobs c_bytes < <(cache_contents "$fresh_cache")
          cache_blobs[$variant]+=" $c_blobs" cache_bytes[$variant]+=" $c_bytes"
          fresh_base+=" $(fresh_base_of "$logfile")"
        fi
      fi
    done
    log "$project $line (load average ${loads[-1]})"
  done

  # Medians and mins.
  for variant in "${all_variants[@]}"; do
    med[$variant]=- low[$variant]=- cmed[$variant]=- gmed[$variant]=-
  done
  for variant in "${variants[@]}"; do
    read -r -a values <<<"${wall[$variant]}"
    read -r m l < <(median_min "${values[@]}")
    med[$variant]=$m low[$variant]=$l
    read -r -a values <<<"${cpu[$variant]}"
    read -r m l < <(median_min "${values[@]}")
    cmed[$variant]=$m
    read -r -a values <<<"${goal[$variant]}"
    read -r m l < <(median_min "${values[@]}")
    gmed[$variant]=$m
  done

  # The table.
  classes=$(find "$work/$project/${variants[0]}" -path '*/target/classes/*' -name '*.class' | wc -l)
  jars=""
  for variant in ours ours-push ours-fresh ours-deploy; do
    [[ -n $jars || ! -f $logs/$project-$variant-warmup.log ]] ||
      jars=$(sed -n 's/.*Building dependencies layer of .*: \([0-9]*\) files\{0,1\}, \(.*\)$/\1 jar(s), \2/p' \
        "$logs/$project-$variant-warmup.log" | head -n 1)
  done
  table="== $project: $classes class file(s), dependencies ${jars:-(see the warm-up logs)}; $runs timed rounds,"
  table+=" each changing one line of ${p_module:+$p_module/}$(basename "$p_file")"
  table+=$'\n'"   load average (1 min) at the start of each round: ${loads[*]}"
  table+=$'\n\n'$(printf '%-14s %8s %8s %8s %8s   %s' variant wall_med wall_min cpu_med step_med \
    "wall-clock seconds per round")
  for variant in "${variants[@]}"; do
    table+=$'\n'$(printf '%-14s %8s %8s %8s %8s   %s' "$variant" "${med[$variant]}" "${low[$variant]}" \
      "${cmed[$variant]}" "${gmed[$variant]}" "${wall[$variant]# }")
  done
  table+=$'\n\n'$(printf '%-25s %8s %8s %8s %8s' ratio wall_med wall_min cpu_med step_med)
  json_ratios=()
  for pair in ours/package ours-push/package ours-fresh/package-clean ours-fresh/package package-clean/package \
    jib-build/package jib-tar/package jib-docker/package ours-push/ours ours-push/jib-build ours/jib-build \
    ours/jib-tar ours/jib-docker ours-deploy/deploy jib-deploy/deploy ours-deploy/jib-deploy; do
    a=${pair%/*} b=${pair#*/}
    [[ ${med[$a]} != - && ${med[$b]} != - ]] || continue
    r_med=$(ratio "${med[$a]}" "${med[$b]}")
    r_min=$(ratio "${low[$a]}" "${low[$b]}")
    r_cpu=$(ratio "${cmed[$a]}" "${cmed[$b]}")
    r_step=$(ratio "${gmed[$a]}" "${gmed[$b]}")
    table+=$'\n'$(printf '%-25s %8s %8s %8s %8s' "$pair" "$r_med" "$r_min" "$r_cpu" "$r_step")
    json_ratios+=("\"$pair\": {\"wallMedian\": $r_med, \"wallMin\": $r_min, \"cpuMedian\": $r_cpu, \"stepMedian\": $(
      [[ $r_step == - ]] && printf null || printf '%s' "$r_step"
    )}")
  done

  # Median seconds of each goal.
  json_goals=()
  goal_table=""
  for variant in "${variants[@]}"; do
    [[ -n ${goal_names[$variant]:-} ]] || continue
    entry="" json_entry=()
    for g in ${goal_names[$variant]}; do
      read -r -a values <<<"${goal_secs["$variant $g"]}"
      read -r m l < <(median_min "${values[@]}")
      entry+=" $g $m"
      json_entry+=("\"$g\": $m")
    done
    goal_table+=$'\n'$(printf '%-14s%s' "$variant" "$entry")
    json_goals+=("\"$variant\": {$(join , "${json_entry[@]}")}")
  done
  if [[ -n $goal_table ]]; then
    table+=$'\n\n'"median seconds per goal (from its log header to the next, the first including Maven setting up"
    table+=" the plugin):$goal_table"
  fi

  if has_variant ours; then
    table+=$'\n\n'"ours: app image layers whose digest changed, per round:"
    for ((r = 0; r < ${#ours_bytes[@]}; r++)); do
      table+=" $(human "${ours_bytes[$r]}") (${ours_roles[$r]});"
    done
  fi
  for variant in ours-load ours-load26; do
    has_variant "$variant" || continue
    table+=$'\n'"$variant: bytes sent to the daemon (thin or full load), per round:"
    for v in ${load_bytes[$variant]:-}; do
      if [[ $v == -* ]]; then table+=" n/a;"; else table+=" $(human "${v%/*}") ($([[ ${v#*/} == true ]] && echo thin || echo full));"; fi
    done
  done
  json_pushes=()
  for variant in "${pushing_variants[@]}"; do
    has_variant "$variant" || continue
    read -r -a b <<<"${up_bytes[$variant]}"
    read -r -a k <<<"${up_blobs[$variant]}"
    read -r -a p <<<"${sent[$variant]:-}"
    read -r -a gc <<<"${gets[$variant]}"
    read -r -a gl <<<"${layer_gets[$variant]}"
    read -r -a gb <<<"${get_bytes[$variant]}"
    table+=$'\n'"$variant: blobs uploaded to the registry, per round:"
    for ((r = 0; r < ${#b[@]}; r++)); do
      if [[ ${b[$r]} == - ]]; then
        table+=" n/a (no registry access log);"
      else
        table+=" $(human "${b[$r]}") (${k[$r]} blobs"
        [[ -z ${p[$r]:-} || ${p[$r]} == - ]] || table+="; the plugin says $(human "${p[$r]}")"
        table+=");"
      fi
    done
    table+=$'\n'"$variant: blob GETs (from its repositories and $from_repo), per round:"
    for ((r = 0; r < ${#gc[@]}; r++)); do
      if [[ ${gc[$r]} == - ]]; then
        table+=" n/a;"
      else
        table+=" ${gc[$r]} (${gl[$r]} layers, $(human "${gb[$r]}"));"
      fi
    done
    json_push="\"$variant\": {\"uploadedBytes\": $(json_list "${up_bytes[$variant]}"),"
    json_push+=" \"uploadedBlobs\": $(json_list "${up_blobs[$variant]}"),"
    json_push+=" \"blobGets\": $(json_list "${gets[$variant]}"), \"layerGets\": $(json_list "${layer_gets[$variant]}"),"
    json_push+=" \"blobGetBytes\": $(json_list "${get_bytes[$variant]}")"
    [[ -z ${sent[$variant]:-} ]] || json_push+=", \"pluginBytesSent\": $(json_list "${sent[$variant]}")"
    if [[ $variant == ours-fresh ]]; then
      read -r -a cb <<<"${cache_blobs[$variant]}"
      read -r -a cs <<<"${cache_bytes[$variant]}"
      table+=$'\n'"$variant: download cache after the round:"
      for ((r = 0; r < ${#cb[@]}; r++)); do
        table+=" ${cb[$r]} blobs, $(human "${cs[$r]}");"
      done
      table+=$'\n'"$variant: the base's dependency layers, per round (registry: taken from the registry, remote, not"
      table+=" built):${fresh_base}"
      json_push+=", \"cacheBlobs\": $(json_list "${cache_blobs[$variant]}")"
      json_push+=", \"cacheBytes\": $(json_list "${cache_bytes[$variant]}")"
      json_push+=", \"base\": [$(sed -E 's/([a-z]+)/"\1"/g; s/^ //; s/ /, /g' <<<"${fresh_base# }")]"
    fi
    json_pushes+=("$json_push}")
  done
  json_pulls=()
  for variant in ours-deploy jib-deploy; do
    has_variant "$variant" || continue
    refs=()
    for m in $p_services; do refs+=("$(image_ref "$variant" "$m" "$project")"); done
    read -r n_layers pull_bytes unshared config_bytes beyond < <(fresh_node_pull "${refs[@]}")
    layout_bytes=$(fresh_layout_bytes "$work/$project/$variant.fresh-node" "${refs[@]}")
    pull_of[$variant]=$pull_bytes
    table+=$'\n'"$variant: a fresh node pulls $(human "$pull_bytes") of layers to run the ${#refs[@]} images ($n_layers"
    table+=" distinct layers, $(human "$beyond") of them above the JRE's; $(human "$unshared") if no layer were shared)"
    table+=" and $(human "$config_bytes") of configs"
    table+=" (the registry's manifests); skopeo copied them into one fresh OCI layout: $(human "$layout_bytes")"
    table+=" of blobs ($layout_bytes B, manifests included)"
    if [[ $variant == ours-deploy ]]; then
      said=$(sed -n 's/.*\(A fresh node pulls .* to run the [0-9]* images\).*/\1/p' "$logs/$project-$variant-$runs.log" |
        tail -n 1)
      [[ -z $said ]] || table+="; the plugin's summary says: $said"
    fi
    json_pulls+=("\"$variant\": {\"images\": [$(printf '"%s",' "${refs[@]}" | sed 's/,$//')], \"layers\": $n_layers,
      \"layerBytes\": $pull_bytes, \"aboveFromLayerBytes\": $beyond, \"unsharedLayerBytes\": $unshared, \"configBytes\": $config_bytes,
      \"ociLayoutBlobBytes\": $layout_bytes}")
  done
  if [[ -n ${pull_of[ours-deploy]:-} && -n ${pull_of[jib-deploy]:-} ]]; then
    table+=$'\n'"fresh node, jib-deploy/ours-deploy: $(ratio "${pull_of[jib-deploy]}" "${pull_of[ours-deploy]}") (layer bytes)"
  fi
  printf '\n%s\n' "$table"
  summary+=$'\n'"$table"$'\n'

  # JSON for this project.
  json_variants=()
  for variant in "${variants[@]}"; do
    read -r -a w <<<"${wall[$variant]}"
    read -r -a c <<<"${cpu[$variant]}"
    read -r -a g <<<"${goal[$variant]//-/null}"
    gm=${gmed[$variant]/#-/null}
    json_variants+=("\"$variant\": {\"wallMedian\": ${med[$variant]}, \"wallMin\": ${low[$variant]},
      \"cpuMedian\": ${cmed[$variant]}, \"stepMedian\": $gm, \"wall\": [$(join , "${w[@]}")],
      \"cpu\": [$(join , "${c[@]}")], \"step\": [$(join , "${g[@]}")]}")
  done
  obj="{\"project\": \"$project\", \"classFiles\": $classes, \"dependencies\": \"${jars:-}\","
  obj+=" \"changedFile\": \"$p_file\", \"loadAverages\": [$(join , "${loads[@]}")],"
  obj+=" \"variants\": {$(join , "${json_variants[@]}")}, \"ratios\": {$(join , "${json_ratios[@]}")},"
  obj+=" \"goalSecondsMedian\": {$(join , "${json_goals[@]}")}, \"pushes\": {$(join , "${json_pushes[@]}")}"
  if has_variant ours; then
    obj+=", \"oursChangedLayerBytes\": [$(join , "${ours_bytes[@]}")]"
  fi
  ((${#json_pulls[@]} == 0)) || obj+=", \"freshNodePull\": {$(join , "${json_pulls[@]}")}"
  if has_variant jib-build && [[ -n $registry_log ]]; then
    obj+=", \"jibBuildUploadedBytes\": $(json_list "${up_bytes[jib-build]}")"
  fi
  json_projects+=("$obj}")
  wall=() cpu=() goal=() goal_secs=() goal_names=()
  up_bytes=() up_blobs=() sent=() gets=() layer_gets=() get_bytes=() cache_blobs=() cache_bytes=()
done

{
  printf '{"date": "%s", "runs": %s, "jib": "%s", "cpus": %s, "java": "%s", "projects": [\n  ' \
    "$started_at" "$runs" "$jib_version" "$(nproc)" \
    "$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
  sep=""
  for obj in "${json_projects[@]}"; do
    printf '%s%s' "$sep" "$obj"
    sep=$',\n  '
  done
  printf '\n]}\n'
} >"$results/latest.json"

legend="wall_med, wall_min: median and fastest wall-clock seconds of the whole mvn command;"
legend+=$'\n'"cpu_med: median CPU seconds (user + system) of mvn and its children;"
legend+=$'\n'"step_med: median seconds of the docker-layer and Jib goals, from each one's log line to the next (the image"
legend+=" step alone; summed over a reactor's modules; for deploy, the skipped goals)."
printf '\n==== summary: %s, %s CPUs, Jib %s, %s timed rounds\n%s\n%s\nresults: %s\nlogs: %s\n' \
  "$started_at" "$(nproc)" "$jib_version" "$runs" "$legend" "$summary" "$results/latest.json" "$logs"
