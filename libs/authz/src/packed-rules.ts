import { packRules, unpackRules, type PackRule } from '@casl/ability/extra';
import { createAppAbility, type AppAbility, type AppRawRule } from './app-ability';

export type PackedAbilityRules = PackRule<AppRawRule>[];

/** Compact form of the rules for GET /api/auth/me (`MeResponse.rules`). */
export function packAbilityRules(ability: AppAbility): PackedAbilityRules {
  return packRules<AppRawRule>(ability.rules);
}

export class InvalidPackedRulesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPackedRulesError';
  }
}

function assertPackedRule(rule: unknown, index: number): asserts rule is PackRule<AppRawRule> {
  if (!Array.isArray(rule) || rule.length < 2 || rule.length > 6) {
    throw new InvalidPackedRulesError(`packed rule #${index} is not a 2..6 element array`);
  }
  const [action, subjectType, conditions] = rule as unknown[];
  if (typeof action !== 'string' || action === '' || typeof subjectType !== 'string' || subjectType === '') {
    throw new InvalidPackedRulesError(`packed rule #${index} has no action or subject`);
  }
  if (conditions !== undefined && conditions !== 0 && (typeof conditions !== 'object' || conditions === null)) {
    throw new InvalidPackedRulesError(`packed rule #${index} has malformed conditions`);
  }
}

/**
 * Rebuilds an ability from packed rules (the console side of GET /api/auth/me). Accepts
 * `unknown[]` because that is how `MeResponse.rules` is typed; malformed input throws
 * instead of producing a partial ability.
 */
export function abilityFromPackedRules(packed: readonly unknown[]): AppAbility {
  packed.forEach(assertPackedRule);
  return createAppAbility(unpackRules<AppRawRule>(packed as PackedAbilityRules));
}
