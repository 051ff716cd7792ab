/**
 * What a rule looks for around a secret it found: the `context` that must be there (evidence that
 * names the provider, so a generic shape gets the right label and playbook) and the `partners` that
 * complete a credential in parts (an account SID beside an auth token), recorded redacted so a report
 * shows which pieces leaked together without holding them.
 */
import { redact } from './redact.js';
import type { CompiledRule } from './ruleset.js';
import type { TextLike } from './text.js';
import type { FindingDetails } from '../types.js';

/** Characters either side of the secret searched for the rule's context. */
const CONTEXT_REACH = 600;
/** Characters either side of the secret searched for partner values (a config file's section, a script). */
const PARTNER_REACH = 4000;

/** Undefined when the rule's context is missing; otherwise the partner details found (maybe none). */
export function nearby(
  text: TextLike,
  start: number,
  end: number,
  rule: CompiledRule,
): { partners?: FindingDetails; partnerValues?: Record<string, string> } | undefined {
  if (rule.context && !rule.context.test(text.slice(Math.max(0, start - CONTEXT_REACH), Math.min(text.length, end + CONTEXT_REACH)))) return undefined;
  if (!rule.partners.length) return {};
  const from = Math.max(0, start - PARTNER_REACH);
  const around = text.slice(from, Math.min(text.length, end + PARTNER_REACH));
  let partners: FindingDetails | undefined;
  // The raw values stay in memory for --verify (a Twilio token is checked with its account SID); reports print `partners`.
  let partnerValues: Record<string, string> | undefined;
  for (const [name, regex] of rule.partners) {
    const value = closestValue(regex, around, start - from, end - from);
    if (!value) continue;
    (partners ??= {})[name] = redact(value);
    (partnerValues ??= {})[name] = value;
  }
  return { partners, partnerValues };
}

/** The value (first matching group, else the match) of `regex` nearest to the secret at [start, end), not overlapping it. */
function closestValue(regex: RegExp, text: string, start: number, end: number): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text))) {
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    // The first group that took part in the match (alternatives may each have their own group).
    const span = match.indices!.slice(1).find((group) => group !== undefined) ?? match.indices![0];
    if (span[0] < end && start < span[1]) continue;
    const distance = span[1] <= start ? start - span[1] : span[0] - end;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = text.slice(span[0], span[1]);
    }
  }
  return best;
}
