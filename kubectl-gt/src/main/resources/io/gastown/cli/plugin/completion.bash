# bash completion for kubectl-gt (from `kubectl-gt completion bash`).
# Asks `kubectl-gt __complete ARGS... WORD`, which answers cobra-style: candidates (with an optional
# TAB-separated description), then a line `:DIRECTIVE` (2: no space after it, 4: no file completion).
_kubectl_gt_complete() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local out directive line
  local -a candidates=()
  out=$(kubectl-gt __complete "${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null) || return 0
  directive=${out##*:}
  while IFS= read -r line; do
    [[ -z $line || $line == :* ]] && continue
    candidates+=("${line%%$'\t'*}")
  done <<<"$out"
  COMPREPLY=()
  local candidate
  for candidate in "${candidates[@]}"; do
    [[ $candidate == "$cur"* ]] && COMPREPLY+=("$candidate")
  done
  if (( directive & 2 )); then
    compopt -o nospace 2>/dev/null
  fi
  if (( ${#COMPREPLY[@]} == 0 )) && (( (directive & 4) == 0 )); then
    compopt -o default 2>/dev/null
  fi
}
complete -F _kubectl_gt_complete kubectl-gt
