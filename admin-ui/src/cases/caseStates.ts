import { BUILTIN_WORKFLOWS } from '@layanan/workflow';

/** Every state of the built-in workflows, labelled in the UI language (state filter). */
export function stateChoices(locale: string): { id: string; name: string }[] {
  const lang = locale === 'en' ? 'en' : 'id';
  const seen = new Map<string, string>();
  for (const def of BUILTIN_WORKFLOWS) {
    for (const [key, state] of Object.entries(def.states)) {
      if (!seen.has(key)) seen.set(key, state.label[lang]);
    }
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}
