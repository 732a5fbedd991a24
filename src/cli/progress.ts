/**
 * A one-line progress bar on stderr, drawn only on a terminal so that logs and pipes stay clean.
 */
export function progressBar(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): { update: (done: number) => void; finish: () => void } {
  const interactive = stream.isTTY === true;
  const draw = (done: number): void => {
    if (!interactive) return;
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`);
  };
  return {
    update: draw,
    finish: () => {
      draw(total);
      if (interactive) stream.write('\n');
    },
  };
}
