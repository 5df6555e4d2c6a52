-- Health of a Rig (cluster-scoped), from status.phase written by the status reporter.
--   Initializing -> Progressing
--   Ready        -> Healthy  (message: polecat and convoy counts)
--   Degraded     -> Degraded (message: the Ready condition's message, if any)
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

local function ready_condition_message()
  if obj.status.conditions ~= nil then
    for _, condition in ipairs(obj.status.conditions) do
      if condition.type == "Ready" and condition.message ~= nil and condition.message ~= "" then
        return condition.message
      end
    end
  end
  return nil
end

local function counts()
  return (obj.status.polecatCount or 0) .. " polecats, " .. (obj.status.activeConvoys or 0) .. " active convoys"
end

local phase = obj.status.phase
if phase == "Initializing" then
  hs.status = "Progressing"
  hs.message = ready_condition_message() or "Initializing"
elseif phase == "Ready" then
  hs.status = "Healthy"
  hs.message = counts()
elseif phase == "Degraded" then
  hs.status = "Degraded"
  hs.message = ready_condition_message() or "Degraded"
else
  hs.status = "Unknown"
  hs.message = "Unknown phase " .. phase
end
return hs
