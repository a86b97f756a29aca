/** State names. Department ids are kebab-case with letter-initial segments, so suffixes are unique. */

/** `public-security` → `PublicSecurity`. */
export function pascalCase(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** The states of one department's branch, e.g. `AwaitPublicSecurity`. */
export function branchStateNames(department: string) {
  const suffix = pascalCase(department);
  return {
    await: `Await${suffix}`,
    checkpoint: `Checkpoint${suffix}`,
    route: `Route${suffix}`,
    approved: `Approved${suffix}`,
    rejected: `Rejected${suffix}`,
    supplement: `Supplement${suffix}`,
    supplementExpiry: `SupplementExpiry${suffix}`,
  };
}

/** The top-level states. */
export const TOP = { intake: 'Intake', departments: 'Departments', finalize: 'Finalize' } as const;

/** The states of a staged service (docs/WORKFLOWS.md "Stages"): stage k (1-based) and the step that opens it. */
export const stageStateNames = (stage: number) => ({ parallel: `Stage${stage}`, open: `OpenStage${stage}` });

/** Error name of a department's rejection; the Parallel state catches it. */
export const REJECTED_ERROR = 'OneThing.Rejected';
