// The repeat thresholds of a new ledger (xinfang.yaml intake.similarity / intake.possible).
import { Config } from '../../src/ledger/schema.js';

export function configDefaults(): { sure: number; possible: number } {
  const i = Config.shape.intake.parse(undefined) as { similarity: number; possible: number };
  return { sure: i.similarity, possible: i.possible };
}
