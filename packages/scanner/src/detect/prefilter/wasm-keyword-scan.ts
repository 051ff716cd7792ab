/**
 * The keyword prefilter's pass in WebAssembly (source: packages/scanner/wasm/keyword-scan.ts, compiled
 * by the build into keyword-scan-wasm.ts). It finds every keyword, in any case spelling: anchors by a
 * table lookup per 3-byte window, then the keywords anchored there compared in full, so only whole
 * keywords come back to JavaScript, however many keywords there are. Each instance owns its memory:
 * the anchor table, the keyword tables, one input chunk and the keywords found in it.
 */
import { KEYWORD_SCAN_WASM } from './keyword-scan-wasm.js';

/** The parts of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
interface Global {
  value: number;
}
interface Exports {
  memory: { buffer: ArrayBuffer };
  scan(length: number, from: number, end: number): void;
  setMaxBucket(value: number): void;
  fillTable(): void;
  next: Global;
  longCount: Global;
  shortCount: Global;
  TABLE_OFFSET: Global;
  INPUT_OFFSET: Global;
  INPUT_CAPACITY: Global;
  INPUT_CONTEXT: Global;
  OUT_OFFSET: Global;
  SHORT_OUT_OFFSET: Global;
  OUT_CAPACITY: Global;
  LOWER_OFFSET: Global;
  SHORT_OFFSET: Global;
  HASH_OFFSET: Global;
  HASH_BITS: Global;
  CANDIDATE_OFFSET: Global;
  CANDIDATE_CAPACITY: Global;
  KEYWORD_OFFSET: Global;
  KEYWORD_BYTES: Global;
  MEMORY_END: Global;
}

/** What the pass needs to know of the keywords (built by KeywordIndex). */
export interface KeywordTables {
  /** Lower-cased keywords, as bytes. */
  keywords: Uint8Array[];
  /** Lower-cased anchor (b0 << 16 | b1 << 8 | b2) → keywords anchored there, in keyword order. */
  byAnchor: ReadonlyMap<number, ReadonlyArray<{ index: number; offset: number }>>;
  /** Lower-cased two bytes (b0 << 8 | b1) → two-byte keyword index + 1 (0: none). */
  short: Int32Array;
}

let compiled: object | null | undefined;

/** The compiled module, once per thread; null where WebAssembly is unavailable. */
function wasmModule(): object | null {
  if (compiled === undefined) {
    try {
      const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
      compiled = new api.Module(Buffer.from(KEYWORD_SCAN_WASM, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

export class WasmKeywordScan {
  private readonly exports: Exports;
  private readonly memory: Uint8Array;
  private readonly view: DataView;

  private constructor(exports: Exports) {
    this.exports = exports;
    this.memory = new Uint8Array(exports.memory.buffer);
    this.view = new DataView(exports.memory.buffer);
  }

  /** An instance that finds `tables`' keywords; null when WebAssembly cannot run here or they do not fit. */
  static create(tables: KeywordTables): WasmKeywordScan | null {
    const module = wasmModule();
    if (!module) return null;
    try {
      const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
      const scanner = new WasmKeywordScan(new api.Instance(module, {}).exports as unknown as Exports);
      return scanner.load(tables) ? scanner : null;
    } catch {
      return null;
    }
  }

  /** Writes the tables into memory; false when they exceed the module's fixed capacities. */
  private load({ keywords, byAnchor, short }: KeywordTables): boolean {
    const e = this.exports;
    const { memory, view } = this;
    const keywordBytes = keywords.reduce((sum, k) => sum + k.length, 0);
    const candidates = [...byAnchor.values()].reduce((sum, list) => sum + list.length, 0);
    const maxBucket = Math.max(1, ...[...byAnchor.values()].map((list) => list.length));
    const fits =
      memory.length >= e.MEMORY_END.value &&
      keywordBytes <= e.KEYWORD_BYTES.value &&
      candidates <= e.CANDIDATE_CAPACITY.value &&
      byAnchor.size <= (1 << e.HASH_BITS.value) / 2 &&
      maxBucket <= 255 &&
      keywords.every((k) => k.length <= e.INPUT_CONTEXT.value && k.length < 1 << 16);
    if (!fits) return false;
    for (let i = 0; i < 256; i++) memory[e.LOWER_OFFSET.value + i] = i >= 65 && i <= 90 ? i + 32 : i;
    // Only the two-byte keywords' entries: a loop over all 65,536 would be optimized by V8 in every worker.
    for (const keyword of keywords) {
      if (keyword.length !== 2) continue;
      const pair = (keyword[0] << 8) | keyword[1];
      view.setUint16(e.SHORT_OFFSET.value + 2 * pair, short[pair], true);
    }
    const address: number[] = [];
    let at = e.KEYWORD_OFFSET.value;
    for (const keyword of keywords) {
      address.push(at);
      memory.set(keyword, at);
      at += keyword.length;
    }
    const slots = 1 << e.HASH_BITS.value;
    let first = 0;
    for (const [anchor, list] of byAnchor) {
      let slot = Math.imul(anchor, 2654435761) >>> (32 - e.HASH_BITS.value);
      while (view.getUint32(e.HASH_OFFSET.value + slot * 8, true) !== 0) slot = (slot + 1) & (slots - 1);
      view.setUint32(e.HASH_OFFSET.value + slot * 8, anchor + 1, true);
      view.setUint32(e.HASH_OFFSET.value + slot * 8 + 4, (first << 8) | list.length, true);
      for (const { index, offset } of list) {
        const entry = e.CANDIDATE_OFFSET.value + first * 12;
        view.setUint32(entry, index, true);
        view.setUint32(entry + 4, address[index], true);
        view.setUint32(entry + 8, (keywords[index].length << 16) | offset, true);
        first++;
      }
    }
    e.setMaxBucket(maxBucket);
    // The anchor table, from the hash and short tables just written.
    e.fillTable();
    return true;
  }

  /**
   * Appends every keyword occurrence in `bytes` as (offset, keyword index) pairs: keywords of three
   * bytes or more to `hits`, two-byte keywords to `shortHits`, each in the order a position-by-position
   * check of the anchors finds them. A two-byte keyword is found from the window before it, so one at
   * offset 0, which no window precedes, is the caller's.
   */
  scan(bytes: Uint8Array, hits: number[], shortHits: number[]): void {
    const e = this.exports;
    const { memory } = this;
    const input = e.INPUT_OFFSET.value;
    const chunk = e.INPUT_CAPACITY.value;
    const context = e.INPUT_CONTEXT.value;
    const out = new Uint32Array(memory.buffer, e.OUT_OFFSET.value, 2 * e.OUT_CAPACITY.value);
    const shortOut = new Uint32Array(memory.buffer, e.SHORT_OUT_OFFSET.value, 2 * e.OUT_CAPACITY.value);
    const n = bytes.length;
    // Each call searches the window starts of one chunk, with `context` bytes either side of it in
    // memory, so a keyword that crosses the chunk's edge is still compared whole.
    for (let base = 0; base + 2 < n; base += chunk) {
      const from = Math.max(0, base - context);
      const to = Math.min(n, base + chunk + 2 + context);
      memory.set(bytes.subarray(from, to), input);
      const end = Math.min(base + chunk, n - 2) - from;
      for (let at = base - from; at < end;) {
        e.scan(to - from, at, end);
        // WebAssembly memory is little-endian, as every platform Node runs on.
        for (let i = 0, count = 2 * e.longCount.value; i < count; i += 2) hits.push(from + out[i], out[i + 1]);
        for (let i = 0, count = 2 * e.shortCount.value; i < count; i += 2) shortHits.push(from + shortOut[i], shortOut[i + 1]);
        at = e.next.value;
      }
    }
  }
}
