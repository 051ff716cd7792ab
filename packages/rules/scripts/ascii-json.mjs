// JSON with every non-ASCII character as a \u escape: hush reads its rule data as one-byte (latin1) text,
// the fastest to load and parse, which is only right for ASCII. Used by compile.mjs and scripts/bundle.mjs.
export const asciiJson = (value) => JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
