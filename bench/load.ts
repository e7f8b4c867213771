/** Runs autocannon in its own process, so the load generator does not share the server's thread. */
import autocannon from 'autocannon';

const [url = '', method = 'GET', headersJson = '{}', seconds = '3'] = process.argv.slice(2);
const result = await autocannon({ url, method: method as 'GET' | 'PUT', headers: JSON.parse(headersJson) as Record<string, string>, connections: 10, duration: Number(seconds) });
const requests = (result as unknown as { requests: { p50: number; min: number; max: number; average: number } }).requests;
process.stdout.write(JSON.stringify({ median: requests.p50 || requests.average, min: requests.min, max: requests.max, non2xx: result.non2xx, errors: result.errors }));
