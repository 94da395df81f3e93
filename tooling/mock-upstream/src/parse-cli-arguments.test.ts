import { describe, expect, it } from 'vitest';
import { parseCliArguments } from './parse-cli-arguments.js';

describe('parseCliArguments', () => {
  it('reads port, host and repeated api keys', () => {
    expect(
      parseCliArguments(['--port', '9999', '--host', '0.0.0.0', '--api-key', 'a', '--api-key', 'b']),
    ).toEqual({
      help: false,
      options: { port: 9999, host: '0.0.0.0', apiKeys: ['a', 'b'] },
    });
  });

  it('defaults to a free port', () => {
    expect(parseCliArguments([])).toEqual({ help: false, options: { port: 0 } });
  });

  it('rejects a bad port and unknown flags', () => {
    expect(() => parseCliArguments(['--port', 'x'])).toThrow(/--port must be an integer/);
    expect(() => parseCliArguments(['--prot', '1'])).toThrow();
  });
});
