/** A subcommand: takes its arguments, writes its result to stdout and returns the exit status. */
export interface Command {
  run: (args: string[]) => Promise<number>;
  /** Usage text printed for `--help` and after a usage error. */
  help: string;
}

/** A failure the command explains in its message; the CLI prints the message without a stack. */
export class CommandError extends Error {}
