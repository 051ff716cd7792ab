/**
 * The keyword prefilter's inner loop in WebAssembly (source: packages/scanner/wasm/keyword-scan.ts,
 * compiled by the build into keyword-scan-wasm.ts). It finds every position whose 3 bytes are a
 * keyword anchor; the caller checks the whole keyword there. V8 runs it about twice as fast as the
 * same loop in JavaScript (no bounds checks, eight windows per branch). Each instance owns its
 * memory: the anchor table, one input chunk and the positions found in it.
 */
import { KEYWORD_SCAN_WASM } from './keyword-scan-wasm.js';

/** The parts of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
interface Exports {
  memory: { buffer: ArrayBuffer };
  scan(length: number, from: number): number;
  next: { value: number };
  TABLE_OFFSET: { value: number };
  INPUT_OFFSET: { value: number };
  INPUT_CAPACITY: { value: number };
  OUT_OFFSET: { value: number };
  OUT_CAPACITY: { value: number };
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

export class WasmAnchorScan {
  private readonly exports: Exports;
  private readonly memory: Uint8Array;
  private readonly input: number;
  private readonly chunk: number;
  private readonly positions: Uint32Array;

  private constructor(exports: Exports) {
    this.exports = exports;
    this.memory = new Uint8Array(exports.memory.buffer);
    this.input = exports.INPUT_OFFSET.value;
    this.chunk = exports.INPUT_CAPACITY.value;
    this.positions = new Uint32Array(exports.memory.buffer, exports.OUT_OFFSET.value, exports.OUT_CAPACITY.value);
  }

  /**
   * An instance whose table holds `windows` (3-byte windows as b0 | b1 << 8 | b2 << 16, every case
   * spelling already included); null when WebAssembly cannot run here.
   */
  static create(windows: Iterable<number>): WasmAnchorScan | null {
    const module = wasmModule();
    if (!module) return null;
    try {
      const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
      const scanner = new WasmAnchorScan(new api.Instance(module, {}).exports as unknown as Exports);
      const table = scanner.exports.TABLE_OFFSET.value;
      for (const w of windows) scanner.memory[table + w] = 1;
      return scanner;
    } catch {
      return null;
    }
  }

  /** Calls `onAnchor(position)` for every window start in `bytes` that is an anchor, in ascending order. */
  forEach(bytes: Uint8Array, onAnchor: (position: number) => void): void {
    const { exports, memory, input, chunk, positions } = this;
    // Chunks overlap by two bytes, so windows across a chunk boundary are searched once, in the first.
    for (let base = 0; base + 2 < bytes.length; base += chunk) {
      const length = Math.min(bytes.length - base, chunk + 2);
      memory.set(bytes.subarray(base, base + length), input);
      const end = Math.min(length - 2, chunk);
      for (let from = 0; from < end;) {
        const found = exports.scan(Math.min(length, end + 2), from);
        for (let i = 0; i < found; i++) onAnchor(base + positions[i]);
        from = exports.next.value;
      }
    }
  }
}
