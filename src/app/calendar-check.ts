// Check rules for the ledger's own calendar files (calendar/YYYY.yaml).
import type { CheckLoader, CheckRule } from './check.js';

export const CALENDAR_RULES: CheckRule[] = [];
export const CALENDAR_LOADERS: CheckLoader[] = [];
