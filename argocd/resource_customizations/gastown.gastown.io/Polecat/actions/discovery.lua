-- Actions offered on a Polecat in the Argo CD UI / `argocd app actions run`.
local actions = {}
actions["nuke"] = {
  ["disabled"] = obj.spec ~= nil and obj.spec.desiredState == "Terminated",
  ["iconClass"] = "fa fa-fw fa-stop-circle",
  ["displayName"] = "Nuke (terminate the agent)"
}
return actions
