/**
 * Each colour of the workflow diagrams means one thing only, on every page: blue is where a
 * case (or the simulator) is now, grey is where it has been, red is a problem to fix. The
 * designer's selection is a dark outline, terminal and initial states are shapes (double frame,
 * thick left bar), never colours.
 */
export const STATE_COLOURS = {
  plain: { bg: '#ffffff', fg: '#1f2937', border: '#6b7280' },
  current: { bg: '#1976d2', fg: '#ffffff', border: '#0d47a1' },
  visited: { bg: '#e5e7eb', fg: '#1f2937', border: '#6b7280' },
  problem: '#d32f2f',
  selection: '#111827',
  edge: '#374151',
  edgeNotTaken: '#c4c8cf',
} as const;
