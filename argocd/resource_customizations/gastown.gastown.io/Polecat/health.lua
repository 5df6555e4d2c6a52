-- Health of a Polecat, from the status the gastown status reporter writes (status.phase).
-- Runs in Argo CD's default Lua sandbox: no string or math library, so no string.* calls.
--   Pending, Working    -> Progressing
--   Done                -> Healthy
--   Failed, Stuck       -> Degraded (the rig's Application shows it until the polecat is retired)
--   Idle, Terminated    -> Healthy: steady states that need nothing from Argo CD. Suspended would
--                          make the whole rig Application Suspended and break `argocd app wait
--                          --health`, which is why Argo CD itself stopped doing that for CronJobs.
--   desiredState Terminated, not finished yet -> Progressing ("Terminating")
-- The message is status.message when the reporter wrote one, else a sentence per phase.
local hs = {}

local function message_or(default)
  if obj.status.message ~= nil and obj.status.message ~= "" then
    return obj.status.message
  end
  return default
end

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

local phase = obj.status.phase
local finished = phase == "Done" or phase == "Failed" or phase == "Terminated"

if obj.spec ~= nil and obj.spec.desiredState == "Terminated" and not finished then
  hs.status = "Progressing"
  hs.message = "Terminating"
  return hs
end

if phase == "Pending" then
  hs.status = "Progressing"
  hs.message = message_or("Waiting for the polecat's pod to start")
elseif phase == "Working" then
  hs.status = "Progressing"
  if obj.status.assignedBead ~= nil then
    hs.message = message_or("Working on " .. obj.status.assignedBead)
  else
    hs.message = message_or("Working")
  end
elseif phase == "Done" then
  hs.status = "Healthy"
  if obj.status.branch ~= nil then
    hs.message = message_or("Done, pushed branch " .. obj.status.branch)
  else
    hs.message = message_or("Done")
  end
elseif phase == "Failed" then
  hs.status = "Degraded"
  hs.message = message_or("Failed")
elseif phase == "Stuck" then
  hs.status = "Degraded"
  hs.message = message_or("Stuck: no agent activity")
elseif phase == "Idle" then
  hs.status = "Healthy"
  hs.message = message_or("Idle, waiting for work")
elseif phase == "Terminated" then
  hs.status = "Healthy"
  hs.message = message_or("Terminated")
else
  hs.status = "Unknown"
  hs.message = "Unknown phase " .. phase
end
return hs
