export interface RejectedLine {
  /** Line number in the file, counting from 1. */
  line: number;
  reason: string;
}

/** Maximum number of rejected lines listed in a report. The rest are only counted. */
export const MAX_LISTED_REJECTIONS = 1000;

/** Collects rejected lines, listing the first MAX_LISTED_REJECTIONS and counting all. */
export class RejectedLines {
  readonly listed: RejectedLine[] = [];
  count = 0;

  add(line: number, reason: string): void {
    this.count += 1;
    if (this.listed.length < MAX_LISTED_REJECTIONS) {
      this.listed.push({ line, reason });
    }
  }
}
