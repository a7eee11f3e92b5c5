import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A server under test, run as a child process so its memory and CPU are its own. */
export class ChildServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {}

  static async start(
    name: string,
    args: string[],
    {
      env = {},
      readyPath,
      port,
    }: { env?: Record<string, string>; readyPath: string; port: number },
  ): Promise<ChildServer> {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });

    const server = new ChildServer(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(
          `${name} exited with code ${child.exitCode} before it was ready: ${stderr}`,
        );
      }
      const ready = await fetch(`${server.baseUrl}${readyPath}`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) {
        return server;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    child.kill('SIGKILL');
    throw new Error(`${name} was not ready within 120 s: ${stderr}`);
  }

  /** Peak resident set size of the process so far (VmHWM), in MiB. */
  peakRssMb(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    if (!match) {
      throw new Error(`No VmHWM line in /proc/${this.child.pid}/status`);
    }
    return Math.round(Number(match[1]) / 1024);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
