-- Stops the polecat for good: spec.desiredState = Terminated, the same field
-- `kubectl gt polecat nuke` writes in git. Leaves status alone (it belongs to the reporter).
if obj.spec == nil then
  obj.spec = {}
end
obj.spec.desiredState = "Terminated"
return obj
