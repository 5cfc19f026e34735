#!/usr/bin/env bash
# completion_test.sh BUILD_DIR SOURCE_DIR [CMAKE]: installs BUILD_DIR into a
# temporary prefix, sources the installed bash completion and checks what
# TAB offers: options, enumerated values, folders, and kavosh-search
# --source's names from an index of SOURCE_DIR/corpus; then that zsh (when
# installed) accepts the zsh completion.
set -uo pipefail
build_dir=$(cd "$1" && pwd)
source_dir=$2
cmake=${3:-cmake}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

"$cmake" --install "$build_dir" --prefix "$work/prefix" >/dev/null || exit 1
"$build_dir/indexer/kavosh-index" "$source_dir/corpus" --index "$work/index" --quiet >/dev/null ||
  exit 1
completions=$work/prefix/share/bash-completion/completions
for name in kavosh-index kavosh-search kavosh-serve; do
  # shellcheck disable=SC1090
  source "$completions/$name" || fail "$name: the bash completion does not load"
done

# offers WORD...: the completion of the last WORD of the command line WORD...,
# one a line, sorted.
offers() {
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMPREPLY=()
  _kavosh "$1"
  [ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}

# expect WHAT GOT WANTED: GOT and WANTED are lists, one a line.
expect() {
  [ "$2" = "$3" ] || fail "$1: offered [$(echo $2)], expected [$(echo $3)]"
}

search=$build_dir/searcher/kavosh-search
expect "kavosh-search --so<TAB>" "$(offers kavosh-search --so)" $'--sort\n--source'
expect "kavosh-search --sort <TAB>" "$(offers kavosh-search --sort '')" $'newest\noldest\nrelevance'
expect "kavosh-search --sort=n<TAB>" "$(offers kavosh-search --sort = n)" $'newest'
expect "kavosh-search --dates <TAB>" "$(offers kavosh-search --dates '')" $'numeric\npersian'
expect "kavosh-index -n<TAB> (its --dry-run)" "$(offers kavosh-index -n)" "-n"

# Every long option of --help, for each program: generated from it.
for program in indexer/kavosh-index searcher/kavosh-search serve/kavosh-serve; do
  name=${program#*/}
  wanted=$("$build_dir/$program" --help | awk -f "$source_dir/completion/help_options.awk" |
    cut -d $'\037' -f 1,2 | grep '^option' | grep -oE -- '--[a-z][a-z-]*' | LC_ALL=C sort)
  got=$(offers "$name" -- | grep -- '^--')
  expect "$name --<TAB>" "$got" "$wanted"
done

# The index's sources, from the --index on the command line (the program as
# typed: a path here, a name on PATH below) or from KAVOSH_INDEX. Names with
# a space come escaped, ready for the command line.
sources=$(offers "$search" --index "$work/index" --source '')
wanted=$("$search" --index "$work/index" --facets --limit 0 --json |
  tr -d '\n' | grep -o '"sources": *\[[^]]*\]' | grep -o '"value": *"[^"]*"' |
  sed 's/^"value": *"//; s/"$//; s/ /\\ /g' | LC_ALL=C sort)
[ "$(wc -l <<<"$wanted")" -ge 5 ] || fail "the corpus index has fewer than 5 sources: $wanted"
expect "kavosh-search --index DIR --source <TAB>" "$sources" "$wanted"
grep -qx 'ایلنا' <<<"$sources" || fail "--source <TAB> does not offer ایلنا"
grep -qx 'همشهری\\ آنلاین' <<<"$sources" || fail "--source <TAB> does not offer همشهری\\ آنلاین escaped"
expect "kavosh-search --index=DIR --source=ای<TAB>" \
  "$(offers "$search" --index = "$work/index" --source = 'ای')" "$(grep '^ای' <<<"$wanted")"
expect "KAVOSH_INDEX=DIR kavosh-search --source <TAB>" \
  "$(KAVOSH_INDEX=$work/index PATH=$build_dir/searcher:$PATH offers kavosh-search --source '')" \
  "$wanted"
started=$SECONDS
expect "--source <TAB> with no index" "$(KAVOSH_INDEX='' offers "$search" --source '')" ""
expect "--source <TAB> with an index that is not one" \
  "$(offers "$search" --index "$work/nothing" --source '')" ""
[ $((SECONDS - started)) -le 5 ] || fail "--source <TAB> without an index took $((SECONDS - started)) s"

# Paths: folders for kavosh-index's CORPUS_DIR and --index.
mkdir "$work/corpus one" "$work/corpus two"
touch "$work/corpus-file.txt"
expect "kavosh-index DIR/cor<TAB>" "$(offers kavosh-index "$work/cor")" \
  "$work/corpus one"$'\n'"$work/corpus two"
expect "kavosh-index --index DIR/ind<TAB>" "$(offers kavosh-index --index "$work/ind")" "$work/index"

zsh_dir=$work/prefix/share/zsh/vendor-completions
for name in kavosh-index kavosh-search kavosh-serve; do
  [ -f "$zsh_dir/_$name" ] || fail "$name: no zsh completion at share/zsh/vendor-completions/_$name"
done
if command -v zsh >/dev/null; then
  for name in kavosh-index kavosh-search kavosh-serve; do
    zsh -n "$zsh_dir/_$name" || fail "$name: zsh -n rejects _$name"
  done
  grep -q "(relevance newest oldest)" "$zsh_dir/_kavosh-search" ||
    fail "zsh: --sort does not complete its values"
else
  echo "zsh is not installed: its completion's syntax is not checked"
fi

[ "$failures" -eq 0 ] || exit 1
echo "completion: ok"
