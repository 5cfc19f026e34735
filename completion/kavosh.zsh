# zsh completion for Kavosh's programs: the helpers. Each installed file is
# this, followed by one program's _arguments, read from its --help by
# completion/generate.sh.

# _kavosh_path WORD: WORD unquoted, with a leading ~ expanded.
(( $+functions[_kavosh_path] )) ||
_kavosh_path() {
  local word=${(Q)1}
  [[ $word == '~' || $word == '~/'* ]] && word=$HOME${word#\~}
  print -r -- $word
}

# The source names of the indexes on the command line (or $KAVOSH_INDEX),
# from kavosh-search's facets of every document; none if there is no index,
# or the program fails or takes over 2 seconds.
(( $+functions[_kavosh_sources] )) ||
_kavosh_sources() {
  local -a args names expl
  local i
  for (( i = 2; i < CURRENT; i++ )); do
    case $words[i] in
      -i|--index) args+=(--index "$(_kavosh_path $words[i+1])") ;;
      --index=*) args+=(--index "$(_kavosh_path ${words[i]#--index=})") ;;
    esac
  done
  (( $#args )) || [[ -z $KAVOSH_INDEX ]] || args=(--index $KAVOSH_INDEX)
  (( $#args )) || return 1
  # The JSON's facets.sources[].value, without a JSON tool (see kavosh.bash).
  names=(${(f)"$(timeout 2 "$(_kavosh_path $words[1])" $args --facets --limit 0 --json \
      2>/dev/null | tr -d '\n' | sed -n 's/.*"sources": *\[\([^]]*\)\].*/\1/p' |
      grep -o '"value": *"[^"\\]*"' | sed 's/^"value": *"//; s/"$//')"})
  _wanted sources expl source compadd -a names
}

