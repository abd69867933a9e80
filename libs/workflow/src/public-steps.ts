import type { LocalizedText, WorkflowDefinition } from './workflow-types';

export type StepStatus = 'done' | 'current' | 'todo';

export interface PublicStep {
  label: LocalizedText;
  status: StepStatus;
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * The expected course of a case: the shortest way from the initial state to the final state
 * farthest from it (rejection and withdrawal are short cuts; the product is at the end); of
 * equally far ones, the first the definition leads to.
 */
export function mainPath(def: WorkflowDefinition): string[] {
  const prev = new Map<string, string | null>([[def.initial, null]]);
  const order: string[] = [def.initial];
  for (let i = 0; i < order.length; i++) {
    for (const t of Object.values(def.states[order[i]]?.on ?? {})) {
      if (has(def.states, t.target) && !prev.has(t.target)) {
        prev.set(t.target, order[i]);
        order.push(t.target);
      }
    }
  }
  const depth = (s: string): number => {
    let n = 0;
    for (let p = prev.get(s); p != null; p = prev.get(p)) n++;
    return n;
  };
  // Ties go to the terminal state whose transition comes first in the definition.
  const finals = order.filter((s) => def.states[s]?.final);
  const last =
    finals.reduce<string | undefined>((best, s) => (best === undefined || depth(s) > depth(best) ? s : best), undefined) ??
    order[order.length - 1];
  const path: string[] = [];
  for (let s: string | null | undefined = last; s != null; s = prev.get(s)) path.unshift(s);
  return path;
}

/**
 * The citizen's step bar: public labels along the main path (repeats merged), the steps up to
 * the case's current state done. A state off that path (returned for correction, rejected)
 * shows as the current step after the last step reached; a final one ends the bar there.
 */
export function publicSteps(def: WorkflowDefinition, current: string, visited: readonly string[]): PublicStep[] {
  const path = mainPath(def);
  const label = (s: string): LocalizedText => def.states[s]?.publicLabel ?? { id: s, en: s };
  const at = path.indexOf(current);
  const reached = at >= 0 ? at : Math.max(-1, ...visited.map((s) => path.indexOf(s)));
  const steps: { label: LocalizedText; status: StepStatus }[] = path.map((s, i) => ({
    label: label(s),
    status: i < reached || (at < 0 && i === reached) ? 'done' : i === at ? 'current' : 'todo',
  }));
  if (at < 0) {
    const extra = { label: label(current), status: 'current' as const };
    if (def.states[current]?.final) steps.splice(reached + 1, steps.length, extra);
    else steps.splice(reached + 1, 0, extra);
  }
  // Consecutive states with one public label are one step for the citizen.
  return steps.reduce<PublicStep[]>((out, step) => {
    const prev = out[out.length - 1];
    if (prev && prev.label.id === step.label.id && prev.label.en === step.label.en) {
      if (step.status === 'current') prev.status = 'current';
    } else out.push({ ...step });
    return out;
  }, []);
}
