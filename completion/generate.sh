#!/usr/bin/env bash
# generate.sh PROGRAM BASH_FILE ZSH_FILE: writes PROGRAM's bash and zsh
# completion from its --help, so the completed options are always the
# program's own. What each option's value completes as (folders, files,
# source names) is decided here, by the option's name; enumerated values
# come from --help ({relevance,newest,oldest}).
set -euo pipefail
program=$1 bash_file=$2 zsh_file=$3
here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$program")

options=$("$program" --help | awk -f "$here/help_options.awk")
if ! grep -q -- '--help' <<<"$options"; then
  echo "generate.sh: no options found in '$program --help'" >&2
  exit 1
fi

# value_kind NAME OPTION: dirs, files, sources or nothing, for the value of
# OPTION (or of the positional OPTION).
value_kind() {
  case $2 in
    --index) if [[ $1 == kavosh-index ]]; then echo dirs; else echo files; fi ;;
    --remove-root | CORPUS_DIR) echo dirs ;;
    --queries) echo files ;;
    --source) echo sources ;;
  esac
}

# zsh_quote TEXT: TEXT inside '…[TEXT]…' of an _arguments spec.
zsh_quote() {
  local text=${1//\\/\\\\}
  text=${text//[/\\[}
  text=${text//]/\\]}
  text=${text//:/\\:}
  printf '%s' "${text//\'/\'\\\'\'}"
}

all=() values=() choices=()
zsh_specs=()
while IFS=$'\037' read -r kind names takes_value repeatable choice description; do
  read -ra spellings <<<"$names"
  long=${spellings[-1]}
  kind_of_value=$(value_kind "$name" "$long")
  case $kind_of_value in
    dirs) action='_files -/' ;;
    files) action='_files' ;;
    sources) action='_kavosh_sources' ;;
    *) action= ;;
  esac
  [[ -n $choice ]] && action="($choice)"
  message=${long#--}
  message=${message,,}
  message=${message//_/ }

  if [[ $kind == positional ]]; then
    if [[ $repeatable == 1 ]]; then
      zsh_specs+=("'*:$message:$action'")
    else
      zsh_specs+=("':$message:$action'")
    fi
    continue
  fi

  all+=("${spellings[@]}")
  [[ $takes_value == 1 ]] && values+=("${spellings[@]}")
  for spelling in "${spellings[@]}"; do
    [[ -n $choice ]] && choices+=("_kavosh_choices[$name $spelling]='$choice'")
  done

  # zsh: -i+ and --index= take a value in the same word or the next one.
  forms=()
  for spelling in "${spellings[@]}"; do
    if [[ $takes_value == 0 ]]; then
      forms+=("$spelling")
    elif [[ $spelling == --* ]]; then
      forms+=("$spelling=")
    else
      forms+=("$spelling+")
    fi
  done
  if [[ $long == --help ]]; then
    exclusion="'(- *)'"
  elif [[ $repeatable == 1 ]]; then
    exclusion="'*'"
  elif [[ ${#spellings[@]} -gt 1 ]]; then
    exclusion="'(${spellings[*]})'"
  else
    exclusion=
  fi
  if [[ ${#forms[@]} -gt 1 ]]; then
    form=$(IFS=,; printf '{%s}' "${forms[*]}")
  else
    form=${forms[0]}
  fi
  spec="$exclusion$form'[$(zsh_quote "$description")]"
  [[ $takes_value == 1 ]] && spec+=":$message:$action"
  zsh_specs+=("$spec'")
done <<<"$options"

mkdir -p "$(dirname "$bash_file")" "$(dirname "$zsh_file")"
{
  echo "# bash completion for $name. Generated from '$name --help' by"
  echo "# completion/generate.sh: edit that, or completion/kavosh.bash."
  echo
  echo "declare -gA _kavosh_options _kavosh_values _kavosh_choices"
  echo "_kavosh_options[$name]='${all[*]}'"
  echo "_kavosh_values[$name]='${values[*]}'"
  for line in "${choices[@]}"; do
    echo "$line"
  done
  echo
  cat "$here/kavosh.bash"
  echo
  echo "complete -F _kavosh $name"
} >"$bash_file.tmp"
mv "$bash_file.tmp" "$bash_file"

{
  echo "#compdef $name"
  echo "# zsh completion for $name. Generated from '$name --help' by"
  echo "# completion/generate.sh: edit that, or completion/kavosh.zsh."
  echo
  cat "$here/kavosh.zsh"
  echo "_arguments -s -S \\"
  last=$((${#zsh_specs[@]} - 1))
  for i in "${!zsh_specs[@]}"; do
    if [[ $i -eq $last ]]; then
      echo "  ${zsh_specs[i]}"
    else
      echo "  ${zsh_specs[i]} \\"
    fi
  done
} >"$zsh_file.tmp"
mv "$zsh_file.tmp" "$zsh_file"
