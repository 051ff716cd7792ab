/**
 * Files are read into one buffer per thread, reused from file to file: a scan reads hundreds of MB, and
 * a fresh allocation per file made the garbage collector run for the external memory alone. A file's
 * bytes are only read while that file is scanned (findings hold copies), so the next file may reuse them.
 * Buffers over POOLED_READ_MAX are allocated for the one file, so a huge file does not stay resident.
 */
const POOLED_READ_MAX = 8 * 1024 * 1024;
let pooled = Buffer.allocUnsafeSlow(0);

/** A buffer of `size` bytes to read a file into, valid until the next call on this thread. */
export function readBuffer(size: number): Buffer {
  if (size > POOLED_READ_MAX) return Buffer.allocUnsafe(size);
  if (pooled.length < size) pooled = Buffer.allocUnsafeSlow(Math.min(POOLED_READ_MAX, Math.max(size, 2 * pooled.length, 64 * 1024)));
  return pooled.subarray(0, size);
}
