export const VOLUME_DIMENSIONS = ['product', 'endpoint', 'apiKey'] as const;
export type VolumeDimension = (typeof VOLUME_DIMENSIONS)[number];

/** Volume groups rank by calls only. */
export type VolumeOrder = 'calls';

export interface VolumeMeasures {
  calls: number;
  transactions: number;
}

export const emptyVolume = (): VolumeMeasures => ({ calls: 0, transactions: 0 });
