/**
 * The precedence check: where two rules find overlapping secrets in one rule's example, the scanner
 * keeps the finding of the rule first in `ruleOrder`. Two such rules must not be equal there, or the
 * winner would depend on something no one chose. Runs each rule's plain regex on the other rules'
 * examples (keywords first, so a few thousand examples cost little); the engine's filters are not
 * applied, so a tie is reported even where a filter would have silenced one side: better explicit.
 */
import { ruleOrder, type Rule } from './schema.js';

interface Probe {
  rule: Rule;
  regex: RegExp;
  keywords: string[];
}

/** [start, end) of every secret a rule's regex finds in a text: the `secret` group, else group 1, else the match. */
function secretSpans(regex: RegExp, text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text))) {
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const indices = match.indices!;
    spans.push(indices.groups?.secret ?? indices[1] ?? indices[0]);
  }
  return spans;
}

const overlaps = (a: Array<[number, number]>, b: Array<[number, number]>) => a.some(([s, e]) => b.some(([s2, e2]) => s < e2 && s2 < e));

/** One problem per pair of rules that overlap on an example and tie in `ruleOrder`. */
export function checkPrecedence(rules: readonly Rule[]): string[] {
  const probes: Probe[] = [];
  for (const rule of rules) {
    if (rule.pattern === undefined) continue;
    try {
      probes.push({ rule, regex: new RegExp(rule.pattern, `gd${rule.flags ?? ''}`), keywords: (rule.keywords ?? []).map((k) => k.toLowerCase()) });
    } catch {
      // The rule linter reports patterns that do not compile.
    }
  }
  // One problem per pair, however many examples show the overlap.
  const problems = new Map<string, string>();
  for (const own of probes) {
    const order = ruleOrder(own.rule);
    for (const example of own.rule.examples) {
      if (/^(?:file|path):/.test(example)) continue;
      const mine = secretSpans(own.regex, example);
      if (!mine.length) continue;
      const lower = example.toLowerCase();
      for (const other of probes) {
        if (other === own || ruleOrder(other.rule) !== order) continue;
        if (other.keywords.length && !other.keywords.some((k) => lower.includes(k))) continue;
        if (!overlaps(mine, secretSpans(other.regex, example))) continue;
        const [a, b] = [own.rule.id, other.rule.id].sort();
        if (!problems.has(`${a} ${b}`))
          problems.set(
            `${a} ${b}`,
            `rules ${a} and ${b} find the same secret (in an example of ${own.rule.id}) and tie in precedence: give the one that should win a higher \`precedence\``,
          );
      }
    }
  }
  return [...problems.values()];
}
