import { cpus, freemem, loadavg, totalmem } from 'node:os';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  freeMemoryGb: number;
  node: string;
  /** 1, 5 and 15-minute load averages before the run (for the record: they lag; the disturbance figures do not). */
  loadAverage: number[];
}

export function describeMachine(): Machine {
  const gb = (bytes: number) => Number((bytes / 1024 ** 3).toFixed(1));
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: gb(totalmem()),
    freeMemoryGb: gb(freemem()),
    node: process.version,
    loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
  };
}
