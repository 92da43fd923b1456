-- The on-time report's lists of one caseworker's clocks read that caseworker's range of the period
-- (decision 026): with only the period's index, the planner read the heap of every match and sorted
-- them (2,205 buffers for a year at 1,000,000 episodes).
CREATE INDEX "EpisodeClock_on_time_caseworker_idx" ON "EpisodeClock"("agencyId", "creditedCaseworkerId", "startedAt", "kind", "metOnTime", "deadline", "id");
