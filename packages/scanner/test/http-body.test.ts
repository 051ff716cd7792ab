// The HTTP client (verification, org inventory) decodes a body once: a UTF-8 character whose bytes
// arrive in two chunks stays one character.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { httpClient } from '../src/verify/http.js';

describe('httpClient', () => {
  it('keeps a character split across two chunks whole', async () => {
    const body = Buffer.from('{"name":"données"}');
    const split = body.indexOf(0xc3) + 1; // between the two bytes of "é"
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(body.subarray(0, split));
      setTimeout(() => res.end(body.subarray(split)), 50);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const http = httpClient(5000);
    try {
      const response = await http({ method: 'GET', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
      expect(JSON.parse(response.text)).toEqual({ name: 'données' });
    } finally {
      await http.close?.();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
