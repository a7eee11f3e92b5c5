/** Port of the latency report; an abstract class so that it is its own injection token. */
export abstract class LatencyRepository {}
