import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request the stub received, with the body parsed as Kusto's REST API sends it. */
export interface StubRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  db: string;
  csl: string;
  options: Record<string, unknown>;
  parameters: Record<string, unknown>;
}

/**
 * A programmed response: a status and a body (text is sent as it is, anything else as JSON),
 * optionally with extra headers, optionally delayed.
 */
export interface StubReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** Builds the reply to a request that finds no queued reply; undefined leaves the "StubExhausted" 500. */
export type StubResponder = (request: StubRequest) => StubReply | undefined;

export interface StubColumn {
  name: string;
  type: string;
}

/**
 * A local HTTP server that speaks enough of Kusto's REST protocol for azure-kusto-data: the auth
 * metadata endpoint returns 404 (the SDK then uses its defaults), and query and management
 * requests get the replies queued with `reply`, in order. When the queue is empty, the responder
 * set with `respondWith` builds the reply. It listens on 127.0.0.1 only.
 */
export class KustoProtocolStub {
  readonly requests: StubRequest[] = [];
  private readonly replies: StubReply[] = [];
  private readonly delays = new Set<NodeJS.Timeout>();
  private responder: StubResponder | undefined;
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  static async start(): Promise<KustoProtocolStub> {
    const stub = new KustoProtocolStub();
    await new Promise<void>((resolve) => stub.server.listen(0, '127.0.0.1', resolve));
    return stub;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reply(...replies: StubReply[]): void {
    this.replies.push(...replies);
  }

  /** Sets the responder that builds the reply to every request arriving after the queued replies are used up. */
  respondWith(responder: StubResponder): void {
    this.responder = responder;
  }

  async stop(): Promise<void> {
    for (const delay of this.delays) {
      clearTimeout(delay);
    }
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === '/v1/rest/auth/metadata') {
      response.writeHead(404).end();
      return;
    }
    if (request.method !== 'POST' || (path !== '/v2/rest/query' && path !== '/v1/rest/mgmt')) {
      response.writeHead(404).end();
      return;
    }

    const received = await readRequest(path, request);
    this.requests.push(received);
    const reply = this.replies.shift() ??
      this.responder?.(received) ?? {
        status: 500,
        body: {
          error: { code: 'StubExhausted', message: 'No reply was queued', '@permanent': true },
        },
      };
    if (reply.delayMs) {
      await new Promise<void>((resolve) => {
        const delay = setTimeout(() => {
          this.delays.delete(delay);
          resolve();
        }, reply.delayMs);
        this.delays.add(delay);
      });
      if (response.destroyed) {
        return;
      }
    }

    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    response
      .writeHead(reply.status, {
        ...reply.headers,
        'content-type': 'application/json; charset=utf-8',
      })
      .end(text);
  }
}

async function readRequest(path: string, request: IncomingMessage): Promise<StubRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }

  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    db: string;
    csl: string;
    properties?: unknown;
  };
  // Clients may send the properties as an object or as JSON text.
  const properties = (
    typeof body.properties === 'string' ? JSON.parse(body.properties) : (body.properties ?? {})
  ) as {
    Options?: Record<string, unknown>;
    Parameters?: Record<string, unknown>;
  };
  return {
    path,
    headers: request.headers,
    db: body.db,
    csl: body.csl,
    options: properties.Options ?? {},
    parameters: properties.Parameters ?? {},
  };
}

/** Builds a successful REST v2 response: header, query properties, the primary result, completion information and the completion frame. */
export function v2Result(
  columns: StubColumn[],
  rows: unknown[][],
  completion: { hasErrors?: boolean; oneApiErrors?: unknown[] } = {},
): unknown[] {
  const frames: unknown[] = [
    { FrameType: 'DataSetHeader', IsProgressive: false, Version: 'v2.0' },
    {
      FrameType: 'DataTable',
      TableId: 0,
      TableKind: 'QueryProperties',
      TableName: '@ExtendedProperties',
      Columns: [
        { ColumnName: 'TableId', ColumnType: 'int' },
        { ColumnName: 'Key', ColumnType: 'string' },
        { ColumnName: 'Value', ColumnType: 'dynamic' },
      ],
      Rows: [],
    },
    {
      FrameType: 'DataTable',
      TableId: 1,
      TableKind: 'PrimaryResult',
      TableName: 'PrimaryResult',
      Columns: columns.map((column) => ({ ColumnName: column.name, ColumnType: column.type })),
      Rows: rows,
    },
    {
      FrameType: 'DataTable',
      TableId: 2,
      TableKind: 'QueryCompletionInformation',
      TableName: 'QueryCompletionInformation',
      Columns: [
        { ColumnName: 'Timestamp', ColumnType: 'datetime' },
        { ColumnName: 'Level', ColumnType: 'int' },
      ],
      Rows: [],
    },
  ];
  const done: Record<string, unknown> = {
    FrameType: 'DataSetCompletion',
    HasErrors: completion.hasErrors ?? false,
    Cancelled: false,
  };
  if (completion.oneApiErrors) {
    done.OneApiErrors = completion.oneApiErrors;
  }
  frames.push(done);
  return frames;
}

/** Builds the REST v1 response of a management command. */
export function v1Result(columns: StubColumn[], rows: unknown[][]): unknown {
  return {
    Tables: [
      {
        TableName: 'Table_0',
        Columns: columns.map((column) => ({
          ColumnName: column.name,
          DataType: 'String',
          ColumnType: column.type,
        })),
        Rows: rows,
      },
    ],
  };
}

/** Kusto's JSON error body. */
export function kustoError(code: string, message: string, permanent: boolean): unknown {
  return {
    error: {
      code,
      message,
      '@type': 'Kusto.Data.Exceptions.KustoServiceException',
      '@message': message,
      '@context': {},
      '@permanent': permanent,
    },
  };
}
