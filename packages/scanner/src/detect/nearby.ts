/**
 * What a rule looks for around a secret it found: the `context` that must be there (evidence that
 * names the provider, so a generic shape gets the right label and playbook) and the `partners` that
 * complete a credential in parts (an account SID beside an auth token), recorded redacted so a report
 * shows which pieces leaked together without holding them.
 */
import { redact } from './redact.js';
import type { CompiledRule } from './ruleset.js';
import { NearMatches, type NearMatch } from './near-matches.js';
import type { TextLike } from './text.js';
import type { FindingDetails } from '../types.js';

/** Characters either side of the secret searched for the rule's context. */
const CONTEXT_REACH = 600;
/** Added to the distance of context on another line than the secret's (more than any reach). */
const OTHER_LINE = 1 << 20;
/** Characters either side of the secret searched for partner values (a config file's section, a script). */
const PARTNER_REACH = 4000;
const LINE_BREAK = /[\r\n]/;

/** The evidence and partners around secrets of one text, each regex run over the text at most once in all (see near-matches.ts). */
export class Surroundings {
  private readonly finders = new Map<CompiledRule, { context?: NearMatches; partners: Array<[string, NearMatches]> }>();
  constructor(private readonly text: TextLike) {}

  /**
   * Undefined when the rule's context is missing; otherwise how far its nearest context is from the
   * secret (characters between them) and the partner details found (maybe none).
   */
  of(
    start: number,
    end: number,
    rule: CompiledRule,
  ): { contextDistance?: number; partners?: FindingDetails; partnerValues?: Record<string, string> } | undefined {
    let finders = this.finders.get(rule);
    if (!finders) {
      finders = {
        context: rule.context ? new NearMatches(new RegExp(rule.context.source, 'gi'), this.text, CONTEXT_REACH) : undefined,
        partners: rule.partners.map(([name, regex]) => [name, new NearMatches(regex, this.text, PARTNER_REACH)]),
      };
      this.finders.set(rule, finders);
    }
    let contextDistance: number | undefined;
    if (finders.context) {
      for (const m of finders.context.around(start, end)) {
        const [from, to] = m.end <= start ? [m.end, start] : m.start >= end ? [end, m.start] : [start, start];
        // Evidence on the secret's own line is nearer than any on another line, however short the gap
        // (a line ends at LF, CRLF or a lone CR, as everywhere else in the engine).
        const distance = to - from + (to > from && LINE_BREAK.test(this.text.slice(from, to)) ? OTHER_LINE : 0);
        contextDistance = Math.min(contextDistance ?? distance, distance);
      }
      if (contextDistance === undefined) return undefined;
    }
    if (!finders.partners.length) return { contextDistance };
    let partners: FindingDetails | undefined;
    // The raw values stay in memory for --verify (a Twilio token is checked with its account SID); reports print `partners`.
    let partnerValues: Record<string, string> | undefined;
    for (const [name, near] of finders.partners) {
      const value = closestValue(near.around(start, end), start, end);
      if (value === undefined || value[0] === value[1]) continue;
      const text = this.text.slice(value[0], value[1]);
      (partners ??= {})[name] = redact(text);
      (partnerValues ??= {})[name] = text;
    }
    return { contextDistance, partners, partnerValues };
  }
}

/** The [from, to) of the value (first matching group, else the match) nearest to the secret at [start, end), not overlapping it. */
function closestValue(matches: NearMatch[], start: number, end: number): [number, number] | undefined {
  let best: [number, number] | undefined;
  let bestDistance = Infinity;
  for (const m of matches) {
    if (m.groupStart < end && start < m.groupEnd) continue;
    const distance = m.groupEnd <= start ? start - m.groupEnd : m.groupStart - end;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = [m.groupStart, m.groupEnd];
    }
  }
  return best;
}
