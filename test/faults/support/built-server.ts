import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The compiled server that `npm run build` writes; CI builds before it runs the tests. */
export const BUILT_SERVER = join(process.cwd(), 'dist/apps/analytics-api/src/main.js');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** Parsed JSON lines of standard output; other lines are kept as `{ text }`. */
  lines: Record<string, unknown>[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Finds a port that was free a moment ago on 127.0.0.1, because the server does not log the port it bound for PORT=0. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts the built server with `env` on top of a minimal environment, without waiting for it. */
export function spawnBuiltServer(
  env: Record<string, string>,
): Omit<ServerProcess, 'port' | 'baseUrl'> {
  if (!existsSync(BUILT_SERVER)) {
    throw new Error(`${BUILT_SERVER} is missing: run "npm run build" before these tests`);
  }

  const child = spawn(process.execPath, [BUILT_SERVER], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DEMO_DATA: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  let pending = '';

  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const text of complete.filter((line) => line.length > 0)) {
      lines.push(parseLine(text));
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  return { child, lines, stderr: () => stderr, exited };
}

/** Starts the built server on a free port and waits until it logs that it is listening. */
export async function startBuiltServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const server = spawnBuiltServer({ HOST: '127.0.0.1', PORT: String(port), ...env });

  const deadline = Date.now() + 20_000;
  while (!server.lines.some((line) => line.msg === 'Usage Analytics API listening')) {
    if (server.child.exitCode !== null || Date.now() > deadline) {
      server.child.kill('SIGKILL');
      throw new Error(
        `The server did not start: ${server.stderr() || JSON.stringify(server.lines.slice(-5))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { ...server, port, baseUrl: `http://127.0.0.1:${port}` };
}

function parseLine(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { text };
  }
}
