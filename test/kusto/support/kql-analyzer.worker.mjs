// Parses and analyzes KQL texts with the official Kusto parser (@kusto/language-service-next,
// Kusto.Language compiled to JavaScript with Bridge.NET). It runs as a plain Node process because
// the same analysis is about eight times slower inside Jest's module sandbox.
// Input on stdin: {"database": {"tables": [[name, schema]], "views": [[name, schema, query]]}, "texts": [...]}.
// Output on stdout: one entry per text: {"kind": "Query" | "Command", "diagnostics": [...]}.
import { createRequire } from 'node:module';
import process from 'node:process';

// The package is a pair of Bridge.NET scripts that register the global `Kusto` namespace.
const require = createRequire(import.meta.url);
require('@kusto/language-service-next/bridge.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.js');

const language = globalThis.Kusto.Language;
const { Symbols } = language;

// Reading fd 0 synchronously fails with EAGAIN when the pipe has no data yet, so stdin is read as a stream.
const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const tables = input.database.tables.map(
  ([name, schema]) => new Symbols.TableSymbol.$ctor7(name, schema, null),
);
const views = input.database.views.map(
  ([name, schema, query]) => new Symbols.MaterializedViewSymbol.$ctor3(name, schema, query, null),
);
const globals = language.GlobalState.Default.WithDatabase(
  new Symbols.DatabaseSymbol.$ctor2('usage', null, [...tables, ...views]),
);

const results = input.texts.map((text) => {
  const code = language.KustoCode.ParseAndAnalyze(text, globals);
  const list = code.GetDiagnostics();
  const diagnostics = [];
  for (let index = 0; index < list.Count; index++) {
    const item = list.getItem(index);
    diagnostics.push({
      severity: item.Severity,
      code: item.Code,
      message: item.Message,
      near: text.slice(Math.max(0, item.Start - 40), item.Start + Math.max(item.Length, 1) + 40),
    });
  }
  return { kind: code.Kind, diagnostics };
});

process.stdout.write(JSON.stringify(results));
