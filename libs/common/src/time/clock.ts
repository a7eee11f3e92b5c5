/** The source of the present. Tests replace it to pin "now"; everything else reads it here. */
export class Clock {
  nowMs(): number {
    return Date.now();
  }
}
