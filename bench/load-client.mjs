/**
 * One autocannon run in its own process (so the load generator does not share the server's
 * event loop): node bench/load-client.mjs '<json options>' prints autocannon's result as JSON.
 */
import autocannon from 'autocannon';

const opts = JSON.parse(process.argv[2]);
const result = await autocannon({ ...opts, renderProgressBar: false, renderResultsTable: false });
process.stdout.write(JSON.stringify(result));
