/** react-admin list URL of a queue, so a count is a door into the work behind it. */
export const queueUrl = (queue: string): string => `/cases?filter=${encodeURIComponent(JSON.stringify({ queue }))}&order=ASC&sort=dueAt`;
