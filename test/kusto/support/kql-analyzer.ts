import { EVENTS_TABLE_NAME, eventsTableSchema, ROLLUP_VIEW_SCHEMA, ROLLUP_VIEWS, rollupViewQuery } from '@analytics/store';

/**
 * The official Kusto parser and semantic analyzer (@kusto/language-service-next, Kusto.Language
 * compiled to JavaScript with Bridge.NET), loaded once per test file. The package defines the
 * global `Kusto` namespace instead of exporting modules, so only the few members used here are
 * typed below.
 */
interface BridgeList<T> {
  Count: number;
  getItem(index: number): T;
}

interface KustoDiagnostic {
  Severity: string;
  Code: string;
  Message: string;
  Start: number;
  Length: number;
}

interface KustoCode {
  Kind: string;
  GetDiagnostics(): BridgeList<KustoDiagnostic>;
}

interface GlobalState {
  WithDatabase(database: unknown): GlobalState;
}

interface KustoLanguage {
  GlobalState: { Default: GlobalState };
  KustoCode: { ParseAndAnalyze(text: string, globals: GlobalState): KustoCode };
  Symbols: {
    TableSymbol: { $ctor7: new (name: string, schema: string, description: string | null) => unknown };
    MaterializedViewSymbol: { $ctor3: new (name: string, schema: string, query: string, description: string | null) => unknown };
    DatabaseSymbol: { $ctor2: new (name: string, alternateName: string | null, members: unknown[]) => unknown };
  };
}

export interface KqlDiagnostic {
  severity: string;
  code: string;
  message: string;
  /** The text around the problem, for a readable failure. */
  near: string;
}

export class KqlAnalyzer {
  private constructor(
    private readonly language: KustoLanguage,
    private readonly globals: GlobalState,
  ) {}

  /** Loads the language service and declares the database schema defined in code. */
  static async load(): Promise<KqlAnalyzer> {
    // Bridge's runtime first, then the compiled Kusto.Language assembly that registers on it. The
    // names are variables because the packages ship global declarations, not module types.
    for (const file of ['bridge.js', 'Kusto.Language.Bridge.js']) {
      const specifier = `@kusto/language-service-next/${file}`;
      await import(specifier);
    }
    const language = (globalThis as unknown as { Kusto: { Language: KustoLanguage } }).Kusto.Language;

    const { Symbols } = language;
    const events = new Symbols.TableSymbol.$ctor7(EVENTS_TABLE_NAME, eventsTableSchema(), null);
    const views = ROLLUP_VIEWS.map((view) => new Symbols.MaterializedViewSymbol.$ctor3(view.name, ROLLUP_VIEW_SCHEMA, rollupViewQuery(view), null));
    const database = new Symbols.DatabaseSymbol.$ctor2('usage', null, [events, ...views]);

    return new KqlAnalyzer(language, language.GlobalState.Default.WithDatabase(database));
  }

  /** Parses and analyzes a query or a management command; returns its diagnostics of every severity. */
  diagnostics(text: string): KqlDiagnostic[] {
    const code = this.language.KustoCode.ParseAndAnalyze(text, this.globals);
    const list = code.GetDiagnostics();
    const result: KqlDiagnostic[] = [];
    for (let index = 0; index < list.Count; index++) {
      const item = list.getItem(index);
      result.push({
        severity: item.Severity,
        code: item.Code,
        message: item.Message,
        near: text.slice(Math.max(0, item.Start - 40), item.Start + Math.max(item.Length, 1) + 40),
      });
    }
    return result;
  }

  /** The diagnostics of severity Error only. */
  errors(text: string): KqlDiagnostic[] {
    return this.diagnostics(text).filter((diagnostic) => diagnostic.severity === 'Error');
  }

  /** Whether the analyzer read the text as a management command rather than a query. */
  isCommand(text: string): boolean {
    return this.language.KustoCode.ParseAndAnalyze(text, this.globals).Kind === 'Command';
  }
}
