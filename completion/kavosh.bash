# bash completion for Kavosh's programs: the logic. Each installed file is
# one program's options, read from its --help by completion/generate.sh,
# followed by this.
#
# Paths complete as files (--index, kavosh-index's CORPUS_DIR as folders),
# enumerated options as their values, and kavosh-search --source as the
# source names of the index on the command line (or $KAVOSH_INDEX).

# _kavosh_expand WORD: WORD with a leading ~ expanded, as the shell will.
_kavosh_expand() {
  local word=$1
  [[ $word == "~" || $word == "~/"* ]] && word=$HOME${word:1}
  printf '%s\n' "$word"
}

# _kavosh_sources PROGRAM WORD...: the source names of the indexes the
# command line WORDs name, one a line, from kavosh-search's facets of every
# document. Prints nothing if there is no index, or the program fails or
# takes over 2 seconds: a completion never hangs the shell.
_kavosh_sources() {
  local program=$1 i
  shift
  local words=("$@") args=()
  for ((i = 0; i < ${#words[@]}; i++)); do
    case ${words[i]} in
      -i | --index)
        # --index=DIR reaches us as three words: --index, =, DIR.
        [[ ${words[i + 1]-} == = ]] && ((i++))
        [[ -n ${words[i + 1]-} ]] && args+=(--index "$(_kavosh_expand "${words[i + 1]}")")
        ((i++)) ;;
    esac
  done
  if [[ ${#args[@]} -eq 0 ]]; then
    [[ -n ${KAVOSH_INDEX-} ]] || return 0
    args=(--index "$KAVOSH_INDEX")
  fi
  # The JSON's facets.sources[].value, without a JSON tool: the sources'
  # list is the one array after "sources", and a value holds no quote
  # (the encoder would escape it as \").
  timeout 2 "$(_kavosh_expand "$program")" "${args[@]}" --facets --limit 0 --json 2>/dev/null |
    tr -d '\n' | sed -n 's/.*"sources": *\[\([^]]*\)\].*/\1/p' |
    grep -o '"value": *"[^"\\]*"' | sed 's/^"value": *"//; s/"$//'
}

# _kavosh COMMAND: completes COMP_WORDS[COMP_CWORD] for COMMAND (a path to
# one of Kavosh's programs) from _kavosh_options, _kavosh_values and
# _kavosh_choices.
_kavosh() {
  local program=${1##*/} cur=${COMP_WORDS[COMP_CWORD]} prev=
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  # --option=VALUE: bash breaks words at '=', so the option is one or two
  # words back.
  if [[ $cur == = ]]; then
    cur=
  elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
  COMPREPLY=()

  if [[ " ${_kavosh_values[$program]-} " == *" $prev "* ]]; then
    local choices=${_kavosh_choices[$program $prev]-}
    if [[ -n $choices ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$choices" -- "$cur")
      return 0
    fi
    case $prev in
      -i | --index | --queries)
        compopt -o filenames 2>/dev/null
        if [[ $program == kavosh-index ]]; then
          mapfile -t COMPREPLY < <(compgen -d -- "$cur")
        else
          # An index folder, or a Xapian stub file naming remote shards.
          mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        fi ;;
      --remove-root)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$cur") ;;
      --source)
        local name
        while IFS= read -r name; do
          # Names hold spaces ("همشهری آنلاین"): offer them escaped.
          name=$(printf '%s' "$name" | sed 's/[][ \\()<>|&;$`"'"'"'*?!#{}]/\\&/g')
          [[ $name == "$cur"* ]] && COMPREPLY+=("$name")
        done < <(_kavosh_sources "$1" "${COMP_WORDS[@]}") ;;
    esac
    return 0
  fi

  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "${_kavosh_options[$program]-}" -- "$cur")
    return 0
  fi
  if [[ $program == kavosh-index ]]; then
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -d -- "$cur")
  fi
  return 0
}
