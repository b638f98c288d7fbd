// Expands the JSON-LD document on standard input with jsonld.js, refusing to fetch any remote context,
// and prints the expanded form: the test checks the IRIs it finds there.
import jsonld from 'jsonld';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const noRemoteContexts = async (url) => { throw new Error(`refusing to load remote context ${url}`); };
const expanded = await jsonld.expand(document, { documentLoader: noRemoteContexts, safe: true });
process.stdout.write(JSON.stringify(expanded));
