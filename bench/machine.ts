import { cpus, totalmem } from 'node:os';

export interface MachineDescription {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  duckdb: string;
  platform: string;
}

export function describeMachine(duckdbVersion: string): MachineDescription {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    duckdb: duckdbVersion,
    platform: `${process.platform} ${process.arch}`,
  };
}
