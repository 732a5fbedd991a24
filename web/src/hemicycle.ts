/**
 * Seat positions of a hemicycle: rows of seats on concentric half circles, the number per row in
 * proportion to its radius, seats numbered left to right by angle so that each party is a wedge.
 */
export function hemicycleSeats(total: number, rows: number): { x: number; y: number }[] {
  const radii = Array.from({ length: rows }, (_, row) => 0.45 + (0.55 * row) / Math.max(1, rows - 1));
  const sum = radii.reduce((a, b) => a + b, 0);
  const perRow = radii.map((radius) => Math.floor((total * radius) / sum));
  // The rows' shares rounded down leave a few seats: the outer rows take them.
  for (
    let row = rows - 1, left = total - perRow.reduce((a, b) => a + b, 0);
    left > 0;
    row = (row - 1 + rows) % rows, left--
  )
    perRow[row] = (perRow[row] as number) + 1;
  const seats: { x: number; y: number; angle: number }[] = [];
  radii.forEach((radius, row) => {
    const count = perRow[row] as number;
    for (let i = 0; i < count; i++) {
      const angle = Math.PI - (Math.PI * (i + 0.5)) / count;
      seats.push({ x: radius * Math.cos(angle), y: radius * Math.sin(angle), angle });
    }
  });
  return seats.sort((a, b) => b.angle - a.angle || a.y - b.y).map(({ x, y }) => ({ x, y }));
}
