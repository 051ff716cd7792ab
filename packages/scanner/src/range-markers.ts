/**
 * A pull request must not silence its own findings: in a range audit, an inline marker
 * (`hush:ignore`, `gitleaks:allow`, `pragma: allowlist secret`) suppresses a finding only when the
 * base revision already had that line with its marker. One the range adds is not honoured: the
 * finding is reported as any other (the gate fails) with a warning naming the file.
 */
import { gitSync } from './sources/git-process.js';
import type { Finding } from './types.js';

/** Findings with range-added markers unsuppressed, and one warning per file where that happened. */
export function withoutRangeAddedMarkers(
  repo: string,
  base: string | undefined,
  range: string,
  findings: Finding[],
): { findings: Finding[]; warnings: string[] } {
  const baseLines = new Map<string, Set<string>>();
  const linesAt = (path: string) => {
    let lines = baseLines.get(path);
    if (!lines) {
      const text = base ? gitSync(repo, ['cat-file', 'blob', `${base}:${path}`], { allowFailure: true }).toString('utf8') : '';
      lines = new Set(text.split(/\r\n|\r|\n/));
      baseLines.set(path, lines);
    }
    return lines;
  };
  const touched = new Set<string>();
  const out = findings.map((f) => {
    if (f.suppression?.kind !== 'inSource') return f;
    const path = f.commit?.path ?? f.path;
    // The finding's line as it is now, with its marker (whole for lines up to 500 characters).
    if (linesAt(path).has(f.lineText)) return f;
    touched.add(path);
    const { suppression: _dropped, ...kept } = f;
    return kept;
  });
  const warnings = [...touched].map(
    (path) =>
      `${path}: an inline suppression marker added in ${range} was not honoured (a change cannot silence its own findings; accept it in a baseline on the base branch instead)`,
  );
  return { findings: out, warnings };
}
