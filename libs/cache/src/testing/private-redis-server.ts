import { ChildProcess, spawn } from 'node:child_process';
import { createServer, Socket } from 'node:net';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 5_000;

/**
 * A `redis-server` child process on a free loopback port, without persistence, for tests that
 * must stop, restart or pause Redis. It keeps its port across restarts.
 */
export class PrivateRedisServer {
  private process: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly binary: string,
  ) {}

  /** Starts a server, or returns null when the `redis-server` binary cannot be run. */
  static async start(binary = 'redis-server'): Promise<PrivateRedisServer | null> {
    const server = new PrivateRedisServer(await freePort(), binary);
    try {
      await server.restart();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return server;
  }

  get url(): string {
    return `redis://${HOST}:${this.port}`;
  }

  /** Starts the server again after `stop()`, on the same port, with no data. */
  async restart(): Promise<void> {
    if (this.process) throw new Error(`redis-server on port ${this.port} is already running`);

    const child = spawn(
      this.binary,
      ['--port', String(this.port), '--bind', HOST, '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.process = child;
    let failed = false;
    await Promise.race([
      waitForPong(this.port, READY_TIMEOUT_MS, () => !failed),
      new Promise<never>((_, reject) => child.once('error', reject)),
      new Promise<never>((_, reject) =>
        child.once('exit', (code) =>
          reject(
            new Error(`redis-server on port ${this.port} exited with code ${code} while starting`),
          ),
        ),
      ),
    ]).catch((error: unknown) => {
      failed = true;
      this.process = null;
      throw error;
    });
  }

  /** Stops the server and waits for the process to exit. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child) return;

    this.process = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    await exited;
  }

  /** Freezes the process, so connections stay open but no command gets a reply. */
  pause(): void {
    this.process?.kill('SIGSTOP');
  }

  resume(): void {
    this.process?.kill('SIGCONT');
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string')
    throw new Error('Could not read the port of a probe listener');
  return address.port;
}

/** Resolves once a Redis on `port` replies to PING; rejects after `timeoutMs`. Stops early once `keepWaiting` returns false. */
export async function waitForPong(
  port: number,
  timeoutMs: number,
  keepWaiting: () => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && keepWaiting()) {
    if (await repliesToPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Redis on ${HOST}:${port} did not reply to PING within ${timeoutMs} ms`);
}

/** Checks whether a Redis on `port` replies to PING within 500 ms. */
export function repliesToPing(port: number, host = HOST): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let received = '';
    const finish = (replied: boolean): void => {
      socket.destroy();
      resolve(replied);
    };

    socket.setTimeout(500, () => finish(false));
    socket.once('error', () => finish(false));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) finish(received.startsWith('+PONG'));
    });
    socket.connect(port, host, () => socket.write('PING\r\n'));
  });
}
