-- Health of a Convoy (a batch of beads), from status.phase written by the status reporter.
--   Pending, InProgress -> Progressing (message: progress done/total)
--   Complete            -> Healthy
--   Failed              -> Degraded (message: the failed beads)
-- No string library in Argo CD's default sandbox; table.concat is in the table library.
local hs = {}

if obj.status == nil or obj.status.phase == nil or obj.status.phase == "" then
  hs.status = "Progressing"
  hs.message = "Waiting for the status reporter"
  return hs
end

if obj.metadata.generation ~= nil and obj.status.observedGeneration ~= nil
    and obj.status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the status reporter to observe generation " .. obj.metadata.generation
  return hs
end

local function progress()
  if obj.status.progress ~= nil and obj.status.progress ~= "" then
    return obj.status.progress .. " beads done"
  end
  return nil
end

local phase = obj.status.phase
if phase == "Pending" then
  hs.status = "Progressing"
  hs.message = obj.status.message or "Waiting for polecats"
elseif phase == "InProgress" then
  hs.status = "Progressing"
  hs.message = obj.status.message or progress() or "In progress"
elseif phase == "Complete" then
  hs.status = "Healthy"
  hs.message = obj.status.message or progress() or "Complete"
elseif phase == "Failed" then
  hs.status = "Degraded"
  if obj.status.message ~= nil and obj.status.message ~= "" then
    hs.message = obj.status.message
  elseif obj.status.failedBeads ~= nil and #obj.status.failedBeads > 0 then
    hs.message = "Failed beads: " .. table.concat(obj.status.failedBeads, ", ")
  else
    hs.message = "Failed"
  end
else
  hs.status = "Unknown"
  hs.message = "Unknown phase " .. phase
end
return hs
