import type { Metafile } from 'esbuild';

export function buildCli(out: string): Promise<Metafile>;
export function buildDist(): Promise<void>;
