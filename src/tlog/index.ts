/** The transparency log's formats, pure (docs/transparency-log.md, "Formats"). */
export * from './merkle.ts';
export * from './note.ts';
export * from './checkpoint.ts';
export * from './cosignature.ts';
export * from './tiles.ts';
export * from './tlog-proof.ts';
export * from './keys.ts';
