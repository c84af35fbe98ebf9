// Sample web app: answers at / with its config and host, uses a dependency
// from the npm registry (ms) so the test sees that node_modules was installed.
const http = require('http');
const os = require('os');
const ms = require('ms');

const started = Date.now();
const port = Number(process.env.PORT || 5000);

const server = http.createServer((req, res) => {
  if (req.url === '/unhealthy') {
    res.writeHead(503, { 'Content-Type': 'text/plain' });
    res.end('not healthy on purpose\n');
    return;
  }
  if (req.url === '/healthz') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok\n');
    return;
  }
  const greeting = process.env.GREETING || 'unset';
  const uptime = ms(Date.now() - started, { long: true });
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`Hello from node, GREETING=${greeting}, host=${os.hostname()}, up ${uptime} (ms ${ms('2h')}ms)\n`);
});

server.listen(port, () => console.log(`listening on ${port} with node ${process.version}`));

// Stop cleanly when the platform stops the container: finish open requests, then exit.
process.on('SIGTERM', () => {
  console.log('SIGTERM: closing server');
  server.close(() => process.exit(0));
  server.closeIdleConnections?.();
  setTimeout(() => process.exit(0), 5000).unref();
});
