import Fastify from 'fastify';
import { readFileSync } from 'node:fs';

/**
 * The baseline of the HTTP figure: Fastify with no plugins, which responds to every GET with the
 * bytes of a report response saved by the harness. Arguments: the body file and the port.
 */
async function main(): Promise<void> {
  const [bodyFile, port] = process.argv.slice(2);
  const body = readFileSync(bodyFile);
  const app = Fastify({ logger: false });

  app.get('/*', async (_request, reply) =>
    reply.header('content-type', 'application/json; charset=utf-8').send(body),
  );
  await app.listen({ host: '127.0.0.1', port: Number(port) });
  process.stdout.write('listening\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
