/** Choosing long-term partners (docs/selection.md): the selection module's front door. */
export {
  clearScoreOverride,
  getCreatorScore,
  getSelectionSettings,
  loadOverrides,
  scoreAll,
  setScoreOverride,
  updateSelectionSettings,
  workspaceToday,
} from './creator-score.ts';
export { exportInsightsCsv, exportIssuesCsv } from './csv.ts';
export {
  listInsights,
  listInsightsAsCreator,
  recordInsight,
  recordInsightAsCreator,
  setInsightShared,
} from './insights.ts';
export { listIssues, openIssue, updateIssue } from './issues.ts';
export { type CreatorFacts, maintainedFacts, monthStart, scoreFacts } from './queries.ts';
export { getRatings, rateCreator } from './ratings.ts';
export { REFRESH_ACTIVE_DAYS, refreshScoreFacts } from './refresh.ts';
export {
  DEFAULT_WEIGHTS,
  MIN,
  rosterRef,
  type ScoreFacts,
  type ScoreResult,
  scoreCreator,
  WINDOW_DAYS,
} from './score.ts';
export {
  computeSuggestions,
  decideSuggestion,
  FALLING_DAYS,
  FALLING_POINTS,
  listSuggestions,
  QUIET_DAYS,
  suggestionsFor,
} from './suggestions.ts';
