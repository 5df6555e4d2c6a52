#compdef kubectl-gt
# zsh completion for kubectl-gt (from `kubectl-gt completion zsh`).
# Asks `kubectl-gt __complete ARGS... WORD`, which answers cobra-style: candidates (with an optional
# TAB-separated description), then a line `:DIRECTIVE` (2: no space after it, 4: no file completion).
_kubectl_gt() {
  local out directive line
  local -a lines described
  out=$(kubectl-gt __complete "${(@)words[2,CURRENT-1]}" "${words[CURRENT]}" 2>/dev/null) || return 1
  lines=("${(@f)out}")
  directive=${lines[-1]#:}
  for line in "${(@)lines[1,-2]}"; do
    [[ -z $line ]] && continue
    if [[ $line == *$'\t'* ]]; then
      described+=("${${line%%$'\t'*}//:/\\:}:${line#*$'\t'}")
    else
      described+=("${line//:/\\:}")
    fi
  done
  if (( ${#described} == 0 )); then
    (( directive & 4 )) || _files
    return
  fi
  if (( directive & 2 )); then
    _describe -t values 'kubectl-gt' described -S ''
  else
    _describe -t values 'kubectl-gt' described
  fi
}
if [[ $funcstack[1] == _kubectl_gt ]]; then
  _kubectl_gt "$@"
else
  compdef _kubectl_gt kubectl-gt
fi
