/**
 * Path globs (`--include`, `--exclude`, `allow.paths`) read the way `.gitignore` and ripgrep's `-g`
 * read them, against a `/`-separated path relative to the scan root: a pattern without `/` matches a
 * name at any depth (`*.py` matches `src/app.py`); a pattern with one is anchored at the root (a
 * leading `/` only anchors); a trailing `/` matches directories only; a pattern matching a directory
 * covers everything under it (`vendor` excludes `vendor/x.js`).
 */
import picomatch from 'picomatch';

interface PathGlob {
  test: (subject: string) => boolean;
  anchored: boolean;
  directoryOnly: boolean;
}

/** A predicate on relative paths, or undefined when there are no patterns. */
export function pathGlobMatcher(patterns: readonly string[] | undefined): ((rel: string) => boolean) | undefined {
  if (!patterns?.length) return undefined;
  const globs: PathGlob[] = patterns.map((raw) => {
    const directoryOnly = raw.length > 1 && raw.endsWith('/');
    let pattern = directoryOnly ? raw.slice(0, -1) : raw;
    const anchored = pattern.includes('/');
    if (pattern.startsWith('/')) pattern = pattern.slice(1);
    return { test: picomatch(pattern, { dot: true }), anchored, directoryOnly };
  });
  return (rel: string) => {
    const parts = rel.split('/');
    for (let depth = 1; depth <= parts.length; depth++) {
      const isDirectory = depth < parts.length;
      const prefix = parts.slice(0, depth).join('/');
      for (const glob of globs) {
        if (glob.directoryOnly && !isDirectory) continue;
        if (glob.test(glob.anchored ? prefix : parts[depth - 1])) return true;
      }
    }
    return false;
  };
}
