/**
 * The twin's functions run in worker threads of its own Node.js; when that is not the major the template's Lambda
 * runtime names (Node.js 22 for nodejs24.x), `npm start` says so instead of pretending to match.
 */
import { describe, expect, it } from 'vitest';
import { lambdaNodeMajor, workerRuntimeNotice } from '#local/twin/worker-runtime';

const fn = (declaredRuntime: string) => ({ functionName: 'f', declaredRuntime });

describe('the Node.js the twin runs functions on', () => {
  it('reads the major of a Lambda Node.js runtime name, and nothing from other runtimes', () => {
    expect(lambdaNodeMajor('nodejs24.x')).toBe(24);
    expect(lambdaNodeMajor('python3.13')).toBeUndefined();
  });

  it('says nothing when the functions declare the major the twin runs on', () => {
    expect(workerRuntimeNotice([fn('nodejs24.x')], '24.3.0')).toBeUndefined();
  });

  it('names the declared runtime and the Node.js actually used on another major, and how to match', () => {
    const notice = workerRuntimeNotice([fn('nodejs24.x'), fn('nodejs24.x')], '22.11.0');

    expect(notice).toMatch(/declare nodejs24\.x but run on this Node\.js 22\.11\.0/);
    expect(notice).toContain('.nvmrc');
  });
});
