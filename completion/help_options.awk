# Reads a program's CLI11 --help and prints one line per option and
# positional, its fields separated by the ASCII unit separator (\037; a
# field may be empty, and a tab would not keep it):
#   KIND NAMES TAKES_VALUE REPEATABLE CHOICES DESCRIPTION
# KIND is "option" or "positional"; NAMES are the option's spellings
# ("-i --index") or the positional's name; TAKES_VALUE and REPEATABLE are 0
# or 1; CHOICES are the values of an enumerated option ("relevance newest
# oldest"), else empty.
#
# An entry starts two spaces in; its description follows at column 31, or
# on the next lines, indented further, when the names and type are longer.

function flush() {
  if (head == "") {
    return
  }
  n = split(head, word, " ")
  names = word[1]
  gsub(",", " ", names)
  # A value's type is upper case: TEXT, UINT:POSITIVE=2000,
  # TEXT:{relevance,newest,oldest}=relevance. "Excludes:" is not one.
  takes_value = (n >= 2 && word[2] ~ /^[A-Z]+([:=]|$)/) ? 1 : 0
  repeatable = (head ~ / \.\.\.( |$)/) ? 1 : 0
  choices = ""
  if (match(head, /\{[^}]*\}/)) {
    choices = substr(head, RSTART + 1, RLENGTH - 2)
    gsub(",", " ", choices)
  }
  sub(/^ +/, "", description)
  printf "%s\037%s\037%d\037%d\037%s\037%s\n", kind, names, takes_value, repeatable, choices, description
  head = ""
  description = ""
}

/^[A-Za-z]+:$/ {
  flush()
  kind = ($0 == "Positionals:") ? "positional" : ($0 == "Options:") ? "option" : ""
  next
}

kind == "option" && /^  -/ || kind == "positional" && /^  [^ -]/ {
  flush()
  line = substr($0, 3)
  if (match(line, /[^ ]  +[^ ]/)) {
    head = substr(line, 1, RSTART)
    description = substr(line, RSTART + 1)
  } else if (length($0) > 30 && substr($0, 30, 1) == " ") {
    head = substr($0, 3, 27)
    description = substr($0, 31)
  } else {
    head = line
    description = ""
  }
  next
}

kind != "" && /^   / {
  description = description " " $0
  gsub(/  +/, " ", description)
  next
}

# The entries end at the first blank line; a footer may follow.
/^$/ {
  flush()
  kind = ""
}

END {
  flush()
}
