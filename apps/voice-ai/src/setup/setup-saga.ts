import type { SetupStep, SetupStepResultDto } from '@parley/contracts';

/** What undoing a step achieved, when it could not simply put everything back. */
export interface UndoOutcome {
  /** false: what the step applied stays (the answer says so). */
  undone: boolean;
  note?: { code: string; message: string };
}

/** One step of a setup: apply it (answering the ids it created) and undo it. */
export interface SetupStepPlan {
  step: SetupStep;
  apply(): Promise<{ ids: string[]; undo: () => Promise<UndoOutcome | void> }>;
}

export type StepError = { code: string; message: string };

/**
 * Applies steps in order; when one fails, undoes the applied ones in reverse order and reports
 * each step: applied, failed, rolled back, or skipped (not asked for, or never reached).
 */
export async function runSetupSaga(
  steps: SetupStep[],
  plans: SetupStepPlan[],
  describeError: (error: unknown) => StepError,
): Promise<{ success: boolean; steps: SetupStepResultDto[] }> {
  const results = new Map<SetupStep, SetupStepResultDto>(
    steps.map((step) => [step, { step, status: 'skipped', ids: [], error: null }]),
  );
  const applied: Array<{ step: SetupStep; undo: () => Promise<UndoOutcome | void> }> = [];
  let failed = false;
  for (const plan of plans) {
    try {
      const { ids, undo } = await plan.apply();
      results.set(plan.step, { step: plan.step, status: 'applied', ids, error: null });
      applied.push({ step: plan.step, undo });
    } catch (error) {
      results.set(plan.step, { step: plan.step, status: 'failed', ids: [], error: describeError(error) });
      failed = true;
      break;
    }
  }
  if (failed) {
    for (const { step, undo } of applied.reverse()) {
      const result = results.get(step) as SetupStepResultDto;
      try {
        const outcome = (await undo()) ?? { undone: true };
        results.set(step, { ...result, status: outcome.undone ? 'rolled_back' : 'applied', error: outcome.note ?? null });
      } catch (error) {
        const { message } = describeError(error);
        results.set(step, { ...result, status: 'applied', error: { code: 'ROLLBACK_FAILED', message: `could not be undone: ${message}` } });
      }
    }
  }
  return { success: !failed, steps: steps.map((step) => results.get(step) as SetupStepResultDto) };
}
